"""Load the knowledge base: package data, user overlay folders and the organisation's radar."""

from __future__ import annotations

import difflib
import functools
import hashlib
import importlib
import importlib.util
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from archwise import yamlio
from archwise.cache import cache_dir, code_stamp, load_pickle, save_pickle
from archwise.errors import InputError, NotFoundError, Problem
from archwise.fileio import read_text, resolve
from archwise.kb.schemas import KINDS
from archwise.kb.schemas.checklist import Checklist
from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.price import Price
from archwise.kb.schemas.principle import Principle
from archwise.kb.schemas.radar import Radar, RadarEntry
from archwise.kb.schemas.technology import Technology

DATA_DIR = Path(__file__).parent / "data"
SUFFIXES = (".yaml", ".yml")
# Fields that identify a document of the other kinds, tried in this order.
ID_FIELDS = ("id", "key", "name")
NAMED_KINDS = ("technologies", "patterns")
# A user folder may keep the organisation's radar beside its kind folders as radar.yaml.
RADAR_STEM = "radar"
# Folders another reader owns: stack/ holds detection entries for `archwise analyze` (ADR-020).
OTHER_READERS = ("stack",)

Entry = Technology | Pattern


@dataclass(frozen=True)
class Origin:
    """Where an entry was read: file and position in the file's list of entries."""

    file: Path
    index: int
    listed: bool

    def line(self) -> int | None:
        """The 1-based line the entry starts on (parses the file again; used for errors only)."""
        try:
            data = yamlio.parse(read_text(self.file), file=self.file)
        except InputError:
            return None
        if self.listed:
            return yamlio.line_of(data, (self.index,))
        return 1

    def __str__(self) -> str:
        line = self.line()
        return f"{self.file}:{line}" if line is not None else str(self.file)


def model_for(kind: str) -> type[BaseModel]:
    """Return the model validating entries of a kind (a folder name under kb/data/)."""
    spec = KINDS.get(kind)
    if spec is None:
        raise NotFoundError(_unknown("kind", kind, KINDS))
    module, _, cls = spec.partition(":")
    try:
        return cast(type[BaseModel], getattr(importlib.import_module(module), cls))
    except (ImportError, AttributeError):
        raise InputError(
            f"no schema is installed for knowledge-base kind '{kind}' ({spec})"
        ) from None


def _unknown(what: str, name: str, known: Iterable[str]) -> str:
    pool = list(known)
    close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    if not close:
        lower = {k.casefold(): k for k in pool}
        close = [lower[c] for c in difflib.get_close_matches(name.casefold(), lower, n=3)]
    msg = f"unknown {what} '{name}'"
    if close:
        msg += "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return msg


def _normal(name: str) -> str:
    """A spelling-insensitive key: 'Actix Web', 'actix-web' and 'ActixWeb' meet."""
    return re.sub(r"[^a-z0-9+#]", "", name.casefold())


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


@functools.cache
def _fast_loader() -> Any:
    """PyYAML's libyaml loader restricted to YAML 1.2 booleans, as the round-trip loader reads."""
    import yaml  # type: ignore[import-untyped,unused-ignore]

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def construct_mapping(self: Any, node: Any, deep: bool = False) -> Any:
        # PyYAML keeps the last of duplicate keys; treat them as errors, as the round trip does.
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                continue  # unhashable or odd keys: the base constructor reports them
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return base.construct_mapping(self, node, deep=deep)

    loader: Any = type("KbLoader", (base,), {"construct_mapping": construct_mapping})
    # YAML 1.1 reads yes/no/on/off as booleans; the round-trip loader (1.2) does not.
    loader.yaml_implicit_resolvers = {
        key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return loader


def fast_parse(text: str) -> Any:
    """Parse YAML to plain data with libyaml (no line numbers; errors re-parse for those)."""
    import yaml  # type: ignore[import-untyped,unused-ignore]

    return yaml.load(text, Loader=_fast_loader())


@functools.cache
def _pyyaml_dir() -> Path:
    """PyYAML's folder, for the cache stamp without importing it (a cache hit never parses)."""
    spec = importlib.util.find_spec("yaml")
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))) if locations else Path(__file__).parent


def _model_dir(model: type[BaseModel]) -> Path:
    """The folder of the module that defines model (the schemas folder when it cannot be found)."""
    module = sys.modules.get(model.__module__)
    where = getattr(module, "__file__", None)
    return Path(where).parent if where else Path(__file__).parent / "schemas"


