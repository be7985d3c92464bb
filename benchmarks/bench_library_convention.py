"""Measure the library convention: what if declared packages no entry names were named?

For each PATH (a checkout with a ground truth in benchmarks/stack, as for bench_stack.py), the
packages its manifests declare that no catalogue entry names (a language's or package manager's
catch-all aside) are candidates; a candidate named by its package id (a Maven artifact without
its group) either hits a ground-truth entry the analysis missed or is an extra. Prints recall
and precision of today's catalogue-only naming, of naming every candidate, per ecosystem, per
family prefix given as KIND:GLOB (e.g. composer:laravel/*, cargo:tokio-*), and of the middle
rules that name a candidate only when the code shows it is significant: imported from N source
files or from N folders, configured in a settings file, or imported by an entry point (tests,
samples and chore scripts do not count; see _usage).

Run: python benchmarks/bench_library_convention.py PATH... [--family cargo:tokio-* ...]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import yaml
from bench_stack import TRUTHS, _alternatives, _names

# detections that match every package of an ecosystem (Dart, pub) explain none of them
_CATCH_ALL = ("package_manager", "language", "build")


@dataclass(frozen=True)
class Candidate:
    """One declared package no entry names, and what naming it would score."""

    repo: str
    kind: str
    package: str
    name: str
    wanted: bool  # the ground truth names it (hit or not)
    new_hit: frozenset[int]  # ground-truth entries it would add as hits
    files: int = 0  # source files (not tests, samples or scripts) importing it
    folders: int = 0  # distinct folders of those files
    configured: bool = False  # named in a settings or configuration file
    entry: bool = False  # imported by an entry point (main, app, index, Program ...)


def _name(kind: str, package: str) -> str | None:
    if kind == "maven":
        if package.startswith(("plugin:", "bom:")) or ":" not in package:
            return None
        return package.split(":")[1]
    if kind == "cargo" and "/" in package:
        return None  # a feature of a crate, not a crate
    return package


def candidates(path: Path, canon: dict[str, str]) -> tuple[list[Candidate], dict[str, int]]:
    """The candidates of one checkout, and its expected/hit/found/true counts today."""
    from archwise.analyze.engine import _dev_path, _repo_automation, _sample_manifest
    from archwise.analyze.manifests import PACKAGE_KINDS
    from archwise.analyze.report import to_document
    from archwise.api.analyze import _kb, _run

    def c(name: str) -> str:
        return canon.get(name.casefold(), name).casefold()

    truth = yaml.safe_load((TRUTHS / f"{path.resolve().name}.yaml").read_text(encoding="utf-8"))
    analysis = _run(path.resolve(), _kb(()), None, None, None)
    found = {c(s["name"]) for s in to_document(analysis)["stack"]}
    expected = [{c(n) for n in _alternatives(e)} for e in truth["stack"]]
    wanted = set().union(*expected) if expected else set()
    explained = {
        e.via
        for d in [*analysis.stack, *analysis.housekeeping]
        if d.category not in _CATCH_ALL
        for e in d.seen
    }
    seen: set[tuple[str, str]] = set()
    out: list[Candidate] = []
    usage = _Usage(path.resolve(), analysis)
    for s in analysis.signals:
        if s.kind not in PACKAGE_KINDS or s.kind == "system" or (s.kind, s.value) in seen:
            continue
        if _dev_path(s.file) or _repo_automation(s.file) or _sample_manifest(s):
            continue
        seen.add((s.kind, s.value))
        name = _name(s.kind, s.value)
        if name is None or f"{s.kind} {s.value}" in explained:
            continue
        key = c(name)
        new = frozenset(i for i, e in enumerate(expected) if key in e and not e & found)
        files, folders, configured, entry = usage.of(s.kind, s.value)
        out.append(
            Candidate(
                path.name,
                s.kind,
                s.value,
                name,
                key in wanted,
                new,
                files,
                folders,
                configured,
                entry,
            )
        )
    counts = {
        "expected": len(expected),
        "hits": sum(1 for e in expected if e & found),
        "found": len(found),
        "true": len(found & wanted),
    }
    return out, counts


_ENTRY_STEMS = {
    "main",
    "app",
    "index",
    "server",
    "program",
    "startup",
    "application",
    "lib",
    "manage",
    "wsgi",
    "asgi",
    "__main__",
    "__init__",
    "cli",
    "router",
    "routes",
    "endpoint",
}
_CONFIG = re.compile(
    r"(?:^|/)(?:settings[^/]*\.py|settings/[^/]+\.py|config/[^/]+\.(?:rb|exs|ya?ml|php|ts|js)"
    r"|config/(?:initializers|packages|environments)/[^/]+|[^/]*\.config\.[mc]?[jt]s"
    r"|application[^/]*\.(?:ya?ml|properties)|appsettings[^/]*\.json|Program\.cs|Startup\.cs"
    r"|app\.module\.ts)$"
)
# imports by language: what a file names, as tokens a package maps to (see _Usage.keys)
_TOKENS: dict[str, re.Pattern[str]] = {
    "Python": re.compile(r"\n[ \t]*(?:from|import)[ \t]+([A-Za-z_]\w*)"),
    "JavaScript": re.compile(
        r"""(?:\bfrom|\brequire\(|\bimport\(?)\s*["']((?:@[\w.\-]+/)?[\w.\-]+)"""
    ),
    "Go": re.compile(r'"((?:[\w\-]+\.)+[\w\-]+/[\w.\-/]+)"'),
    "Rust": re.compile(r"\b([a-z_][a-z0-9_]*)::"),
    "Ruby": re.compile(r"""\b([A-Z]\w*(?:::[A-Z]\w*)*)|require\s+["']([\w\-/]+)"""),
    "Elixir": re.compile(r"\b([A-Z]\w*(?:\.[A-Z]\w*)*)"),
    "PHP": re.compile(r"\buse\s+\\?([A-Z]\w*\\\w+)"),
    "Java": re.compile(r"\n[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)"),
    "C#": re.compile(r"\n[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?([\w.]+)[ \t]*;"),
    "Dart": re.compile(r"""import\s+["']package:(\w+)/"""),
}
for _alias, _lang in (
    ("TypeScript", "JavaScript"),
    ("Vue", "JavaScript"),
    ("Svelte", "JavaScript"),
    ("Kotlin", "Java"),
    ("Scala", "Java"),
):
    _TOKENS[_alias] = _TOKENS[_lang]
_PY_IMPORT_NAMES = {
    "pillow": "pil",
    "beautifulsoup4": "bs4",
    "pyyaml": "yaml",
    "python-dateutil": "dateutil",
    "scikit-learn": "sklearn",
    "opencv-python": "cv2",
    "pyjwt": "jwt",
    "python-dotenv": "dotenv",
    "psycopg2-binary": "psycopg2",
    "psycopg-binary": "psycopg",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]", "", name.lower())


def _camel(name: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\-]", name) if p)


class _Usage:
    """Which source files of a checkout import what, read once (the software's own files)."""

    def __init__(self, root: Path, analysis: object) -> None:
        from archwise.analyze.engine import _source_evidence, is_test_path

        self.tokens: dict[str, set[str]] = {}  # token -> files
        self.entries: set[str] = set()  # tokens an entry point imports
        self.config = ""
        for f in getattr(analysis, "files", []):
            path = f.path
            if _CONFIG.search(path) and not is_test_path(path):
                self.config += "\n" + _read(root / path)[:65536]
            pattern = _TOKENS.get(f.language)
            if pattern is None or not _source_evidence(path) or is_test_path(path):
                continue
            stem = path.rsplit("/", 1)[-1].split(".", 1)[0].lower()
            text = "\n" + _read(root / path)[:16384]
            for m in pattern.finditer(text):
                tok = next(g for g in m.groups() if g)
                self.tokens.setdefault(f"{f.language}\0{tok}", set()).add(path)
                if stem in _ENTRY_STEMS:
                    self.entries.add(f"{f.language}\0{tok}")
        self.config_words = set(re.findall(r"[\w\-./@]+", self.config.lower()))

    def _match(self, kind: str, package: str, lang: str, tok: str) -> bool:
        low = package.lower()
        if kind == "pypi":
            want = _PY_IMPORT_NAMES.get(low, low)
            t = _norm(tok)
            return t == _norm(want) or t == _norm(want.removeprefix("python-").removeprefix("py"))
        if kind == "npm":
            return tok == package
        if kind == "go":
            return tok == package or tok.startswith(package + "/")
        if kind == "cargo":
            return tok == low.replace("-", "_")
        if kind == "rubygems":
            if tok == package:  # require 'name'
                return True
            const = "::".join(_camel(p) for p in package.split("-"))
            return tok == const or tok.startswith(const + "::") or tok == _camel(package)
        if kind == "hex":
            first, _, rest = package.partition("_")
            return tok in (_camel(package), f"{_camel(first)}.{_camel(rest)}" if rest else "")
        if kind == "composer":
            vendor, _, pkg = low.partition("/")
            ns, _, sub = tok.partition("\\")
            return _norm(ns) == _norm(vendor) and (
                _norm(sub) in _norm(pkg) or _norm(pkg) in _norm(sub)
            )
        if kind == "maven":
            group = low.split(":", 1)[0]
            return tok.lower().startswith(group + ".") or tok.lower() == group
        if kind == "nuget":
            return tok.lower() == low or tok.lower().startswith(low + ".")
        if kind == "pub":
            return tok == package
        return False

    def of(self, kind: str, package: str) -> tuple[int, int, bool, bool]:
        """Files and folders importing a package, whether configured, whether an entry uses it."""
        files: set[str] = set()
        entry = False
        for key, where in self.tokens.items():
            lang, _, tok = key.partition("\0")
            if self._match(kind, package, lang, tok):
                files |= where
                entry = entry or key in self.entries
        low = package.lower()
        words = {low, low.split("/")[-1], low.split(":")[-1], low.replace("-", "_")}
        configured = bool(words & self.config_words)
        folders = {f.rsplit("/", 1)[0] if "/" in f else "" for f in files}
        return len(files), len(folders), configured, entry


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


# the middle rules measured: a candidate is named only when its use in the code is significant
RULES: dict[str, Callable[[Candidate], bool]] = {
    "imported by >= 2 files": lambda x: x.files >= 2,
    "imported by >= 3 files": lambda x: x.files >= 3,
    "imported by >= 5 files": lambda x: x.files >= 5,
    "imported from >= 2 folders": lambda x: x.folders >= 2,
    "imported from >= 3 folders": lambda x: x.folders >= 3,
    "configured in settings": lambda x: x.configured,
    "imported by an entry point": lambda x: x.entry,
    ">= 3 files or configured": lambda x: x.files >= 3 or x.configured,
    ">= 2 folders and configured": lambda x: x.folders >= 2 and x.configured,
    "entry point and >= 2 files": lambda x: x.entry and x.files >= 2,
}


def _score(
    cands: list[Candidate], totals: dict[str, int], keep: Callable[[Candidate], bool]
) -> str:
    chosen = [x for x in cands if keep(x)]
    new_hits = {(x.repo, i) for x in chosen for i in x.new_hit}
    names = {(x.repo, x.name.casefold()): x for x in chosen}
    extra = sum(1 for x in names.values() if not x.wanted)
    true = sum(1 for x in names.values() if x.wanted)
    recall = (totals["hits"] + len(new_hits)) / max(totals["expected"], 1)
    precision = (totals["true"] + true) / max(totals["found"] + true + extra, 1)
    return (
        f"+{len(new_hits):4} hits {extra:5} extras  "
        f"recall {recall:6.1%}  precision {precision:6.1%}"
    )


def main() -> int:
    """Collect candidates of every path and print the scores of each naming rule."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--family", action="append", default=[], help="KIND:GLOB")
    parser.add_argument("--list", action="store_true", help="list candidates the code uses")
    parser.add_argument("--dump", type=Path, help="write every candidate to this JSON file")
    args = parser.parse_args()
    canon = _names()
    cands: list[Candidate] = []
    totals = {"expected": 0, "hits": 0, "found": 0, "true": 0}
    for path in args.paths:
        found, counts = candidates(path, canon)
        cands += found
        for k, v in counts.items():
            totals[k] += v
    print(f"{'catalogue only':28} {_score(cands, totals, lambda x: False)}")
    print(f"{'every declared package':28} {_score(cands, totals, lambda x: True)}")
    for kind in sorted({x.kind for x in cands}):
        print(f"{kind:28} {_score(cands, totals, lambda x, k=kind: x.kind == k)}")
    for label, rule in RULES.items():
        print(f"{label:28} {_score(cands, totals, rule)}")
        for kind in sorted({x.kind for x in cands if rule(x)}):
            print(
                f"  {kind:26} "
                + _score(cands, totals, lambda x, k=kind, r=rule: x.kind == k and r(x))
            )
    if args.dump:
        import json
        from dataclasses import asdict

        rows = [{**asdict(x), "new_hit": sorted(x.new_hit)} for x in cands]
        args.dump.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.list:
        for x in sorted(cands, key=lambda x: (x.kind, x.repo, x.package)):
            if x.files or x.configured:
                mark = "HIT " if x.new_hit else ("want" if x.wanted else "    ")
                print(
                    f"{mark} {x.kind:9} {x.repo[:24]:24} {x.package[:40]:40} "
                    f"files {x.files:3} folders {x.folders:3} "
                    f"{'config ' if x.configured else ''}{'entry' if x.entry else ''}"
                )
    for fam in args.family:
        kind, glob = fam.split(":", 1)
        print(
            f"{fam:28} "
            + _score(
                cands,
                totals,
                lambda x, k=kind, g=glob: x.kind == k and fnmatchcase(x.package.lower(), g.lower()),
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
