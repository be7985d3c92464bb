"""The merged detection rules are kept on disk by what they are made from, and rebuilt when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.api.analyze import _merged_rules, _stored_rules
from archwise.kb.loader import file_stamps, load_kb
from archwise.kb.stack_catalog import catalogue_files


def test_stored_rules_equal_the_merge_and_follow_the_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path / "cache"))
    kb = load_kb()
    stamps = file_stamps(catalogue_files())
    merged = _merged_rules(kb)
    first = _stored_rules(kb, (), stamps)
    assert first == merged
    assert list((tmp_path / "cache").rglob("*.pickle"))
    again = _stored_rules(kb, (), stamps)
    assert again == merged and again is not first  # read back from the file
    # a knowledge base whose technology detects something new is not served the old rules
    name = next(n for n, t in kb.technologies.items() if t.detect is not None)
    tech = kb.technologies[name]
    changed = tech.model_copy(
        update={"detect": tech.detect.model_copy(update={"pypi": [*tech.detect.pypi, "zqx-house"]})}
    )
    monkeypatch.setitem(kb.technologies, name, changed)
    rules = {r.name: r for r in _stored_rules(kb, (), stamps)}
    assert "zqx-house" in rules[str(changed.name)].detect.pypi
