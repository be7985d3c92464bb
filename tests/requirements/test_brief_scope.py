"""Round-five brief mechanisms: scope, coreference and whose count, each on sentences written for the test."""

from __future__ import annotations

import pytest

from ._brief import values as _values

CLIENTS = "functional.clients"


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        # a label that rules out what follows it, to the end of its sentence
        ("- Not needed: mobile app, public API (maybe 2028). Web only.", ["web"]),
        ("Clients: the handheld (Android). Out of scope: iOS, web portal.", ["android"]),
        ("Needed: iPhone and Android. Not needed: desktop app.", ["ios", "android"]),
        # a heading that rules out its bullets
        ("## Scope\n- a web dashboard\n\n## Non-goals\n- an iOS app\n- a CLI\n", ["web"]),
        # the thing, a few words about it, then the words that rule it out
        ("Mostly Android. iPhone app not needed, nobody there has iPhone.", ["android"]),
        ("web app first, Android later; iPhone nobody asked for", ["web", "android"]),
        ("Web is enough, and Android. iPhone maybe next year, not now.", ["web", "android"]),
        # a negation earlier in the clause
        ("Nobody on the team has touched iOS, and the council issues Android phones.", ["android"]),
    ],
)
def test_clients_ruled_out_are_left_out(text: str, clients: list[str]) -> None:
    assert sorted(_values(text)[CLIENTS]) == sorted(clients)  # type: ignore[arg-type]


def test_a_ruled_out_label_does_not_reach_past_its_sentence() -> None:
    values = _values("Not needed: a desktop app. The web board and the Android app are needed.")
    assert sorted(values[CLIENTS]) == ["android", "web"]  # type: ignore[arg-type]


def test_a_negation_turned_back_keeps_the_client() -> None:
    assert _values("No native apps but a web app for everyone.")[CLIENTS] == ["web"]


MVP = "constraints.timeline.mvp_months"
PROD = "constraints.timeline.production_months"


@pytest.mark.parametrize(
    ("text", "field", "months"),
    [
        # a date named in one sentence and referred to in the next
        ("Date: 6 April 2027\nThe campaign starts 1 Sept. We need it running by then.", PROD, 4.86),
        (
            "Today is 3 March 2027. The contract starts on 1 September, routing has to be live by then.",
            PROD,
            5.98,
        ),
        # 'in' and 'by' a month are its first day (round six settled 'by'), 'start of' too
        ("Written 9 September 2027. Internal dogfood in November.", MVP, 1.74),
        ("Written 12 March 2026. National roll-out by December.", PROD, 8.67),
        ("Written 19 February 2027. First schools using it by start of May.", MVP, 2.33),
        # milestones referred to by their marker or with an adjective
        (
            "Effective Date: 1 February 2027\nM1 Private beta: 16 weeks from the Effective Date.\n"
            "M2 General availability: 10 weeks after M1.",
            PROD,
            5.98,
        ),
        (
            "Soft launch 5 months after award; all 12 branches 3 months after the soft launch.",
            PROD,
            8,
        ),
        ("Month 4: pilot in two counties. Month 12: national launch.", PROD, 12),
        (
            "Posted 15 January 2027. First live auction on 1 June 2027; all markets by the end of 2027.",
            PROD,
            11.5,
        ),
        ("- real version in 3 months, borough-wide in 8 months", MVP, 3),
        ("- real version in 3 months, borough-wide in 8 months", PROD, 8),
        # dates written other ways
        ("[19/02/2027, 21:14] Kofi: the whole district by the end of September", PROD, 7.33),
        ("Today is 15 of march of 2027, it is ready the 1 of september latest.", PROD, 5.58),
        ("From: Hannah\nDate: Tue, 6 Apr 2027 10:02\nWe need it live by 1 Sept.", PROD, 4.86),
    ],
)
def test_timelines_in_other_words(text: str, field: str, months: float) -> None:
    assert _values(text)[field] == pytest.approx(months, abs=0.02)


