"""The stack catalogue: detection rules for the technologies a codebase is built from (data).

One validated, cached loader for every reader: the analyzer matches files against the entries, the
brief reader recognises a team's skills by their names. The files stay beside the analyzer
(`archwise/analyze/data/*.yaml`), which owns their format; the loading lives here, below both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Detect
from archwise.schema import Model

DATA_DIR = Path(__file__).resolve().parent.parent / "analyze" / "data"

StackCategory = Literal[
    "language",
    "runtime",
    "backend_framework",
    "frontend_framework",
    "ui",
    "orm",
    "database",
    "cache",
    "messaging",
    "task_queue",
    "search",
    "rpc",
    "api",
    "auth",
    "security",
    "testing",
    "build",
    "package_manager",
    "lint",
    "ci",
    "container",
    "orchestration",
    "deployment",
    "iac",
    "service_mesh",
    "cloud_service",
    "object_storage",
    "cdn",
    "realtime",
    "api_gateway",
    "observability",
    "logging",
    "validation",
    "serialization",
    "templating",
    "http_client",
    "server",
    "async_runtime",
    "cli",
    "ai",
    "data",
    "library",
    "tooling",
    "housekeeping",
]


class StackEntry(Detect):
    """One technology and how to recognise it: the knowledge base's detection, and more."""

    name: str = Field(min_length=1, description="canonical name (the KB's where it has one)")
    category: StackCategory
    aliases: list[str] = Field(default_factory=list, description="other spellings")
    composer: list[str] = Field(default_factory=list, description="Composer vendor/package")
    pub: list[str] = Field(default_factory=list, description="Dart/Flutter pub packages")
    swift: list[str] = Field(
        default_factory=list,
        description="Swift packages (repository name), CocoaPods pods and Carthage repositories",
    )
    system: list[str] = Field(
        default_factory=list, description="OS packages an image installs (apt-get, apk, dnf)"
    )
    cran: list[str] = Field(default_factory=list, description="R packages (DESCRIPTION)")
    julia: list[str] = Field(default_factory=list, description="Julia packages (Project.toml)")
    hackage: list[str] = Field(default_factory=list, description="Haskell packages (.cabal)")
    cpp: list[str] = Field(default_factory=list, description="C/C++ packages (Conan, vcpkg)")
    deno: list[str] = Field(
        default_factory=list, description="JSR packages (@std/http) and deno.land/x modules"
    )
    k8s: list[str] = Field(
        default_factory=list, description="apiVersion group/kind globs ('*.istio.io/*')"
    )
    terraform: list[str] = Field(
        default_factory=list, description="resource types or provider:NAME (globs allowed)"
    )
    document: list[str] = Field(
        default_factory=list, description="interface documents: openapi, asyncapi, grpc-service"
    )
    imports: list[str] = Field(
        default_factory=list,
        description="source imports LANG:module (python, js, go, java, rust, csharp)",
    )
    code: list[str] = Field(
        default_factory=list, description="SDK calls seen in source, e.g. boto3:s3"
    )
    actions: list[str] = Field(
        default_factory=list,
        description="CI actions a workflow uses, owner/name[/path] (globs allowed)",
    )
    commands: list[str] = Field(
        default_factory=list,
        description="commands a CI step, package script, Makefile/justfile recipe or RUN line "
        "runs: 'mkdocs', or with its subcommand 'cargo dist' (globs allowed)",
    )
    config: list[str] = Field(
        default_factory=list,
        description="tool sections of shared config files: 'pyproject:tool.codespell', "
        "'package.json:lint-staged', 'setup.cfg:flake8' (globs allowed)",
    )
    registries: list[str] = Field(
        default_factory=list,
        description="container registry hosts a pipeline logs in or pushes to (globs allowed)",
    )
    hidden_by: list[str] = Field(
        default_factory=list,
        description="not named when one of these is found too (a part of it, or its umbrella)",
    )
    only_with: list[str] = Field(
        default_factory=list,
        description="file evidence alone names it only when one of these is found too",
    )
    hidden_unless: list[str] = Field(
        default_factory=list,
        description="file globs whose evidence keeps it named beside what hides it (a lock file)",
    )
    min_files: int = Field(
        default=1, ge=1, description="matching files needed when files are the only evidence"
    )
    skill: bool = Field(
        default=True,
        description="whether a brief may read the name as a team's skill (false for SQL, "
        "which a 'Postgres/SQL person' says of the database)",
    )


class StackCatalog(Model):
    """One catalogue file: a list of entries."""

    model_config = ConfigDict(extra="forbid")

    technologies: list[StackEntry] = Field(min_length=1)


# file -> (its text, its entries), for the life of the process
_MEMO: dict[str, tuple[str, list[StackEntry]]] = {}


def catalogue_files(folders: Sequence[Path] = ()) -> list[Path]:
    """The built-in catalogue's files, then those of extra folders (`stack/*.yaml`)."""
    files = sorted(DATA_DIR.glob("*.yaml"))
    for folder in folders:
        files += sorted((folder / "stack").glob("*.yaml"))
    return files


