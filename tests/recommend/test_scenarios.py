"""Scenarios as data: requirements and the top choices they must give (decision matrix included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.recommend.conftest import HERE, recommendation

SCENARIOS = sorted((HERE / "scenarios").glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return data


def _result(path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = _load(path)
    folder = tmp_path_factory.mktemp(path.stem)
    req = folder / "archwise.yaml"
    y = YAML()
    with req.open("w", encoding="utf-8") as fh:
        y.dump(data["requirements"], fh)
    return recommendation(str(req))


def test_there_are_enough_scenarios() -> None:
    assert len([p for p in SCENARIOS if not p.name.startswith("matrix-")]) >= 15
    assert len([p for p in SCENARIOS if p.name.startswith("matrix-")]) == 5


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    spec = _load(path)
    rec = _result(path, tmp_path_factory)
    for topic, want in (spec.get("expect") or {}).items():
        if topic == "recommended_profile":
            chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
            assert chosen["profile"] == want
            continue
        allowed = want if isinstance(want, list) else [want]
        got = rec["decisions"][topic]["chosen"]
        ranking = [(r["name"], r["score"]) for r in rec["decisions"][topic]["ranked"][:4]]
        assert got in allowed, f"{topic}: {got} not in {allowed}; ranking {ranking}"
    for topic, names in (spec.get("excluded") or {}).items():
        excluded = {e["name"]: e["reasons"] for e in rec["decisions"][topic]["excluded"]}
        for name in names:
            assert name in excluded, f"{name} not excluded from {topic}"
            assert all(reason.strip() for reason in excluded[name])
    for profile in spec.get("no_profile") or []:
        assert profile not in {o["profile"] for o in rec["options"]}
    chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    for topic, name in (spec.get("recommended_components") or {}).items():
        assert chosen["components"].get(topic) == name, chosen["components"]
    for profile, ids in (spec.get("flagged") or {}).items():
        option = next(o for o in rec["options"] if o["profile"] == profile)
        failed = {c["id"] for c in option["checks"] if c["status"] == "fail"}
        assert set(ids) <= failed
        assert option["name"] != rec["recommendation"]["option"]
    for topic, rules in (spec.get("weight_rules") or {}).items():
        fired = {w["rule"] for w in rec["decisions"][topic]["weight_trace"]}
        assert set(rules) <= fired
