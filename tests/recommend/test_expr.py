"""The rule expression language: parsing, three-valued logic, safety."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archwise.errors import InputError
from archwise.recommend import expr

REQ = {
    "non_functional": {"consistency": "strong", "users": {"concurrent": 100000}},
    "constraints": {"team": {"engineers": 5, "expertise": {"typescript": "strong"}}},
    "functional": {"clients": ["web", "ios"]},
}


def ev(text: str, **variables: Any) -> Any:
    env = expr.Env(REQ, variables)
    return expr.evaluate(text, env)


def test_paths_comparisons_and_logic() -> None:
    assert ev("non_functional.consistency == 'strong'") is True
    assert ev("non_functional.consistency == 'STRONG'") is True  # enumerations compare case-blind
    assert ev("constraints.team.engineers < 10 and non_functional.users.concurrent >= 50000")
    assert ev("not (constraints.team.engineers >= 10)") is True
    assert ev("'ios' in functional.clients and 'android' not in functional.clients") is True


def test_precedence_and_arithmetic() -> None:
    assert ev("1 + 2 * 3") == 7
    assert ev("(1 + 2) * 3") == 9
    assert ev("-2 + 5") == 3
    assert ev("10 / 4") == 2.5
    assert ev("1 / 0") is None
    assert ev("true or false and false") is True


def test_unknown_is_none_and_three_valued() -> None:
    env = expr.Env(REQ, {})
    assert expr.evaluate("non_functional.latency.p99_ms <= 100", env) is None
    assert "non_functional.latency.p99_ms" in env.unknown
    assert ev("non_functional.latency.p99_ms <= 100 or true") is True
    assert ev("non_functional.latency.p99_ms <= 100 and false") is False
    assert ev("non_functional.latency.p99_ms <= 100 and true") is None
    assert ev("not known(non_functional.latency.p99_ms)") is True
    assert ev("default(non_functional.latency.p99_ms, 250)") == 250


def test_variables_and_functions() -> None:
    assert ev("entry.name == 'Rust'", entry={"name": "Rust"}) is True
    assert ev("max(1, x, 3)", x=7) == 7
    assert ev("ceil(x / 3)", x=10) == 4
    assert ev("any_in(['a', 'b'], xs)", xs=["B"]) is True
    assert ev("mentions(xs, 'send')", xs=["Send and receive"]) is True
    assert ev("false in pluck(xs, 'keep')", xs=[{"keep": True}, {"keep": False}]) is True
    assert ev("first(xs)", xs=["a", "b"]) == "a"
    assert ev("len(functional.clients)") == 2


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "x.__class__", "open('f')", "1 +", "a ==", "[1, 2", "x; y", "`"],
)
def test_unsafe_or_broken_expressions_are_errors_or_inert(text: str) -> None:
    try:
        value = ev(text, x="s")
    except InputError:
        return
    assert value is None  # a dunder path resolves to nothing


def test_check_reports_parse_errors() -> None:
    assert expr.check("a == ") is not None
    assert expr.check("a == 1") is None


@given(st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_comparisons_match_python(a: int, b: int) -> None:
    assert ev("x < y", x=a, y=b) is (a < b)
    assert ev("x + y", x=a, y=b) == a + b
    assert ev("x == y or x != y", x=a, y=b) is True


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("A conversion runs on a GPU machine for 5 to 40 minutes", 40.0),
        ("Run the solver; a run may take up to six hours", 360.0),
        ("Planners start a 40-minute solve each night", 40.0),
        ("Changes take effect within 10 minutes", None),
        ("Reports refresh every 15 minutes", None),
    ],
)
def test_job_minutes_reads_how_long_the_work_runs_not_deadlines(
    text: str, minutes: float | None
) -> None:
    assert ev("job_minutes(w)", w=[text]) == minutes


def test_deadline_days_counts_working_days_as_calendar_days() -> None:
    text = "A decision within 40 working days; appeals within 28 days; callbacks within 15 minutes"
    assert ev("deadline_days(w)", w=[text]) == pytest.approx(56.0)
    assert ev("deadline_days(w)", w=["Answer within one month"]) == 30.0
    assert ev("deadline_days(w)", w=["Answer within 2 hours"]) is None


def test_deadline_days_reads_periods_given_to_answer() -> None:
    assert ev("deadline_days(w)", w=["The law gives the council 13 weeks to decide"]) == 91.0
    assert ev("deadline_days(w)", w=["Complaints not answered in eight weeks"]) == 56.0
    # A plan or a build time is no deadline.
    assert ev("deadline_days(w)", w=["We go live in 4 months; it took 3 days to build"]) is None


def test_record_count_reads_the_largest_batch_of_records() -> None:
    texts = ["Ingest the backlog of 180 million files", "nightly CSV of up to 200,000 rows"]
    assert ev("record_count(w)", w=texts) == 180_000_000
    assert ev("record_count(w)", w=["200 restaurants in 6 countries"]) is None


def test_record_count_reads_what_a_file_holds_in_its_own_unit() -> None:
    texts = ["Customers import TMX files of up to 10 million segments"]
    assert ev("record_count(w)", w=texts) == 10_000_000
    assert ev("record_count(w)", w=["a spreadsheet with 40,000 lines of stock"]) == 40_000
    # A size, a duration or a range is not a count of what the file holds.
    for text in ("files of 20 to 60 MB", "uploads of 300 MB", "exports of 5 minutes each"):
        assert ev("record_count(w)", w=[text]) is None


def test_times_of_day_counts_the_clock_times_work_is_tied_to() -> None:
    texts = ["Lists are final by 16:00 and published at 16:30", "reminders go out at 6 am"]
    assert ev("times_of_day(w)", w=texts) == 3
    assert ev("times_of_day(w)", w=["sold at 12.50 each, a 3:1 ratio, 99.9% uptime"]) is None


def test_load_multiple_reads_how_many_times_normal_the_load_gets() -> None:
    assert ev("load_multiple(w)", w=["Traffic is 30x higher in the final week"]) == 30
    assert ev("load_multiple(w)", w=["Black Friday brings ten times the usual load"]) == 10
    assert ev("load_multiple(w)", w=["Lunchtime orders are five times the morning volume"]) == 5
    assert ev("load_multiple(w)", w=["Take it 3 times a day; 99.9% uptime"]) is None


def test_largest_mb_reads_stated_sizes() -> None:
    texts = ["Hearing bundles are PDFs of up to 1 GB", "thumbnails of 200 KB", "episodes (5-40 GB)"]
    assert ev("largest_mb(w)", w=texts) == 40 * 1024
    assert ev("largest_mb(w)", w=["no sizes here"]) is None
