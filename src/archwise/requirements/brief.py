"""Reading a free-text brief into requirement values, each with the phrase it came from."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import Field

from archwise.requirements import brief_rules as rules
from archwise.requirements.quantities import NUMBER, QUANTITY, parse_quantity, whole
from archwise.requirements.schema import field_specs
from archwise.schema import Model

APPROX = (
    r"(?:(?:about|around|roughly|approximately|approx\.?|~|some|up\s+to|over|more\s+than|"
    r"at\s+least|at\s+most|max(?:imum)?(?:\s+of)?|peak(?:s|ing)?\s+(?:of|at)|nearly|almost|"
    r"under|below|less\s+than|<)\s*)?"
)
MS = rf"(?P<q>{NUMBER})\s*(?P<unit>ms|msec|milliseconds?|s|secs?|seconds?)(?![A-Za-z])"
DUR = (
    rf"(?P<q>{QUANTITY})\s*(?P<unit>months?|mos?|weeks?|wks?|years?|yrs?|quarters?|days?|"
    r"hours?|hrs?|h|minutes?|mins?|seconds?|secs?)(?![A-Za-z])"
)
MONEY = (
    rf"(?P<cur>\$|US\$|USD\s*|€|EUR\s*|£|GBP\s*)?\s*(?P<q>{NUMBER})\s*"
    r"(?P<cur2>USD|dollars|EUR|euros?|GBP|pounds)?"
)
SIZE = rf"(?P<q>{QUANTITY})\s*(?P<unit>MB|GB|TB|PB|megabytes?|gigabytes?|terabytes?|petabytes?)\b"


class ExtractedValue(Model):
    """One value read from the brief, with the exact phrases it came from."""

    field: str
    value: Any
    phrase: str = Field(description="the text it came from (several joined by ' | ')")
    phrases: list[str] = Field(default_factory=list)
    note: str | None = None


class BriefExtraction(Model):
    """Everything understood in a brief, by dotted field, in the order of the schema."""

    values: dict[str, ExtractedValue] = Field(default_factory=dict)

    def as_values(self) -> dict[str, Any]:
        """Return the plain dotted-field values."""
        return {k: v.value for k, v in self.values.items()}


class _Hit:
    def __init__(self, value: Any, phrase: str, start: int, note: str | None) -> None:
        self.value = value
        self.phrase = phrase
        self.start = start
        self.end = start + len(phrase)
        self.note = note


def _tech_pattern(spellings: Mapping[str, str]) -> str:
    """One alternation of every technology spelling; everyday words are matched case-sensitively."""
    parts: list[str] = []
    for spelling in sorted(spellings, key=len, reverse=True):
        escaped = re.escape(spelling)
        if spelling.lower() in rules.COMMON_WORDS:
            parts.append(f"(?-i:{escaped})")
        else:
            parts.append(escaped)
    if not parts:
        return r"(?!x)x"
    return r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])"


@functools.lru_cache(maxsize=8)
def _compiled(vocabulary: tuple[tuple[str, str], ...]) -> list[tuple[rules.Rule, re.Pattern[str]]]:
    tech = _tech_pattern(dict(vocabulary))
    run = rf"(?P<techs>{tech}(?:\s*(?:,|/|&|\band\b|\bor\b|\bplus\b)\s*{tech})*)"
    regions = "|".join(sorted((re.escape(r) for r in rules.REGION_CODES), key=len, reverse=True))
    regions = rf"(?:\b(?:{regions})\b)"
    out: list[tuple[rules.Rule, re.Pattern[str]]] = []
    for rule in rules.RULES:
        pattern = (
            rule.pattern.replace("{APPROX}", APPROX)
            .replace("{Q}", rf"(?P<q>{QUANTITY})")
            .replace("{MS}", MS)
            .replace("{DUR}", DUR)
            .replace("{MONEY}", MONEY)
            .replace("{SIZE}", SIZE)
            .replace("{REGIONS}", regions)
        )
        if "{TECHS}" in pattern:
            # a pattern may name the run more than once (alternatives): number them
            pieces = pattern.split("{TECHS}")
            pattern = pieces[0] + "".join(
                run.replace("(?P<techs>", f"(?P<techs{i}>") + piece
                for i, piece in enumerate(pieces[1:])
            )
        pattern = _unique_groups(pattern)
        out.append((rule, re.compile(pattern, re.IGNORECASE)))
    return out


def _unique_groups(pattern: str) -> str:
    """Rename repeated named groups (q, unit, ...) in alternatives to q_1, unit_1, ..."""
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        count = seen.get(name, 0)
        seen[name] = count + 1
        return f"(?P<{name}>" if count == 0 else f"(?P<{name}_{count}>"

    return re.sub(r"\(\?P<([a-z]+[0-9]*)>", rename, pattern)


def _group(match: re.Match[str], name: str) -> str | None:
    """The text of the first group called name (or name_1, name_2 ...) that took part."""
    for key, value in match.groupdict().items():
        if value is not None and (key == name or key.startswith(name + "_")):
            return value
    return None


def _groups(match: re.Match[str], prefix: str) -> list[str]:
    return [v for k, v in match.groupdict().items() if v is not None and k.startswith(prefix)]


def _unit(text: str | None, table: Mapping[str, float]) -> float:
    word = (text or "").lower().rstrip("s") or "s"
    aliases = {
        "mo": "month",
        "wk": "week",
        "yr": "year",
        "min": "minute",
        "hr": "hour",
        "h": "hour",
        "sec": "second",
        "millisecond": "ms",
        "msec": "ms",
        "m": "ms",
    }
    word = aliases.get(word, word)
    if word in table:
        return table[word]
    if word == "second" and "s" in table:
        return table["s"]
    if word + "s" in table:
        return table[word + "s"]
    raise KeyError(word)


def _read(
    rule: rules.Rule, match: re.Match[str], techs: Mapping[str, str]
) -> tuple[Any, str | None] | None:
    """The value a match means, with a note; None when the match does not give one."""
    kind = rule.read
    note = rule.note
    q_text = _group(match, "q")
    number: float | None = None
    if q_text is not None:
        try:
            number, range_note = parse_quantity(q_text)
        except (ValueError, KeyError):
            return None
        note = "; ".join(n for n in (range_note, note) if n) or None
    unit = _group(match, "unit")
    if kind in {"const", "const_list"}:
        return rule.value, note
    if kind == "empty":
        return [], note
    if kind == "text":
        text = (_group(match, "v") or "").strip().strip("*_`\"'")
        return (text, note) if text else None
    if kind in NUMERIC:
        return None if number is None else _numeric(kind, number, unit, match, note)
    return _other(rule, match, techs, note)


NUMERIC = {
    "count",
    "number",
    "ms",
    "months",
    "days",
    "minutes",
    "size",
    "money",
    "money_year",
    "role",
}


def _numeric(
    kind: str, number: float, unit: str | None, match: re.Match[str], note: str | None
) -> tuple[Any, str | None] | None:
    """Read a numeric match in the unit its field's key names."""
    try:
        if kind == "count":
            return round(number), note
        if kind == "number":
            return whole(number), note
        if kind == "ms":
            ms = number * _unit(unit, {"ms": 1, "s": 1000, "second": 1000})
            return whole(round(ms, 3)), note
        if kind == "months":
            return whole(round(number * _unit(unit, rules.MONTH_UNITS), 2)), note
        if kind == "days":
            return round(number * _unit(unit, rules.DAY_UNITS)), note
        if kind == "minutes":
            return whole(round(number * _unit(unit, rules.MINUTE_UNITS), 2)), note
        if kind == "size":
            factor = rules.SIZE_UNITS[(unit or "gb")[0].lower() + "b"]
            return whole(round(number * factor, 3)), note
    except KeyError:
        return None
    if kind == "role":
        role = (_group(match, "role") or "").lower()
        role = rules.ROLE_NAMES.get(role, role.rstrip("s") if role.endswith("res") else role)
        return {role: round(number)}, note
    if kind in {"money", "money_year"}:
        cur = (_group(match, "cur") or _group(match, "cur2") or "").strip().lower()
        if not cur and "budget" not in match.group(0).lower():
            return None
        value = number / 12 if kind == "money_year" else number
        if cur in {"€", "eur", "euro", "euros", "£", "gbp", "pound", "pounds"}:
            note = "; ".join(n for n in (note, f"in {cur.upper()}, not converted to USD") if n)
        if kind == "money_year":
            note = "; ".join(n for n in (note, "yearly budget divided by 12") if n)
        return whole(round(value, 2)), note
    return None