def _validated_cache(text: str, model: type[BaseModel]) -> Path | None:
    """Where the validated entries of a file with this text are kept, or None (cache off).

    A file is validated once per machine rather than once per command: unchanged knowledge-base
    files are read back as model instances, so no validator is even built for them.
    """
    folder = cache_dir("kb-validated")
    if folder is None:
        return None
    # The model's own folder is stamped too: models outside kb/schemas (the brief lexicons) would
    # otherwise be served instances pickled by an older definition after an edit.
    stamp = code_stamp(Path(__file__).parent / "schemas", _pyyaml_dir(), _model_dir(model))
    key = f"{stamp}\0{model.__module__}.{model.__qualname__}\0{text}"
    return folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.pickle"


def _yaml_error() -> type[Exception]:
    import yaml  # type: ignore[import-untyped,unused-ignore]

    return yaml.YAMLError  # type: ignore[no-any-return,unused-ignore]


def _doc_id(doc: BaseModel) -> str:
    for name in ID_FIELDS:
        value = getattr(doc, name, None)
        if isinstance(value, str):
            return value
    raise TypeError(f"{type(doc).__name__} has none of the identifying fields {ID_FIELDS}")


def read_file(
    path: Path, model: type[BaseModel]
) -> tuple[list[tuple[BaseModel, Origin]], list[Problem]]:
    """Validate every entry of one data file; a file holds one entry or a list of them."""
    try:
        text = read_text(path, what="knowledge-base file")
    except InputError as exc:
        return [], exc.problems
    cached = _validated_cache(text, model)
    hit = load_pickle(cached) if cached is not None else None
    if isinstance(hit, tuple) and len(hit) == 2:
        listed, docs = hit
        return [(doc, Origin(path, i, listed)) for i, doc in enumerate(docs)], []
    try:
        data = fast_parse(text)
    except (_yaml_error(), ValueError, TypeError):
        # The round-trip loader names the line of a syntax error, and reads a few documents
        # libyaml refuses (complex keys); carry on with its result when it has one.
        try:
            data = yamlio.to_plain(yamlio.parse(text, file=path))
        except InputError as exc:
            return [], [_located_in(p, path) for p in exc.problems]
        except (ValueError, TypeError) as exc:
            return [], [Problem(f"invalid YAML: {exc}", str(path))]
    if data is None:
        return [], [Problem("file is empty; expected an entry or a list of entries", str(path))]
    listed = isinstance(data, list)
    items = data if listed else [data]
    if not items:
        return [], [Problem("file holds an empty list; expected entries", str(path), 1)]
    out: list[tuple[BaseModel, Origin]] = []
    failed: list[int] = []
    for i, item in enumerate(items):
        try:
            out.append((model.model_validate(item), Origin(path, i, listed)))
        except ValidationError:
            failed.append(i)
    if not failed:
        if cached is not None:
            save_pickle(cached, (listed, [doc for doc, _ in out]))
        return out, []
    return out, _located(path, text, model, failed, listed)


M = TypeVar("M", bound=BaseModel)


def read_valid(path: Path, model: type[M], field: str) -> tuple[M, ...]:
    """The entries of one data file shipped with archwise; any problem is an InputError."""
    loaded, problems = read_file(path, model)
    if problems:
        raise InputError("; ".join(str(p) for p in problems), field=field)
    return tuple(doc for doc, _ in loaded if isinstance(doc, model))


def _located_in(problem: Problem, path: Path) -> Problem:
    """The problem, naming the file when the parser did not."""
    if problem.file is None:
        problem.file = str(path)
    return problem


def _located(
    path: Path, text: str, model: type[BaseModel], failed: list[int], listed: bool
) -> list[Problem]:
    """Re-parse a failing file with the round-trip loader to name the line of each problem."""
    data = yamlio.parse(text, file=path)
    items = data if listed else [data]
    problems: list[Problem] = []
    for i in failed:
        item = items[i]
        if not isinstance(item, dict):
            line = yamlio.line_of(data, (i,)) if listed else 1
            problems.append(Problem("expected a mapping (one entry)", str(path), line, f"[{i}]"))
            continue
        fallback = f"[{i}]" if listed else ""
        label = next((str(item[k]) for k in ID_FIELDS if isinstance(item.get(k), str)), fallback)
        try:
            model.model_validate(yamlio.to_plain(item))
        except InputError as exc:
            line = yamlio.line_of(data, (i,)) if listed else 1
            problems += [Problem(p.message, str(path), line, label or None) for p in exc.problems]
        except ValidationError as exc:
            for p in yamlio.problems_from(exc, item, path, model):
                p.field = f"{label}.{p.field}" if label and p.field else (p.field or label or None)
                problems.append(p)
    return problems


