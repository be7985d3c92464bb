"""Run a whole analysis of a tree: files, lines, stack, module graph, style, observability."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import re
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archwise.analyze import graph as g
from archwise.analyze.commands import commands
from archwise.analyze.declared import (
    PlatformApp,
    aspire_services,
    dockerfile_label,
    dotnet_apps,
    entry_program,
    named_build_folder,
    one_app_name,
    platform_apps,
    watch_process,
    workspace_apps,
)
from archwise.analyze.detect import Detection, DetectRules, Evidence, Matcher, settle
from archwise.analyze.imports import RawImport, extract, supported
from archwise.analyze.languages import extension_of, language_for
from archwise.analyze.lines import Counts, count
from archwise.analyze.manifests import (
    PACKAGE_KINDS,
    REF,
    Deployable,
    ManifestInfo,
    Signal,
    _join,
    deno_specifier,
    documented_compose,
    go_path,
    image_name,
    is_ci_file,
    is_manifest,
    parse_manifest,
)
from archwise.analyze.pygraph import all_packages, python_graph
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
    """A deployable: built from code in the tree, or a backing service it runs (an image)."""

    name: str
    kind: str
    folder: str  # "" for the root
    file: str
    line: int | None
    built: bool = True  # False: runs an image built elsewhere (a database, a broker)
    image: str | None = None
    links: list[str] = field(default_factory=list)
    env_values: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other names it is called by
    ports: list[str] = field(default_factory=list)  # host ports it publishes (compose)
    mounts: list[str] = field(default_factory=list)  # files of the tree mounted as its config
    stack: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)

    def absorb(self, other: Service) -> None:
        """Take in what another declaration of the same service says it talks to and answers by."""
        self.links = sorted({*self.links, *other.links})
        self.env_values += other.env_values
        self.aliases = sorted({*self.aliases, *other.aliases})
        self.ports = sorted({*self.ports, *other.ports})
        self.mounts = sorted({*self.mounts, *other.mounts})


@dataclass(frozen=True)
class ServiceEdge:
    """One service talks to another: declared by depends_on/links or an address in its env."""

    source: str
    target: str
    via: str


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
    housekeeping: list[Detection] = field(default_factory=list)
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
    service_edges: list[ServiceEdge] = field(default_factory=list)
    observability: dict[str, list[ItemResult]] = field(default_factory=dict)
    tests_excluded: int = 0  # test and example files left out of the graph
    # which services own a path, built once the services are known (see _owners)
    owners: Callable[[str], list[str | None]] | None = field(default=None, repr=False)


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
    include_tests: bool = False,
    exclude: Sequence[str] = (),
) -> Analysis:
    """Analyse the tree at root (jobs: worker processes reading files; default one).

    Test and example code is left out of the module graph (cycles, metrics, style) unless
    include_tests; exclude drops more modules (patterns as in the rules).
    """
    with _collector_paused():
        return _analyze(
            root.resolve(),
            technologies,
            checklist,
            depth=depth,
            max_bytes=max_bytes,
            gitignore=gitignore,
            git=git,
            progress=progress,
            jobs=jobs,
            include_tests=include_tests,
            exclude=exclude,
        )


# analyses running now, and whether the first of them paused the collector
_PAUSED: list[int] = [0, 0]
_PAUSED_LOCK = threading.Lock()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while analysing (its passes over the many small,
    acyclic objects a tree's reading makes cost about a tenth of the run); reference counting
    still frees them, and the collector runs again when the last analysis ends (unless the
    caller had turned it off)."""
    with _PAUSED_LOCK:
        _PAUSED[0] += 1
        if _PAUSED[0] == 1:
            _PAUSED[1] = int(gc.isenabled())
            gc.disable()
    try:
        yield
    finally:
        with _PAUSED_LOCK:
            _PAUSED[0] -= 1
            if _PAUSED[0] == 0 and _PAUSED[1]:
                gc.enable()


def _analyze(
    root: Path,
    technologies: Sequence[TechRule],
    checklist: Sequence[ChecklistItem],
    *,
    depth: int | None,
    max_bytes: int,
    gitignore: bool,
    git: bool,
    progress: Progress | None,
    jobs: int | None,
    include_tests: bool,
    exclude: Sequence[str],
) -> Analysis:
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
    # the tree's own packages are not third-party evidence (Django importing django proves nothing)
    own = {n for n, _ in all_packages([e.path for e in wanted if e.path.endswith(".py")])}
    if any(e.path == "__init__.py" for e in wanted):
        own.add(root.name)  # the root is itself a package (an installed library's folder)
    asked = frozenset(
        w for w in wanted_imports(technologies) if w.removeprefix("python:") not in own
    )
    results = list(read_all(wanted, max_bytes, jobs, progress, asked))
    included = {inc for r in results if r.manifest for inc in r.manifest.includes}
    read = {r.path for r in results}
    by_path = {e.path: e for e in listing.files}
    # files a requirements file includes (-r other.txt) are manifests too, whatever their name
    for inc in sorted(included - read):
        if inc in by_path:
            results.append(read_file(by_path[inc], max_bytes, manifest=True, wanted=frozenset()))
    for res in results:
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
        out.signals.extend(res.signals)
    matcher = _matcher_of(technologies)
    # a module the build no longer includes is not the software
    projects = _gradle_projects(out)
    unbuilt = _unbuilt_modules(out, projects)
    # a developer's container or cloud workspace is not what the software runs on
    evidence = [
        s
        for s in out.signals
        if not _dev_path(s.file)
        and not _repo_automation(s.file)
        and not _sample_manifest(s)
        and not (unbuilt and _within(s.file, unbuilt))
        and not _vendored_copy(s.file)
    ]
    # ... but that the team keeps one is a fact about the repository (Dev Containers, Gitpod)
    paths = [
        p
        for p in out.all_paths
        if (not _dev_path(p) or p.endswith(("devcontainer.json", ".gitpod.yml")))
        and (not _sample_path(p) or _docs_site_path(p))
        and not (unbuilt and _within(p, unbuilt))
        and (not _vendored_copy(p) or _library_file(p))
    ]
    docs = {p for p in paths if _sample_path(p)}
    # a language is the software's when its own code is: not samples, served copies, tool configs
    sources = [f for f in out.files if _source_evidence(f.path)]
    found = matcher.detect(evidence, paths, _extension_files(sources))
    if docs:
        found = _without_docs_files(found, docs)
    found = settle(matcher, found, evidence, _extension_counts(sources))
    # a test package's own libraries (an API-test suite's validator) are its tooling, not the stack
    found = [d for d in found if d.category in _TEST_KINDS or not _test_only(d)]
    # ... and so is a package the manifest declares that only tests and examples import
    found = [d for d in found if d.category in _KEPT_UNUSED or not _tests_import_only(d)]
    # dependency bots, version managers and editor helpers keep the repository, not the software
    out.stack = [d for d in found if d.category != "housekeeping"]
    out.housekeeping = [d for d in found if d.category == "housekeeping"]
    if not any(d.kind == "compose" and not _harness(d) for d in out.deployables):
        # no compose file in the tree: the one its installation guide shows is the deployment
        for path in out.all_paths:
            if _install_doc(path) and (text := _read_text(out.root, path)) is not None:
                out.deployables += documented_compose(path, text)
    _services(out, manifests, projects, _Backing(matcher))
    _graph(out, root, raw_imports, manifests, depth, include_tests, exclude)
    _hotspots(out, root, git)
    _service_details(out, matcher)
    shallow: set[str] = set()
    if out.graph is not None:
        below = g.deeper(out.graph.depth)
        for mod in out.modules:
            shallow.add(g.group(mod, out.graph.depth))
            shallow.add(g.group(mod, below))
    out.style = signals(
        sorted(shallow),
        out.imports,
        [(s.name, s.folder if s.kind != "root" else None) for s in out.services if s.built],
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
    signals: list[Signal] = field(default_factory=list)  # imports and SDK calls, as evidence


Wanted = frozenset[str] | None  # LANG:top-level names an import rule asks about (None: all)


# the last rule list, its length and its answer
_WANTED: list[tuple[Sequence[TechRule], int, frozenset[str]]] = []


def wanted_imports(technologies: Sequence[TechRule]) -> frozenset[str]:
    """The LANG:top-level names of every import rule ('python:google', 'js:@nestjs'); the same
    list object as last time (a server's or a benchmark's) is answered at once."""
    last = _WANTED[0] if _WANTED else None
    if last is not None and last[0] is technologies and last[1] == len(technologies):
        return last[2]
    out = _wanted_imports(technologies)
    _WANTED[:] = [(technologies, len(technologies), out)]
    return out


def _wanted_imports(technologies: Sequence[TechRule]) -> frozenset[str]:
    out: set[str] = set()
    for t in technologies:
        for pattern in getattr(t.detect, "imports", None) or []:
            lang, _, module = pattern.partition(":")
            out.add(f"{lang}:{_top(lang, module)}")
        # a Go import names its module: go rules match imports as well
        for module in getattr(t.detect, "go", None) or []:
            out.add(f"go:{_top('go', module)}")
    return frozenset(out)


@functools.cache
def _python_finder(wanted: frozenset[str]) -> re.Pattern[str] | None:
    """One pass over a file finds the import lines of the wanted top-level names only."""
    tops = sorted(re.escape(w[7:]) for w in wanted if w.startswith("python:"))
    if not tops:
        return None
    names = "|".join(tops)
    return re.compile(
        rf"\n[ \t]*(?:from[ \t]+((?:{names})(?:\.[\w.]*)?)[ \t]+import|"
        rf"import[ \t]+((?:{names})(?:\.[\w.]*)?))\b"
    )


def _top(lang: str, module: str) -> str:
    if lang == "js" and module.startswith("@"):
        return "/".join(module.split("/")[:2])
    return re.split(r"[./]|::", module, maxsplit=1)[0]


def read_file(
    entry: Entry, max_bytes: int, *, manifest: bool = False, wanted: Wanted = None
) -> FileResult:
    """Read, count, and extract imports and manifest facts from one file."""
    lang = language_for(entry.path.rsplit("/", 1)[-1])
    is_man = manifest or is_manifest(entry.path)
    # a manifest is read even when generated: pip-compile output still lists dependencies
    src = read_source(entry, max_bytes=max_bytes, keep_generated=is_man)
    res = FileResult(entry.path, src.note)
    if src.generator is not None:
        # the generator a header names is a tool the build runs (mockery, sqlc, protoc)
        res.signals.append(Signal("code", f"generated:{src.generator}", entry.path, 1))
    if src.text is None:
        return res
    if lang is not None:
        res.stat = FileStat(entry.path, lang.name, count(src.text, lang))
        if supported(lang.name):
            try:
                res.imports = (lang.name, extract(lang.name, src.text.encode()))
            except (ValueError, RecursionError) as exc:
                res.note = f"imports not read: {exc}"
        res.signals = source_signals(entry.path, lang.name, src.text, res.imports, wanted)
    if is_man:
        res.manifest = parse_manifest(entry.path, src.text)
    return res


# imports are read from the head of a file: they open it, and a large module's body can hold
# nothing else the stack needs (the import graph reads every import separately)
IMPORTS_HEAD = 16_384
# import lines are found after a newline (the head is read with one before it): a pattern that
# starts with a literal lets the regex engine skip ahead, where `^` with re.M tries every position
_PY_IMPORT = re.compile(
    r"\n[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import|import[ \t]+([\w., \t]+))"
)
_BOTO3 = re.compile(r"""\b(?:client|resource)\(\s*(?:service_name\s*=\s*)?["']([a-z0-9\-]+)["']""")
_USING = re.compile(r"^\s*using\s+(?:static\s+)?([A-Z][\w.]*)\s*;", re.M)
# services a runtime provides that no manifest declares, seen by their call (code signals)
_RUNTIME_CALLS: dict[str, tuple[tuple[str, str], ...]] = {
    "TypeScript": (("Deno.openKv(", "runtime:deno-kv"),),
    "JavaScript": (("Deno.openKv(", "runtime:deno-kv"),),
    # ASP.NET Core's minimal APIs organised in route groups (a lone MapGet is a health probe)
    "C#": ((".MapGroup(", "runtime:aspnet-minimal-api"),),
}
# strings a Python settings or module file names a backend by, behind a cheap gate each (one
# `in` per gate and file): an embedded database the code opens (Django's engine, a SQLAlchemy
# URL, sqlite3) and the object store django-storages writes to
_PYTHON_SETTINGS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "sqlite",
        (
            ("django.db.backends.sqlite3", "runtime:sqlite"),
            ("sqlite:///", "runtime:sqlite"),
            ("sqlite+aiosqlite://", "runtime:sqlite"),
            ("import sqlite3", "runtime:sqlite"),
        ),
    ),
    (
        "storages.backends.",
        (
            ("storages.backends.s3", "runtime:s3"),
            ("storages.backends.gcloud", "runtime:gcs"),
            ("storages.backends.azure_storage", "runtime:azure-blob"),
        ),
    ),
)
_CODE_PREFIXES = ("boto3", "runtime")
# languages without a grammar here, whose imports are read by pattern: Kotlin and Scala name
# JVM packages (matched by java: rules), Swift names modules (SwiftUI, Combine, a package's)
_REGEX_IMPORTS = {
    "Kotlin": ("java", re.compile(r"\n[ \t]*import[ \t]+([\w.`]+)")),
    "Scala": ("java", re.compile(r"\n[ \t]*import[ \t]+(?:_root_\.)?([\w.`]+)")),
    "Swift": (
        "swift",
        re.compile(
            r"\n[ \t]*(?:@\w+[ \t]+)*import[ \t]+"
            r"(?:(?:struct|class|enum|protocol|func|var|let|typealias)[ \t]+)?(\w+)"
        ),
    ),
}
_IMPORT_PREFIX = {
    "JavaScript": "js",
    "TypeScript": "js",
    "Go": "go",
    "Java": "java",
    "Rust": "rust",
}


