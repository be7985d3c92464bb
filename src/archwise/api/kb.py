"""Public API of the knowledge base: load it with overlays and radar, list, show, validate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from archwise.errors import InputError, NotFoundError, Problem
from archwise.kb.loader import DATA_DIR, KnowledgeBase, Validation, load_kb, model_for
from archwise.kb.loader import validate as _validate
from archwise.kb.schemas import KINDS
from archwise.kb.schemas.checklist import Checklist, Item
from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.principle import Principle
from archwise.kb.schemas.radar import RINGS, Radar, RadarEntry
from archwise.kb.schemas.technology import TOPICS, Technology
from archwise.workspace import Workspace, open_workspace

__all__ = [
    "KINDS",
    "RINGS",
    "SHOWABLE_KINDS",
    "Checklist",
    "DocumentRow",
    "EntryRow",
    "Item",
    "KnowledgeBase",
    "Pattern",
    "Principle",
    "Problem",
    "Radar",
    "RadarEntry",
    "RadarRow",
    "RadarView",
    "Shown",
    "Technology",
    "Validation",
    "list_documents",
    "list_entries",
    "open_kb",
    "radar",
    "schema",
    "show",
    "sources",
    "validate",
]

# Kinds `kb show` also searches by id (or name) when no technology or pattern has the name,
# in this order; `kb list --kind` lists them.
SHOWABLE_KINDS = ("principles", "checklists", "bottlenecks", "phases", "risks", "questions")


def sources(
    kb_dirs: Sequence[Path] = (),
    radar_file: Path | None = None,
    *,
    workspace: Workspace | None = None,
) -> tuple[list[Path], Path | None]:
    """The user folders and radar file in effect: workspace config, environment, then arguments."""
    ws = workspace if workspace is not None else open_workspace()
    return ws.kb_dirs(list(kb_dirs)), ws.radar_file(radar_file)


def open_kb(
    kb_dirs: Sequence[Path] = (),
    radar_file: Path | None = None,
    *,
    workspace: Workspace | None = None,
) -> KnowledgeBase:
    """The knowledge base with the workspace's overlays and radar plus the given ones."""
    dirs, radar_path = sources(kb_dirs, radar_file, workspace=workspace)
    return load_kb(dirs, radar_path)


@dataclass
class EntryRow:
    """One line of `kb list`."""

    name: str
    kind: str
    category: str
    topics: list[str]
    ring: str | None
    first_release: int | None
    ops_complexity: int
    license: str | None
    summary: str
    builtin: bool


def _is_builtin(kb: KnowledgeBase, name: str) -> bool:
    origin = kb.origins.get(name)
    return origin is None or DATA_DIR in origin.file.parents


def _row(kb: KnowledgeBase, entry: Technology | Pattern) -> EntryRow:
    if isinstance(entry, Technology):
        return EntryRow(
            name=entry.name,
            kind="technology",
            category=entry.category,
            topics=list(entry.topics),
            ring=kb.ring(entry.name),
            first_release=entry.first_stable_release,
            ops_complexity=entry.ops_complexity,
            license=entry.license,
            summary=entry.summary,
            builtin=_is_builtin(kb, entry.name),
        )
    return EntryRow(
        name=entry.name,
        kind="pattern",
        category="pattern",
        topics=list(entry.topics),
        ring=kb.ring(entry.name),
        first_release=entry.first_described,
        ops_complexity=entry.ops_complexity,
        license=None,
        summary=entry.summary,
        builtin=_is_builtin(kb, entry.name),
    )


def list_entries(
    kb: KnowledgeBase,
    *,
    category: str | None = None,
    topic: str | None = None,
    patterns: bool = False,
    ring: str | None = None,
) -> list[EntryRow]:
    """Technologies (or patterns) filtered by category, topic and radar ring, sorted by name."""
    entries: list[Technology | Pattern] = list(
        kb.patterns.values() if patterns else kb.technologies.values()
    )
    rows = [_row(kb, e) for e in entries]
    if category is not None:
        known = sorted({r.category for r in rows})
        if category not in known:
            raise InputError(_did_you_mean("category", category, known), field="--category")
        rows = [r for r in rows if r.category == category]
    if topic is not None:
        if topic not in TOPICS:
            raise InputError(_did_you_mean("topic", topic, list(TOPICS)), field="--topic")
        rows = [r for r in rows if topic in r.topics]
    if ring is not None:
        if ring not in RINGS:
            raise InputError(_did_you_mean("ring", ring, list(RINGS)), field="--ring")
        rows = [r for r in rows if r.ring == ring]
    return sorted(rows, key=lambda r: r.name.casefold())


