"""The brief extractor on a corpus of briefs with expected fields, and its building blocks."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from archwise import yamlio
from archwise.errors import InputError
from archwise.requirements.brief import extract_brief
from archwise.requirements.loader import load_requirements
from archwise.requirements.quantities import parse_quantity
from archwise.requirements.schema import value_at
from tests.conftest import EXAMPLES, invoke

BRIEFS = Path(__file__).parent / "briefs"
CASES = sorted(p.name.removesuffix(".md") for p in BRIEFS.glob("*.md"))


def _expected(case: str) -> dict[str, Any]:
    return yamlio.to_plain(yamlio.load(BRIEFS / f"{case}.expected.yaml"))


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        return isinstance(got, (int, float)) and abs(float(got) - float(want)) < 0.01
    return bool(got == want)


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 26
    assert all((BRIEFS / f"{c}.expected.yaml").is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES)
def test_brief_corpus(case: str) -> None:
    text = (BRIEFS / f"{case}.md").read_text(encoding="utf-8")
    spec = _expected(case)
    found = extract_brief(text).values
    for field, want in spec["expected"].items():
        assert field in found, f"{case}: {field} not understood; got {sorted(found)}"
        assert _same(found[field].value, want), (case, field, found[field].value, want)
    for field, fragment in (spec.get("notes") or {}).items():
        assert fragment in (found[field].note or ""), (case, field, found[field].note)
    for field in spec.get("absent") or []:
        assert field not in found, (case, field, found[field])
    for item in found.values():
        assert item.phrases, item
        for phrase in item.phrases:
            assert phrase in text, (case, item.field, phrase)


def test_chat_brief_matches_the_chat_example() -> None:
    spec = _expected("00-chat-example")
    req = load_requirements(EXAMPLES / spec["from_example"])
    found = extract_brief((BRIEFS / "00-chat-example.md").read_text(encoding="utf-8")).values
    for field in spec["expected"]:
        file_value = value_at(req, field)
        assert _same(found[field].value, file_value), (field, found[field].value, file_value)


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("100k", 100_000, None),
        ("1M", 1_000_000, None),
        ("1.5 million", 1_500_000, None),
        ("10-20k", 20_000, "range 10k-20k"),
        ("10k to 20k", 20_000, "range"),
        ("between 5 and 8", 8, "range 5-8"),
        ("five", 5, None),
        ("a million", 1_000_000, None),
        ("100,000", 100_000, None),
        ("2.5K", 2_500, None),
    ],
)
def test_parse_quantity(text: str, value: float, note: str | None) -> None:
    got, got_note = parse_quantity(text)
    assert got == value
    if note is None:
        assert got_note is None
    else:
        assert got_note is not None and note in got_note


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("sub-100ms", "non_functional.latency.p99_ms", 100),
        ("under 200 milliseconds response times", "non_functional.latency.p99_ms", 200),
        ("$5k/month", "constraints.budget.infra_usd_per_month", 5000),
        ("6 months to production", "constraints.timeline.production_months", 6),
        ("GDPR and SOC 2", "non_functional.compliance", ["gdpr", "soc2"]),
        ("on AWS", "constraints.cloud", "aws"),
        ("eventual consistency is fine", "non_functional.consistency", "eventual"),
        ("read-heavy", "non_functional.workload", "read-heavy"),
        ("iOS and Android apps", "functional.clients", ["ios", "android"]),
        ("real-time", "functional.realtime", True),
        ("30 days retention", "functional.data.retention_days", 30),
        ("five engineers", "constraints.team.engineers", 5),
        ("four nines", "non_functional.availability_percent", 99.99),
    ],
)
def test_issue_phrases(text: str, field: str, value: Any) -> None:
    found = extract_brief(text).values
    assert field in found, sorted(found)
    assert _same(found[field].value, value)
    assert found[field].phrase in text


def test_empty_and_unrelated_text() -> None:
    assert extract_brief("").values == {}
    assert extract_brief("Lorem ipsum dolor sit amet, consectetur adipiscing elit.").values == {}


def test_cli_brief_json(cli, tmp_path: Path) -> None:
    src = BRIEFS / "01-issue-sentence.md"
    result = invoke(cli, "brief", str(src), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    values = doc["extraction"]["values"]
    assert values["non_functional.latency.p99_ms"]["value"] == 100
    assert values["non_functional.latency.p99_ms"]["phrase"] == "p99 under 100 ms"
    assert "non_functional.consistency" in doc["open_questions"]
    assert "non_functional.latency.p99_ms" not in doc["open_questions"]


def test_cli_brief_text(cli) -> None:
    result = invoke(cli, "brief", str(BRIEFS / "00-chat-example.md"))
    assert result.exit_code == 0
    assert "non_functional.users.concurrent_in_2_years = 1000000" in result.stdout
    assert "(1M in 2 years)" in result.stdout


def test_apply_brief_fills_unknowns_and_keeps_answers(tmp_path: Path) -> None:
    from archwise.api.requirements import apply_brief

    path = tmp_path / "archwise.yaml"
    shutil.copy(EXAMPLES / "chat-system.yaml", path)
    text = (
        "Peak load of 3,000 requests per second; p99 under 80 ms; we run on AWS; "
        "some Go experience; must comply with GDPR and SOC 2."
    )
    applied = apply_brief(path, text)
    assert applied.written["non_functional.throughput.peak_rps"] == 3000
    assert applied.written["constraints.cloud"] == "aws"
    assert applied.written["constraints.team.expertise.go"] == "some"
    assert applied.written["non_functional.compliance"] == ["gdpr", "soc2"]
    assert applied.kept["non_functional.latency.p99_ms"] == {"file": 100, "brief": 80}
    req = load_requirements(path)
    assert value_at(req, "non_functional.latency.p99_ms") == 100
    assert value_at(req, "constraints.team.expertise") == {
        "typescript": "strong",
        "rust": "learning",
        "go": "some",
    }
    assert "# message delivery" in path.read_text(encoding="utf-8")
    applied = apply_brief(path, text, overwrite=True)
    assert value_at(load_requirements(path), "non_functional.latency.p99_ms") == 80


def test_apply_brief_creates_file_and_needs_a_name(tmp_path: Path) -> None:
    from archwise.api.requirements import apply_brief

    text = (BRIEFS / "00-chat-example.md").read_text(encoding="utf-8")
    applied = apply_brief(tmp_path / "new.yaml", text)
    assert applied.created
    assert load_requirements(tmp_path / "new.yaml").name == "Real-time chat"
    with pytest.raises(InputError, match="title line"):
        apply_brief(tmp_path / "other.yaml", "p99 under 100 ms")


def test_cli_brief_into(cli, workspace: Path) -> None:
    shutil.copy(BRIEFS / "00-chat-example.md", workspace / "brief.md")
    result = invoke(cli, "brief", "brief.md", "--into", "archwise.yaml")
    assert result.exit_code == 0, result.output
    assert "created archwise.yaml" in result.stdout
    check = invoke(cli, "check-requirements", "archwise.yaml")
    assert check.exit_code == 0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a dozen", 12),
        ("a couple of hundred", 200),
        ("half a million", 500_000),
        ("two and a half thousand", 2_500),
        ("fifteen hundred", 1_500),
        ("two hundred thousand", 200_000),
        ("forty-five", 45),
        ("one and a half million", 1_500_000),
        ("1.5k", 1_500),
        ("4.000", 4_000),
    ],
)
def test_numbers_in_words(text: str, value: float) -> None:
    assert parse_quantity(text) == (value, None)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # growth targets
        (
            "about 200 people online at once; we could reach 20k people online at once within two "
            "years",
            "non_functional.users.concurrent_in_2_years",
            20_000,
        ),
        (
            "120 users online at the same time. Target: 10x next year.",
            "non_functional.users.concurrent_in_2_years",
            1_200,
        ),
        (
            "50k CCU at launch, maybe 250k CCU in a year or two",
            "non_functional.users.concurrent",
            50_000,
        ),
        # timelines in other units and relative to the MVP
        ("We launch in six weeks.", "constraints.timeline.mvp_months", 1.38),
        (
            "MVP in 3 months, production two months after the MVP.",
            "constraints.timeline.production_months",
            5,
        ),
        (
            "Date: 1 April 2026. The pilot must go live by the end of Q3 2026.",
            "constraints.timeline.mvp_months",
            5.98,
        ),
        # approximate and spelled-out numbers
        ("a couple of hundred concurrent users", "non_functional.users.concurrent", 200),
        ("roughly 1.5k registered users", "non_functional.users.total", 1_500),
        ("half a million registered accounts", "non_functional.users.total", 500_000),
        ("We are a dozen engineers.", "constraints.team.engineers", 12),
        # availability as words
        ("three nines", "non_functional.availability_percent", 99.9),
        ("three and a half nines", "non_functional.availability_percent", 99.95),
        ("two and a half nines", "non_functional.availability_percent", 99.5),
        ("four and a half nines", "non_functional.availability_percent", 99.995),
        ("available 99.9 percent of the time", "non_functional.availability_percent", 99.9),
        # latency in seconds, without p99 next to the number
        ("under 2 s for 99% of requests", "non_functional.latency.p99_ms", 2_000),
        (
            "95% of page requests shall complete within 800 milliseconds",
            "non_functional.latency.p95_ms",
            800,
        ),
        ("the UI answers within a second", "non_functional.latency.p99_ms", 1_000),
        # daily and concurrent users
        ("~40k DAU", "non_functional.users.daily_active", 40_000),
        ("8k daily active", "non_functional.users.daily_active", 8_000),
        ("roughly 600 people online at once", "non_functional.users.concurrent", 600),
        # retention as history
        ("we keep 90 days of history", "functional.data.retention_days", 90),
        ("records are kept for 7 years", "functional.data.retention_days", 2_555),
        # teams in prose
        ("a team of 6 Kotlin developers", "constraints.team.expertise", {"kotlin": "strong"}),
        ("two backend devs who know Go", "constraints.team.roles", {"backend": 2}),
        ("two backend devs who know Go", "constraints.team.expertise", {"go": "strong"}),
        ("12 engineers in three squads", "constraints.team.teams", 3),
        ("5 Java developers and one front-end developer", "constraints.team.engineers", 6),
        # more of the same kinds, phrased otherwise
        (
            "3,000 concurrent users; we expect to double within two years",
            "non_functional.users.concurrent_in_2_years",
            6_000,
        ),
        (
            "logs are kept for 30 days; audit trails for 10 years",
            "functional.data.retention_days",
            3_650,
        ),
        ("around 20 people use it at any given time", "non_functional.users.concurrent", 20),
        ("12,000 orders per minute at peak", "non_functional.throughput.peak_rps", 200),
        (
            "first release end of March 2026, written 5 January 2026",
            "constraints.timeline.mvp_months",
            2.79,
        ),
        ("Our programmers are two.", "constraints.team.engineers", 2),
        ("Latency budget: 150 ms end to end.", "non_functional.latency.p99_ms", 150),
        ("Response time should not exceed 2 seconds.", "non_functional.latency.p99_ms", 2_000),
        (
            "Around a hundred thousand people use the app every day.",
            "non_functional.users.daily_active",
            100_000,
        ),
        (
            "approximately 30,000 clinicians, of whom up to 3,000 may be logged in concurrently",
            "non_functional.users.total",
            30_000,
        ),
        ("peak 3,500 TPS, avg ~600", "non_functional.throughput.average_rps", 600),
        ("about 30 TB of high-resolution images today", "functional.data.size_gb", 30_000),
        (
            "both full-stack in TypeScript / React",
            "constraints.team.expertise",
            {"typescript": "strong", "react": "strong"},
        ),
        ("We are 4 thousand farmers.", "non_functional.users.total", None),
        # regimes ruled out before or after their name, and other countries' privacy laws
        (
            "No HIPAA here, we hold no health data; SOC 2 is expected.",
            "non_functional.compliance",
            ["soc2"],
        ),
        (
            "Card data goes to the processor so we stay out of PCI scope; GDPR applies.",
            "non_functional.compliance",
            ["gdpr"],
        ),
        (
            "FERPA is not a thing for us, but ISO 27001 is.",
            "non_functional.compliance",
            ["iso27001"],
        ),
        (
            "APPI and COPPA both apply to the kids' app.",
            "non_functional.compliance",
            ["appi", "coppa"],
        ),
        # timelines: a date without its year, the milestone after the last, deadlines named otherwise
        (
            "Pilot in 8 weeks, the remaining sites 3 months after that.",
            "constraints.timeline.production_months",
            4.84,
        ),
        ("Today's 2 March 2027; GA by end of Q2.", "constraints.timeline.production_months", 3.93),
        (
            "Rollout everywhere by end of quarter (it's Jan 15 now).",
            "constraints.timeline.production_months",
            2.5,
        ),
        ("Public launch 7 months after funding.", "constraints.timeline.production_months", 7),
        ("First depot migrated at month 4.", "constraints.timeline.mvp_months", 4),
        (
            "Written 1 May 2027. All 12 shops until end of year.",
            "constraints.timeline.production_months",
            8,
        ),
        (
            "Our live-ops team expects 3x players over the next 2 yrs.",
            "constraints.timeline.production_months",
            None,
        ),
        ("We need a plan by end of month.", "non_functional.traffic", None),
        # a thousands suffix right before "/s" stays on the number
        ("Sign-ins run at 3k/sec on average.", "non_functional.throughput.average_rps", 3_000),
        ("Peak load ~1.5k/s.", "non_functional.throughput.peak_rps", 1_500),
        # data residency said in other ways
        ("Backups are kept in Canada only.", "non_functional.data_residency", ["ca"]),
        (
            "Data residency: EU only; the vendor has two regions.",
            "non_functional.data_residency",
            ["eu"],
        ),
        ("Customer files must save in Japan only.", "non_functional.data_residency", ["jp"]),
        (
            "Records are processed under the GDPR and shall not leave the EEA.",
            "non_functional.data_residency",
            ["eu"],
        ),
        (
            "Data to be held in Austria or elsewhere in the EU.",
            "non_functional.data_residency",
            ["eu"],
        ),
        ("All PII stored only in South Korea.", "non_functional.data_residency", ["kr"]),
        # whose team a count belongs to, and lists of roles that add up
        ("Scale: 900 developers, ~4k builds/day", "constraints.team.engineers", None),
        ("Devs: 3 Go developers + 2 freelancers", "constraints.team.engineers", 5),
        (
            "Staffing: 4 Python developers + 1 DBA for the first year",
            "constraints.team.engineers",
            5,
        ),
        ("Team: 3 data eng (Scala) + 1 backend (Java).", "constraints.team.engineers", 4),
        (
            "Three engineers, all Rust people, and a contractor for design.",
            "constraints.team.engineers",
            4,
        ),
        ("Team: the 4 of us from payments + 1 contractor.", "constraints.team.engineers", 5),
        ("**li**: us two + Omar from data, 3 total.", "constraints.team.engineers", 3),
        ("Our IT is me and one colleague.", "constraints.team.engineers", 2),
        ("Our programmer is only 1 person.", "constraints.team.engineers", 1),
        ("the quota stays at 5,000 calls a day", "constraints.team.engineers", None),
        ("we degrade gracefully, so 99.5 is fine", "constraints.team.engineers", None),
        ("Search must be fast, less than half second.", "non_functional.latency.p99_ms", 500),
        ("Assignments are kept for one school year.", "functional.data.retention_days", 365),
        (
            "Every day we have\nnear 2 thousand clients on the site.",
            "non_functional.users.daily_active",
            2_000,
        ),
    ],
)
def test_brief_kinds(text: str, field: str, value: Any) -> None:
    found = extract_brief(text).values
    if value is None:  # nothing may be read for the field, and no team size from other people
        assert field not in found and "constraints.team.engineers" not in found, found
        return
    assert field in found, (text, sorted(found))
    assert _same_close(found[field].value, value, field), (text, found[field])
    for phrase in found[field].phrases:
        assert phrase in text


def _same_close(got: Any, want: Any, field: str = "") -> bool:
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        if field.endswith("availability_percent"):  # 99.99 is not 99.9: compared exactly
            return abs(got - want) <= 1e-9
        return abs(got - want) <= 0.01 * max(abs(want), 1)
    return bool(got == want)


def test_the_most_specific_number_wins_and_the_other_is_named() -> None:
    text = 'We say "about 5k concurrent users"; the exact peak was 4,820 concurrent users.'
    found = extract_brief(text).values["non_functional.users.concurrent"]
    assert found.value == 4_820
    assert found.note is not None and "5000" in found.note and "most specific" in found.note


def test_nothing_is_read_from_vague_words() -> None:
    found = extract_brief(
        "a few dozen requests per second, a few people online, tens of thousands of users"
    ).values
    assert not {"non_functional.throughput.peak_rps", "non_functional.users.concurrent"} & set(
        found
    )


def test_a_calendar_target_needs_the_briefs_date() -> None:
    assert "constraints.timeline.mvp_months" not in extract_brief("MVP by the end of Q3.").values


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract_brief(text, VOCABULARY)
        best = min(best, time.process_time() - start)
    return best


VOCABULARY = {"Go": "Go", "PostgreSQL": "PostgreSQL", "Postgres": "PostgreSQL"}


@pytest.mark.parametrize("unit", ["7", " ", ".,;:-/!?()[]{}<>\"'"])
def test_extraction_is_linear_on_hostile_input(unit: str) -> None:
    big = (unit * 100_000)[:100_000]
    small = big[:10_000]
    assert _cpu(big) < 1.0
    for text in (big, big.replace(big[:1000], big[:999] + "\n")):
        assert extract_brief(text, VOCABULARY).values == {}
    # ten times the text may cost at most about ten times the time (plus a fixed start-up)
    assert _cpu(big) <= 10 * _cpu(small) + 0.05


def test_extraction_is_linear_on_prose_sized_input() -> None:
    line = "We have 1 a 2 b 3 users, p 4 s 5 and 6 ms.\n"
    small = line * 25
    big = line * 100
    assert _cpu(big) <= 4 * _cpu(small) * 2 + 0.05


def test_a_brief_longer_than_the_limit_is_refused_with_a_message() -> None:
    from archwise.requirements.brief import MAX_BRIEF

    with pytest.raises(InputError, match="characters"):
        extract_brief("word " * (MAX_BRIEF // 5 + 1), VOCABULARY)