# a page whose script comes from a CDN uses that library as surely as a package.json would: the
# npm package (jsDelivr, unpkg), the cdnjs library name, or the project's own CDN host (style
# sheets linked from a CDN are styling, which readers do not name)
_CDN = re.compile(
    r"""\bsrc\s*=\s*["']?(?:https?:)?//(?:"""
    r"(?:cdn\.jsdelivr\.net/npm|unpkg\.com)/(@[\w.\-]+/[\w.\-]+|[\w.\-]+?)(?:@|/|[\"'])"
    r"|cdnjs\.cloudflare\.com/ajax/libs/([\w.\-]+)/"
    r"|(?:cdn\.)?(tailwindcss)\.com\b"
    r"|code\.(jquery)\.com/"
    r"|(?:stackpath|maxcdn|netdna)\.bootstrapcdn\.com/([\w\-]+)/)",
    re.I,
)


def web_libraries(text: str) -> dict[str, int]:
    """'npm:NAME' -> line of each library a page loads from a public CDN."""
    out: dict[str, int] = {}
    if "//" not in text or "src" not in text:
        return out
    line = _liner(text)
    for m in _CDN.finditer(text):
        name = next(g for g in m.groups() if g).lower()
        out.setdefault(f"npm:{name}", line(m.start()))
    return out


def _liner(text: str) -> Callable[[int], int]:
    """Line of a position, for positions asked in increasing order (one pass over the text)."""
    state = [0, 1]  # last position, its line

    def line(pos: int) -> int:
        if pos < state[0]:
            state[0], state[1] = 0, 1
        state[1] += text.count("\n", state[0], pos)
        state[0] = pos
        return state[1]

    return line


def source_signals(
    path: str,
    language: str,
    text: str,
    imports: tuple[str, list[RawImport]] | None,
    wanted: Wanted = None,
) -> list[Signal]:
    """Third-party imports of a source file and cloud SDK calls, as secondary evidence.

    wanted: only imports whose top-level name some rule asks about (reading every import of a
    large tree costs more than the rest of the scan).
    """
    seen: dict[str, int] = {}
    if language == "Python":
        head = "\n" + text[:IMPORTS_HEAD]
        line = _liner(text)
        finder = _python_finder(wanted) if wanted is not None else _PY_IMPORT
        # a match starts at the newline before its line: position p in head is p in text
        for m in finder.finditer(head) if finder is not None else ():
            names = [m.group(1)] if m.group(1) else m.group(2).split(",")
            for n in names:
                mod = n.strip().split(" ", 1)[0]
                if not mod or mod.startswith(".") or "python:" + mod in seen:
                    continue
                if wanted is None or "python:" + mod.split(".", 1)[0] in wanted:
                    seen["python:" + mod] = line(m.start())
        # boto3 is imported at the head of a file that calls it (one scan of the head only)
        if "boto3" in head:
            line = _liner(text)
            for m in _BOTO3.finditer(text):
                if "boto3:" + m.group(1) not in seen:
                    seen["boto3:" + m.group(1)] = line(m.start())
    elif language == "HTML":
        seen.update(web_libraries(text))
    elif language == "C#":
        line = _liner(text)
        for m in _USING.finditer(text[:IMPORTS_HEAD]):
            if "csharp:" + m.group(1) not in seen:
                seen["csharp:" + m.group(1)] = line(m.start())
    elif language in _REGEX_IMPORTS:
        prefix, pattern = _REGEX_IMPORTS[language]
        line = _liner(text)
        for m in pattern.finditer("\n" + text[:IMPORTS_HEAD]):
            t = m.group(1).replace("`", "").rstrip(".")
            if wanted is None or f"{prefix}:{_top(prefix, t)}" in wanted:
                seen.setdefault(f"{prefix}:{t}", line(m.start()))
    elif imports is not None and language in _IMPORT_PREFIX:
        prefix = _IMPORT_PREFIX[language]
        for imp in imports[1]:
            t = imp.target
            if imp.kind in ("mod", "package") or t.startswith((".", "/", "crate::", "self::")):
                continue
            if prefix == "js" and t.startswith(("npm:", "jsr:", "https:")):
                # Deno imports a registry's package by specifier (npm:, jsr:, deno.land/x)
                spec = deno_specifier(t)
                if spec is not None:
                    seen.setdefault(f"{spec[0]}:{spec[1]}", imp.line)
                continue
            if prefix == "rust":
                t = t.split("::", 1)[0]
            elif prefix == "go":
                t = go_path(t)
            if wanted is None or f"{prefix}:{_top(prefix, t)}" in wanted:
                seen.setdefault(f"{prefix}:{t}", imp.line)
    for call, key in _RUNTIME_CALLS.get(language, ()):
        at = text.find(call)
        if at >= 0 and key not in seen:
            seen[key] = text.count("\n", 0, at) + 1
    if language == "Python":
        for gate, calls in _PYTHON_SETTINGS:
            if gate in text:
                for call, key in calls:
                    at = text.find(call)
                    if at >= 0 and key not in seen:
                        seen[key] = text.count("\n", 0, at) + 1
    out: list[Signal] = []
    if language == "Go" and "//go:generate" in text:
        out += _go_generate(path, text)
    for key, at in seen.items():
        prefix, _, name = key.partition(":")
        if prefix in ("npm", "deno"):  # a CDN's library or a Deno specifier: its package
            out.append(Signal(prefix, name, path, at))
        else:
            kind = "code" if prefix in _CODE_PREFIXES else "import"
            out.append(Signal(kind, key, path, at))
    return out + _grpc_roles(path, language, text)


_GO_GENERATE = re.compile(r"^//go:generate[ \t]+(.+)$", re.M)


def _go_generate(path: str, text: str) -> list[Signal]:
    """The tools `//go:generate` lines run: a command (mockgen), or a module `go run` runs."""
    out: list[Signal] = []
    for m in _GO_GENERATE.finditer(text):
        words = m.group(1).split()
        line = text.count("\n", 0, m.start()) + 1
        if words[:2] == ["go", "run"]:
            module = next((w for w in words[2:] if not w.startswith("-")), "")
            module = module.split("@", 1)[0]
            if "." in module.split("/", 1)[0]:
                out.append(Signal("go", module, path, line))
                out.append(Signal("command", module.rstrip("/").rsplit("/", 1)[-1], path, line))
        elif words and words[0] != "go":
            out.append(Signal("command", words[0].rsplit("/", 1)[-1], path, line))
    return out


# gRPC servers and clients by the code generators' naming, per language: a service that
# registers CartService serves it; one that builds a CartService client or stub calls it
_GRPC_SERVER = {
    "Go": re.compile(r"\bRegister(\w+)Server\("),
    "Python": re.compile(r"\badd_(\w+)Servicer_to_server\("),
    "C#": re.compile(r"\b(\w+)\.(\w+)Base\b"),
    "Java": re.compile(r"\b(\w+)Grpc\.(\w+)ImplBase\b"),
    "JavaScript": re.compile(r"\baddService\(\s*[\w.]*?\.?(\w+)\.service\b"),
    "TypeScript": re.compile(r"\baddService\(\s*[\w.]*?\.?(\w+)\.service\b"),
}
_GRPC_CLIENT = {
    "Go": re.compile(r"\bNew(\w+)Client\("),
    "Python": re.compile(r"\b(\w+)Stub\("),
    "C#": re.compile(r"\bnew\s+[\w.]*?(\w+)\.(\w+)Client\("),
    "Java": re.compile(r"\b(\w+)Grpc\.new(?:Blocking|Future)?Stub\("),
}


# text every server or client pattern of a language needs: most files have none, and are not
# lower-cased to look for "grpc" (Go and Python code that serves or calls gRPC names the
# lower-case package or generated module, one scan instead of two)
_GRPC_HINTS = {
    "Go": ("grpc",),
    "Python": ("grpc",),
    "C#": ("Base", "Client("),
    "Java": ("Grpc.",),
    "JavaScript": ("addService(",),
    "TypeScript": ("addService(",),
}


def _grpc_roles(path: str, language: str, text: str) -> list[Signal]:
    """'grpc' signals: server:NAME and client:NAME for each gRPC service a file serves or calls."""
    hints = _GRPC_HINTS.get(language)
    if not hints or not any(h in text for h in hints) or "grpc" not in text.lower():
        return []
    out: dict[str, int] = {}
    line = _liner(text)
    for role, table in (("server", _GRPC_SERVER), ("client", _GRPC_CLIENT)):
        pattern = table.get(language)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            groups = [g for g in m.groups() if g]
            if len(groups) == 2 and groups[0] != groups[1]:
                continue  # C# Foo.BarBase, Java FooGrpc.BarImplBase: not a generated pair
            name = groups[0]
            if name in ("Health", "Reflection") or f"{role}:{name}" in out:
                continue
            out[f"{role}:{name}"] = line(m.start())
    return [Signal("grpc", k, path, n) for k, n in out.items()]


def _read_chunk(chunk: list[Entry], max_bytes: int, wanted: Wanted) -> list[FileResult]:
    return [read_file(e, max_bytes, wanted=wanted) for e in chunk]


