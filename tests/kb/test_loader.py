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


def test_validated_files_are_cached_by_content(tmp_path: Path, monkeypatch) -> None:
    from archwise.kb import loader
    from archwise.kb.schemas.technology import Technology

    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "caches.yaml"
    text = (loader.DATA_DIR / "technologies" / "caches.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first, problems = loader.read_file(path, Technology)
    assert not problems and first
    cached = list((tmp_path / "cache").glob("kb-validated-*/*.pickle"))
    assert len(cached) == 1

    def no_validation(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached file was validated again")

    with monkeypatch.context() as m:
        m.setattr(Technology, "model_validate", no_validation)
        again, _ = loader.read_file(path, Technology)
    assert [(d, o) for d, o in again] == [(d, o) for d, o in first]

    path.write_text(text.replace("- name: Redis\n", "- name: Redis Edited\n", 1), encoding="utf-8")
    edited, _ = loader.read_file(path, Technology)
    assert edited[0][0].name == "Redis Edited", "an edited file is validated, not served stale"
    assert len(list((tmp_path / "cache").glob("kb-validated-*/*.pickle"))) == 2

    cached[0].write_bytes(b"not a pickle")
    path.write_text(text, encoding="utf-8")
    assert loader.read_file(path, Technology)[0] == first, "a damaged entry is validated again"

    path.write_text("name: Broken\ntopics: 3\n", encoding="utf-8")
    bad, problems = loader.read_file(path, Technology)
    assert not bad and problems and problems[0].file == str(path)
    assert len(list((tmp_path / "cache").glob("kb-validated-*/*.pickle"))) == 2, "no bad entry"

    monkeypatch.setenv("ARCHWISE_CACHE_DIR", "off")
    path.write_text(text, encoding="utf-8")
    assert loader.read_file(path, Technology)[0][0][0] == first[0][0]


def test_cache_key_follows_the_schema_code(tmp_path: Path, monkeypatch) -> None:
    from archwise.cache import source_stamp

    (tmp_path / "schema.py").write_text("A = 1\n", encoding="utf-8")
    before = source_stamp([tmp_path], "2.0")
    assert source_stamp([tmp_path], "2.0") == before
    assert source_stamp([tmp_path], "2.1") != before, "a new pydantic is a new key"
    (tmp_path / "schema.py").write_text("A = 22\n", encoding="utf-8")
    assert source_stamp([tmp_path], "2.0") != before, "edited code is a new key"


def test_cache_key_follows_a_model_defined_outside_the_schemas(tmp_path: Path, monkeypatch) -> None:
    import importlib
    import sys

    from archwise.cache import code_stamp
    from archwise.kb import loader

    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path / "cache"))
    package = tmp_path / "lexicons"
    package.mkdir()
    (package / "words.py").write_text(
        "from pydantic import BaseModel\n\n\nclass Words(BaseModel):\n    words: list[str]\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    words = importlib.import_module("lexicons.words")
    monkeypatch.setitem(sys.modules, "lexicons.words", words)
    assert loader._model_dir(words.Words) == package
    before = loader._validated_cache("words: [a]\n", words.Words)
    (package / "words.py").write_text(
        "from pydantic import BaseModel\n\n\nclass Words(BaseModel):\n    words: list[str] = []\n",
        encoding="utf-8",
    )
    code_stamp.cache_clear()
    after = loader._validated_cache("words: [a]\n", words.Words)
    assert before is not None and after is not None
    assert before != after, "an edited lexicon model is a new key, not a stale pickle"