@dataclass
class _Layer:
    """One source of entries: the package data or a user folder."""

    folder: Path
    entries: dict[str, list[tuple[BaseModel, Origin]]] = field(default_factory=dict)


def _check_layout(folder: Path) -> list[Problem]:
    """Problems with a user folder's layout: missing, or holding things loading would ignore."""
    if not folder.exists():
        return [Problem("knowledge-base folder not found", str(folder))]
    if not folder.is_dir():
        return [Problem("expected a knowledge-base folder, got a file", str(folder))]
    problems: list[Problem] = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() and child.name not in KINDS and child.name not in OTHER_READERS:
            problems.append(Problem(_unknown("kind folder", child.name, KINDS), str(child)))
        elif child.is_file() and child.suffix in SUFFIXES and child.stem != RADAR_STEM:
            problems.append(
                Problem(
                    "entries belong in a kind folder, e.g. technologies/ or patterns/; "
                    f"kinds: {', '.join(KINDS)}",
                    str(child),
                )
            )
    return problems


def _read_layer(folder: Path, kinds: Iterable[str]) -> tuple[_Layer, list[Problem]]:
    layer = _Layer(folder)
    problems: list[Problem] = []
    for kind in kinds:
        files = _files(folder / kind)
        if not files:
            layer.entries[kind] = []
            continue
        model = model_for(kind)
        got: list[tuple[BaseModel, Origin]] = []
        for path in files:
            entries, probs = read_file(path, model)
            got += entries
            problems += probs
        layer.entries[kind] = got
    return layer, problems


def _merge_named(
    layers: Sequence[_Layer],
) -> tuple[dict[str, Technology], dict[str, Pattern], dict[str, Origin], list[Problem]]:
    """Merge technologies and patterns: a later layer's entry replaces one of the same name."""
    problems: list[Problem] = []
    merged: dict[str, tuple[str, BaseModel, Origin]] = {}
    for layer in layers:
        in_layer: dict[str, Origin] = {}
        earlier = {
            a.casefold(): cast(Entry, d).name
            for _, d, _ in merged.values()
            for a in cast(Entry, d).aliases
        }
        for kind in NAMED_KINDS:
            for doc, origin in layer.entries.get(kind, []):
                name = cast(Entry, doc).name
                key = name.casefold()
                if key not in merged and earlier.get(key, name) != name:
                    problems.append(
                        Problem(
                            f"'{name}' is an alias of '{earlier[key]}'; to override that entry "
                            f"use name: {earlier[key]}",
                            str(origin.file),
                            origin.line(),
                            "name",
                        )
                    )
                    continue
                if key in in_layer:
                    problems.append(
                        Problem(
                            f"duplicate name '{name}' (also at {in_layer[key]})",
                            str(origin.file),
                            origin.line(),
                            "name",
                        )
                    )
                    continue
                in_layer[key] = origin
                old = merged.get(key)
                if old is not None and old[0] != kind:
                    problems.append(
                        Problem(
                            f"'{name}' is already a {old[0][:-1]} name (at {old[2]}); "
                            f"a {kind[:-1]} cannot reuse it",
                            str(origin.file),
                            origin.line(),
                            "name",
                        )
                    )
                    continue
                merged[key] = (kind, doc, origin)
    owner: dict[str, str] = {key: cast(Entry, d).name for key, (_, d, _) in merged.items()}
    for _, doc, origin in merged.values():
        entry = cast(Entry, doc)
        for alias in entry.aliases:
            key = alias.casefold()
            if key == entry.name.casefold():
                continue
            taken = owner.get(key)
            if taken is not None and taken != entry.name:
                problems.append(
                    Problem(
                        f"alias '{alias}' of '{entry.name}' is already used by '{taken}'",
                        str(origin.file),
                        origin.line(),
                        f"{entry.name}.aliases",
                    )
                )
                continue
            owner[key] = entry.name
    ordered = sorted(merged.values(), key=lambda t: cast(Entry, t[1]).name.casefold())
    techs = {
        cast(Technology, d).name: cast(Technology, d) for k, d, _ in ordered if k == "technologies"
    }
    pats = {cast(Pattern, d).name: cast(Pattern, d) for k, d, _ in ordered if k == "patterns"}
    origins = {cast(Entry, d).name: o for _, d, o in ordered}
    return techs, pats, origins, problems