def read_all(
    entries: list[Entry],
    max_bytes: int,
    jobs: int | None,
    progress: Progress | None,
    wanted: Wanted = None,
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
            yield read_file(entry, max_bytes, wanted=wanted)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(20, total // (workers * 8))
    chunks = [entries[i : i + size] for i in range(0, total, size)]
    done = 0
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        n = len(chunks)
        for results in pool.map(_read_chunk, chunks, [max_bytes] * n, [wanted] * n):
            done += len(results)
            if progress is not None:
                progress(done, total, results[-1].path)
            yield from results


# compiled matchers by the identity of their rules: a server analysing tree after tree with
# one knowledge base compiles its thousand file globs once
_MATCHERS: dict[tuple[int, ...], tuple[list[tuple[str, str, DetectRules]], Matcher]] = {}


_MATCHERS_LOCK = threading.Lock()  # the web server analyses from several threads


_LAST: list[tuple[Sequence[TechRule], Matcher]] = []  # the last rule list and its matcher


def _matcher_of(technologies: Sequence[TechRule]) -> Matcher:
    """The matcher of a rule list: the same list object as last time is answered at once."""
    with _MATCHERS_LOCK:
        last = _LAST[0] if _LAST else None
    if last is not None and last[0] is technologies and len(last[0]) == len(last[1].rules):
        return last[1]
    matcher = _matcher([(t.name, t.category, t.detect) for t in technologies])
    with _MATCHERS_LOCK:
        _LAST[:] = [(technologies, matcher)]  # the list is kept, so its identity stays its own
    return matcher


def _matcher(rules: list[tuple[str, str, DetectRules]]) -> Matcher:
    key = tuple(id(d) for _, _, d in rules)
    with _MATCHERS_LOCK:
        hit = _MATCHERS.get(key)
    if hit is not None and [(n, c) for n, c, _ in hit[0]] == [(n, c) for n, c, _ in rules]:
        return hit[1]
    matcher = Matcher(rules)
    with _MATCHERS_LOCK:
        if len(_MATCHERS) >= 4:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[key] = (rules, matcher)  # the rules are kept, so their ids stay theirs
    return matcher


def _extension_counts(files: Sequence[FileStat]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for f in files:
        if ext := extension_of(f.path.rsplit("/", 1)[-1]):
            counts[ext] += 1
    return counts


# folders of examples, samples, documentation and fixtures: their manifests and images belong
# to the sample, not to the software (an OpenAPI document or a .proto there still counts)
_SAMPLE_DIRS = frozenset(
    {
        "example",
        "examples",
        "sample",
        "samples",
        "demo",
        "demos",
        "doc",
        "docs",
        "documentation",
        "tutorial",
        "tutorials",
        "fixtures",
        "__fixtures__",
        "testdata",
        "test_data",
        "playground",
    }
)


@functools.lru_cache(maxsize=4096)
def _sample_dir(name: str) -> bool:
    """An example, sample, documentation or fixture folder ('examples', 'example_configs')."""
    lower = name.lower()
    if lower in _SAMPLE_DIRS:
        return True
    words = re.split(r"[._\-]", lower)
    return len(words) > 1 and bool(_SAMPLE_WORDS.intersection(words))


# words that make a compound folder name a sample ('example_configs', 'docker-samples')
_SAMPLE_WORDS = frozenset({"example", "examples", "sample", "samples"})


# every sample folder name holds one of the words _sample_hint looks for (a cheap test before
# the folders are looked at)


def _sample_hint(path: str) -> bool:
    # written out: eight `in` tests cost a sixth of a generator over the same words
    lower = path.lower()
    return (
        "exampl" in lower
        or "sampl" in lower
        or "doc" in lower
        or "demo" in lower
        or "tutorial" in lower
        or "fixture" in lower
        or "data" in lower
        or "playground" in lower
    )


def _in_sample(folders: Sequence[str]) -> bool:
    """True when a folder of the path is a sample's, above any `src` (Java's `...samples.app`
    package is code) or a deployment folder (`deploy/examples/` deploys the software)."""
    for name in folders:
        if name == "src" or name.lower() in _DEPLOY_DIRS:
            return False
        if _sample_dir(name):
            return True
    return False


# folders of the software's own deployment: the examples kept there are ways to deploy it
_DEPLOY_DIRS = frozenset({"deploy", "deployment", "deployments", "deploy-examples"})


def _sample_path(path: str) -> bool:
    """A file in an example, sample or fixture folder (not an interface document)."""
    if path.endswith(_INTERFACE_EXTENSIONS) or not _sample_hint(path):
        return False
    return _in_sample(path.split("/")[:-1])


# documentation folders: a docs site's own files show its tooling (mkdocs.yml, netlify.toml,
# a Docusaurus or Astro config), not the software's languages, packages or API collections
_DOC_DIRS = frozenset({"doc", "docs", "documentation"})
_FROM_DOCS = frozenset(
    {"tooling", "lint", "deployment", "ci", "housekeeping", "frontend_framework"}
)


def _docs_site_path(path: str) -> bool:
    """A file of a documentation folder's own site (not of an example inside it)."""
    folders = path.split("/")[:-1]
    if not any(f.lower() in _DOC_DIRS for f in folders):
        return False
    return not _in_sample([f for f in folders if f.lower() not in _DOC_DIRS])


def _without_docs_files(found: list[Detection], docs: set[str]) -> list[Detection]:
    """Detections with a docs site's files taken out of the evidence of what is not a docs
    site's tooling (a Hugo module's go.mod is not Go code); those left with none are dropped."""
    out: list[Detection] = []
    for det in found:
        if det.category not in _FROM_DOCS and any(e.file in docs for e in det.seen):
            kept = [e for e in det.seen if not (e.via == "file" and e.file in docs)]
            if not kept:
                continue
            det.seen = set(kept)
            det.count = len(kept)
            det.evidence = [e for e in det.evidence if e in det.seen]
        out.append(det)
    return out


# interface files describe the software wherever they are kept
_INTERFACE_EXTENSIONS = (".proto", ".graphql", ".gql", ".thrift", ".avsc")
# folders of repository chores: a language used only there is not the software's
_CHORE_DIRS = frozenset({"scripts", "script", "tools", "hack", "tooling", "buildSrc", "contrib"})
# tool configuration written in a language (next.config.js, .eslintrc.cjs, postcss-config.js)
_TOOL_CONFIG = re.compile(r"(?:.*[.\-]config|\..*rc)\.[cm]?[jt]s$")


def _source_evidence(path: str) -> bool:
    """True when a source file proves its language is one the software is written in."""
    parts = path.split("/")
    script = parts[-1].endswith(_SCRIPT_EXTENSIONS)
    if parts[-1].startswith(".") or (script and _TOOL_CONFIG.match(parts[-1])):
        return False  # a tool's own configuration file (.nvim.lua, next.config.js)
    folders = parts[:-1]
    if _sample_hint(path) and _in_sample(folders):
        return False
    if any(p in _CHORE_DIRS or p.startswith(".") for p in folders):
        return False
    if _vendored_copy(path):
        return False  # a library copied in to be served: its sources are the library's
    if "assets" in folders and not _web_file(parts[-1]):
        return False  # what the software serves or embeds (a highlighter's grammar samples)
    if parts[-1].endswith(".sql") and _schema_sql(parts):
        return False  # a database's migrations, schema dump or seed: not the code's language
    if parts[-1].lower().endswith(_PAGES) and is_test_path(path):
        return False  # pages a test reads (a parser's fixtures) are not the software's pages
    # scripts a server app serves as written (static/, public/, assets/) are its JavaScript; a
    # .NET project template's wwwroot/js/site.js is the template's, not the team's
    return not (script and parts[-1].endswith(_JS) and "wwwroot" in folders)


# the languages of an `assets` folder's own code: scripts, styles, pages and templates a browser
# gets (Phoenix's and Symfony's `assets/`, Rails' `app/assets/`); a file of any other language
# kept there is data the software serves or embeds (a syntax highlighter's grammar test files
# in C, Ruby or Groovy), not code it is written in
_WEB_EXTENSIONS = frozenset(
    {
        *(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".coffee", ".elm"),
        *(".cljs", ".res", ".purs", ".vue", ".svelte", ".astro", ".css", ".scss", ".sass"),
        *(".less", ".styl", ".html", ".htm", ".hbs", ".handlebars", ".mustache", ".njk"),
        *(".ejs", ".pug", ".erb", ".eex", ".heex", ".leex", ".twig", ".latte", ".liquid"),
        *(".haml", ".slim", ".xhtml", ".wasm"),
    }
)


def _web_file(name: str) -> bool:
    """True for a file of a language a browser runs or renders (a script, style or page)."""
    return extension_of(name) in _WEB_EXTENSIONS or name.lower().endswith(_WEB_SUFFIXES)


# compound extensions a web file ends with (`app.js.erb`, `show.html.heex`)
_WEB_SUFFIXES = (".js.erb", ".css.erb", ".html.erb", ".html.heex", ".html.eex", ".html.twig")


# pages and stylesheets: under a test folder they are fixtures (languages otherwise count there)
_PAGES = (".html", ".htm", ".xhtml", ".css")


# a library copied in whole to be served (LibMan's and Bower's `wwwroot/lib/bootstrap/`, a
# `static/vendor/` folder): its package.json, Gemfile, CI and tool configs and sources are the
# library's own; only its served files name it
_VENDORED_COPY = re.compile(
    r"(?:^|/)(?:wwwroot/lib|(?:static|public|assets)/(?:vendors?|libs?))/[^/]+/"
)
_LIBRARY_ASSETS = (".js", ".css", ".map", ".woff", ".woff2", ".ttf", ".eot", ".svg")


def _vendored_copy(path: str) -> bool:
    """True for a file inside a library copied into a served folder."""
    return _VENDORED_COPY.search(path) is not None


def _library_file(path: str) -> bool:
    """A copied library's own served or legal file (what names the library, not its build)."""
    name = path.rsplit("/", 1)[-1].lower()
    return name.endswith(_LIBRARY_ASSETS) or name.startswith(("license", "copying", "readme"))


# folders of SQL that an ORM's migration tool generates: not hand-written SQL
_GENERATED_SQL_DIRS = frozenset({"drizzle", "prisma"})
# folders and files of SQL that set a database up (migrations, seeds, init scripts a container
# runs, schema dumps): they name the database's schema, not a language the software is written in
_SETUP_SQL_DIRS = frozenset(
    {"seed", "seeds", "seeders", "initdb", "init.db", "db-init", "docker-entrypoint-initdb.d"}
)
_SETUP_SQL_FILE = re.compile(
    r"(?:^|[-_.\d])(?:structure|schema|data|seed|init|dump)[\w.-]*\.sql$", re.I
)


def _schema_sql(parts: Sequence[str]) -> bool:
    """True for a .sql file that sets a database up rather than being code the software runs."""
    folders = [f.lower() for f in parts[:-1]]
    if _GENERATED_SQL_DIRS.intersection(folders) or _SETUP_SQL_DIRS.intersection(folders):
        return True
    if any("migrat" in f or f.endswith("-init") for f in folders):
        return True
    return bool(_SETUP_SQL_FILE.search(parts[-1]))


def _within(path: str, folders: frozenset[str]) -> bool:
    """True when a folder of path (or the root, "") is one of folders."""
    if "" in folders:
        return True
    parts = path.split("/")[:-1]
    return any("/".join(parts[: i + 1]) in folders for i in range(len(parts)))


_JS = (".js", ".mjs", ".cjs")
_SCRIPT_EXTENSIONS = (*_JS, ".ts", ".mts", ".cts")


def _sample_manifest(sig: Signal) -> bool:
    """True for a package, image or environment signal read from an example or fixture folder
    (and a deployment file known by its content: a sample's compose file or service unit)."""
    if sig.kind == "document":
        if sig.value not in _DEPLOYMENT_DOCUMENTS:
            return False
    elif sig.kind in _SCRIPT_SIGNALS:
        # an example's package scripts run the example's tools (a docs site's run its own)
        return _in_sample(sig.file.split("/")[:-1]) and not _docs_site_path(sig.file)
    elif sig.kind not in PACKAGE_KINDS and sig.kind not in ("docker_image", "env"):
        return False
    return _in_sample(sig.file.split("/")[:-1])


# signals of the commands and tool sections a file runs or configures
_SCRIPT_SIGNALS = frozenset({"command", "config"})


# documents that deploy the software (an interface document or a docs site describes it anywhere)
_DEPLOYMENT_DOCUMENTS = frozenset({"compose", "systemd-unit"})


def _repo_automation(path: str) -> bool:
    """True for files the repository host runs besides CI workflows (.github/terraform/)."""
    return path.startswith(".github/") and not path.startswith(
        (".github/workflows/", ".github/actions/")
    )


def _extension_files(files: Sequence[FileStat]) -> dict[str, str]:
    first: dict[str, str] = {}
    for path in sorted(f.path for f in files):
        if ext := extension_of(path.rsplit("/", 1)[-1]):
            first.setdefault(ext, path)
    return first


def _graph(
    out: Analysis,
    root: Path,
    raw_imports: dict[str, tuple[str, list[RawImport]]],
    manifests: dict[str, ManifestInfo],
    depth: int | None,
    include_tests: bool = False,
    exclude: Sequence[str] = (),
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
    dropped = {
        m
        for m, f in out.modules.items()
        if (not include_tests and is_test_path(f)) or any(g.matches(m, p) for p in exclude)
    }
    if dropped:
        out.tests_excluded = len(dropped)
        out.modules = {m: f for m, f in out.modules.items() if m not in dropped}
        out.imports = [
            i for i in out.imports if i.source not in dropped and i.target not in dropped
        ]
    if not out.modules:
        return
    d: g.Depth = depth if depth is not None else _auto_depth(out)
    grp = g.grouper(d)
    out.graph = g.build(out.modules, out.imports, d, grp)
    types: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    by_file = {f.path: f.counts for f in out.files}
    for mod, file in out.modules.items():
        c = by_file.get(file)
        if c is not None:
            key = grp(mod)
            t, a = types[key]
            types[key] = (t + c.types, a + c.abstract_types)
    out.metrics = g.metrics(out.graph, types)
    weights = {k: len(v) for k, v in out.graph.edges.items()}
    for comp in g.strongly_connected(out.graph.adjacency()):
        arcs, exact = g.feedback_arcs(comp, weights)
        out.cycles.append((comp, arcs, exact))


def _auto_depth(out: Analysis) -> dict[str, int]:
    """One level below each top-level name's shared prefix, and below each service's."""
    d = g.auto_depths(out.modules)
    folders = sorted({s.folder for s in out.services if s.built and s.folder}, key=len)
    groups: dict[str, list[str]] = defaultdict(list)
    for mod, file in out.modules.items():
        best = ""
        for f in folders:
            if file.startswith(f + "/"):
                best = f
        if best:
            groups[best].append(mod)
    d.update(g.scoped_depths(groups.values()))
    return d


_TEST_DIRS = frozenset(
    {
        "test",
        "tests",
        "__tests__",
        "__test__",
        "spec",
        "specs",
        "e2e",
        "testdata",
        "test_data",
        "integration-tests",
        "integration_tests",
        "example",
        "examples",
    }
)
_TEST_FILE = re.compile(
    r"(?:^test_.*\.py|.*_tests?\.py|conftest\.py|.*_test\.go|.*\.(?:test|spec)\.[cm]?[jt]sx?"
    r"|.*(?:Test|Tests|IT)\.(?:java|kt|cs)|.*_(?:spec|test)\.rb|.*Test\.php|.*_test\.exs)$"
)


# what a test package proves for the software: its test tools, languages and build
_TEST_KINDS = frozenset(
    {"testing", "language", "package_manager", "build", "lint", "ci", "tooling", "housekeeping"}
)
# benchmark rigs are test code too (a load test's compose file, a benchmark suite's package), and
# so are test environments (`test-environments/oidc/compose.yml`)
_TEST_FOLDER = re.compile(
    r"(?:^|[_\-.])(?:tests?|e2e|specs?|benchmarks?)$|^tests?[_\-.]"
    r"|(?:^|[_\-.])tests?[_\-]?(?:utils?|helpers?|support|fixtures?)$"  # a test suite's own helpers
)


def _test_only(det: Detection) -> bool:
    """Every piece of evidence is a manifest or source file of a test folder (`api_tests/`)."""
    return all(_test_folder(e.file.lower().split("/")[:-1]) for e in det.seen)


# what a manifest's declaration proves without code importing it: tooling, and the datastores
# the software runs against (a driver only its tests open still names the database it uses)
_KEPT_UNUSED = _TEST_KINDS | {"database"}


def _tests_import_only(det: Detection) -> bool:
    """True when the code imports the package only from test and example files and nothing but
    a manifest's declaration names it otherwise (`go.mod` requiring what `examples/` imports)."""
    imports = [e for e in det.seen if e.via.startswith("import ")]
    if not imports or not all(_test_code(e.file) for e in imports):
        return False
    return all(
        e.via.startswith("import ") or e.via.split(" ", 1)[0] in PACKAGE_KINDS for e in det.seen
    )


def _test_code(path: str) -> bool:
    """A test or example file: by its name, or by a folder of tests or examples (in a Maven or
    Gradle main source set only the folders above it: `io/acme/examples/` is a Java package)."""
    parts = path.lower().split("/")
    if "src" in parts[:-2] and parts[parts.index("src") + 1] == "main":
        return _test_folder(parts[: parts.index("src")])
    return is_test_path(path) or _test_folder(parts[:-1])


def _test_folder(folders: Sequence[str]) -> bool:
    """True for a test or example folder; the examples of a deployment folder deploy the
    software (`deploy/examples/compose/`)."""
    deploy = False
    for p in folders:
        deploy = deploy or p in _DEPLOY_DIRS
        if deploy and p in _EXAMPLE_DIRS:
            continue
        if p in _TEST_DIRS or _TEST_FOLDER.search(p):
            return True
    return False


_EXAMPLE_DIRS = frozenset({"example", "examples"})


def is_test_path(path: str) -> bool:
    """True for test and example code (by folder or file-name convention)."""
    parts = path.split("/")
    return any(p in _TEST_DIRS for p in parts[:-1]) or bool(_TEST_FILE.match(parts[-1]))


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


# folders that hold a Dockerfile but are not a service's name: the service is the folder above
GENERIC_FOLDERS = frozenset(
    {
        "src",
        "source",
        "docker",
        ".docker",
        "dockerfiles",
        "containers",
        "container",
        "build",
        "deploy",
        "deployment",
        "deployments",
        "ci",
        ".ci",
        "ops",
        "infra",
        "app",
        "server",
        "compose",
        # a build kept with the project's scripts, or one per environment (`docker/prod/`)
        "scripts",
        "script",
        "prod",
        "production",
        "staging",
        # a project's packaging: the images and packages it builds of itself
        "packaging",
        "rpm",
        "deb",
    }
)
# a folder named after an image's base system (`docker/alpine/`, `docker/distroless/`) holds one
# more build of the same image: the service is the folder above, as for a generic name
IMAGE_FLAVOURS = frozenset(
    {
        "alpine",
        "debian",
        "ubuntu",
        "distroless",
        "slim",
        "bookworm",
        "bullseye",
        "buster",
        "jammy",
        "noble",
        "focal",
        "ubi",
        "busybox",
        "scratch",
    }
)
# folders that group a workspace's apps or services (apps/web, services/api): never a service
GROUP_FOLDERS = frozenset(
    {"apps", "services", "packages", "projects", "microservices", "modules", "crates", "cmd"}
)
# folders whose Dockerfile builds a tool for developers, not a deployable
DEV_FOLDERS = frozenset({".devcontainer", ".gitpod", ".github", ".circleci", ".vscode"})
CODE_MANIFESTS = frozenset(
    {
        "package.json",
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "requirements.txt",
        "pipfile",
        "go.mod",
        "cargo.toml",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        "gemfile",
        "mix.exs",
        "composer.json",
        "manage.py",
    }
)


def _install_doc(path: str) -> bool:
    """The README or a Markdown page about installing (`docs/installation/docker.md`)."""
    lower = path.lower()
    if not lower.endswith((".md", ".mdx")):
        return False
    return lower == "readme.md" or any("install" in part for part in lower.split("/"))


def _dev_path(path: str) -> bool:
    """True for files of a development environment (.devcontainer/, .gitpod.yml, a Gitpod
    workspace image such as `Dockerfile.gitpod` wherever it is kept)."""
    head = path.split("/", 1)[0]
    if head == ".devcontainer" or head.startswith(".gitpod"):
        return True
    name = path.rsplit("/", 1)[-1].lower()
    return "gitpod" in name and "dockerfile" in name


# a Go module's major-version suffix (`github.com/miniflux/v2`), which its clone's folder takes
_MAJOR_VERSION = re.compile(r"v\d+")


def app_name(folder: str, go_module: str | None) -> str:
    """The app's own name: its folder's, or the module path's when the folder is a major version."""
    name = folder or "root"
    if not _MAJOR_VERSION.fullmatch(name) or not go_module:
        return name
    parts = go_module.strip("/").split("/")
    if len(parts) >= 2 and _MAJOR_VERSION.fullmatch(parts[-1]):
        return parts[-2]  # the repository, or a vanity path's domain (`miniflux.app/v2`)
    return name


def _owners_spelling(name: str, manifests: dict[str, ManifestInfo]) -> str:
    """The app's name as its root manifest spells it (`plume` checked out as `Plume`): a
    checkout's folder may be named anything, the package's name is the owners' own."""
    for manifest in ("Cargo.toml", "package.json"):
        info = manifests.get(manifest)
        if info is not None and info.package and info.package.lower() == name.lower():
            return info.package
    return name


def _code_folder(folder: str, manifest_dirs: set[str]) -> str | None:
    """The folder a Dockerfile in folder builds: itself, or above a generic name; None for dev."""
    parts = [p for p in folder.split("/") if p]
    if any(p in DEV_FOLDERS for p in parts):
        return None

    def generic() -> bool:
        # apps/server is the server: a folder that groups a workspace's apps is never one
        name = parts[-1].lower()
        return (name in GENERIC_FOLDERS or name in IMAGE_FLAVOURS) and not (
            len(parts) > 1 and parts[-2].lower() in GROUP_FOLDERS
        )

    while parts and generic() and "/".join(parts) not in manifest_dirs:
        parts.pop()
    while parts and generic():
        if len(parts) == 1 and parts[0] in manifest_dirs:
            break  # a top-level `server/` with its own manifest is that service, not the root
        parts.pop()  # src/cartservice/src holds the project; the service is cartservice
    return "/".join(parts)


def _dockerfile_folder(d: Deployable, manifest_dirs: set[str]) -> str | None:
    """The code folder of a compose build's Dockerfile when it lies below the build context."""
    if d.dockerfile is None or d.context is None or "/" not in d.dockerfile:
        return None
    where = d.dockerfile.rsplit("/", 1)[0]
    if where == d.context or (d.context and not where.startswith(d.context + "/")):
        return None
    inner = _code_folder(where, manifest_dirs)
    return inner if inner and inner != d.context else None


def _procfile_processes(deps: list[Deployable]) -> dict[str, list[Deployable]]:
    """The long-lived processes each folder's Procfile (or app.json, heroku.yml) declares, once
    by name: a Procfile's, with its command, before the others'."""
    out: dict[str, list[Deployable]] = {}
    for d in sorted(deps, key=lambda d: d.file.rsplit("/", 1)[-1].lower() != "procfile"):
        if d.kind == "procfile" and d.context is not None:
            procs = out.setdefault(d.context, [])
            if all(p.name != d.name for p in procs):
                procs.append(d)
    return out


def _platform_services(
    out: Analysis,
    manifest_dirs: set[str],
    stock: _StockBuilds,
    services: dict[str, Service],
    covered: set[str],
    add: Callable[[Service], None],
) -> None:
    """Apps a platform's file deploys (fly.toml, render.yaml, azure.yaml): a stock image's app is
    a backing service; an app of code a container already builds is that service under another
    name; any other is a service named as the platform names it (its processes, when several)."""
    by_folder: dict[str, list[PlatformApp]] = defaultdict(list)
    built_at = {s.folder: s for s in services.values() if s.built}
    for app in platform_apps(out.all_paths, functools.partial(_read_text, out.root)):
        if _harness_file(app.file) or _dev_path(app.file):
            continue
        if app.image is not None:
            add(Service(app.name, app.kind, "", app.file, app.line, built=False, image=app.image))
            continue
        # the app's code: its own folder's, else the module above it (`fly.io/shop/fly.toml`)
        own = app.folder in manifest_dirs or stock.holds_code(app.folder)
        folder = app.folder if own else _manifest_of(app.folder, manifest_dirs)
        if folder is None:
            continue
        twin = built_at.get(folder)
        if twin is not None:
            if app.name != twin.name:
                twin.aliases = sorted({*twin.aliases, app.name})
            continue
        by_folder[folder].append(app)
    for folder, apps in sorted(by_folder.items()):
        procs = sorted({p for a in apps for p in a.processes})
        first = apps[0]
        if len(procs) > 1:
            for proc in procs:
                add(Service(proc, first.kind, folder, first.file, first.line))
        elif len({a.kind for a in apps}) == 1 and len(apps) > 1 and first.kind == "fly":
            # generations of one Fly app (`shop-2024-01-12`, `shop-2025-05-05`) are one service
            name = one_app_name([a.name for a in apps])
            for app in apps if name is None else [first]:
                aliases = sorted({a.name for a in apps} - {name or app.name})
                add(
                    Service(name or app.name, app.kind, folder, app.file, app.line, aliases=aliases)
                )
        else:
            for app in apps:
                add(Service(app.name, app.kind, folder, app.file, app.line))
        covered.add(folder)


def _renamed_images(deployables: Sequence[Deployable]) -> list[Deployable]:
    """Kubernetes workloads with the images their kustomizations rename them to."""
    renames = {d.name: d.image for d in deployables if d.kind == "kustomize-image" and d.image}
    if not renames:
        return list(deployables)
    return [
        dataclasses.replace(d, image=renames[d.image])
        if d.kind == "kubernetes" and d.image in renames
        else d
        for d in deployables
    ]


def _extended(deployables: Sequence[Deployable]) -> list[Deployable]:
    """Compose services with what the service they extend builds or runs filled in (`extends:
    {file: common.yml, service: app}` takes its build and image unless it sets its own)."""
    compose = {(d.file, d.name): d for d in deployables if d.kind == "compose"}
    for d in deployables:
        if d.kind == "compose":
            compose.update({(d.file, a): d for a in d.aliases if (d.file, a) not in compose})
    out: list[Deployable] = []
    for d in deployables:
        base, seen = d, {(d.file, d.name)}
        while (
            base.extends is not None
            and base.extends not in seen
            and (base is d or (base.context is None and base.image is None))
        ):
            seen.add(base.extends)
            nxt = compose.get(base.extends)
            if nxt is None:
                break
            base = nxt
        if base is not d and d.context is None and d.image is None:
            base = dataclasses.replace(
                d, context=base.context, dockerfile=base.dockerfile, image=base.image
            )
        else:
            base = d
        out.append(base)
    return out


# words of a compose service's name that make it a one-shot task (`init-migrate-seed`)
_TASK_WORDS = frozenset(
    {"migrate", "migration", "migrations", "migrator", "seed", "seeder", "init", "setup"}
)


def _compose_tasks(deps: Sequence[Deployable]) -> set[tuple[str, str]]:
    """Compose services named for a one-shot task that run the image or build another service
    of their file runs: that service's migration or seed, not a service of its own."""
    runs: dict[tuple[str, tuple[str | None, str | None, str | None]], int] = Counter()
    for d in deps:
        if d.kind == "compose":
            runs[(d.file, (d.image, d.context, d.dockerfile))] += 1
    return {
        (d.file, d.name)
        for d in deps
        if d.kind == "compose"
        and (d.image or d.context is not None)
        and runs[(d.file, (d.image, d.context, d.dockerfile))] > 1
        and set(re.split(r"[_\-.]", d.name.lower())) & _TASK_WORDS
    }


def _manifest_of(folder: str, manifest_dirs: set[str]) -> str | None:
    """The folder of the nearest manifest at or above folder (the module it belongs to)."""
    parts = folder.split("/") if folder else []
    for n in range(len(parts), -1, -1):
        if "/".join(parts[:n]) in manifest_dirs:
            return "/".join(parts[:n])
    return None


def _covering(folder: str, by_folder: dict[str, str]) -> str | None:
    """The name of the entry whose folder is folder or the nearest one above it."""
    parts = folder.split("/")
    for n in range(len(parts), 0, -1):
        name = by_folder.get("/".join(parts[:n]))
        if name is not None:
            return name
    return None


# what a product that runs beside the code is (its image or its server program): a dependency
_BACKING_KINDS = frozenset(
    {"database", "cache", "messaging", "search", "object_storage", "observability", "server"}
)


# ... of which a process a Procfile runs: a server program (Puma, Thruster) runs the app's code
_BACKING_PROCESSES = frozenset({"database", "cache", "messaging", "search", "object_storage"})


class _Backing:
    """Tells images and programs of backing products (postgres, redis-server) from the code's."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.seen: dict[tuple[str, str], bool] = {}

    def _is(self, kind: str, value: str, kinds: frozenset[str]) -> bool:
        key = (kind, value)
        if key not in self.seen:
            found = self.matcher.detect([Signal(kind, value, "", None)], [], {})
            self.seen[key] = any(d.category in kinds for d in found)
        return self.seen[key]

    def image(self, ref: str) -> bool:
        """ref is a backing product's image (`postgres:17`, `bitnami/redis`)."""
        return self._is("docker_image", image_name(ref), _BACKING_KINDS)

    def process(self, command: str) -> bool:
        """A Procfile command runs a backing product's server (`redis-server config/redis.conf`)."""
        first = next(commands(command), None)
        return first is not None and self._is("command", first[0], _BACKING_PROCESSES)


def _services(
    out: Analysis,
    manifests: dict[str, ManifestInfo],
    projects: set[str] | None,
    backing: _Backing | None = None,
) -> None:
    """Deployables named as their owners name them: compose service, skaffold image, Deployment,
    else the folder a Dockerfile builds (or the service its file name carries); the app itself
    when nothing covers the root."""
    manifest_dirs = {
        p.rsplit("/", 1)[0] if "/" in p else ""
        for p in out.all_paths
        if p.rsplit("/", 1)[-1].lower() in CODE_MANIFESTS or p.endswith((".csproj", ".fsproj"))
    }
    root_mod = manifests.get("go.mod")
    root_name = _owners_spelling(
        app_name(out.root.name, root_mod.go_module if root_mod else None), manifests
    )
    services: dict[str, Service] = {}
    # test rigs and samples deploy something, but not the system: left out with their backing
    rigs = _replica_rigs(out.deployables)
    bins = _Binaries(out, manifests, root_name)
    # ... but an example compose file that runs the owners' images of the tree's programs
    # (`configs/demo/docker-compose.yml` with `org/app-server`) shows how the system is deployed
    # beside the images it needs (what it builds from the example's folder stays a sample)
    examples = {
        d.file
        for d in out.deployables
        if d.kind == "compose"
        and d.context is None
        and d.image
        and _example_file(d.file)
        and bins.owns(d.image)
        and bins.folder(d.image) is not None
    }
    # ... and a developer's container (a dev-container compose file) is where the team works,
    # not what the system runs on
    deps = sorted(
        (
            d
            for d in _extended(_renamed_images(out.deployables))
            if (not _harness(d) or (d.file in examples and d.context is None))
            and d.file not in rigs
            and not _dev_path(d.file)
        ),
        key=lambda d: (d.file, d.line or 0),
    )
    files = set(out.all_paths)
    deps = [_default_dockerfile(d, files) for d in deps]
    stock = _StockBuilds(out, manifest_dirs, backing)
    dockerfiles: dict[str, Deployable] = {}
    # code folders a Dockerfile named for them builds (`zarf/docker/dockerfile.sales` builds
    # `api/services/sales`): their name is the service's, wherever the Dockerfile is kept
    named: dict[str, str] = {}
    # the binary a Dockerfile's image runs (`ENTRYPOINT ["/bin/app-server"]`) is the one it builds
    programs: dict[str, str] = {}
    by_program: set[str] = set()
    builds: dict[str, Deployable] = {}
    for d in deps:
        if d.kind == "dockerfile" and d.context is not None and not _dev_path(d.file):
            program = entry_program(_read_text(out.root, d.file) or "")
            if program == "" and bins.by_name:
                by_program.add(d.file)  # a shell to build the programs in, not one of them
                continue
            target = bins.folder(program) if program else None
            if program is None or target is None or _names_other(d.file, program):
                continue
            by_program.add(d.file)  # one of the builds of that program (alpine, multiarch)
            if target not in programs and not _client_program(program):
                builds[target] = d
                programs[target] = program
    if len(programs) > 1:
        # several programs, each with its image: those are the services, not their module
        for target, d in builds.items():
            if target not in named:
                dockerfiles[target] = d
                named[target] = programs[target]
    else:
        programs.clear()  # one program is the module's own app, named as before
        by_program = {f for f in by_program if f not in {d.file for d in builds.values()}}
    for d in deps:
        if d.kind == "dockerfile" and d.context is not None:
            if d.file in by_program:
                continue
            label = dockerfile_label(d.file) if not _dev_path(d.file) else None
            target = stock.named_folder(label, d.file) if label else None
            if target is not None:
                if target not in named:
                    dockerfiles[target] = d
                    named[target] = label or ""
                continue
            folder = _code_folder(d.context, manifest_dirs)
            if folder is not None:
                dockerfiles.setdefault(folder, d)
    by_last = {(f.rsplit("/", 1)[-1] if f else root_name): f for f in dockerfiles}
    root_runs = _root_runs_code(out, projects)
    published = _published_images(by_last, root_name, root_runs)

    def add(svc: Service) -> None:
        old = services.get(svc.name)
        if old is None:
            services[svc.name] = svc
        elif svc.built and not old.built:
            svc.absorb(old)
            services[svc.name] = svc
        else:
            old.absorb(svc)

    by_image_name = stock.modules
    # programs of the tree that compose runs from the owners' images (their module is not an app)
    run_programs: set[str] = set()
    # a settings file several services read (`env_file: .env` for all) says nothing of which
    # one calls what: only a service's own file is read for its addresses
    env_users = Counter(f for d in deps if d.kind == "compose" for f in d.env_files)
    shared_env = {f for f, n in env_users.items() if n > 1}
    # a compose service others wait on to exit (a migration, a seed) is a task of theirs
    one_shot = {
        (d.file, name) for d in deps if d.kind == "compose" for name in d.completed
    } | _compose_tasks(deps)
    # ... and one services of other files extend (`common.yml`'s `node-base`) is their template
    templates = {d.extends for d in deps if d.extends is not None and d.extends[0] != d.file}
    for d in deps:
        if (
            d.kind == "compose"
            and (d.file, d.name) not in one_shot
            and (d.file, d.name) not in templates
        ):
            folder = d.context
            if folder is not None and folder not in manifest_dirs:
                mounted = _mounted_code(d, manifest_dirs)
                if mounted is None:
                    # a bare runtime build that works in a folder of the tree it mounts
                    # (`./internal:/internal`, `working_dir: /internal/trainer`) runs that code
                    mounted = _working_code(d, manifest_dirs)
                folder = mounted if mounted is not None else folder
            if folder is None and d.image:
                # an image the repository's own build tool makes from one of its modules, or
                # one its owners publish from a Dockerfile of the tree (`org/<repo>:latest`)
                folder = by_image_name.get(_image_name(d.image))
                if folder is None:
                    folder = _own_image(d.image, published)
                if folder is None and bins.owns(d.image):
                    # the owners' image of one of the tree's binaries (`org/app-server` runs
                    # cmd/server), run by an example deployment
                    folder = bins.folder(d.image)
                    if folder is not None:
                        run_programs.add(folder)
            inner = _dockerfile_folder(d, manifest_dirs)
            if inner is not None and folder == d.context:
                # `context: ../..` with `dockerfile: src/Services/Booking/Dockerfile`: the context
                # is the whole tree so that shared code can be copied; the service is the folder
                # its Dockerfile lives in
                folder = inner
            base = stock.image(d.dockerfile, d.context) if folder == d.context else None
            if base is None and folder is not None and folder == d.context:
                # a folder that only packages what the build made (`COPY jar/gateway.jar`): the
                # service's code is the module that builds that artifact
                own = d.dockerfile or (f"{d.context}/Dockerfile" if d.context else "Dockerfile")
                folder = _artifact_module(out.root, own, by_image_name) or folder
            add(
                Service(
                    d.name,
                    "compose",
                    folder or "",
                    d.file,
                    d.line,
                    built=folder is not None and base is None,
                    image=base or d.image,
                    links=[x for x in d.links if (d.file, x) not in one_shot],
                    env_values=[*d.env_values, *_env_file_values(out.root, d, shared_env)],
                    aliases=list(d.aliases),
                    ports=list(d.ports),
                    mounts=_mounted_files(d, files),
                )
            )
    for d in deps:
        if d.kind == "skaffold" and d.context is not None:
            # a skaffold artifact of the folder a compose service builds is that service, one
            # deployable unit under the name compose gives it (the one other services call)
            twin = next(
                (
                    s
                    for s in services.values()
                    if s.built and s.kind == "compose" and s.folder == d.context
                ),
                None,
            )
            if twin is not None:
                twin.aliases = sorted({*twin.aliases, d.name})
                continue
            add(Service(d.name, "skaffold", d.context, d.file, d.line, image=d.image))
    # an Aspire project that a compose service also builds is that service, under its compose name
    built_folders = {
        s.folder: s.name for s in services.values() if s.kind == "compose" and s.built and s.folder
    }
    renamed: dict[str, str] = {}
    for dec in aspire_services(out.all_paths, functools.partial(_read_text, out.root)):
        joined = _covering(dec.folder, built_folders) if dec.folder else None
        if joined is not None and joined != dec.name:
            renamed[dec.name] = joined
        add(
            Service(
                joined or dec.name,
                dec.kind,
                dec.folder or "",
                dec.file,
                dec.line,
                built=dec.folder is not None,
                links=dec.links,
            )
        )
    if renamed:
        for svc in services.values():
            svc.links = sorted({renamed.get(x, x) for x in svc.links} - {svc.name})
    built_by_image = {s.image: s for s in services.values() if s.built and s.image}
    # an image the tree runs as a long-lived workload: a Job or CronJob of it is its task
    long_lived = {s.image for s in services.values() if s.built and s.image} | {
        d.image for d in deps if d.kind in _WORKLOADS and d.workload not in _TASKS and d.image
    }
    settings = _ConfigRefs(deps)
    sidecars = {(d.file, d.name): d for d in deps if d.workload == "sidecar"}
    for d in deps:
        if d.kind not in _WORKLOADS:
            continue
        if d.workload == "sidecar":
            if d.name not in services:  # another container of a pod: what the app runs beside it
                add(Service(d.name, "kubernetes", "", d.file, d.line, built=False, image=d.image))
            continue
        if d.workload in _TASKS and d.image in long_lived:
            continue
        env = settings.resolve(d.env_values, d.file)
        pod = [sidecars[(d.file, n)] for n in d.pod if (d.file, n) in sidecars]
        links = sorted({*_pod_links(env, pod), *d.links})
        last = (d.image or "").rsplit("/", 1)[-1]
        twin = services.get(d.name) or built_by_image.get(last)
        if twin is not None and twin.built:
            twin.env_values += env
            twin.links = sorted({*twin.links, *links})
            continue
        folder = by_last.get(last) if last else None
        if folder is None:
            folder = by_last.get(d.name)
        if folder is None and d.image:
            # an image the repository's own build tool makes from one of its modules, as in compose
            folder = by_image_name.get(_image_name(d.image))
        if folder is None:
            # the one Dockerfile below a folder of the workload's name (customer-service's image
            # is built in customer-service/customer-service-main)
            below = [f for f in dockerfiles if d.name in f.split("/")]
            folder = below[0] if len(below) == 1 else None
        base = None
        if folder is not None and folder in dockerfiles and folder not in named:
            # a stock image with plugins or configuration added runs none of our code
            base = stock.image(dockerfiles[folder].file, dockerfiles[folder].context)
        add(
            Service(
                d.name,
                d.kind,
                folder or "" if base is None else "",
                d.file,
                d.line,
                built=folder is not None and base is None,
                image=base or d.image,
                links=links,
                env_values=env,
            )
        )
    _merge_variants(services)
    covered = {s.folder for s in services.values() if s.built}
    # a folder only a test or load rig builds (docker-compose-load.yaml's load-gen) is the rig's
    # ... and one only a one-shot task builds (a migration's image) is the task's
    rig_built = {
        _code_folder(d.context, manifest_dirs)
        for d in out.deployables
        if d.kind == "compose" and d.context is not None and _harness(d)
    } | {
        _dockerfile_folder(d, manifest_dirs) or _code_folder(d.context, manifest_dirs)
        for d in deps
        if d.kind == "compose" and d.context is not None and (d.file, d.name) in one_shot
    }
    # a folder a compose service builds is that service, whatever its image runs
    composed = {d.context for d in deps if d.kind == "compose" and d.context is not None}
    for folder, d in sorted(dockerfiles.items()):
        if folder in covered or folder in rig_built or _orphan_module(files, folder, projects):
            continue
        if d.context in composed and folder not in named:
            continue
        if _variant_build(d.file, files):
            continue
        if not folder and covered and not root_runs:
            continue  # one Dockerfile a parent build uses for every module's image
        name = programs.get(folder) or (folder.rsplit("/", 1)[-1] if folder else root_name)
        if name in services and services[name].built:
            continue
        if folder not in named and folder not in manifest_dirs:
            # a Dockerfile that packages a module's artifact (`ADD app-1.0.jar`) builds that module
            module = _artifact_module(out.root, d.file, by_image_name)
            if module is not None and module in covered:
                continue
            if module is not None:
                add(Service(module.rsplit("/", 1)[-1], "dockerfile", module, d.file, 1))
                covered.add(module)
                continue
        base = stock.image(d.file, d.context) if folder not in named else None
        if base is not None:  # a stock image with configuration copied in runs no code of ours
            add(Service(name, "dockerfile", "", d.file, 1, built=False, image=base))
            continue
        add(Service(name, "dockerfile", folder, d.file, 1))
        covered.add(folder)
    _platform_services(out, manifest_dirs, stock, services, covered, add)
    procfiles: dict[str, list[Deployable]] = {}
    for folder, procs in _procfile_processes(deps).items():
        for d in procs:
            if backing is not None and backing.process(d.command or ""):
                # a backing product's server the app runs beside it (`redis-server`)
                add(Service(d.name, "procfile", "", d.file, d.line, built=False))
            elif not watch_process(d.command or ""):  # not a developer's asset rebuild loop
                procfiles.setdefault(folder, []).append(d)
    # folders whose Procfile runs no `web` process: the app's own server is a service beside them
    headless: set[str] = set()
    if not covered:
        # no container builds anything: a Procfile's long-lived processes (web, worker) are the
        # services of a platform that runs them (Heroku, Dokku), when it declares more than one
        for folder, procs in procfiles.items():
            if len(procs) > 1:
                for d in procs:
                    add(Service(d.name, "procfile", folder, d.file, d.line))
                covered.add(folder)
                if not any(d.name.lower() == "web" for d in procs):
                    headless.add(folder)
    else:
        # the image one Dockerfile builds is the web process; the other processes its folder's
        # Procfile declares (a queue worker) run the same code as services of their own
        imaged = {s.folder for s in services.values() if s.built and s.kind == "dockerfile"}
        for folder, procs in procfiles.items():
            if folder in imaged and len(procs) > 1:
                for d in procs:
                    if d.name.lower() != "web" and d.name not in services:
                        add(Service(d.name, "procfile", folder, d.file, d.line))
    if not covered:
        # no container builds anything: a .NET tree's web and worker projects, when there are
        # two or more, are deployed one by one (an App Service or a VM each)
        apps = [
            dec
            for dec in dotnet_apps(out.all_paths, functools.partial(_read_text, out.root))
            if dec.folder is not None
            and not is_test_path(dec.file)
            and not _in_sample(dec.folder.split("/"))
        ]
        if len(apps) > 1:
            for dec in apps:
                add(Service(dec.name, dec.kind, dec.folder or "", dec.file, dec.line))
                covered.add(dec.folder or "")
    if not covered:
        # no container builds anything: the workspace members that run as servers are the services
        for dec in workspace_apps(out.all_paths, functools.partial(_read_text, out.root)):
            if dec.name not in services and dec.folder is not None:
                add(Service(dec.name, dec.kind, dec.folder, dec.file, dec.line))
                covered.add(dec.folder)
    if covered:
        # a platform deploys a workspace app from its folder (a Next.js site with its
        # vercel.json) beside what containers build: that app is a service of its own too
        for dec in workspace_apps(
            out.all_paths, functools.partial(_read_text, out.root), deployed=True
        ):
            if dec.name in services or dec.folder is None or dec.folder in covered:
                continue
            if _in_sample(dec.folder.split("/")):
                continue  # a documentation site deployed the same way is not the system
            add(Service(dec.name, dec.kind, dec.folder, dec.file, dec.line))
            covered.add(dec.folder)
    # the root module whose code Dockerfiles named for its services build (one Go module with
    # `dockerfile.sales` and `dockerfile.auth`) is built by them, not a service of its own
    root_built = any(
        _manifest_of(f, manifest_dirs) == "" for f in {*named, *run_programs} if f in covered
    )
    if ("" not in covered or "" in headless) and (not covered or root_runs) and not root_built:
        add(Service(root_name, "root", "", ".", None))
    _fold_named_variants(services)
    _image_settings(services, deps, dockerfiles)
    _chart_settings(services, deps, files)
    out.services = sorted(services.values(), key=lambda s: (not s.built, s.folder, s.name))
    _service_edges(out)


def _artifact_module(root: Path, dockerfile: str, modules: dict[str, str]) -> str | None:
    """The module whose artifact a Dockerfile copies in (`ruoyi-gateway.jar` is the module
    whose artifactId or folder is ruoyi-gateway), or None."""
    text = _read_text(root, dockerfile)
    names = [a.lower() for a in artifacts((text or "").splitlines())]
    found = {modules[a] for a in names if a in modules}
    return found.pop() if len(found) == 1 else None


def _names_other(dockerfile: str, program: str) -> bool:
    """The Dockerfile's own name names something else than the program its image runs
    (`private-location.Dockerfile` running `private`): then its name says what it is."""
    label = dockerfile_label(dockerfile)
    return label is not None and not all(w in program.lower() for w in label.split("-"))


def _client_program(name: str) -> bool:
    """A command-line client of the system (`app-cli`, `kubectl`), not a service of it."""
    return "cli" in re.split(r"[._\-]", name.lower()) or name.lower().endswith("ctl")


def _binary(path: str) -> tuple[str, str] | None:
    """(program, code folder) of a file that is a program's entry: Go's `cmd/<name>/*.go` (its
    folder), Rust's `src/bin/<name>.rs` or `src/bin/<name>/main.rs` (its crate's folder)."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[-3] == "cmd" and path.endswith(".go"):
        return parts[-2], "/".join(parts[:-1])
    if len(parts) >= 3 and parts[-3:-1] == ["src", "bin"] and path.endswith(".rs"):
        return parts[-1][:-3], "/".join(parts[:-3])
    if len(parts) >= 4 and parts[-4:-2] == ["src", "bin"] and parts[-1] == "main.rs":
        return parts[-2], "/".join(parts[:-4])
    return None


class _Binaries:
    """The programs the tree builds, by name -> folder: Go's `cmd/<name>/`, Rust's
    `src/bin/<name>.rs` and `[[bin]]` tables; and the project's own names an image or program
    carries as a prefix (`woodpecker-server` is the `server` binary of woodpecker)."""

    def __init__(self, out: Analysis, manifests: dict[str, ManifestInfo], root_name: str) -> None:
        self.by_name: dict[str, str] = {}
        for p in out.all_paths:
            found = _binary(p)
            if found is not None and not is_test_path(p) and not _in_sample(p.split("/")[:-1]):
                self.by_name.setdefault(_plain(found[0]), found[1])
        for path, info in manifests.items():
            # a Cargo.toml's [[bin]] tables name programs whose sources sit anywhere in the crate
            crate = path.rsplit("/", 1)[0] if "/" in path else ""
            if info.bins and not is_test_path(path) and not _in_sample(crate.split("/")):
                for program in info.bins:
                    self.by_name.setdefault(_plain(program), crate)
        names = {_plain(root_name)}
        for path, info in manifests.items():
            if "/" in path:
                continue  # the project's own manifest is at the root
            if info.go_module:
                tail = [w for w in info.go_module.split("/") if not re.fullmatch(r"v\d+", w)]
                if tail:
                    names.add(_plain(tail[-1]))
            if info.crate:
                names.add(_plain(info.crate))
        self.owners = sorted((n for n in names if len(n) >= 3), key=len, reverse=True)

    def folder(self, ref: str) -> str | None:
        """The folder of the binary an image or a program is named for, or None."""
        if not self.by_name:
            return None
        name = _plain(_image_name(ref))
        found = self.by_name.get(name)
        for owner in self.owners:
            if found is None and name.startswith(owner + "-"):
                found = self.by_name.get(name[len(owner) + 1 :])
        return found

    def owns(self, image: str) -> bool:
        """image is published under the project's name (`acme/x`, `acmeci/acme-x`)."""
        if not self.by_name:
            return False
        ref = image.split("@", 1)[0].split(":", 1)[0].lower()
        namespace = _plain(ref.rsplit("/", 2)[-2]) if "/" in ref else ""
        name = _plain(_image_name(image))
        return any(o in namespace or name.startswith(o + "-") for o in self.owners)


def _default_dockerfile(d: Deployable, files: set[str]) -> Deployable:
    """A compose build without a `dockerfile:` with the file Docker falls back to when its
    context has no `Dockerfile` (a lower-case `dockerfile`)."""
    if d.kind != "compose" or d.context is None or d.dockerfile is not None:
        return d
    plain = f"{d.context}/Dockerfile" if d.context else "Dockerfile"
    lower = f"{d.context}/dockerfile" if d.context else "dockerfile"
    if plain in files or lower not in files:
        return d
    return dataclasses.replace(d, dockerfile=lower)


def _image_settings(
    services: dict[str, Service], deps: Sequence[Deployable], dockerfiles: dict[str, Deployable]
) -> None:
    """A built service also has the settings its image is built with (`ENV CART_HOST=cart`),
    unless its deployment sets the same name."""
    by_file = {d.file: d for d in deps if d.kind == "dockerfile"}
    named = {
        d.name: d.dockerfile or (f"{d.context}/Dockerfile" if d.context else "Dockerfile")
        for d in deps
        if d.kind == "compose" and d.context is not None
    }
    for svc in services.values():
        if not svc.built:
            continue
        image = by_file.get(named.get(svc.name, "")) or (
            by_file.get(svc.file) if svc.kind == "dockerfile" else dockerfiles.get(svc.folder)
        )
        if image is None or not image.env_values:
            continue
        have = {v.partition("=")[0] for v in svc.env_values}
        svc.env_values += [v for v in image.env_values if v.partition("=")[0] not in have]


def _chart_settings(
    services: dict[str, Service], deps: Sequence[Deployable], files: set[str]
) -> None:
    """A Helm chart's values section named like a service holds that service's settings
    (`web: {env: {CATALOGUE_URL: http://catalogue:8080}}`)."""
    by_name = {a: s for s in services.values() for a in (s.name, *s.aliases)}
    for d in deps:
        if d.kind != "values":
            continue
        folder = d.file.rsplit("/", 1)[0] if "/" in d.file else ""
        if not (
            {f"{folder}/Chart.yaml", f"{folder}/Chart.yml"} & files
            or (not folder and {"Chart.yaml", "Chart.yml"} & files)
        ):
            continue  # not a chart's values
        svc = by_name.get(d.name)
        if svc is not None:
            svc.env_values += list(d.env_values)


class _ConfigRefs:
    """ConfigMaps and Secrets of the tree, to resolve the settings workloads take from them."""

    def __init__(self, deps: Sequence[Deployable]) -> None:
        # a name may be defined in several folders (a variant in extras/, an overlay): each
        # definition is kept with its file, and a workload reads the one nearest to it
        self.data: dict[str, list[tuple[str, dict[str, str]]]] = {}
        for d in deps:
            if d.kind == "config":
                entries: dict[str, str] = {}
                for item in d.env_values:
                    key, _, value = item.partition("=")
                    entries.setdefault(key, value)
                self.data.setdefault(d.name, []).append((d.file, entries))

    def _nearest(self, name: str, file: str) -> dict[str, str]:
        """The definition of name in file, else in the folder sharing most of file's path."""
        found = self.data.get(name, [])
        if not found:
            return {}
        here = file.split("/")

        def shared(other: str) -> tuple[int, int]:
            there = other.split("/")
            n = 0
            for a, b in zip(here[:-1], there[:-1], strict=False):
                if a != b:
                    break
                n += 1
            return (other == file, n)

        # max keeps the first of equals: the tree's order breaks a tie, as before
        return max(found, key=lambda f: shared(f[0]))[1]

    def resolve(self, values: Sequence[str], file: str = "") -> list[str]:
        """`DB=${ref:sql-config/url}` -> `DB=<its value>`; `${ref:cm}` -> every entry of cm."""
        out: list[str] = []
        for item in values:
            name, _, value = item.partition("=")
            m = REF.fullmatch(value)
            if m is None:
                out.append(item)
                continue
            entries = self._nearest(m.group(1), file)
            if m.group(2) is None:
                out += [f"{k}={v}" for k, v in entries.items()]
            elif m.group(2) in entries:
                out.append(f"{name}={entries[m.group(2)]}")
        return out


def _pod_links(env: Sequence[str], pod: Sequence[Deployable]) -> list[str]:
    """Containers of the same pod the app reaches at localhost (at their port, or any port)."""
    if not pod:
        return []
    ports: set[str | None] = set()
    for v in env:
        if _host(v) in _LOCAL_HOSTS or _port(v) is not None:
            scheme = re.match(r"[^=]*=\s*[\"']?([a-z][\w+.\-]*)://", v)
            ports.add(_port(v) or _SCHEME_PORTS.get(scheme.group(1) if scheme else ""))
    return sorted(c.name for c in pod if None in ports or ports & set(c.ports))


# the port a URL without one means (IANA registrations)
_SCHEME_PORTS = {
    "http": "80",
    "https": "443",
    "postgres": "5432",
    "postgresql": "5432",
    "mysql": "3306",
    "mariadb": "3306",
    "redis": "6379",
    "mongodb": "27017",
    "amqp": "5672",
    "nats": "4222",
}


def _replica_rigs(deployables: Sequence[Deployable]) -> set[str]:
    """Compose files that run several instances of one build another compose file runs once
    (five federated copies of the server for its tests): a rig, not the system."""
    # roles of one image (server, worker, scheduler) run it with different commands
    # ... and stages of one Dockerfile (`target: backend`, `target: web`) are different images
    builds: dict[str, Counter[tuple[str, str | None, str | None, str | None]]] = defaultdict(
        Counter
    )
    for d in deployables:
        if d.kind == "compose" and d.context is not None:
            builds[d.file][(d.context, d.dockerfile, d.command, d.target)] += 1
    once = {b for counts in builds.values() for b, n in counts.items() if n == 1}
    return {
        f for f, counts in builds.items() if any(n > 1 and b in once for b, n in counts.items())
    }


def _mounted_files(d: Deployable, files: set[str]) -> list[str]:
    """Files of the tree a compose service mounts (`./nginx.conf:/etc/nginx/nginx.conf:ro`)."""
    return [path for path in _mounted_paths(d) if path in files]


# a host named in a configuration file: `http://api:8080`, `postgres://u:p@db/x`, `server api:80;`
_CONFIG_HOST = re.compile(
    r"[a-z][\w+.\-]*://(?:[^@/\s\"']*@)?([a-z][\w\-]*)|(?<![\w.\-/:@])([a-z][\w\-]*):\d{2,5}\b",
    re.I,
)


# words that make a name a variant of another (`app-old`, `docker-classic`, `aio-no-db`)
_VARIANT_WORDS = frozenset({"old", "legacy", "classic", "deprecated", "previous", "prev"})
_WITHOUT_WORDS = frozenset({"no", "without"})


def _variant_base(name: str) -> str | None:
    """The name a variant's name is made from (`hoppy-old-app` -> `hoppy-app`, `app-no-db` ->
    `app`), or None when the name is no variant's."""
    words = [w for w in re.split(r"[_\-.]", name) if w]
    kept: list[str] = []
    skip = False
    for i, w in enumerate(words):
        if skip:
            skip = False
            continue
        if w.lower() in _VARIANT_WORDS:
            continue
        if w.lower() in _WITHOUT_WORDS and i + 1 < len(words):
            skip = True
            continue
        kept.append(w)
    if not kept or len(kept) == len(words):
        return None
    return "-".join(kept)


def _fold_named_variants(services: dict[str, Service]) -> None:
    """A built service named as a variant of another built one (`app-old` beside `app`, a
    `web-no-db` beside `web`) is another way to deploy it: one service, the variant an alias."""
    plain = {_plain(s.name): s for s in services.values() if s.built}
    for name, svc in list(services.items()):
        base = _variant_base(name) if svc.built else None
        keep = plain.get(_plain(base)) if base is not None else None
        if keep is None or keep is svc:
            continue
        del services[name]
        keep.absorb(svc)
        keep.aliases = sorted({*keep.aliases, name} - {keep.name})


def _variant_build(dockerfile: str, files: set[str]) -> bool:
    """A Dockerfile in a folder named as a variant of a sibling folder that has its own
    (`docker-classic/Dockerfile` beside `docker/Dockerfile`): another build of the same image."""
    folder, _, base = dockerfile.rpartition("/")
    parent, _, last = folder.rpartition("/")
    other = _variant_base(last) if folder else None
    if other is None:
        return False
    sibling = f"{parent}/{other}" if parent else other
    return f"{sibling}/{base}" in files or f"{sibling}/Dockerfile" in files


def _merge_variants(services: dict[str, Service]) -> None:
    """Builds of one folder and image named `x-java25`, `x-native` beside `x` (or beside the image
    name they all extend), each declared in its own file, are variants of one service, named x."""
    groups: dict[tuple[str, str], list[Service]] = defaultdict(list)
    for s in services.values():
        if s.built and s.image:
            groups[(s.folder, _image_name(s.image))].append(s)
    for (_, image), group in groups.items():
        if len({s.file for s in group}) < len(group):
            continue  # `api` and `api-worker` in one file are roles of an image, not variants
        names = sorted({s.name for s in group}, key=len)
        base: str | None = names[0]
        if not all(n.startswith(f"{base}-") for n in names[1:]):
            base = image if all(n.startswith(f"{image}-") for n in names) else None
        if base is None or (base in services and services[base] not in group):
            continue
        variants = [s for s in group if s.name != base]
        if not variants:
            continue
        keep = services.get(base)
        if keep is None:
            keep = variants.pop(0)
            del services[keep.name]
            keep.aliases = sorted({*keep.aliases, keep.name})
            keep.name = base
            services[base] = keep
        for v in variants:
            del services[v.name]
            keep.absorb(v)
            keep.aliases = sorted({*keep.aliases, v.name})


_TASKS = frozenset({"Job", "CronJob"})
# orchestrators' workloads, each a container of an image with its environment
_WORKLOADS = frozenset({"kubernetes", "ecs"})
# file-name words of a deployment file or Dockerfile that runs tests (docker-compose.test.yml,
# Dockerfile.playwright, e2e.Dockerfile): `sut` in a test compose file is the system under test
_HARNESS_WORDS = frozenset(
    {
        "test",
        "tests",
        "testing",
        "e2e",
        "integration",
        "playwright",
        "cypress",
        "selenium",
        # load tests (docker-compose-load.yaml, locust.Dockerfile, k6/)
        "load",
        "loadtest",
        "locust",
        "k6",
    }
)


# words of a folder's name that make it a rig's (`load-generator`, `e2e_tests`); not
# `integration`, which names services too (`payment-integration`)
_HARNESS_FOLDER_WORDS = _HARNESS_WORDS - {"integration"}


def _harness_folder(name: str) -> bool:
    lower = name.lower()
    return lower in _HARNESS_WORDS or bool(set(re.split(r"[_\-]", lower)) & _HARNESS_FOLDER_WORDS)


def _harness_file(path: str) -> bool:
    """True for a file of a test rig or a sample: in such a folder, or named for tests."""
    parts = path.split("/")
    if _in_sample(parts[:-1]) or any(_harness_folder(p) for p in parts[:-1]):
        return True
    return bool(set(re.split(r"[._\-]", parts[-1].lower())) & _HARNESS_WORDS)


# compose profiles of tooling run on demand (`docker compose --profile cli run ...`) or by hand
# (`manual`: "should not be run as a background daemon"), not the system
_TOOL_PROFILES = frozenset(
    {
        *("test", "tests", "testing", "e2e", "debug", "tools", "tooling", "cli", "lint", "docs"),
        *("ci", "manual", "adhoc", "ad-hoc", "oneoff", "one-off"),
    }
)


def _example_file(path: str) -> bool:
    """A file of an example or demo folder that is no test rig's."""
    parts = path.split("/")
    if not _in_sample(parts[:-1]) or any(_harness_folder(p) for p in parts[:-1]):
        return False
    return not set(re.split(r"[._\-]", parts[-1].lower())) & _HARNESS_WORDS


def _harness(d: Deployable) -> bool:
    """A deployable of tests or samples: its file, its build folder or its Dockerfile says so."""
    if d.kind == "compose" and d.file.lower().endswith((".md", ".mdx")):
        return False  # the deployment an installation guide documents, wherever the docs live
    if d.profiles and all(p.lower() in _TOOL_PROFILES for p in d.profiles):
        return True
    if _harness_file(d.file):
        return True
    if d.context is not None and d.context and _harness_file(d.context + "/x"):
        return True
    return d.dockerfile is not None and _harness_file(d.dockerfile)


# files that configure a stock image rather than run code of the tree
_CONFIG_LANGUAGES = _NOT_CODE - {"HTML", "CSS"} | {"SQL", "Shell", "Dockerfile", "Template"}


class _StockBuilds:
    """Builds that only configure a stock image (`FROM grafana/grafana` + `ADD dashboards`)."""

    def __init__(
        self, out: Analysis, manifest_dirs: set[str], backing: _Backing | None = None
    ) -> None:
        self.out = out
        self.manifest_dirs = manifest_dirs
        self.backing = backing
        self.code_dirs: set[str] | None = None
        self.ci_text: str | None = None
        # what a JVM build could name its modules' artifacts (artifactId, folder) -> folder
        self.modules = _module_images(out, manifest_dirs)

    def named_folder(self, label: str, dockerfile: str) -> str | None:
        """The code folder a Dockerfile named for a service builds, or None."""
        self.holds_code("")
        assert self.code_dirs is not None
        text = _read_text(self.out.root, dockerfile) or ""
        return named_build_folder(label, text, self.code_dirs, self.manifest_dirs)

    def _published(self, context: str, dockerfile: str | None) -> bool:
        """A CI pipeline builds this folder or Dockerfile (`context: grafana`): an image the
        owners ship under their own name, not configuration for a stock image."""
        if self.ci_text is None:
            texts = (_read_text(self.out.root, p) for p in self.out.all_paths if is_ci_file(p))
            self.ci_text = "\n".join(t for t in texts if t)
        wanted = {context, f"./{context}"} | (
            {dockerfile, f"./{dockerfile}"} if dockerfile else set()
        )
        pattern = (
            r"(?:context|file|dockerfile)[:=\s]+[\"']?("
            + "|".join(re.escape(w) for w in sorted(wanted))
            + r")/?[\"']?\s*$"
        )
        return re.search(pattern, self.ci_text, re.M | re.I) is not None

    def holds_code(self, folder: str) -> bool:
        """folder holds code of the tree, or is a code file itself."""
        if self.code_dirs is None:
            self.code_dirs = set()
            for f in self.out.files:
                if f.language not in _CONFIG_LANGUAGES:
                    parts = f.path.split("/")
                    for i in range(len(parts) + 1):
                        self.code_dirs.add("/".join(parts[:i]))
        return folder in self.code_dirs

    def _copies_code(self, context: str, lines: list[str]) -> bool:
        """A COPY or ADD of the build takes code of the tree (`COPY . .`, `COPY src/ /app`)."""
        for line in lines:
            m = _COPY_LINE.match(line)
            if m is None:
                continue
            words = [w.strip("\"',[]") for w in line[m.end() :].split()]
            if any(w.startswith("--from") for w in words):
                continue  # files of another stage or image
            if words and _SEED_FOLDER in words[-1]:
                continue  # scripts a stock database image runs once to seed itself
            sources = [w for w in words if w and not w.startswith("--")][:-1]
            for src in sources:
                if "$" in src or "*" in src:
                    return True  # a source we cannot follow may be anything
                path = _join(context, src.rstrip("/")) if src not in (".", "./") else context
                if self.holds_code(path):
                    return True
        return False

    def image(self, dockerfile: str | None, context: str | None) -> str | None:
        """The stock image a build only configures, or None when it builds code of the tree."""
        if context is None:
            return None
        text = _read_text(self.out.root, dockerfile or f"{context}/Dockerfile")
        if text is None:
            return None
        lines = text.splitlines()
        if self.holds_code(context) and self._copies_code(context, lines):
            return None
        if not context or context in self.manifest_dirs:
            # the root or a module's own folder: only a backing product's image with packages
            # added and nothing copied in (`FROM postgres:17` + an extension) is not its code
            if any(_COPY_LINE.match(line) for line in lines):
                return None
            return self._backing_base(lines)
        bases: list[str] = []
        stages: set[str] = set()
        for m in map(_FROM_LINE.match, lines):
            if m is None:
                continue
            if m.group(1).lower() not in stages:  # `FROM upstream AS app` builds on a stage
                bases.append(m.group(1))
            if m.group(2):
                stages.add(m.group(2).lower())
        if len(bases) != 1 or "$" in bases[0] or bases[0].lower() == "scratch":
            return None
        if self._published(context, dockerfile):
            return None  # an image the owners ship under their own name is their service
        if self._packages_build(lines):
            return None  # a runtime image with what the tree's build made copied in (a jar)
        # configuration copied in from the folder (a Dockerfile of one FROM is not a build),
        # or a backing product's image with packages added
        if not any(_COPY_LINE.match(line) for line in lines):
            return self._backing_base(lines)
        return image_name(bases[0])

    def _packages_build(self, lines: list[str]) -> bool:
        """The build copies in what the tree's own build makes: a folder of built files
        (`dist`), or a jar of one of its modules, or one the image runs (`java -jar app.jar`)."""
        runs = " ".join(line for line in lines if re.match(r"\s*(?:ENTRYPOINT|CMD)\b", line, re.I))
        for name in artifacts(lines):
            if name in _OUTPUT_FOLDERS or name.lower() in self.modules:
                return True
            if re.search(rf"(?<![\w\-]){re.escape(name)}(?:-[\w.\-]*)?\.[jwe]ar\b", runs):
                return True
        return False

    def _backing_base(self, lines: list[str]) -> str | None:
        """The one base image of a build when a backing product's (postgres, redis), else None."""
        if self.backing is None:
            return None
        bases = [m.group(1) for m in map(_FROM_LINE.match, lines) if m is not None]
        if len(bases) != 1 or "$" in bases[0] or not self.backing.image(bases[0]):
            return None
        return image_name(bases[0])


# what a build leaves for an image to copy: a JVM archive, or a folder of built files
_ARTIFACT_SUFFIXES = (".jar", ".war", ".ear")
_OUTPUT_FOLDERS = frozenset({"dist", "build", "target", "publish"})


def artifacts(lines: Sequence[str]) -> list[str]:
    """The build outputs a Dockerfile copies in (`COPY ./jar/app.jar /app.jar`, `COPY ./html/dist
    /srv`), by their names without version or suffix ('app', 'dist')."""
    out: list[str] = []
    for line in lines:
        m = _COPY_LINE.match(line)
        if m is None:
            continue
        words = [w.strip("\"',[]") for w in line[m.end() :].split()]
        for src in [w for w in words if w and not w.startswith("--")][:-1]:
            last = src.rstrip("/").rsplit("/", 1)[-1]
            if last.lower().endswith(_ARTIFACT_SUFFIXES) and "*" not in last:
                out.append(re.sub(r"-\d[\w.\-]*$", "", last.rsplit(".", 1)[0]))
            elif last.lower() in _OUTPUT_FOLDERS:
                out.append(last.lower())
    return out


# the folder official database images run seed scripts from, once, at first start
_SEED_FOLDER = "/docker-entrypoint-initdb.d"
_FROM_LINE = re.compile(r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", re.I)
_COPY_LINE = re.compile(r"^\s*(?:COPY|ADD)\s+(?!--from)", re.I)


def _read_text(root: Path, rel: str) -> str | None:
    """A small text file of the tree, or None when it cannot be read."""
    try:
        p = root / rel
        if p.stat().st_size > MAX_FILE_BYTES:
            return None
        return p.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _root_runs_code(out: Analysis, projects: set[str] | None) -> bool:
    """The root holds an app of its own, not only a parent build or tooling for its modules."""
    # a Maven aggregator (packaging pom) or a package.json without runtime dependencies is not
    for base in out.all_paths:
        if "/" in base or base.lower() not in CODE_MANIFESTS:
            continue
        if base == "pom.xml":
            text = _read_text(out.root, base) or ""
            if re.search(r"<packaging>\s*pom\s*</packaging>", text):
                continue
        elif base == "package.json":
            text = _read_text(out.root, base) or ""
            if '"dependencies"' not in text:
                continue
            if '"workspaces"' in text or "pnpm-workspace.yaml" in out.all_paths:
                continue  # a workspace's root: its members run, it holds their shared tooling
        elif base == "Cargo.toml":
            text = _read_text(out.root, base) or ""
            if not re.search(r"(?m)^\[package\]", text):
                continue  # a virtual workspace builds its members, it runs nothing itself
        elif base == "pyproject.toml":
            text = _read_text(out.root, base) or ""
            if not re.search(r"(?m)^\[(?:project|tool\.poetry)\]", text):
                continue  # tool settings and a uv workspace of members, no package of its own
        elif (
            base in _BUILD_FILES[1:]
            and projects is not None
            and not any(p.startswith("src/") for p in out.all_paths)
        ):
            continue  # a multi-project build's root configures its subprojects
        return True
    return False


_GRADLE_INCLUDE = re.compile(r"^\s*include(?:Build)?\b\s*\(?([^\n]*)", re.M)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def _gradle_projects(out: Analysis) -> set[str] | None:
    """Folders of the projects the root settings.gradle includes (parents of `a:b` too), or None
    when there is no such list or a project lives elsewhere (`projectDir`)."""
    settings = next(
        (p for p in ("settings.gradle", "settings.gradle.kts") if p in out.all_paths), None
    )
    text = _read_text(out.root, settings) if settings else None
    if not text or "projectDir" in text:
        return None
    folders: set[str] = set()
    for m in _GRADLE_INCLUDE.finditer(_C_COMMENT.sub("", text)):
        for name in _QUOTED.findall(m.group(1)):
            parts = [p for p in name.replace(":", "/").split("/") if p and p != "."]
            folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    return folders or None


_C_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def _unbuilt_modules(out: Analysis, projects: set[str] | None) -> frozenset[str]:
    """Gradle modules (folders with a build file) that the root settings do not include."""
    if projects is None:
        return frozenset()
    files = set(out.all_paths)
    folders = {
        p.rpartition("/")[0] for p in out.all_paths if p.rpartition("/")[2] in _BUILD_FILES[1:]
    }
    return frozenset(f for f in folders if _orphan_module(files, f, projects))


def _orphan_module(files: set[str], folder: str, projects: set[str] | None) -> bool:
    """A Gradle module the root build does not include: its Dockerfile is not built."""
    if projects is None or not folder or folder in projects or folder == "buildSrc":
        return False  # buildSrc is the build's own logic, always built
    if not any(f"{folder}/{b}" in files for b in _BUILD_FILES[1:]):
        return False
    return not any(f"{folder}/settings.gradle{k}" in files for k in ("", ".kts"))


def _published_images(by_last: dict[str, str], root_name: str, root_runs: bool) -> dict[str, str]:
    """Image names the owners would publish a build of the tree under -> its code folder: the
    folder a Dockerfile builds, and the repository's own name for the root."""
    out = {_plain(name): folder for name, folder in by_last.items()}
    if "" in by_last.values() or root_runs:
        out[_plain(root_name)] = ""
    return out


def _plain(name: str) -> str:
    return re.sub(r"[._]", "-", name.lower())


def _own_image(image: str, published: dict[str, str]) -> str | None:
    """The code folder of an image the repository publishes (`freikin/dawarich:latest`, run
    by compose without a build), or None. A folder's name counts only for an image under an
    owner's namespace (`postgres` beside a `postgres/` folder of seed scripts is the stock one)."""
    name = _plain(_image_name(image))
    folder = published.get(name)
    if folder is None or (folder and "/" not in image):
        return None
    return folder


def _image_name(image: str) -> str:
    """The repository part of an image reference: 'org/petclinic-api:1.0' -> 'petclinic-api'."""
    name = image.split("@", 1)[0].rsplit("/", 1)[-1]
    return name.split(":", 1)[0].lower()


_ARTIFACT = re.compile(r"<artifactId>\s*([\w.\-]+)\s*</artifactId>")
_BUILD_FILES = ("pom.xml", "build.gradle", "build.gradle.kts")


def _module_images(out: Analysis, manifest_dirs: set[str]) -> dict[str, str]:
    """Image names a JVM build could give its modules (folder name, Maven artifactId) -> folder."""
    found: dict[str, str] = {}
    for p in out.all_paths:
        folder, _, base = p.rpartition("/")
        if not folder or base not in _BUILD_FILES or folder not in manifest_dirs:
            continue
        found.setdefault(folder.rsplit("/", 1)[-1].lower(), folder)
        if base == "pom.xml":
            text = _read_text(out.root, p) or ""
            # the module's own artifactId follows its parent block
            body = text.split("</parent>", 1)[-1]
            m = _ARTIFACT.search(body)
            if m:
                found.setdefault(m.group(1).lower(), folder)
    return found


_VOLUME = re.compile(r"^(\.{1,2}(?:/[^:]*)?):")


def _mounted_paths(d: Deployable) -> Iterator[str]:
    """The tree's paths a compose service mounts (`./src:/app`), relative to the root."""
    compose_dir = d.file.rsplit("/", 1)[0] if "/" in d.file else ""
    for value in d.volumes:
        m = _VOLUME.match(value)
        if m:
            yield _join(compose_dir, m.group(1))


def _working_code(d: Deployable, manifest_dirs: set[str]) -> str | None:
    """The tree's folder a compose service's working_dir lies in, through a mount, when a
    manifest is there (`./internal:/internal` with `working_dir: /internal/trainer`)."""
    if not d.workdir:
        return None
    compose_dir = d.file.rsplit("/", 1)[0] if "/" in d.file else ""
    work = d.workdir.rstrip("/")
    for value in d.volumes:
        m = _VOLUME.match(value)
        if m is None:
            continue
        inside = value[m.end() :].split(":", 1)[0].rstrip("/")
        if inside and (work == inside or work.startswith(inside + "/")):
            host = _join(compose_dir, m.group(1))
            rest = work[len(inside) :].strip("/")
            folder = _join(host, rest) if rest else host
            if folder in manifest_dirs:
                return folder
    return None


def _env_file_values(root: Path, d: Deployable, shared: set[str]) -> list[str]:
    """NAME=value lines of a compose service's own env_file files (its `environment` wins)."""
    have = {v.partition("=")[0] for v in d.env_values}
    out: list[str] = []
    for path in d.env_files:
        if path in shared:
            continue
        for line in (_read_text(root, path) or "").splitlines():
            m = _ENV_SETTING.match(line)
            if m is not None and m.group(1) not in have:
                have.add(m.group(1))
                out.append(f"{m.group(1)}={m.group(2).strip().strip(chr(34) + chr(39))}")
    return out


_ENV_SETTING = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$")


def _mounted_code(d: Deployable, manifest_dirs: set[str]) -> str | None:
    """A compose service built from a bare runtime image runs the code its volume mounts."""
    return next((host for host in _mounted_paths(d) if host in manifest_dirs), None)


def _service_edges(out: Analysis) -> None:
    names = {s.name for s in out.services}
    edges: set[ServiceEdge] = set()
    # gRPC: a service calling a client of what another service registers as a server
    names_of = _owners(out)
    serves: dict[str, set[str]] = defaultdict(set)
    calls: dict[str, set[str]] = defaultdict(set)
    for sig in out.signals:
        if sig.kind == "grpc":
            role, _, rpc = sig.value.partition(":")
            for n in names_of(sig.file):
                if n is not None:
                    (serves if role == "server" else calls)[n].add(rpc)
    folder_of = {s.name: s.folder for s in out.services if s.built}
    for caller, rpcs in calls.items():
        for server, offered in serves.items():
            # services run from one folder share its code: its client calls its own server
            if server != caller and folder_of.get(server) != folder_of.get(caller):
                for rpc in sorted(rpcs & offered):
                    edges.add(ServiceEdge(caller, server, f"grpc {rpc}"))
    # a service is called by its name or by an alias (a compose key behind a network alias)
    called = {a: s.name for s in out.services for a in s.aliases if a not in names}
    called.update({n: n for n in names})
    publish: dict[str, set[str]] = defaultdict(set)
    for s in out.services:
        for p in s.ports:
            publish[p].add(s.name)
    on_port = {p: next(iter(owners)) for p, owners in publish.items() if len(owners) == 1}
    for s in out.services:
        for link in s.links:
            target = called.get(link)
            if target is not None and target != s.name:
                edges.add(ServiceEdge(s.name, target, "depends_on"))
        for value in s.env_values:
            host = _host(value)
            target = called.get(host) if host is not None else None
            if host in _LOCAL_HOSTS:
                # a page served to the browser calls another service at its published port
                target = on_port.get(_port(value) or "")
            if target is not None and target != s.name:
                edges.add(ServiceEdge(s.name, target, f"env {value.split('=', 1)[0]}"))
        for path in s.mounts:
            # a configuration file mounted into the container: proxy upstreams, connection URLs
            text = _read_text(out.root, path) or ""
            for m in _CONFIG_HOST.finditer(text):
                target = called.get(m.group(1) or m.group(2))
                if target is not None and target != s.name:
                    edges.add(ServiceEdge(s.name, target, f"config {path.rsplit('/', 1)[-1]}"))
    best: dict[tuple[str, str], ServiceEdge] = {}
    for e in sorted(edges, key=lambda e: (e.source, e.target, e.via != "depends_on", e.via)):
        best.setdefault((e.source, e.target), e)
    out.service_edges = list(best.values())


_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "host.docker.internal"})


def _port(setting: str) -> str | None:
    """The port of an address setting ('API=http://localhost:8082/x' -> '8082')."""
    m = re.search(r"(?:localhost|127\.0\.0\.1|host\.docker\.internal):(\d+)", setting)
    return m.group(1) if m else None


_ADDRESS_NAMES = ("HOST", "HOSTNAME", "ADDR", "ADDRESS", "SERVER", "URL", "URI", "ENDPOINT")


_CLUSTER_DNS = re.compile(r"([a-z][a-z0-9\-]*)\.[a-z0-9\-]+\.svc(?:\.cluster\.local)?\.?")


def _host(setting: str) -> str | None:
    """The host a NAME=VALUE setting points at: 'CART_ADDR=cart:7070', 'API_URL=http://api/x',
    'BROKER=amqp://u:p@rabbit:5672//', 'PGHOST=db' (a bare word only under an address name)."""
    name, _, value = setting.partition("=")
    v = value.strip().strip("\"'")
    scheme = "://" in v
    if scheme:
        v = v.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
    host = re.split(r"[:/]", v, maxsplit=1)[0]
    # a Kubernetes service's cluster name: `redis.default.svc.cluster.local`, `api.shop.svc`
    m = _CLUSTER_DNS.fullmatch(host)
    if m is not None:
        host = m.group(1)
    if not host or not re.fullmatch(r"[a-z][a-z0-9\-_]*", host):
        return None
    if v == host and not scheme and not name.upper().endswith(_ADDRESS_NAMES):
        return None  # a bare word is a setting, not an address
    return host


def _inside(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")


def owner(path: str, services: Sequence[Service]) -> Service | None:
    """The built service whose folder holds path most closely, or None outside them all."""
    best: Service | None = None
    for s in services:
        if not s.built:
            continue
        if _inside(path, s.folder) and (best is None or len(s.folder) > len(best.folder)):
            best = s
    return best


def _owners(a: Analysis) -> Callable[[str], list[str | None]]:
    """The names of the services owning a path ([None]: outside every service).

    Services built from one folder (a web process and its worker) share its files.
    """
    if a.owners is None:
        a.owners = _new_owners(a)
    return a.owners


def _new_owners(a: Analysis) -> Callable[[str], list[str | None]]:
    folder_owner: dict[str, list[str | None]] = {}
    sharing: dict[str, list[str | None]] = defaultdict(list)
    for s in a.services:
        if s.built:
            sharing[s.folder].append(s.name)

    def names_of(path: str) -> list[str | None]:
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        if folder not in folder_owner:
            svc = owner(path, a.services)
            folder_owner[folder] = list(sharing[svc.folder]) if svc is not None else [None]
        return folder_owner[folder]

    return names_of


def by_service(
    a: Analysis,
) -> tuple[dict[str | None, list[str]], dict[str | None, list[Signal]]]:
    """Paths and signals grouped by the services that own them (None: outside every service)."""
    paths: dict[str | None, list[str]] = defaultdict(list)
    signals: dict[str | None, list[Signal]] = defaultdict(list)
    names_of = _owners(a)
    for p in a.all_paths:
        for n in names_of(p):
            paths[n].append(p)
    for sig in a.signals:
        for n in names_of(sig.file):
            signals[n].append(sig)
    return paths, signals


def _service_details(out: Analysis, matcher: Matcher) -> None:
    """Each built service's languages, stack and modules, from the whole tree's detections."""
    built = [s for s in out.services if s.built]
    if not built:
        return
    names_of = _owners(out)
    stacks: dict[str | None, set[str]] = defaultdict(set)
    for det in out.stack:
        for ev in det.seen:
            if not ev.via.endswith(" source"):  # languages are decided by each service's files
                for n in names_of(ev.file):
                    stacks[n].add(det.name)
    exts: dict[str | None, set[str]] = defaultdict(set)
    for f in out.files:
        dot = f.path.rfind(".")
        if dot > f.path.rfind("/"):
            for n in names_of(f.path):
                exts[n].add(f.path[dot:].lower())
    for det in out.stack:
        wanted = matcher.extensions.get(det.name)
        if wanted:
            for n, have in exts.items():
                if have.intersection(wanted):
                    stacks[n].add(det.name)
    category = {d.name: d.category for d in out.stack}
    grp = g.grouper(out.graph.depth) if out.graph is not None else None
    manifest_dirs = {
        p.rsplit("/", 1)[0] if "/" in p else ""
        for p in out.all_paths
        if p.rsplit("/", 1)[-1].lower() in CODE_MANIFESTS
    }
    programs = {found[1] for p in out.all_paths if (found := _binary(p)) is not None}
    for s in built:
        own = stacks.get(s.name, set())
        module = None
        if s.folder in programs and s.folder not in manifest_dirs:
            module = _manifest_of(s.folder, manifest_dirs)
        if module is not None:
            # a program of a module (`cmd/server`) runs the module's code: what its manifest and
            # the files no other service owns prove is its stack too
            own = own | _unowned_under(out, module, manifest_dirs, names_of)
        s.stack = sorted(own, key=str.lower)
        s.languages = [n for n in s.stack if category.get(n) == "language"]
        if grp is not None:
            mods = {
                grp(m)
                for m, f in out.modules.items()
                if s.name in names_of(f) and (owner(f, out.services) or s).folder == s.folder
            }
            s.modules = sorted(mods)


def _unowned_under(
    out: Analysis,
    module: str,
    manifest_dirs: set[str],
    names_of: Callable[[str], list[str | None]],
) -> set[str]:
    """Technologies proved by files of module (not of a module inside it) that no service owns:
    its manifest, its shared code."""
    return {
        det.name
        for det in out.stack
        for ev in det.seen
        if not ev.via.endswith(" source")
        and _inside(ev.file, module)
        and _manifest_of(ev.file.rsplit("/", 1)[0] if "/" in ev.file else "", manifest_dirs)
        == module
        and names_of(ev.file) == [None]
    }


def _observability(out: Analysis, checklist: Sequence[ChecklistItem]) -> None:
    if not checklist:
        return
    rules = [(it.id, "check", it.detect) for it in checklist if it.detect is not None]
    matcher = _matcher(rules)
    paths, signals = by_service(out)
    # Files outside every service (a monitoring/ folder, say) count for all of them; packages
    # do not: a library in one folder says nothing about another service.
    shared = {d.name: d for d in matcher.detect([], paths.get(None, []))}
    for svc in out.services:
        if not svc.built:
            continue  # a database or broker run from an image is not ours to instrument
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
