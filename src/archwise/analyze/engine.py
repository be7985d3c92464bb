"""Run a whole analysis of a tree: files, lines, stack, module graph, style, observability."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archwise.analyze import graph as g
from archwise.analyze.detect import Detection, DetectRules, Evidence, Matcher
from archwise.analyze.imports import RawImport, extract, supported
from archwise.analyze.languages import language_for
from archwise.analyze.lines import Counts, count
from archwise.analyze.manifests import Deployable, ManifestInfo, Signal, is_manifest, parse_manifest
from archwise.analyze.pygraph import python_graph
from archwise.analyze.resolve import Resolver
from archwise.analyze.scan import MAX_FILE_BYTES, Entry, Note, read_source, walk
from archwise.analyze.style import StyleSignal, signals

Progress = Callable[[int, int, str], None]
PARALLEL_FROM = 400  # files; below this, starting workers costs more than it saves
MAX_JOBS = 16
HOTSPOTS = 10
GIT_COMMITS = 2000


@dataclass(frozen=True)
class TechRule:
    """A technology's name, category and detect rules (any object with Detect's fields)."""

    name: str
    category: str
    detect: DetectRules


@dataclass(frozen=True)
class ChecklistItem:
    """One checklist item that can be proved in code."""

    id: str
    text: str
    required: bool
    detect: DetectRules | None


@dataclass
class FileStat:
    """Per-file facts used for totals, module shapes and hotspots."""

    path: str
    language: str
    counts: Counts


@dataclass
class Service:
    """A deployable built from code in the tree."""

    name: str
    kind: str
    folder: str  # "" for the root
    file: str
    line: int | None


@dataclass
class ItemResult:
    """A checklist item for one service: present or missing, with evidence."""

    id: str
    text: str
    required: bool
    present: bool | None  # None: the item cannot be proved from code
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything one analysis found (the api turns it into the JSON report)."""

    root: Path
    files: list[FileStat] = field(default_factory=list)
    all_paths: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    deployables: list[Deployable] = field(default_factory=list)
    stack: list[Detection] = field(default_factory=list)
    modules: dict[str, str] = field(default_factory=dict)  # file-level module -> file
    imports: list[g.Import] = field(default_factory=list)
    engines: dict[str, str] = field(default_factory=dict)
    graph: g.ModuleGraph | None = None
    metrics: list[g.ModuleMetrics] = field(default_factory=list)
    cycles: list[tuple[list[str], list[tuple[str, str]], bool]] = field(default_factory=list)
    hotspots: list[dict[str, object]] = field(default_factory=list)
    churn_source: str = "none"
    style: list[StyleSignal] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    observability: dict[str, list[ItemResult]] = field(default_factory=dict)


