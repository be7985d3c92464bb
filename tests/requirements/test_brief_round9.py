"""Round-nine brief mechanisms for places, teams, refusals and dates, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief_hosting import hosting_places, product_providers

from ._brief import near as _near
from ._brief import values as _values

C = "constraints"
MVP = f"{C}.timeline.mvp_months"
PROD = f"{C}.timeline.production_months"
TEAM = f"{C}.team.engineers"


def test_products_name_their_provider_from_the_knowledge_base() -> None:
    products = dict(product_providers())
    assert products["Cloud Run"] == "gcp"
    assert products["EKS"] == "aws"
    assert products["Cosmos DB"] == "azure"
    assert "Distro" not in products and "MQ" not in products  # too generic to place anything


@pytest.mark.parametrize(
    ("text", "cloud"),
    [
        ("Hosting stays where it is: Google Cloud (Cloud Run + Cloud SQL).", "gcp"),
        ("Infra is in the Seoul region (EKS, RDS).", "aws"),
        ("Q. Where will it run?\nA. We're on Lambda and Aurora already.", "aws"),
        ("Hosting: we're a Microsoft house, so Azure.", "azure"),
    ],
)
def test_a_provider_or_its_product_in_a_clause_about_hosting(text: str, cloud: str) -> None:
    values = _values(text)
    assert values[f"{C}.cloud"] == cloud
    assert values[f"{C}.deployment"] == "cloud"


def test_a_product_where_it_runs_is_not_a_skill() -> None:
    text = "Marc and Dhruv know Kotlin well.\n- Hosting: Google Cloud (Cloud Run + Cloud SQL)."
    expertise = _values(text).get(f"{C}.team.expertise") or {}
    assert "cloud run" not in expertise


@pytest.mark.parametrize(
    "text",
    [
        "We're moving away from AWS hosting next year.",  # leaving is no choice
        "Maybe Azure hosting, maybe our own server, not sure.",  # an option
        "Our CTO used to work on Lambda at a bank.",  # no clause about hosting
    ],
)
def test_a_provider_not_chosen_places_nothing(text: str) -> None:
    assert f"{C}.cloud" not in _values(text)


def test_a_hosting_company_is_a_cloud_without_a_provider() -> None:
    values = _values("- hosting: Heroku, one dyno + Postgres")
    assert values[f"{C}.deployment"] == "cloud"
    assert f"{C}.cloud" not in values


@pytest.mark.parametrize(
    "text",
    ["It runs in our colo in Slough next to the WMS.", "Our servers are in our office."],
)
def test_a_place_of_ones_own_is_on_premises(text: str) -> None:
    assert _values(text)[f"{C}.deployment"] == "on-prem"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Tom's team is 5. Correction: Sam moved to payments, so it's Tom + 3 right now.", 4),
        ("team = you, me and the two juniors\n4 devs\njuniors are 3 now\nright. 5 then", 5),
        ("Our development team: 4 person for backend (Kotlin), 2 person for front (Next.js).", 6),
        ("My son Kwame will build it with his friends Efua and Yaw, so that's three of them.", 3),
        ("On the dev team I code sometimes but mostly I manage, so please count 6 people.", 6),
        ("- it's me plus Carla from the front desk, who is learning Python.", 2),
    ],
)
def test_team_sizes_restated_corrected_and_summed(text: str, size: int) -> None:
    assert _values(text)[TEAM] == size


def test_a_name_plus_a_year_count_is_no_team() -> None:
    assert TEAM not in _values("Python + 5 years of Django would be nice in a hire.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("No new MongoDB anything, ever.", "MongoDB"),
        ("We won't touch Kubernetes after the last bill.", "Kubernetes"),
        ("Kafka is a no-go for this team.", "Kafka"),
        ("Oracle Database shall not be used (licensing).", "Oracle Database"),
    ],
)
def test_technologies_refused(text: str, name: str) -> None:
    assert name in (_values(text).get(f"{C}.technologies.forbidden") or [])


@pytest.mark.parametrize(
    ("text", "field", "months"),
    [
        ("Date: 7 December 2026\nBeta by the end of summer 2027 (31 August).", MVP, 267 / 30.44),
        ("Date: 20 November 2026\nThe pilot goes live in the spring of 2027.", MVP, 101 / 30.44),
        ("Date: 20 November 2026\nAll 38 sites follow by the end of next year.", PROD, 406 / 30.44),
        (
            "Date: 6 December 2026\nEverything working by the fair, which is April the 4th.",
            PROD,
            119 / 30.44,
        ),
        ("Date: 1 March 2027\nFull roll-out no later than 31 October 2027.", PROD, 244 / 30.44),
        ("Date: 1 March 2027\nGo live: June 2027", PROD, 92 / 30.44),
        ("Date: 1 March 2027\nSwitch off the old system on 30 September 2027.", PROD, 213 / 30.44),
        ("Date: 1 March 2027\nEverything must be running by New Year.", PROD, 306 / 30.44),
        ("Date: 1 March 2027\nWe have a year to get it into production.", PROD, 12.0),
        ("Date: 5 Dec 2026\nFirst paying customers before the end of Q2 2027.", MVP, 207 / 30.44),
    ],
)
def test_dates_in_more_wordings(text: str, field: str, months: float) -> None:
    assert _near(_values(text).get(field), months)


def test_a_duration_shorter_than_a_week_is_no_deadline() -> None:
    text = "Date: 4 December 2026\nMy colleague Emre is working half day because he is a student."
    values = _values(text)
    assert PROD not in values and MVP not in values


def test_hosting_places_give_the_phrase_of_the_name() -> None:
    text = "Infra is AWS, Seoul region."
    (place,) = hosting_places(text)
    assert text[place.start : place.end] == "AWS"
    assert place.value == "aws"


def test_providers_listed_after_a_negation_are_all_ruled_out() -> None:
    values = _values("[ ] runs on the university's OpenStack in our own machine room, no AWS/GCP")
    assert f"{C}.cloud" not in values
    assert values[f"{C}.deployment"] == "on-prem"


def test_providers_offered_as_options_place_nothing() -> None:
    text = "A8. Government cloud offerings (AWS GovCloud or Azure Government) are acceptable."
    assert f"{C}.cloud" not in _values(text)


def test_a_name_plus_people_who_do_not_build_is_no_team() -> None:
    assert TEAM not in _values("[ ] Clerk + 2 volunteers can edit records")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("I will build it with two friends from university.", 3),
        ("My co-founder and I are building it.", 2),
        ("A pair of engineers from the agency will build it.", 2),
        ("You'd be the second developer, working with Sven.", 2),
        ("It's 2 squads of 3, plus our CTO Hamid who still codes most days.", 7),
        ("There's three of us on it, and we've a contractor, Pádraig, doing two days a week.", 4),
    ],
)
def test_team_sizes_from_the_grammar_of_the_sentence(text: str, size: int) -> None:
    assert _values(text)[TEAM] == size


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        (
            "Q. What does the team know well?\nA. TypeScript across the board. Postgres.",
            "postgresql",
            "strong",
        ),
        ("- Stack: Python/Django, they know it cold.", "django", "strong"),
        ("Declan and myself are grand with C# and .NET.", "c#", "strong"),
        ("None of us would know Python to be honest.", "python", "none"),
        ("Our devs know TypeScript, and a couple have dabbled with Go.", "go", "some"),
    ],
)
def test_skills_from_the_question_answered_and_the_grammar(
    text: str, skill: str, level: str
) -> None:
    expertise = _values(text).get(f"{C}.team.expertise") or {}
    assert expertise.get(skill) == level


def test_a_job_post_looking_for_a_developer_is_hiring() -> None:
    assert (
        _values("**Looking for: backend developer for a gallery platform**")[f"{C}.team.hiring"]
        is True
    )


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "For the servers we pay maybe 150 euro per month, it is ok if a bit more, maximum 250 euro.",
            250,
        ),
        ("- hosting: Heroku, ~$50/mo; he said don't go above $150.", 150),
    ],
)
def test_a_ceiling_after_a_monthly_amount_is_its_cap(text: str, amount: int) -> None:
    assert _values(text)[f"{C}.budget.infra_usd_per_month"] == amount


def test_a_smaller_amount_after_the_budget_is_no_ceiling() -> None:
    text = "Hosting budget is $400 a month. Each report may cost up to $2 to render."
    assert _values(text)[f"{C}.budget.infra_usd_per_month"] == 400


def test_a_pilot_counted_back_from_a_named_production_date() -> None:
    text = (
        "**Context date**: 2027-01-11\n\n"
        "- Timeline: dispatchers use it for real by the start of the summer season (3 July 2027);"
        " a pilot with 10 riders 8 weeks before that.\n"
    )
    values = _values(text)
    assert _near(values[PROD], 173 / 30.44)
    assert _near(values[MVP], 117 / 30.44)


def test_a_date_in_a_clause_about_people_coming_or_going_is_no_milestone() -> None:
    text = "1:1 notes - 2026-12-01\n- Ola left in Nov; backfill approved, interviews in Jan.\n"
    values = _values(text)
    assert MVP not in values and PROD not in values
