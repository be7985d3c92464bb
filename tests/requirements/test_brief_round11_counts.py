"""Round-eleven brief mechanisms for team size, money and user counts in the wordings people use.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import re

import pytest

from archwise.requirements.brief_headcount import is_head_count, narrowed, subset_count
from archwise.requirements.brief_wraps import soft_breaks
from archwise.requirements.quantities import NUMBER, parse_quantity

from ._brief import values as _values

ENGINEERS = "constraints.team.engineers"
BUDGET = "constraints.budget.infra_usd_per_month"
TOTAL = "non_functional.users.total"
CONCURRENT = "non_functional.users.concurrent"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("18'000", 18_000),
        ("2\u2019400", 2_400),
        ("12\u2009000", 12_000),
        ("12\u202f000", 12_000),
        ("250\u00a0000", 250_000),
        ("1,20,000", 120_000),
        ("12,50,000", 1_250_000),
        ("4.500", 4_500),
    ],
)
def test_thousands_grouped_the_ways_locales_write_them(written: str, value: int) -> None:
    match = re.search(NUMBER, f"about {written} people")
    assert match is not None and match.group(0) == written
    assert parse_quantity(written)[0] == value


def test_the_tail_of_a_grouped_number_is_no_number_of_its_own() -> None:
    found = [m.group(0) for m in re.finditer(NUMBER, "18'000 of them")]
    assert found[0] == "18'000" and "000" not in found


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("We can spend about R32 000 a month on cloud.", 32_000, "ZAR"),
        ("Budget for server is ₹1,20,000 per month maximum.", 120_000, "INR"),
        ("We have a budget of CHF 2'400 per month for hosting.", 2_400, "CHF"),
        ("Hosting budget: 1\u202f500\u202f€ per month.", 1_500, "EUR"),
        ("Cloud budget is A$3,000 a year for everything.", 250, "AUD"),
        ("We have 6 000 zł monthly for the servers.", 6_000, "PLN"),
        ("The maximum monthly cost for hosting is SEK 40 000 excluding VAT.", 40_000, "SEK"),
    ],
)
def test_local_money_is_read_as_written_and_names_its_currency_unconverted(
    text: str, value: float, currency: str
) -> None:
    from archwise.requirements.brief import extract_brief

    got = extract_brief(text).values[BUDGET]
    assert got.value == value
    assert got.note is not None and f"in {currency}" in got.note
    assert "not converted to USD" in got.note


def test_a_road_or_product_named_r_and_a_digit_is_no_money() -> None:
    assert BUDGET not in _values("We store the scans in R2 storage, about 40 GB.")


def test_a_soft_wrap_inside_a_sentence_is_found_and_a_list_is_not() -> None:
    text = (
        "The booking page has to cope with what happened on eclipse night: we had\n"
        "roughly 2,500 people trying to book at the same time and it sat there.\n"
        "Budget: 500\n"
        "users: 20\n"
        "- Since Joana left we are a team of\n"
        "  two developers plus Hannah.\n"
        "| a | b |\n"
        "| c | d |\n"
    )
    breaks = soft_breaks(text)
    assert [text[nl - 4 : nl] for nl, _ in breaks] == [" had", "m of"]


def test_counts_are_read_across_a_soft_wrap() -> None:
    got = _values(
        "Retro notes\n\n"
        "- Friday 5am rush: something like 90 customers placing orders at the\n"
        "  same time and the page crawled.\n"
        "- Since Joana left we are a team of\n"
        "  two developers (Tomás and Wei) plus Hannah, who runs support and doesn't code.\n"
    )
    assert got[CONCURRENT] == 90
    assert got[ENGINEERS] == 2


def test_a_wrap_does_not_join_lines_of_a_terse_list_or_a_chat_log() -> None:
    assert soft_breaks("team 4 devs\nbudget 2k/mo\n") == []
    chat = (
        "20:01 Ruth: about 900 members in the league, most of them on the app\n"
        "20:02 Sam: and who builds it?\n"
    )
    assert soft_breaks(chat) == []
    speaker_first = (
        "ruth 20:01   wait, Sam moved to the mobile team last month, so 2 of us\n"
        "sam 20:02    and the contractor from last year?\n"
    )
    assert soft_breaks(speaker_first) == []


def test_an_organisations_head_count_is_not_its_users_when_only_some_use_it() -> None:
    got = _values(
        "Alder Utilities has 1,800 employees. This app is for the 140 field technicians only; "
        "office staff keep using the ERP."
    )
    assert got[TOTAL] == 140


def test_a_head_count_said_to_use_the_system_stays() -> None:
    text = "Our company has 300 employees and all of them will use the new portal."
    start = text.index("300")
    assert not is_head_count(text, start, start + len("300 employees"))


def test_a_head_count_stays_when_nothing_narrows_the_users() -> None:
    text = "The company has 300 employees. We need a leave-request portal."
    assert not narrowed(text)


def test_the_subset_must_be_people_and_smaller() -> None:
    text = "The tool is only for 14 offices. Our group has 2,000 employees."
    assert subset_count(text, 2000) is None
    text = "The tool is only for the purchasing department: 60 buyers and their leads."
    sub = subset_count(text, 25_000)
    assert sub is not None and sub.value == 60


@pytest.mark.parametrize(
    "text",
    [
        "Support is tiny: between two and four agents answering chats at the same time. "
        "We have 9k customers with accounts.",
        "Bookings come in bursts, between two and four at the same time when a class opens.",
    ],
)
def test_a_tiny_count_from_a_range_or_dwarfed_is_no_users(text: str) -> None:
    assert CONCURRENT not in _values(text)


def test_a_small_count_of_users_alone_is_kept() -> None:
    assert _values("At most 3 dispatchers are logged in at the same time.")[CONCURRENT] == 3


@pytest.mark.parametrize(
    ("text", "engineers"),
    [
        ("Our board is a team of two (leader and treasurer) who approve members.", None),
        ("The support team of three answers the phones.", None),
        ("IT has 12 people; two of them will build this, the rest run the service desk.", 2),
        ("For the development we have a single developer, Karl, who works with PHP.", 1),
        ("The team is two full-time developers and an apprentice who also codes.", 3),
        ("Me and one other dev are doing it evenings, plus a freelancer does the design.", 2),
        ("Me and one other dev are doing it, plus a freelancer.", 3),
        ("We are a team of two developers plus Hannah, who runs support and doesn't code.", 2),
    ],
)
def test_who_builds_in_the_wordings_people_use(text: str, engineers: int | None) -> None:
    assert _values(text).get(ENGINEERS) == engineers


@pytest.mark.parametrize(
    ("text", "engineers"),
    [
        ("The developers are me and Nadia.", 2),
        ("Our agency will put 3 developers on it, plus our in-house dev.", 4),
        ("Build team: 2 internal developers + 2 external (agency).", 4),
        ("We are 12 000 members. Roughly 300 are online at the same time.", None),
        ("We're two devs, Ola and me.", 2),
        ("Development will be done in-house by Petra and Jan.", 2),
        ("The team is me, Rafael and 2 freelancers.", 4),
    ],
)
def test_builders_added_named_or_a_community_that_is_no_team(
    text: str, engineers: int | None
) -> None:
    assert _values(text).get(ENGINEERS) == engineers


def test_the_part_of_a_membership_that_uses_the_system_is_the_users() -> None:
    text = "The association has 2 400 members, and about 150 of them will actually use the app."
    assert _values(text)[TOTAL] == 150


def test_a_group_said_to_use_the_system_or_log_in_is_the_users() -> None:
    assert _values("40 farm staff use the dashboard.")[TOTAL] == 40
    got = _values("The council employs 4,000 staff; only the 25 planning officers will log in.")
    assert got[TOTAL] == 25


def test_a_bound_amount_in_a_local_currency_says_it_is_not_converted() -> None:
    from archwise.requirements.brief import extract_brief

    got = extract_brief("Monthly hosting budget: NOK 4 000.").values[BUDGET]
    assert got.value == 4000
    assert got.note is not None and "in NOK, not converted to USD" in got.note


def test_a_decimal_comma_before_a_multiplier() -> None:
    assert parse_quantity("2,5k")[0] == 2500
    assert _values("Max spend on infra: $2,5k/month.")[BUDGET] == 2500


def test_the_part_that_uses_it_on_a_day_is_daily_not_the_total() -> None:
    got = _values(
        "3,800 named clinician accounts across 640 practices; on a typical weekday about 1,100 "
        "of them log in."
    )
    assert got[TOTAL] == 3800
    assert got["non_functional.users.daily_active"] == 1100


def test_the_part_that_uses_it_every_day_is_no_total() -> None:
    got = _values(
        "We have 9,000 members registered and around 3,000 of them use the app every day."
    )
    assert got[TOTAL] == 9000


def test_a_group_that_uses_another_app_is_no_users() -> None:
    text = "The 22 scorers at grounds use the tablet app; none of this touches them."
    assert TOTAL not in _values(text)


def test_an_amount_said_not_to_recur_is_no_monthly_budget() -> None:
    text = "The tablets were a grant (KES 400,000 budget), not a recurring cost for us."
    assert BUDGET not in _values(text)


@pytest.mark.parametrize(
    ("written", "note"),
    [
        ("R", "in ZAR (written 'R'), not converted to USD"),
        ("CHF", "in CHF, not converted to USD"),
        ("kr", "in SEK, NOK, DKK or ISK (written 'kr'), not converted to USD"),
        ("KES", "in KES, not converted to USD"),
        ("US$", None),
        ("dollars", None),
    ],
)
def test_a_currency_note_names_the_iso_code_of_what_was_written(
    written: str, note: str | None
) -> None:
    from archwise.requirements.quantities import currency_note

    assert currency_note(written) == note


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hosting may cost at most 1 000 Kč per month.", 1_000),
        ("We can spend 9 000 Kč a month on servers.", 9_000),
        ("Our cloud budget is Kč 9 000 a month.", 9_000),
        ("Budget 2k a month for hosting.", 2_000),
    ],
)
def test_a_currency_that_starts_with_k_is_no_thousand(text: str, value: int) -> None:
    from archwise.requirements.brief import extract_brief

    got = extract_brief(text).values[BUDGET]
    assert got.value == value
    if "Kč" in text:
        assert got.note is not None and "in CZK (written 'Kč')" in got.note


@pytest.mark.parametrize(
    ("text", "hiring"),
    [
        ("We run 14 bike-hire kiosks around the city.", None),
        ("Groups pay the hire fee when they book the hall.", None),
        ("The hire shop opens at eight.", None),
        ("We will hire two developers next year.", True),
        ("Hiring is frozen until the autumn.", False),
    ],
)
def test_hire_as_renting_is_no_staffing(text: str, hiring: bool | None) -> None:
    from archwise.requirements.brief import extract_brief

    got = extract_brief(text).values.get("constraints.team.hiring")
    assert (got.value if got is not None else None) == hiring
