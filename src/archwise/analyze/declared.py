"""Services the owners declare in an app host, a build or a workspace, not in compose or k8s."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import yaml


@dataclass
class Declared:
    """One service an app host or build declares: built from a folder, or a resource it runs."""

    name: str
    kind: str
    folder: str | None  # None: a resource the host runs (a database, a broker, a proxy)
    file: str
    line: int
    links: list[str] = field(default_factory=list)


_ASPIRE_HOST = re.compile(r"Aspire\.AppHost\.Sdk|<IsAspireHost>\s*true", re.IGNORECASE)
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_BUILDER = re.compile(r"\b(\w+)\s*=\s*DistributedApplication\.CreateBuilder\b")
_RESOURCE = re.compile(
    r"^\s*(?:(?:var|IResourceBuilder<[^>]*>)\s+(\w+)\s*=\s*)?(\w+)\s*\.\s*(Add\w+)"
    r"(?:<\s*Projects\.(\w+)\s*>)?\(\s*\"([^\"]+)\"(?:\s*,\s*\"([^\"]+\.\w+proj)\")?",
)
_ALIAS = re.compile(
    r"^\s*(?:var|IResourceBuilder<[^>]*>|EndpointReference)\s+(\w+)\s*=\s*(\w+)\s*\."
)
_STRING = re.compile(r'@?\$?"(?:[^"\\]|\\.)*"')
# control-flow heads before a statement: `if (cond) {`, `} else {`, `else if (x)`, a lone brace
_BLOCK_HEAD = re.compile(
    r"(?:\s*(?:\}|\{|else\b|if\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)))+\s*"
)
# a call on a declared variable: `api.WithReference(cache)`
_LATER = re.compile(r"^\s*(\w+)\s*\.\s*With\w*")
_WORD = re.compile(r"\b[A-Za-z_]\w*\b")


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _norm(path: str) -> str:
    parts: list[str] = []
    for p in path.replace("\\", "/").split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


def aspire_services(paths: Sequence[str], read: Callable[[str], str | None]) -> list[Declared]:
    """Projects and resources a .NET Aspire app host adds, with `WithReference` as links."""
    projects = [p for p in paths if p.endswith((".csproj", ".fsproj", ".vbproj"))]
    by_type = {re.sub(r"[^\w]", "_", p.rsplit("/", 1)[-1].rsplit(".", 1)[0]): p for p in projects}
    found: list[Declared] = []
    for proj in projects:
        text = read(proj)
        if text is None or not _ASPIRE_HOST.search(text):
            continue
        host = _folder(proj)
        sources = [p for p in paths if p.endswith(".cs") and _folder(p) == host]
        for src in sorted(sources):
            code = read(src)
            if code is not None:
                found.extend(_host_program(src, code, by_type))
    return found


def _host_program(path: str, code: str, by_type: dict[str, str]) -> list[Declared]:
    code = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), code)
    builders = {m.group(1) for m in _BUILDER.finditer(code)}
    if not builders:
        return []
    names: dict[str, str] = {}  # variable -> resource that runs (a database resolves to its server)
    out: dict[str, Declared] = {}
    pos = 0
    for piece in code.split(";"):
        start, pos = pos, pos + len(piece) + 1
        # a statement inside `if (...) {`, `else {` or after a block's `}` is read as well
        head = _BLOCK_HEAD.match(piece)
        stmt = piece[head.end() :] if head else piece
        start += len(piece) - len(stmt)
        m = _RESOURCE.match(stmt)
        if m is None or m.group(2) not in builders:
            alias = _ALIAS.match(stmt)
            if alias is not None and alias.group(2) in names:
                # postgres.AddDatabase("db") runs on postgres; api.GetEndpoint("http") is api
                names[alias.group(1)] = names[alias.group(2)]
                continue
            later = _LATER.match(stmt)
            if later is not None and later.group(1) in names and names[later.group(1)] in out:
                # api.WithReference(cache) after api was declared
                dec = out[names[later.group(1)]]
                rest = _STRING.sub('""', stmt[later.end() :])
                used = {names[w] for w in _WORD.findall(rest) if w in names} - {dec.name}
                dec.links = sorted({*dec.links, *used})
            continue
        var, _, method, ptype, name, ppath = m.groups()
        line = code.count("\n", 0, start + m.start(3)) + 1
        folder: str | None = None
        if method == "AddProject":
            target = by_type.get(ptype or "") if ptype else None
            if target is None and ppath:
                target = _norm(f"{_folder(path)}/{ppath}")
            folder = _folder(target) if target is not None else None
            if folder is None:
                continue  # a project outside the tree is not one of this repository's services
        # whatever the declaration hands another resource (a reference, a wait, an endpoint
        # in its environment, routes of a proxy) is something it talks to or needs first
        rest = _STRING.sub('""', stmt[m.end() :])
        used = {names[w] for w in _WORD.findall(rest) if w in names}
        out[name] = Declared(name, "aspire", folder, path, line, sorted(used - {name}))
        if var:
            names[var] = name
    return list(out.values())


def _workspace_globs(paths: Sequence[str], read: Callable[[str], str | None]) -> list[str]:
    """Member globs of the root workspace: package.json `workspaces` or pnpm-workspace.yaml."""
    globs: list[str] = []
    if "package.json" in paths:
        try:
            doc = json.loads(read("package.json") or "{}")
        except ValueError:
            doc = {}
        ws = doc.get("workspaces") if isinstance(doc, dict) else None
        if isinstance(ws, dict):
            ws = ws.get("packages")
        if isinstance(ws, list):
            globs += [g for g in ws if isinstance(g, str)]
    if "pnpm-workspace.yaml" in paths:
        try:
            doc = yaml.safe_load(read("pnpm-workspace.yaml") or "") or {}
        except yaml.YAMLError:
            doc = {}
        pk = doc.get("packages") if isinstance(doc, dict) else None
        if isinstance(pk, list):
            globs += [g for g in pk if isinstance(g, str)]
    return globs


# files a platform that builds and runs an app from its folder reads (Vercel, Netlify, Fly.io,
# Render, Heroku, Cloudflare Workers, Railway)
PAAS_FILES = frozenset(
    {
        "vercel.json",
        "netlify.toml",
        "fly.toml",
        "render.yaml",
        "app.json",
        "procfile",
        "heroku.yml",
        "wrangler.toml",
        "wrangler.json",
        "wrangler.jsonc",
        "railway.json",
        "railway.toml",
        "nixpacks.toml",
    }
)


def workspace_apps(
    paths: Sequence[str], read: Callable[[str], str | None], *, deployed: bool = False
) -> list[Declared]:
    """Members of a JavaScript workspace that run as a server: those with a `start` script; with
    `deployed`, those a platform deploys from their folder (a PaaS file and a start or build)."""
    # `npm start` is how a deployed Node app runs; a library or a mobile app has no such script
    paas = {p.rpartition("/")[0] for p in paths if p.rpartition("/")[2].lower() in PAAS_FILES}
    globs = [g.rstrip("/") for g in _workspace_globs(paths, read)]
    include = [g for g in globs if not g.startswith("!")]
    exclude = [g[1:] for g in globs if g.startswith("!")]
    found: list[Declared] = []
    for p in sorted(paths):
        folder, _, base = p.rpartition("/")
        if base != "package.json" or not folder or "node_modules" in folder.split("/"):
            continue
        if not any(fnmatch.fnmatchcase(folder, g) for g in include):
            continue
        if any(fnmatch.fnmatchcase(folder, g) for g in exclude):
            continue
        if deployed and folder not in paas:
            continue
        try:
            doc = json.loads(read(p) or "{}")
        except ValueError:
            continue
        scripts = doc.get("scripts") if isinstance(doc, dict) else None
        runs = ("start", "build") if deployed else ("start",)
        if isinstance(scripts, dict) and any(isinstance(scripts.get(k), str) for k in runs):
            name = folder.rsplit("/", 1)[-1]
            found.append(Declared(name, "workspace", folder, p, 1))
    return found


# a project that runs as a server or a background service: the web and worker SDKs
_HOSTED_SDK = re.compile(
    r"<Project\b[^>]*\bSdk\s*=\s*\"Microsoft\.NET\.Sdk\.(?:Web|Worker)\"", re.I
)
_TEST_PROJECT = re.compile(
    r"Include\s*=\s*\"(?:Microsoft\.NET\.Test\.Sdk|xunit|NUnit|MSTest\.TestFramework)\"", re.I
)
_TEST_NAME = re.compile(r"(?:^|[.\-_])(?:tests?|specs?|unittests?|integrationtests?|e2e)$", re.I)


def dotnet_apps(paths: Sequence[str], read: Callable[[str], str | None]) -> list[Declared]:
    """The projects of a .NET tree that run on their own (web and worker SDKs), test projects
    left out: each is deployed by itself, named as its project file names it."""
    found: list[Declared] = []
    for p in sorted(paths):
        if not p.endswith(".csproj") and not p.endswith(".fsproj"):
            continue
        stem = p.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if _TEST_NAME.search(stem):
            continue
        text = read(p) or ""
        if _HOSTED_SDK.search(text) and not _TEST_PROJECT.search(text):
            found.append(Declared(stem, "dotnet", _folder(p), p, 1))
    return found


# words after `Dockerfile.` (or before `.Dockerfile`) that name a variant of one build, a stage,
# a base or a target platform, never the service it builds
_DOCKERFILE_VARIANTS = frozenset(
    {
        "dev",
        "develop",
        "development",
        "prod",
        "production",
        "prd",
        "stage",
        "staging",
        "local",
        "test",
        "tests",
        "ci",
        "base",
        "alpine",
        "debian",
        "ubuntu",
        "bullseye",
        "bookworm",
        "slim",
        "distroless",
        "release",
        "build",
        "builder",
        "runtime",
        "arm",
        "arm64",
        "armv7",
        "multiarch",
        "amd64",
        "x86",
        "gpu",
        "cpu",
        "cuda",
        "rocm",
        "windows",
        "linux",
        "nightly",
        "debug",
        "static",
        "native",
        "jvm",
        "multistage",
        "full",
        "min",
        "minimal",
        "standalone",
        "all",
        "aio",
        "template",
        "tmpl",
        "in",
        "j2",
        "example",
        "sample",
        "old",
        "new",
        "legacy",
        "latest",
        "next",
        "edge",
        "canary",
        "musl",
        "rootless",
        "nonroot",
        "heroku",
        "fly",
        "render",
        "railway",
        "export",
        "dist",
        "package",
        "binary",
        "nix",
        "cross",
        "devcontainer",
        "gitpod",
    }
)
_DOCKERFILE_NAME = re.compile(
    r"^(?:(?:docker|container)file[._\-](?P<after>[\w.\-]+)|(?P<before>[\w.\-]+)\.(?:docker|container)file)$",
    re.IGNORECASE,
)


def dockerfile_label(path: str) -> str | None:
    """The service a Dockerfile's own name carries (`dockerfile.sales`, `api.Dockerfile`,
    `Dockerfile.worker.prod` -> worker), None for a plain or a variant-only name."""
    m = _DOCKERFILE_NAME.match(path.rsplit("/", 1)[-1])
    if m is None:
        return None
    words = re.split(r"[._\-]", (m.group("after") or m.group("before")).lower())
    named = [w for w in words if w and w not in _DOCKERFILE_VARIANTS]
    return "-".join(named) or None


def named_build_folder(
    label: str, dockerfile_text: str, code_dirs: Collection[str], manifest_dirs: Collection[str]
) -> str | None:
    """The folder of code a named Dockerfile builds: the one folder of that name holding code,
    else the one of them the Dockerfile itself mentions (`WORKDIR /app/api/services/sales`),
    else the one with a manifest of its own; None when none or several remain."""
    sources = _copied(dockerfile_text)
    # only a build that copies the folder (or the tree above it) in can build its code
    found = sorted(
        f
        for f in code_dirs
        if f
        and f.rsplit("/", 1)[-1].lower() == label
        and not _aside(f)
        and any(not src or f == src or f.startswith(src + "/") for src in sources)
    )
    if len(found) <= 1:
        return found[0] if found else None
    for narrower in (
        [f for f in found if re.search(rf"(?<![\w\-]){re.escape(f)}(?![\w\-])", dockerfile_text)],
        [f for f in found if f in manifest_dirs],
    ):
        if len(narrower) == 1:
            return narrower[0]
    return None


_COPY = re.compile(r"^\s*(?:COPY|ADD)\s+(.*)$", re.IGNORECASE | re.MULTILINE)


def _copied(text: str) -> list[str]:
    """The tree's paths a Dockerfile's COPY and ADD take ("" for the whole context)."""
    out: list[str] = []
    for m in _COPY.finditer(text):
        words = [w.strip("\"',[]") for w in m.group(1).split()]
        if any(w.startswith("--from") for w in words):
            continue  # files of another stage or image
        for src in [w for w in words if w and not w.startswith("--")][:-1]:
            if "://" in src:
                continue
            out.append(src.split("*", 1)[0].strip("/").removeprefix("./").strip("/").strip("."))
    return out


_ASIDE = frozenset(
    {"test", "tests", "testdata", "spec", "fixtures", "examples", "example", "samples", "docs"}
)


def _aside(folder: str) -> bool:
    """A folder of tests, fixtures, samples or docs: its code is not what a build ships."""
    return any(p.lower() in _ASIDE for p in folder.split("/"))


# a process that rebuilds assets whenever they change (`tailwindcss:watch`, `vite build --watch`)
_WATCH = re.compile(r"(?:--watch\b|[:\s]watch\b|\bwatch[:\s])", re.IGNORECASE)


def watch_process(command: str) -> bool:
    """A Procfile process that only rebuilds assets as they change: a developer's loop."""
    return _WATCH.search(command) is not None


