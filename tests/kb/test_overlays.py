"""User overlays, the organisation radar and located errors for bad data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwise.errors import InputError, NotFoundError
from archwise.kb.loader import load_kb, validate

NEW_TECH = """\
- name: Acme Queue
  aliases: [acmeq]
  category: messaging
  topics: [messaging]
  summary: The in-house queue.
  ops_complexity: 2
  first_stable_release: 2019
  license: Proprietary
  open_source: false
  ecosystem: 1
  community: 1
  hiring: 1
  performance: 3
  learning_curve: 2
  detect: {pypi: [acme-queue]}
  sources: [{title: wiki, checked: 2026-11-25}]
"""

OVERRIDE_PG = """\
name: PostgreSQL
category: database
topics: [database]
summary: Our PostgreSQL, run by the platform team.
ops_complexity: 1
first_stable_release: 1996
license: PostgreSQL License
open_source: true
ecosystem: 5
community: 5
hiring: 5
performance: 4
learning_curve: 2
sources: [{title: platform handbook, checked: 2026-11-25}]
"""

RADAR = """\
title: Acme radar
date: 2026-11-01
entries:
  - {name: postgres, ring: adopt, reason: default database}
  - {name: MongoDB, ring: hold, moved_from: trial}
  - {name: Acme Queue, ring: trial}
  - {name: CQRS, ring: assess}
