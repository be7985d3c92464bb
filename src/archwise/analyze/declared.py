"""Services the owners declare in an app host, a build or a workspace, not in compose or k8s."""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable, Sequence
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