_ENTRY = re.compile(r"^\s*(ENTRYPOINT|CMD)\s+(.+)$", re.IGNORECASE | re.MULTILINE)
# programs that start another one: the program after them is the image's
_LAUNCHERS = frozenset({"sh", "bash", "ash", "exec", "tini", "dumb-init", "env", "s6-svscan"})


def entry_program(dockerfile_text: str) -> str | None:
    """The program a Dockerfile's final image runs (`ENTRYPOINT ["/usr/bin/app-server"]` ->
    app-server), from its last ENTRYPOINT, else its last CMD; None for a script or nothing, ""
    for a shell alone (`CMD ["/bin/sh"]`: a toolbox to work in, not a program to run)."""
    found: dict[str, str] = {}
    for m in _ENTRY.finditer(dockerfile_text):
        found[m.group(1).upper()] = m.group(2).strip()
    line = found.get("ENTRYPOINT") or found.get("CMD")
    if line is None:
        return None
    try:
        words = json.loads(line) if line.startswith("[") else line.split()
    except ValueError:
        return None
    for word in words if isinstance(words, list) else []:
        if not isinstance(word, str) or word.startswith("-") or word == "--":
            continue
        name = word.rsplit("/", 1)[-1]
        if name in _LAUNCHERS:
            continue
        if not re.fullmatch(r"[A-Za-z][\w\-]*", name):
            return None  # a script (`docker-entrypoint.sh`) or a variable says nothing
        return name
    return ""