def _merge_docs(layers: Sequence[_Layer], kind: str) -> tuple[list[BaseModel], list[Problem]]:
    """Merge documents of another kind by their id/key/name field; later layers replace."""
    problems: list[Problem] = []
    merged: dict[str, BaseModel] = {}
    for layer in layers:
        in_layer: dict[str, Origin] = {}
        for doc, origin in layer.entries.get(kind, []):
            ident = _doc_id(doc)
            if ident in in_layer:
                problems.append(
                    Problem(
                        f"duplicate id '{ident}' (also at {in_layer[ident]})",
                        str(origin.file),
                        origin.line(),
                    )
                )
                continue
            in_layer[ident] = origin
            before = merged.get(ident)
            # A price overlay may restate only the price: what it leaves out is kept.
            merged[ident] = (
                doc.over(before) if isinstance(doc, Price) and isinstance(before, Price) else doc
            )
    return list(merged.values()), problems


D = TypeVar("D", Checklist, Principle)


def _by_id(docs: Sequence[D], doc_id: str, what: str) -> D:
    for doc in docs:
        if doc.id == doc_id:
            return doc
    raise NotFoundError(_unknown(what, doc_id, [d.id for d in docs]))


class KnowledgeBase:
    """The merged knowledge base: technologies and patterns by name, other kinds on demand."""

    def __init__(
        self,
        layers: Sequence[_Layer],
        *,
        technologies: dict[str, Technology],
        patterns: dict[str, Pattern],
        radar: Radar | None = None,
        radar_file: Path | None = None,
        origins: dict[str, Origin] | None = None,
    ) -> None:
        self._layers = list(layers)
        self.origins: dict[str, Origin] = dict(origins or {})
        self.technologies = technologies
        self.patterns = patterns
        self.radar = radar
        self.radar_file = radar_file
        self.dirs: list[Path] = [layer.folder for layer in self._layers[1:]]
        self._docs: dict[str, list[BaseModel]] = {}
        self._exact: dict[str, str] = {}
        self._loose: dict[str, str | None] = {}
        for entry in self.entries():
            for spelling in (entry.name, *entry.aliases):
                self._exact.setdefault(spelling.casefold(), entry.name)
                key = _normal(spelling)
                if key and self._loose.get(key, entry.name) != entry.name:
                    self._loose[key] = None
                else:
                    self._loose[key] = entry.name
        self._rings: dict[str, RadarEntry] = {}
        if radar is not None:
            for blip in radar.entries:
                found = self.find(blip.name)
                if found is not None:
                    self._rings[found.name] = blip

    def entries(self) -> list[Entry]:
        """Every technology and pattern, technologies first, each sorted by name."""
        return [*self.technologies.values(), *self.patterns.values()]

    def resolve(self, name: str) -> str | None:
        """The canonical name for a name or alias (case- and punctuation-insensitive)."""
        hit = self._exact.get(name.strip().casefold())
        if hit is not None:
            return hit
        return self._loose.get(_normal(name))

    def find(self, name: str) -> Entry | None:
        """The technology or pattern called name (or with that alias), else None."""
        canonical = self.resolve(name)
        if canonical is None:
            return None
        return self.technologies.get(canonical) or self.patterns.get(canonical)

    def get(self, name: str) -> Entry:
        """The technology or pattern called name; NotFoundError with a did-you-mean otherwise."""
        found = self.find(name)
        if found is None:
            raise NotFoundError(self.unknown_message(name))
        return found

    def unknown_message(self, name: str) -> str:
        """'unknown technology or pattern X; did you mean Y?' for a name not in the KB."""
        spellings: dict[str, str] = {}
        for entry in self.entries():
            for s in (entry.name, *entry.aliases):
                spellings.setdefault(s.casefold(), entry.name)
        close = difflib.get_close_matches(name.casefold(), spellings, n=5, cutoff=0.6)
        names = list(dict.fromkeys(spellings[c] for c in close))[:3]
        msg = f"unknown technology or pattern '{name}'"
        if names:
            msg += "; did you mean " + " or ".join(f"'{n}'" for n in names) + "?"
        return msg + " (archwise kb list shows them all)"

    def candidates(self, topic: str) -> list[Entry]:
        """Entries whose topics include topic, sorted by name."""
        found = [e for e in self.entries() if topic in e.topics]
        return sorted(found, key=lambda e: e.name.casefold())

    def documents(self, kind: str) -> list[BaseModel]:
        """Validated entries of another kind, user overlays merged by their id/key/name."""
        if kind == "technologies":
            return list(self.technologies.values())
        if kind == "patterns":
            return list(self.patterns.values())
        if kind not in self._docs:
            layers: list[_Layer] = []
            problems: list[Problem] = []
            for layer in self._layers:
                read, probs = _read_layer(layer.folder, [kind])
                layers.append(read)
                problems += probs
            docs, probs = _merge_docs(layers, kind)
            problems += probs
            if problems:
                raise InputError(problems=problems)
            self._docs[kind] = docs
        return list(self._docs[kind])

    def checklist(self, checklist_id: str) -> Checklist:
        """The checklist with this id; NotFoundError with a did-you-mean otherwise."""
        docs = [d for d in self.documents("checklists") if isinstance(d, Checklist)]
        return _by_id(docs, checklist_id, "checklist")

    def principle(self, principle_id: str) -> Principle:
        """The principle with this id; NotFoundError with a did-you-mean otherwise."""
        docs = [d for d in self.documents("principles") if isinstance(d, Principle)]
        return _by_id(docs, principle_id, "principle")

    def ring(self, name: str) -> str | None:
        """The radar ring of a technology ('adopt', 'trial', 'assess', 'hold'), or None."""
        blip = self.radar_entry(name)
        return blip.ring if blip is not None else None

    def radar_entry(self, name: str) -> RadarEntry | None:
        """The radar blip of a technology or pattern, or None when the radar is silent on it."""
        canonical = self.resolve(name)
        return self._rings.get(canonical) if canonical is not None else None