def _other(
    rule: rules.Rule, match: re.Match[str], techs: Mapping[str, str], note: str | None
) -> tuple[Any, str | None] | None:
    """Read a non-numeric match: nines, percentages, regions, roles, technologies, items."""
    kind = rule.read
    if kind == "nines":
        from archwise.requirements.quantities import NINES

        return NINES[(_group(match, "v") or "").lower()], note
    if kind == "percent":
        value = float(_group(match, "v") or "nan")
        return (whole(value), note) if 0 < value <= 100 else None
    if kind == "regions":
        found = [
            rules.REGION_CODES[w.lower()]
            for w in re.findall(
                "|".join(sorted(map(re.escape, rules.REGION_CODES), key=len, reverse=True)),
                _group(match, "regions") or "",
                flags=re.IGNORECASE,
            )
        ]
        return (list(dict.fromkeys(found)), note) if found else None
    if kind in {"techs", "level"}:
        names = _tech_names(_groups(match, "techs"), techs)
        if not names:
            return None
        if kind == "level":
            return {n.lower(): rule.value for n in names}, note
        return names, note
    if kind == "bullets":
        lines = (_group(match, "bullets") or "").splitlines()
        items = [re.sub(r"^\s*[-*+•]\s+", "", ln).strip() for ln in lines if ln.strip()]
        return (items, note) if items else None
    if kind == "items":
        raw = _group(match, "items") or ""
        items = [
            i.strip().strip("*_`").lower()
            for i in re.split(r",|\band\b|&|/", raw)
            if i.strip() and len(i.split()) <= 3
        ]
        return (items, note) if items else None
    return None


