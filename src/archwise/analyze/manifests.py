"""Read dependency manifests, container and deployment files into located signals (pure)."""

from __future__ import annotations

import base64
import functools
import json
import re
import shlex
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from archwise.analyze.commands import (
    commands,
    recipe_commands,
    script_commands,
    table_keys,
    yaml_scripts,
)

# kind of a package signal -> the Detect field it is matched against
PACKAGE_KINDS = (
    "pypi",
    "npm",
    "go",
    "cargo",
    "maven",
    "nuget",
    "rubygems",
    "hex",
    "composer",
    "pub",  # Dart and Flutter (pubspec.yaml)
    "swift",  # Swift packages and CocoaPods/Carthage pods, by package name
    "deno",  # Deno's JSR packages ('@std/http') and deno.land/x modules ('fresh')
    "system",  # OS packages an image installs (apt-get, apk, yum, dnf): nginx, ffmpeg
    "cran",  # R packages (DESCRIPTION Imports/Depends/Suggests/LinkingTo)
    "julia",  # Julia packages (Project.toml [deps])
    "hackage",  # Haskell packages (*.cabal build-depends, package.yaml dependencies)
    "cpp",  # C and C++ packages (conanfile requires, vcpkg.json dependencies)
)
# other signal kinds matched by globs: Kubernetes-style documents ("apps/Deployment"), Terraform
# providers and resources ("provider:aws", "aws_s3_bucket"), interface documents ("openapi"),
# source imports ("python:boto3"), cloud SDK calls ("boto3:s3"), CI actions a workflow uses
# ("hadolint/hadolint-action"), container registries a pipeline logs in or pushes to ("ghcr.io"),
# commands a CI step, a package script, a Makefile/justfile recipe or a RUN line runs ("mkdocs",
# "mkdocs build") and tool sections of shared config files ("pyproject:tool.codespell")
GLOB_KINDS = (
    "k8s",
    "terraform",
    "document",
    "import",
    "code",
    "action",
    "registry",
    "command",
    "config",
)
# the catalogue field each glob kind is read from (the others share their kind's name)
GLOB_FIELDS = {
    "import": "imports",
    "action": "actions",
    "registry": "registries",
    "command": "commands",
}


@dataclass(frozen=True)
class Signal:
    """One fact read from a file: a package, an image or an environment variable, with its line."""

    kind: str  # a package kind, docker_image, env, or one of GLOB_KINDS
    value: str
    file: str
    line: int | None


@dataclass(frozen=True)
class Deployable:
    """Something deployed on its own: a compose service, a Dockerfile, a Kubernetes workload."""

    name: str
    kind: str  # compose, dockerfile, kubernetes, skaffold
    file: str
    line: int | None
    context: str | None = None  # folder of its code, relative to the root
    image: str | None = None  # the image it runs (compose, Kubernetes) or builds (skaffold)
    links: tuple[str, ...] = ()  # names it declares it talks to (depends_on, links)
    env_values: tuple[str, ...] = ()  # environment values, read for other services' names
    volumes: tuple[str, ...] = ()  # compose volumes (HOST:CONTAINER)
    dockerfile: str | None = None  # the Dockerfile a compose build names (relative to the root)
    workload: str | None = None  # the Kubernetes kind (Deployment, CronJob, ...)
    aliases: tuple[str, ...] = ()  # other names it answers to (a compose key behind its alias)
    ports: tuple[str, ...] = ()  # host ports a compose service publishes (a sidecar: its own)
    pod: tuple[str, ...] = ()  # other containers of a Kubernetes workload's pod (sidecars)
    command: str | None = None  # the command a compose service runs its image with
    workdir: str | None = None  # a compose service's working_dir (inside the container)
    env_files: tuple[str, ...] = ()  # the env_file settings files of a compose service
    # compose services this one waits on to finish (`condition: service_completed_successfully`):
    # one-shot tasks (a migration, a seed), not services
    completed: tuple[str, ...] = ()
    # the compose service whose definition this one extends: (its file, its name)
    extends: tuple[str, str] | None = None
    profiles: tuple[str, ...] = ()  # compose profiles it runs under (none: always)
    target: str | None = None  # the stage of a multi-stage Dockerfile a compose build stops at


@dataclass
class ManifestInfo:
    """What one manifest says."""

    signals: list[Signal] = field(default_factory=list)
    deployables: list[Deployable] = field(default_factory=list)
    go_module: str | None = None
    ts_paths: dict[str, list[str]] | None = None
    ts_base_url: str | None = None
    crate: str | None = None
    package: str | None = None  # the package's own name as its owners spell it (Cargo, npm)
    includes: list[str] = field(default_factory=list)  # files a requirements file pulls in
    bins: list[str] = field(default_factory=list)  # programs a Cargo.toml's [[bin]] tables name


def _line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    """1-based line of the first line containing needle at or after start_line."""
    lines = text.splitlines()
    for i in range(max(start_line - 1, 0), len(lines)):
        if needle in lines[i]:
            return i + 1
    return None


_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def pep508_name(spec: str) -> str | None:
    """The distribution name of a PEP 508 requirement ('psycopg[binary]>=3' -> 'psycopg')."""
    m = _REQ_NAME.match(spec)
    return m.group(1) if m else None


_EXTRAS = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*\[([^\]]*)\]")


def pep508_extras(spec: str) -> list[str]:
    """The extras a requirement asks for ('passlib[bcrypt]' -> ['bcrypt'])."""
    m = _EXTRAS.match(spec)
    return [e.strip() for e in m.group(1).split(",") if e.strip()] if m else []


_INCLUDE = re.compile(r"^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)")


def _requirements_txt(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    """Requirements, with -r/-c includes; of pip-compile output only the direct ones."""
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    found: list[tuple[str, int, list[str]]] = []  # name, line, its "# via" entries
    compiled = False
    for i, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("#"):
            via = stripped.lstrip("#").strip()
            if via.startswith("via"):
                compiled = True
                via = via[3:].strip()
            if found and via:
                found[-1][2].append(via)
            continue
        line = raw.split(" #", 1)[0].strip()
        inc = _INCLUDE.match(line)
        if inc:
            info.includes.append(_join(folder, inc.group(1)))
            continue
        if not line or line.startswith(("-", "git+", "http:", "https:", "file:")):
            continue
        name = pep508_name(line)
        if name:
            found.append((name, i, []))
            # an extra names the optional library it pulls in: passlib[bcrypt] uses bcrypt
            found += [(extra, i, []) for extra in pep508_extras(line)]
    for name, at, vias in found:
        # pip-compile and uv write "# via -r requirements.in" under what the input file named
        if not compiled or any(v.startswith(("-r", "-c")) for v in vias):
            yield Signal("pypi", name, file, at)


def _toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}


def _pyproject(file: str, text: str) -> Iterator[Signal]:
    data = _toml(text)
    specs: list[str] = []
    project = data.get("project") or {}
    specs += list(project.get("dependencies") or [])
    for group in (project.get("optional-dependencies") or {}).values():
        specs += list(group or [])
    for group in (data.get("dependency-groups") or {}).values():
        specs += [g for g in group or [] if isinstance(g, str)]
    build = data.get("build-system") or {}
    specs += [r for r in build.get("requires") or [] if isinstance(r, str)]
    poetry = (data.get("tool") or {}).get("poetry") or {}
    names = [pep508_name(s) for s in specs if isinstance(s, str)]
    extras = [(pep508_name(s), e) for s in specs if isinstance(s, str) for e in pep508_extras(s)]
    tables = [poetry.get(section) or {} for section in ("dependencies", "dev-dependencies")]
    tables += [grp.get("dependencies") or {} for grp in (poetry.get("group") or {}).values()]
    for table in tables:
        for name, spec in table.items():
            names.append(name)
            if isinstance(spec, dict):
                extras += [(name, str(e)) for e in spec.get("extras") or []]
    for name in names:
        if name and name.lower() != "python":
            yield Signal("pypi", name, file, _quoted_line(text, name))
    # an extra names the optional library it pulls in: passlib[bcrypt] uses bcrypt
    for name, extra in extras:
        if name:
            yield Signal("pypi", extra, file, _quoted_line(text, name))
    # a [tool.X] section configures a tool the project runs (codespell, commitizen, mypy)
    for key in table_keys(data, "pyproject", ("tool",)):
        yield Signal("config", key, file, _line_of(text, "[" + key.split(":", 1)[1]))


def _quoted_line(text: str, name: str) -> int | None:
    for pattern in (f'"{name}', f"'{name}", f"{name} =", f"{name}="):
        line = _line_of(text, pattern)
        if line is not None:
            return line
    return _line_of(text, name)


def _setup_cfg(file: str, text: str) -> Iterator[Signal]:
    inside = False
    for i, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if re.match(r"^(install_requires|[\w-]+)\s*=", raw) and not raw.startswith((" ", "\t")):
            inside = raw.split("=", 1)[0].strip() == "install_requires"
            rest = raw.split("=", 1)[1].strip()
            if inside and rest:
                name = pep508_name(rest)
                if name:
                    yield Signal("pypi", name, file, i)
            continue
        if stripped.startswith("["):
            inside = False
            section = stripped.strip("[]").strip().lower()
            yield Signal("config", f"setup.cfg:{section}", file, i)
            continue
        if inside and stripped and not stripped.startswith("#"):
            name = pep508_name(stripped)
            if name:
                yield Signal("pypi", name, file, i)


_SETUP_REQUIRES = re.compile(
    r"\b(?:install_requires|tests_require|setup_requires)\s*=\s*"
    r"\[((?:[^\]\"']|\"[^\"]*\"|'[^']*')*)\]"
)
_QUOTED = re.compile(r"""["']([^"'\n]+)["']""")


def _setup_py(file: str, text: str) -> Iterator[Signal]:
    """The literal requirement lists of a setup.py (install_requires=[...]); code is not run."""
    for block in _SETUP_REQUIRES.finditer(text):
        for q in _QUOTED.finditer(block.group(1)):
            name = pep508_name(q.group(1))
            if name:
                at = text.count("\n", 0, block.start(1) + q.start()) + 1
                yield Signal("pypi", name, file, at)
                for extra in pep508_extras(q.group(1)):
                    yield Signal("pypi", extra, file, at)


def _pipfile(file: str, text: str) -> Iterator[Signal]:
    data = _toml(text)
    for section in ("packages", "dev-packages"):
        for name in data.get(section) or {}:
            yield Signal("pypi", name, file, _quoted_line(text, name))


