"""Public API of recommendations: recommend, explain, compare, evaluate, snapshot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from archwise.errors import InputError
from archwise.recommend import engine
from archwise.recommend.assess import assess, compare_entries
from archwise.recommend.models import (
    ArchetypeMatch,
    Assessment,
    Comparison,
    Decision,
    Feasibility,
    Option,
    Recommendation,
)
from archwise.recommend.shown import hard_problems_shown
from archwise.recommend.sources import (
    knowledge,
    parse_weights,
    question_source,
    requirements,
    rulebook,
    this_year,
)

__all__ = [
    "Assessment",
    "Comparison",
    "Decision",
    "Option",
    "Recommendation",
    "compare",
    "evaluate",
    "explain",
    "explanation",
    "feasibility",
    "hard_problems_shown",
    "recommend",
    "snapshot",
]

Weights = str | Mapping[str, float] | None


def recommend(
    path: str | Path,
    *,
    topic: str | None = None,
    weights: Weights = None,
    kb_dirs: Sequence[str | Path] = (),
    radar: str | Path | None = None,
    prices: str | Path | None = None,
) -> Recommendation:
    """Decisions, 2-3 options, the recommendation and its evolution path for a requirements file."""
    req = requirements(path)
    kb = knowledge(kb_dirs, radar)
    return engine.recommend(
        req,
        kb,
        rulebook(kb, prices),
        year=this_year(),
        file=str(path),
        topic=topic,
        override=parse_weights(weights),
        questions=question_source(kb),
    )


def feasibility(
    path: str | Path,
    *,
    kb_dirs: Sequence[str | Path] = (),
    radar: str | Path | None = None,
) -> Feasibility:
    """The feasibility verdict of a requirements file (what `capacity plan` agrees with)."""
    return recommend(path, kb_dirs=kb_dirs, radar=radar).feasibility


def explain(
    path: str | Path,
    topic: str,
    *,
    weights: Weights = None,
    kb_dirs: Sequence[str | Path] = (),
    radar: str | Path | None = None,
) -> Decision:
    """The full scoring trace of one decision."""
    rec = recommend(path, topic=topic, weights=weights, kb_dirs=kb_dirs, radar=radar)
    return rec.decisions[topic]


def explanation(
    path: str | Path,
    topic: str,
    *,
    weights: Weights = None,
    kb_dirs: Sequence[str | Path] = (),
    radar: str | Path | None = None,
) -> tuple[Decision, list[ArchetypeMatch]]:
    """One decision's trace with the archetypes that shaped it (what `archwise explain` shows)."""
    rec = recommend(path, topic=topic, weights=weights, kb_dirs=kb_dirs, radar=radar)
    return rec.decisions[topic], rec.archetypes


def compare(
    names: Sequence[str],
    topic: str,
    *,
    requirements_file: str | Path | None = None,
    weights: Weights = None,
    kb_dirs: Sequence[str | Path] = (),
    radar: str | Path | None = None,
) -> Comparison:
    """Candidates side by side for one topic, criterion by criterion."""
    if len(names) < 2:
        raise InputError("compare needs at least two names", field="names")
    kb = knowledge(kb_dirs, radar)
    req = requirements(requirements_file) if requirements_file is not None else None
    return compare_entries(
        [kb.get(n).name for n in names],
        topic,
        req,
        kb,
        rulebook(kb),
        year=this_year(),
        override=parse_weights(weights),
    )


def evaluate(
    name: str, *, kb_dirs: Sequence[str | Path] = (), radar: str | Path | None = None
) -> Assessment:
    """The proven-over-novel assessment of one technology or pattern, with red flags."""
    kb = knowledge(kb_dirs, radar)
    return assess(kb.get(name), kb, rulebook(kb), year=this_year())


def snapshot(rec: Recommendation, *, db: str | None = None) -> int | None:
    """Save a recommendation into the workspace store when one exists; its id, else None."""
    from archwise.store import open_store
    from archwise.workspace import open_workspace

    ws = open_workspace()
    if db is None and not ws.state_dir.is_dir():
        return None
    payload: dict[str, Any] = rec.model_dump(mode="json")
    with open_store(db, workspace=ws) as store:
        return store.save_snapshot("recommendation", rec.requirements.name, payload)
