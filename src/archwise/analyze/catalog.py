"""The stack catalogue: detection rules for the technologies a codebase is built from (data)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Detect
from archwise.schema import Model

DATA_DIR = Path(__file__).parent / "data"

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


class StackCatalog(Model):
    """One catalogue file: a list of entries."""

    model_config = ConfigDict(extra="forbid")

    technologies: list[StackEntry] = Field(min_length=1)


def catalogue_files(folders: Sequence[Path] = ()) -> list[Path]:
    """The built-in catalogue's files, then those of extra folders (`stack/*.yaml`)."""
    files = sorted(DATA_DIR.glob("*.yaml"))
    for folder in folders:
        files += sorted((folder / "stack").glob("*.yaml"))
    return files


def load_catalog(folders: Sequence[Path] = ()) -> list[StackEntry]:
    """Every entry of the built-in catalogue, then of extra folders (`stack/*.yaml`)."""
    from archwise import yamlio
    from archwise.errors import InputError

    out: list[StackEntry] = []
    for file in catalogue_files(folders):
        out += _cached(file, lambda f: yamlio.load_model(StackCatalog, f, what="stack catalogue"))
    seen: dict[str, str] = {}
    for e in out:
        key = e.name.casefold()
        if key in seen and seen[key] != e.category:
            raise InputError(f"{e.name} is catalogued twice with different categories")
        seen[key] = e.category
    return out


def _cached(file: Path, load: Callable[[Path], StackCatalog]) -> list[StackEntry]:
    """A file's entries, validated once per text and code version (archwise.cache)."""
    import hashlib

    from archwise.cache import cache_dir, code_stamp, load_pickle, save_pickle
    from archwise.fileio import read_text

    text = read_text(file, what="stack catalogue")
    folder = cache_dir("stack-catalog")
    path = None
    if folder is not None:
        key = f"{code_stamp(Path(__file__).parent)}\0{text}"
        path = folder / f"{hashlib.sha256(key.encode()).hexdigest()}.pickle"
        hit = load_pickle(path)
        if isinstance(hit, list):
            return hit
    entries: list[StackEntry] = list(load(file).technologies)
    if path is not None:
        save_pickle(path, entries)
    return entries


def names(entries: Iterable[StackEntry]) -> dict[str, str]:
    """Every name and alias (case-folded) -> the entry's name."""
    out: dict[str, str] = {}
    for e in entries:
        out.setdefault(e.name.casefold(), e.name)
        for a in e.aliases:
            out.setdefault(a.casefold(), e.name)
    return out