def _did_you_mean(what: str, value: str, known: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown {what} '{value}'{hint} (valid: {', '.join(known)})"


@dataclass
class Shown:
    """Everything `kb show` prints about one entry."""

    kind: str
    name: str
    entry: BaseModel
    ring: RadarEntry | None = None
    file: str | None = None
    builtin: bool = True

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: the entry's facts plus kind, ring and where it was read."""
        return {
            "kind": self.kind,
            "name": self.name,
            "entry": self.entry.model_dump(mode="json"),
            "radar": self.ring.model_dump(mode="json") if self.ring is not None else None,
            "file": self.file,
            "builtin": self.builtin,
        }


def _doc_key(doc: BaseModel) -> str:
    """The id a document is shown by: its id, else its name."""
    return str(getattr(doc, "id", None) or getattr(doc, "name", ""))


def _doc_title(doc: BaseModel) -> str:
    """A one-line title: the name, else the question, else the summary."""
    for attr in ("name", "question", "summary"):
        value = getattr(doc, attr, None)
        if isinstance(value, str) and value and value != _doc_key(doc):
            return value
    return ""


def _check_kind(kind: str) -> None:
    if kind not in SHOWABLE_KINDS:
        raise InputError(_did_you_mean("kind", kind, SHOWABLE_KINDS), field="--kind")


@dataclass
class DocumentRow:
    """One line of `kb list --kind`: a principle, checklist, bottleneck class, phase, ..."""

    kind: str
    id: str
    title: str


def list_documents(kb: KnowledgeBase, kind: str) -> list[DocumentRow]:
    """The entries of one showable kind (principles, checklists, ...) in file order."""
    _check_kind(kind)
    return [DocumentRow(kind[:-1], _doc_key(d), _doc_title(d)) for d in kb.documents(kind)]


def show(kb: KnowledgeBase, name: str, kind: str | None = None) -> Shown:
    """One technology or pattern (by name or alias), or another entry by id; `kind` narrows."""
    if kind is None:
        entry = kb.find(name)
        if entry is not None:
            origin = kb.origins.get(entry.name)
            return Shown(
                kind="technology" if isinstance(entry, Technology) else "pattern",
                name=entry.name,
                entry=entry,
                ring=kb.radar_entry(entry.name),
                file=str(origin.file) if origin is not None else None,
                builtin=_is_builtin(kb, entry.name),
            )
    else:
        _check_kind(kind)
    for each in (kind,) if kind is not None else SHOWABLE_KINDS:
        for doc in kb.documents(each):
            if _doc_key(doc).casefold() == name.casefold():
                return Shown(kind=each[:-1], name=_doc_key(doc), entry=doc)
    if kind is not None:
        known = [_doc_key(d) for d in kb.documents(kind)]
        raise NotFoundError(_did_you_mean(kind[:-1], name, known))
    raise NotFoundError(kb.unknown_message(name))


def validate(
    folder: Path | None = None,
    kb_dirs: Sequence[Path] = (),
    radar_file: Path | None = None,
    *,
    workspace: Workspace | None = None,
) -> Validation:
    """Validate a user folder on top of the built-in data, or the configured set when none."""
    if folder is not None:
        # Judged on its own: the workspace's folders and radar could hide or cause its problems.
        return _validate([*kb_dirs, folder], radar_file)
    dirs, radar_path = sources(kb_dirs, radar_file, workspace=workspace)
    return _validate(dirs, radar_path)


@dataclass
class RadarRow:
    """One blip of the radar, with the knowledge-base name it resolves to."""

    name: str
    canonical: str
    ring: str
    quadrant: str | None
    reason: str | None
    moved_from: str | None
    category: str


@dataclass
class RadarView:
    """The organisation's radar as `kb radar` shows it."""

    title: str
    date: str
    file: str
    entries: list[RadarRow] = field(default_factory=list)

    def by_ring(self) -> dict[str, list[RadarRow]]:
        """Entries grouped by ring, in ring order (adopt first)."""
        return {ring: [e for e in self.entries if e.ring == ring] for ring in RINGS}


def radar(kb: KnowledgeBase) -> RadarView:
    """The radar loaded with the knowledge base; InputError when none is configured."""
    if kb.radar is None or kb.radar_file is None:
        raise InputError(
            "no radar configured: pass --radar FILE, set ARCHWISE_RADAR, "
            "or add 'radar: PATH' to .archwise/config.yaml"
        )
    rows: list[RadarRow] = []
    for blip in kb.radar.entries:
        entry = kb.get(blip.name)
        rows.append(
            RadarRow(
                name=blip.name,
                canonical=entry.name,
                ring=blip.ring,
                quadrant=blip.quadrant,
                reason=blip.reason,
                moved_from=blip.moved_from,
                category=entry.category if isinstance(entry, Technology) else "pattern",
            )
        )
    order = {ring: i for i, ring in enumerate(RINGS)}
    rows.sort(key=lambda r: (order[r.ring], r.canonical.casefold()))
    return RadarView(
        title=kb.radar.title,
        date=kb.radar.date.isoformat(),
        file=str(kb.radar_file),
        entries=rows,
    )


def schema(kind: str = "technologies") -> dict[str, Any]:
    """The JSON Schema of a data file of a kind (one entry or a list), or of the radar file."""
    if kind == "radar":
        out = Radar.model_json_schema()
        out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        return out
    model = model_for(kind)
    entry = model.model_json_schema()
    defs = entry.pop("$defs", {})
    defs[model.__name__] = entry
    ref = {"$ref": f"#/$defs/{model.__name__}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"archwise knowledge base: {kind}",
        "oneOf": [ref, {"type": "array", "items": ref, "minItems": 1}],
        "$defs": defs,
    }
