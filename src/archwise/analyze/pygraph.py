"""Python import graphs: grimp for packages, the ast module for trees that are not packages."""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archwise.analyze.graph import Import


@dataclass
class PyGraph:
    """File-level Python modules, the imports between them and how they were read."""

    modules: dict[str, str] = field(default_factory=dict)  # module -> file relative to root
    imports: list[Import] = field(default_factory=list)
    engines: dict[str, str] = field(default_factory=dict)  # top-level package -> grimp | ast
    notes: list[tuple[str, str]] = field(default_factory=list)


def module_name(path: str, source_root: str) -> str | None:
    """Dotted module of a .py file relative to its source root ('a/b/__init__.py' -> 'a.b')."""
    rel = path[len(source_root) :] if source_root and path.startswith(source_root) else path
    if not rel.endswith((".py", ".pyi")):
        return None
    rel = rel.rsplit(".", 1)[0]
    parts = rel.split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts)


def top_packages(paths: Sequence[str]) -> dict[str, str]:
    """Top-level packages whose name is unique in the tree -> their source root."""
    found = all_packages(paths)
    names = [n for n, _ in found]
    return {n: src for n, src in found if names.count(n) == 1}


def all_packages(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(name, source root) of every top-level package: a folder with __init__.py, none above."""
    inits = {p.rsplit("/", 1)[0] if "/" in p else "" for p in paths if p.endswith("/__init__.py")}
    if any(p == "__init__.py" for p in paths):
        inits.add("")
    out: list[tuple[str, str]] = []
    for folder in sorted(inits):
        if not folder:
            continue
        parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
        parts = folder.split("/")
        if any("/".join(parts[:i]) in inits for i in range(1, len(parts))):
            continue  # inside another package (perhaps below a namespace folder)
        name = folder.rsplit("/", 1)[-1]
        if name.isidentifier():
            out.append((name, parent + "/" if parent else ""))
    return out


@contextlib.contextmanager
def _on_path(folders: Sequence[Path]) -> Iterator[None]:
    saved = list(sys.path)
    sys.path[:0] = [str(f) for f in folders]
    importlib.invalidate_caches()
    try:
        yield
    finally:
        sys.path[:] = saved
        importlib.invalidate_caches()


def _grimp_graph(root: Path, packages: dict[str, str], files: set[str], out: PyGraph) -> set[str]:
    """Build with grimp the packages that resolve inside the tree; return those it handled."""
    import grimp

    usable: dict[str, str] = {}
    roots = sorted({root / r for r in packages.values()}, key=str)
    with _on_path(roots):
        for name, src in packages.items():
            # grimp finds packages by import name: use it only when that name means this tree
            # (an already imported module of the same name elsewhere would shadow it)
            init = (root / src / name / "__init__.py").resolve()
            loaded = sys.modules.get(name)
            if loaded is not None:
                origin_text = getattr(loaded, "__file__", None)
            else:
                try:
                    spec = importlib.util.find_spec(name)
                except (ImportError, ValueError):
                    spec = None
                origin_text = spec.origin if spec is not None else None
            if origin_text and Path(origin_text).resolve() == init:
                usable[name] = src
        if not usable:
            return set()
        try:
            g = grimp.build_graph(*sorted(usable), cache_dir=None)
        except Exception as exc:  # grimp raises its own errors on odd trees; ast takes over
            out.notes.append((",".join(sorted(usable)), f"grimp failed ({exc}); used ast"))
            return set()
    folders: set[str] | None = None  # every folder holding a file, listed when first needed
    for mod in sorted(g.modules):
        top = mod.split(".", 1)[0]
        src_dir = usable.get(top)
        if src_dir is None:
            continue
        file = _module_file(mod, src_dir, files)
        if file is None and folders is None:
            folders = _folders(files)
        if file is None and src_dir + mod.replace(".", "/") + "/" in (folders or ()):
            file = src_dir + mod.replace(".", "/") + "/"  # a namespace folder inside the package
        if file is not None:
            out.modules[mod] = file
    for mod in sorted(out.modules):
        if mod.split(".", 1)[0] not in usable:
            continue
        for target in sorted(g.find_modules_directly_imported_by(mod)):
            if target not in out.modules:
                continue
            details = g.get_import_details(importer=mod, imported=target)
            lines = sorted({int(d["line_number"]) for d in details})
            for line in lines or [0]:
                out.imports.append(Import(mod, target, out.modules[mod], line or None))
    for name in usable:
        out.engines[name] = "grimp"
    return set(usable)


def _folders(files: set[str]) -> set[str]:
    """Every folder ('a/', 'a/b/') holding a file, walking up each path until a known one."""
    out: set[str] = set()
    for p in files:
        i = p.rfind("/")
        while i >= 0:
            folder = p[: i + 1]
            if folder in out:
                break
            out.add(folder)
            i = p.rfind("/", 0, i)
    return out


def _module_file(mod: str, src: str, files: set[str]) -> str | None:
    base = src + mod.replace(".", "/")
    for cand in (base + ".py", base + "/__init__.py", base + ".pyi"):
        if cand in files:
            return cand
    return None


def python_graph(
    root: Path,
    paths: Sequence[str],
    texts: dict[str, str] | None = None,
    *,
    use_grimp: bool = True,
) -> PyGraph:
    """The import graph of every Python file in the tree (paths relative to root)."""
    if "__init__.py" in paths and root.name.isidentifier():
        # The tree is itself a package: read it from its parent, then strip the prefix again.
        pre = root.name + "/"
        inner = python_graph(
            root.parent,
            [pre + p for p in paths],
            {pre + k: v for k, v in (texts or {}).items()},
            use_grimp=use_grimp,
        )
        n = len(pre)
        inner.modules = {m: f[n:] for m, f in inner.modules.items()}
        inner.imports = [Import(i.source, i.target, i.file[n:], i.line) for i in inner.imports]
        inner.notes = [(f[n:] if f.startswith(pre) else f, r) for f, r in inner.notes]
        return inner
    out = PyGraph()
    py = [p for p in paths if p.endswith((".py", ".pyi"))]
    files = set(py)
    found = all_packages(py)
    packages = top_packages(py)  # a name used by two packages (services/*/app) is ambiguous
    done = _grimp_graph(root, packages, files, out) if use_grimp and packages else set()
    # Everything grimp did not read: named relative to its package's source root, and made
    # unique across roots when two roots hold the same package name.
    pending: list[tuple[str, str, str]] = []  # global name, name inside its root, file
    scoped: dict[str, dict[str, str]] = {}  # source root -> name inside it -> global name
    for p in py:
        src = next((r for n, r in found if p.startswith(r + n + "/")), "")
        inside = p[len(src) :] if src and p.startswith(src) else p
        if inside.split("/", 1)[0] in done:
            continue  # grimp read it
        rel = module_name(p, src)
        if rel is None:
            continue
        glob = rel if rel.split(".", 1)[0] in packages or not src else _qualified(src, rel)
        if glob in out.modules:
            continue
        out.modules[glob] = p
        scoped.setdefault(src, {})[rel] = glob
        pending.append((glob, rel, p))
        out.engines.setdefault(glob.split(".", 1)[0], "ast")
    known = set(out.modules)
    for mod, rel, p in pending:
        text = (texts or {}).get(p)
        if text is None:
            try:
                text = (root / p).read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                out.notes.append((p, f"unreadable ({exc.strerror}); imports not read"))
                continue
        is_pkg = p.endswith("__init__.py")
        src = next((r for n, r in found if p.startswith(r + n + "/")), "")
        local = scoped.get(src, {})
        local_names = set(local)
        # a script outside any package imports its neighbours by bare name (`from logger
        # import x`): Python puts the script's folder first on sys.path
        beside = rel.rpartition(".")[0] if not src and not is_pkg and "." in rel else ""
        for target, line in _ast_imports(text, rel, is_pkg, p, out):
            hit = _resolve(f"{beside}.{target}", local_names) if beside else None
            if hit is not None and not f"{hit}.".startswith(f"{beside}.{target.split('.')[0]}."):
                hit = None  # only a module beside the script counts, not its folder
            if hit is None or hit == mod:
                hit = _resolve(target, local_names)
            resolved = local[hit] if hit is not None else _resolve(target, known)
            if resolved is not None and resolved != mod:
                out.imports.append(Import(mod, resolved, p, line))
    out.imports.sort(key=lambda i: (i.source, i.target, i.line or 0))
    return out


def _ast_imports(
    text: str, mod: str, is_pkg: bool, path: str, out: PyGraph
) -> Iterator[tuple[str, int]]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError) as exc:
        out.notes.append(
            (path, f"not parseable as Python ({type(exc).__name__}); imports not read")
        )
        return
    package = mod if is_pkg else mod.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                keep = len(parts) - (node.level - 1)
                if keep < 0:
                    continue
                prefix = ".".join(parts[:keep])
                base = f"{prefix}.{base}" if prefix and base else (prefix or base)
            for alias in node.names:
                if alias.name != "*" and base:
                    yield f"{base}.{alias.name}", node.lineno
                elif base:
                    yield base, node.lineno


def _qualified(src: str, rel: str) -> str:
    """A module name made unique by its source root ('services/my-api/', 'app.x')."""
    parts = [re.sub(r"\W", "_", piece) for piece in src.strip("/").split("/") if piece]
    return ".".join([*parts, rel])


def _resolve(target: str, known: set[str]) -> str | None:
    parts = target.split(".")
    while parts:
        cand = ".".join(parts)
        if cand in known:
            return cand
        parts.pop()
    return None