def analyze(
    root: Path,
    technologies: Sequence[TechRule],
    checklist: Sequence[ChecklistItem] = (),
    *,
    depth: int | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    gitignore: bool = True,
    git: bool = True,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> Analysis:
    """Analyse the tree at root (jobs: worker processes reading files; default one)."""
    root = root.resolve()
    listing = walk(root, gitignore=gitignore)
    out = Analysis(root=root, notes=list(listing.notes))
    out.all_paths = [e.path for e in listing.files]
    raw_imports: dict[str, tuple[str, list[RawImport]]] = {}
    manifests: dict[str, ManifestInfo] = {}
    wanted = [
        e
        for e in listing.files
        if is_manifest(e.path) or language_for(e.path.rsplit("/", 1)[-1]) is not None
    ]
    for res in read_all(wanted, max_bytes, jobs, progress):
        if res.note:
            out.notes.append(Note(res.path, res.note))
        if res.stat is not None:
            out.files.append(res.stat)
        if res.imports is not None:
            raw_imports[res.path] = res.imports
        if res.manifest is not None:
            manifests[res.path] = res.manifest
            out.signals.extend(res.manifest.signals)
            out.deployables.extend(res.manifest.deployables)
    _stack(out, technologies)
    _graph(out, root, raw_imports, manifests, depth)
    _hotspots(out, root, git)
    _services(out)
    shallow: set[str] = set()
    if out.graph is not None:
        for mod in out.modules:
            shallow.add(g.group(mod, out.graph.depth))
            shallow.add(g.group(mod, g.deeper(out.graph.depth)))
    out.style = signals(
        sorted(shallow),
        out.imports,
        [(s.name, s.folder if s.kind != "root" else None) for s in out.services],
    )
    _observability(out, checklist)
    return out


@dataclass
class FileResult:
    """What reading one file gave: counts, imports, manifest facts and a note."""

    path: str
    note: str | None = None
    stat: FileStat | None = None
    imports: tuple[str, list[RawImport]] | None = None
    manifest: ManifestInfo | None = None


def read_file(entry: Entry, max_bytes: int) -> FileResult:
    """Read, count, and extract imports and manifest facts from one file."""
    lang = language_for(entry.path.rsplit("/", 1)[-1])
    src = read_source(entry, max_bytes=max_bytes)
    res = FileResult(entry.path, src.note)
    if src.text is None:
        return res
    if lang is not None:
        res.stat = FileStat(entry.path, lang.name, count(src.text, lang))
        if supported(lang.name):
            try:
                res.imports = (lang.name, extract(lang.name, src.text.encode()))
            except (ValueError, RecursionError) as exc:
                res.note = f"imports not read: {exc}"
    if is_manifest(entry.path):
        res.manifest = parse_manifest(entry.path, src.text)
    return res


def _read_chunk(chunk: list[Entry], max_bytes: int) -> list[FileResult]:
    return [read_file(e, max_bytes) for e in chunk]


def read_all(
    entries: list[Entry], max_bytes: int, jobs: int | None, progress: Progress | None
) -> Iterator[FileResult]:
    """Results in listing order; with jobs > 1, large trees are read by forked worker processes.

    One process is the default: on a busy 2-core machine workers measured slower (forking and
    pickling cost more than they save); on an idle many-core machine they pay off.
    """
    total = len(entries)
    workers = min(jobs or 1, os.cpu_count() or 1, MAX_JOBS)
    fork = sys.platform.startswith("linux")
    if workers <= 1 or total < PARALLEL_FROM or not fork:
        for n, entry in enumerate(entries, 1):
            if progress is not None and (n % 50 == 0 or n == total):
                progress(n, total, entry.path)
            yield read_file(entry, max_bytes)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(20, total // (workers * 8))
    chunks = [entries[i : i + size] for i in range(0, total, size)]
    done = 0
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for results in pool.map(_read_chunk, chunks, [max_bytes] * len(chunks)):
            done += len(results)
            if progress is not None:
                progress(done, total, results[-1].path)
            yield from results


def _extension_files(out: Analysis) -> dict[str, str]:
    first: dict[str, str] = {}
    for path in sorted(f.path for f in out.files):
        name = path.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        if dot > 0:
            first.setdefault(name[dot:].lower(), path)
    return first


def _stack(out: Analysis, technologies: Sequence[TechRule]) -> None:
    matcher = Matcher((t.name, t.category, t.detect) for t in technologies)
    # an extension proves a language only through a file archwise counted (not a skipped one)
    out.stack = matcher.detect(out.signals, out.all_paths, _extension_files(out))


def _graph(
    out: Analysis,
    root: Path,
    raw_imports: dict[str, tuple[str, list[RawImport]]],
    manifests: dict[str, ManifestInfo],
    depth: int | None,
) -> None:
    counted = [f.path for f in out.files]
    if any(p.endswith((".py", ".pyi")) for p in counted):
        py = python_graph(root, counted)
        out.modules.update(py.modules)
        out.imports.extend(py.imports)
        out.engines.update(py.engines)
        out.notes.extend(Note(p, r) for p, r in py.notes)
    if raw_imports:
        resolver = Resolver(counted, manifests, raw_imports)
        out.modules.update(resolver.modules)
        out.imports.extend(resolver.imports())
        for lang in sorted({lang for lang, _ in raw_imports.values()}):
            out.engines[lang] = "tree-sitter"
    if not out.modules:
        return
    d: g.Depth = depth if depth is not None else g.auto_depths(out.modules)
    out.graph = g.build(out.modules, out.imports, d)
    types: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    by_file = {f.path: f.counts for f in out.files}
    for mod, file in out.modules.items():
        c = by_file.get(file)
        if c is not None:
            key = g.group(mod, d)
            t, a = types[key]
            types[key] = (t + c.types, a + c.abstract_types)
    out.metrics = g.metrics(out.graph, types)
    weights = {k: len(v) for k, v in out.graph.edges.items()}
    for comp in g.strongly_connected(out.graph.adjacency()):
        arcs, exact = g.feedback_arcs(comp, weights)
        out.cycles.append((comp, arcs, exact))


def _git_churn(root: Path) -> Counter[str] | None:
    try:
        proc = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "log",
                f"-n{GIT_COMMITS}",
                "--format=",
                "--name-only",
                "--relative",
                "--no-renames",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return Counter(line for line in proc.stdout.splitlines() if line)


def _hotspots(out: Analysis, root: Path, git: bool) -> None:
    churn = _git_churn(root) if git else None
    if churn is not None and not churn:
        churn = None  # a folder inside a repository whose history never touched it
    out.churn_source = "git log" if churn is not None else "none"
    scored: list[dict[str, object]] = []
    for f in out.files:
        if f.counts.code == 0 or f.language in _NOT_CODE:
            continue
        changes = churn.get(f.path, 0) if churn is not None else 1
        if churn is not None and changes == 0:
            continue
        complexity = f.counts.complexity + 1
        scored.append(
            {
                "file": f.path,
                "churn": changes if churn is not None else None,
                "complexity": complexity,
                "code": f.counts.code,
                "score": changes * complexity,
            }
        )
    scored.sort(key=lambda h: (-int(str(h["score"])), -int(str(h["code"])), str(h["file"])))
    out.hotspots = scored[:HOTSPOTS]


_NOT_CODE = frozenset(
    {"Markdown", "reStructuredText", "JSON", "YAML", "TOML", "XML", "HTML", "CSS", "INI"}
)


def _services(out: Analysis) -> None:
    by_folder: dict[str, Service] = {}
    # compose services that build from a folder first: their names are the ones people use
    for d in sorted(out.deployables, key=lambda d: (d.kind != "compose", d.file)):
        if d.context is None:
            continue
        folder = d.context.strip("/")
        if folder not in by_folder:
            by_folder[folder] = Service(d.name, d.kind, folder, d.file, d.line)
    if not by_folder:
        by_folder[""] = Service(out.root.name or "root", "root", "", ".", None)
    out.services = sorted(by_folder.values(), key=lambda s: (s.folder, s.name))


def _inside(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")


def owner(path: str, services: Sequence[Service]) -> Service | None:
    """The service whose folder holds path most closely, or None for files outside them all."""
    best: Service | None = None
    for s in services:
        if _inside(path, s.folder) and (best is None or len(s.folder) > len(best.folder)):
            best = s
    return best


def by_service(
    a: Analysis,
) -> tuple[dict[str | None, list[str]], dict[str | None, list[Signal]]]:
    """Paths and signals grouped by the service that owns them (None: outside every service)."""
    paths: dict[str | None, list[str]] = defaultdict(list)
    signals: dict[str | None, list[Signal]] = defaultdict(list)
    folder_owner: dict[str, str | None] = {}

    def name_of(path: str) -> str | None:
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        if folder not in folder_owner:
            svc = owner(path, a.services)
            folder_owner[folder] = svc.name if svc is not None else None
        return folder_owner[folder]

    for p in a.all_paths:
        paths[name_of(p)].append(p)
    for s in a.signals:
        signals[name_of(s.file)].append(s)
    return paths, signals


def _observability(out: Analysis, checklist: Sequence[ChecklistItem]) -> None:
    if not checklist:
        return
    rules = [(it.id, "check", it.detect) for it in checklist if it.detect is not None]
    matcher = Matcher(rules)
    paths, signals = by_service(out)
    # Files outside every service (a monitoring/ folder, say) count for all of them; packages
    # do not: a library in one folder says nothing about another service.
    shared = {d.name: d for d in matcher.detect([], paths.get(None, []))}
    for svc in out.services:
        found = {
            d.name: d for d in matcher.detect(signals.get(svc.name, []), paths.get(svc.name, []))
        }
        results: list[ItemResult] = []
        for it in checklist:
            if it.detect is None:
                results.append(ItemResult(it.id, it.text, it.required, None))
                continue
            det = found.get(it.id) or shared.get(it.id)
            results.append(
                ItemResult(
                    it.id, it.text, it.required, det is not None, det.evidence if det else []
                )
            )
        out.observability[svc.name] = results
