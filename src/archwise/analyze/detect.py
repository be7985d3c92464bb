"""Match located signals and file paths against the knowledge base's detect rules (pure)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from typing import Protocol

from archwise.analyze.manifests import GLOB_FIELDS, GLOB_KINDS, PACKAGE_KINDS, Signal, image_name

MAX_EVIDENCE = 5


class DetectRules(Protocol):
    """The fields of the knowledge base's Detect model that matching reads."""

    pypi: list[str]
    npm: list[str]
    go: list[str]
    cargo: list[str]
    maven: list[str]
    nuget: list[str]
    rubygems: list[str]
    hex: list[str]
    docker_images: list[str]
    files: list[str]
    env_prefixes: list[str]
    extensions: list[str]


# Detect fields beyond the knowledge base's (read with getattr, so a KB entry needs none of them)
_CATALOG_ONLY_KINDS = (
    "composer",
    "pub",
    "swift",
    "deno",
    "system",
    "cran",
    "julia",
    "hackage",
    "cpp",
)
EXTRA_FIELDS = (*_CATALOG_ONLY_KINDS, *(GLOB_FIELDS.get(k, k) for k in GLOB_KINDS))
# package names in these ecosystems compare case-insensitively
_CASELESS_KINDS = frozenset(
    ("nuget", "docker_image", "rubygems", "maven", "npm", "cargo", *_CATALOG_ONLY_KINDS)
)


@dataclass
class Rules:
    """Detect rules merged from several sources (the knowledge base and the stack catalogue)."""

    pypi: list[str] = field(default_factory=list)
    npm: list[str] = field(default_factory=list)
    go: list[str] = field(default_factory=list)
    cargo: list[str] = field(default_factory=list)
    maven: list[str] = field(default_factory=list)
    nuget: list[str] = field(default_factory=list)
    rubygems: list[str] = field(default_factory=list)
    hex: list[str] = field(default_factory=list)
    composer: list[str] = field(default_factory=list)
    pub: list[str] = field(default_factory=list)
    swift: list[str] = field(default_factory=list)
    deno: list[str] = field(default_factory=list)
    system: list[str] = field(default_factory=list)
    cran: list[str] = field(default_factory=list)
    julia: list[str] = field(default_factory=list)
    hackage: list[str] = field(default_factory=list)
    cpp: list[str] = field(default_factory=list)
    docker_images: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    env_prefixes: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    k8s: list[str] = field(default_factory=list)
    terraform: list[str] = field(default_factory=list)
    document: list[str] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    registries: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)
    config: list[str] = field(default_factory=list)
    hidden_by: list[str] = field(default_factory=list)
    only_with: list[str] = field(default_factory=list)
    hidden_unless: list[str] = field(default_factory=list)
    min_files: int = 1

    def merge(self, other: object) -> None:
        """Add another rule set's entries (any object with some of these fields)."""
        self.min_files = max(self.min_files, getattr(other, "min_files", 1) or 1)
        for name in self.__dataclass_fields__:
            if name == "min_files":
                continue
            mine: list[str] = getattr(self, name)
            for value in getattr(other, name, None) or []:
                if value not in mine:
                    mine.append(value)


@dataclass(frozen=True)
class Evidence:
    """Where a detection was proved: file, line (None for a whole file) and what was seen."""

    file: str
    line: int | None
    via: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} ({self.via})"


@dataclass
class Detection:
    """One technology found in the tree, with the evidence for it."""

    name: str
    category: str
    evidence: list[Evidence] = field(default_factory=list)
    count: int = 0
    seen: set[Evidence] = field(default_factory=set, repr=False, compare=False)

    def add(self, ev: Evidence) -> None:
        """Record one more proof (the first few, in rank order, are reported)."""
        if ev not in self.seen:
            self.seen.add(ev)
            self.count += 1
            self.evidence.append(ev)


