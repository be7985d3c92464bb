"""Round-eight brief mechanisms for the team, dates, money and clients, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief import extract_brief

C = "constraints"
MVP = f"{C}.timeline.mvp_months"
PROD = f"{C}.timeline.production_months"
BUDGET = f"{C}.budget.infra_usd_per_month"


def _values(text: str) -> dict[str, object]:
    return extract_brief(text).as_values()


def _near(got: object, want: float) -> bool:
    return isinstance(got, (int, float)) and abs(got - want) <= 0.02 * want


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
