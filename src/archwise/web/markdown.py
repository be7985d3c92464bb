"""Markdown to safe HTML: markdown-it renders, nh3 sanitises, Mermaid blocks become diagrams."""

from __future__ import annotations

import html
import re
from typing import Any

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "details",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "pre": {"class"},
    "code": {"class"},
    "td": {"align"},
    "th": {"align"},
    "span": {"class"},
    "div": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _fence(md: MarkdownIt, tokens: Any, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    lang = token.info.strip().split(" ")[0] if token.info else ""
    body = html.escape(token.content)
    if lang == "mermaid":
        return f'<pre class="mermaid">{body}</pre>\n'
    cls = f' class="language-{html.escape(lang, quote=True)}"' if lang else ""
    return f"<pre><code{cls}>{body}</code></pre>\n"


_md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
_md.add_render_rule("fence", _fence)


def render(text: str) -> str:
    """Render Markdown to HTML with scripts, event handlers and javascript: links removed."""
    raw = _md.render(text)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_FIELD = re.compile(r"^\*\*[^*\n]{1,60}\*\*:\s")


def field_lines(text: str) -> str:
    """Put each `**Field**: value` line before the first section on a line of its own (a list)."""
    out = []
    in_preamble = True
    for line in text.splitlines():
        if line.startswith("## "):
            in_preamble = False
        out.append(f"- {line}" if in_preamble and _FIELD.match(line) else line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")