# a Scala artifact's binary-version suffix (http4s-core_2.13, zio-http_3, cats-core_sjs1_3):
# Maven and Gradle name it, sbt's %% adds it, the library is the same
_SCALA_SUFFIX = re.compile(r"_(?:sjs\d+_|native\d+(?:\.\d+)?_)?(?:2\.1[0-3](?:\.\d+)?|3)$")


def normalize(kind: str, name: str) -> str:
    """Canonical spelling of a package name in an ecosystem (PEP 503 for PyPI)."""
    if kind == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    if kind == "maven" and "_" in name:
        return _SCALA_SUFFIX.sub("", name.lower())
    if kind in _CASELESS_KINDS:
        return name.lower()
    return name


@cache
def glob_regex(glob: str) -> str:
    """Regex (for one path per line, multiline mode) of a gitignore-style path glob."""
    g = glob.strip().lstrip("/") if glob.startswith("/") else glob.strip()
    anchored = glob.startswith("/") or "/" in g.rstrip("/")
    out: list[str] = []
    i = 0
    while i < len(g):
        if g.startswith("**/", i):
            out.append(r"(?:[^\n]*/)?")
            i += 3
        elif g.startswith("**", i):
            out.append(r"[^\n]*")
            i += 2
        elif g[i] == "*":
            out.append(r"[^/\n]*")
            i += 1
        elif g[i] == "?":
            out.append(r"[^/\n]")
            i += 1
        elif g[i] == "[":
            end = g.find("]", i)
            if end < 0:
                out.append(re.escape(g[i]))
                i += 1
            else:
                out.append("[" + g[i + 1 : end].replace("\\", "\\\\") + "]")
                i = end + 1
        else:
            out.append(re.escape(g[i]))
            i += 1
    body = "".join(out)
    prefix = "" if anchored else r"(?:[^\n]*/)?"
    return rf"^{prefix}{body}(?:/[^\n]*)?$"


def _literal(glob: str) -> str:
    """The longest run of a glob without wildcards or slashes (a root file has no slash)."""
    return max(re.split(r"[*?\[\]/]", glob), key=len)


@dataclass
class _Rule:
    name: str
    category: str
    packages: dict[str, list[str]]
    images: list[str]
    env: list[str]
    file_globs: list[str]
    extensions: list[str]
    literals: list[str] = field(default_factory=list)  # one must occur in a path to match
    globs: dict[str, list[str]] = field(default_factory=dict)  # k8s, terraform, ... patterns
    hidden_by: list[str] = field(default_factory=list)
    only_with: list[str] = field(default_factory=list)
    min_files: int = 1
    hidden_unless: re.Pattern[str] | None = None

    @functools.cached_property
    def files(self) -> re.Pattern[str] | None:
        """The file globs as one regex, compiled when a run first needs it: most rules' literals
        occur in no tree, so compiling all of them up front was half the matcher's build."""
        if not self.file_globs:
            return None
        return re.compile("|".join(f"(?:{glob_regex(g)})" for g in self.file_globs), re.M)


