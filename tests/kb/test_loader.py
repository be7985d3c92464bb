"""The KB loader: built-in data, overlays, duplicates and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.errors import InputError, NotFoundError
from archwise.kb.loader import load_kb, validate
from archwise.kb.schemas.checklist import Checklist
from archwise.kb.schemas.principle import Principle


def test_builtin_data_validates() -> None:
    result = validate()
    assert result.problems == [], "\n".join(str(p) for p in result.problems)


def test_principles_and_checklists_load() -> None:
    kb = load_kb()
    principles = {p.id: p for p in kb.documents("principles") if isinstance(p, Principle)}
    assert set(principles) >= {
        "proven-over-novel",
        "complexity-budget",
        "unix-philosophy",
        "observability-first",
        "modern-by-default",
        "evolutionary-architecture",
    }
    assert principles["proven-over-novel"].thresholds["min_years_in_production"] == 3
    lists = {c.id: c for c in kb.documents("checklists") if isinstance(c, Checklist)}
    obs = lists["observability"]
    assert {
        "metrics-red",
        "tracing",
        "structured-logs",
        "slo-alerts",
        "runbooks",
        "dashboards",
    } <= {i.id for i in obs.items}
    assert lists["microservices-readiness"].item("team-10-plus").threshold == 10


def test_bad_checklist_gives_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "kb" / "checklists"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "id: mine\nname: Mine\nsummary: s\napplies_to: service\nitems:\n"
        "  - id: Bad Id\n    text: x\nsources: []\n",
        encoding="utf-8",
    )
    kb = load_kb([tmp_path / "kb"])
    with pytest.raises(InputError) as err:
        kb.documents("checklists")
    lines = {p.line for p in err.value.problems}
    assert 6 in lines, err.value.problems
    assert all(p.file and p.file.endswith("mine.yaml") for p in err.value.problems)


def test_typed_lookups_by_id() -> None:
    kb = load_kb()
    assert kb.checklist("observability").item("runbooks").text
    assert kb.principle("complexity-budget").thresholds["value_multiple"] == 10
    with pytest.raises(NotFoundError, match="did you mean 'observability'"):
        kb.checklist("observabilty")


def _has_path(model: type, dotted: str) -> bool:
    from archwise.yamlio import _inner_model

    current = model
    for part in dotted.split("."):
        fields = getattr(current, "model_fields", {})
        match = next((f for n, f in fields.items() if part in (n, f.alias)), None)
        if match is None:
            return False
        current = _inner_model(match.annotation)
    return True


def test_item_fields_and_facts_exist() -> None:
    from archwise.kb.schemas.technology import Technology
    from archwise.requirements.models import Requirements

    kb = load_kb()
    items = [i for c in kb.documents("checklists") if isinstance(c, Checklist) for i in c.items]
    items += [
        i
        for p in kb.documents("principles")
        if isinstance(p, Principle)
        for i in (*p.questions, *p.red_flags, *p.practices)
    ]
    for item in items:
        if item.fact is not None:
            assert item.fact in Technology.model_fields, item.id
        if item.field is not None:
            assert _has_path(Requirements, item.field), (item.id, item.field)
    ids = {c.id for c in kb.documents("checklists") if isinstance(c, Checklist)}
    for principle in kb.documents("principles"):
        assert isinstance(principle, Principle)
        assert set(principle.checklists) <= ids, principle.id
    for pattern in kb.patterns.values():
        assert set(pattern.checklists) <= ids, pattern.name


def test_parsed_files_are_cached_by_content(tmp_path, monkeypatch) -> None:
    from archwise.kb import loader

    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path))
    text = "name: x\nwhen: 2026-11-25\nflag: yes\n"
    first = loader.fast_parse(text)
    cached = list(next(tmp_path.glob("kb-parsed-*")).glob("*.pickle"))
    assert len(cached) == 1
    assert (
        loader.fast_parse(text)
        == first
        == {"name": "x", "when": __import__("datetime").date(2026, 11, 25), "flag": "yes"}
    )
    assert loader.fast_parse(text + "more: 1\n")["more"] == 1
    assert len(list(next(tmp_path.glob("kb-parsed-*")).glob("*.pickle"))) == 2
    cached[0].write_bytes(b"not a pickle")
    assert loader.fast_parse(text) == first, "a damaged cache entry is parsed again"
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", "off")
    assert loader.fast_parse("a: 1\n") == {"a": 1}