def _load_radar(path: Path, kb: KnowledgeBase) -> tuple[Radar | None, list[Problem]]:
    """Read a radar file; schema errors, unknown and repeated names are all located problems."""
    try:
        data = yamlio.load(path, what="radar file")
    except InputError as exc:
        return None, exc.problems
    if not isinstance(data, dict):
        msg = "radar file must be a mapping with title, date and entries"
        return None, [Problem(msg, str(path), 1)]
    problems: list[Problem] = []
    radar: Radar | None = None
    try:
        radar = yamlio.validate(Radar, data, file=path)
    except InputError as exc:
        problems += exc.problems
    entries = data.get("entries")
    seen: dict[str, int] = {}
    for i, blip in enumerate(entries if isinstance(entries, list) else []):
        name = blip.get("name") if isinstance(blip, dict) else None
        if not isinstance(name, str):
            continue
        line = yamlio.line_of(data, ("entries", i, "name"))
        where = f"entries[{i}].name"
        canonical = kb.resolve(name)
        if canonical is None:
            problems.append(Problem(kb.unknown_message(name), str(path), line, where))
        elif canonical in seen:
            msg = f"'{canonical}' is already on the radar (entries[{seen[canonical]}])"
            problems.append(Problem(msg, str(path), line, where))
        else:
            seen[canonical] = i
    problems.sort(key=lambda p: p.line or 0)
    return (radar if not problems else None), problems


