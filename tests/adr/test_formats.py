"""Round trips of every format, conversions, and the corpus of real-world-style records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwise.adr.collection import lint, scan
from archwise.adr.model import FORMATS, Adr, Consequences, Link, Option, Section
from archwise.adr.parse import parse, parse_adr
from archwise.adr.render import lost_fields, render

CORPUS = Path(__file__).parent / "corpus"
SPEC = Path(__file__).resolve().parents[2] / "docs" / "adr"


def _rich(fmt: str) -> Adr:
    madr = fmt not in {"spec", "nygard"}
    return Adr(
        number=None if fmt == "log4brains" else 7,
        title="Use Redis PubSub for broadcast",
        status="accepted" if madr else "Accepted",
        date="2025-11-28",
        deciders=["Ana", "Ben"] if fmt != "nygard" else [],
        consulted=["SRE"] if fmt in {"madr3", "madr4"} else [],
        informed=["Everyone"] if fmt in {"madr3", "madr4"} else [],
        tags=["realtime"] if fmt in {"madr3", "madr4", "log4brains"} else [],
        context="Broadcast messages across servers.\n\nSecond paragraph.",
        drivers=["Latency", "Simplicity"] if madr else [],
        decision=(
            'Chosen option: "Redis PubSub", because Redis already runs.'
            if madr
            else "Use Redis PubSub between servers."
        ),
        chosen=Option(name="Redis PubSub", pros=["Low latency"], cons=["No persistence"])
        if madr
        else None,
        alternatives=[
            Option(
                name="Kafka",
                description="A log." if madr else "",
                pros=["Durable", "Ordered"],
                cons=["Heavy"],
                why_not="" if madr else "Too complex for the MVP",
            ),
            Option(name="Database polling", pros=["No new service"], cons=["Latency"]),
        ]
        if fmt != "nygard"
        else [],
        consequences=Consequences(
            positive=["Simple", "Fast"],
            negative=["Single point of failure"],
            neutral=["Ops learn Redis"] if fmt in {"spec", "nygard", "madr3", "madr4"} else [],
            other={"Mitigation": ["Sentinel"]} if fmt in {"spec", "nygard"} else {},
        ),
        implementation_notes="- Use ioredis" if fmt == "spec" else "",
        success_metrics=["Latency < 10ms"] if fmt == "spec" else [],
        confirmation="Load test in CI" if fmt in {"madr3", "madr4"} else "",
        review_date="2026-02-28" if fmt == "spec" else "",
        links=[Link(kind="Amends", target=3, title="ADR-003: Old", href="0003-old.md")],
        fields={"Technical Story": "#12"}
        if fmt in {"spec", "nygard", "madr2", "log4brains"}
        else {},
        extra_sections=[Section(heading="Notes", body="Free text.")],
        format=fmt,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_each_format(fmt: str) -> None:
    adr = _rich(fmt)
    name = "20251128-use-redis.md" if fmt == "log4brains" else "0007-use-redis.md"
    text = render(adr)
    back, findings = parse_adr(text, name)
    assert findings == []
    assert back.model_dump(exclude={"path", "id"}) == adr.model_dump(exclude={"path", "id"})
    assert render(back) == text


@pytest.mark.parametrize("fmt", FORMATS)
def test_corpus_files_round_trip_through_their_own_format(fmt: str) -> None:
    folder = {"madr2": "madr2", "madr3": "madr3", "madr4": "madr4"}.get(fmt, fmt)
    for path in sorted((CORPUS / folder).rglob("*.md")):
        adr = parse(path.read_text(encoding="utf-8"), path.name)
        assert adr.format == fmt, path
        again = parse(render(adr), path.name)
        assert again.model_dump(exclude={"path", "id"}) == adr.model_dump(exclude={"path", "id"}), (
            path
        )


def test_spec_example_adr_parses_with_every_part() -> None:
    text = (SPEC / "0002-api-as-a-package-of-capability-modules.md").read_text(encoding="utf-8")
    adr = parse(text, "0002-api.md")
    assert adr.format == "spec"
    assert adr.number == 2 and adr.status == "Accepted" and adr.date == "2026-11-25"
    assert len(adr.alternatives) == 2 and adr.alternatives[0].why_not
    assert adr.consequences.positive and adr.consequences.negative and adr.consequences.neutral
    assert render(adr) == text


def test_why_not_and_mitigation_as_in_the_spec_example() -> None:
    adr = parse((CORPUS / "spec" / "0007-rate-limit-at-the-gateway.md").read_text(), "0007-x.md")
    assert adr.alternatives[0].why_not == "Every service would re-implement it"
    assert adr.consequences.other == {"Mitigation": ["Keep buckets in Redis"]}


def test_nygard_superseded_link_kept_with_either_spelling() -> None:
    for kind in ("Superseded by", "Superceded by"):
        text = f"# 2. Old\n\nDate: 2020-01-01\n\n## Status\n\n{kind} [3. New](0003-new.md)\n\n## Context\n\nx\n"
        adr = parse(text, "0002-old.md")
        assert adr.lifecycle_status == "superseded"
        assert adr.links == [Link(kind=kind, target=3, title="3. New", href="0003-new.md")]
        assert kind in render(adr)


def test_convert_spec_to_every_format_reports_what_is_lost() -> None:
    adr = _rich("spec")
    for target in FORMATS:
        out = parse(render(adr, target), "0007-x.md" if target != "log4brains" else "20250101-x.md")
        lost = lost_fields(adr, target)
        assert out.title == adr.title and out.context == adr.context
        if target == "nygard":
            assert {"alternatives", "deciders", "success_metrics", "review_date"} <= set(lost)
        if target.startswith("madr"):
            assert "alternatives.why_not" in lost and "success_metrics" in lost
            assert [o.name for o in out.alternatives] == ["Kafka", "Database polling"]
            assert out.alternatives[0].pros == ["Durable", "Ordered"]
        if target == "spec":
            assert lost == []


def test_madr_to_spec_keeps_chosen_option_and_consequences() -> None:
    path = CORPUS / "madr2" / "0001-use-markdown-architectural-decision-records.md"
    adr = parse(path.read_text(), path.name)
    assert adr.chosen is not None and adr.chosen.name == "MADR 2.1.2"
    spec = parse(render(adr, "spec"), path.name)
    assert spec.consequences.positive == ["Structured decisions"]
    assert [o.name for o in spec.alternatives] == ["Michael Nygard's template", "Formless"]
    assert "chosen.pros_cons" in lost_fields(adr, "spec")


def test_corpus_has_forty_varied_records_that_all_parse() -> None:
    records = scan(CORPUS)
    assert len(records) >= 40
    formats = {r.adr.format for r in records}
    assert set(FORMATS) <= formats
    assert all(r.adr.path for r in records)
    nested = [r.rel for r in records if r.rel.count("/") >= 3]
    assert "messy/nested/deeper/0017-deeper-still.md" in nested


def test_messy_collection_oddities_are_lint_findings() -> None:
    folder = CORPUS / "messy"
    findings = lint(scan(folder), dt.date(2026, 1, 1), folder)
    got = {(f.file, f.code) for f in findings}
    expected = {
        ("0002-use-mysql.md", "duplicate-number"),
        ("0002-use-rabbitmq.md", "duplicate-number"),
        ("0002-use-mysql.md", "superseded-without-successor"),
        ("0002-use-mysql.md", "bad-date"),
        ("003-use-docker.md", "number-width"),
        ("0004-no-status-here.md", "missing-status"),
        ("0005-obsoletes-field.md", "custom-field"),
        ("0006-double-extension.md.md", "double-extension"),
        ("0007-draft-status.md", "unknown-status"),
        ("0008-from-the-future.md", "future-date"),
        ("0009-broken-link.md", "broken-link"),
        ("0010-missing-sections.md", "missing-section"),
        ("0011-title-number-mismatch.md", "number-mismatch"),
        ("0013-no-title.md", "missing-title"),
        ("0018-empty.md", "missing-title"),
        ("0019-front-matter-junk.md", "front-matter"),
    }
    assert expected <= got, expected - got
    clean = {f.file for f in findings}
    assert "0001-record-architecture-decisions.md" not in clean
    assert "nested/0016-in-a-subfolder.md" not in clean


def test_messy_details_parse() -> None:
    folder = CORPUS / "messy"
    by_rel = {r.rel: r.adr for r in scan(folder)}
    assert by_rel["0005-obsoletes-field.md"].fields == {"Obsoletes": "2", "Author": "Kim"}
    assert [s.heading for s in by_rel["0005-obsoletes-field.md"].extra_sections] == [
        "Notes",
        "Appendix A",
    ]
    assert "## not a heading" in by_rel["0005-obsoletes-field.md"].extra_sections[1].body
    assert by_rel["0014-unicode-títle.md"].title.startswith("Support Ünïcödé")
    assert by_rel["0015-html-comments.md"].context == "Context text."
    assert by_rel["003-use-docker.md"].number == 3


def test_crlf_and_front_matter_lists() -> None:
    crlf = CORPUS / "madr2" / "0005-use-gradle-kotlin-dsl.md"
    assert b"\r\n" in crlf.read_bytes()
    adr = parse(crlf.read_bytes().decode(), crlf.name)
    assert adr.title == "Use Gradle Kotlin DSL" and adr.status == "proposed"
    m3 = parse(
        (CORPUS / "madr3" / "0001-use-typescript-for-the-frontend.md").read_text(), "0001-x.md"
    )
    assert m3.deciders == ["Alice", "Bob"] and m3.consulted == ["Carol"]
    assert m3.confirmation == "a review of the tsconfig"
    assert m3.alternatives[0].name == "JavaScript with JSDoc"
    assert m3.chosen is not None and m3.chosen.neutral == ["large ecosystem"]


def test_parser_never_raises_on_garbage() -> None:
    samples = [
        "",
        "#",
        "# ",
        "---\n---\n",
        "---\nunterminated",
        "## Status\n",
        "\x00\x01",
        "# 1.\n## Decision Outcome\n",
    ]
    samples += [
        "# T\n\n" + "## " * 500,
        "# T\n```\n## x\n",
        "* Status:\n# x\n",
        re.escape("[]()") * 50,
    ]
    for text in samples:
        adr, _ = parse_adr(text, "0001-x.md")
        render(adr)


def test_parsed_model_matches_a_validated_one() -> None:
    text = (CORPUS / "spec" / "0002-use-hono-for-the-rest-api.md").read_text()
    fast = parse(text, "0002-x.md")
    slow = Adr.model_validate(fast.model_dump())
    assert fast.model_dump_json() == slow.model_dump_json()
    assert list(fast.model_dump()) == [*Adr.model_fields, "id"]


def test_converted_records_are_detected_as_their_new_format() -> None:
    adr = _rich("spec")
    for target in FORMATS:
        text = render(adr, target)
        assert parse(text, "0007-use-redis.md").format == target


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# 1. T",
                "# ADR-2: T",
                "# T",
                "## Status",
                "## Decision Outcome",
                "### Option 1: X",
                "---",
                "status: x",
                "* Status: y",
                "**Context**: c",
                "- **Pros**: a; b",
                "```",
                "Superseded by [3. X](0003-x.md)",
                'Chosen option: "X"',
                "<!--",
                "-->",
                "",
                "text",
                "* Good, because g",
                "**Positive**:",
                "- item",
                "Date: 2020-01-01",
                "\u202e\x00\t",
            ]
        ),
        max_size=30,
    ),
    st.sampled_from(["0001-x.md", "20200101-x.md", "x.md", "001-x.md.md"]),
)
def test_parser_and_renderers_never_raise(lines: list[str], name: str) -> None:
    adr, _ = parse_adr("\n".join(lines), name)
    for fmt in FORMATS:
        parse(render(adr, fmt), name)


def test_huge_and_binary_files_are_findings_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "0001-huge.md").write_bytes(b"# 1. Huge\n" + b"x" * (3 * 1024 * 1024))
    (tmp_path / "0002-binary.md").write_bytes(bytes(range(256)) * 4)
    records = scan(tmp_path)
    findings = lint(records, dt.date(2026, 1, 1), tmp_path)
    assert ("0001-huge.md", "too-large") in {(f.file, f.code) for f in findings}
    assert ("0002-binary.md", "missing-title") in {(f.file, f.code) for f in findings}


def test_parse_draft_mirrors_the_model() -> None:
    """The parser fills a plain dataclass for speed; it must carry exactly the model's fields."""
    import dataclasses

    from archwise.adr.model import Adr
    from archwise.adr.parse import _Draft

    assert [f.name for f in dataclasses.fields(_Draft)] == list(Adr.model_fields)