def _tech_names(runs: Iterable[str], techs: Mapping[str, str]) -> list[str]:
    pattern = re.compile(_tech_pattern(techs), re.IGNORECASE)
    lower = {k.lower(): v for k, v in techs.items()}
    out: list[str] = []
    for run in runs:
        for m in pattern.finditer(run):
            name = techs.get(m.group(0)) or lower.get(m.group(0).lower())
            if name and name not in out:
                out.append(name)
    return out


def default_vocabulary() -> dict[str, str]:
    """Technology spellings (names and aliases) of the built-in knowledge base."""
    from archwise.kb.loader import load_kb

    return vocabulary_from((t.name, list(t.aliases)) for t in load_kb().technologies.values())


def vocabulary_from(entries: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """Spelling -> canonical name, leaving out aliases too short or too common to be safe."""
    out: dict[str, str] = {}
    for name, aliases in entries:
        out[name] = name
        for alias in aliases:
            if len(alias) > 2 and alias.lower() not in rules.COMMON_WORDS:
                out.setdefault(alias, name)
    return out


def extract_brief(text: str, vocabulary: Mapping[str, str] | None = None) -> BriefExtraction:
    """Read requirement values from free text; each keeps the exact phrase it came from."""
    techs = dict(vocabulary) if vocabulary is not None else default_vocabulary()
    claimed: list[tuple[int, int]] = []
    hits: dict[str, list[_Hit]] = {}
    for rule, regex in _compiled(tuple(sorted(techs.items()))):
        for match in regex.finditer(text):
            start, end = match.span()
            overlaps = any(start < e and s < end for s, e in claimed)
            if end == start or (overlaps and rule.claims):
                continue
            read = _read(rule, match, techs)
            if read is None:
                continue
            value, note = read
            phrase = text[start:end].strip()
            start += len(text[start:end]) - len(text[start:end].lstrip())
            target = _target(rule, hits, value)
            if target is None:
                continue
            hits.setdefault(target, []).append(_Hit(value, phrase, start, note))
            for extra, extra_value in rule.also.items():
                if extra not in hits:
                    hits[extra] = [_Hit(extra_value, phrase, start, rule.note)]
            if rule.claims:
                claimed.append((start, end))
    return _assemble(hits, text)


def _target(rule: rules.Rule, hits: Mapping[str, list[_Hit]], value: Any) -> str | None:
    """The field a new hit goes to: a scalar field keeps its first value (or overflows)."""
    spec = field_specs().get(rule.field)
    if spec is not None and spec.answer_type in {"list", "mapping"}:
        return rule.field
    if rule.field not in hits:
        return rule.field
    if rule.overflow and hits[rule.field][0].value != value:
        return rule.overflow
    return None


_JOINER = re.compile(r"^[\s,;/&]*(?:and|or|plus)?[\s,]*$", re.IGNORECASE)


def _phrases(found: list[_Hit], text: str) -> list[str]:
    """Phrases of the hits, neighbours joined only by 'and', commas or slashes merged into one."""
    spans: list[list[int]] = []
    for hit in found:
        if spans and hit.start >= spans[-1][1] and _JOINER.match(text[spans[-1][1] : hit.start]):
            spans[-1][1] = max(spans[-1][1], hit.end)
        else:
            spans.append([hit.start, hit.end])
    return list(dict.fromkeys(text[a:b] for a, b in spans))


def _assemble(hits: Mapping[str, list[_Hit]], text: str) -> BriefExtraction:
    specs = field_specs()
    order = {path: i for i, path in enumerate(specs)}
    values: dict[str, ExtractedValue] = {}
    for field in sorted(hits, key=lambda f: (order.get(f, len(order)), f)):
        found = sorted(hits[field], key=lambda h: h.start)
        spec = specs.get(field)
        kind = spec.answer_type if spec else "text"
        if kind == "list":
            merged: list[Any] = []
            for h in found:
                for item in h.value if isinstance(h.value, list) else [h.value]:
                    if item not in merged:
                        merged.append(item)
            value: Any = merged
        elif kind == "mapping":
            mapping: dict[str, Any] = {}
            for h in found:
                for k, v in h.value.items():
                    mapping.setdefault(k, v)
            value = mapping
        else:
            found = found[:1]
            value = found[0].value
        phrases = _phrases(found, text)
        notes = list(dict.fromkeys(h.note for h in found if h.note))
        values[field] = ExtractedValue(
            field=field,
            value=value,
            phrase=" | ".join(phrases),
            phrases=phrases,
            note="; ".join(notes) or None,
        )
    _reconcile_team(values)
    return BriefExtraction(values=values)


def _reconcile_team(values: dict[str, ExtractedValue]) -> None:
    """Make the engineer count agree with the roles the brief lists."""
    roles = values.get(f"{rules.TEAM}.roles")
    if roles is None:
        return
    total = sum(roles.value.values())
    engineers = values.get(f"{rules.TEAM}.engineers")
    if engineers is None:
        values[f"{rules.TEAM}.engineers"] = ExtractedValue(
            field=f"{rules.TEAM}.engineers",
            value=total,
            phrase=roles.phrase,
            phrases=roles.phrases,
            note="the sum of the roles",
        )
    elif engineers.value < total:
        engineers.value = total
        engineers.note = "; ".join(
            n for n in (engineers.note, f"raised to {total}, the sum of the roles") if n
        )
