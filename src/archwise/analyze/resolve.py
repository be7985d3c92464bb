"""Resolve JavaScript/TypeScript, Go, Rust and Java imports to files of the tree (pure)."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from archwise.analyze.graph import Import
from archwise.analyze.imports import RawImport
from archwise.analyze.manifests import ManifestInfo

JS_EXTENSIONS = (".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
ROOT_PACKAGE = "(root)"


def _dir(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _stem(path: str) -> str:
    for ext in (".d.ts", *JS_EXTENSIONS, ".rs", ".go", ".java"):
        if path.endswith(ext):
            return path[: -len(ext)]
    return path.rsplit(".", 1)[0]


class Resolver:
    """File-level modules and resolved imports of the non-Python languages of a tree."""

    def __init__(
        self,
        paths: Sequence[str],
        manifests: Mapping[str, ManifestInfo],
        raw: Mapping[str, tuple[str, list[RawImport]]],
    ) -> None:
        self.paths = set(paths)
        self.raw = raw
        self.modules: dict[str, str] = {}
        self.node_of: dict[str, str] = {}
        self._ts = sorted(
            ((_dir(p), m) for p, m in manifests.items() if m.ts_paths or m.ts_base_url),
            key=lambda x: -len(x[0]),
        )
        self._go = sorted(
            ((m.go_module, _dir(p)) for p, m in manifests.items() if m.go_module),
            key=lambda x: -len(x[0]),
        )
        self._crates: dict[str, str] = {}  # crate name -> crate folder
        self._crate_dirs: list[str] = []
        for p, m in manifests.items():
            if p.endswith("Cargo.toml"):
                self._crate_dirs.append(_dir(p))
                if m.crate:
                    self._crates[m.crate] = _dir(p)
        self._crate_dirs.sort(key=len, reverse=True)
        self._rust_mods: dict[str, dict[tuple[str, ...], str]] = defaultdict(dict)
        self._java: dict[str, str] = {}
        self._java_pkgs: dict[str, list[str]] = defaultdict(list)
        self._go_dirs: set[str] = set()
        # Rust re-exports: file -> exported name -> the path it re-exports (`pub use a::B;`)
        self._reexports: dict[str, dict[str, str]] = defaultdict(dict)
        for path, (lang, imports) in sorted(raw.items()):
            if lang == "Java" and path.endswith(("/package-info.java", "/module-info.java")):
                continue  # annotations of a package or module, not a type of it
            node = self._node(path, lang, imports)
            self.node_of[path] = node
            self.modules.setdefault(node, path)
            if lang == "Rust":
                for imp in imports:
                    if imp.kind == "pub-use":
                        self._reexports[path][imp.target.rsplit("::", 1)[-1]] = imp.target

    def _node(self, path: str, lang: str, imports: list[RawImport]) -> str:
        if lang == "Go":
            folder = _dir(path)
            self._go_dirs.add(folder)
            return folder or ROOT_PACKAGE
        if lang == "Java":
            pkg = next((i.target for i in imports if i.kind == "package"), "")
            cls = path.rsplit("/", 1)[-1].removesuffix(".java")
            fqn = f"{pkg}.{cls}" if pkg else cls
            self._java[fqn] = path
            self._java_pkgs[pkg].append(fqn)
            return fqn
        if lang == "Rust":
            crate = self._crate_of(path)
            if crate is not None:
                segs = self._rust_segments(path, crate)
                if segs is not None:
                    self._rust_mods[crate][segs] = path
            stem = _stem(path)
            return _dir(path) if stem.endswith("/mod") or stem == "mod" else stem
        return _stem(path)

    def _crate_of(self, path: str) -> str | None:
        for d in self._crate_dirs:
            if path.startswith((d + "/src/") if d else "src/"):
                return d
        return None

    def _rust_segments(self, path: str, crate: str) -> tuple[str, ...] | None:
        rel = path[len(crate + "/src/") if crate else len("src/") :]
        parts = _stem(rel).split("/")
        if parts in (["lib"], ["main"]):
            return ()
        if parts[-1] == "mod":
            parts = parts[:-1]
        return tuple(parts)

    def imports(self) -> Iterator[Import]:
        """Every import that lands on a file of the tree."""
        for path, (lang, imports) in sorted(self.raw.items()):
            src = self.node_of.get(path)
            if src is None:
                continue
            for imp in imports:
                if imp.kind == "mod":
                    continue  # `mod x;` declares a child module: containment, not a dependency
                for target in self._resolve(path, lang, imp):
                    if imp.kind == "pub-use" and self._below(target, path):
                        continue  # a module re-exporting its own child's item: a facade
                    node = self.node_of.get(target)
                    if node is not None and node != src:
                        yield Import(src, node, path, imp.line)

    def _resolve(self, path: str, lang: str, imp: RawImport) -> list[str]:
        if lang in ("JavaScript", "TypeScript"):
            hit = self._js(path, imp.target)
            return [hit] if hit else []
        if lang == "Go":
            return self._golang(imp.target)
        if lang == "Rust":
            hit = self._rust(path, imp)
            return [hit] if hit else []
        if lang == "Java":
            return self._java_import(imp)
        return []

    def _js_file(self, base: str) -> str | None:
        base = posixpath.normpath(base)
        if base.startswith("../"):
            return None
        if base in self.paths:
            return base
        for ext in (".js", ".mjs", ".cjs", ".jsx"):
            if base.endswith(ext):
                for alt in (".ts", ".tsx", ".mts", ".cts"):
                    cand = base[: -len(ext)] + alt
                    if cand in self.paths:
                        return cand
        for ext in JS_EXTENSIONS:
            if base + ext in self.paths:
                return base + ext
        for ext in JS_EXTENSIONS:
            cand = f"{base}/index{ext}"
            if cand in self.paths:
                return cand
        return None

    def _js(self, path: str, spec: str) -> str | None:
        if spec.startswith("."):
            return self._js_file(posixpath.join(_dir(path), spec))
        for folder, m in self._ts:
            if folder and not path.startswith(folder + "/"):
                continue
            base = posixpath.join(folder, m.ts_base_url or ".")
            for pattern, targets in (m.ts_paths or {}).items():
                star = pattern.find("*")
                if star < 0:
                    if spec != pattern:
                        continue
                    rest = ""
                else:
                    pre, post = pattern[:star], pattern[star + 1 :]
                    if not (spec.startswith(pre) and spec.endswith(post)):
                        continue
                    if len(spec) < len(pre) + len(post):
                        continue
                    rest = spec[len(pre) : len(spec) - len(post)]
                for t in targets:
                    hit = self._js_file(posixpath.join(base, t.replace("*", rest)))
                    if hit:
                        return hit
            if m.ts_base_url:
                hit = self._js_file(posixpath.join(base, spec))
                if hit:
                    return hit
        return None

    def _golang(self, spec: str) -> list[str]:
        for module, folder in self._go:
            if spec == module or spec.startswith(module + "/"):
                rest = spec[len(module) :].lstrip("/")
                target = posixpath.join(folder, rest) if rest else folder
                target = "" if target == "." else target
                if target in self._go_dirs:
                    return [
                        p for p, (lang, _) in self.raw.items() if lang == "Go" and _dir(p) == target
                    ][:1]
        return []

    def _below(self, target: str, path: str) -> bool:
        """True when the Rust file target is a descendant module of the file path's module."""
        crate = self._crate_of(path)
        if crate is None or self._crate_of(target) != crate:
            return False
        mine, theirs = self._rust_segments(path, crate), self._rust_segments(target, crate)
        if mine is None or theirs is None:
            return False
        return len(theirs) > len(mine) and theirs[: len(mine)] == mine

    def _rust(self, path: str, imp: RawImport, hops: int = 0) -> str | None:
        """The file defining what a `use` names, following `pub use` re-exports."""
        crate = self._crate_of(path)
        if crate is None:
            return None
        cur = self._rust_segments(path, crate)
        if cur is None:
            return None
        if imp.kind == "mod":
            return self._rust_mods[crate].get((*cur, imp.target))
        if cur and cur[0] == "bin":
            cur = ()  # a binary's own modules hang off its file; its paths start at the crate
        segs = imp.target.split("::")
        mods = self._rust_mods[crate]
        least = 0  # segments that must resolve to a module for the path to be ours
        if segs[0] == "crate":
            want = segs[1:]
        elif segs[0] == "self":
            want = [*cur, *segs[1:]]
        elif segs[0] == "super":
            up = cur
            while segs and segs[0] == "super":
                up = up[:-1]
                segs = segs[1:]
            want = [*up, *segs]
        elif segs[0] in self._crates:
            mods = self._rust_mods[self._crates[segs[0]]]
            want = segs[1:]
        else:
            want = [*cur, *segs]  # 2018 paths: a child module of the current one
            least = len(cur) + 1
        for n in range(len(want), least - 1, -1):
            hit = mods.get(tuple(want[:n]))
            if hit is None:
                continue
            if n < len(want) and hops < 8:
                again = self._reexports.get(hit, {}).get(want[n])
                if again is not None and again != imp.target:
                    found = self._rust(hit, RawImport(again, imp.line, "use"), hops + 1)
                    if found is not None:
                        return found
            return hit if n >= max(least, 1) or not least else None
        return None

    def _java_import(self, imp: RawImport) -> list[str]:
        if imp.kind == "package":
            return []
        target = imp.target
        if target.endswith(".*"):
            pkg = target[:-2]
            if pkg in self._java_pkgs:
                return [self._java[f] for f in sorted(self._java_pkgs[pkg])]
            target = pkg
        parts = target.split(".")
        for n in range(len(parts), 0, -1):
            hit = self._java.get(".".join(parts[:n]))
            if hit is not None:
                return [hit]
        return []
