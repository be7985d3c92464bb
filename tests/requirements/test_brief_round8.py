"""Round-eight brief mechanisms for the team, dates, money and clients, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief import extract_brief

from ._brief import near as _near
from ._brief import values as _values

C = "constraints"
MVP = f"{C}.timeline.mvp_months"
PROD = f"{C}.timeline.production_months"
BUDGET = f"{C}.budget.infra_usd_per_month"


def test_a_date_no_milestone_names_before_production_is_the_mvp() -> None:
    text = (
        "Charter date: 3 February 2027\n\n"
        "- M1: the harbour crew logs inspections on tablets, 31 May 2027.\n"
        "- M2: full production with stock and reports, 30 September 2027.\n"
    )
    values = _values(text)
    assert _near(values[MVP], 117 / 30.44)  # M1 is no month 1: its line has a date
    assert _near(values[PROD], 239 / 30.44)


def test_a_later_date_no_milestone_names_after_the_mvp_is_production() -> None:
    text = (
        "notes (Mon 4 Jan 2027)\n"
        "- beta for the shop by 1 March\n"
        "- the supplier portal can wait, say the end of June\n"
    )
    values = _values(text)
    assert _near(values[MVP], 56 / 30.44)
    assert _near(values[PROD], 177 / 30.44)


def test_a_plan_table_with_iso_dates_is_due_at_each_tasks_end() -> None:
    text = (
        "Exported 2027-02-01\n\n"
        "| Task | Start | End |\n|---|---|---|\n"
        "| Pilot at two depots (MVP) | 2027-04-01 | 2027-04-30 |\n"
        "| Roll-out to all depots | 2027-05-03 | 2027-08-31 |\n"
    )
    values = _values(text)
    assert _near(values[MVP], 88 / 30.44)
    assert _near(values[PROD], 211 / 30.44)


def test_a_checkbox_line_is_a_sentence_of_its_own() -> None:
    text = (
        "TODO (updated 2027-01-10)\n"
        "[ ] season opens 1 April: the booking page must work by then (= MVP)\n"
        "[ ] refunds and reports by 1 July\n"
    )
    values = _values(text)
    assert _near(values[MVP], 81 / 30.44)
    assert _near(values[PROD], 172 / 30.44)


@pytest.mark.parametrize(
    ("text", "mvp", "prod"),
    [
        # weeks of a plan said with "at"
        ("Plan: first release at week 10; full go-live at week 20.", 70 / 30.44, 140 / 30.44),
        # a production line is no production milestone; a first try is the MVP
        ("First packing line try in 6 weeks. All 9 lines use it within 5 months.", 42 / 30.44, 5),
    ],
)
def test_milestones_in_other_words(text: str, mvp: float, prod: float) -> None:
    values = _values(text)
    assert _near(values[MVP], mvp)
    assert _near(values[PROD], prod)


def test_the_first_users_of_many_are_the_mvp() -> None:
    text = (
        "Sent: 1 October 2026. The first customers should be able to order by 1 December, "
        "and everything else done by the end of February."
    )
    values = _values(text)
    assert _near(values[MVP], 61 / 30.44)
    assert _near(values[PROD], 150 / 30.44)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Budget for the server is 3000 RMB each month.", 3000),
        ("Hosting budget: KES 40,000 per month.", 40000),
        ("We can spend 9,000 rand a month on hosting.", 9000),
    ],
)
def test_amounts_in_more_currencies_are_kept_as_written(text: str, amount: int) -> None:
    found = extract_brief(text).values[BUDGET]
    assert found.value == amount
    assert "not converted" in (found.note or "")


def test_a_ceiling_said_with_get_it_below_outranks_todays_spend() -> None:
    text = "Monthly cloud spend today is about $2,600; we've been asked to get it below $2,000."
    assert _values(text)[BUDGET] == 2000


@pytest.mark.parametrize(
    "text",
    [
        "Right now we use Alibaba Cloud for the shop.",
        "We propose Google Cloud in Frankfurt for the new portal.",
    ],
)
def test_a_provider_in_use_or_proposed_is_where_it_runs(text: str) -> None:
    assert _values(text)[f"{C}.deployment"] == "cloud"


EXPERTISE = f"{C}.team.expertise"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the team named, each technology in its clause levelled by the words around it
        (
            "Our IT have 2 people: Mr. Wu knows Java, Ms. Tan is learning Kotlin.",
            {"java": "strong", "kotlin": "learning"},
        ),
        ("Tobi, who lives in Angular, joined the team last spring.", {"angular": "strong"}),
        (
            "Who builds it: Dana and Eli on the backend (Elixir), Mo on the web admin (Vue).",
            {"elixir": "strong", "vue": "strong"},
        ),
        ("| Ingest service | 2027-05-24 | Kwame (Rust) |", {"rust": "strong"}),
        (
            "Two volunteers will build it: Ana, who programmed in Ruby for years, and Li, "
            "who writes some Python.",
            {"ruby": "strong", "python": "some"},
        ),
    ],
)
def test_technologies_in_a_clause_about_the_builders_are_their_skills(
    text: str, want: dict[str, str]
) -> None:
    got = _values(text)[EXPERTISE]
    assert isinstance(got, dict)
    for name, level in want.items():
        assert got.get(name) == level, (name, got)


@pytest.mark.parametrize(
    "text",
    [
        "Our Elixir developer left in October, so the app is paused.",
        "The team is hiring a backend engineer (Elixir or Rust) next year.",
        "The old system was built by a contractor in Elixir.",
    ],
)
def test_people_leaving_hires_and_the_old_system_give_no_skill(text: str) -> None:
    got = _values(text).get(EXPERTISE) or {}
    assert isinstance(got, dict)
    assert "elixir" not in got


ENGINEERS = f"{C}.team.engineers"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Our IT have 3 people, all of them on the new portal.", 3),
        ("Sprint review: we're still five, nobody left.", 5),
        ("Four parents have offered to build it in the evenings.", 4),
        ("Who would build it: you and your cousin from college.", 2),
        (
            "Our tech team is small: Ines, who writes Go, Pavel and a part-time contractor.",
            3,
        ),
    ],
)
def test_the_builders_counted_from_the_grammar_of_the_sentence(text: str, count: int) -> None:
    assert _values(text)[ENGINEERS] == count


def test_a_hedge_before_a_bracket_is_shared_by_what_the_bracket_names() -> None:
    got = _values("Our IT is me and a volunteer. I know Python a little bit (Django).")[EXPERTISE]
    assert isinstance(got, dict)
    assert got.get("django") == "some"


def test_one_who_will_not_code_brings_no_skill() -> None:
    text = "- In-house: one web developer (me, Drupal) - I will coordinate the agency, not code."
    got = _values(text).get(EXPERTISE) or {}
    assert isinstance(got, dict)
    assert "drupal" not in got


def test_a_language_from_the_stack_catalogue_is_a_skill_where_it_stands_as_one() -> None:
    got = _values("The team: two developers who write Clojure and a designer.")[EXPERTISE]
    assert isinstance(got, dict)
    assert got.get("clojure") == "strong"


CLIENTS = "functional.clients"


def test_a_client_paused_or_on_hold_is_no_client_now() -> None:
    text = "Members use the Android app and the web catalogue; the iOS app is paused until spring."
    assert sorted(_values(text)[CLIENTS]) == ["android", "web"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "About 2,400 patients have an account in our booking site.",
        "A self-hosted status page that stays up when everyone opens it.",
        "Parents pay online and see the menu for the week.",
    ],
)
def test_a_site_people_use_is_a_web_client(text: str) -> None:
    assert _values(text)[CLIENTS] == ["web"]


HIRING = f"{C}.team.hiring"


@pytest.mark.parametrize(
    ("text", "hiring"),
    [
        ("Recruitment of one additional mobile developer has been approved by HR.", True),
        ("Boss say no more people this year, so the two of us do it.", False),
        ("We cannot recruit before the grant is renewed.", False),
    ],
)
def test_hiring_from_a_clause_about_bringing_people_in(text: str, hiring: bool) -> None:
    assert _values(text)[HIRING] is hiring


def test_people_hired_in_the_past_are_no_plan_to_hire() -> None:
    assert HIRING not in _values("We hired our second developer in March.")


@pytest.mark.parametrize(
    ("text", "mvp", "prod"),
    [
        # parts of months: early is when the month begins, mid the 15th, late when it ends
        ("Date: 1 March 2027. Pilot in early May, production by late September.", 61, 213),
        ("Date: 1 March 2027. The MVP by mid-June, GA by mid-2028.", 106, 487),
        # half years, a season with its year, and the end of the year
        ("Date: 1 March 2027. The MVP by the end of H1, production in H2 2027.", 121, 305),
        ("Date: 1 March 2027. MVP by summer 2027, production by year end.", 92, 305),
        # slashed dates whose order is plain, and a month with an ordinal day
        ("Date: 1 March 2027. Pilot: 15/06/2027. Go-live: 30/09/2027.", 106, 213),
        ("Date: 1 March 2027. Pilot June 15th, go-live September 30th.", 106, 213),
    ],
)
def test_calendar_targets_in_more_forms(text: str, mvp: int, prod: int) -> None:
    values = _values(text)
    assert _near(values[MVP], mvp / 30.44)
    assert _near(values[PROD], prod / 30.44)


def test_a_season_said_without_its_year_is_no_date() -> None:
    values = _values("Date: 1 March 2027. The beta before the summer, if we can.")
    assert MVP not in values


def test_an_ambiguous_slashed_date_gives_no_date() -> None:
    assert MVP not in _values("Date: 1 March 2027. Pilot: 03/04/2027.")


def test_a_staff_group_being_recruited_is_no_part_of_the_team() -> None:
    text = (
        "Resources: internal development team of four (2 x Java, 2 x Angular). Recruitment of "
        "one additional mobile developer (Swift) has been approved."
    )
    values = _values(text)
    got = values.get(EXPERTISE) or {}
    assert isinstance(got, dict)
    assert "swift" not in got
    assert values[HIRING] is True