def _json_object(text: str) -> dict[str, Any]:
    """A JSON manifest's top-level object ({} when the text is not one)."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _package_json(file: str, text: str, info: ManifestInfo | None = None) -> Iterator[Signal]:
    data = _json_object(text)
    if info is not None and isinstance(data.get("name"), str):
        info.package = data["name"]
    for section in (
        "dependencies",
        "devDependencies",
        "peerDependencies",
        "optionalDependencies",
    ):
        deps = data.get(section)
        if isinstance(deps, dict):
            start = _line_of(text, f'"{section}"') or 1
            for name in deps:
                yield Signal("npm", name, file, _line_of(text, f'"{name}"', start))
    # top-level keys configure tools (lint-staged, prettier, jest); scripts run commands
    for key in data:
        yield Signal("config", f"package.json:{str(key).lower()}", file, _line_of(text, f'"{key}"'))
    scripts = data.get("scripts")
    prisma = data.get("prisma")
    if isinstance(scripts, dict) or isinstance(prisma, dict):
        texts = [
            v for v in (scripts if isinstance(scripts, dict) else {}).values() if isinstance(v, str)
        ]
        # Prisma runs its seed command itself (`prisma db seed`): a script of the package too
        if isinstance(prisma, dict) and isinstance(prisma.get("seed"), str):
            texts.append(prisma["seed"])
        for cmd, line in script_commands(texts, text):
            yield Signal("command", cmd, file, line)


_GOPKG = re.compile(r"^gopkg\.in/(?:([\w.\-]+)/)?([\w.\-]+?)\.v\d+(/.*)?$")


def go_path(path: str) -> str:
    """A Go import or module path with gopkg.in spelled as its GitHub home.

    gopkg.in/yaml.v3 -> github.com/go-yaml/yaml; gopkg.in/go-playground/validator.v8 ->
    github.com/go-playground/validator (the service's documented redirect rule).
    """
    m = _GOPKG.match(path)
    if m is None:
        return path
    user, name, rest = m.group(1), m.group(2), m.group(3) or ""
    return f"github.com/{user or 'go-' + name}/{name}{rest}"


_GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([A-Za-z0-9][\w.\-/~]*\.[\w.\-/~]+)\s+v[\w.\-+]+")


def _go_mod(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    in_block = in_tools = False
    for i, raw in enumerate(text.splitlines(), 1):
        line, _, comment = raw.partition("//")
        line = line.rstrip()
        if comment.strip().startswith("indirect"):
            continue  # pulled in by a dependency: the module does not use it itself
        if line.startswith("module "):
            info.go_module = line.split(None, 1)[1].strip().strip('"')
            continue
        if re.match(r"^\s*require\s*\($", line):
            in_block = True
            continue
        if in_block and line.strip() == ")":
            in_block = False
            continue
        if re.match(r"^\s*tool\s*\($", line):
            in_tools = True
            continue
        if in_tools and line.strip() == ")":
            in_tools = False
            continue
        if in_tools or line.lstrip().startswith("tool "):
            # a tool the module runs (go tool NAME, Go 1.24): its module is required only
            # indirectly, so the directive is the evidence, as a package and as a command
            path = line.strip().removeprefix("tool").strip().strip('"')
            if "." in path.split("/", 1)[0]:
                yield Signal("go", path, file, i)
                yield Signal("command", path.rstrip("/").rsplit("/", 1)[-1], file, i)
            continue
        if in_block or line.lstrip().startswith("require "):
            m = _GO_REQUIRE.match(line)
            if m:
                yield Signal("go", go_path(m.group(1)), file, i)


def _cargo(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    data = _toml(text)
    package = data.get("package") or {}
    if isinstance(package.get("name"), str):
        info.package = package["name"]
        info.crate = package["name"].replace("-", "_")
    # the programs the crate builds wherever their sources sit ([[bin]] name = "x", path = ...)
    bins = data.get("bin")
    for entry in bins if isinstance(bins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            info.bins.append(entry["name"])
    tables: list[dict[str, Any]] = []
    for key in ("dependencies", "dev-dependencies", "build-dependencies"):
        tables.append(data.get(key) or {})
    # [workspace.dependencies] pins versions and features: a member that uses one names it in
    # its own table (`bytes.workspace = true`), so a pin proves only the features it switches on
    pins = (data.get("workspace") or {}).get("dependencies") or {}
    for target in (data.get("target") or {}).values():
        if isinstance(target, dict):
            for key in ("dependencies", "dev-dependencies", "build-dependencies"):
                tables.append(target.get(key) or {})
    for table in [*tables, pins]:
        for name, spec in table.items():
            real = spec.get("package", name) if isinstance(spec, dict) else name
            at = _quoted_line(text, name)
            if table is not pins:
                yield Signal("cargo", real, file, at)
            # a feature picks a backend: sea-orm's sqlx-postgres, sqlx's sqlite
            features = spec.get("features") if isinstance(spec, dict) else None
            for feature in features if isinstance(features, list) else []:
                if isinstance(feature, str):
                    yield Signal("cargo", f"{real}/{feature}", file, at)
    # the crate's own features switch a dependency's on: s3 = ["opendal/services-s3"]
    features = data.get("features")
    for wanted in features.values() if isinstance(features, dict) else []:
        for item in wanted if isinstance(wanted, list) else []:
            if isinstance(item, str) and "/" in item:
                dep = item.removeprefix("dep:").replace("?/", "/")
                yield Signal("cargo", dep, file, _line_of(text, f'"{item}"'))
    # tools configured under [package.metadata.TOOL] (wasm-pack, cargo-deb, ...)
    # and [workspace.metadata.TOOL] (cargo-dist's `dist`)
    for owner in (package, data.get("workspace") or {}):
        metadata = owner.get("metadata") if isinstance(owner, dict) else None
        for tool in sorted(metadata) if isinstance(metadata, dict) else []:
            yield Signal("cargo", str(tool), file, _line_of(text, f"metadata.{tool}"))
    # the lint tools a crate configures ([lints.clippy], [workspace.lints.clippy])
    lints = dict(data.get("lints") or {})
    lints.update((data.get("workspace") or {}).get("lints") or {})
    for tool in sorted(lints):
        m = re.search(rf"^\[(?:workspace\.)?lints\.{re.escape(tool)}\]", text, re.M)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        yield Signal("document", f"cargo-lints:{tool}", file, line)


_POM_DEP = re.compile(
    r"<(dependency|plugin|parent|extension)>\s*(?:<!--.*?-->\s*)*"
    r"(?:<groupId>\s*([^<\s]+)\s*</groupId>\s*)?"
    r"<artifactId>\s*([^<\s]+)\s*</artifactId>",
    re.S,
)


_POM_MANAGED = re.compile(r"<(dependencyManagement|pluginManagement)>.*?</\1>", re.S)


_POM_BOM = re.compile(
    r"<dependency>\s*(?:<!--.*?-->\s*)*<groupId>\s*([^<\s]+)\s*</groupId>\s*"
    r"<artifactId>\s*([^<\s]+)\s*</artifactId>(?:(?!</dependency>).)*?<scope>\s*import\s*</scope>",
    re.S,
)


def _pom(file: str, text: str) -> Iterator[Signal]:
    # versions a parent manages for its modules are not uses: only declared dependencies count;
    # a platform (BOM) the build imports is kept apart as bom:G:A (it says Spring Cloud, not
    # which of its parts a module uses)
    managed = [m.span() for m in _POM_MANAGED.finditer(text)]
    for m in _POM_BOM.finditer(text):
        line = text.count("\n", 0, m.start(2)) + 1
        yield Signal("maven", f"bom:{m.group(1)}:{m.group(2)}", file, line)
    for m in _POM_DEP.finditer(text):
        if any(a <= m.start() < b for a, b in managed):
            continue
        line = text.count("\n", 0, m.start(3)) + 1
        group = m.group(2) or ("org.apache.maven.plugins" if m.group(1) == "plugin" else "")
        yield Signal("maven", f"{group}:{m.group(3)}", file, line)


_GRADLE_COORD = re.compile(r"""["']([\w.\-]+):([\w.\-]+)(?::[^"'\s]*)?["']""")
_GRADLE_MAP = re.compile(
    r"""\bgroup\s*[:=]\s*["']([\w.\-]+)["']\s*,\s*(?:module|name)\s*[:=]\s*["']([\w.\-]+)["']"""
)
_GRADLE_PLUGIN = re.compile(
    r"""^\s*(?:id\s*\(?\s*["']([\w.\-]+)["']|`?([\w\-]+)`?\s*$|"""
    r"""apply\s+plugin\s*:\s*["']([\w.\-]+)["'])"""
)


# Kotlin DSL shorthands: kotlin("jvm") is the plugin org.jetbrains.kotlin.jvm in plugins {},
# the artifact org.jetbrains.kotlin:kotlin-reflect in dependencies {}
_GRADLE_KOTLIN = re.compile(r"""\bkotlin\(\s*["']([\w.\-]+)["']""")
# a platform the dependency-management plugin imports: mavenBom "org.springframework.cloud:..."
_GRADLE_BOM = re.compile(r"""\bmavenBom\s*\(?\s*["']([\w.\-]+):([\w.\-]+)""")
# a platform (BOM) a dependency block imports: implementation(platform("g:a:v"))
_GRADLE_PLATFORM = re.compile(r"""\b(?:enforcedP|p)latform\s*\(?\s*["']([\w.\-]+):([\w.\-]+)""")
_SETTINGS_LIBRARY = re.compile(
    r"""\blibrary\s*\(\s*["'][^"']*["']\s*,\s*["']([\w.\-]+)(?::|["']\s*,\s*["'])([\w.\-]+)"""
)
_SETTINGS_PLUGIN = re.compile(r"""\bplugin\s*\(\s*["'][^"']*["']\s*,\s*["']([\w.\-]+)["']""")
# a version catalog imported from a published one: from("io.ktor:ktor-version-catalog:3.0")
_GRADLE_CATALOG_FROM = re.compile(r"""\.from\(\s*["']([\w.\-]+):([\w.\-]+)(?::[^"']*)?["']""")


def _gradle(file: str, text: str) -> Iterator[Signal]:
    """Dependencies (quoted coordinates, group/name maps) and plugin ids of a build script."""
    block: list[str] = []  # names of the braces we are inside
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0]
        inside = block[-1] if block else ""
        if "dependencies" in block or "buildscript.dependencies" in block:
            for pattern in (_GRADLE_COORD, _GRADLE_MAP):
                for m in pattern.finditer(line):
                    yield Signal("maven", f"{m.group(1)}:{m.group(2)}", file, i)
            for m in _GRADLE_KOTLIN.finditer(line):
                yield Signal("maven", f"org.jetbrains.kotlin:kotlin-{m.group(1)}", file, i)
        if "plugins" in block or "apply plugin" in line:
            pm = _GRADLE_PLUGIN.match(line)
            if pm:
                yield Signal("maven", "plugin:" + next(g for g in pm.groups() if g), file, i)
            for m in _GRADLE_KOTLIN.finditer(line):
                yield Signal("maven", f"plugin:org.jetbrains.kotlin.{m.group(1)}", file, i)
        for m in _GRADLE_CATALOG_FROM.finditer(line):
            yield Signal("maven", f"{m.group(1)}:{m.group(2)}", file, i)
        if "dependencies" in block:
            for m in _GRADLE_PLATFORM.finditer(line):
                yield Signal("maven", f"bom:{m.group(1)}:{m.group(2)}", file, i)
        if "versionCatalogs" in block:
            # a catalog declared in settings: library("alias", "g:a:v") or ("alias", "g", "a")
            for m in _SETTINGS_LIBRARY.finditer(line):
                yield Signal("maven", f"{m.group(1)}:{m.group(2)}", file, i)
            for m in _SETTINGS_PLUGIN.finditer(line):
                yield Signal("maven", f"plugin:{m.group(1)}", file, i)
        for m in _GRADLE_BOM.finditer(line):
            yield Signal("maven", f"bom:{m.group(1)}:{m.group(2)}", file, i)
        for opened in re.finditer(r"(\w+)?\s*(?:\([^)]*\))?\s*\{|\}", line):
            if opened.group(0) == "}":
                if block:
                    block.pop()
            else:
                name = opened.group(1) or ""
                if name == "dependencies" and inside == "buildscript":
                    name = "buildscript.dependencies"
                block.append(name)


def _version_catalog(file: str, text: str) -> Iterator[Signal]:
    """Gradle version catalog (libs.versions.toml): libraries and plugins."""
    data = _toml(text)
    for alias, spec in (data.get("libraries") or {}).items():
        coord = None
        if isinstance(spec, str):
            coord = ":".join(spec.split(":")[:2])
        elif isinstance(spec, dict):
            if isinstance(spec.get("module"), str):
                coord = spec["module"]
            elif isinstance(spec.get("group"), str) and isinstance(spec.get("name"), str):
                coord = f"{spec['group']}:{spec['name']}"
        if coord:
            yield Signal("maven", coord, file, _quoted_line(text, str(alias)))
    for alias, spec in (data.get("plugins") or {}).items():
        pid = spec.get("id") if isinstance(spec, dict) else str(spec).split(":")[0]
        if isinstance(pid, str):
            yield Signal("maven", "plugin:" + pid, file, _quoted_line(text, str(alias)))


_CSPROJ_REF = re.compile(
    r"<(PackageReference|PackageVersion|GlobalPackageReference|FrameworkReference)\s+"
    r"(?:Include|Update)\s*=\s*\"([^\"]+)\"",
    re.I,
)
_CSPROJ_SDK = re.compile(r"<(?:Project\s+Sdk|Sdk\s+Name)\s*=\s*\"([^\"/]+)", re.I)


def _csproj(file: str, text: str) -> Iterator[Signal]:
    for m in _CSPROJ_SDK.finditer(text):
        yield Signal("nuget", "sdk:" + m.group(1), file, text.count("\n", 0, m.start()) + 1)
    for m in _CSPROJ_REF.finditer(text):
        # a central version (Directory.Packages.props) is a pin, not a use: the projects that
        # reference the package say it is used, as Maven's dependencyManagement does not
        if m.group(1).lower() != "packageversion":
            yield Signal("nuget", m.group(2), file, text.count("\n", 0, m.start()) + 1)


_PACKAGES_CONFIG = re.compile(r"<package\s+id\s*=\s*\"([^\"]+)\"", re.I)
_PAKET = re.compile(r"^\s*nuget\s+([\w.\-]+)", re.M)


def _nuget_lists(file: str, text: str, lower: str) -> Iterator[Signal]:
    """NuGet ids of packages.config, paket.dependencies, local tools and MSBuild SDKs."""
    if lower in ("dotnet-tools.json", "global.json"):
        data = _json_object(text)
        table = data.get("tools") if lower == "dotnet-tools.json" else data.get("msbuild-sdks")
        prefix = "" if lower == "dotnet-tools.json" else "sdk:"
        for name in table if isinstance(table, dict) else {}:
            yield Signal("nuget", prefix + str(name), file, _json_line(text, str(name)))
        return
    rx = _PAKET if lower == "paket.dependencies" else _PACKAGES_CONFIG
    for m in rx.finditer(text):
        yield Signal("nuget", m.group(1), file, text.count("\n", 0, m.start()) + 1)


def _libman(file: str, text: str) -> Iterator[Signal]:
    """LibMan's client-side libraries ('jquery@3.6.3'), named as their CDN names them."""
    libraries = _json_object(text).get("libraries")
    for lib in libraries if isinstance(libraries, list) else []:
        ref = lib.get("library") if isinstance(lib, dict) else None
        if isinstance(ref, str) and ref.strip():
            name = ref.strip().rsplit("@", 1)[0] if ref.rfind("@") > 0 else ref.strip()
            yield Signal("npm", name, file, _json_line(text, ref))


def _json_line(text: str, value: str) -> int | None:
    at = text.find(json.dumps(value))
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _composer(file: str, text: str) -> Iterator[Signal]:
    data = _json_object(text)
    for section in ("require", "require-dev"):
        deps = data.get(section)
        if isinstance(deps, dict):
            start = _line_of(text, f'"{section}"') or 1
            for name in deps:
                yield Signal("composer", name, file, _line_of(text, f'"{name}"', start))


# `gem "x"`, `gem("x")` and one-line groups (`group :test do gem "rspec" end`)
_GEM = re.compile(r"""(?:^|[;(]|\bdo)\s*gem\s*\(?\s*["']([\w.\-]+)["']""")
# a gemspec's `spec.add_dependency "x"` (runtime and development), `%q<x>` quoting too
_GEMSPEC_DEP = re.compile(
    r"""\.add_(?:runtime_|development_)?dependency\s*\(?\s*(?:["']([\w.\-]+)["']|%q[<({\[]([\w.\-]+))"""
)


