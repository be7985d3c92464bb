"""Round-six brief mechanisms for load shapes, service levels, regions and data, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief import extract_brief

from ._brief import values as _values

NF = "non_functional"


@pytest.mark.parametrize(
    ("text", "multiple", "minutes"),
    [
        # the length after the multiple, in other words than "for"
        ("Lunch is our peak, 4x from normal, during 2 hour.", 4, 120),
        ("Renewals bring 6x the normal traffic for the first 3 hours.", 6, 180),
        ("A full dump is a burst: 10x for maybe 5 min.", 10, 5),
        # the length before the multiple
        ("On-sale: 300,000 fans queue for about 15 minutes — 40x the usual load.", 40, 15),
        ("Sunday evenings bring roughly 5 times the weekday load for about an hour.", 5, 60),
    ],
)
def test_a_spike_is_read_with_its_length_in_either_order(
    text: str, multiple: float, minutes: float
) -> None:
    values = _values(text)
    assert values[f"{NF}.spike.multiple"] == multiple
    assert values[f"{NF}.spike.duration_minutes"] == minutes
    assert values[f"{NF}.traffic"] == "spiky"


def test_a_spike_makes_the_traffic_spiky_over_a_season() -> None:
    text = "Quizzes fail during exam weeks: ~9x normal load for about 20 minutes each hour."
    found = extract_brief(text).values[f"{NF}.traffic"]
    assert found.value == "spiky"
    assert found.note is not None and "exam weeks" in found.note


def test_a_season_without_a_spike_stays_seasonal() -> None:
    assert _values("Busy season is exam weeks; the rest of the year is quiet.")[
        f"{NF}.traffic"
    ] == ("seasonal")


@pytest.mark.parametrize(
    "text",
    [
        "Friday night is the spike, when the weekend slots open.",
        "Blockbuster release nights are the spike.",
        "Am I missing something with the Friday spike?",
        "Incident storms hit twice a year.",
    ],
)
def test_the_load_named_as_a_spike_is_spiky(text: str) -> None:
    assert _values(text)[f"{NF}.traffic"] == "spiky"


def test_no_spike_and_a_research_spike_are_not_spiky() -> None:
    assert f"{NF}.traffic" not in _values("There is no spike in our traffic.")
    assert f"{NF}.traffic" not in _values("We did a spike to evaluate Kafka.")


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("A submission must be saved within 2 seconds, every time.", 2000),
        ("Status update should be seen by customer in maximum 5 seconds, not more.", 5000),
        ("Alerts must reach the brewer's phone within 30 s.", 30_000),
        ("An applicant must get a decision within 10 seconds.", 10_000),
        ("Order assign to driver maximum 3 second.", 3000),
        ("Each QSO must appear on the shared scoreboard for everyone within about 2 seconds", 2000),
        ("Bed status change → board update target 1 s.", 1000),
    ],
)
def test_a_time_bound_on_an_outcome_is_a_p99(text: str, ms: int) -> None:
    found = extract_brief(text).values[f"{NF}.latency.p99_ms"]
    assert found.value == ms
    assert found.note is not None and "p99" in found.note


@pytest.mark.parametrize(
    "text",
    [
        "The gateway sends a heartbeat within 5 seconds of boot.",
        "Reports are regenerated every 10 seconds at most.",
        "The search index must be updated within 1 minute.",
        "Service restored within 15 minutes after a failover.",
    ],
)
def test_intervals_and_recoveries_are_no_latency(text: str) -> None:
    values = _values(text)
    assert f"{NF}.latency.p99_ms" not in values


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("4.2 Page responses: 95 % within 1,5 seconds at that load.", f"{NF}.latency.p95_ms", 1500),
        ("The archive is 2,5 TB today.", "functional.data.size_gb", 2500),
    ],
)
def test_a_decimal_comma_before_a_unit(text: str, field: str, value: float) -> None:
    assert _values(text)[field] == value


def test_a_comma_list_of_small_numbers_is_no_decimal() -> None:
    assert _values("Sites 1,2 and 3 have 2,500 users.")[f"{NF}.users.total"] == 2500


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Everything stays in the US.", ["us"]),
        ("Our data must be in Türkiye because of the law.", ["tr"]),
        ("3. Server must in Indonesia, because regulation.", ["id"]),
        ("EU tenants' logs stay in the EU.", ["eu"]),
        ("The patient data can not go out of Brazil, is the law.", ["br"]),
        ("region: eu only (customers in ES, PT, FR, DE)", ["eu"]),
        ("The Service runs from two separate data centres within the United Kingdom.", ["uk"]),
    ],
)
def test_residency_from_what_holds_the_data_and_where(text: str, codes: list[str]) -> None:
    assert _values(text)[f"{NF}.data_residency"] == codes


def test_a_team_or_an_office_in_a_country_is_no_residency() -> None:
    assert f"{NF}.data_residency" not in _values(
        "The team stays in Berlin; the office is in Spain."
    )


@pytest.mark.parametrize(
    "text",
    [
        "EU customers go to Frankfurt, everyone else to us-east, so two regions.",
        "It shall run in two regions with automatic failover.",
        "The Contractor shall operate from at least two geographically separate data centres.",
        "Hosting: AWS, us-east-1 + eu-west-1.",
        "It must survive a full region outage.",
    ],
)
def test_two_regions_or_data_centres_are_multi_region(text: str) -> None:
    assert _values(text)[f"{NF}.multi_region"] is True


def test_one_region_code_is_no_multi_region() -> None:
    assert f"{NF}.multi_region" not in _values("Hosting: AWS eu-west-1, two engineers.")


@pytest.mark.parametrize(
    ("text", "regimes"),
    [
        ("We don't store card numbers, so PCI isn't our problem. GDPR applies.", ["gdpr"]),
        ("GDPR applies. ISO/IEC 27001 is desirable but not mandatory.", ["gdpr"]),
        (
            "Card data goes to the payment provider (the provider is PCI DSS certified, we are out of "
            "scope). HIPAA applies.",
            ["hipaa"],
        ),
        ("Data stays here because of KVKK (it is like GDPR for Turkey).", ["kvkk"]),
        ("The supplier shall document compliance with ISO 13485 and GDPR.", ["iso13485", "gdpr"]),
        ("We need GDPR and SOC 2, optional extras later.", ["gdpr", "soc2"]),
    ],
)
def test_a_regime_that_is_optional_compared_or_someone_elses_is_left_out(
    text: str, regimes: list[str]
) -> None:
    assert sorted(_values(text)[f"{NF}.compliance"]) == sorted(regimes)  # type: ignore[arg-type]


USERS = f"{NF}.users"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a day named by its kind is a daily figure, not a total
        ("Roughly 60 people log in on a given weekday.", "daily_active", 60),
        ("- about 9,000 book or check in on a weekday", "daily_active", 9000),
        ("• typical Tuesday: ~18k members open the app", "daily_active", 18000),
        ("On an ordinary weekday roughly 7,500 residents use the portal.", "daily_active", 7500),
        # a count at once after the day is concurrent
        (
            "On a weekday morning, maybe two hundred of them are in the app at the same time.",
            "concurrent",
            200,
        ),
        # people, persons and seats are users; an agency customer is a firm
        ("The office and the chiefs, approximately 120 person.", "total", 120),
        ("140 agency customers today with ~2,300 translator seats.", "total", 2300),
    ],
)
def test_users_by_noun_and_day(text: str, field: str, value: int) -> None:
    values = _values(text)
    assert values[f"{USERS}.{field}"] == value
    if field == "daily_active":
        assert f"{USERS}.total" not in values


def test_a_daily_audience_with_a_vague_peak_after_it_stays_daily() -> None:
    text = "A daily audience of about 7,000 visitors, with peaks of several hundred simultaneous users."
    assert _values(text)[f"{USERS}.daily_active"] == 7000


def test_downloads_are_no_users() -> None:
    assert f"{USERS}.total" not in _values("We crossed 300k downloads last month.")


@pytest.mark.parametrize(
    ("text", "today", "target"),
    [
        (
            "About 3,400 were taking quizzes at the same time. We will have 5,000 students "
            "sitting exams simultaneously next December.",
            3400,
            5000,
        ),
        (
            "peak shift ~450 logged in at the same time\n  target 2 yrs: 1,500 at the same time\n",
            450,
            1500,
        ),
        (
            "Driver online in same time now is 1.500. Target in 2 year: we expand to two cities, "
            "so driver online same time maybe 5.000.",
            1500,
            5000,
        ),
    ],
)
def test_a_count_at_once_under_a_horizon_is_the_growth_target(
    text: str, today: int, target: int
) -> None:
    values = _values(text)
    assert values[f"{USERS}.concurrent"] == today
    assert values[f"{USERS}.concurrent_in_2_years"] == target


DATA = "functional.data"


@pytest.mark.parametrize(
    "text",
    [
        "Every walk ends with photos. We keep the photos for a year, then delete.",
        "Practices upload the scan and track the case.",
        "We already have 9 terabytes of scans on a NAS.",
        "And scanned documents (proof of address, PDFs) are uploaded with each application.",
        "EVERY job card has photos + damage PDFs → object storage!!",
    ],
)
def test_files_the_system_keeps_or_moves(text: str) -> None:
    assert _values(text)[f"{DATA}.files"] is True


def test_social_media_is_no_files() -> None:
    values = _values("We follow social media and post on it twice a week.")
    assert f"{DATA}.files" not in values


def test_a_photo_the_system_shows_is_a_file() -> None:
    # ninth round: a medium the system shows or keeps is a file (docs/requirements.md); it
    # raised the validation set's files from 10 to 15 of 15 and no set expects otherwise
    values = _values("We follow social media. The menu has a photo of each dish.")
    assert values[f"{DATA}.files"] is True


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("We already have 9 terabytes of scans. Figure 300 gigs more a month.", "size_gb", 9000),
        (
            "We already have 9 terabytes of scans. Figure 300 gigs more a month.",
            "growth_gb_per_month",
            300,
        ),
        ("Chris said maybe fifty gigs a month.", "growth_gb_per_month", 50),
        ("~2 GB/day of uploads now", "growth_gb_per_month", 60.875),
        ("Under 5 GB even with photos", "size_gb", 5),
    ],
)
def test_data_quantities_in_spoken_units_and_per_day(text: str, field: str, value: float) -> None:
    assert _values(text)[f"{DATA}.{field}"] == pytest.approx(value)


def test_the_size_of_one_file_is_no_size_of_the_data() -> None:
    values = _values("Dentists email us STL files, 30 to 80 MB each, and photos (avg 2.5 MB).")
    assert f"{DATA}.size_gb" not in values


@pytest.mark.parametrize(
    "text",
    [
        "It has to be live, like live-live, the dot moving on the map.",
        "Each QSO must appear on the shared scoreboard for everyone within about 2 seconds.",
        "Departure board at the quay updates live, push to the screens.",
        "Each kitchen screen shows new orders within 1 second.",
    ],
)
def test_updates_others_see_within_seconds_are_realtime(text: str) -> None:
    assert _values(text)["functional.realtime"] is True


@pytest.mark.parametrize(
    "text",
    ["The site has to be live by June.", "Dashboards load within 2 seconds."],
)
def test_a_launch_or_a_page_load_is_not_realtime(text: str) -> None:
    assert "functional.realtime" not in _values(text)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("- SLA stays at 99.9 (the 99.99 some competitors advertise isn't real)", 99.9),
        ("Also it can't go down in season — 99.95% Dec–April.", 99.95),
        ("• 99.95% for the POS-facing API — size for 99.95", 99.95),
        ("- The system can stop maximum 1 hour per month (we calculated is 99,86%).", 99.86),
        (
            "B.3 Availability shall be not less than ninety-nine point nine per cent (99.9%).",
            99.9,
        ),
    ],
)
def test_availability_said_alone_or_beside_an_aside(text: str, percent: float) -> None:
    assert _values(text)[f"{NF}.availability_percent"] == percent


@pytest.mark.parametrize(
    "text",
    ["Model accuracy must be 99.5% on the test set.", "Our competitors promise 99.99%."],
)
def test_other_shares_are_no_availability(text: str) -> None:
    assert f"{NF}.availability_percent" not in _values(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("No approved alert may ever be lost.", 0),
        ("* RPO: nothing acknowledged may be lost", 0),
        ("Answers must never be lost.", 0),
        ("No more than fifteen (15) minutes of data may be lost.", 15),
    ],
)
def test_data_that_may_not_be_lost(text: str, minutes: int) -> None:
    assert _values(text)[f"{NF}.rpo_minutes"] == minutes


def test_a_rate_per_node_is_no_throughput() -> None:
    values = _values("- 4x faster matching (from 1,200 to 4,800 lookups/s per node)")
    assert f"{NF}.throughput.peak_rps" not in values


def test_an_application_window_is_a_season() -> None:
    text = "During the August application window, up to 12,000 applicants are expected."
    assert _values(text)[f"{NF}.traffic"] == "seasonal"


def test_a_corrected_rate_replaces_the_first_one() -> None:
    text = (
        "Olu: vehicles push GPS every 5 s. 1,150 buses → 230 msgs/sec\n"
        "Olu: wait no. 1,150 is the whole fleet. ~900 are in service at peak, so 180/s\n"
    )
    found = extract_brief(text).values[f"{NF}.throughput.events_per_second"]
    assert found.value == 180
    assert found.note is not None and "correction of 230" in found.note
    assert f"{NF}.throughput.peak_rps" not in extract_brief(text).values


def test_a_rate_rounded_up_is_the_rounded_one() -> None:
    text = "Sensors report every 10 s, that's ~14 events/s, round up to 20 for the new site."
    assert _values(text)[f"{NF}.throughput.events_per_second"] == 20


def test_the_writer_chooses_among_two_latencies() -> None:
    text = "- p99 < 400ms for the label endpoint, the rest p99 < 800ms — i'd take 800 as the number"
    assert _values(text)[f"{NF}.latency.p99_ms"] == 800


def test_without_a_correction_the_first_figure_stays() -> None:
    text = "We see 230 msgs/sec on weekdays. At the weekend it is 180/s at peak."
    assert _values(text)[f"{NF}.throughput.events_per_second"] == 230


def test_double_booking_ruled_out_after_its_name_is_strong_consistency() -> None:
    text = "Room availability must always be correct; double booking is absolutely not acceptable."
    assert _values(text)[f"{NF}.consistency"] == "strong"


def test_a_region_code_digit_is_no_count() -> None:
    text = "* runs in eu-west-1 and us-east-1 at the same time\n* ~350 have the app open simultaneously"
    assert _values(text)[f"{NF}.users.concurrent"] == 350


def test_a_usual_day_is_daily() -> None:
    values = _values("On a usual day, around 1,200 members visit the reservation site.")
    assert values[f"{NF}.users.daily_active"] == 1200
    assert f"{NF}.users.total" not in values


CHAT = (
    "Hanna: quick one, what do we size for?\n"
    "Olu: ~6,000 people with the app open at once\n"
    "Hanna: the old system was 99.5 and the board complained. what are we promising now?\n"
    "Olu: 99.9. and that's it, we're not a hospital\n"
    "Hanna: budget range?\n"
    "Olu: we pay $14 per hire to the vendor today\n"
)


def test_a_chat_answer_is_led_by_the_question_before_it_not_by_the_speaker() -> None:
    values = _values(CHAT)
    assert values[f"{NF}.availability_percent"] == 99.9
    assert values[f"{NF}.users.concurrent"] == 6000


def test_a_price_per_thing_is_no_budget() -> None:
    assert "constraints.budget.infra_usd_per_month" not in _values(CHAT)


def test_a_total_before_a_later_target_is_todays() -> None:
    values = _values("We have 620k registered members today, 1M by end of 2028.")
    assert values[f"{USERS}.total"] == 620_000
    assert f"{USERS}.total" not in _values("We expect 2 million registered users within two years.")
