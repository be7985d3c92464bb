"""Round-twelve (second wave) brief mechanisms: milestones, traffic shape and hybrid hosting.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import pytest

from ._brief import near
from ._brief import values as _values

MVP = "constraints.timeline.mvp_months"
PRODUCTION = "constraints.timeline.production_months"
TRAFFIC = "non_functional.traffic"
SPIKE = "non_functional.spike.multiple"
DURATION = "non_functional.spike.duration_minutes"
EVENTS = "non_functional.throughput.events_per_second"
DEPLOYMENT = "constraints.deployment"
CLOUD = "constraints.cloud"

DATED = "Written 1 March 2027.\n\n"


def test_a_us_date_in_brackets_restates_the_milestone_before_it() -> None:
    got = _values(
        DATED + "A beta with the first club at the start of the autumn league (June 1, 2027) "
        "and the rest two months after the beta."
    )
    assert near(got[MVP], 3.02)  # 92 days
    assert near(got[PRODUCTION], 5.02)


def test_a_us_date_in_brackets_without_a_milestone_is_no_deadline() -> None:
    got = _values(DATED + "The club was founded long ago (June 1, 1990) by three neighbours.")
    assert MVP not in got and PRODUCTION not in got


def test_a_date_named_as_a_trial_after_it_is_the_mvp() -> None:
    got = _values(
        DATED + "The app must work in the week of 3 May 2027, as a\ntrial with one depot. "
        "From 2 August 2027, every driver uses it."
    )
    assert near(got[MVP], 2.07)  # 63 days
    assert near(got[PRODUCTION], 5.06)  # 154 days


@pytest.mark.parametrize("said", ["a test version", "a trial build", "a preview release"])
def test_a_test_version_is_the_mvp(said: str) -> None:
    got = _values(DATED + f"Could we get {said} to the coaches by 1 April 2027?")
    assert near(got[MVP], 1.02)
    assert PRODUCTION not in got


def test_a_pilot_that_runs_for_a_length_before_a_go_live_date_ends_at_it() -> None:
    got = _values(
        DATED + "Go-live for all eleven depots is 1 September 2027. Before that, a pilot in "
        "the Leeds depot for two months."
    )
    assert near(got[PRODUCTION], 6.05)  # 184 days
    assert near(got[MVP], 4.05)


def test_a_length_without_before_that_is_still_no_deadline() -> None:
    got = _values(
        DATED + "Go-live for all eleven depots is 1 September 2027. The pilot depot kept the "
        "old paper forms for two months."
    )
    assert MVP not in got


def test_a_rush_between_hours_without_am_or_pm_is_a_working_day_window() -> None:
    got = _values("Orders come in waves: the lunch rush from 12 to 2 is like 8x the morning.")
    assert got[TRAFFIC] == "spiky"
    assert got[SPIKE] == 8
    assert got[DURATION] == 120


@pytest.mark.parametrize(
    "text",
    [
        "Bookings are all in winter; December to March is the whole business.",
        "Sales are 90% of our year in November and December.",
    ],
)
def test_the_load_gathered_in_part_of_the_year_is_seasonal(text: str) -> None:
    assert _values(text)[TRAFFIC] == "seasonal"


@pytest.mark.parametrize(
    "text",
    [
        "Use is spread evenly through the working day.",
        "Orders arrive at a steady rate, day and night.",
        "We do not expect peaks: each branch closes its books on a different day. The "
        "registration period is in May.",
    ],
)
def test_load_said_to_arrive_evenly_is_steady(text: str) -> None:
    assert _values(text)[TRAFFIC] == "steady"


@pytest.mark.parametrize(
    "text",
    [
        "We do not expect peaks, except on the last day of the tax year when it is 6x.",
        "We do not expect peaks above 3x the normal load.",
    ],
)
def test_denied_peaks_with_an_exception_or_a_ceiling_are_not_steady(text: str) -> None:
    assert _values(text).get(TRAFFIC) != "steady"


def test_a_fleet_after_a_number_word_is_still_read_across_a_wrapped_line() -> None:
    got = _values(
        "Readings come in at a steady rate: 600 sensors, each\n   reporting every 5 minutes."
    )
    assert near(got[EVENTS], 2.0)


@pytest.mark.parametrize(
    "text",
    [
        "4. Hosting. Hybrid: the controllers stay on premises, the portal is hosted in AWS.",
        "Deployment: hybrid, with the public site on AWS.",
        "We run a hybrid cloud; the web shop is on AWS.",
    ],
)
def test_hybrid_said_outright_outranks_the_provider_named_after_it(text: str) -> None:
    got = _values(text)
    assert got[DEPLOYMENT] == "hybrid"
    assert got[CLOUD] == "aws"


def test_hybrid_work_is_no_hosting() -> None:
    got = _values("Hosting: AWS. Setup is hybrid working, two days in the office.")
    assert got[DEPLOYMENT] == "cloud"


def test_live_at_one_site_first_is_the_mvp_and_everywhere_later_production() -> None:
    got = _values(DATED + "Live at one site from April 1st, 2027; everywhere by July 1st, 2027.")
    assert near(got[MVP], 1.02)
    assert near(got[PRODUCTION], 4.01)  # 122 days


def test_live_in_one_week_is_no_first_site() -> None:
    got = _values(DATED + "We could be live in one week, and everywhere by July 1st, 2027.")
    assert MVP not in got
