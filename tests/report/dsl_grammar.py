"""A checker of the Structurizr DSL subset archwise writes, after the DSL language reference
(docs.structurizr.com/dsl/language): workspace, model (person, softwareSystem, container,
relationships), views (systemContext, container, styles) with their argument counts."""

from __future__ import annotations

import re

TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|->|[{}=]|[^\s{}"=]+|\n')
SHAPES = {
    "Box",
    "RoundedBox",
    "Circle",
    "Ellipse",
    "Hexagon",
    "Cylinder",
    "Pipe",
    "Person",
    "Robot",
    "Folder",
    "WebBrowser",
    "Window",
    "MobileDevicePortrait",
    "MobileDeviceLandscape",
    "Component",
    "Diamond",
    "Terminal",
    "Shell",
}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
AUTOLAYOUT = {"lr", "rl", "tb", "bt"}


class DslError(ValueError):
    """A grammar violation, with its line."""


def _lines(text: str) -> list[list[str]]:
    """Statements: the tokens of each line (the DSL is line-oriented)."""
    out: list[list[str]] = []
    cur: list[str] = []
    for tok in TOKEN.findall(text):
        if tok == "\n":
            out.append(cur)
            cur = []
        else:
            cur.append(tok)
    out.append(cur)
    return out


def _is_str(tok: str) -> bool:
    return tok.startswith('"') and tok.endswith('"') and len(tok) >= 2


def check(text: str) -> dict[str, set[str]]:
    """Raise DslError on the first violation; return the identifiers by element kind."""
    stack: list[str] = []
    ids: dict[str, set[str]] = {"person": set(), "softwareSystem": set(), "container": set()}
    defined: set[str] = set()

    def fail(n: int, msg: str) -> None:
        raise DslError(f"line {n}: {msg}")

    for n, toks in enumerate(_lines(text), 1):
        if not toks:
            continue
        ctx = stack[-1] if stack else None
        opens = toks[-1] == "{"
        body = toks[:-1] if opens else toks
        if toks == ["}"]:
            if not stack:
                fail(n, "unbalanced }")
            stack.pop()
            continue
        if ctx is None:
            if (
                body[0] != "workspace"
                or not opens
                or not all(_is_str(t) for t in body[1:])
                or len(body) > 3
            ):
                fail(n, "expected: workspace [name] [description] {")
            stack.append("workspace")
        elif ctx == "workspace":
            if body not in (["model"], ["views"]) or not opens:
                fail(n, "expected model { or views {")
            stack.append(body[0])
        elif ctx in ("model", "softwareSystem"):
            if len(body) >= 3 and body[1] == "=":
                ident, kind, args = body[0], body[2], body[3:]
                if not IDENT.match(ident):
                    fail(n, f"bad identifier {ident!r}")
                if ident in defined:
                    fail(n, f"duplicate identifier {ident!r}")
                allowed = {
                    "model": {"person": 3, "softwareSystem": 3},
                    "softwareSystem": {"container": 4},
                }[ctx]
                if kind not in allowed:
                    fail(n, f"{kind!r} is not allowed in {ctx}")
                if not 1 <= len(args) <= allowed[kind] or not all(_is_str(a) for a in args):
                    fail(n, f"{kind} takes 1..{allowed[kind]} quoted arguments")
                if opens and kind != "softwareSystem":
                    fail(n, f"{kind} cannot open a block here")
                defined.add(ident)
                ids[kind].add(ident)
                if opens:
                    stack.append(kind)
            elif len(body) >= 3 and body[1] == "->":
                src, dst, args = body[0], body[2], body[3:]
                for ident in (src, dst):
                    if ident not in defined:
                        fail(n, f"relationship uses undefined identifier {ident!r}")
                if len(args) > 3 or not all(_is_str(a) for a in args) or opens:
                    fail(n, "relationship: src -> dst [description] [technology] [tags]")
            else:
                fail(n, f"unexpected statement in {ctx}: {' '.join(body)}")
        elif ctx == "views":
            if body and body[0] in ("systemContext", "container") and opens:
                if len(body) < 2 or body[1] not in ids["softwareSystem"]:
                    fail(n, f"{body[0]} view needs a software system identifier")
                if len(body) > 4 or not all(_is_str(a) for a in body[2:]):
                    fail(n, f"{body[0]} <system> [key] [description] {{")
                stack.append("view")
            elif body == ["styles"] and opens:
                stack.append("styles")
            else:
                fail(n, f"unexpected statement in views: {' '.join(body)}")
        elif ctx == "view":
            if body == ["include", "*"] or (
                body[0] == "include" and all(t in defined for t in body[1:])
            ):
                continue
            if (
                body[0] == "autolayout"
                and len(body) <= 2
                and (len(body) == 1 or body[1] in AUTOLAYOUT)
            ):
                continue
            fail(n, f"unexpected statement in a view: {' '.join(body)}")
        elif ctx == "styles":
            if body[0] == "element" and len(body) == 2 and _is_str(body[1]) and opens:
                stack.append("elementStyle")
            else:
                fail(n, 'styles hold: element "Tag" {')
        elif ctx == "elementStyle":
            if body[0] == "shape":
                if len(body) != 2 or body[1] not in SHAPES:
                    fail(n, f"unknown shape {body[1:]!r}")
            elif body[0] not in (
                "background",
                "color",
                "colour",
                "stroke",
                "fontSize",
                "border",
                "opacity",
                "width",
                "height",
            ):
                fail(n, f"unknown style property {body[0]!r}")
    if stack:
        raise DslError(f"unclosed blocks: {stack}")
    return ids