"""


def _overlay(root: Path, kind: str, name: str, text: str) -> Path:
    folder = root / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_overlay_adds_and_overrides(tmp_path: Path) -> None:
    _overlay(tmp_path, "technologies", "acme.yaml", NEW_TECH)
    _overlay(tmp_path, "technologies", "pg.yml", OVERRIDE_PG)
    base = load_kb()
    kb = load_kb([tmp_path])
    assert len(kb.technologies) == len(base.technologies) + 1
    assert kb.get("acmeq").name == "Acme Queue"
    assert kb.technologies["PostgreSQL"].summary.startswith("Our PostgreSQL")
    assert base.technologies["PostgreSQL"].summary != kb.technologies["PostgreSQL"].summary
    assert kb.get("Acme Queue") in kb.candidates("messaging")


def test_edited_overlay_is_reloaded(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "technologies", "acme.yaml", NEW_TECH)
    assert load_kb([tmp_path]).technologies["Acme Queue"].summary == "The in-house queue."
    path.write_text(NEW_TECH.replace("The in-house queue.", "Renamed queue."), encoding="utf-8")
    assert load_kb([tmp_path]).technologies["Acme Queue"].summary == "Renamed queue."
    more = NEW_TECH.replace("Acme", "Beta").replace("acmeq", "betaq")
    _overlay(tmp_path, "technologies", "more.yaml", more)
    assert "Beta Queue" in load_kb([tmp_path]).technologies


def test_radar_marks_rings(tmp_path: Path) -> None:
    _overlay(tmp_path, "technologies", "acme.yaml", NEW_TECH)
    radar = tmp_path / "radar.yaml"
    radar.write_text(RADAR, encoding="utf-8")
    kb = load_kb([tmp_path], radar)
    assert kb.ring("PostgreSQL") == "adopt"
    assert kb.ring("mongo") == "hold"
    assert kb.ring("acmeq") == "trial"
    assert kb.ring("CQRS") == "assess"
    assert kb.ring("Redis") is None
    entry = kb.radar_entry("MongoDB")
    assert entry is not None and entry.moved_from == "trial"


def test_radar_rejects_unknown_names_with_suggestion(tmp_path: Path) -> None:
    radar = tmp_path / "radar.yaml"
    radar.write_text(
        "title: r\ndate: 2026-11-01\nentries:\n  - {name: Postgress, ring: adopt}\n"
        "  - {name: Kafka, ring: sometimes}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_kb([], radar)
    problems = err.value.problems
    by_line = {p.line: p for p in problems}
    assert "did you mean 'PostgreSQL'" in by_line[4].message
    assert by_line[4].field == "entries[0].name"
    assert "adopt" in by_line[5].message and by_line[5].field == "entries[1].ring"


def test_duplicate_names_and_aliases_are_errors(tmp_path: Path) -> None:
    _overlay(tmp_path, "technologies", "a.yaml", NEW_TECH)
    _overlay(tmp_path, "technologies", "b.yaml", NEW_TECH)
    _overlay(
        tmp_path,
        "technologies",
        "c.yaml",
        NEW_TECH.replace("Acme Queue", "Other Queue").replace("[acmeq]", "[kafka]"),
    )
    result = validate([tmp_path])
    messages = [str(p) for p in result.problems]
    assert any("duplicate name 'Acme Queue'" in m and "b.yaml:1" in m for m in messages), messages
    assert any("alias 'kafka' of 'Other Queue' is already used by 'Kafka'" in m for m in messages)


def test_bad_entry_gives_file_line_and_field(tmp_path: Path) -> None:
    bad = NEW_TECH.replace("first_stable_release: 2019", "first_stable_release: soon").replace(
        "category: messaging", "category: mesaging"
    )
    path = _overlay(tmp_path, "technologies", "acme.yaml", bad)
    with pytest.raises(InputError) as err:
        load_kb([tmp_path])
    got = {(p.file, p.line, p.field) for p in err.value.problems}
    assert (str(path), 3, "Acme Queue.category") in got
    assert (str(path), 7, "Acme Queue.first_stable_release") in got
    text = str(err.value)
    assert "expected a whole number" in text and "'soon'" in text


def test_unknown_kind_folder_and_bad_yaml(tmp_path: Path) -> None:
    (tmp_path / "technolgies").mkdir()
    _overlay(tmp_path, "patterns", "broken.yaml", "- name: [unclosed\n")
    result = validate([tmp_path])
    messages = [str(p) for p in result.problems]
    assert any("did you mean 'technologies'" in m for m in messages), messages
    assert any("broken.yaml:" in m and "invalid YAML" in m for m in messages), messages


def test_missing_overlay_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="knowledge-base folder not found"):
        load_kb([tmp_path / "nope"])


def test_unknown_name_suggests() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'PostgreSQL'"):
        load_kb().get("Postgress")
    assert load_kb().find("nothing-like-this") is None


def test_documents_merge_by_id(tmp_path: Path) -> None:
    _overlay(
        tmp_path,
        "checklists",
        "obs.yaml",
        "id: observability\nname: Ours\nsummary: s\napplies_to: service\n"
        "items: [{id: logs, text: JSON logs}]\nsources: [{title: us, checked: 2026-11-25}]\n",
    )
    docs = {getattr(d, "id", None): d for d in load_kb([tmp_path]).documents("checklists")}
    assert getattr(docs["observability"], "name", None) == "Ours"
    assert "module-design" in docs


def test_json_roundtrip_of_entries() -> None:
    kb = load_kb()
    data = json.loads(kb.technologies["Kafka"].model_dump_json())
    assert data["name"] == "Kafka" and data["detect"]["maven"]


def test_radar_beside_the_overlays_is_used(tmp_path: Path) -> None:
    _overlay(tmp_path, "technologies", "acme.yaml", NEW_TECH)
    (tmp_path / "radar.yaml").write_text(RADAR, encoding="utf-8")
    assert load_kb([tmp_path]).ring("Acme Queue") == "trial"
    assert validate([tmp_path]).problems == []


def test_overriding_by_alias_says_which_name_to_use(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        "technologies",
        "pg.yaml",
        OVERRIDE_PG.replace("name: PostgreSQL", "name: Postgres"),
    )
    result = validate([tmp_path])
    assert [(p.file, p.line) for p in result.problems] == [(str(path), 1)]
    assert "alias of 'PostgreSQL'" in result.problems[0].message


def test_duplicate_keys_are_located(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "technologies", "dup.yaml", NEW_TECH + "  license: MIT\n")
    with pytest.raises(InputError) as err:
        load_kb([tmp_path])
    (problem,) = err.value.problems
    assert problem.file == str(path) and problem.line == 17
    assert "duplicate key 'license'" in problem.message


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.sampled_from(["name", "1996"])
)
yaml_docs = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "category", "topics", "x"]), inner, max_size=4)
    ),
    max_leaves=10,
)


@settings(max_examples=60, deadline=None)
@given(doc=yaml_docs)
def test_random_documents_give_problems_not_tracebacks(doc: object) -> None:
    import tempfile

    from archwise import yamlio
    from archwise.kb.loader import read_file
    from archwise.kb.schemas.technology import Technology

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.yaml"
        path.write_text(yamlio.dump(doc) if doc is not None else "", encoding="utf-8")
        entries, problems = read_file(path, Technology)
    assert problems, doc
    assert not entries or len(problems) >= 1
    assert all(p.file == str(path) for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "name: x\nchecked: 2026-13-45\n",
        "? [a]\n: 1\n",
        "a: !!python/object/apply:os.system [echo hi]\n",
        "- &x [*x]\n",
        "&x {a: *x}\n",
        "\x00\x01binary",
        "",
        "- 1\n- two\n",
        "name: [unclosed\n",
    ],
)
def test_nasty_files_give_located_problems(tmp_path: Path, text: str) -> None:
    from archwise.kb.loader import read_file
    from archwise.kb.schemas.technology import Technology

    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    entries, problems = read_file(path, Technology)
    assert entries == [] and problems
    assert all(p.file == str(path) for p in problems), problems


def test_same_folder_twice_is_read_once(tmp_path: Path) -> None:
    _overlay(tmp_path, "technologies", "acme.yaml", NEW_TECH)
    kb = load_kb([tmp_path, tmp_path / ".." / tmp_path.name])
    assert kb.dirs == [tmp_path.resolve()]
    assert validate([tmp_path, tmp_path]).problems == []