def test_a_numeric_date_of_unclear_order_gives_no_date() -> None:
    assert PROD not in _values("[03/04/2027, 21:14] the whole district by September")


E = "constraints.team.engineers"
X = "constraints.team.expertise"
HIRING = "constraints.team.hiring"


@pytest.mark.parametrize(
    ("text", "size", "expertise"),
    [
        # people named with what they do in brackets; one who does not code is not counted
        (
            "Built in 48 hours by Priya (Python/Flask), Tom (Python), Lu (React) and Sid "
            "(Figma, doesn't code).",
            3,
            {"python": "strong", "flask": "strong", "react": "strong"},
        ),
        # the people who will build it
        (
            "me and Yaw will build it, we both do Laravel and PHP every day.",
            2,
            {"laravel": "strong", "php": "strong"},
        ),
        # groups with a hyphenated qualifier add up
        (
            "Engineering: 3 in-house devs (TypeScript, NestJS) + 1 agency dev for six months.",
            4,
            {"typescript": "strong", "nestjs": "strong"},
        ),
        (
            "Team. Two founders who write code (Mei: Go backend; me: TypeScript front end).",
            2,
            {"go": "strong", "typescript": "strong"},
        ),
        ("The volunteer dev group: four people who know Ruby on Rails.", 4, None),
        (
            "Me: one guy, 10 yrs of Python/Django at my day job.",
            1,
            {"python": "strong", "django": "strong"},
        ),
        (
            "  ◦ Engineering: 7 today (Go, TypeScript); 5 hires approved",
            7,
            {"go": "strong", "typescript": "strong"},
        ),
        ("And it's just you, Jake, right? You said you're good with Next.js.", 1, None),
    ],
)
def test_teams_in_prose(text: str, size: int, expertise: dict[str, str] | None) -> None:
    values = _values(text)
    assert values[E] == size
    if expertise is not None:
        assert values[X] == expertise


def test_months_with_what_happens_in_brackets_are_no_team() -> None:
    assert E not in _values("Plan: March (2 weeks), April (3 weeks) and May (4 weeks).")


@pytest.mark.parametrize(
    "text",
    [
        "Engineering: 7 today; 5 hires approved.",
        "Two founders and one hire planned for the data side.",
        "One open req for a backend engineer.",
        "Hiring: engineering grows from 6 to 14 people within 18 months.",
    ],
)
def test_hiring_in_other_words(text: str) -> None:
    assert _values(text)[HIRING] is True


def test_a_team_that_grows_is_counted_as_it_is_today() -> None:
    assert _values("Engineering grows from 6 to 14 people within 18 months.")[E] == 6


def test_nobody_wanting_a_technology_knows_it_not() -> None:
    assert (
        _values("3 of us code, all TS. nobody wants to touch python again.")[X]["python"] == "none"
    )  # type: ignore[index]


R = "non_functional.data_residency"


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("No personal data shall be processed outside the United Kingdom.", ["uk"]),
        ("UK GDPR. OUR RECORDS STAY IN THE UK PLEASE.", ["uk"]),
        ("NHS rules, so UK data centres only. We're on AWS in London.", ["uk"]),
        ("• AWS eu-west-1; GDPR applies; data in the EU.", ["eu"]),
        ("Kenya's Data Protection Act requires farmer data to stay in the country.", ["ke"]),
        ("Q4. Where must data be stored?\nR4. Canada only (provincial privacy law).", ["ca"]),
        ("The data is protected by the RGPD, and must be in Spain or at least Europe.", ["eu"]),
    ],
)
def test_residency_in_other_words(text: str, regions: list[str]) -> None:
    assert _values(text)[R] == regions


def test_the_country_with_none_named_gives_no_residency() -> None:
    assert R not in _values("The law requires farmer data to stay in the country.")


