"""Round-three brief forms: each general mechanism on a sentence written for the test."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from archwise.requirements import brief_rules, brief_time
from archwise.requirements.brief import Skill, extract_brief, skills
from archwise.requirements.quantities import parse_quantity

from ._brief import values as _values

E = "constraints.team.engineers"
BUDGET = "constraints.budget.infra_usd_per_month"


def test_one_table_of_month_units() -> None:
    assert brief_time.MONTH_UNITS is brief_rules.MONTH_UNITS
    assert brief_rules.MONTH_UNITS["day"] * brief_rules.DAYS_PER_MONTH == pytest.approx(1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a hundred and fifty", 150),
        ("nine thousand two hundred", 9_200),
        ("two hundred and fifty thousand", 250_000),
        ("eleven hundred", 1_100),
        ("a couple of thousand", 2_000),
        # "X or Y" is a range like "X to Y": the upper bound, scaled as the last number says
        ("four or five hundred", 500),
        ("3 or 4", 4),
    ],
)
def test_spelled_out_compounds(text: str, value: float) -> None:
    assert parse_quantity(text)[0] == value


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("team is me, Rafael and 2 freelancers.", 4),
        ("just me + my cousin coding.", 2),
        ("Team is the three of us plus Oskar, all Go.", 4),
        ("We're 4 on the squad, Go + Postgres.", 4),
        ("Hired 2 engineers in October; the team is now 8 engineers.", 8),
        ("Our IT team is having 3 members.", 3),
        ("the 3-person platform team can't babysit Kafka.", 3),
        ("2 teams (Core: 5 engineers; Dispatch: 4 engineers).", 9),
    ],
)
def test_team_sizes_as_people_write_them(text: str, count: int) -> None:
    assert _values(text)[E] == count


def test_a_team_of_technologies_is_no_roll_call() -> None:
    assert E not in _values("The team is Java and Go.")


def test_section_numbers_versions_and_the_pronoun_one_are_no_counts() -> None:
    text = "4.11 Infrastructure\nThe firmware version 3.2 stays.\nQuick one for the sizing: fine."
    found = _values(text)
    assert E not in found and "constraints.team.roles" not in found
    assert "non_functional.users.concurrent" not in found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sellers pay $12/month for a shop. We have a budget of $3,500/month for infra.", 3500),
        ("Our Heroku bill is $1,900 a month; the budget is $3,500/month.", 3500),
        (
            "I'm paying forty bucks a month for the old thing and could go to two hundred a month for the servers.",
            200,
        ),
    ],
)
def test_prices_and_todays_spend_give_way_to_the_budget(text: str, want: int) -> None:
    assert _values(text)[BUDGET] == want


def test_a_price_alone_is_no_budget() -> None:
    assert BUDGET not in _values("Pricing: Starter $79/month, Pro $199/month.")


@pytest.mark.parametrize(
    ("text", "cloud"),
    [
        ("We're moving to AWS next spring.", "aws"),
        ("- AWS, eu-west-1, must stay in the EU", "aws"),
        ("Hosting in the client's Azure tenant.", "azure"),
        ("| NFR-09 | Cloud | Azure (corporate standard) | Must |", "azure"),
    ],
)
def test_a_provider_named_where_the_system_runs(text: str, cloud: str) -> None:
    found = _values(text)
    assert found["constraints.cloud"] == cloud
    assert found["constraints.deployment"] == "cloud"


def test_a_provider_named_as_a_skill_is_no_cloud() -> None:
    assert "constraints.cloud" not in _values("They know C# very good, Azure a little bit.")


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("- AWS, eu-west-1, must stay in the EU", ["eu"]),
        ("All data, including backups, shall be stored within the European Union.", ["eu"]),
        ("We want to stay in France for the data.", ["fr"]),
        ("Data stays in Norway.", ["no"]),
    ],
)
def test_residency_in_other_words(text: str, regions: list[str]) -> None:
    assert _values(text)["non_functional.data_residency"] == regions


def test_a_regime_that_does_not_apply_is_left_out() -> None:
    found = _values("HIPAA does not apply here, but GDPR and LGPD do.")
    assert found["non_functional.compliance"] == ["gdpr", "lgpd"]


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        ("Students use it on web mostly, and there is an Android app.", ["web", "android"]),
        ("A customer portal (web) and an app for Android tablets.", ["web", "android"]),
        ("iOS and Android app, plus a small web page for sitters.", ["ios", "android", "web"]),
    ],
)
def test_the_web_named_in_passing(text: str, clients: list[str]) -> None:
    assert sorted(_values(text)["functional.clients"]) == sorted(clients)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("MVP in 10 weeks; public launch 3 months after the MVP.", "production_months", 5.31),
        ("today: 2026-12-07\n- prod cutover: end of Feb", "production_months", 2.73),
        (
            "2.0-alpha three months from now; 2.0 final six months after the alpha.",
            "production_months",
            9,
        ),
        ("- go-live: before spring season, i.e. 4 months", "production_months", 4),
        ("M6: MVP of the app. M18: production release.", "mvp_months", 6),
        ("Date: 7-Dec-2026\nWe go live on 1st June 2027.", "production_months", 5.78),
        ("| Metric | Today (pilot) | In 2 years |", "mvp_months", None),
    ],
)
def test_timelines(text: str, field: str, value: float | None) -> None:
    got = _values(text).get(f"constraints.timeline.{field}")
    assert got == (pytest.approx(value, abs=0.02) if value is not None else None)


@pytest.mark.parametrize(
    ("text", "future"),
    [
        (
            "Today 4,200 learners online at the same time. Design for 3x today's peak within two years.",
            12_600,
        ),
        ("Support 5x today's peak of 8,000 riders online at once by end of 2028.", 40_000),
        ("About 150 people on the app at the same time. Next year, so probably double that.", 300),
    ],
)
def test_growth_targets(text: str, future: int) -> None:
    assert _values(text)["non_functional.users.concurrent_in_2_years"] == future


def test_a_brief_pasted_as_csv_is_read_as_a_table() -> None:
    text = (
        "Field,Value\nProject,Harbour Pilotage Scheduler\nUsers at peak (concurrent),120\n"
        'Team size,2\nMVP,12 weeks\nProduction,5 months\nBudget (monthly),"EUR 1,200"\n'
    )
    extraction = extract_brief(text)
    found = extraction.as_values()
    assert found["name"] == "Harbour Pilotage Scheduler"
    assert found["non_functional.users.concurrent"] == 120
    assert found[E] == 2
    assert found["constraints.timeline.production_months"] == 5
    # the phrase is the brief's own text, commas and all
    assert extraction.values["name"].phrase == "Project,Harbour Pilotage Scheduler"


@pytest.mark.parametrize(
    ("text", "expertise"),
    [
        ("it's 2 of us (go + ts), launching soon.", {"go": "strong", "typescript": "strong"}),
        ("Team of 4, all of us do Flutter.", {"flutter": "strong"}),
        (
            "We're 4 on the squad, Go + Postgres, Kubernetes we know ok-ish.",
            {"go": "strong", "postgresql": "strong", "kubernetes": "some"},
        ),
        (
            "Team skills: Python (strong), Django (strong), React (some)",
            {"python": "strong", "django": "strong", "react": "some"},
        ),
        ("Nobody has experience with Kafka.", {"kafka": "none"}),
        ("- NOT Rust, nobody here knows it", {"rust": "none"}),
    ],
)
def test_expertise_forms(text: str, expertise: dict[str, str]) -> None:
    assert _values(text)["constraints.team.expertise"] == expertise


def test_short_spellings_need_a_list() -> None:
    assert "constraints.team.expertise" not in _values("Team of 3. We go live in May.")


def test_the_skills_lexicon_is_validated_data() -> None:
    assert any(s.name == "Flutter" for s in skills())
    with pytest.raises(ValidationError):
        Skill.model_validate({"name": ""})


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Settlement runs nightly, nothing realtime about it.", "functional.realtime", False),
        ("Price ticks are pushed to every open screen.", "functional.realtime", True),
        (
            "Ledger needs strong consistency, no eventual stuff.",
            "non_functional.consistency",
            "strong",
        ),
        (
            "~15,000 price ticks per second at the open.",
            "non_functional.throughput.events_per_second",
            15000,
        ),
        (
            "Availability?\n\nInside trading hours we need 99.95.",
            "non_functional.availability_percent",
            99.95,
        ),
        ("RPO basically zero, we can't lose an order.", "non_functional.rpo_minutes", 0),
        ("I want managed everything and no pager.", "constraints.ops.on_call", "none"),
        ('25k ppl hammering "buy" in the same minute', "non_functional.users.concurrent", 25000),
    ],
)
def test_words_for_flags_and_rates(text: str, field: str, value: object) -> None:
    assert _values(text)[field] == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "4.4 Ninety-five percent (95%) of page requests shall complete within 1.5 seconds.",
            "p95_ms",
            1500,
        ),
        ("Booking has to feel instant, I'd say nothing slower than half a second.", "p99_ms", 500),
        ("The map has to refresh within 2 seconds or they call us.", "p99_ms", 2000),
    ],
)
def test_latencies_in_other_words(text: str, field: str, value: int) -> None:
    found = _values(text)
    assert found[f"non_functional.latency.{field}"] == value
    if field != "p99_ms":
        assert "non_functional.latency.p99_ms" not in found


def test_an_interval_is_no_latency() -> None:
    assert "non_functional.latency.p99_ms" not in _values("Each truck pings GPS every 10 s.")


def test_a_history_headed_by_years_states_no_requirement() -> None:
    text = (
        "**2024** — 120k registered, peaks of 1,100 concurrent. Load was ~900 ms at p99.\n\n"
        "**Now (December 2026)** — 480k registered accounts, peaks of 4,200 learners online at"
        " the same time.\n"
    )
    found = _values(text)
    assert found["non_functional.users.concurrent"] == 4200
    assert found["non_functional.users.total"] == 480_000
    assert "non_functional.latency.p99_ms" not in found


def test_years_without_a_present_are_no_history() -> None:
    text = "**2027** — 5,000 users online at once.\n\n**2028** — 9,000 users online at once.\n"
    assert "non_functional.users.concurrent" in _values(text)


def test_a_label_of_parallel_parts_pairs_with_its_answer() -> None:
    text = (
        "2. Expected users (total / peak concurrent):\n   ~45k / not known yet.\n"
        "6. Data volume today / growth:\n   60 GB / about 2 GB per month\n"
    )
    found = _values(text)
    assert found["non_functional.users.total"] == 45_000
    assert "non_functional.users.concurrent" not in found
    assert found["functional.data.size_gb"] == 60
    assert found["functional.data.growth_gb_per_month"] == 2


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "In the same moment there are around 80 users connected.",
            "non_functional.users.concurrent",
            80,
        ),
        ("- AWS, us-east-1 + eu-west-1 active/active", "non_functional.multi_region", True),
        (
            "Customers want 13 months of tracks for year-over-year reports.",
            "functional.data.retention_days",
            390,
        ),
        (
            "Tiering: hot 7 days, warm 30 days, and cold storage for 13 months.",
            "functional.data.retention_days",
            390,
        ),
    ],
)
def test_more_words_for_known_fields(text: str, field: str, value: object) -> None:
    assert _values(text)[field] == value