class Matcher:
    """Detect rules of many technologies, compiled once."""

    def __init__(self, entries: Iterable[tuple[str, str, DetectRules]]) -> None:
        self.rules: list[_Rule] = []
        for name, category, d in entries:
            packages = {
                kind: [normalize(kind, p) for p in getattr(d, kind, [])]
                for kind in PACKAGE_KINDS
                if getattr(d, kind, [])
            }
            literals = [_literal(g) for g in d.files]
            globs = {
                kind: list(getattr(d, GLOB_FIELDS.get(kind, kind), None) or [])
                for kind in GLOB_KINDS
            }
            # a Go import path names its module, so a module rule matches the imports too
            globs["import"] += [f"go:{m.rstrip('/')}" for m in getattr(d, "go", [])]
            self.rules.append(
                _Rule(
                    name,
                    category,
                    packages,
                    [image_name(i).lower() for i in d.docker_images],
                    list(d.env_prefixes),
                    list(d.files),
                    [e.lower() if e.startswith(".") else "." + e.lower() for e in d.extensions],
                    literals,
                    {k: v for k, v in globs.items() if v},
                    list(getattr(d, "hidden_by", None) or []),
                    list(getattr(d, "only_with", None) or []),
                    int(getattr(d, "min_files", 1) or 1),
                    _globs_regex(getattr(d, "hidden_unless", None) or []),
                )
            )

        # patterns with wildcards, found once here rather than for every rule in every run
        self.wild = {
            w
            for r in self.rules
            for w in [*(w for ws in r.packages.values() for w in ws), *r.images]
            + [w for ws in r.globs.values() for w in ws]
            if any(c in w for c in "*?[")
        }
        self.literals = sorted({lit for r in self.rules for lit in r.literals})
        # which rules can match, by exact key, by signal kind, literal and extension: a run
        # evaluates only those its signals and paths can satisfy (in catalogue order)
        self.by_key: dict[tuple[str, str], set[int]] = {}
        self.by_kind: dict[str, set[int]] = {}
        self.by_literal: dict[str, set[int]] = {}
        self.by_extension: dict[str, set[int]] = {}
        for i, r in enumerate(self.rules):
            keys: list[tuple[str, str]] = []
            kinds: list[str] = []
            for kind, wanted in [*r.packages.items(), *r.globs.items()]:
                for w in wanted:
                    if kind == "go" or w in self.wild:
                        kinds.append(kind)
                    else:
                        keys.append((kind, w))
            for w in r.images:
                if w in self.wild:
                    kinds.append("docker_image")
                else:
                    keys.append(("image", w))
                    if "/" not in w:
                        keys.append(("image-last", w))
            if r.env:
                kinds.append("env")
            for key in keys:
                self.by_key.setdefault(key, set()).add(i)
            for kind in kinds:
                self.by_kind.setdefault(kind, set()).add(i)
            for lit in r.literals:
                self.by_literal.setdefault(lit, set()).add(i)
            for ext in r.extensions:
                self.by_extension.setdefault(ext, set()).add(i)
        self.reads_imports = any("import" in r.globs for r in self.rules)
        self.extensions = {r.name: r.extensions for r in self.rules if r.extensions}

    def match_package(self, rule: _Rule, sig: Signal) -> bool:
        """True when a package signal names one of the rule's packages."""
        wanted = rule.packages.get(sig.kind)
        if not wanted:
            return False
        value = normalize(sig.kind, sig.value)
        for w in wanted:
            if sig.kind == "go":
                if value == w or value.startswith(w.rstrip("/") + "/"):
                    return True
            elif any(c in w for c in "*?["):
                if fnmatchcase(value, w):
                    return True
            elif value == w:
                return True
        return False

    def match_image(self, rule: _Rule, sig: Signal) -> bool:
        """True when an image signal is one of the rule's images (with or without namespace)."""
        value = sig.value.lower()
        last = value.rsplit("/", 1)[-1]
        for w in rule.images:
            if value == w or ("/" not in w and last == w) or fnmatchcase(value, w):
                return True
        return False

    def detect(
        self,
        signals: Sequence[Signal],
        paths: Sequence[str],
        extension_files: dict[str, str] | None = None,
    ) -> list[Detection]:
        """Technologies proved by signals, file paths and source extensions, sorted by name."""
        found: dict[str, Detection] = {}
        wild = self.wild
        joined = "\n".join(paths)
        # literals hold no "/", so one occurs in a path only inside one of its segments
        segments = "\n".join(set(joined.replace("/", "\n").split("\n")))
        present = {lit for lit in self.literals if lit in segments}
        holding: dict[str, list[int]] = {}  # a present literal -> the paths holding it

        def lines_with(literals: list[str]) -> str:
            """The paths that hold one of the literals, in listing order, one per line."""
            chosen: set[int] = set()
            for lit in literals:
                if lit in present:
                    if lit not in holding:
                        holding[lit] = [i for i, p in enumerate(paths) if lit in p]
                    chosen.update(holding[lit])
            return "\n".join(paths[i] for i in sorted(chosen))

        def hit(rule: _Rule, ev: Evidence) -> None:
            det = found.get(rule.name)
            if det is None:
                det = found[rule.name] = Detection(rule.name, rule.category)
            det.add(ev)

        # signals by kind, and by exact name, so most rules are dictionary look-ups
        by_kind: dict[str, list[Signal]] = {}
        exact: dict[tuple[str, str], list[Signal]] = {}
        for sig in signals:
            by_kind.setdefault(sig.kind, []).append(sig)
            if sig.kind == "docker_image":
                value = sig.value.lower()
                exact.setdefault(("image", value), []).append(sig)
                if "/" in value:
                    exact.setdefault(("image-last", value.rsplit("/", 1)[-1]), []).append(sig)
            elif sig.kind == "import":
                # an import rule names a module or package: it matches everything inside it
                if self.reads_imports:
                    for prefix in _prefixes(sig.value):
                        exact.setdefault(("import", prefix), []).append(sig)
            elif sig.kind != "env":
                exact.setdefault((sig.kind, normalize(sig.kind, sig.value)), []).append(sig)
        active: set[int] = set()
        for key in exact:
            active.update(self.by_key.get(key, ()))
        for kind in by_kind:
            active.update(self.by_kind.get(kind, ()))
        for lit in present:
            active.update(self.by_literal.get(lit, ()))
        for ext in extension_files or {}:
            active.update(self.by_extension.get(ext, ()))
        for index in sorted(active):
            rule = self.rules[index]
            for kind, wanted in rule.packages.items():
                for w in wanted:
                    if kind == "go" or w in wild:
                        pool = [s for s in by_kind.get(kind, []) if self.match_package(rule, s)]
                    else:
                        pool = exact.get((kind, w), [])
                    for sig in pool:
                        hit(rule, Evidence(sig.file, sig.line, f"{sig.kind} {sig.value}"))
            for w in rule.images:
                if w in wild:
                    pool = [s for s in by_kind.get("docker_image", []) if self.match_image(rule, s)]
                else:
                    pool = exact.get(("image", w), [])
                    if "/" not in w:
                        pool = pool + exact.get(("image-last", w), [])
                for sig in pool:
                    hit(rule, Evidence(sig.file, sig.line, f"image {sig.value}"))
            for kind, patterns in rule.globs.items():
                for w in patterns:
                    if w in wild:
                        pool = [s for s in by_kind.get(kind, []) if fnmatchcase(s.value, w)]
                    else:
                        pool = exact.get((kind, w), [])
                    for sig in pool:
                        hit(rule, Evidence(sig.file, sig.line, f"{kind} {sig.value}"))
            if rule.env:
                for sig in by_kind.get("env", []):
                    value = _unexposed(sig.value)
                    if any(value.startswith(p) for p in rule.env):
                        hit(rule, Evidence(sig.file, sig.line, f"env {sig.value}"))
            # a glob can only match when its longest literal part occurs (a fast substring test)
            if rule.files is not None and any(lit in present for lit in rule.literals):
                # a glob's path holds the glob's literal: only those paths are matched
                for m in rule.files.finditer(lines_with(rule.literals)):
                    hit(rule, Evidence(m.group(0), None, "file"))
            for ext in rule.extensions:
                first = (extension_files or {}).get(ext)
                if first is not None:
                    hit(rule, Evidence(first, None, f"{ext} source"))
        for det in found.values():
            # packages and images prove more than a file name or an environment variable
            det.evidence.sort(
                key=lambda e: (_RANK.get(e.via.split(" ", 1)[0], 0), e.file, e.line or 0)
            )
            det.evidence = det.evidence[:MAX_EVIDENCE]
        return sorted(found.values(), key=lambda d: d.name.lower())


