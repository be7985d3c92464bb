"""Round-seven brief mechanisms for users, load, service levels and data, on sentences written for the test."""

from __future__ import annotations

import pytest

from ._brief import values as _values

NF = "non_functional"
TOTAL = f"{NF}.users.total"


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # the noun as a label the number follows
        ("What counts is operator logins: about 1,900 of those today.", 1900),
        ("dispatchers w/ logins ~640 ; peak ~80 logged in at the same time", 640),
        # a total said as such, or as who has an account
        ("- office logins ~48 total, max ~9 at once", 48),
        ("Users: 515 assessors in total; peak 200 concurrent.", 515),
        ("- 2,750 named inspectors (licences), about 300 on shift at once.", 2750),
        ("About 340 staff will have logins to the new system.", 340),
    ],
)
def test_a_total_is_read_from_the_noun_that_names_it(text: str, total: int) -> None:
    assert _values(text)[TOTAL] == total


def test_a_count_of_other_things_between_a_number_and_its_noun_stands_in_no_ones_way() -> None:
    values = _values("410 staff across the four depots have accounts.")
    assert values[TOTAL] == 410


def test_a_cue_after_a_comma_and_a_conjunction_belongs_to_another_statement() -> None:
    text = (
        "The treasurer reported that the club has 9,400 members, and that online booking "
        "currently sees peak concurrent sessions of about 700."
    )
    values = _values(text)
    assert values[TOTAL] == 9400
    assert values[f"{NF}.users.concurrent"] == 700


@pytest.mark.parametrize(
    "text",
    [
        "Our page has 52k followers but that's not users.",
        "We have 90,000 newsletter subscribers and a small shop.",
        "The three mills have accounts with the haulier.",
    ],
)
def test_audiences_of_other_channels_and_places_are_no_users(text: str) -> None:
    assert TOTAL not in _values(text)


def test_images_per_second_are_events() -> None:
    text = "Each of 4 lines takes 6 pictures per second, so total 24 images per second arrive."
    assert _values(text)[f"{NF}.throughput.events_per_second"] == 24


def test_a_time_bound_on_a_printed_outcome_is_a_latency() -> None:
    assert _values("- receipt printed < 4 s !!")[f"{NF}.latency.p99_ms"] == 4000


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Spring sale 2026 peaked at 90 requests/s. The new owner requires the shop to handle "
            "300 requests per second at peak.",
            f"{NF}.throughput.peak_rps",
            300,
        ),
        (
            "8,000 members registered and ~900 arrived in the first hour; we were not sized for "
            "that. Design for 15,000 registered members per season.",
            TOTAL,
            15000,
        ),
    ],
)
def test_a_figure_of_what_happened_gives_way_to_what_is_required(
    text: str, field: str, value: int
) -> None:
    assert _values(text)[field] == value


@pytest.mark.parametrize(
    "text",
    [
        "Availability: no SLA has been promised. Measured availability over the last 12 months "
        "was 99.71%.",
        'Marketing. The landing page claims "99.95% uptime". Remove it.',
        "Assistant: Many booking sites aim for 99.9% uptime.",
    ],
)
def test_a_measured_or_claimed_uptime_is_no_target(text: str) -> None:
    assert f"{NF}.availability_percent" not in _values(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Service shall be available 99.95% of each month, measured at the gateway.", 99.95),
        ("- SLA stays at 99.9 (the 99.99 some competitors advertise isn't real)", 99.9),
        ("Availability: 99.5%, measured monthly.", 99.5),
    ],
)
def test_a_target_measured_somewhere_is_still_the_target(text: str, value: float) -> None:
    assert _values(text)[f"{NF}.availability_percent"] == value


def test_a_multiple_said_as_a_comparison_is_a_spike() -> None:
    values = _values("At 7am it gets about 5x busier than a normal evening for roughly 40 minutes.")
    assert values[f"{NF}.spike.multiple"] == 5
    assert values[f"{NF}.spike.duration_minutes"] == 40


def test_a_factor_of_who_has_an_account_is_no_concurrency_target() -> None:
    text = "Around 80 pupils book at the same time; you hope to double the pupils within a year."
    values = _values(text)
    assert values[f"{NF}.users.concurrent"] == 80
    assert f"{NF}.users.concurrent_in_2_years" not in values


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("GDPR yes we're in Spain, keep the data in the EU.", ["eu"]),
        (
            "We retain member records for six years after they leave, and all data must stay "
            "in the United Kingdom.",
            ["uk"],
        ),
    ],
)
def test_residency_said_as_an_instruction_or_after_a_retention(
    text: str, regions: list[str]
) -> None:
    assert _values(text)[f"{NF}.data_residency"] == regions