def _gemfile(file: str, text: str) -> Iterator[Signal]:
    """Gems of a Gemfile or gems.rb (any group), or of a gemspec's dependency calls."""
    pattern = _GEMSPEC_DEP if file.lower().endswith(".gemspec") else _GEM
    for i, raw in enumerate(text.splitlines(), 1):
        code = raw.split(" #", 1)[0] if not raw.lstrip().startswith("#") else ""
        for m in pattern.finditer(code):
            yield Signal("rubygems", m.group(1) or m.group(2), file, i)


# a Mix dependency by its grammar, wherever the list is built (`defp deps`, a `target_deps/1`,
# a list nested under `if ... do ... end`): `{:name, "~> 1.0"}`, `{:name, @version}` or
# `{:name, github: ...}` with one of Mix's dependency options
_MIX_DEP = re.compile(
    r"""\{\s*:([a-z_][a-z0-9_]*)\s*,\s*(?:"\s*(?:~>|>=|<=|==|>|<)?\s*\d[^"]*"|@[a-z_]\w*\b"""
    r"""|(?:git|github|path|in_umbrella|hex|only|runtime|optional|override|organization|repo"""
    r"""|sparse|app|env|compile|manager|targets|system_env|submodules)\s*:)"""
)


def _mix(file: str, text: str) -> Iterator[Signal]:
    for m in _MIX_DEP.finditer(text):
        yield Signal("hex", m.group(1), file, text.count("\n", 0, m.start()) + 1)


def _pubspec(file: str, text: str) -> Iterator[Signal]:
    """Dart and Flutter packages of a pubspec.yaml (SDK packages such as flutter_test too)."""
    docs = _yaml_docs(text)
    data = docs[0] if docs else None
    if not isinstance(data, dict):
        return
    for section in ("dependencies", "dev_dependencies"):
        deps = data.get(section)
        if isinstance(deps, dict):
            for name in deps:
                yield Signal("pub", str(name), file, _lc_line(deps, name))


# a Swift package by the last segment of its repository URL ('.../nalexn/ViewInspector.git')
_SWIFT_PACKAGE = re.compile(
    r"""\.package\s*\((?:[^()]|\([^()]*\))*?\burl\s*:\s*"[^"]*?/([\w.\-]+?)(?:\.git)?/?"\s*"""
)
_PBX_PACKAGE = re.compile(r"""\brepositoryURL\s*=\s*"?[^";]*?/([\w.\-]+?)(?:\.git)?/?"?\s*;""")
_POD = re.compile(r"""^\s*pod\s+["']([\w.\-+]+)""", re.M)
_CARTHAGE = re.compile(r"""^\s*(?:github|git)\s+"(?:[^"]*/)?([\w.\-]+?)(?:\.git)?"\s*""", re.M)


def _swift_packages(file: str, text: str, pattern: re.Pattern[str]) -> Iterator[Signal]:
    """Swift packages (Package.swift, an Xcode project's package references), pods, Carthage."""
    for m in pattern.finditer(text):
        name = m.group(1).split("/", 1)[0]  # a pod's subspec ('Firebase/Auth') is its pod
        yield Signal("swift", name, file, text.count("\n", 0, m.start(1)) + 1)


# sbt: "group" %% "artifact" % "version" (%% and %%% add the Scala suffix to the artifact),
# in build.sbt, project/*.sbt and project/*.scala (addSbtPlugin too); Mill: ivy"g::a:v"
_SBT_DEP = re.compile(r""""([\w.\-]+)"\s*%{1,3}\s*"([\w.\-]+)"\s*%""")
_MILL_DEP = re.compile(r"""\b(?:ivy|mvn)"([\w.\-]+):{1,3}([\w.\-]+):""")


# the modules Play's sbt plugin names by a bare word in libraryDependencies (PlayImport)
_PLAY_SHORTHANDS = {
    "guice": "play-guice",
    "jdbc": "play-jdbc",
    "javaJdbc": "play-java-jdbc",
    "javaJpa": "play-java-jpa",
    "evolutions": "play-jdbc-evolutions",
    "ws": "play-ahc-ws",
    "javaWs": "play-java-ws",
    "ehcache": "play-ehcache",
    "caffeine": "play-caffeine-cache",
    "cacheApi": "play-cache",
    "jcache": "play-jcache",
    "filters": "filters-helpers",
    "specs2": "play-specs2",
    "javaForms": "play-java-forms",
    "openId": "play-openid",
}
_SBT_LIBRARIES = re.compile(r"\blibraryDependencies\s*\+\+?=\s*")
_SBT_PLUGINS = re.compile(r"\benablePlugins\s*\(([^)]*)\)")


def _sbt(file: str, text: str) -> Iterator[Signal]:
    for rx in (_SBT_DEP, _MILL_DEP):
        for m in rx.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield Signal("maven", f"{m.group(1)}:{m.group(2)}", file, line)
    for m in _SBT_LIBRARIES.finditer(text):
        for word, at in _sbt_words(text, m.end()):
            if word in _PLAY_SHORTHANDS:
                line = text.count("\n", 0, at) + 1
                yield Signal("maven", f"com.typesafe.play:{_PLAY_SHORTHANDS[word]}", file, line)
    # an sbt AutoPlugin a project enables (PlayScala, SbtTwirl, JavaAppPackaging, ScalaJSPlugin)
    for m in _SBT_PLUGINS.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for word in re.findall(r"[A-Za-z_][\w.]*", m.group(1)):
            yield Signal("maven", f"sbt:{word.rsplit('.', 1)[-1]}", file, line)


def _sbt_words(text: str, start: int) -> Iterator[tuple[str, int]]:
    """The bare words of one libraryDependencies value (a Seq(...) or one expression)."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == '"':
            end = text.find('"', i + 1)
            i = len(text) if end < 0 else end + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:
                return
        elif c == "\n" and depth == 0:
            return
        elif c.isalpha() and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "._")):
            m = re.match(r"[A-Za-z]\w*", text[i:])
            word = m.group(0) if m else c
            rest = text[i + len(word) :].lstrip(" \t")
            if not rest.startswith(("(", ".", "=")):
                yield word, i
            i += len(word)
            continue
        i += 1


# Clojure: deps.edn / bb.edn keys `group/artifact {:mvn/version ...}` (or :git/..., :local/root),
# and Leiningen's `[group/artifact "version"]` vectors (a bare symbol: group = artifact).
_EDN_DEP = re.compile(
    r"(?<![\w.\-/:])([A-Za-z][\w.\-]*)/([A-Za-z][\w.\-]*)\s*\{\s*:(?:mvn|git|local|deps)/"
)
_LEIN_DEP = re.compile(r"\[\s*([A-Za-z][\w.\-]*)(?:/([A-Za-z][\w.\-]*))?\s+\"[^\"\n]*\"")


def _clojure(file: str, text: str) -> Iterator[Signal]:
    """Maven coordinates of a Clojure project's dependencies (tools.deps or Leiningen)."""
    lein = file.rsplit("/", 1)[-1].lower() == "project.clj"
    for m in (_LEIN_DEP if lein else _EDN_DEP).finditer(text):
        group, artifact = m.group(1), m.group(2) or m.group(1)
        yield Signal("maven", f"{group}:{artifact}", file, text.count("\n", 0, m.start()) + 1)


_JSONC_COMMENT = re.compile(r'("(?:[^"\\]|\\.)*")|//[^\n]*|/\*.*?\*/', re.S)
# Deno specifiers: npm:name@v, jsr:@scope/name@v, deno.land/x/name@v, deno.land/std@v, esm.sh
_DENO_SPEC = re.compile(
    r"^(?:npm:/?(?P<npm>(?:@[\w.\-]+/)?[\w.\-]+)"
    r"|jsr:/?(?P<jsr>@[\w.\-]+/[\w.\-]+)"
    r"|https?://deno\.land/(?:x/(?P<x>[\w.\-]+?)|(?P<std>std))(?:@|/|$)"
    r"|https?://(?:esm\.sh|cdn\.skypack\.dev)/(?:v\d+/)?(?P<esm>(?:@[\w.\-]+/)?[\w.\-]+))"
)


def deno_specifier(spec: str) -> tuple[str, str] | None:
    """(kind, name) of a Deno import specifier: npm:preact@10 -> ('npm', 'preact')."""
    m = _DENO_SPEC.match(spec.strip())
    if m is None:
        return None
    if m.group("npm") or m.group("esm"):
        return "npm", m.group("npm") or m.group("esm")
    if m.group("jsr"):
        return "deno", m.group("jsr")
    return "deno", m.group("x") or "std"


def _deno(file: str, text: str) -> Iterator[Signal]:
    """The imports map of deno.json(c) or an import map (npm:, jsr:, deno.land/x specifiers)."""
    try:
        data = json.loads(_JSONC_COMMENT.sub(lambda m: m.group(1) or "", text))
    except ValueError:
        return
    imports = data.get("imports") if isinstance(data, dict) else None
    if not isinstance(imports, dict):
        return
    for spec in imports.values():
        if isinstance(spec, str):
            found = deno_specifier(spec)
            if found is not None:
                yield Signal(found[0], found[1], file, _json_line(text, spec))


# import maps of server-rendered apps: Symfony AssetMapper's importmap.php ('jquery' =>
# ['version' => '3.7.1']; an entry with only a 'path' is the app's own) and importmap-rails'
# config/importmap.rb (pin "d3" # @7.9.0; pin_all_from is the app's own code)
_PHP_IMPORT = re.compile(r"""^[ \t]*['"]([^'"\n]+)['"][ \t]*=>[ \t]*\[([^\]]*)\]""", re.M)
_RB_PIN = re.compile(r"""^[ \t]*pin[ \t(]+["']([^"'\n]+)["']""", re.M)


def _npm_root(spec: str) -> str:
    """The package of an import specifier ('highlight.js/lib/core' -> 'highlight.js')."""
    parts = spec.split("/")
    return "/".join(parts[:2]) if spec.startswith("@") else parts[0]


def _importmap(file: str, text: str) -> Iterator[Signal]:
    """Packages an import map pins (importmap.php, config/importmap.rb), as npm packages."""
    seen: set[str] = set()
    if file.endswith(".php"):
        found = [
            (m.group(1), m.start()) for m in _PHP_IMPORT.finditer(text) if "version" in m.group(2)
        ]
    else:
        found = [(m.group(1), m.start()) for m in _RB_PIN.finditer(text)]
    for spec, at in found:
        name = _npm_root(spec)
        if name and name != "application" and name not in seen:
            seen.add(name)
            yield Signal("npm", name, file, text.count("\n", 0, at) + 1)


_DESCRIPTION_FIELD = re.compile(r"^(Depends|Imports|Suggests|LinkingTo):(.*(?:\n[ \t]+.*)*)", re.M)


def _r_description(file: str, text: str) -> Iterator[Signal]:
    """R packages a DESCRIPTION file depends on (R itself is not a package)."""
    for m in _DESCRIPTION_FIELD.finditer(text):
        start = text.count("\n", 0, m.start()) + 1
        for i, chunk in enumerate(m.group(2).split("\n")):
            for item in chunk.split(","):
                name = re.split(r"[\s(]", item.strip(), maxsplit=1)[0]
                if name and name != "R":
                    yield Signal("cran", name, file, start + i)


def _julia_project(file: str, text: str) -> Iterator[Signal]:
    """Julia packages of a Project.toml ([deps], [extras])."""
    data = _toml(text)
    for section in ("deps", "weakdeps", "extras"):
        for name in data.get(section) or {}:
            yield Signal("julia", str(name), file, _line_of(text, f"{name} ="))


_CABAL_DEPS = re.compile(r"^[ \t]*build-depends:(.*(?:\n[ \t]+[,A-Za-z][^:\n]*$)*)", re.M | re.I)


def _cabal(file: str, text: str) -> Iterator[Signal]:
    """Haskell packages of a .cabal file's build-depends (all components)."""
    seen: set[str] = set()
    for m in _CABAL_DEPS.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for chunk in m.group(1).split("\n"):
            for item in chunk.split(","):
                name = re.split(r"[\s<>=^]", item.strip(), maxsplit=1)[0]
                if name and name not in seen and re.match(r"^[A-Za-z][\w\-]*$", name):
                    seen.add(name)
                    yield Signal("hackage", name, file, line)


_CONAN_REF = re.compile(r"""["']?([A-Za-z0-9_.\-+]+)/[\w.\-+\[\]<>=~^ ,]+(?:@[\w./\-]+)?["']?""")


def _conan_vcpkg(file: str, text: str, lower: str) -> Iterator[Signal]:
    """C/C++ packages: vcpkg.json dependencies, conanfile.txt [requires], conanfile.py requires."""
    if lower == "vcpkg.json":
        deps = _json_object(text).get("dependencies")
        for dep in deps if isinstance(deps, list) else []:
            name = dep.get("name") if isinstance(dep, dict) else dep
            if isinstance(name, str):
                yield Signal("cpp", name, file, _json_line(text, name))
        return
    if lower == "conanfile.txt":
        section = ""
        for i, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if line.startswith("["):
                section = line
            elif section in ("[requires]", "[tool_requires]", "[build_requires]") and "/" in line:
                yield Signal("cpp", line.split("/", 1)[0], file, i)
        return
    for m in re.finditer(r"(?:requires|tool_requires|self\.requires)\s*[=(]\s*([^\n)]*)", text):
        at = text.count("\n", 0, m.start()) + 1
        for ref in _CONAN_REF.finditer(m.group(1)):
            yield Signal("cpp", ref.group(1), file, at)