# prefixes a front-end build requires before a variable it exposes to the browser
_PUBLIC_ENV: tuple[str, ...] = (
    "REACT_APP_",
    "NEXT_PUBLIC_",
    "VITE_",
    "VUE_APP_",
    "NUXT_PUBLIC_",
    "EXPO_PUBLIC_",
    "GATSBY_",
    "PUBLIC_",
)


def _unexposed(name: str) -> str:
    """A variable's name without the prefix that exposes it ('VITE_STRIPE_KEY' -> 'STRIPE_KEY')."""
    for prefix in _PUBLIC_ENV:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# evidence that a file exists proves less than a declared package, an image or a resource
WEAK_VIA = ("file", "env")
# the package kind that declares what a source import of a language brings in (not Go: a Go
# import is a direct use whatever an old go.mod marks indirect)
IMPORT_KIND = {
    "python": "pypi",
    "js": "npm",
    "rust": "cargo",
    "java": "maven",
    "csharp": "nuget",
}
# an undeclared package imported by this many files is the code's own choice, not a transitive
# helper (Kotlin coroutines under Ktor, Cats Effect under http4s, Jackson under Spring Web)
IMPORTED_THROUGHOUT = 5
# a language with this many files of its own is named even beside the language that hides it
OWN_FILES = 5
# source files that make a language the software's when nothing else (a manifest) says so
LANGUAGE_FILES = 2