U = "non_functional.users"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # what the count counts is no people
        ("The portal is used by about 2,600 registered broker firms.", f"{U}.total"),
        ("Around 1,900 haulier companies are registered with the Port.", f"{U}.total"),
        ("The closed beta has 310 homes connected through the cloud APIs.", f"{U}.concurrent"),
        (
            "Clients reserve medicine on our web page, every day come 600-700 reservations.",
            f"{U}.daily_active",
        ),
        ("Drivers start sessions from our apps: ~14k sessions a day.", f"{U}.daily_active"),
        # a cue that goes with a nearer number written in words serves no other
        (
            "The council contracts us for 1,100 nurses who each do eight visits a day.",
            f"{U}.daily_active",
        ),
        # a count of another period
        ("~35k monthly active drivers a day", f"{U}.daily_active"),
    ],
)
def test_counts_of_things_are_no_users(text: str, field: str) -> None:
    assert field not in _values(text)


def test_people_counted_with_a_later_word_for_when_are_concurrent() -> None:
    values = _values(
        "Around 1,900 haulier companies are registered; at the morning peak some 700 "
        "dispatchers and drivers are expected to use the System simultaneously."
    )
    assert values[f"{U}.concurrent"] == 700
    assert f"{U}.total" not in values


def test_people_are_still_users() -> None:
    assert _values("about 18,000 parents have accounts")[f"{U}.total"] == 18_000


LAT = "non_functional.latency"


@pytest.mark.parametrize(
    ("text", "field", "ms"),
    [
        ("Dashboards: p95 page load under 1.5s. Currently it's 6-8s.", f"{LAT}.p95_ms", 1500),
        ("The median response time shall not exceed 300 ms.", f"{LAT}.p50_ms", 300),
        ("The visit list has to come up in under two seconds.", f"{LAT}.p99_ms", 2000),
        ("If they don't see it within 3 seconds they phone the floor.", f"{LAT}.p99_ms", 3000),
        ("Nobody waits more than 3 seconds for the booking page.", f"{LAT}.p99_ms", 3000),
        ("It must be fast, less of 2 seconds to open the schedule.", f"{LAT}.p99_ms", 2000),
        ("- System must answer quickly, under half of second.", f"{LAT}.p99_ms", 500),
    ],
)
def test_latency_in_other_words(text: str, field: str, ms: int) -> None:
    values = _values(text)
    assert values[field] == ms
    if not field.endswith("p99_ms"):
        assert f"{LAT}.p99_ms" not in values


def test_half_of_the_users_is_no_number() -> None:
    assert _values("half of the users are online") == {}


SPIKE = "non_functional.spike"


@pytest.mark.parametrize(
    ("text", "multiple", "minutes"),
    [
        (
            "~245 events/s on average, with the midnight batch at roughly 4x that for ten minutes.",
            4,
            10,
        ),
        (
            "600 owners online in the same minute, ten times a normal Saturday, for about 20 minutes.",
            10,
            20,
        ),
        ("| Burst after connectivity loss | up to 5x for ~10 min | trucks reconnect |", 5, 10),
        ("In the first 15 minutes it gets ~10x the normal traffic.", 10, 15),
    ],
)
def test_spikes_with_their_multiple_and_length(text: str, multiple: float, minutes: float) -> None:
    values = _values(text)
    assert values[f"{SPIKE}.multiple"] == multiple
    assert values[f"{SPIKE}.duration_minutes"] == minutes


def test_a_growth_factor_is_no_spike() -> None:
    assert f"{SPIKE}.multiple" not in _values(
        "Today 2k users online at once; we expect 10x next year."
    )


A = "non_functional.availability_percent"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Payments go through mobile money, so they said 99.5 percent at least.", 99.5),
        ("Reliability. We promised 99.5% in the B2B contract with the grocery chains.", 99.5),
        ("- Must run 24/7; IT asks for 99.95%. The outage procedure stays on paper.", 99.95),
        ("Clause 4. Performance. Fast.\nClause 5. Availability. 99.95%, 24 hours a day.", 99.95),
    ],
)
def test_availability_said_as_a_promise_or_under_a_heading(text: str, value: float) -> None:
    assert _values(text)[A] == value