# packages a CMake or Meson build finds or fetches (most C/C++ projects use no package manager)
_CMAKE_PACKAGE = re.compile(
    r"""\b(?:find_package|FetchContent_Declare|FetchContent_MakeAvailable|CPMFindPackage)"""
    r"""\s*\(\s*([A-Za-z][\w+.\-]*)"""
    r"""|\bCPMAddPackage\s*\(\s*(?:NAME\s+([\w+.\-]+)|"(?:gh|gl):[\w.\-]+/([\w+.\-]+?)(?:@|#|"))"""
    r"""|\bpkg_(?:check|search)_modules?\s*\(\s*\w+\s+(?:(?:REQUIRED|QUIET|IMPORTED_TARGET|GLOBAL)\s+)*"""
    r"""([A-Za-z][\w+.\-]*)"""
    r"""|\bdependency\s*\(\s*'([A-Za-z][\w+.\-]*)'""",
    re.I,
)


def _cmake_meson(file: str, text: str) -> Iterator[Signal]:
    """C/C++ packages a build script finds, fetches or asks pkg-config for (as cpp packages)."""
    for m in _CMAKE_PACKAGE.finditer(text):
        name = next(g for g in m.groups() if g)
        line = text.count("\n", 0, m.start()) + 1
        yield Signal("cpp", name.lower(), file, line)