def _weak(ev: Evidence) -> bool:
    via = ev.via.split(" ", 1)[0]
    return via in WEAK_VIA or ev.via.endswith(" source")


def _declared(imported: str, kind: str, declared: set[str]) -> bool:
    """True when an import (LANG:module) lies inside a package the manifests declare."""
    module = imported.split(":", 1)[1]
    if kind == "npm":
        parts = module.split("/")
        name = "/".join(parts[:2]) if module.startswith("@") else parts[0]
        return name.lower() in declared
    if kind in ("pypi", "cargo"):
        parts = module.replace("::", ".").split(".")
        # google.cloud.storage is google-cloud-storage; yaml may be python-yaml or pyyaml
        tops = {"-".join(parts[:k]) for k in range(1, len(parts) + 1)}
        tops |= {"python-" + parts[0], "py" + parts[0]}
        return any(normalize("pypi", t) in declared for t in tops)
    if kind == "maven":
        # a Java package usually starts with its artifact's group id
        groups = {
            d.split(":", 1)[0]
            for d in declared
            if ":" in d and not d.startswith(("plugin:", "bom:"))
        }
        return any(module == g or module.startswith(g + ".") for g in groups)
    if kind == "nuget":
        # a .NET namespace usually is, or starts with, its package id
        lowered = module.lower()
        return any(lowered == d or lowered.startswith(d + ".") for d in declared)
    return False