@pytest.mark.parametrize(
    "text",
    [
        "Our parcel scanner must reach 99.5% accuracy.",
        "The pipeline needs 99.9% test coverage.",
    ],
)
def test_other_shares_are_no_availability(text: str) -> None:
    assert A not in _values(text)


def test_a_clause_number_is_no_quantity() -> None:
    values = _values("Clause 2. Users. Registered hauliers use it.\nQ4. Where is it hosted?")
    assert f"{U}.total" not in values


CLOUD = "constraints.cloud"
DEPLOY = "constraints.deployment"


@pytest.mark.parametrize(
    ("text", "cloud", "deployment"),
    [
        ("• AWS eu-west-1; GDPR applies.", "aws", "cloud"),
        ("No multi-region. Single region eu-central-1.", "aws", "cloud"),
        ("Runs in our project (europe-west2).", "gcp", "cloud"),
        ("• infra: AWS, same account as the game backend.", "aws", "cloud"),
        ("Our team would be two developers and we'd host it on DigitalOcean.", None, "cloud"),
        ("- Runs on hardware at my place: an old Dell with a NAS. No cloud.", None, "on-prem"),
    ],
)
def test_where_it_runs_in_other_words(text: str, cloud: str | None, deployment: str) -> None:
    values = _values(text)
    assert values.get(CLOUD) == cloud
    assert values[DEPLOY] == deployment


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("We're on Google Cloud, spending ~$3.1k/month; the board capped it at $4k.", 4000),
        ("For the servers I can pay 80 euros for month.", 80),
        ("Perks: €85–105k salary and a €2,000 learning budget.", None),
    ],
)
def test_budgets_in_other_words(text: str, budget: float | None) -> None:
    assert _values(text).get("constraints.budget.infra_usd_per_month") == budget


RET = "functional.data.retention_days"


@pytest.mark.parametrize(
    "text",
    [
        "Recipes are kept indefinitely; deleted accounts are purged after 30 days (GDPR).",
        "Deleted items sit in the trash for 30 days.",
    ],
)
def test_how_long_deleted_things_linger_is_no_retention(text: str) -> None:
    assert RET not in _values(text)


def test_a_purge_period_of_the_data_is_still_retention() -> None:
    assert _values("Logs are purged after 90 days.")[RET] == 90


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Users. 74,000 accounts, 11k of them active on any given day.",
            f"{U}.daily_active",
            11_000,
        ),
        ("Users. 74,000 accounts, 11k of them active on any given day.", f"{U}.total", 74_000),
        ("~1,300 of their agents sign documents on a normal weekday.", f"{U}.daily_active", 1_300),
        (
            "In the same moment maximum around 120 pharmacists will use the system.",
            f"{U}.concurrent",
            120,
        ),
        (
            "* 4.5k drivers, ~3k active on a weekday, all at once between 6 and 7am",
            f"{U}.concurrent",
            3_000,
        ),
    ],
)
def test_user_counts_in_other_words(text: str, field: str, value: int) -> None:
    assert _values(text)[field] == value


NOW = f"{U}.concurrent"
LATER = f"{U}.concurrent_in_2_years"


@pytest.mark.parametrize(
    ("text", "now", "later"),
    [
        ("Target: 1,500 concurrent users at peak, 5,000 within two years", 1500, 5000),
        (
            "peak concurrent players ~180k. Live-ops expects CCU to go 2.5x over the next 2 yrs.",
            180_000,
            450_000,
        ),
        (
            "Around 900 ppl firing commands at once. Next season we're partnering with two more "
            "servers so plan for 3x that.",
            900,
            2700,
        ),
    ],
)
def test_growth_targets_in_other_words(text: str, now: int, later: int) -> None:
    values = _values(text)
    assert values[NOW] == now
    assert values[LATER] == later