def _fingerprint(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    """Stats of the files loading reads, so an edited overlay is not served from the cache."""
    candidates: list[Path] = []
    for root in paths:
        if root.is_file():
            candidates.append(root)
        elif root.is_dir():
            candidates += [root, *(root / kind for kind in KINDS)]
            candidates += [root / f"{RADAR_STEM}{suffix}" for suffix in SUFFIXES]
            candidates += [f for kind in KINDS for f in _files(root / kind)]
    return file_stamps(candidates)


def file_stamps(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime in ns, size) of each file that exists: a cache key that sees an edit."""
    out: list[tuple[str, int, int]] = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _build(dirs: Sequence[Path], radar: Path | None) -> tuple[KnowledgeBase, list[Problem]]:
    problems: list[Problem] = []
    layers: list[_Layer] = []
    for folder in (DATA_DIR, *dirs):
        if folder is not DATA_DIR:
            layout = _check_layout(folder)
            problems += layout
            if layout and not folder.is_dir():
                continue
        layer, probs = _read_layer(folder, NAMED_KINDS)
        layers.append(layer)
        problems += probs
    techs, pats, origins, probs = _merge_named(layers)
    problems += probs
    kb = KnowledgeBase(layers, technologies=techs, patterns=pats, origins=origins)
    if radar is not None:
        parsed, probs = _load_radar(radar, kb)
        problems += probs
        if parsed is not None:
            kb = KnowledgeBase(
                layers,
                technologies=techs,
                patterns=pats,
                radar=parsed,
                radar_file=radar,
                origins=origins,
            )
    return kb, problems


@functools.lru_cache(maxsize=16)
def _cached(
    dirs: tuple[Path, ...], radar: Path | None, stamp: tuple[tuple[str, int, int], ...]
) -> KnowledgeBase:
    kb, problems = _build(dirs, radar)
    if problems:
        raise InputError(problems=problems)
    return kb


def _radar_path(dirs: Sequence[Path], radar: Path | None) -> Path | None:
    """The radar given, else the radar.yaml of the last user folder that has one."""
    if radar is not None:
        return resolve(Path(radar).expanduser(), what="radar file")
    for folder in reversed(dirs):
        for suffix in SUFFIXES:
            candidate = folder / f"{RADAR_STEM}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def load_kb(extra_dirs: Sequence[Path] = (), radar: Path | None = None) -> KnowledgeBase:
    """Load package data, then each user folder (same name replaces), then the radar."""
    # The same folder named twice (config and --kb) is read once, at its first place.
    dirs = tuple(dict.fromkeys(resolve(Path(d).expanduser(), what="--kb") for d in extra_dirs))
    radar_path = _radar_path(dirs, radar)
    watched = [*dirs, *([radar_path] if radar_path is not None else [])]
    return _cached(dirs, radar_path, _fingerprint(watched))


def _references(kb: KnowledgeBase) -> list[Problem]:
    """Problems with names an entry refers to (related, pattern options) that do not exist."""
    problems: list[Problem] = []
    for entry in kb.entries():
        refs = [("related", r) for r in entry.related]
        if isinstance(entry, Pattern):
            refs += [("options", o) for o in entry.options]
        for fld, ref in refs:
            if kb.resolve(ref) is None:
                origin = kb.origins.get(entry.name)
                problems.append(
                    Problem(
                        kb.unknown_message(ref),
                        str(origin.file) if origin else None,
                        origin.line() if origin else None,
                        f"{entry.name}.{fld}",
                    )
                )
    return problems


@dataclass
class Validation:
    """The outcome of validating the knowledge base (built-in data plus user folders)."""

    dirs: list[Path]
    radar: Path | None
    counts: dict[str, int]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when there is nothing to fix."""
        return not self.problems


def validate(dirs: Sequence[Path] = (), radar: Path | None = None) -> Validation:
    """Validate every kind in the built-in data and the user folders, listing every problem."""
    folders = list(dict.fromkeys(resolve(Path(d).expanduser(), what="--kb") for d in dirs))
    radar_path = _radar_path(folders, radar)
    kb, problems = _build(folders, radar_path)
    if not problems:
        problems += _references(kb)
    counts = {"technologies": len(kb.technologies), "patterns": len(kb.patterns)}
    layers = [DATA_DIR, *(f for f in folders if f.is_dir())]
    for kind in KINDS:
        if kind in NAMED_KINDS:
            continue
        if not any(_files(f / kind) for f in layers):
            counts[kind] = 0
            continue
        try:
            read = [_read_layer(f, [kind]) for f in layers]
        except InputError as exc:
            problems += exc.problems
            continue
        for _, probs in read:
            problems += probs
        docs, probs = _merge_docs([layer for layer, _ in read], kind)
        problems += probs
        counts[kind] = len(docs)
    if radar_path is not None:
        counts["radar"] = len(kb.radar.entries) if kb.radar is not None else 0
    return Validation(folders, radar_path, counts, problems)