def test_a_retention_before_a_residency_clause_is_still_read() -> None:
    text = (
        "We retain member records for six years after they leave, and all data must stay in the UK."
    )
    assert _values(text)["functional.data.retention_days"] == 2190


def test_a_regime_answered_not_applicable_is_not_required() -> None:
    values = _values("7. Classification: PII. SOX in scope. GDPR: N/A (US customers only).")
    assert values[f"{NF}.compliance"] == ["sox"]


def test_realtime_asked_is_answered_by_what_follows() -> None:
    text = (
        "Do we need realtime maps of all vans?\nNo — a refresh is fine. No need for live tracking."
    )
    assert _values(text)["functional.realtime"] is False


def test_a_measured_column_of_a_table_gives_way_to_the_target_column() -> None:
    text = (
        "| Metric | Target | Measured (run 3) |\n|---|---|---|\n"
        "| Search, p95 | 700 ms | 2,400 ms |\n| Availability | 99.9% monthly | 99.62% |\n"
    )
    values = _values(text)
    assert values[f"{NF}.latency.p95_ms"] == 700
    assert values[f"{NF}.availability_percent"] == 99.9


def test_a_figure_the_old_system_handled_gives_way_to_the_target() -> None:
    text = (
        "The old site handled 1,800 simultaneous sessions before it failed. The target is "
        "7,000 travellers booking at the same time."
    )
    assert _values(text)[f"{NF}.users.concurrent"] == 7000


def test_an_availability_meant_as_measured_not_claimed_is_the_target() -> None:
    text = "We ask for the 99.5% your standard already promises, and we mean measured, not claimed."
    assert _values(text)[f"{NF}.availability_percent"] == 99.5


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Processing and storage must take place in the UK only.", ["uk"]),
        ("The board says the data must be inside Sweden.", ["se"]),
        ("We also ask that our data is never held outside the UK.", ["uk"]),
        ("  residency: EU (Paris primary, Milan standby)", ["eu"]),
    ],
)
def test_residency_in_more_wordings(text: str, regions: list[str]) -> None:
    assert _values(text)[f"{NF}.data_residency"] == regions


@pytest.mark.parametrize(
    "text",
    [
        "Incident updates have to reach every open page within 10 seconds (SSE, no polling).",
        "Alert messages to the fire service must go out within 5 seconds of detection.",
        "Scores are pushed to viewers' overlays live.",
    ],
)
def test_updates_others_receive_within_seconds_are_realtime(text: str) -> None:
    assert _values(text)["functional.realtime"] is True


def test_an_alert_deadline_is_also_a_latency() -> None:
    text = "Alert messages to the fire service must go out within 5 seconds of detection."
    assert _values(text)[f"{NF}.latency.p99_ms"] == 5000


def test_two_servers_in_different_regions_are_multi_region() -> None:
    assert _values("Two small VPSes in different regions (Paris + Ohio).")[f"{NF}.multi_region"]


def test_a_high_season_is_seasonal_and_a_named_baseline_spike_is_read() -> None:
    assert _values("In the high season the bookings are four times more.")[f"{NF}.traffic"] == (
        "seasonal"
    )
    values = _values("Finals are the spikes: 6x the match-day baseline for the 2 hours of a final.")
    assert values[f"{NF}.spike.multiple"] == 6
    assert values[f"{NF}.spike.duration_minutes"] == 120


def test_uploads_and_voice_notes_stored_are_files() -> None:
    text = "Pupils may attach a voice note, and those uploads are stored with the case."
    assert _values(text)["functional.data.files"] is True


def test_realtime_ruled_out_after_its_name_is_false() -> None:
    text = "Realtime chat between tenants and officers is explicitly out of scope."
    assert _values(text)["functional.realtime"] is False


def test_a_suppliers_certificate_is_not_our_regime() -> None:
    text = "UK GDPR applies. The supplier's ISO 27001 certificate was checked."
    assert _values(text)[f"{NF}.compliance"] == ["gdpr"]


def test_a_size_said_as_the_whole_outranks_its_part() -> None:
    text = "Data: 300 GB in SQL plus scans and photos, about 1.8 TB all-in, growing 20 GB a month."
    assert _values(text)["functional.data.size_gb"] == 1800