def load_catalog(folders: Sequence[Path] = ()) -> list[StackEntry]:
    """Every entry of the built-in catalogue, then of extra folders (`stack/*.yaml`)."""
    # each file's entries are cached on disk by its text, and in memory for the process: a
    # one-shot run whose merged rules come from the disk cache never gets here, while a process
    # that builds rules for several knowledge bases (a server, the tests, where HOME is new for
    # each) would otherwise parse every file again each time (seconds)
    placed: list[tuple[Path, StackEntry]] = []
    for file in catalogue_files(folders):
        entries = _cached(file, _parse)
        placed += [(file, e) for e in entries]
    _check_names(placed)
    return [e for _f, e in placed]


def _parse(file: Path) -> StackCatalog:
    """One catalogue file through libyaml; on any problem the round trip names file, line, field."""
    from archwise import yamlio
    from archwise.fileio import read_text
    from archwise.kb.loader import fast_parse

    try:
        return StackCatalog.model_validate(fast_parse(read_text(file, what="stack catalogue")))
    except Exception:  # the slower reader reports the problem with its line
        return yamlio.load_model(StackCatalog, file, what="stack catalogue")


def _check_names(placed: Sequence[tuple[Path, StackEntry]]) -> None:
    """One category and one spelling per technology, and every alias leading to one of them."""
    category: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for file, e in placed:
        key = e.name.casefold()
        if key in category and category[key] != e.category:
            _clash(file, e, "category", f"{e.name} is catalogued elsewhere as {category[key]}")
        category[key] = e.category
        if spelled.setdefault(key, e.name) != e.name:
            _clash(file, e, "name", f"{e.name} is spelled {spelled[key]} elsewhere")
    owner: dict[str, str] = {}
    for file, e in placed:
        for alias in e.aliases:
            key = alias.casefold()
            other = spelled.get(key, owner.get(key, e.name))
            if other.casefold() != e.name.casefold():
                _clash(file, e, "aliases", f"alias {alias!r} of {e.name} names {other} too")
            owner[key] = e.name


def _clash(file: Path, entry: StackEntry, field: str, why: str) -> None:
    """Stop on two catalogue entries that contradict each other, naming the second's line."""
    import re

    from archwise.errors import InputError
    from archwise.fileio import read_text

    name = re.compile(rf"\bname:\s*[\"']?{re.escape(entry.name)}[\"']?\s*[,}}\n]")
    lines = read_text(file, what="stack catalogue").splitlines()
    line = next((i for i, text in enumerate(lines, 1) if name.search(text)), None)
    raise InputError(
        f"{why}: one technology has one name, one category and its own aliases",
        file=file,
        line=line,
        field=field,
    )


def _cached(file: Path, load: Callable[[Path], StackCatalog]) -> list[StackEntry]:
    """A file's entries, validated once per text and code version (archwise.cache)."""
    import hashlib

    from archwise.cache import cache_dir, code_stamp, load_pickle, save_pickle
    from archwise.fileio import read_text

    text = read_text(file, what="stack catalogue")
    memo = _MEMO.get(str(file))
    if memo is not None and memo[0] == text:
        return memo[1]
    folder = cache_dir("stack-catalog")
    path = None
    hit = None
    if folder is not None:
        key = f"{code_stamp(Path(__file__).parent, Path(__file__).parent / 'schemas')}\0{text}"
        path = folder / f"{hashlib.sha256(key.encode()).hexdigest()}.pickle"
        hit = load_pickle(path)
    if isinstance(hit, list):
        entries: list[StackEntry] = hit
    else:
        entries = list(load(file).technologies)
        if path is not None:
            save_pickle(path, entries)
    _MEMO[str(file)] = (text, entries)
    return entries


def names(entries: Iterable[StackEntry]) -> dict[str, str]:
    """Every name and alias (case-folded) -> the entry's name."""
    out: dict[str, str] = {}
    for e in entries:
        out.setdefault(e.name.casefold(), e.name)
        for a in e.aliases:
            out.setdefault(a.casefold(), e.name)
    return out


@functools.cache
def stack_names() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, category, aliases) of every entry of the built-in catalogue a brief may read as
    a team's skill (all but those marked `skill: false`).

    Read from the validated catalogue, and kept on disk by the files' stamps: a reader that needs
    only the names (the brief reader) then pays milliseconds, not the entries' unpickling.
    """
    import hashlib

    from archwise.cache import cache_dir, code_stamp, load_pickle, save_pickle
    from archwise.kb.loader import file_stamps

    folder = cache_dir("stack-names")
    path = None
    if folder is not None:
        key = repr((code_stamp(Path(__file__).parent), file_stamps(catalogue_files())))
        path = folder / f"{hashlib.sha256(key.encode()).hexdigest()}.pickle"
        hit = load_pickle(path)
        if isinstance(hit, tuple):
            return hit
    unskilled = {e.name for e in load_catalog() if not e.skill}
    out = tuple(
        (e.name, str(e.category), tuple(e.aliases))
        for e in load_catalog()
        if e.name not in unskilled
    )
    if path is not None:
        save_pickle(path, out)
    return out