@dataclass
class PlatformApp:
    """One app a platform's file deploys (fly.toml, render.yaml, azure.yaml): its name, the
    folder of its code, the stock image it runs instead, its process groups."""

    name: str
    kind: str
    folder: str
    file: str
    line: int
    image: str | None = None
    processes: list[str] = field(default_factory=list)


def _line(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def platform_apps(paths: Sequence[str], read: Callable[[str], str | None]) -> list[PlatformApp]:
    """The apps the tree's Fly.io, Render and Azure Developer CLI files deploy."""
    found: list[PlatformApp] = []
    for p in sorted(paths):
        folder, _, base = p.rpartition("/")
        lower = base.lower()
        if lower == "fly.toml":
            found += _fly(p, folder, read(p) or "")
        elif lower in ("render.yaml", "render.yml"):
            found += _render(p, folder, read(p) or "")
        elif lower in ("azure.yaml", "azure.yml"):
            found += _azd(p, folder, read(p) or "")
    return found


def _fly(path: str, folder: str, text: str) -> list[PlatformApp]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    name = doc.get("app")
    if not isinstance(name, str) or not name or "$" in name:
        return []
    build = doc.get("build")
    image = build.get("image") if isinstance(build, dict) else None
    procs = doc.get("processes")
    return [
        PlatformApp(
            name,
            "fly",
            folder,
            path,
            _line(text, "app"),
            image if isinstance(image, str) and image else None,
            sorted(str(k) for k in procs) if isinstance(procs, dict) else [],
        )
    ]


# Render service types that run code as a long-lived process (cron jobs are tasks; redis and
# keyvalue are Render's own stores)
_RENDER_RUNS = frozenset({"web", "worker", "pserv", "private_service", "background_worker"})


def _render(path: str, folder: str, text: str) -> list[PlatformApp]:
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    services = doc.get("services") if isinstance(doc, dict) else None
    out: list[PlatformApp] = []
    for svc in services if isinstance(services, list) else []:
        if not isinstance(svc, dict) or not isinstance(svc.get("name"), str):
            continue
        if str(svc.get("type", "web")) not in _RENDER_RUNS:
            continue
        image = svc.get("image")
        url = image.get("url") if isinstance(image, dict) else None
        root = svc.get("rootDir") if isinstance(svc.get("rootDir"), str) else ""
        out.append(
            PlatformApp(
                svc["name"],
                "render",
                _norm(f"{folder}/{root}"),
                path,
                _line(text, f"name: {svc['name']}"),
                url if isinstance(url, str) and url else None,
            )
        )
    return out


def _azd(path: str, folder: str, text: str) -> list[PlatformApp]:
    """Services of an Azure Developer CLI project (`services: {api: {project: ./src/api}}`)."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict) or "name" not in doc:
        return []
    out: list[PlatformApp] = []
    for key, svc in services.items():
        if not isinstance(svc, dict) or not isinstance(svc.get("project"), str):
            continue
        image = svc.get("image")
        out.append(
            PlatformApp(
                str(key),
                "azd",
                _norm(f"{folder}/{svc['project']}"),
                path,
                _line(text, f"{key}:"),
                image if isinstance(image, str) and image else None,
            )
        )
    return out


# a generation or deployment date after an app's name (`shop-2025-05-05`, `shop-v2`)
_GENERATION = re.compile(r"(?:[-_.]v?\d+)+$")


def one_app_name(names: Sequence[str]) -> str | None:
    """The name several deployments of one code share once their generation suffixes are
    dropped (`shop-2024-01-12`, `shop-2025-05-05` -> shop), None when they differ."""
    stems = {_GENERATION.sub("", n) for n in names}
    if len(stems) != 1:
        return None
    stem = stems.pop()
    return stem or None
