"""The I/O side of recommendations: rules, prices, requirements, weights and questions."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from archwise import yamlio
from archwise.errors import InputError
from archwise.kb.loader import KnowledgeBase, load_kb
from archwise.kb.schemas.archetype import Archetype
from archwise.kb.schemas.concept import Concept
from archwise.kb.schemas.place import Gazetteer
from archwise.kb.schemas.price import Price, Unpriced
from archwise.kb.schemas.region import ProviderRegions
from archwise.kb.schemas.rule import CRITERIA, Rule
from archwise.recommend.models import Question
from archwise.recommend.rulebook import RuleBook
from archwise.requirements.loader import load_requirements
from archwise.requirements.models import Requirements


def knowledge(kb_dirs: Sequence[str | Path] = (), radar: str | Path | None = None) -> KnowledgeBase:
    """The knowledge base with the user's folders and radar."""
    return load_kb([Path(d) for d in kb_dirs], Path(radar) if radar is not None else None)


def rulebook(kb: KnowledgeBase, prices: str | Path | None = None) -> RuleBook:
    """Rules and prices from the knowledge base (user folders override by id and key)."""
    rules = cast(list[Rule], kb.documents("rules"))
    table = {p.key: p for p in cast(list[Price], kb.documents("prices"))}
    if prices is not None:
        for p in _price_file(Path(prices), table):
            table[p.key] = p
    archetypes = cast(list[Archetype], kb.documents("archetypes"))
    unpriced = cast(list[Unpriced], kb.documents("unpriced"))
    regions = cast(list[ProviderRegions], kb.documents("regions"))
    gazetteers = cast(list[Gazetteer], kb.documents("places"))
    places = [p for g in gazetteers for p in g.places]
    areas = [a for g in gazetteers for a in g.areas]
    concepts = {c.id: c for c in cast(list[Concept], kb.documents("concepts"))}
    for arch in archetypes:
        named = [("signal", "signals", i, s.concepts) for i, s in enumerate(arch.signals)]
        named += [
            ("contradiction", "contradictions", i, c.concepts)
            for i, c in enumerate(arch.contradictions)
        ]
        for what, where, i, ids in named:
            unknown = [c for c in ids if c not in concepts]
            if unknown:
                close = difflib.get_close_matches(unknown[0], list(concepts), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise InputError(
                    f"archetype '{arch.id}' {what} {i + 1} names unknown concept "
                    f"'{unknown[0]}'{hint}; concepts live in the knowledge base's concepts/",
                    field=f"{where}[{i}].concepts",
                )
    return RuleBook(
        rules,
        table,
        archetypes,
        unpriced,
        regions=regions,
        concepts=concepts,
        places=places,
        areas=areas,
    )


def _price_file(path: Path, table: Mapping[str, Price]) -> list[Price]:
    """A price override file: known keys change only the fields given, new keys are whole items."""
    from pydantic import ValidationError

    data = yamlio.load(path, what="price table")
    items = data if isinstance(data, list) else [data]
    out: list[Price] = []
    for i, item in enumerate(items):
        line = yamlio.line_of(data, (i,)) if items is data else yamlio.line_of(data, ())
        if not isinstance(item, Mapping):
            raise InputError("a price entry must be a mapping with a key", file=path, line=line)
        key = item.get("key")
        if not isinstance(key, str) or not key:
            raise InputError(
                "is required (the price id to override or add)", file=path, line=line, field="key"
            )
        base = table.get(key)
        if base is None and not {"provider", "service", "item", "unit", "source"} <= set(item):
            close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.8)
            raise InputError(
                f"unknown price id {key!r}"
                + (f"; did you mean {close[0]!r}?" if close else "")
                + " (a new item needs provider, service, item, unit, usd and source)",
                file=path,
                line=yamlio.line_of(item, ("key",)) or line,
                field="key",
            )
        if base is None:
            out.append(yamlio.validate(Price, item, file=path))
            continue
        merged = base.model_dump() | dict(yamlio.to_plain(item))
        try:
            out.append(Price.model_validate(merged))
        except ValidationError as exc:
            raise InputError(problems=yamlio.problems_from(exc, item, path, Price)) from None
    return out


def requirements(path: str | Path) -> Requirements:
    """Load and validate a requirements file (located errors)."""
    return load_requirements(path)


def parse_weights(spec: str | Mapping[str, float] | None) -> dict[str, float]:
    """Weights from `criterion=value,...`, a YAML file of criterion: value, or a mapping."""
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        return {str(k): float(v) for k, v in spec.items()}
    text = spec.strip()
    if not text:
        return {}
    path = Path(text)
    if "=" not in text and (path.suffix in {".yaml", ".yml"} or path.is_file()):
        data = yamlio.load(path, what="weights file")
        if not isinstance(data, Mapping):
            raise InputError("weights file must map criterion: weight", file=path, line=1)
        return _numbers({str(k): v for k, v in data.items()}, str(path))
    pairs: dict[str, Any] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise InputError(
                f"expected criterion=value, got '{part.strip()}'; criteria: {', '.join(CRITERIA)}",
                field="--weights",
            )
        pairs[key.strip()] = value.strip()
    return _numbers(pairs, None)


def _numbers(pairs: Mapping[str, Any], file: str | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in pairs.items():
        if key not in CRITERIA:
            raise InputError(
                f"unknown criterion '{key}'; valid: {', '.join(CRITERIA)}", file=file, field=key
            )
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            raise InputError(
                f"weight must be a number, got {value!r}", file=file, field=key
            ) from None
        if out[key] < 0:
            raise InputError(f"weight must be >= 0, got {value}", file=file, field=key)
    return out


def question_source(kb: KnowledgeBase) -> Callable[[Requirements, Sequence[str]], list[Question]]:
    """Questions from the requirements engineer's catalogue, limited to the deciding unknowns."""
    from archwise.requirements.questions import open_questions

    def ask(req: Requirements, fields: Sequence[str]) -> list[Question]:
        wanted = set(fields)
        out: list[Question] = []
        for q in open_questions(req, kb):
            if q.field is None or not _related(q.field, wanted):
                continue
            out.append(
                Question(
                    id=q.id,
                    field=q.field,
                    question=q.question,
                    why=q.why,
                    impact=round(q.impact, 3),
                    topics=list(q.topics),
                )
            )
        return out

    return ask


def _related(field: str, wanted: set[str]) -> bool:
    return any(w == field or w.startswith(field + ".") for w in wanted)


def this_year() -> int:
    """The year ages are counted from."""
    return dt.date.today().year
