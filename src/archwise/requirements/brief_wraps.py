"""Soft line wraps: a line break inside a sentence, as plain-text mail and hard-wrapped notes have.

"we had\\nroughly 2,500 people trying to book" is one clause; the brief reader cuts clauses at
line ends, so a count and its noun or cue on two lines of one sentence would be read apart. A
break is soft when the line before it is prose that has not ended (no closing punctuation, no
table, heading or label) and the line after it continues the sentence (a lower-case word, a
figure, or anything after a comma or a word that cannot end a sentence, such as "of"), and it
starts no block of its own (a bullet, a table row, a heading, a label such as "Budget:").
"""

from __future__ import annotations

import re

# a wrapped line is long; a short line without a full stop is a note or a label ("team 4 devs")
MIN_WRAPPED = 40
# words a sentence does not end on: what follows them belongs to the same clause
_OPEN_END = re.compile(
    r"(?:^|\s)(?:a|an|the|of|to|for|with|by|from|in|on|at|into|about|around|roughly|than|and"
    r"|or|but|plus|our|their|my|his|her|its|we|they|is|are|was|were|be|have|has|had|will"
    r"|would|can|could|should|shall|must|may|that|which|who|some|up|as|per)$",
    re.IGNORECASE,
)
_CLOSED_END = re.compile(r"[.!?:;|>]\**$|^\s*$")
# what starts a block of its own: a bullet, a numbered item, a table row, a heading, a quote, a
# fence, a chat line ("[10:02] Rafael:"), bold ("**maya**"), a label ("Budget: ", "Q:")
_BLOCK_START = re.compile(
    r"[-*+•·>#|\[`]|\d{1,3}[.)]\s|[A-Za-z][\w ./()&-]{0,30}:(?:\s|$)|[a-z]\)\s"
    # a chat or log line: "19:04 Tomasz: ...", "2026-12-07 ...", "07/12 ..."
    r"|\d{1,2}[:.h]\d{2}\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\d{1,2}/\d{1,2}\b"
    # a speaker and a time: "anna 09:15  and the agency ..."
    r"|[\w.@-]{1,30}(?:[ \t][\w.-]{1,20})?[ \t]+\[?\d{1,2}:\d{2}\b",
)
_BULLET = re.compile(r"\s*(?:[-*+•·]|\d{1,3}[.)])\s")
_CONTINUES = re.compile(r"[a-z\d$€£¥₹(\"'~]|R\$|R\d|[A-Z]{2,3}\s?\$?\d")
_FENCE = re.compile(r"\s*(?:```|~~~)")


# a "key: value" line ("online at once (peak): 60", "data today: 2 TB")
_KEY_VALUE = re.compile(r"[ \t]*[A-Za-z][\w ()'/.-]{0,40}:[ \t]+\S")


def soft_breaks(text: str) -> list[tuple[int, int]]:
    """Each soft line break as (offset of its newline, offset where the next line's text starts)."""
    lines = text.split("\n")
    out: list[tuple[int, int]] = []
    at = 0
    fenced = False
    for i, line in enumerate(lines[:-1]):
        nl = at + len(line)
        at = nl + 1
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or "|" in line:
            continue
        after = lines[i + 1]
        body = after.lstrip(" \t")
        if not body or _BLOCK_START.match(body) or "|" in after:
            continue
        before = line.rstrip()
        if _KEY_VALUE.match(line) and _KEY_VALUE.match(body):
            continue  # "users: 75 archivists\nonline at once (peak): 60": one key a line
        if _CLOSED_END.search(before) or before.lstrip().startswith("#"):
            continue
        continued_bullet = bool(_BULLET.match(line)) and len(after) > len(body)
        if len(before.strip()) < MIN_WRAPPED and not continued_bullet:
            continue
        if not (_CONTINUES.match(body) or _OPEN_END.search(before) or before.endswith(",")):
            continue
        out.append((nl, at + len(after) - len(body)))
    return out
