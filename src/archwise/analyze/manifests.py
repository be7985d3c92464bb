"""Read dependency manifests, container and deployment files into located signals (pure)."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import Any

# kind of a package signal -> the Detect field it is matched against
PACKAGE_KINDS = ("pypi", "npm", "go", "cargo", "maven", "nuget", "rubygems", "hex")


@dataclass(frozen=True)
class Signal:
    """One fact read from a file: a package, an image or an environment variable, with its line."""

    kind: str  # pypi npm go cargo maven nuget rubygems docker_image env
    value: str
    file: str
    line: int | None


@dataclass(frozen=True)
class Deployable:
    """Something deployed on its own: a compose service, a Dockerfile, a Kubernetes workload."""

    name: str
    kind: str  # compose, dockerfile, kubernetes
    file: str
    line: int | None
    context: str | None = None  # folder of its code, relative to the root


@dataclass
class ManifestInfo:
    """What one manifest says."""

    signals: list[Signal] = field(default_factory=list)
    deployables: list[Deployable] = field(default_factory=list)
    go_module: str | None = None
    ts_paths: dict[str, list[str]] | None = None
    ts_base_url: str | None = None
    crate: str | None = None


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


def _requirements_txt(file: str, text: str) -> Iterator[Signal]:
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-", "git+", "http:", "https:", "file:")):
            continue
        name = pep508_name(line)
        if name:
            yield Signal("pypi", name, file, i)


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
    poetry = (data.get("tool") or {}).get("poetry") or {}
    names = [pep508_name(s) for s in specs if isinstance(s, str)]
    for section in ("dependencies", "dev-dependencies"):
        names += list((poetry.get(section) or {}).keys())
    for grp in (poetry.get("group") or {}).values():
        names += list((grp.get("dependencies") or {}).keys())
    for name in names:
        if name and name.lower() != "python":
            yield Signal("pypi", name, file, _quoted_line(text, name))


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
            continue
        if inside and stripped and not stripped.startswith("#"):
            name = pep508_name(stripped)
            if name:
                yield Signal("pypi", name, file, i)


def _pipfile(file: str, text: str) -> Iterator[Signal]:
    data = _toml(text)
    for section in ("packages", "dev-packages"):
        for name in data.get(section) or {}:
            yield Signal("pypi", name, file, _quoted_line(text, name))


def _package_json(file: str, text: str) -> Iterator[Signal]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    if not isinstance(data, dict):
        return
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


_GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([A-Za-z0-9][\w.\-/~]*\.[\w.\-/~]+)\s+v[\w.\-+]+")


def _go_mod(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    in_block = False
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0].rstrip()
        if line.startswith("module "):
            info.go_module = line.split(None, 1)[1].strip().strip('"')
            continue
        if re.match(r"^\s*require\s*\($", line):
            in_block = True
            continue
        if in_block and line.strip() == ")":
            in_block = False
            continue
        if in_block or line.lstrip().startswith("require "):
            m = _GO_REQUIRE.match(line)
            if m:
                yield Signal("go", m.group(1), file, i)


def _cargo(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    data = _toml(text)
    package = data.get("package") or {}
    if isinstance(package.get("name"), str):
        info.crate = package["name"].replace("-", "_")
    tables: list[dict[str, Any]] = []
    for key in ("dependencies", "dev-dependencies", "build-dependencies"):
        tables.append(data.get(key) or {})
    tables.append((data.get("workspace") or {}).get("dependencies") or {})
    for target in (data.get("target") or {}).values():
        if isinstance(target, dict):
            for key in ("dependencies", "dev-dependencies"):
                tables.append(target.get(key) or {})
    for table in tables:
        for name, spec in table.items():
            real = spec.get("package", name) if isinstance(spec, dict) else name
            yield Signal("cargo", real, file, _quoted_line(text, name))


_POM_DEP = re.compile(
    r"<dependency>\s*(?:<!--.*?-->\s*)*<groupId>\s*([^<\s]+)\s*</groupId>\s*"
    r"<artifactId>\s*([^<\s]+)\s*</artifactId>",
    re.S,
)


def _pom(file: str, text: str) -> Iterator[Signal]:
    for m in _POM_DEP.finditer(text):
        line = text.count("\n", 0, m.start(2)) + 1
        yield Signal("maven", f"{m.group(1)}:{m.group(2)}", file, line)


_GRADLE_DEP = re.compile(
    r"""\b(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|"""
    r"""annotationProcessor|kapt|ksp|compile|developmentOnly)\s*\(?\s*(?:platform\s*\(\s*)?"""
    r"""["']([\w.\-]+):([\w.\-]+)(?::[^"']*)?["']"""
)


def _gradle(file: str, text: str) -> Iterator[Signal]:
    for m in _GRADLE_DEP.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        yield Signal("maven", f"{m.group(1)}:{m.group(2)}", file, line)


_CSPROJ_REF = re.compile(r"<PackageReference\s+Include\s*=\s*\"([^\"]+)\"", re.I)


def _csproj(file: str, text: str) -> Iterator[Signal]:
    for m in _CSPROJ_REF.finditer(text):
        yield Signal("nuget", m.group(1), file, text.count("\n", 0, m.start()) + 1)


_GEM = re.compile(r"""^\s*gem\s+["']([\w.\-]+)["']""")


def _gemfile(file: str, text: str) -> Iterator[Signal]:
    for i, raw in enumerate(text.splitlines(), 1):
        m = _GEM.match(raw)
        if m:
            yield Signal("rubygems", m.group(1), file, i)


_MIX_DEP = re.compile(r"\{\s*:([a-z_][a-z0-9_]*)\s*,")


def _mix(file: str, text: str) -> Iterator[Signal]:
    inside = False
    for i, raw in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*defp?\s+deps\b", raw):
            inside = True
        elif inside and re.match(r"^\s*end\b", raw):
            inside = False
        if inside:
            for m in _MIX_DEP.finditer(raw):
                yield Signal("hex", m.group(1), file, i)


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


_FROM = re.compile(r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", re.I)
_ENV = re.compile(r"^\s*ENV\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)


def _dockerfile(file: str, text: str, info: ManifestInfo) -> Iterator[Signal]:
    stages: set[str] = set()
    for i, raw in enumerate(text.splitlines(), 1):
        m = _FROM.match(raw)
        if m:
            ref, alias = m.group(1), m.group(2)
            if ref.lower() not in stages and ref.lower() != "scratch" and "$" not in ref:
                yield Signal("docker_image", image_name(ref), file, i)
            if alias:
                stages.add(alias.lower())
            continue
        m = _ENV.match(raw)
        if m:
            yield Signal("env", m.group(1), file, i)
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    name = folder.rsplit("/", 1)[-1] if folder else "root"
    info.deployables.append(Deployable(name, "dockerfile", file, 1, folder))


_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")


def _env_file(file: str, text: str) -> Iterator[Signal]:
    for i, raw in enumerate(text.splitlines(), 1):
        m = _ENV_LINE.match(raw)
        if m:
            yield Signal("env", m.group(1), file, i)


def _yaml_docs(text: str) -> list[Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return [d for d in YAML(typ="rt").load_all(text) if d is not None]
    except (YAMLError, ValueError, TypeError):
        return []


def _lc_line(node: Any, key: Any) -> int | None:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _walk_yaml(node: Any, file: str) -> Iterator[Signal]:
    """Every `image:` value and every environment variable name in a YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "image" and isinstance(value, str) and "$" not in value:
                yield Signal("docker_image", image_name(value), file, _lc_line(node, key))
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


def _compose(file: str, docs: list[Any], info: ManifestInfo) -> None:
    folder = file.rsplit("/", 1)[0] if "/" in file else ""
    for doc in docs:
        services = doc.get("services") if isinstance(doc, dict) else None
        if not isinstance(services, dict):
            continue
        for name, svc in services.items():
            context = None
            if isinstance(svc, dict):
                build = svc.get("build")
                if isinstance(build, str):
                    context = build
                elif isinstance(build, dict) and isinstance(build.get("context"), str):
                    context = build["context"]
            if context is not None:
                context = _join(folder, context)
            info.deployables.append(
                Deployable(str(name), "compose", file, _lc_line(services, name), context)
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


_K8S_WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Service"}


def _kubernetes(file: str, docs: list[Any], info: ManifestInfo) -> None:
    for doc in docs:
        if not isinstance(doc, dict) or doc.get("kind") not in _K8S_WORKLOADS - {"Service"}:
            continue
        meta = doc.get("metadata") or {}
        name = meta.get("name") if isinstance(meta, dict) else None
        if isinstance(name, str):
            info.deployables.append(Deployable(name, "kubernetes", file, _lc_line(doc, "kind")))


def _helm_chart(file: str, docs: list[Any]) -> Iterator[Signal]:
    for doc in docs:
        deps = doc.get("dependencies") if isinstance(doc, dict) else None
        if isinstance(deps, list):
            for dep in deps:
                if isinstance(dep, dict) and isinstance(dep.get("name"), str):
                    yield Signal("docker_image", dep["name"], file, _lc_line(dep, "name"))


_TF_IMAGE = re.compile(r'^\s*image\s*=\s*"([^"$]+)"')


def _terraform(file: str, text: str) -> Iterator[Signal]:
    for i, raw in enumerate(text.splitlines(), 1):
        m = _TF_IMAGE.match(raw)
        if m:
            yield Signal("docker_image", image_name(m.group(1)), file, i)


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


def is_manifest(path: str) -> bool:
    """True when archwise reads this file for the stack (by its name and folder)."""
    name = path.rsplit("/", 1)[-1]
    lower = name.lower()
    return (
        lower in _EXACT
        or (lower.startswith("requirements") and lower.endswith((".txt", ".in")))
        or lower.startswith(("dockerfile", "containerfile"))
        or lower.endswith((".dockerfile", ".csproj", ".fsproj", ".tf", ".yml", ".yaml"))
        or lower == ".env"
        or lower.startswith(".env.")
        or lower.endswith(".env")
        or fnmatch(lower, "tsconfig*.json")
        or fnmatch(lower, "jsconfig*.json")
    )


_EXACT = {
    "package.json",
    "pyproject.toml",
    "setup.cfg",
    "pipfile",
    "go.mod",
    "cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "gemfile",
    "mix.exs",
}


def parse_manifest(path: str, text: str) -> ManifestInfo:
    """Read one manifest (chosen by is_manifest) into signals and deployables."""
    info = ManifestInfo()
    name = path.rsplit("/", 1)[-1]
    lower = name.lower()
    sig: list[Signal] = info.signals
    if lower == "package.json":
        sig += _package_json(path, text)
    elif lower == "pyproject.toml":
        sig += _pyproject(path, text)
    elif lower == "setup.cfg":
        sig += _setup_cfg(path, text)
    elif lower == "pipfile":
        sig += _pipfile(path, text)
    elif lower.startswith("requirements"):
        sig += _requirements_txt(path, text)
    elif lower == "go.mod":
        sig += _go_mod(path, text, info)
    elif lower == "cargo.toml":
        sig += _cargo(path, text, info)
    elif lower == "pom.xml":
        sig += _pom(path, text)
    elif lower in ("build.gradle", "build.gradle.kts"):
        sig += _gradle(path, text)
    elif lower.endswith((".csproj", ".fsproj")):
        sig += _csproj(path, text)
    elif lower == "gemfile":
        sig += _gemfile(path, text)
    elif lower == "mix.exs":
        sig += _mix(path, text)
    elif lower.startswith(("dockerfile", "containerfile")) or lower.endswith(".dockerfile"):
        sig += _dockerfile(path, text, info)
    elif lower == ".env" or lower.startswith(".env.") or lower.endswith(".env"):
        sig += _env_file(path, text)
    elif lower.endswith(".tf"):
        sig += _terraform(path, text)
    elif lower.startswith(("tsconfig", "jsconfig")):
        _tsconfig(text, info)
    elif lower.endswith((".yml", ".yaml")):
        _yaml_manifest(path, lower, text, info)
    return info


def _yaml_manifest(path: str, lower: str, text: str, info: ManifestInfo) -> None:
    # Only YAML that can name images or variables is parsed: compose, k8s, Helm, CI.
    if not re.search(
        r"(?m)^\s*(?:-\s*)?(?:image|services|kind|apiVersion|env|environment)\s*:", text
    ):
        return
    docs = _yaml_docs(text)
    if not docs:
        return
    info.signals += _walk_yaml(docs, path)
    if lower in ("chart.yaml", "chart.yml"):
        info.signals += _helm_chart(path, docs)
    if "compose" in lower:
        _compose(path, docs, info)
    _kubernetes(path, docs, info)