def image_name(ref: str) -> str:
    """An image reference without default registry, tag or digest ('postgres:16' -> 'postgres')."""
    ref = ref.strip().strip("\"'")
    ref = ref.split("@", 1)[0]
    last_slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > last_slash:
        ref = ref[:colon]
    for prefix in ("docker.io/library/", "docker.io/", "library/", "index.docker.io/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix) :]
    return ref


def known_image(ref: str) -> str | None:
    """The image a reference names when only its tag is a variable ('kafka:${VERSION}' ->
    'kafka'); None when the repository itself is a variable."""
    ref = ref.strip().strip("\"'")
    head, dollar, tail = ref.partition("$")
    if not dollar:
        return image_name(ref) if ref else None
    if "/" in tail:
        return None  # the variable is part of the registry or repository
    digest = head.find("@")
    colon = head.rfind(":")
    if digest > 0:
        return image_name(head[:digest])
    if colon > head.rfind("/") and colon > 0:
        return image_name(head[:colon])
    return None


def _image_tag(ref: str) -> str | None:
    """The literal tag of an image reference ('php:8.3-fpm' -> '8.3-fpm'), None without one."""
    ref = ref.strip().strip("\"'").split("@", 1)[0]
    colon = ref.rfind(":")
    if colon <= ref.rfind("/") or "$" in ref[colon:]:
        return None
    return ref[colon + 1 :].lower() or None


_FROM = re.compile(r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", re.I)
_ENV = re.compile(r"^\s*ENV\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)


def _dockerfile(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    stages: set[str] = set()
    for i, raw in enumerate(text.splitlines(), 1):
        m = _FROM.match(raw)
        if m:
            ref, alias = m.group(1), m.group(2)
            image = known_image(ref)
            if ref.lower() not in stages and ref.lower() != "scratch" and image is not None:
                yield Signal("docker_image", image, file, i)
                if tag := _image_tag(ref):
                    # the variant a tag names (php:8.3-fpm-alpine, php:8-apache) is a server
                    yield Signal("config", f"image-tag:{image}:{tag}", file, i)
            if alias:
                stages.add(alias.lower())
            continue
        m = _ENV.match(raw)
        if m:
            yield Signal("env", m.group(1), file, i)
    # a RUN instruction continued over lines with a trailing backslash is read as one line
    start, joined = 1, ""
    env: list[str] = []
    for i, raw in enumerate(text.splitlines(), 1):
        if not joined:
            start = i
        stripped = raw.rstrip()
        joined += " " + stripped.rstrip("\\")
        if not stripped.endswith("\\"):
            yield from _installs(joined, file, start)
            yield from _run_commands(joined, file, start)
            env += _env_instruction(joined)
            joined = ""
    if joined:
        yield from _installs(joined, file, start)
        yield from _run_commands(joined, file, start)
        env += _env_instruction(joined)
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    name = folder.rsplit("/", 1)[-1] if folder else "root"
    info.deployables.append(Deployable(name, "dockerfile", file, 1, folder, env_values=tuple(env)))


_ENV_INSTRUCTION = re.compile(r"^\s*ENV\s+(.*)$", re.I)


def _env_instruction(line: str) -> list[str]:
    """NAME=value settings of an ENV instruction (`ENV A=1 B="x y"`, the older `ENV A 1`)."""
    m = _ENV_INSTRUCTION.match(line)
    if m is None:
        return []
    try:
        words = shlex.split(m.group(1))
    except ValueError:
        words = m.group(1).split()
    if words and "=" not in words[0]:
        return [f"{words[0]}={' '.join(words[1:])}"] if len(words) > 1 else []
    return [w for w in words if "=" in w]


# packages an image installs by name (`RUN pip install gunicorn`, `npm install -g pm2`): they
# are dependencies as much as the manifest's; `-r file` and bare `npm install` read manifests
_INSTALL = re.compile(
    r"\b(?:(pip3?|uv pip|pipx)\s+install|(npm)\s+(?:install|i|add)"
    r"|(yarn)\s+(?:global\s+)?add|(pnpm)\s+(?:add|install)|(gem)\s+install|(go)\s+install"
    r"|(cargo)\s+(?:b?install)"
    r"|(apt-get|apt|apk|yum|dnf|microdnf|zypper)\s+(?:-\S+\s+)*(?:install|add)"
    r"|(docker-php-ext-install|docker-php-ext-enable|install-php-extensions|pecl\s+install))"
    r"\b([^&;|]*)"
)
# a PHP extension an image builds is the `ext-NAME` a composer.json may require
_INSTALL_KIND = ("pypi", "npm", "npm", "npm", "rubygems", "go", "cargo", "system", "php-ext")
# a cargo subcommand that is not built in is a plugin the build runs (cargo chef, cargo llvm-cov)
_CARGO_SUB = re.compile(r"\bcargo[ \t]+(?:\+[\w.\-]+[ \t]+)?([a-z][\w\-]*)")
_CARGO_BUILTIN = frozenset(
    [
        "add",
        "bench",
        "build",
        "check",
        "clean",
        "clippy",
        "config",
        "doc",
        "fetch",
        "fix",
        "fmt",
        "generate-lockfile",
        "help",
        "info",
        "init",
        "install",
        "binstall",
        "locate-project",
        "login",
        "logout",
        "metadata",
        "miri",
        "new",
        "owner",
        "package",
        "pkgid",
        "publish",
        "remove",
        "report",
        "run",
        "rustc",
        "rustdoc",
        "search",
        "test",
        "tree",
        "uninstall",
        "update",
        "vendor",
        "verify-project",
        "version",
        "yank",
    ]
)


_RUN = re.compile(r"^\s*(?:RUN|CMD|ENTRYPOINT)\s+(?:--\S+\s+)*(.*)$", re.I | re.S)


def _run_commands(line: str, file: str, at: int) -> Iterator[Signal]:
    """The commands a Dockerfile RUN, CMD or ENTRYPOINT instruction runs (shell or exec form)."""
    m = _RUN.match(line)
    if m is None:
        return
    body = m.group(1).strip()
    if body.startswith("["):
        body = " ".join(_QUOTED.findall(body))
    for cmd, _ in commands(body):
        yield Signal("command", cmd, file, at)


def _cargo_plugins(line: str, file: str, at: int) -> Iterator[Signal]:
    for m in _CARGO_SUB.finditer(line):
        if m.group(1) not in _CARGO_BUILTIN:
            yield Signal("cargo", "cargo-" + m.group(1), file, at)


_OPTION_WITH_VALUE = {
    "-r",
    "-c",
    "-e",
    "--requirement",
    "--constraint",
    "--editable",
    "-t",
    "--target",
    "--prefix",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-v",
    "--version",
    "--virtual",  # apk add --virtual .build-deps gcc
    "-o",
}


def _installs(line: str, file: str, at: int) -> Iterator[Signal]:
    """Packages a Dockerfile line installs by name."""
    if "cargo" in line:
        yield from _cargo_plugins(line, file, at)
    for m in _INSTALL.finditer(line):
        kind = _INSTALL_KIND[next(i for i in range(9) if m.group(i + 1))]
        skip = False
        for raw in m.group(10).split():
            token = raw.strip("\"'\\")
            if skip:
                skip = False
                continue
            if token in _OPTION_WITH_VALUE:
                skip = True
                continue
            if not token or token.startswith(("-", ".", "/", "$", "git+", "http")):
                continue
            if kind == "pypi":
                name = pep508_name(token)
            elif kind == "go":
                name = go_path(token.split("@", 1)[0])
            elif kind == "system":
                name = re.split(r"[=<>]", token, maxsplit=1)[0]  # nginx=1.25.* -> nginx
            elif kind == "php-ext":
                # pdo_sqlsrv-5.13.0 (pecl's NAME-VERSION) -> ext-pdo_sqlsrv
                ext = token.split("-", 1)[0]
                if ext:
                    yield Signal("composer", f"ext-{ext.lower()}", file, at)
                continue
            else:
                name = token.rsplit("@", 1)[0] if token.rfind("@") > 0 else token
            if name:
                yield Signal(kind, name, file, at)


_SETTING_KEY = re.compile(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")


# Procfile process types that run once per release or deploy, not as long-lived processes
_ONE_OFF_PROCESSES = frozenset({"release", "postdeploy", "predeploy", "migrate", "setup"})
_PROCESS = re.compile(r"^([A-Za-z0-9_-]+)\s*:\s*(\S.*)$")


def _procfile(file: str, text: str, info: ManifestInfo) -> None:
    """Process types a Procfile (Heroku, Dokku, Foreman) runs as long-lived processes."""
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    for i, line in enumerate(text.splitlines(), 1):
        m = _PROCESS.match(line.strip())
        if m is None:
            continue
        # what every process type runs (web: bundle exec puma, release: rails db:migrate)
        info.signals.extend(Signal("command", cmd, file, i) for cmd, _ in commands(m.group(2)))
        if m.group(1).lower() not in _ONE_OFF_PROCESSES:
            info.deployables.append(
                Deployable(m.group(1), "procfile", file, i, folder, command=m.group(2))
            )


def _env_file(file: str, text: str) -> Iterator[Signal]:
    for i, raw in enumerate(text.splitlines(), 1):
        m = _ENV_LINE.match(raw)
        if m:
            yield Signal("env", m.group(1), file, i)


def _yaml_docs(text: str) -> list[Any]:
    """The documents of a YAML text, mappings knowing their keys' lines (`.lc.key(k)`).

    libyaml composes the nodes (a pure-Python parser took most of the time on a tree of many
    Kubernetes manifests); scalars are read as YAML 1.2's core schema, as ruamel.yaml does
    (`yes` and `8080:80` stay strings)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return []
    out = []
    for node in nodes:
        if node is None:
            continue
        try:
            doc = _Doc().value(node)
        except RecursionError:
            continue
        if doc is not None:
            out.append(doc)
    return out


class _KeyLines:
    """ruamel.yaml's `lc`: the (line, column) of each key of a mapping or item of a sequence."""

    def __init__(self) -> None:
        self.at: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self.at[key]

    def item(self, index: int) -> tuple[int, int]:
        return self.at[index]


class YamlList(list[Any]):
    """A YAML sequence that knows where its items are."""

    lc: _KeyLines


class YamlMap(dict[Any, Any]):
    """A YAML mapping that knows where its keys are."""

    lc: _KeyLines


_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_MERGE = "tag:yaml.org,2002:merge"


class _Doc:
    """Plain Python values of composed YAML nodes; an alias is converted once (no blow-up)."""

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}

    def value(self, node: Any) -> Any:
        import yaml

        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        seen = self.done.get(id(node))
        if seen is not None:
            return seen
        if isinstance(node, yaml.SequenceNode):
            items = YamlList()
            items.lc = _KeyLines()
            self.done[id(node)] = items
            for i, n in enumerate(node.value):
                items.append(self.value(n))
                items.lc.at[i] = (n.start_mark.line, n.start_mark.column)
            return items
        mapping = YamlMap()
        mapping.lc = _KeyLines()
        self.done[id(node)] = mapping
        merged: list[Any] = []
        for k, v in node.value:
            if k.tag == _MERGE or (k.value == "<<" and not getattr(k, "style", None)):
                merged += v.value if isinstance(v, yaml.SequenceNode) else [v]
                continue
            key = self.value(k)
            try:
                mapping[key] = self.value(v)
            except TypeError:  # an unhashable key (a mapping as key) is not read
                continue
            mapping.lc.at[key] = (k.start_mark.line, k.start_mark.column)
        for m in merged:
            extra = self.value(m)
            if isinstance(extra, YamlMap):
                for key, val in extra.items():
                    if key not in mapping:
                        mapping[key] = val
                        mapping.lc.at[key] = extra.lc.at.get(key, (0, 0))
        return mapping


def _scalar(node: Any) -> Any:
    """A scalar by YAML 1.2's core schema; quoted and block scalars stay text."""
    v: str = node.value
    if node.style:
        return v
    if v in _NULL:
        return None
    if v in _BOOL:
        return _BOOL[v]
    try:
        if _INT.fullmatch(v):
            return int(v, 0) if v[:2] in ("0o", "0x") else int(v)
        if _FLOAT.fullmatch(v):
            return float(v)
    except ValueError:
        return v
    return v


def _lc_line(node: Any, key: Any) -> int | None:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _walk_yaml(node: Any, file: str) -> Iterator[Signal]:
    """Every `image:` value and every environment variable name in a YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "image" and isinstance(value, str) and known_image(value) is not None:
                yield Signal("docker_image", str(known_image(value)), file, _lc_line(node, key))
            elif key == "image" and isinstance(value, dict) and _repository(value):
                # Helm values: image: {registry: ghcr.io, repository: org/app, tag: 1.2}
                yield Signal("docker_image", _repository(value), file, _lc_line(node, key))
            elif key in ("environment", "env", "variables") and isinstance(value, dict):
                for name in value:
                    yield Signal("env", str(name), file, _lc_line(value, name))
            elif key in ("environment", "env") and isinstance(value, list):
                for i, item in enumerate(value):
                    line = None
                    try:
                        line = int(value.lc.item(i)[0]) + 1  # type: ignore[attr-defined]
                    except (AttributeError, KeyError, TypeError):
                        line = None
                    if isinstance(item, str):
                        yield Signal("env", item.split("=", 1)[0], file, line)
                    elif isinstance(item, dict) and isinstance(item.get("name"), str):
                        yield Signal("env", item["name"], file, line)
            else:
                yield from _walk_yaml(value, file)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_yaml(item, file)


def _helm_values(file: str, docs: list[Any], info: ManifestInfo) -> None:
    """A Helm chart's values, one section per component (`web: {env: {API_URL: ...}}`): each
    section's settings, read later for the addresses of other services (engine: only beside a
    Chart.yaml and for a section named like a service)."""
    values = docs[0] if docs else None
    if not isinstance(values, dict):
        return
    for key, section in values.items():
        if isinstance(section, dict):
            settings = tuple(_settings(section))
            if settings:
                info.deployables.append(
                    Deployable(str(key), "values", file, _lc_line(values, key), env_values=settings)
                )


def _settings(node: Any, key: str = "") -> Iterator[str]:
    """NAME=value for every text leaf of a values tree (`- name: X` / `value: y` items too)."""
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and isinstance(node.get("value"), str):
            yield f"{node['name']}={node['value']}"
            return
        for k, v in node.items():
            yield from _settings(v, str(k))
    elif isinstance(node, list):
        for item in node:
            yield from _settings(item, key)
    elif isinstance(node, str) and key and node:
        yield f"{key.upper()}={node}"


def _repository(image: dict[Any, Any]) -> str:
    """The image a Helm values `image:` map names (registry and repository), or ''."""
    repo = image.get("repository")
    if not isinstance(repo, str) or not repo or "$" in repo or "{" in repo:
        return ""
    registry = image.get("registry")
    if isinstance(registry, str) and registry and "{" not in registry and "/" not in repo[:1]:
        repo = f"{registry}/{repo}"
    return image_name(repo)


def _env_file_paths(value: Any) -> list[str]:
    """The files of a compose `env_file` (a path, a list of paths, or of `{path: ...}`)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        path = item.get("path") if isinstance(item, dict) else item
        if isinstance(path, str) and path and "$" not in path:
            out.append(path)
    return out


def _extends(file: str, value: Any) -> tuple[str, str] | None:
    """The service a compose `extends` names (`extends: base`, `{file: common.yml, service: x}`)
    as (file, service), the file relative to the root."""
    if isinstance(value, str):
        return (file, value)
    if isinstance(value, dict) and isinstance(value.get("service"), str):
        other = value.get("file")
        folder = file.rsplit("/", 1)[0] if "/" in file else ""
        return (_join(folder, other) if isinstance(other, str) else file, value["service"])
    return None


def _completed(depends_on: Any) -> tuple[str, ...]:
    """The compose services a `depends_on` mapping waits on to exit successfully."""
    if not isinstance(depends_on, dict):
        return ()
    return tuple(
        str(k)
        for k, v in depends_on.items()
        if isinstance(v, dict) and v.get("condition") == "service_completed_successfully"
    )


def _str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return tuple(str(k) for k in value)
    if isinstance(value, list):
        return tuple(str(v).split(":", 1)[0] for v in value if isinstance(v, str))
    return ()


# a command-line flag carrying a value (`--backend-url=http://backend:9898`, `--cache-server x`)
_FLAG = re.compile(r"^--?([A-Za-z][\w\-]*)(?:=(.+))?$")


def _arg_values(*commands: Any) -> tuple[str, ...]:
    """Flags of a command or args list (or string) as NAME=VALUE, read like the environment."""
    words: list[str] = []
    for cmd in commands:
        if isinstance(cmd, str):
            words += cmd.split()
        elif isinstance(cmd, list):
            words += [str(w) for w in cmd if isinstance(w, str | int)]
    out: list[str] = []
    for i, word in enumerate(words):
        m = _FLAG.match(word)
        if m is None:
            continue
        value = m.group(2)
        if value is None and i + 1 < len(words) and not words[i + 1].startswith("-"):
            value = words[i + 1]
        if value:
            out.append(f"{m.group(1).replace('-', '_').upper()}={value}")
    return tuple(out)


def _env_values(value: Any) -> tuple[str, ...]:
    """A compose or Kubernetes environment as NAME=VALUE (list, mapping or name/value items)."""
    out: list[str] = []
    if isinstance(value, dict):
        out += [f"{k}={v}" for k, v in value.items() if isinstance(v, str | int)]
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str) and "=" in item:
                out.append(item)
            elif isinstance(item, dict) and isinstance(item.get("value"), str | int):
                out.append(f"{item.get('name')}={item['value']}")
    return tuple(out)


_COMPOSE_KEYS = frozenset(
    {"version", "name", "services", "networks", "volumes", "configs", "secrets", "include"}
)


def is_compose(docs: list[Any]) -> bool:
    """A compose file whatever it is called: only compose's top-level keys (and `x-` ones), and
    services that are mappings, one at least with an image or a build (not a CI's services)."""
    for doc in docs:
        if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
            continue
        keys = {str(k) for k in doc}
        if any(k not in _COMPOSE_KEYS and not k.startswith("x-") for k in keys):
            continue
        services = doc["services"].values()
        if all(isinstance(s, dict) for s in services) and any(
            "image" in s or "build" in s for s in services
        ):
            return True
    return False


def _network_aliases(svc: dict[Any, Any]) -> tuple[str, ...]:
    """The names a compose service answers to on its networks (`networks: {n: {aliases: [..]}}`)."""
    networks = svc.get("networks")
    out: list[str] = []
    if isinstance(networks, dict):
        for net in networks.values():
            if isinstance(net, dict):
                out += [a for a in _str_list(net.get("aliases")) if a not in out]
    return tuple(out)


_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([\w\-]*)")


def documented_compose(path: str, text: str) -> list[Deployable]:
    """Services of a compose file shown in a Markdown page (an installation guide's
    `docker-compose.yml` block): the deployment the owners document when the tree has none."""
    info = ManifestInfo()
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None or m.group(3).lower() not in ("yml", "yaml", "compose", ""):
            i += 1
            continue
        indent, fence, first = len(m.group(1)), m.group(2), i + 1
        i = first
        while i < len(lines) and not lines[i].strip().startswith(fence):
            i += 1
        block = [
            line[indent:] if line[:indent].isspace() else line.lstrip() for line in lines[first:i]
        ]
        i += 1
        body = "\n".join(block)
        if "services:" not in body:
            continue
        # blank lines before the block keep the page's line numbers
        docs = _yaml_docs("\n" * first + body)
        if is_compose(docs):
            _compose(path, docs, info)
    return info.deployables


def _host_ports(value: Any) -> tuple[str, ...]:
    """The host ports of compose `ports` ("8082:8082", "127.0.0.1:80:8080", {published: 80})."""
    out: list[str] = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict) and item.get("published") is not None:
            out.append(str(item["published"]))
        elif isinstance(item, str | int) and ":" in str(item):
            out.append(str(item).rsplit(":", 2)[-2])
    return tuple(p for p in out if p.isdigit())


def _compose(file: str, docs: list[Any], info: ManifestInfo) -> None:
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    for doc in docs:
        services = doc.get("services") if isinstance(doc, dict) else None
        if not isinstance(services, dict):
            continue
        # a service other services call by its network alias is named by it (the key, often
        # `api-java25` or `api-native`, is one variant of it)
        renamed: dict[str, str] = {}
        for key, svc in services.items():
            if isinstance(svc, dict) and (aliases := _network_aliases(svc)):
                renamed[str(key)] = aliases[0]
        for key, svc in services.items():
            name = renamed.get(str(key), str(key))
            known: tuple[str, ...] = (str(key),)
            if isinstance(svc, dict):
                known += _network_aliases(svc)
                if isinstance(svc.get("container_name"), str):
                    known += (svc["container_name"],)
            others = tuple(a for a in known if a != name)
            context = None
            image = None
            links: tuple[str, ...] = ()
            env: tuple[str, ...] = ()
            volumes: tuple[str, ...] = ()
            dockerfile = None
            target: str | None = None
            workdir: str | None = None
            env_files: tuple[str, ...] = ()
            completed: tuple[str, ...] = ()
            extends: tuple[str, str] | None = None
            if isinstance(svc, dict):
                completed = _completed(svc.get("depends_on"))
                extends = _extends(file, svc.get("extends"))
                build = svc.get("build")
                if isinstance(build, str):
                    context = build
                elif isinstance(build, dict):
                    context = build.get("context") if isinstance(build.get("context"), str) else "."
                    if isinstance(build.get("dockerfile"), str):
                        dockerfile = build["dockerfile"]
                    if isinstance(build.get("target"), str):
                        target = build["target"]
                if isinstance(svc.get("image"), str):
                    image = image_name(svc["image"])
                links = tuple(
                    renamed.get(x, x)
                    for x in _str_list(svc.get("depends_on"))
                    + _str_list(svc.get("links"))
                    # containers of another compose file of the deployment (`mysql:db`)
                    + _str_list(svc.get("external_links"))
                )
                env = _env_values(svc.get("environment")) + _arg_values(svc.get("command"))
                vols = svc.get("volumes")
                if isinstance(vols, list):
                    volumes = tuple(v for v in vols if isinstance(v, str))
                if isinstance(svc.get("working_dir"), str):
                    workdir = svc["working_dir"]
                env_files = tuple(_join(folder, f) for f in _env_file_paths(svc.get("env_file")))
            if context is not None:
                context = _join(folder, context)
                if dockerfile is not None:
                    dockerfile = _join(context, dockerfile)
            info.deployables.append(
                Deployable(
                    name,
                    "compose",
                    file,
                    _lc_line(services, key),
                    context,
                    image,
                    links,
                    env,
                    volumes,
                    dockerfile,
                    aliases=others,
                    workdir=workdir,
                    env_files=env_files,
                    completed=completed,
                    extends=extends,
                    profiles=_str_list(svc.get("profiles")) if isinstance(svc, dict) else (),
                    ports=_host_ports(svc.get("ports")) if isinstance(svc, dict) else (),
                    command=str(svc.get("command")) if isinstance(svc, dict) else None,
                    target=target,
                )
            )


def _join(folder: str, rel: str) -> str:
    parts = [p for p in folder.split("/") if p] if folder else []
    for piece in rel.replace("\\", "/").split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    return "/".join(parts)


_K8S_WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
_API_KIND = re.compile(r"^(apiVersion|kind):\s*[\"']?([\w.\-/]+)", re.M)


def api_group(api_version: str) -> str:
    """The group of an apiVersion ('apps/v1' -> 'apps', 'v1' -> 'core')."""
    return api_version.rsplit("/", 1)[0] if "/" in api_version else "core"


def _kinds(file: str, text: str) -> Iterator[Signal]:
    """Documents with apiVersion and kind as 'group/Kind' (from text, so templates count too)."""
    offset = 0
    for doc in re.split(r"(?m)^---[^\n]*$", text):
        found = {m.group(1): m for m in reversed(list(_API_KIND.finditer(doc)))}
        if "apiVersion" in found and "kind" in found:
            m = found["kind"]
            line = text.count("\n", 0, offset + m.start()) + 1
            group = api_group(found["apiVersion"].group(2))
            yield Signal("k8s", f"{group}/{m.group(2)}", file, line)
        offset += len(doc) + 3


def _containers(spec: Any) -> list[Any]:
    """The containers of a workload (Deployment, Job, CronJob...)."""
    node = spec
    for key in ("jobTemplate", "spec", "template", "spec"):
        if isinstance(node, dict) and isinstance(node.get(key), dict):
            node = node[key]
    while isinstance(node, dict) and "containers" not in node:
        if not isinstance(node.get("spec"), dict):
            break
        node = node["spec"]
    found = node.get("containers") if isinstance(node, dict) else None
    return [c for c in found or [] if isinstance(c, dict)]


# a setting taken from a ConfigMap or Secret: `NAME=${ref:sql-config/connection_string}`, and
# all of one (`envFrom`) as `${ref:sql-config}`; the engine resolves them across files
REF = re.compile(r"\$\{ref:([^/}]+)(?:/([^}]+))?\}")


def _env_refs(container: dict[str, Any]) -> tuple[str, ...]:
    """Settings a container takes from ConfigMaps and Secrets, as references to resolve."""
    out: list[str] = []
    for item in container.get("env") or []:
        source = item.get("valueFrom") if isinstance(item, dict) else None
        if not isinstance(source, dict):
            continue
        for kind in ("configMapKeyRef", "secretKeyRef"):
            ref = source.get(kind)
            if isinstance(ref, dict) and isinstance(ref.get("name"), str):
                out.append(f"{item.get('name')}=${{ref:{ref['name']}/{ref.get('key')}}}")
    for item in container.get("envFrom") or []:
        for kind in ("configMapRef", "secretRef"):
            ref = item.get(kind) if isinstance(item, dict) else None
            if isinstance(ref, dict) and isinstance(ref.get("name"), str):
                out.append(f"{ref['name']}=${{ref:{ref['name']}}}")
    return tuple(out)


def _config_data(doc: dict[str, Any]) -> tuple[str, ...]:
    """A ConfigMap's or Secret's entries as KEY=VALUE (a Secret's `data` decoded from base64)."""
    out = [f"{k}={v}" for k, v in (doc.get("stringData") or {}).items() if isinstance(v, str | int)]
    for k, raw in (doc.get("data") or {}).items():
        if not isinstance(raw, str):
            continue
        value = raw
        if doc.get("kind") == "Secret":
            try:
                value = base64.b64decode(raw, validate=True).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                continue
        out.append(f"{k}={value}")
    return tuple(out)


def _container_ports(container: dict[str, Any]) -> tuple[str, ...]:
    ports = container.get("ports") or []
    return tuple(
        str(p["containerPort"]) for p in ports if isinstance(p, dict) and "containerPort" in p
    )


def _kubernetes(file: str, docs: list[Any], info: ManifestInfo) -> None:
    for doc in docs:
        if not isinstance(doc, dict) or not isinstance(doc.get("apiVersion"), str):
            continue
        meta = doc.get("metadata") or {}
        name = meta.get("name") if isinstance(meta, dict) else None
        if not isinstance(name, str):
            continue
        if doc.get("kind") in ("ConfigMap", "Secret"):
            data = _config_data(doc)
            if data:
                info.deployables.append(
                    Deployable(name, "config", file, _lc_line(doc, "kind"), env_values=data)
                )
            continue
        if doc.get("kind") not in _K8S_WORKLOADS:
            continue
        containers = _containers(doc.get("spec"))
        image = None
        env: tuple[str, ...] = ()
        for c in containers:
            if image is None and isinstance(c.get("image"), str) and "$" not in c["image"]:
                image = image_name(c["image"])
            env += (
                _env_values(c.get("env"))
                + _env_refs(c)
                + _arg_values(c.get("command"), c.get("args"))
            )
        # the pod's other containers, each a process the first one reaches at localhost
        sidecars = [c for c in containers[1:] if isinstance(c.get("name"), str) and c.get("image")]
        info.deployables.append(
            Deployable(
                name,
                "kubernetes",
                file,
                _lc_line(doc, "kind"),
                None,
                image,
                (),
                env,
                workload=str(doc["kind"]),
                pod=tuple(c["name"] for c in sidecars),
            )
        )
        for c in sidecars:
            info.deployables.append(
                Deployable(
                    c["name"],
                    "kubernetes",
                    file,
                    _lc_line(c, "name"),
                    None,
                    image_name(c["image"]) if "$" not in str(c["image"]) else None,
                    workload="sidecar",
                    ports=_container_ports(c),
                )
            )


def _kustomize_images(file: str, docs: list[Any], info: ManifestInfo) -> None:
    """Record a kustomization's image renames as `kustomize-image` entries keyed by the old name."""
    # `images: [{name: app-image, newName: org/app}]`: the workloads really run org/app
    for doc in docs:
        images = doc.get("images") if isinstance(doc, dict) else None
        for item in images if isinstance(images, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            new = item.get("newName")
            if isinstance(new, str) and new and "$" not in new:
                info.deployables.append(
                    Deployable(
                        image_name(item["name"]),
                        "kustomize-image",
                        file,
                        _lc_line(item, "name"),
                        image=image_name(new),
                    )
                )


def _skaffold(file: str, docs: list[Any], info: ManifestInfo) -> None:
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    for doc in docs:
        if not isinstance(doc, dict) or not str(doc.get("apiVersion", "")).startswith("skaffold/"):
            continue
        build = doc.get("build")
        for art in (build.get("artifacts") if isinstance(build, dict) else None) or []:
            if isinstance(art, dict) and isinstance(art.get("image"), str):
                context = _join(folder, str(art.get("context") or "."))
                name = image_name(art["image"]).rsplit("/", 1)[-1]
                info.deployables.append(
                    Deployable(name, "skaffold", file, _lc_line(art, "image"), context, name)
                )


_INTERFACE_KEYS = (("openapi", "openapi"), ("swagger", "openapi"), ("asyncapi", "asyncapi"))


def _documents(file: str, docs: list[Any]) -> Iterator[Signal]:
    """Interface documents: OpenAPI (and Swagger 2), AsyncAPI."""
    for doc in docs:
        if isinstance(doc, dict):
            for key, kind in _INTERFACE_KEYS:
                if key in doc and isinstance(doc.get("info"), dict):
                    yield Signal("document", kind, file, _lc_line(doc, key))


def _helm_chart(file: str, docs: list[Any]) -> Iterator[Signal]:
    for doc in docs:
        deps = doc.get("dependencies") if isinstance(doc, dict) else None
        if isinstance(deps, list):
            for dep in deps:
                if isinstance(dep, dict) and isinstance(dep.get("name"), str):
                    yield Signal("docker_image", dep["name"], file, _lc_line(dep, "name"))


_TF_BLOCK = re.compile(r'^\s*(resource|data|provider|module)\s+"([^"]+)"', re.M)
_TF_SOURCE = re.compile(r'^\s*source\s*=\s*"(?:[\w.\-]+/)?([\w\-]+)/([\w\-]+)"', re.M)
_TF_BACKEND = re.compile(r'^[ \t]*(?:backend[ \t]+"([\w\-]+)"|cloud)[ \t]*\{', re.M)
_TF_IMAGE = re.compile(r'^\s*image\s*=\s*"([^"$]+)"')
_PROTO_SERVICE = re.compile(r"^\s*service\s+(\w+)\s*\{", re.M)


# Where an application names its database: Prisma's datasource provider, Rails' database.yml
# adapter, TypeORM's ormconfig type, JDBC URLs, Django's ENGINE -> 'datasource:NAME' documents
_DATASOURCE = re.compile(
    r"""(?:\bprovider\s*=\s*"(\w+)"|^\s*adapter:\s*(\w+)|"type"\s*:\s*"(\w+)"|"""
    r"""jdbc:(\w+):|['"]django\.db\.backends\.(\w+)['"])""",
    re.M,
)
_DATASOURCE_NAMES = {
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "postgis": "postgresql",
    "mysql": "mysql",
    "mysql2": "mysql",
    "mariadb": "mariadb",
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "sqlserver": "sqlserver",
    "mssql": "sqlserver",
    "mongodb": "mongodb",
    "cockroachdb": "cockroachdb",
    "oracle": "oracle",
    "h2": "h2",
}


def _datasource(file: str, text: str) -> Iterator[Signal]:
    for m in _DATASOURCE.finditer(text):
        raw = next(g for g in m.groups() if g).lower()
        name = _DATASOURCE_NAMES.get(raw)
        if name is not None:
            line = text.count("\n", 0, m.start()) + 1
            yield Signal("document", f"datasource:{name}", file, line)


def _proto(file: str, text: str) -> Iterator[Signal]:
    for m in _PROTO_SERVICE.finditer(text):
        yield Signal("document", "grpc-service", file, text.count("\n", 0, m.start()) + 1)


def _terraform(file: str, text: str) -> Iterator[Signal]:
    """Images, providers ('provider:aws', from blocks and required_providers) and resource types."""
    for i, raw in enumerate(text.splitlines(), 1):
        m = _TF_IMAGE.match(raw)
        if m:
            yield Signal("docker_image", image_name(m.group(1)), file, i)
    for m in _TF_BLOCK.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        kind, value = m.group(1), m.group(2)
        if kind == "provider":
            yield Signal("terraform", f"provider:{value}", file, line)
        elif kind in ("resource", "data"):
            yield Signal("terraform", value, file, line)
            yield Signal("terraform", f"provider:{value.split('_', 1)[0]}", file, line)
    for m in _TF_BACKEND.finditer(text):
        # where the state is kept: backend "s3", backend "remote" or a cloud {} block (HCP)
        line = text.count("\n", 0, m.start()) + 1
        yield Signal("terraform", f"backend:{m.group(1) or 'cloud'}", file, line)
    for m in _TF_SOURCE.finditer(text):
        # hashicorp/aws in required_providers; org/name/provider registry modules
        line = text.count("\n", 0, m.start()) + 1
        yield Signal("terraform", f"provider:{m.group(2)}", file, line)


def _tsconfig(text: str, info: ManifestInfo) -> None:
    cleaned = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
    cleaned = re.sub(r",(\s*[}\]])", r"\1", cleaned)
    try:
        data = json.loads(cleaned)
    except ValueError:
        return
    opts = data.get("compilerOptions") if isinstance(data, dict) else None
    if not isinstance(opts, dict):
        return
    if isinstance(opts.get("baseUrl"), str):
        info.ts_base_url = opts["baseUrl"]
    paths = opts.get("paths")
    if isinstance(paths, dict):
        info.ts_paths = {k: [t for t in v if isinstance(t, str)] for k, v in paths.items()}


_REQ_FOLDERS = ("requirements", "reqs", "requirements.d")
_DATASOURCE_FILES = ("schema.prisma", "ormconfig.json", "ormconfig.json.example", "settings.py")


_MANIFEST_SUFFIXES = (
    ".dockerfile",
    ".csproj",
    ".fsproj",
    ".vbproj",
    ".tf",
    ".hcl",
    ".nomad",
    ".yml",
    ".yaml",
    ".proto",
    ".mk",  # Makefile includes: their recipes' commands
    ".ini",  # an application's settings (config.ini): its upper-case keys, like a .env file's
    ".gemspec",
)


def is_manifest(path: str) -> bool:
    """True when archwise reads this file for the stack (by its name and folder)."""
    name = path.rsplit("/", 1)[-1]
    folder = path.rsplit("/", 2)[-2] if "/" in path else ""
    return _manifest_name(name.lower(), folder.lower())


@functools.lru_cache(maxsize=4096)
def _manifest_name(lower: str, folder: str) -> bool:
    """is_manifest by file name and folder name (a tree repeats names: one test per name)."""
    return (
        lower in _EXACT
        or lower in _NUGET_LISTS
        or (lower.endswith(".versions.toml") and folder == "gradle")
        or _is_requirements(lower, folder)
        or lower.startswith(("dockerfile", "containerfile"))
        or lower.endswith(_MANIFEST_SUFFIXES)
        or lower in _DATASOURCE_FILES
        or (lower.startswith("application") and lower.endswith(".properties"))
        or lower == ".env"
        or lower.startswith(".env.")
        or lower.endswith(".env")
        or (lower.startswith(("tsconfig", "jsconfig")) and lower.endswith(".json"))
        or lower.endswith((".sbt", ".cabal"))
        or (folder == "project" and lower.endswith(".scala"))  # sbt's Dependencies.scala
        or _interface_json(lower, folder)
        or _ecs_task_json(lower)
        or lower.endswith(_UNIT_SUFFIXES)
        or lower in _DOCS_SITE_JSON
        or (lower == "conf.py" and folder in _SPHINX_FOLDERS)
        or _templated_yaml(lower)
    )


# YAML rendered by a template engine before it is applied (krane's web.yaml.erb, Ansible's
# deployment.yaml.j2): read as the YAML it renders to, tags standing for their values
_TEMPLATE_SUFFIXES = (".erb", ".j2", ".jinja", ".jinja2", ".tmpl", ".gotmpl")
_CONTROL_LINE = re.compile(
    r"^[ \t]*(?:<%(?!=)[^\n]*?%>|\{%[^\n]*?%\}|\{\{-?[ \t]*(?:if|else|end|range|with|define)\b"
    r"[^\n]*?\}\})[ \t]*$",
    re.M,
)
_INLINE_TAG = re.compile(r"<%=?[^\n]*?%>|\{\{[^\n]*?\}\}|\{%[^\n]*?%\}")


def _templated_yaml(lower: str) -> bool:
    """A YAML file kept as a template: `web.yaml.erb`, `values.yml.j2`."""
    if not lower.endswith(_TEMPLATE_SUFFIXES):
        return False
    return lower.rsplit(".", 1)[0].endswith((".yml", ".yaml"))


def _untemplated(text: str) -> str:
    """The YAML a template renders to, near enough: control lines blanked (line numbers kept),
    every other tag replaced by the letter x."""
    return _INLINE_TAG.sub("x", _CONTROL_LINE.sub("", text))


# systemd units (a D-Bus or Flatpak `.service` file has no [Unit]/[Service] section)
_UNIT_SUFFIXES = (".service", ".socket", ".timer")
_UNIT_SECTION = re.compile(r"^\[(?:Unit|Service|Socket|Timer)\][ \t]*$", re.M)
# documentation sites configured in files of their own, wherever the docs folder is
_DOCS_SITE_JSON = frozenset({"mint.json", "docs.json"})
_SPHINX_FOLDERS = frozenset({"docs", "doc", "source", "documentation"})
_SPHINX_CONF = re.compile(r"^(?:extensions|html_theme)[ \t]*=", re.M)


_INTERFACE_WORDS = ("openapi", "swagger", "asyncapi", "async-api")


def _interface_json(lower: str, folder: str) -> bool:
    """A JSON file an OpenAPI or AsyncAPI document is kept in (by its name or its folder)."""
    return lower.endswith(".json") and any(w in lower or w in folder for w in _INTERFACE_WORDS)


def _ecs_task_json(lower: str) -> bool:
    """An Amazon ECS task definition kept as JSON (`task-definition.json`, `api.taskdef.json`)."""
    return lower.endswith(".json") and any(
        w in lower for w in ("task-definition", "task_definition", "taskdefinition", "taskdef")
    )


def _ecs_task(file: str, text: str, info: ManifestInfo) -> None:
    """An ECS task definition's containers: each a workload of its image and environment, its
    `links` and `dependsOn` the containers it talks to or needs first."""
    doc = _json_object(text)
    for c in doc.get("containerDefinitions") or []:
        if not isinstance(c, dict) or not isinstance(c.get("name"), str):
            continue
        image = c.get("image")
        known = known_image(image) if isinstance(image, str) and "<" not in image else None
        if known is not None and isinstance(image, str):
            info.signals.append(Signal("docker_image", known, file, _json_line(text, image)))
        needs = [x.get("containerName") for x in c.get("dependsOn") or [] if isinstance(x, dict)]
        info.deployables.append(
            Deployable(
                c["name"],
                "ecs",
                file,
                _json_line(text, c["name"]),
                image=known,
                links=tuple(str(x) for x in [*_str_list(c.get("links")), *needs] if x),
                env_values=_env_values(c.get("environment")),
                workload="Service",
            )
        )


def _is_requirements(lower: str, folder: str) -> bool:
    if not lower.endswith((".txt", ".in")):
        return False
    return lower.startswith("requirements") or folder in _REQ_FOLDERS


_RECIPE_FILES = frozenset({"makefile", "gnumakefile", "justfile", ".justfile"})
_NUGET_LISTS = frozenset(
    {"packages.config", "paket.dependencies", "dotnet-tools.json", "global.json"}
)
_EXACT = {
    "procfile",
    *_RECIPE_FILES,
    "package.json",
    "setup.py",
    "pyproject.toml",
    "setup.cfg",
    "pipfile",
    "go.mod",
    "cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
    "libs.versions.toml",
    "directory.packages.props",
    "directory.build.props",
    "gemfile",
    "gems.rb",
    "mix.exs",
    "composer.json",
    "libman.json",
    "pubspec.yaml",
    "podfile",
    "cartfile",
    "package.swift",
    "project.pbxproj",
    "build.sbt",
    "plugins.sbt",
    "deps.edn",
    "bb.edn",
    "project.clj",
    "build.sc",
    "build.mill",
    "deno.json",
    "deno.jsonc",
    "import_map.json",
    "importmap.php",
    "importmap.rb",
    "description",
    "project.toml",
    "vcpkg.json",
    "conanfile.txt",
    "conanfile.py",
    "treefmt.toml",
    ".treefmt.toml",
    "cmakelists.txt",
    "meson.build",
    "app.json",
    ".tool-versions",
    "mise.toml",
    ".mise.toml",
}


def parse_manifest(path: str, text: str) -> ManifestInfo:
    """Read one manifest (chosen by is_manifest, or included by one) into signals, deployables."""
    info = ManifestInfo()
    name = path.rsplit("/", 1)[-1]
    lower = name.lower()
    sig: list[Signal] = info.signals
    if lower == "package.json":
        sig += _package_json(path, text, info)
    elif lower == "pyproject.toml":
        sig += _pyproject(path, text)
    elif lower == "setup.cfg":
        sig += _setup_cfg(path, text)
    elif lower == "setup.py":
        sig += _setup_py(path, text)
    elif lower == "pipfile":
        sig += _pipfile(path, text)
    elif lower in ("cmakelists.txt", "meson.build"):
        sig += _cmake_meson(path, text)
    elif lower == "conanfile.txt":
        sig += _conan_vcpkg(path, text, lower)
    elif lower.endswith((".txt", ".in")):
        sig += _requirements_txt(path, text, info)
    elif lower == "go.mod":
        sig += _go_mod(path, text, info)
    elif lower == "cargo.toml":
        sig += _cargo(path, text, info)
    elif lower == "pom.xml":
        sig += _pom(path, text)
    elif lower in ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"):
        sig += _gradle(path, text)
    elif lower == "libs.versions.toml":
        sig += _version_catalog(path, text)
    elif lower.endswith((".csproj", ".fsproj", ".vbproj", ".props")):
        sig += _csproj(path, text)
    elif lower in _NUGET_LISTS:
        sig += _nuget_lists(path, text, lower)
    elif lower.endswith(".versions.toml"):
        sig += _version_catalog(path, text)
    elif lower == "composer.json":
        sig += _composer(path, text)
    elif lower == "libman.json":
        sig += _libman(path, text)
    elif lower in ("gemfile", "gems.rb") or lower.endswith(".gemspec"):
        sig += _gemfile(path, text)
    elif lower == "mix.exs":
        sig += _mix(path, text)
    elif lower == "pubspec.yaml":
        sig += _pubspec(path, text)
    elif lower == "package.swift":
        sig += _swift_packages(path, text, _SWIFT_PACKAGE)
    elif lower == "project.pbxproj":
        sig += _swift_packages(path, text, _PBX_PACKAGE)
    elif lower == "podfile":
        sig += _swift_packages(path, text, _POD)
    elif lower == "cartfile":
        sig += _swift_packages(path, text, _CARTHAGE)
    elif (
        lower.endswith(".sbt")
        or lower in ("build.sc", "build.mill")
        or (lower.endswith(".scala") and path.rsplit("/", 2)[-2:-1] == ["project"])
    ):
        sig += _sbt(path, text)
    elif lower in ("deps.edn", "bb.edn", "project.clj"):
        sig += _clojure(path, text)
    elif lower == "description" and "Package:" in text:
        sig += _r_description(path, text)
    elif lower == "project.toml":
        sig += _julia_project(path, text)
    elif lower.endswith(".cabal"):
        sig += _cabal(path, text)
    elif lower in ("vcpkg.json", "conanfile.txt", "conanfile.py"):
        sig += _conan_vcpkg(path, text, lower)
    elif lower in ("importmap.php", "importmap.rb"):
        sig += _importmap(path, text)
    elif lower in ("deno.json", "deno.jsonc", "import_map.json"):
        sig += _deno(path, text)
    elif lower.endswith(".proto"):
        sig += _proto(path, text)
    elif lower in _DATASOURCE_FILES or lower.endswith(".properties"):
        if lower != "settings.py" or "django.db.backends" in text:
            sig += _datasource(path, text)
    elif lower.startswith(("dockerfile", "containerfile")) or lower.endswith(".dockerfile"):
        sig += _dockerfile(path, text, info)
    elif lower == ".env" or lower.startswith(".env.") or lower.endswith(".env"):
        sig += _env_file(path, text)
    elif lower.endswith(".ini"):
        # settings named like environment variables (MAILGUN_API_KEY =); tool sections of
        # tox.ini, pytest.ini and uwsgi.ini use lower-case keys and give nothing here
        sig += (s for s in _env_file(path, text) if _SETTING_KEY.match(s.value))
    elif lower == "procfile":
        _procfile(path, text, info)
    elif lower in _RECIPE_FILES or lower.endswith(".mk"):
        # the commands a Makefile's or justfile's recipes run
        tabbed = lower not in ("justfile", ".justfile")
        sig += (Signal("command", c, path, i) for c, i in recipe_commands(text, tabbed))
    elif lower.endswith((".tf", ".hcl", ".nomad")):
        # HCL: Terraform, and the images Nomad jobs, Packer templates and bake files run
        sig += _terraform(path, text)
    elif lower.startswith(("tsconfig", "jsconfig")):
        _tsconfig(text, info)
    elif _ecs_task_json(lower):
        _ecs_task(path, text, info)
    elif _interface_json(lower, path.rsplit("/", 2)[-2].lower() if "/" in path else ""):
        sig += _documents(path, [_json_object(text)])
    elif lower == "app.json":
        sig += _app_json(path, text)
        info.deployables += _heroku_processes(path, _json_object(text).get("formation"), text)
    elif lower == ".tool-versions":
        sig += _tool_versions(path, text)
    elif lower in ("mise.toml", ".mise.toml"):
        sig += _mise_tools(path, text)
    elif lower in ("treefmt.toml", ".treefmt.toml"):
        sig += _treefmt(path, text)
    elif lower.endswith(_UNIT_SUFFIXES):
        if m := _UNIT_SECTION.search(text):
            sig.append(Signal("document", "systemd-unit", path, _line_at(text, m.start())))
    elif lower in _DOCS_SITE_JSON:
        if "mintlify" in text[:4096]:
            sig.append(Signal("document", "docs-site:mintlify", path, 1))
    elif lower == "conf.py":
        if m := _SPHINX_CONF.search(text):
            sig.append(Signal("document", "docs-site:sphinx", path, _line_at(text, m.start())))
    elif lower.endswith((".yml", ".yaml")):
        _yaml_manifest(path, lower, text, info)
    elif _templated_yaml(lower):
        _yaml_manifest(path, lower.rsplit(".", 1)[0], _untemplated(text), info)
    return info


def _app_json(file: str, text: str) -> Iterator[Signal]:
    """A Heroku app.json's add-ons (`heroku-postgresql`, `papertrail`) and buildpacks."""
    doc = _json_object(text)
    if not ("addons" in doc or "buildpacks" in doc):
        return  # an Expo or other app.json
    yield Signal("document", "deploy:heroku", file, 1)
    for addon in doc.get("addons") or []:
        plan = addon.get("plan") if isinstance(addon, dict) else addon
        if isinstance(plan, str) and plan:
            name = plan.split(":", 1)[0].lower()
            yield Signal("config", f"heroku-addon:{name}", file, _json_line(text, plan))
    for pack in doc.get("buildpacks") or []:
        url = pack.get("url") if isinstance(pack, dict) else pack
        if isinstance(url, str) and url:
            yield Signal("config", f"buildpack:{url.lower()}", file, _json_line(text, url))


def _heroku_processes(file: str, processes: Any, text: str) -> list[Deployable]:
    """Process types a Heroku app.json `formation` or heroku.yml `run`/`build.docker` declares,
    read as a Procfile's (a `release` runs once per deploy)."""
    if not isinstance(processes, dict):
        return []
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    out: list[Deployable] = []
    for name, value in processes.items():
        if str(name).lower() in _ONE_OFF_PROCESSES:
            continue
        cmd = value if isinstance(value, str) else None
        if isinstance(value, dict) and isinstance(value.get("command"), str):
            cmd = value["command"]
        line = _line_of(text, f"{name}") or 1
        out.append(Deployable(str(name), "procfile", file, line, folder, command=cmd))
    return out


# asdf/mise plugin names that differ from the command the tool runs
_TOOL_COMMANDS = {"nodejs": "node", "golang": "go", "awscli": "aws"}
_TOOL_WORD = re.compile(r"^[a-z][\w.+\-]*$")


def _tool(name: str) -> str:
    """A version manager's tool name as the command it provides ('aqua:cli/cli' -> 'cli')."""
    name = name.strip().strip("\"'").lower()
    name = name.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    return _TOOL_COMMANDS.get(name, name)


def _tool_versions(file: str, text: str) -> Iterator[Signal]:
    """The tools an asdf/mise `.tool-versions` pins, as the commands they provide."""
    for i, raw in enumerate(text.splitlines(), 1):
        words = raw.split("#", 1)[0].split()
        if len(words) >= 2 and _TOOL_WORD.match(_tool(words[0])):
            yield Signal("command", _tool(words[0]), file, i)


def _mise_tools(file: str, text: str) -> Iterator[Signal]:
    """The tools a `mise.toml` `[tools]` table pins, as the commands they provide."""
    tools = _toml(text).get("tools")
    if isinstance(tools, dict):
        for key in tools:
            if _TOOL_WORD.match(_tool(str(key))):
                yield Signal("command", _tool(str(key)), file, _line_of(text, str(key)))


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# the theme of a MkDocs site, and mike, which publishes its versions
_MKDOCS_PARTS = re.compile(
    r"^[ \t]*(?:-[ \t]*)?(?:name:[ \t]*[\"']?(material)\b|provider:[ \t]*[\"']?(mike)\b"
    r"|(mike)[ \t]*:?[ \t]*$)",
    re.M,
)


def _mkdocs(file: str, text: str) -> Iterator[Signal]:
    """A MkDocs site (wherever its docs folder is) and the theme and version tool it uses."""
    yield Signal("document", "docs-site:mkdocs", file, 1)
    seen: set[str] = set()
    for m in _MKDOCS_PARTS.finditer(text):
        part = next(g for g in m.groups() if g)
        if part not in seen:
            seen.add(part)
            yield Signal("document", f"docs-site:{part}", file, _line_at(text, m.start()))


def _treefmt(file: str, text: str) -> Iterator[Signal]:
    """The formatters and linters treefmt runs, matched like pre-commit hooks (by their id)."""
    formatters = _toml(text).get("formatter")
    if not isinstance(formatters, dict):
        return
    for key, table in formatters.items():
        names = {str(key).lower()}
        if isinstance(table, dict) and isinstance(table.get("command"), str):
            names.add(table["command"].rsplit("/", 1)[-1].lower())
        line = _line_of(text, f"[formatter.{key}]")
        for name in sorted(names):
            yield Signal("action", f"pre-commit-hook:{name}", file, line)


_USES = re.compile(r"""^[ \t]*(?:-[ \t]*)?uses:[ \t]*["']?([^\s"'@#]+)""", re.M)
_REGISTRY_KEY = re.compile(
    r"""^[ \t]*(?:-[ \t]*)?registry:[ \t]*["']?([\w\-]+(?:\.[\w\-]+)+(?::\d+)?)"""
    r"""["']?[ \t]*(?:#|$)""",
    re.M,
)
_DOCKER_PUSH = re.compile(
    r"\bdocker[ \t]+(?:push|login)[ \t]+(?:-\S+[ \t]+)*(?:https?://)?"
    r"([\w\-]+(?:\.[\w\-]+)+)/?"
)
_LOGIN_ACTION = re.compile(r"docker/login-action@")
# taiki-e/install-action@cargo-llvm-cov, or with `tool: nextest,cargo-deny`
_INSTALL_ACTION = re.compile(
    r"taiki-e/install-action@\S+\s+with:\s+tool:[ \t]*([\w.@,\- \t]+)"
    r"|taiki-e/install-action@([\w.\-]+)"
)
_IMAGE_TAGS = re.compile(
    r"""^[ \t]*(?:-[ \t]*)?(?:images|image[-_]names?|tags):[ \t]*["']?"""
    r"""([\w\-]+(?:\.[\w\-]+)+(?::\d+)?)/""",
    re.M,
)
# a block scalar under images:/image-names:/tags: lists one image per line
_IMAGE_BLOCK = re.compile(
    r"^([ \t]*)(?:-[ \t]*)?(?:images|image[-_]names?|tags):[ \t]*[|>][-+]?[ \t]*$", re.M
)
_IMAGE_HOST = re.compile(r"""^[ \t]+["']?([\w\-]+(?:\.[\w\-]+)+(?::\d+)?)/[\w.\-/]""")


def _block_images(text: str) -> Iterator[tuple[str, int]]:
    """(registry host, line) of each image listed in a block scalar under an images key."""
    lines = text.splitlines()
    for m in _IMAGE_BLOCK.finditer(text):
        at = text.count("\n", 0, m.start())
        indent = len(m.group(1).expandtabs())
        for k in range(at + 1, len(lines)):
            line = lines[k]
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            host = _IMAGE_HOST.match(line)
            if host:
                yield host.group(1).lower(), k + 1


_DOCKERHUB_SECRET = re.compile(r"secrets\.DOCKER_?HUB_?(?:TOKEN|USERNAME|PASSWORD|USER)", re.I)
_ENV_VALUE = re.compile(r"""^[ \t]+([A-Za-z_][\w]*):[ \t]*["']?([^\s"'$#{}]+)["']?[ \t]*$""", re.M)
_ENV_REF = re.compile(r"\$\{\{\s*env\.(\w+)\s*\}\}")
# CI configurations: GitHub workflows and actions, GitLab, CircleCI, Azure, Bitbucket, Drone
_CI_FILES = (
    ".gitlab-ci.yml",
    "action.yml",
    "action.yaml",
    "azure-pipelines.yml",
    "azure-pipelines.yaml",
    "bitbucket-pipelines.yml",
    ".drone.yml",
    "cloudbuild.yaml",
    "cloudbuild.yml",
)


def _yaml_commands(file: str, text: str) -> Iterator[Signal]:
    """The commands the steps, tasks or hooks of a YAML file run (run:, script:, cmds:)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        docs = list(yaml.load_all(text, Loader=loader))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return
    for doc in docs:
        for cmd, line in script_commands(yaml_scripts(doc), text):
            yield Signal("command", cmd, file, line)


# files whose steps are shell commands, besides CI configurations: task runners and git hooks
_TASK_FILES = frozenset(
    {
        "taskfile.yml",
        "taskfile.yaml",
        "taskfile.dist.yml",
        "taskfile.dist.yaml",
        "lefthook.yml",
        "lefthook.yaml",
        ".lefthook.yml",
        ".lefthook.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-config.yml",
    }
)


def is_ci_file(path: str) -> bool:
    """True for a CI configuration (a GitHub workflow, .gitlab-ci.yml, CircleCI's config...)."""
    lower = path.lower()
    name = lower.rsplit("/", 1)[-1]
    return (
        lower.startswith((".github/workflows/", ".github/actions/", ".circleci/"))
        or name in _CI_FILES
    )


# cloud CLI commands a pipeline deploys with, and the managed service each one targets
_DEPLOY_COMMANDS = re.compile(
    r"\b(?:(?P<gke>gcloud\s+container\s+clusters\s+(?:get-credentials|create)\b|gke-gcloud-auth-plugin)"
    r"|(?P<cloud_run>gcloud\s+(?:beta\s+)?run\s+(?:deploy|services\s+(?:update|replace)))"
    r"|(?P<cloud_functions>gcloud\s+functions\s+deploy)"
    r"|(?P<app_engine>gcloud\s+app\s+deploy)"
    r"|(?P<eks>aws\s+eks\s+(?:update-kubeconfig|create-cluster))"
    r"|(?P<ecs>aws\s+ecs\s+(?:update-service|register-task-definition|deploy))"
    r"|(?P<lambda>aws\s+lambda\s+(?:update-function-code|create-function))"
    r"|(?P<aks>az\s+aks\s+(?:get-credentials|create))"
    r"|(?P<app_service>az\s+webapp\s+(?:deploy|up|create|config))"
    r"|(?P<container_apps>az\s+containerapp\s+(?:up|update|create))"
    r"|(?P<fly>(?:fly|flyctl)\s+deploy)"
    r"|(?P<heroku>heroku\s+container:(?:push|release))"
    r"|(?P<vercel>vercel\s+(?:deploy|--prod))"
    r"|(?P<netlify>netlify\s+deploy)"
    r"|(?P<workers>wrangler\s+(?:deploy|publish)))"
)


def _deploys(file: str, text: str) -> Iterator[Signal]:
    """The managed services a pipeline's cloud CLI commands deploy to (`deploy:gke`)."""
    seen: set[str] = set()
    for m in _DEPLOY_COMMANDS.finditer(text):
        key = str(m.lastgroup)
        if key not in seen:
            seen.add(key)
            yield Signal(
                "document", f"deploy:{key.replace('_', '-')}", file, _line_at(text, m.start())
            )


def _ci(file: str, text: str) -> Iterator[Signal]:
    """Actions a pipeline uses and the container registries it logs in or pushes to."""
    yield from _deploys(file, text)
    for m in _USES.finditer(text):
        ref = m.group(1)
        line = text.count("\n", 0, m.start()) + 1
        if ref.startswith("docker://"):
            yield Signal("docker_image", image_name(ref[len("docker://") :]), file, line)
        elif "/" in ref and not ref.startswith("."):
            yield Signal("action", ref.lower().rstrip("/"), file, line)
    # tools a pipeline installs or runs (pip install ruff, cargo install wasm-pack, cargo chef)
    for i, raw in enumerate(text.splitlines(), 1):
        if "install" in raw or "cargo" in raw:
            yield from _installs(raw.split(" #", 1)[0], file, i)
    for m in _INSTALL_ACTION.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for tool in re.split(r"[,\s]+", m.group(1) or m.group(2) or ""):
            name = tool.split("@", 1)[0]
            if name and not re.match(r"v?\d", name):
                yield Signal("cargo", name, file, line)
    # a registry named once in the workflow's env (REGISTRY: ghcr.io) and used as ${{ env.X }}
    env = dict(_ENV_VALUE.findall(text))
    if env and "env." in text:
        text = _ENV_REF.sub(lambda m: env.get(m.group(1), m.group(0)), text)
    # the images a build pushes name their registry (tags:, images:, a reusable workflow's
    # image-names: block), and Docker Hub credentials in a pipeline are for pushing there
    pushes = [_REGISTRY_KEY, _DOCKER_PUSH, _IMAGE_TAGS]
    for host, line in _block_images(text):
        yield Signal("registry", host, file, line)
    hub = _DOCKERHUB_SECRET.search(text)
    if hub:
        yield Signal("registry", "docker.io", file, text.count("\n", 0, hub.start()) + 1)
    for rx in pushes:
        for m in rx.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield Signal("registry", m.group(1).lower(), file, line)
    # docker/login-action with no registry logs in to Docker Hub
    for m in _LOGIN_ACTION.finditer(text):
        step = re.split(r"\n[ \t]*-[ \t]", text[m.end() :], maxsplit=1)[0]
        if not re.search(r"^[ \t]*registry:", step, re.M):
            yield Signal("registry", "docker.io", file, text.count("\n", 0, m.start()) + 1)
    # the commands its steps run (codespell, mkdocs build, npx netlify-cli deploy)
    yield from _yaml_commands(file, text)


_HOOK_REPO = re.compile(
    r"""^[ \t]*-?[ \t]*repo:[ \t]*["']?https?://(?:github\.com|gitlab\.com)/([\w.\-]+/[\w.\-]+?)"""
    r"""(?:\.git)?/?["']?[ \t]*(?:#|$)""",
    re.M,
)


def _pre_commit(file: str, text: str) -> Iterator[Signal]:
    """The repositories of pre-commit hooks, matched like CI actions (owner/name)."""
    for m in _HOOK_REPO.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        yield Signal("action", m.group(1).lower(), file, line)


_CFN_TYPE = re.compile(r"""^[ \t]+Type:[ \t]*["']?AWS::(\w+)::""", re.M)
_HOOK_ID = re.compile(r"""(?<![\w\-])id:[ \t]*["']?([\w.\-]+)""")
_BUF_PLUGIN = re.compile(
    r"""^[ \t]*-?[ \t]*(?:remote|plugin|name|local):[ \t]*["']?([\w./:@\-]+)""", re.M
)
_AZURE_PIPELINE = re.compile(r"^(?:trigger|pr|schedules):", re.M)
_AZURE_PIPELINE_BODY = re.compile(r"^(?:pool|stages|jobs|steps|extends):", re.M)


_INGRESS_CLASS = re.compile(
    r"""(?:ingressClassName|kubernetes\.io/ingress\.class|ingress\.class|className)"""
    r"""["']?:[ \t]*["']?([a-z][\w.\-]*)""",
    re.I,
)
_ACME_SERVER = re.compile(r"acme(?:-staging)?-v0\d\.api\.letsencrypt\.org|certresolver", re.I)


def _ingress_and_acme(path: str, text: str) -> Iterator[Signal]:
    """The ingress controller an Ingress asks for, and a Let's Encrypt ACME issuer or resolver."""
    # an Ingress's own class (Helm values only offer a default the installer may change)
    if "kind: Ingress" in text:
        seen: set[str] = set()
        for m in _INGRESS_CLASS.finditer(text):
            value = m.group(1).lower()
            name = "nginx" if value.startswith("nginx") else value
            if name not in seen:
                seen.add(name)
                line = text.count("\n", 0, m.start()) + 1
                yield Signal("config", f"ingress-class:{name}", path, line)
    if "letsencrypt" in text.lower():
        acme = _ACME_SERVER.search(text)
        if acme is not None:
            line = text.count("\n", 0, acme.start()) + 1
            yield Signal("config", "acme:letsencrypt", path, line)


def _yaml_manifest(path: str, lower: str, text: str, info: ManifestInfo) -> None:
    # Kubernetes-style documents are recognised by apiVersion and kind, from the text (Helm
    # templates do not parse as YAML); only YAML that can name images, variables, services or
    # an interface is parsed.
    info.signals += _kinds(path, text)
    info.signals += _ingress_and_acme(path, text)
    if is_ci_file(path):
        info.signals += _ci(path, text)
    elif lower in _TASK_FILES:
        info.signals += _yaml_commands(path, text)
    if lower in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
        info.signals += _pre_commit(path, text)
    if "AWS::" in text and _CFN_TYPE.search(text):
        # CloudFormation and SAM templates, whatever they are called: each resource's service
        info.signals.append(Signal("document", "cloudformation", path, 1))
        if "AWS::Serverless" in text:
            info.signals.append(Signal("document", "aws-sam", path, 1))
        seen: set[str] = set()
        for m in _CFN_TYPE.finditer(text):
            service = m.group(1).lower()
            if service not in seen:
                seen.add(service)
                line = text.count("\n", 0, m.start()) + 1
                info.signals.append(Signal("document", f"cfn:aws::{service}", path, line))
    if lower in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
        for m in _HOOK_ID.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            info.signals.append(
                Signal("action", f"pre-commit-hook:{m.group(1).lower()}", path, line)
            )
    if lower.startswith("buf.gen."):
        # code generators buf runs: openapiv2 writes OpenAPI, grpc-gateway a REST gateway
        for m in _BUF_PLUGIN.finditer(text):
            name = re.sub(r"[:@].*$", "", m.group(1)).rstrip("/").rsplit("/", 1)[-1]
            line = text.count("\n", 0, m.start()) + 1
            info.signals.append(Signal("document", f"buf-plugin:{name.lower()}", path, line))
    if _AZURE_PIPELINE.search(text) and _AZURE_PIPELINE_BODY.search(text):
        # an Azure Pipelines definition, whatever its file is called (ci.yml, build/pr.yml)
        info.signals.append(Signal("document", "azure-pipelines", path, 1))
    if lower in ("database.yml", "database.yaml") or lower.startswith("application"):
        info.signals += _datasource(path, text)
    if lower in ("mkdocs.yml", "mkdocs.yaml"):
        info.signals += _mkdocs(path, text)
    if lower in ("heroku.yml", "heroku.yaml"):
        doc = next(iter(_yaml_docs(text)), None)
        if isinstance(doc, dict):
            build = doc.get("build")
            docker = build.get("docker") if isinstance(build, dict) else None
            run = doc.get("run")
            procs = {
                **(docker if isinstance(docker, dict) else {}),
                **(run if isinstance(run, dict) else {}),
            }
            info.deployables += _heroku_processes(path, procs, text)
    if lower in ("kustomization.yaml", "kustomization.yml") and "newName" in text:
        _kustomize_images(path, _yaml_docs(text), info)
    if not re.search(
        r"(?m)^\s*(?:-\s*)?(?:image|services|kind|apiVersion|env|environment|openapi|swagger|"
        r"asyncapi)\s*:",
        text,
    ):
        return
    docs = _yaml_docs(text)
    if not docs:
        return
    info.signals += _walk_yaml(docs, path)
    info.signals += _documents(path, docs)
    if lower in ("chart.yaml", "chart.yml"):
        info.signals += _helm_chart(path, docs)
    if lower.startswith("values") and lower.endswith((".yaml", ".yml")):
        _helm_values(path, docs, info)
    if "compose" in lower or is_compose(docs):
        _compose(path, docs, info)
        # a compose file known by its content names Docker Compose as its file name would
        info.signals.append(Signal("document", "compose", path, 1))
    if "skaffold" in lower:
        _skaffold(path, docs, info)
    _kubernetes(path, docs, info)