def settle(
    matcher: Matcher,
    found: Sequence[Detection],
    signals: Sequence[Signal],
    extension_counts: dict[str, int] | None = None,
) -> list[Detection]:
    """The detections a reader would name: weak or redundant ones dropped (catalogue rules).

    - files alone (one template) prove a technology only when min_files of them exist;
    - a source import of a package no manifest declares is a transitive dependency when the
      tree has manifests of that ecosystem;
    - a conventional file name alone does not prove a framework its ecosystem's manifests omit
      when they declare another framework of its kind;
    - only_with: file evidence alone counts only beside one of those technologies;
    - hidden_by: not named beside its umbrella or the framework it is part of.
    """
    rules = {r.name: r for r in matcher.rules}
    counts = extension_counts or {}
    declared: dict[str, set[str]] = {}
    for sig in signals:
        if sig.kind in PACKAGE_KINDS:
            declared.setdefault(sig.kind, set()).add(normalize(sig.kind, sig.value))

    def files_of(det: Detection) -> int:
        n = sum(1 for e in det.seen if e.via == "file")
        for ext in matcher.extensions.get(det.name, []):
            n += counts.get(ext, 0)
        return n

    def transitive(det: Detection) -> bool:
        vias = [e.via for e in det.seen]
        if not vias or not all(v.startswith("import ") for v in vias):
            return False
        if len({e.file for e in det.seen}) >= IMPORTED_THROUGHOUT:
            return False  # the code is written against it, whichever manifest brings it
        for v in vias:
            imported = v.split(" ", 1)[1]
            kind = IMPORT_KIND.get(imported.split(":", 1)[0])
            if kind is None or kind not in declared or _declared(imported, kind, declared[kind]):
                return False
        return True

    def undeclared(rule: _Rule, det: Detection) -> bool:
        """Only a file of its convention (`manage.py`) proves a package that the tree's manifests
        of the package's ecosystem do not declare: a file of the same name, not the package."""
        if not rule.packages or not all(e.via == "file" for e in det.seen):
            return False
        if len({e.file.rsplit("/", 1)[-1] for e in det.seen}) != 1:
            return False  # many files of a convention (Razor views) are the framework's own
        return all(
            kind in declared
            and not any(
                fnmatchcase(d, w) if any(c in w for c in "*?[") else d == w
                for w in wanted
                for d in declared[kind]
            )
            for kind, wanted in rule.packages.items()
            if kind != "go"
        ) and any(kind != "go" for kind in rule.packages)

    kept: list[Detection] = []
    for det in found:
        rule = rules.get(det.name)
        weak = all(_weak(e) for e in det.seen)
        if rule is not None and weak and rule.min_files > 1 and files_of(det) < rule.min_files:
            continue
        if (
            weak
            and extension_counts is not None
            and det.category == "language"
            and files_of(det) < LANGUAGE_FILES
        ):
            continue  # one script beside the code (an editor's Lua, a packaging helper's Python)
        if transitive(det):
            continue
        kept.append(det)
    # a framework proved by a package: another of its kind seen only by a conventional file
    # name the manifests omit (Flask's `manage.py` is not Django) is that file, not the framework
    declared_kinds = {
        d.category
        for d in kept
        if d.category in _FRAMEWORKS
        and any(e.via.split(" ", 1)[0] in PACKAGE_KINDS for e in d.seen)
    }
    kept = [
        d
        for d in kept
        if d.category not in declared_kinds
        or (rule := rules.get(d.name)) is None
        or not undeclared(rule, d)
    ]
    names = {d.name.casefold() for d in kept}
    out: list[Detection] = []
    for det in kept:
        rule = rules.get(det.name)
        if rule is None:
            out.append(det)
            continue
        weak = all(_weak(e) for e in det.seen)
        if weak and rule.only_with and not any(n.casefold() in names for n in rule.only_with):
            continue
        if any(n.casefold() in names for n in rule.hidden_by) and not (
            (det.category == "language" and files_of(det) >= OWN_FILES)
            or (rule.hidden_unless is not None and _kept(rule.hidden_unless, det))
        ):
            continue
        out.append(det)
    return out


_FRAMEWORKS = frozenset({"backend_framework", "frontend_framework"})


def _globs_regex(globs: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{glob_regex(g)})" for g in globs)) if globs else None


def _kept(files: re.Pattern[str], det: Detection) -> bool:
    """True when a file seen as evidence matches one of the globs (a lock file of its own)."""
    return any(e.via == "file" and files.fullmatch(e.file) for e in det.seen)


def _prefixes(value: str) -> list[str]:
    """'python:a.b.c' -> ['python:a', 'python:a.b', 'python:a.b.c'] (also at '/')."""
    cuts = [i for i, c in enumerate(value) if c in "./" and i > value.find(":")]
    return [value[:i] for i in cuts] + [value]


_RANK = {"image": 1, "k8s": 1, "terraform": 1, "document": 1, "file": 2, "code": 3, "import": 4}
_RANK["env"] = 5  # packages rank 0
