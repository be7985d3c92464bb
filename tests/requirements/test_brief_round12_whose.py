"""Round-twelve brief mechanisms: whose count a user count is, and apps ruled out in a sentence.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import pytest

from archwise.requirements.brief_whose import (
    declared_not_users,
    group_sum,
    group_sums,
    per_period,
    subset,
)
from archwise.requirements.brief_wraps import soft_breaks

from ._brief import values as _values

TOTAL = "non_functional.users.total"
DAILY = "non_functional.users.daily_active"
CONCURRENT = "non_functional.users.concurrent"
CLIENTS = "functional.clients"


def _clients(text: str) -> list[str]:
    got = _values(text).get(CLIENTS)
    return sorted(str(c) for c in got) if isinstance(got, list) else []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("The portal is used by 310 wardens and 45 supervisors.", 355),
        ("Accounts for 90 porters plus 12 schedulers.", 102),
        ("Users: 640 cleaners at the 9 depots and the 30 area managers at head office.", 670),
        ("The kiosk app is for the 18 baristas and 3 shift leads.", 21),
        ("All of them log in: 220 tutors & 15 coordinators.", 235),
    ],
)
def test_groups_of_users_in_one_sentence_are_summed(text: str, total: int) -> None:
    assert _values(text).get(TOTAL) == total


def test_groups_listed_under_a_users_lead_are_summed() -> None:
    text = (
        "Who will log in:\n- 2,400 couriers (phones)\n- 60 depot staff (web)\n\nBudget: $900/month."
    )
    assert _values(text).get(TOTAL) == 2460


@pytest.mark.parametrize(
    "text",
    [
        # a total and a count at once are two counts, not two groups
        "We have 3,000 registered users and about 250 people online at once.",
        # the builders are no users
        "It's for the 40 surveyors and 3 developers who maintain it.",
        # a rate of visits is no group
        "Used by 80 nurses and 1,200 patients a week.",
    ],
)
def test_what_is_not_a_group_of_users_is_not_summed(text: str) -> None:
    at = text.index(next(c for c in text if c.isdigit()))
    found = group_sum(text, at, at + 5)
    assert found is None


def test_a_sum_replaces_a_rounded_figure_beside_it() -> None:
    text = (
        "| Users | ~7k |\n\nThe college has 6,350 students and 512 staff between them; all of them "
        "will have an account."
    )
    assert _values(text).get(TOTAL) == 6862


@pytest.mark.parametrize(
    ("text", "population", "part"),
    [
        (
            "The league has 52,000 members, but only about 7,500 of them will install the app.",
            52000,
            7500,
        ),
        ("We count 8.200 members, from which about 2.100 will use the booking.", 8200, 2100),
        ("The co-op has 14,000 customers; around 1,900 of them will ever log in.", 14000, 1900),
    ],
)
def test_the_part_of_a_population_said_to_use_it_is_the_users(
    text: str, population: int, part: int
) -> None:
    at = text.index(next(c for c in text if c.isdigit()))
    found = subset(text, at, at + 6, population)
    assert found is not None and found.value == part
    assert _values(text).get(TOTAL) == part


@pytest.mark.parametrize(
    "text",
    [
        # the whole is already the users: the part is a daily or at-once figure
        "We have 20,000 users, but only 3,000 of them are online at once.",
        "There are 40,000 accounts, of them about 6,000 use it daily.",
    ],
)
def test_a_part_that_is_a_rate_or_of_users_is_no_subset(text: str) -> None:
    at = text.index(next(c for c in text if c.isdigit()))
    assert subset(text, at, at + 6, float(text[at : at + 6].replace(",", ""))) is None


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The garage sees about 1,800 customers a week. The 9 mechanics use the app.", 9),
        ("It serves 12,000 households per year. Only the 70 volunteers use the system.", 70),
    ],
)
def test_a_count_over_a_period_is_no_count_of_users(text: str, kept: int) -> None:
    assert _values(text).get(TOTAL) == kept


def test_per_period_reads_the_words_after_the_count() -> None:
    text = "about 2,500 customers a week"
    assert per_period(text, 6, 11)
    assert not per_period("2,500 customers use it", 0, 5)


def test_a_noun_said_to_be_no_users_counts_nobody() -> None:
    text = (
        "The zoo gets ~400,000 visitors a year, about 1,100 a day in summer. Visitors are not "
        "users of this system; the 35 keepers use the app."
    )
    assert "visitor" in declared_not_users(text)
    got = _values(text)
    assert DAILY not in got
    assert got.get(TOTAL) == 35


def test_saying_a_group_uses_other_software_does_not_rule_it_out() -> None:
    assert declared_not_users("Drivers don't use email much.") == set()


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        ("We discussed iOS/Android apps, but the crews have laptops, so it's web only.", ["web"]),
        (
            "Android phones mostly; iPhone we are not supporting. Staff use the website.",
            ["android", "web"],
        ),
        ("clients: web\nbudget: $300/mo", ["web"]),
    ],
)
def test_apps_ruled_out_in_their_own_sentence(text: str, clients: list[str]) -> None:
    assert _clients(text) == sorted(clients)


def test_apps_kept_when_another_sentence_is_web_only() -> None:
    text = "The office side is web only.\nDrivers get an Android app."
    assert _clients(text) == ["android", "web"]


def test_key_value_lines_are_not_joined_as_one_sentence() -> None:
    text = "users: 75 archivists and friends who read\nonline at once (peak): 60\n"
    assert soft_breaks(text) == []


def test_group_sums_need_a_sentence_that_names_users() -> None:
    assert group_sums("The region has 12 towns and 40 villages.") == []
    assert [r.value for r in group_sums("Used by 12 pilots and 40 mechanics.")] == [52]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Of the 26,000 residents, about 9,000 are expected to use the permit app.", 9000),
        ("The parish has 2,400 members; we expect 600 to use the app.", 600),
        ("The district has 41,000 citizens.\n\nAbout 3,200 people will sign up for the app.", 3200),
    ],
)
def test_a_population_gives_way_to_the_count_said_to_use_it(text: str, total: int) -> None:
    assert _values(text).get(TOTAL) == total


def test_a_count_of_users_is_not_a_population_for_its_part() -> None:
    got = _values("We have 20,000 users and 3,000 will use the new feature daily.")
    assert got.get(TOTAL) == 20000


def test_a_days_count_of_events_is_no_daily_users() -> None:
    text = "The depot handles repair jobs, maybe sixty a day in winter. The 12 fitters use the app."
    got = _values(text)
    assert DAILY not in got


def test_a_days_count_of_people_stays_daily() -> None:
    got = _values("About 900 members use the app on a typical day.")
    assert got.get(DAILY) == 900


def test_a_days_count_of_them_is_people_even_beside_events() -> None:
    text = "All 300 wardens get a login. On a typical weekday about 120 of them are out on patrols and visits."
    assert _values(text).get(DAILY) == 120


def test_a_long_run_of_counts_is_not_summed_and_stays_bounded() -> None:
    text = "Used by " + "12 drivers and " * 40 + "3 staff."
    assert group_sums(text) == []
    listed = "Who logs in:\n" + "- 12 drivers\n" * 30
    assert group_sums(listed) == []