def test_numbered_questions_lead_their_answers() -> None:
    values = _values(
        "Q1. Number of registered library patrons?\nR1. 184,000 (2026 annual report).\n\n"
        "Q2. Expected peak simultaneous borrowers?\nR2. The current vendor reports a maximum of "
        "1,150. For the new platform we require capacity for 2,000.\n"
    )
    assert values[f"{U}.total"] == 184_000
    assert values[f"{U}.concurrent"] == 2_000


@pytest.mark.parametrize(
    ("text", "traffic"),
    [
        ("Usage peaks at planting season (March and October).", "seasonal"),
        (
            "In September it is a lot of people, the rest of the year much less, like 50.",
            "seasonal",
        ),
        ("Peak use is before the deadline; outside that window usage is low.", "seasonal"),
        ("- Basically zero traffic Monday-Friday, huge spike Saturday afternoon", "spiky"),
        ("- peak ~ 3.5k req/s at on-sale, avg closer to 40 req/s", "spiky"),
    ],
)
def test_traffic_shapes_in_other_words(text: str, traffic: str) -> None:
    assert _values(text)["non_functional.traffic"] == traffic


def test_an_event_rate_on_average_is_an_event_rate() -> None:
    values = _values("each meter sends a reading every 15 min: ~245 events/s on average.")
    assert values["non_functional.throughput.events_per_second"] == 245
    assert "non_functional.throughput.average_rps" not in values


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "- Reservations must never double-book the same drill.",
            "non_functional.consistency",
            "strong",
        ),
        (
            "• A stall can never sell more than its stock (no overselling)",
            "non_functional.consistency",
            "strong",
        ),
        (
            "After each wedding I upload, what, eight hundred to twelve hundred photos.",
            "functional.data.files",
            True,
        ),
        ("How would you architect a photo backup for my family?", "functional.data.files", True),
        ("Scope: one live board of bed status across the 4 sites.", "functional.realtime", True),
        ("Coordinators see a headcount per site (push, not refresh).", "functional.realtime", True),
    ],
)
def test_more_requirements_in_plain_words(text: str, field: str, value: object) -> None:
    assert _values(text)[field] == value


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        (
            "An online service (browser-based, plus a published API for agents' software).",
            ["web", "partner-api"],
        ),
        ("Hauliers' systems shall book through an API.", ["partner-api"]),
        (
            "- Phones are a mix of iPhones and Androids; a web UI for the grandparents",
            ["ios", "android", "web"],
        ),
    ],
)
def test_clients_in_other_words(text: str, clients: list[str]) -> None:
    assert sorted(_values(text)[CLIENTS]) == sorted(clients)  # type: ignore[arg-type]


def test_a_regime_that_is_someone_elses_problem_is_not_required() -> None:
    assert "non_functional.compliance" not in _values(
        "Stripe Checkout only, we never see card numbers, so PCI is Stripe's problem, not ours."
    )


def test_a_value_changed_from_one_to_another_is_the_new_one() -> None:
    values = _values("- p99 latency target for /forecast lowered from 400 ms to 150 ms.")
    assert values[f"{LAT}.p99_ms"] == 150


def test_by_then_refers_to_the_horizon_before_it() -> None:
    values = _values(
        "At 6 am it's all of them, so call it seventy people at once. We want to double the "
        "fleet in two years, so plan for a hundred and fifty at once by then."
    )
    assert values[NOW] == 70
    assert values[LATER] == 150


def test_a_ceiling_without_its_currency_in_a_sentence_about_hosting() -> None:
    values = _values("- hosting: the current VPS is 40$/mo and it's fine, keep it under 60")
    assert values["constraints.budget.infra_usd_per_month"] == 60


def test_a_number_with_a_fraction_is_no_count_of_people() -> None:
    values = _values(
        "- SLA stays at 99.9 (the 99.99 others advertise isn't real)\n- Team: 9 engineers (Rust)\n"
    )
    assert values["constraints.team.engineers"] == 9
    assert values["non_functional.availability_percent"] == 99.9
