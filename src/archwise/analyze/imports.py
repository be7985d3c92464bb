"""Import statements of JavaScript/TypeScript, Go, Rust and Java, read with tree-sitter grammars."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# language name -> (grammar module, function returning the language pointer)
GRAMMARS: dict[str, tuple[str, str]] = {
    "JavaScript": ("tree_sitter_javascript", "language"),
    "TypeScript": ("tree_sitter_typescript", "language_tsx"),
    "Go": ("tree_sitter_go", "language"),
    "Rust": ("tree_sitter_rust", "language"),
    "Java": ("tree_sitter_java", "language"),
}

QUERIES: dict[str, str] = {
    "JavaScript": """
        (import_statement source: (string (string_fragment) @src))
        (export_statement source: (string (string_fragment) @src))
        (call_expression function: (_) @fn arguments: (arguments . (string (string_fragment) @src)))
    """,
    "Go": "(import_spec path: (_) @src)",
    "Rust": """
        (use_declaration argument: (_) @use)
        (mod_item name: (identifier) @mod !body)
    """,
    "Java": """
        (package_declaration (_) @pkg)
        (import_declaration) @imp
    """,
}
QUERIES["TypeScript"] = QUERIES["JavaScript"]


@dataclass(frozen=True)
class RawImport:
    """An import as written: what it names, its line and kind (use, pub-use, mod, import...)."""

    target: str
    line: int
    kind: str = "import"


@cache
def _parser(language: str) -> tuple[Any, Any]:
    import importlib

    import tree_sitter as ts

    module, func = GRAMMARS[language]
    lang = ts.Language(getattr(importlib.import_module(module), func)())
    return ts.Parser(lang), ts.Query(lang, QUERIES[language])


def supported(language: str) -> bool:
    """True when archwise reads imports of this language with tree-sitter."""
    return language in GRAMMARS


# words every import form of a language contains: a file with none of them needs no parse
_IMPORT_WORDS: dict[str, tuple[bytes, ...]] = {
    "JavaScript": (b"import", b"require", b"export"),
    "TypeScript": (b"import", b"require", b"export"),
    "Go": (b"import",),
    "Rust": (b"use", b"mod"),
    "Java": (b"package", b"import"),
}


def extract(language: str, source: bytes) -> list[RawImport]:
    """The imports of one file, in source order."""
    import tree_sitter as ts

    if not any(w in source for w in _IMPORT_WORDS.get(language, (b"",))):
        return []
    parser, query = _parser(language)
    tree = parser.parse(source)
    out: list[RawImport] = []
    for _, caps in ts.QueryCursor(query).matches(tree.root_node):
        if "src" in caps:
            fn = caps.get("fn")
            if fn and _text(fn[0]) not in ("require", "import"):
                continue
            node = caps["src"][0]
            out.append(RawImport(_text(node).strip('"`'), node.start_point[0] + 1))
        elif "use" in caps:
            node = caps["use"][0]
            parent = node.parent
            public = parent is not None and any(
                c.type == "visibility_modifier" for c in parent.children
            )
            for path in expand_use(_text(node)):
                out.append(RawImport(path, node.start_point[0] + 1, "pub-use" if public else "use"))
        elif "mod" in caps:
            node = caps["mod"][0]
            out.append(RawImport(_text(node), node.start_point[0] + 1, "mod"))
        elif "pkg" in caps:
            node = caps["pkg"][0]
            out.append(RawImport(_text(node), node.start_point[0] + 1, "package"))
        elif "imp" in caps:
            node = caps["imp"][0]
            text = re.sub(r"\s+", " ", _text(node)).strip().rstrip(";")
            text = text.removeprefix("import").strip()
            kind = "import"
            if text.startswith("static "):
                text, kind = text[len("static ") :].strip(), "static"
            out.append(RawImport(text.replace(" ", ""), node.start_point[0] + 1, kind))
    out.sort(key=lambda r: r.line)
    return out


def _text(node: Any) -> str:
    raw = node.text
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)


def expand_use(text: str) -> list[str]:
    """Rust use trees as flat paths: 'crate::a::{b, c::D}' -> ['crate::a::b', 'crate::a::c::D']."""
    text = re.sub(r"\s+as\s+\w+", "", text)
    text = re.sub(r"\s+", "", text)
    if "{" not in text:
        return [text.removesuffix("::*")]
    head, _, rest = text.partition("{")
    body = rest[: rest.rfind("}")] if "}" in rest else rest
    items: list[str] = []
    depth = 0
    cur = ""
    for ch in body:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    items.append(cur)
    out: list[str] = []
    for item in items:
        if not item:
            continue
        if item == "self":
            out.append(head.removesuffix("::"))
            continue
        out.extend(expand_use(head + item))
    return out
