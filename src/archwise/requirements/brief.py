"""Reading a free-text brief into requirement values, each with the phrase it came from.

Rules (brief_rules.RULES) find candidate values; then general steps settle them: a count next
to a horizon ("20k people online at once within two years") is a growth target, a factor
("10x next year") multiplies today's figure, groups of staff add up to the team, milestones are
counted in months (brief_time), and of several numbers for one field the most specific wins
with the others named in a note. Every value keeps the phrase it came from; nothing is invented.
The work is linear in the text: patterns start only at token boundaries, repeats are bounded or
possessive, and a line is read up to MAX_LINE characters.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _dc_field
from pathlib import Path
from typing import Any

from pydantic import Field

from archwise.errors import InputError
from archwise.regex_store import compile_all, compiled
from archwise.requirements import brief_rules as rules
from archwise.requirements import places
from archwise.requirements.brief_consistency import consistency_hits
from archwise.requirements.brief_cues import (
    bind,
    counts_other,
    cue_pattern,
    moot_parts,
    not_a_quantity,
    past_spans,
)
from archwise.requirements.brief_headcount import is_head_count, narrowed, subset_count
from archwise.requirements.brief_hosting import hosting_places
from archwise.requirements.brief_load import load_shapes, sender_rates
from archwise.requirements.brief_realtime import asked_before, realtime_hits
from archwise.requirements.brief_residency import residency_in
from archwise.requirements.brief_stance import affirmed, judge, stance_fields
from archwise.requirements.brief_team import TeamReading, TeamValue, read_team, team_words
from archwise.requirements.brief_time import reference_date, timeline_hits
from archwise.requirements.brief_whose import (
    declared_not_users,
    events_counted,
    group_sum,
    group_sums,
    is_declared,
    noun_after,
    per_period,
    population_only,
    population_parts,
    said_to_use,
    sentence_of,
    subset,
)
from archwise.requirements.brief_wraps import soft_breaks
from archwise.requirements.quantities import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    NINES,
    NUMBER,
    QUANTITY,
    currency_note,
    parse_quantity,
    significant_digits,
    whole,
)
from archwise.requirements.schema import field_specs
from archwise.schema import Model

# A line longer than this is read up to here: prose never needs more, and it bounds the work.
MAX_LINE = 4000
# A longer brief is refused: reading prose costs about 40 us a character, so this bounds a
# call (an MCP server answers one call at a time) to a few seconds.
MAX_BRIEF = 200_000
APPROX_WORDS = (
    r"about|around|roughly|approximately|approx\.?|~|some|maybe|perhaps|probably|nearly|near|almost"
    r"|close\s+to|in\s+the\s+region\s+of|or\s+so"
)
APPROX = (
    rf"(?:(?:{APPROX_WORDS}|up\s+to|over|more\s+than|"
    r"at\s+least|at\s+most|no\s+more\s+than|max(?:imum)?(?:\s+of)?|peak(?:s|ing)?\s+(?:of|at)|"
    r"under|below|less\s+than|until|<)\s*)?"
)
_HEDGED = re.compile(rf"^(?:{APPROX_WORDS})\b|^~", re.IGNORECASE)
# "five (5) years": the digits repeating a number in words, as contracts write it
REPEATED = r"(?:\s{0,2}\(\d{1,4}\))?"
HALF = r"(?P<half>\s{1,3}and\s{1,3}a\s{1,3}half\b)?"
MS = rf"(?P<q>{NUMBER})\s*(?P<unit>ms|msec|milliseconds?|s|secs?|seconds?)(?![A-Za-z]){HALF}"
DUR = (
    rf"(?P<q>{QUANTITY}){REPEATED}\s*(?:(?:school|calendar|fiscal|financial|academic|full|whole)\s+)?"
    r"(?P<unit>months?|mos?|weeks?|wks?|years?|yrs?|y|quarters?|days?|"
    r"hours?|hrs?|h|minutes?|mins?|seconds?|secs?)(?![A-Za-z])" + HALF
)
MONEY = (
    # "A$3,000" and "NZ$" are not US dollars; "R32 000" is rand (the number may start after its R)
    r"(?:(?P<cur>A\$|AU\$|NZ\$|C\$|CA\$|S\$|HK\$|\$|US\$|USD|€|EUR|£|GBP|R\$|(?<![A-Za-z])R(?=\d)|₹|Rs\.?|INR"
    rf"|zł|Kč|PLN|CHF|SEK|NOK|DKK|ISK|JPY|BRL|(?<![A-Za-z])kr\.?|¥|₽|₦|₫|{CURRENCY_BEFORE})\s{{0,5}})?"
    rf"(?P<q>{NUMBER})"
    r"\s{0,3}"
    r"(?P<cur2>USD|dollars|bucks|EUR|euros?|€|GBP|pounds|quid|£|\$|grand\b|zł|zl\b|PLN|złotych"
    r"|BRL|reais|INR|rupees|CHF|francs|SEK|NOK|DKK|kr\b|kron[oe]r|krona|TL\b|lira|yen\b|JPY|¥"
    r"|r[ou]{1,2}bles?"
    r"|RUB|₽|naira|NGN|₦|VND|dong\b|₫|" + CURRENCY_AFTER + r")?"
)
# ("fifty gigs a month", "300 gigs more": the spoken unit)
SIZE = (
    rf"(?P<q>{QUANTITY})\s*(?P<unit>MB|GB|TB|PB|megabytes?|gigabytes?|terabytes?|petabytes?"
    r"|gigs?|teras?|megs?)\b"
)
RATE = (
    r"(?:rps|qps|tps|req/s|[a-z]{1,12}/s(?:ec)?\b|(?<=\d[kKmM])/s(?:ec)?\b|requests?\s*(?:per|/|a|an|each)\s*(?:second|sec|s)\b"
    r"|queries\s+(?:per|a)\s+second)"
)
# Fields where several periods are all true and the longest is the answer.
LONGEST = {f"{rules.D}.retention_days"}
# Rates a system is sized for: of several stated, the highest (the burst) is the answer.
HIGHEST = {f"{rules.T}.events_per_second", f"{rules.T}.writes_per_second"}
COUNT_FIELDS = {
    f"{rules.U}.concurrent",
    f"{rules.U}.daily_active",
    f"{rules.U}.total",
    f"{rules.T}.peak_rps",
}
FUTURE_FIELDS = {f"{rules.U}.concurrent": f"{rules.U}.concurrent_in_2_years"}
DROP_WHEN_FUTURE = {f"{rules.U}.daily_active", f"{rules.U}.total"}
# fields whose rules read a sentence across its soft line wraps (the others keep the brief's lines)
_JOINED_FIELDS = (f"{rules.TEAM}.", f"{rules.U}.", f"{rules.C}.budget.")


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


@dataclass
class _Hit:
    value: Any
    phrase: str
    start: int
    note: str | None
    rank: tuple[int, ...] = (0, 0, 0, 0, 0)
    end: int = 0
    extra: dict[str, Any] = _dc_field(default_factory=dict)

    def __post_init__(self) -> None:
        self.end = self.start + len(self.phrase)

    def add_note(self, more: str) -> None:
        """Say one more thing about how the value was read."""
        self.note = f"{self.note}; {more}" if self.note else more


@dataclass
class _Staff:
    """A group of staff: '6 Kotlin developers' (count, role, technologies)."""

    count: int
    role: str | None
    techs: list[str]


# What re's IGNORECASE also takes for an ASCII letter; str.lower() leaves them be (or makes "İ"
# two characters), so the search for mentions folds them first.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """The text lower-cased so that whatever an IGNORECASE pattern matches is found in it."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True)
class _TechTrie:
    """Every technology spelling, ready to be written as a pattern of all or of some of them.

    The spellings are folded into a trie ("react", "react.js", "reactjs" share "react"), so a
    position is tried once per letter instead of once per spelling; everyday words ("Go",
    "Rust") stay apart, matched case-sensitively.
    """

    trie: dict[str, Any]
    exact: tuple[str, ...]

    def pattern(self, present: Callable[[str], bool] | None = None) -> str:
        """The pattern of the spellings present (all when None), in the order of the full one.

        Leaving out a spelling that occurs nowhere in a text changes no match in that text:
        every branch kept is tried in the same order, and no branch dropped could have matched.
        """
        trie = self.trie if present is None else _pruned(self.trie, "", present)
        exact = [s for s in self.exact if present is None or present(s)]
        parts = ([_trie_pattern(trie)] if trie else []) + [f"(?-i:{re.escape(s)})" for s in exact]
        if not parts:
            return r"(?!x)x"
        return r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])"


def _tech_trie(spellings: Iterable[str]) -> _TechTrie:
    exact: list[str] = []
    trie: dict[str, Any] = {}
    for spelling in sorted(spellings, key=len, reverse=True):
        if spelling.lower() in rules.COMMON_WORDS:
            exact.append(spelling)
            continue
        node = trie
        for ch in spelling.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    return _TechTrie(trie, tuple(exact))


def _pruned(node: dict[str, Any], path: str, present: Callable[[str], bool]) -> dict[str, Any]:
    """The trie of the spellings present, its branches in their order in the full trie."""
    out: dict[str, Any] = {}
    for ch, child in node.items():
        if not ch:
            if present(path):
                out[""] = {}
            continue
        kept = _pruned(child, path + ch, present)
        if kept:
            out[ch] = kept
    return out


def _tech_pattern(spellings: Mapping[str, str]) -> str:
    """Every technology spelling as one pattern; everyday words are matched case-sensitively."""
    return _tech_trie(spellings).pattern()


def _trie_pattern(node: dict[str, Any]) -> str:
    """A trie of spellings as a pattern: longer continuations first, the end of a word last."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_POSSESSIVE = re.compile(r"\\s([*+])(?![+?])")
_TECH_SLOT = re.compile(r"(\{TECHS?\})")


@functools.cache
def _templates() -> tuple[str, ...]:
    """Each rule's pattern with its slots filled, but for the technology ones ({TECHS}, {TECH})."""
    regions = places.names_pattern()
    adjectives = places.adjectives_pattern()
    out: list[str] = []
    for rule in rules.RULES:
        # possessive whitespace first, so the {Q}, {DUR}... slots' bounded repeats stay as written
        pattern = rule.pattern
        if rule.field == _RESIDENCY:  # "must remain onshore in", "stored in-country, in"
            pattern = pattern.replace(r"(?:only\s+)?(?:in|within)", rules.WHERE_IN)
        pattern = _POSSESSIVE.sub(r"\\s\1+", pattern)
        pattern = (
            pattern.replace("{APPROX}", APPROX)
            .replace("{Q}", rf"(?P<q>{QUANTITY})")
            .replace("{NUM}", rf"(?:{NUMBER})")
            .replace("{MS}", MS)
            .replace("{DUR}", DUR)
            .replace("{MONEY}", MONEY)
            .replace("{SIZE}", SIZE)
            .replace("{RATE}", RATE)
            .replace("{REGIONS}", regions)
            .replace("{PLACE_ADJ}", adjectives)
        )
        out.append(pattern)
    return tuple(out)


def _with_techs(pattern: str, tech: str) -> str:
    """A template with its technology slots filled by tech, a pattern of spellings."""
    if not _TECH_SLOT.search(pattern):
        return _unique_groups(pattern)
    item = r"(?:" + tech + r"|(?-i:[A-Z][\w#+.]{1,15}))"
    joiner = r"\s{0,3}(?:,|/|&|\+|\band\b|\bor\b|\bplus\b)\s{0,3}"
    run = rf"(?P<techs>{item}(?:{joiner}{item}){{0,12}})"
    single = rf"(?P<techs>{tech})"
    # a pattern may name the run more than once (alternatives): number them; {TECH} is one
    # technology ("Go + Postgres, Kubernetes we know ok-ish": only Kubernetes)
    pieces = _TECH_SLOT.split(pattern)
    pattern = pieces[0] + "".join(
        (run if slot == "{TECHS}" else single).replace("(?P<techs>", f"(?P<techs{i}>") + piece
        for i, (slot, piece) in enumerate(zip(pieces[1::2], pieces[2::2], strict=True))
    )
    return _unique_groups(pattern)


@functools.cache
def _fixed_rules() -> dict[int, re.Pattern[str]]:
    """The compiled patterns of the rules that name no technology, by the rule's place."""
    where = [i for i, pattern in enumerate(_templates()) if not _TECH_SLOT.search(pattern)]
    patterns = [_with_techs(_templates()[i], "") for i in where]
    return dict(zip(where, compile_all(patterns, re.IGNORECASE), strict=True))


@functools.lru_cache(maxsize=8)
def _trie_of(vocabulary: tuple[tuple[str, str], ...]) -> _TechTrie:
    return _tech_trie(dict(vocabulary))


def mentioned(text: str, vocabulary: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The spellings of the vocabulary that occur in text, as its technology patterns read them.

    The trie's spellings are looked up lower-case in the folded text, the everyday words as
    written; a spelling that is not plain ASCII is always kept. One pass over the spellings, no
    pattern: a superset of what the rules can match, which is all that keeping them needs.
    """
    tech = _trie_of(vocabulary)
    folded = fold(text)
    found: list[str] = []

    def walk(node: dict[str, Any], path: str) -> None:
        for ch, child in node.items():
            if not ch:
                if not path.isascii() or path in folded:
                    found.append(path)
            elif (path + ch) in folded or not (path + ch).isascii():
                walk(child, path + ch)

    walk(tech.trie, "")
    found += [s for s in tech.exact if not s.isascii() or s in text]
    return tuple(found)


@functools.lru_cache(maxsize=32)
def _tech_rules(
    vocabulary: tuple[tuple[str, str], ...], found: tuple[str, ...]
) -> dict[int, re.Pattern[str]]:
    """The compiled patterns of the rules that name technologies, for the spellings found."""
    present = frozenset(found).__contains__
    tech = _trie_of(vocabulary).pattern(present)
    return {
        i: re.compile(_with_techs(pattern, tech), re.IGNORECASE)
        for i, pattern in enumerate(_templates())
        if _TECH_SLOT.search(pattern)
    }


@functools.lru_cache(maxsize=8)
def _every_tech_rule(vocabulary: tuple[tuple[str, str], ...]) -> dict[int, re.Pattern[str]]:
    """The rules that name technologies with every spelling, kept in the per-user cache."""
    where = [i for i, pattern in enumerate(_templates()) if _TECH_SLOT.search(pattern)]
    every = _trie_of(vocabulary).pattern()
    patterns = [_with_techs(_templates()[i], every) for i in where]
    return dict(zip(where, compile_all(patterns, re.IGNORECASE), strict=True))


# a process that has read this many briefs with other technologies (a server, a benchmark) reads
# the next ones with the rules of every spelling: the same matches, compiled or stored once
# instead of once per brief
PRUNED_BRIEFS = 8


def _compiled(
    vocabulary: tuple[tuple[str, str], ...], text: str
) -> list[tuple[rules.Rule, re.Pattern[str]]]:
    """Every rule with its compiled pattern, in the rules' order, for reading this text.

    The rules that name no technology are compiled once; those that do are compiled with only
    the spellings the text mentions, and cached by that set of spellings, until a process has
    read PRUNED_BRIEFS such sets.
    """
    fixed = _fixed_rules()
    if _tech_rules.cache_info().misses >= PRUNED_BRIEFS:
        named = _every_tech_rule(vocabulary)
    else:
        named = _tech_rules(vocabulary, mentioned(text, vocabulary))
    return [(rule, fixed[i] if i in fixed else named[i]) for i, rule in enumerate(rules.RULES)]


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
        "y": "year",
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


_IGNORED = object()
_NUMBER_RE = re.compile(rf"(?<![\w.,]){NUMBER}(?![\w])", re.IGNORECASE)


def _read(
    rule: rules.Rule, match: re.Match[str], techs: Mapping[str, str]
) -> tuple[Any, str | None] | None:
    """The value a match means, with a note; None when the match does not give one."""
    kind = rule.read
    note = rule.note
    if kind == "ignore":
        return _IGNORED, None
    q_text = _group(match, "q") or ("2" if _group(match, "both") else None)
    number: float | None = None
    if q_text is not None:
        try:
            number, range_note = parse_quantity(q_text)
        except (ValueError, KeyError):
            return None
        note = "; ".join(n for n in (range_note, note) if n) or None
    unit = _group(match, "unit")
    if number is not None and _group(match, "half"):
        number += 0.5  # "a second and a half", "two years and a half"
    if kind in {"const", "const_list"}:
        return rule.value, note
    if kind == "empty":
        return [], note
    if kind == "text":
        text = (_group(match, "v") or "").strip().strip("*_`\"'")
        if rule.field == "name":
            text = _title(text)
        return (text, note) if text else None
    bare = (q_text or "").strip().lower() in {"a", "an"}
    if kind == "names":
        names = re.split(r"\s*(?:,|\band\b|&)\s*", _group(match, "names") or "")
        count = len([n for n in names if n])
        return (count, "the people named") if count >= 2 else None
    if kind == "roll":
        found = _roll(_group(match, "roll") or "", techs)
        trailing = _TRAILING_BRACKET.match(match.string, match.end())
        if found is not None and trailing is not None and _NO_CODE.search(trailing.group(1)):
            # "plus me for the relationship (I don't code)": the last one named writes no code
            return (found[0] - 1, found[1]) if found[0] > 2 else None
        return found
    if kind == "roll_me":
        return _roll("me" + (_group(match, "roll") or ""), techs)
    if kind == "roll_named":  # "my brother-in-law Pete and his friend Callum": one each
        return _roll(_KIN.sub("", _group(match, "roll") or ""), techs)
    if kind == "paren_roll":
        return _paren_roll(_group(match, "roll") or "", techs)
    if kind == "product":
        try:
            groups = parse_quantity(_group(match, "n") or "")[0]
        except (ValueError, KeyError):
            return None
        if number is None:
            return None
        return round(groups * number), f"{whole(groups)} groups of {whole(number)}"
    if kind == "staff" and bare:  # "and a contractor": one more, counted only beside a group
        return _staff(match, 1, techs, _ONE_MORE)
    if kind in {"count", "count_me", "number", "per_minute", "role"} and bare:
        return None  # "a team", "a few": a bare article is no count
    if kind == "staff":
        return None if number is None else _staff(match, number, techs, note)
    if kind == "factor":
        return _factor(match)
    if kind == "sum":  # "25 shift leads + 10 engineers": the groups added up
        said = _group(match, "sum") or ""
        parts = [parse_quantity(m.group())[0] for m in _NUMBER_RE.finditer(said)]
        if not parts or not all(float(p).is_integer() for p in parts):
            return None
        if len(parts) == 1:  # "40 farm staff use the dashboard": one group, the users
            rest = _CLAUSE_END.search(match.string, match.end())
            tail = match.string[match.end() : rest.start() if rest else len(match.string)]
            if _OTHER_SYSTEM.search(tail):
                return None  # "... use the tablet app; none of this touches them"
            if re.search(rules.DAY_OR_MOMENT, _clause_before(match.string, match.start()), re.I):
                return None  # "On an ordinary weekday roughly 7,500 residents use the portal"
            return round(parts[0]), None
        return round(sum(parts)), f"{' + '.join(str(round(p)) for p in parts)} added up"
    if kind in NUMERIC:
        return None if number is None else _numeric(kind, number, unit, match, note)
    return _other(rule, match, techs, note)


# said after a group's use of a system: it is not the system the brief is about
_OTHER_SYSTEM = re.compile(
    r"[;,]?\s*(?:none|not|no|never|nothing|except|but)\b|n't\b|\b(?:today|now|currently|still)\b"
    r"|\b(?:old|current|existing|legacy)\b",
    re.IGNORECASE,
)
_ROLL_SPLIT = re.compile(rules.ROLL_SEP)
_TRAILING_BRACKET = re.compile(r"[^()\n.;,]{0,40}\(([^()\n]*)\)")
_BRACKET = re.compile(r"[ \t]*\(([^()\n]*)\)")
# a group named with its people in brackets: "Platform (Nadia, Owen and Priya - Go, Kubernetes)"
_NAMED_GROUP = re.compile(
    rules.NAME
    + r"[ \t]*\((?P<names>"
    + rules.NAME
    + r"(?:"
    + rules.ROLL_SEP
    + rules.NAME
    + r")+)(?:[ \t]*[-–—:][^()\n]*)?\)"
)
_ROLL_NOT_PEOPLE = re.compile(r"(?:designers?|testers?)$", re.IGNORECASE)


_RELATIVE = re.compile(r"[ \t]*,[ \t]*who[ \t][^,()\n]{1,60}(?=,)")
_KIN = re.compile(r"\b(?:my|his|her|our|their)\s+[a-z-]{3,15}\s+(?=[A-Z])")
_ROLL_FROM = re.compile(r"\s+from\s+(?:the\s+)?[A-Za-z-]{2,20}$", re.IGNORECASE)


def _roll(roll: str, techs: Mapping[str, str]) -> tuple[Any, str | None] | None:
    """The size of a team named person by person: 'me, Rafael and 2 freelancers' is 4."""
    lower = {k.lower() for k in techs}
    count = 0
    # "me (I know a little JavaScript)", "Kwame (all three TypeScript)": what a bracket says of a
    # person is no item of its own; one who does not code is not counted
    roll = _NAMED_GROUP.sub(lambda m: m.group("names"), roll)  # "Platform (Nadia, Owen - Go)"
    roll = _BRACKET.sub(lambda m: " (nocode)" if _NO_CODE.search(m.group(1)) else "", roll)
    roll = _RELATIVE.sub("", roll)  # "Tobi, who lives in Vue, and a contractor": Tobi
    seen: set[str] = set()
    parts: list[tuple[int, bool]] = []  # each item's count, and whether it was one person
    described = False  # the item before was "a freelancer", "an intern": one person described
    for said in _ROLL_SPLIT.split(roll):
        item = _ROLL_FROM.sub("", said)
        words = item.split()
        if described and len(words) == 1 and words[0][:1].isupper() and words[0] not in seen:
            # "a freelancer, Dario": the name of the person just described, not one more
            described = False
            seen.add(words[0])
            continue
        described = len(words) >= 2 and words[0].lower() in {"a", "an"}
        if len(words) == 1 and words[0][:1].isupper():
            if words[0] in seen:
                continue  # the same name again is the same person
            seen.add(words[0])
        if not words or item.lower() in lower:
            return None  # "the team is Java and Go": technologies, not people
        if _ROLL_NOT_PEOPLE.search(item) or words[-1] == "(nocode)":
            continue  # a designer is on the team but writes no code
        if "us" in {words[-1].lower(), words[0].lower()}:  # "the 3 of us", "us three"
            parts.append((round(parse_quantity(words[1])[0]), False))
        elif len(words) >= 2 and words[0].lower() not in {"my", "your"}:
            try:
                number = parse_quantity(words[0])[0] if words[0].lower() not in {"a", "an"} else 1
            except (ValueError, KeyError):
                number = 1  # "me for the relationship": one person and what they do
            parts.append((round(number), number == 1))
        else:
            parts.append((1, True))
    count = sum(n for n, _ in parts)
    # "two devs, Ola and me": the people named after a count are the people it counted
    if (
        len(parts) >= 3
        and parts[0][0] >= 2
        and not parts[0][1]
        and all(one for _, one in parts[1:])
        and sum(n for n, _ in parts[1:]) == parts[0][0]
    ):
        count = parts[0][0]
    return (count, "each person named counted") if count >= 2 else None


_PAREN_ITEM = re.compile(
    r"(?P<who>[^\W\d_]{1,21}(?:[ \t][^\W\d_]{1,21})?)[ \t]*(?:\n[ \t]*)?\((?P<does>[^()\n]{2,60})\)"
)
# what a person does that is no code: "(Figma, doesn't code)", "(design)", "(PM)"
_NO_CODE = re.compile(
    r"\b(?:doesn't|does\s+not|don't|do\s+not|no|not?)\s+(?:write\s+)?(?:code|coding|programming"
    r"|software)\b|\bnon-?technical\b"
    r"|^\s*(?:design\w*|Figma|UX|UI|PM|product|marketing|sales|ops|finance|legal)\b",
    re.IGNORECASE,
)


_CODER = re.compile(
    r"^\s*(?:" + rules.ROLE + r"|" + rules.DEVS + r"|contractors?|freelancers?)\b", re.IGNORECASE
)


def _paren_roll(roll: str, techs: Mapping[str, str]) -> tuple[Any, str | None] | None:
    """People named with what they do in brackets: those who code, and what they know."""
    # a name between two bracketed ones codes like them: "Rita (Flutter), João and me (Python)"
    bare = [w for w in _ROLL_SPLIT.split(_PAREN_ITEM.sub("", roll)) if re.fullmatch(r"\w{1,21}", w)]
    count = len(bare)
    known: list[str] = []
    for m in _PAREN_ITEM.finditer(roll):
        if _NO_CODE.search(m.group("does")):
            continue
        names = _tech_names([m.group("does")], techs) + _short_names(m.group("does"))
        if names or _CODER.search(m.group("does")):
            count += 1  # "Tom Berger (backend)" codes; "Rune (warehouse lead)" need not
        known += names
    if count < 2 and not known:
        return None  # "March (2 weeks), April (3 weeks)": no people without what they know
    return _Staff(count, None, list(dict.fromkeys(known))), "each person named counted"


_TITLE_SPLIT = re.compile(r"\s+[—–-]\s+|:\s+")
_DOCUMENT = re.compile(
    r"^(?:[\w-]{2,12}\s+)?(?:request\s+for\s+proposal|rfp|rfq|tender\b.*|section\s+\d.*"
    r"|spec(?:ification)?|requirements?|brief|proposal|draft|notes?|memo)$",
    re.IGNORECASE,
)


def _title(text: str) -> str:
    """The system's name from a title line: 'Fieldnote — product spec v0.3' gives 'Fieldnote'."""
    text = re.sub(r"^[^\w(\[]+", "", text)  # "🍳 Kitchen Display": no emoji in a name
    parts = _TITLE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        head, tail = (p.strip() for p in parts)
        if _DOCUMENT.match(head):
            return re.sub(r"\s*\([^)]*\)$", "", tail) or tail
        return head if head else text
    return text


NUMERIC = {
    "count",
    "rate",
    "product",
    "count_me",
    "number",
    "per_minute",
    "ms",
    "months",
    "days",
    "minutes",
    "size",
    "money",
    "money_year",
    "role",
}


def _unit_name(seconds: float) -> str:
    return "minute, divided by 60" if seconds == 60 else "hour, divided by 3,600"


def _numeric(
    kind: str, number: float, unit: str | None, match: re.Match[str], note: str | None
) -> tuple[Any, str | None] | None:
    """Read a numeric match in the unit its field's key names."""
    try:
        if kind in {"count", "count_me"} and not float(number).is_integer():
            return None  # "SLA stays at 99.9": a count of people or things is a whole number
        if kind == "count":
            return round(number), note
        if kind == "count_me":
            return round(number) + 1, "; ".join(n for n in (note, "the writer counted too") if n)
        if kind == "number":
            return whole(number), note
        if kind == "per_minute":
            return whole(round(number / 60, 2)), note
        if kind == "rate":  # per second, from a rate per second, minute or hour
            seconds = _unit(unit, {"second": 1, "minute": 60, "hour": 3600})
            if seconds > 1:
                note = "; ".join(n for n in (note, f"a rate per {_unit_name(seconds)}") if n)
            return whole(round(number / seconds, 2)), note
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
        role = _role_name(_group(match, "role") or "")
        return {role: round(number)}, note
    if kind in {"money", "money_year"}:
        written = (_group(match, "cur") or _group(match, "cur2") or "").strip()
        cur = written.lower()
        said = match.group(0).lower() + " " + match.string[match.end() : match.end() + 30].lower()
        # "hosting: the current VPS is 40$/mo ..., keep it under 60": the sentence names it
        said += " " + _clause_before(match.string, match.start()).lower()
        if not cur and not re.search(
            r"budget|spend|cloud bill|hosting|infra|servers?\b|vps|\bcap\b|ceiling|to run\b", said
        ):
            return None
        if cur == "grand":  # "two grand a month"
            number, cur = number * 1000, "usd"
        value = number / 12 if kind == "money_year" else number
        if cur == "bucks":
            cur = "usd"
        money_note = currency_note("" if cur == "usd" else written)
        if money_note is not None:
            note = "; ".join(n for n in (note, money_note) if n)
        if kind == "money_year":
            note = "; ".join(n for n in (note, "yearly budget divided by 12") if n)
        return whole(round(value, 2)), note
    return None


def _role_name(text: str) -> str:
    role = " ".join(text.lower().split())
    return rules.ROLE_NAMES.get(role, role[:-1] if role.endswith("res") else role)


_ROLE_WORD = re.compile(r"^" + rules.ROLE + r"$", re.IGNORECASE)


def _staff(
    match: re.Match[str], number: float, techs: Mapping[str, str], note: str | None
) -> tuple[Any, str | None] | None:
    """A group of staff: its size, its role if one is named, and the technologies it knows."""
    quals = (_group(match, "quals") or "").split()
    role = next((_role_name(w) for w in quals if _ROLE_WORD.match(w)), None)
    if role is None and len(quals) >= 2 and _ROLE_WORD.match(" ".join(quals[:2])):
        role = _role_name(" ".join(quals[:2]))
    # "(TypeScript/Node, 2 of them ok-ish in Go)": a hedged part names no strength of the group
    paren = _HEDGED_PART.sub(" ", _group(match, "paren") or "")
    names = _tech_names([" ".join(quals), paren, *_groups(match, "techs")], techs)
    if number < 1 or number != int(number):
        return None
    return _Staff(int(number), role, names), note


_HEDGED_PART = re.compile(
    r"(?:(?!\band\b)[^,;()+/&])*\b(?:ok-?ish|some|a\s+little|a\s+bit|learning|learns|basic"
    r"|beginners?)\b(?:(?!\band\b)[^,;()+/&])*",
    re.IGNORECASE,
)
_FACTOR_WORDS = {"doubl": 2.0, "tripl": 3.0}
_YEARS = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}


# a factor of who has an account, not of who is on at once: the schema has no field for it
_REGISTERED_GROWTH = re.compile(
    r"\b(?:registered|registrations?|members(?:hip)?|accounts|subscribers|students|pupils"
    r"|learners|customers|guests|families|households|residents|citizens|donors|volunteers"
    r"|sign-?ups|downloads|installs|patients|clients|followers)\b",
    re.IGNORECASE,
)


def _factor(match: re.Match[str]) -> tuple[Any, str | None] | None:
    """A growth factor and its horizon in years: '10x next year', 'doubling for two years'."""
    text = (_group(match, "f") or _group(match, "f2") or "").lower()
    if _REGISTERED_GROWTH.search(match.group(0)):
        return None  # "double the students within a year": who has an account, no field
    if text[:5] in _FACTOR_WORDS:
        if _group(match, "h") is not None:  # "double within two years": once over the horizon
            said = _group(match, "h") or ""
            horizon = _horizon_years(said)
            if horizon is None and not _BY_YEAR.search(said):
                return None
            return (_FACTOR_WORDS[text[:5]], horizon), None
        years = _YEARS.get((_group(match, "n") or "").lower())
        if years is None:
            return None
        return (_FACTOR_WORDS[text[:5]] ** years, years), None
    try:
        factor = parse_quantity(text)[0]
    except (ValueError, KeyError):
        return None
    said = _group(match, "h") or ""
    horizon = _horizon_years(said)
    if factor <= 1 or (horizon is None and not _BY_YEAR.search(said)):
        return None
    return (factor, horizon), None


# "by 2028", "by end of 2028": a horizon given as a year, taken as the schema's two years
_BY_YEAR = re.compile(r"20\d\d")


_HORIZON = re.compile(rules.HORIZON, re.IGNORECASE)
_HORIZON_YEARS = re.compile(
    r"(?P<n>1-2|one\s+to\s+two|1\s+to\s+2|2-3|two\s+to\s+three|a\s+couple\s+of|one|two|three"
    r"|four|five|a|\d{1,2})\s+(?:years?|yrs?)|next\s+year|next\s+season|year\s+or\s+two"
    r"|(?P<m>18|24|36)\s+months"
    r"|by\s+(?P<y>20\d\d)",
    re.IGNORECASE,
)
_HORIZON_NUMBERS = {
    "1-2": 2,
    "one to two": 2,
    "1 to 2": 2,
    "2-3": 3,
    "two to three": 3,
    "a couple of": 2,
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
}


def _horizon_years(text: str) -> float | None:
    """How many years a horizon phrase names; None when it names none ('by 2028')."""
    m = _HORIZON_YEARS.search(text)
    if m is None:
        return None
    if m.group("m"):
        return int(m.group("m")) / 12
    if m.group("y"):
        return None
    if m.group("n"):
        word = " ".join(m.group("n").lower().split())
        return float(_HORIZON_NUMBERS.get(word) or int(word)) if word[:1].isalnum() else None
    return 2.0 if "two" in m.group(0).lower() else 1.0


def _other(
    rule: rules.Rule, match: re.Match[str], techs: Mapping[str, str], note: str | None
) -> tuple[Any, str | None] | None:
    """Read a non-numeric match: nines, percentages, regions, roles, technologies, items."""
    kind = rule.read
    if kind == "nines":
        value = NINES[(_group(match, "v") or "").lower()]
        if _group(match, "half"):
            # half a nine more is a 5 in the next decimal place: 99.9 -> 99.95, 99 -> 99.5
            decimals = len(f"{value:g}".partition(".")[2])
            value = round(value + 5 * 10 ** -(decimals + 1), 6)
        return whole(value), note
    if kind == "percent":
        value = float((_group(match, "v") or "nan").replace(",", "."))
        return (whole(value), note) if 0 < value <= 100 else None
    if kind == "regions":
        found = places.codes_in(
            _group(match, "wider")
            or _group(match, "regions")
            or _group(match, "regions2")
            or _group(match, "regions3")
            or _group(match, "regions4")
            or _group(match, "regions5")
            or ""
        )
        return (found, note) if found else None
    if kind == "region_before":
        named = places.last_named(_clause_before(match.string, match.start()))
        if named is None:
            return None
        return [named[0]], f"the country named before: {named[1]}"
    if kind in {"techs", "level"}:
        names = _tech_names(_groups(match, "techs"), techs)
        if kind == "level" and _group(match, "short"):  # "backend in Node": a short spelling
            names += _short_names("(" + (_group(match, "short") or "") + ")")
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


@functools.lru_cache(maxsize=8)
def _tech_regex(vocabulary: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return compiled(_tech_pattern(dict(vocabulary)), re.IGNORECASE)


def _tech_names(runs: Iterable[str], techs: Mapping[str, str]) -> list[str]:
    pattern = _tech_regex(tuple(sorted(techs.items())))
    lower = {k.lower(): v for k, v in techs.items()}
    out: list[str] = []
    for run in runs:
        for m in pattern.finditer(run):
            name = techs.get(m.group(0)) or lower.get(m.group(0).lower())
            if name and name not in out:
                out.append(name)
    return out


def default_vocabulary() -> dict[str, str]:
    """Technology spellings of the built-in knowledge base and of the brief's skills lexicon."""
    from archwise.kb.loader import load_kb

    entries = [(t.name, list(t.aliases)) for t in load_kb().technologies.values()]
    known = {name for name, _ in entries}
    entries += [(s.name, s.spellings) for s in skills() if s.spellings and s.name not in known]
    return vocabulary_from(entries)


SKILLS_FILE = Path(__file__).parent / "data" / "brief_skills.yaml"


class Skill(Model):
    """A skill the knowledge base has no entry for, or short spellings of one it has."""

    name: str = Field(min_length=1)
    spellings: list[str] = Field(default_factory=list, description="matched anywhere")
    short: list[str] = Field(
        default_factory=list, description="matched only inside a list of technologies"
    )


@functools.cache
def skills() -> tuple[Skill, ...]:
    """The validated entries of data/brief_skills.yaml."""
    from archwise.kb.loader import read_valid

    return read_valid(SKILLS_FILE, Skill, "brief skills")


# a list of technologies: "(go + ts)", "TS/Node + React", "Go + Postgres"
_TECH_LIST = re.compile(
    r"\(([^()\n]{1,80})\)|(?:[\w.#-]{1,20}[ \t]{0,2}[/+&][ \t]{0,2}){1,6}[\w.#-]{1,20}"
)
_LIST_SPLIT = re.compile(r"[ \t]*[/+&,;][ \t]*|[ \t]+and[ \t]+")


def _short_names(text: str) -> list[str]:
    """Skills named by a short spelling inside a list of technologies."""
    short = {w.lower(): s.name for s in skills() for w in s.short}
    out: list[str] = []
    for m in _TECH_LIST.finditer(text):
        tokens = _LIST_SPLIT.split(m.group(1) or m.group(0))
        for i, token in enumerate(tokens):
            words = token.split()
            if not words:
                continue
            # the word next to a separator: "(both js/node)" names js and node, not "both"
            near = {words[-1]} if i < len(tokens) - 1 else set()
            near |= {words[0]} if i > 0 else set()
            near |= {words[0]} if len(words) == 1 else set()
            for word in near:
                name = short.get(word.lower())
                if name and name not in out:
                    out.append(name)
    return out


def vocabulary_from(entries: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """Spelling -> canonical name, leaving out aliases too short or too common to be safe."""
    out: dict[str, str] = {}
    for name, aliases in entries:
        out[name] = name
        for alias in aliases:
            if len(alias) > 2 and alias.lower() not in rules.COMMON_WORDS:
                out.setdefault(alias, name)
    return out


_LONG_LINE = re.compile(rf"[^\n]{{{MAX_LINE + 1},}}")
# A stretch without letters longer than this cannot hold more of a value than its two ends.
NOISE = 64
_NOISE = re.compile(rf"[\W\d_]{{{NOISE + 1},}}")


_CSV_HEADER = re.compile(r"[ \t]*[A-Za-z][\w ()/-]{0,30}(?:,[A-Za-z][\w ()/-]{0,30}){1,7}[ \t]*")


def _csv_cells(line: str) -> list[int]:
    """Where the commas outside double quotes stand in one CSV line."""
    out: list[int] = []
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            out.append(i)
    return out


def _csv_as_table(text: str) -> str:
    """A brief pasted as CSV ('Field,Value' then 'Users (total),650') read as a table.

    The commas between cells become '|', character for character, so every offset and every
    phrase stays the brief's own; the rules and cues then read each row as a table row. Only a
    brief whose first line is a header of words and whose rows mostly have its number of cells
    is taken as CSV.
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _CSV_HEADER.fullmatch(lines[first]):
        return text
    width = len(_csv_cells(lines[first]))
    rows = [i for i in range(first, len(lines)) if lines[i].strip()]
    fitting = [i for i in rows if len(_csv_cells(lines[i])) == width]
    if len(fitting) < 3 or len(fitting) < 0.8 * len(rows):
        return text
    for i in fitting:
        chars = list(lines[i])
        for at in _csv_cells(lines[i]):
            chars[at] = "|"
        lines[i] = "".join(chars)
    return "\n".join(lines)


class _Squeezed:
    """The text the rules read, and the way back to the brief's own characters.

    Lines are cut at MAX_LINE and every stretch without letters is cut to its first and last
    NOISE/2 characters: 100 KB of digits, spaces or punctuation becomes 64 characters.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        pieces: list[str] = []
        self._comp: list[int] = [0]
        self._orig: list[int] = [0]
        pos = comp = 0
        if len(original) > MAX_LINE:
            cut = [(m.start() + MAX_LINE, m.end()) for m in _LONG_LINE.finditer(original)]
        else:
            cut = []
        cut += [(m.start() + NOISE // 2, m.end() - NOISE // 2) for m in _NOISE.finditer(original)]
        for cut_start, b in sorted(cut):
            a = max(cut_start, pos)
            if b <= a:
                continue
            pieces.append(original[pos:a])
            comp += a - pos
            pos = b
            self._comp.append(comp)
            self._orig.append(pos)
        pieces.append(original[pos:])
        squeezed = "".join(pieces)
        self.text = _csv_as_table(squeezed)
        # the same text with each line break inside a sentence read as a space ("a team of\n
        # two developers"), offset for offset; the team, user and budget readers read this one
        self.joined = self.text
        if self.text == squeezed:  # a CSV brief's lines are its rows
            breaks = soft_breaks(self.text)
            if breaks:
                chars = list(self.text)
                for newline, _ in breaks:
                    chars[newline] = " "
                self.joined = "".join(chars)

    def _to_original(self, offset: int) -> int:
        i = bisect.bisect_right(self._comp, offset) - 1
        return self._orig[i] + offset - self._comp[i]

    def slice(self, start: int, end: int) -> str:
        """The brief's own text behind a stretch of the squeezed text."""
        if end <= start:
            return ""
        return self.original[self._to_original(start) : self._to_original(end - 1) + 1]


def _rank(rule: rules.Rule, phrase: str, q_text: str | None, note: str | None) -> tuple[int, ...]:
    """How specific a numeric value is: stated, unhedged, with more significant digits."""
    defaulted = 1 if rule.note and rule.note.startswith("no percentile") else 0
    hedged = 1 if _HEDGED.search(phrase) else 0
    ranged = 1 if note and note.startswith("range") else 0
    digits = significant_digits(q_text) if q_text else 0
    return (rule.prefer, -defaulted, -hedged, -ranged, digits)


def extract_brief(text: str, vocabulary: Mapping[str, str] | None = None) -> BriefExtraction:
    """Read requirement values from free text; each keeps the exact phrase it came from."""
    if len(text) > MAX_BRIEF:
        raise InputError(
            f"the brief has {len(text):,} characters; archwise reads briefs of up to "
            f"{MAX_BRIEF:,} (about 30,000 words): pass the part that states the requirements",
            field="brief",
        )
    techs = dict(vocabulary) if vocabulary is not None else default_vocabulary()
    squeezed = _Squeezed(text)
    source = text = squeezed.text
    joined = squeezed.joined
    claimed: list[tuple[int, int]] = []
    hits: dict[str, list[_Hit]] = {}
    staff: list[_Hit] = []
    ruled = ruled_out_spans(source)
    named: dict[str, list[int]] = {}  # where each value of a listed field is named, kept or not
    refused: dict[str, set[str]] = {}  # regimes named only to be ruled out ("PCI is not required")
    for rule, regex in _compiled(tuple(sorted(techs.items())), text):
        # the team, the users and the budget read sentences across soft line wraps
        read = joined if rule.field.startswith(_JOINED_FIELDS) else source
        # a level inside a team's bracket ("5 engs (TS, 2 of them ok-ish in Go)") is still read
        blocked = rule.claims and not (rule.field == _EXPERTISE and rule.read == "level")
        for match in _unclaimed_matches(regex, read, claimed if blocked else []):
            start, end = match.span()
            if rule.read in {"const", "const_list"} and rule.field in stance_fields():
                named.setdefault(rule.field, []).append(start)  # ends the part of the one before
            if rule.read == "count" and _PER_UNIT.search(read, max(0, start - 30), start):
                continue  # "in each clinic 3-4 persons": a figure per unit, not the system's
            if not_a_quantity(match, read):
                continue  # "4.11 Infrastructure", "firmware version 3.2": a label, not a quantity
            if rule.field == _ENGINEERS and _HIRED.search(read, max(0, start - 30), start):
                continue  # "hired 2 engineers in October": a change to the team, not its size
            if rule.field in _TEAM_COUNTS and _LEAVES.match(read, end):
                continue  # "One Go developer leaves in March": a change, not the team's size
            if rule.field in _TEAM_COUNTS and _JOINS_LATER.match(read, end):
                hits.setdefault(f"{rules.TEAM}.hiring", []).append(
                    _Hit(True, read[start:end].strip(), start, "a person still to join")
                )
                continue  # "+ 1 data scientist starting in June": a hire, not yet the team
            if rule.after and not re.search(
                rule.after, read[max(0, start - 150) : start], re.IGNORECASE
            ):
                continue  # "so four" counts the team only after the team was talked about
            if rule.not_after and (
                re.search(rule.not_after, _clause_before(read, start), re.IGNORECASE)
                or re.search(rule.not_after, _clause_after(read, end), re.IGNORECASE)
            ):
                continue  # "On a normal weekday about 65,000 of them will use the app"
            if (
                rule.field.startswith(_USERS)
                and match.groupdict().get("q")
                and counts_other(rule.field, read, match.end("q"))
            ):
                continue  # "about 2,600 registered broker firms": firms, not people
            got = _read(rule, match, techs)
            if got is None:
                continue
            value, note = got
            raw = read[start:end]
            phrase = raw.strip()
            start += len(raw) - len(raw.lstrip())
            if value is _IGNORED:
                claimed.append((start, start + len(phrase)))
                continue
            if rule.read in {"const", "const_list"} and (
                _NEGATED.match(read, start + len(phrase))
                or _NEGATED_BEFORE.search(read[max(0, start - 30) : start])
                or (
                    rule.field in _RULED_FIELDS
                    and (
                        _NEGATED_LATER.match(
                            read, _chain_end(rule.field, read, start + len(phrase))
                        )
                        or _PUT_OFF.match(read, _chain_end(rule.field, read, start + len(phrase)))
                        or (
                            rule.field == _CLIENTS
                            and _LEFT_BEFORE.search(read[max(0, start - 40) : start])
                        )
                        or _PUT_OFF_BEFORE.search(read[max(0, start - 40) : start])
                        or _NEGATED_IN_CLAUSE.search(_clause_before(read, start)[-60:])
                        or _in_spans(ruled, start)
                    )
                )
            ):
                if rule.field == _COMPLIANCE:
                    refused.setdefault(rule.field, set()).add(repr(value))
                continue  # "SOC 2 is not required", "no PCI": named only to be ruled out
            if rule.field == _CLOUD and _cloud_not_chosen(read, start):
                continue  # "Maybe AWS, maybe local hosting. Not sure.", "rather not take on Azure"
            if rule.field == _COMPLIANCE and _regime_not_ours(read, start, start + len(phrase)):
                continue  # "PCI isn't our problem", "ISO 27001 is desirable but not mandatory"
            rank = _rank(rule, phrase, _group(match, "q"), note)
            if isinstance(value, _Staff) and rule.read == "paren_roll" and not value.techs:
                rank = (0, *rank[1:])  # a list of people by role, not a team stated as such
            hit = _Hit(value, phrase, start, note, rank)
            if isinstance(value, _Staff):
                staff.append(hit)
            elif (
                (rule.read in NUMERIC and rule.read != "role")
                or rule.read
                in {
                    "nines",
                    "percent",
                }
                or rule.field == "_growth"
            ):
                hits.setdefault(rule.field, []).append(hit)
            else:
                target = _target(rule, hits, value)
                if target is None:
                    continue
                hits.setdefault(target, []).append(hit)
            for extra, extra_value in rule.also.items():
                if extra not in hits:
                    hits[extra] = [_Hit(extra_value, phrase, start, rule.note)]
            if rule.claims:
                claimed.append((start, start + len(phrase)))
    ref = reference_date(source)
    this_year = ref[0].year if ref is not None and ref[0].year > 2000 else None
    past = past_spans(source, this_year)
    _drop_moot(hits, source, past)
    _appositions(hits, source)
    claimed.extend(_future_counts(hits, source))
    for t in timeline_hits(text, claimed):
        phrase = source[t.start : t.end]
        hits.setdefault(t.field, []).append(_Hit(t.value, phrase, t.start, t.note, (0, 0, 0, 0, 1)))
    _staff_groups(hits, staff, joined)
    _team_in_sentence(hits, joined)
    team = _team_reader(hits, joined, techs)
    _team_technologies(hits, joined, techs)
    _skill_clauses(hits, joined, techs)
    _builder_skills(hits, joined, team)
    _hiring_clauses(hits, joined)
    _route_rates(hits, source)
    _load_periods(hits, source, past)
    _spike_shape(hits)
    # before binding: "the same slot can't go to two people" counts no users
    _consistency_by_property(hits, source, past)
    # a value that is not the requirement frees its field for the cue binder; its number is
    # claimed so that nothing binds it again
    claimed.extend(_not_required(hits, source, named, refused))
    # a file phrase ("about 2 TB of scans are uploaded") names no figure of its own: its numbers
    # are still bound
    taken = claimed + [(h.start, h.end) for f, found in hits.items() if f != _FILES for h in found]
    taken += [(h.start, h.end) for h in staff]
    known = {f for f in hits if not f.startswith("_")}
    for bound in bind(source, taken, known, this_year):
        phrase = source[bound.start : bound.end]
        rank = (-1, 0, 0, 0, bound.digits)
        hit = _Hit(bound.value, phrase, bound.start, bound.note, rank)
        hits.setdefault(bound.field, []).append(hit)
    _realtime_by_property(hits, source, past)  # after binding: its phrase may hold a latency
    _hosting(hits, source, techs)
    _residency_by_grammar(hits, source, past)
    _files_negated(hits, source)
    # after binding: a bound value is judged like a read one, and a field it frees is bound again
    freed = set(hits)
    dropped = _not_required(hits, source, named, refused)
    freed -= set(hits)
    if freed:
        taken += dropped + [(h.start, h.end) for found in hits.values() for h in found]
        known = {f for f in hits if not f.startswith("_")}
        for bound in bind(source, taken, known, this_year):
            if bound.field in freed:
                phrase = source[bound.start : bound.end]
                rank = (-1, 0, 0, 0, bound.digits)
                hit = _Hit(bound.value, phrase, bound.start, bound.note, rank)
                hits.setdefault(bound.field, []).append(hit)
        _not_required(hits, source, named, refused)
    _head_counts(hits, joined)  # after binding: "1,800 employees" is often a bound cue
    _whose_counts(hits, joined)
    _apps_ruled_out(hits, source)
    _tiny_user_counts(hits)
    _other_money(hits, joined)  # after binding: a bound amount is judged like a read one
    _ceiling_after(hits, joined)
    _corrections(hits, source)
    _history(hits, source)
    _apply_factor(hits)
    return _assemble(hits, squeezed)


# numbers one writer corrects or chooses among, by the family of fields they belong to
_CORRECTED = (
    f"{rules.T}.",
    f"{rules.U}.",
    f"{rules.L}.",
    f"{rules.NF}.availability",
    _ENGINEERS_FIELD := f"{rules.TEAM}.engineers",
)
_CORRECTION = re.compile(
    r"\b(?:correction|wait,?\s+no|no\s+wait|actually,?\s+no|scratch\s+that|sorry,?\s+I\s+mean"
    r"|make\s+that|update\s*:|on\s+second\s+thought)\b",
    re.IGNORECASE,
)
_ROUNDED = re.compile(
    r"[ \t]*[,;]?[ \t]*(?:so[ \t]+)?(?:round(?:ed)?[ \t]+(?:it[ \t]+)?up[ \t]+to|call[ \t]+it"
    r"|make[ \t]+it)[ \t]+~?[ \t]*(?P<n>\d[\d,.]*\d|\d)",
    re.IGNORECASE,
)
_CHOSEN = re.compile(
    r"\b(?:I'?d\s+take|I\s+would\s+take|let'?s\s+(?:take|use|go\s+with)|(?:we'?ll\s+)?go\s+with)"
    r"\s+~?(?P<n>\d[\d,.]*)",
    re.IGNORECASE,
)
_FIRST_NUMBER = re.compile(r"\d[\d,.]*")


def _numbers_in(phrase: str) -> list[float]:
    """The numbers written in digits in a phrase ('p99 < 400ms' gives 99 and 400)."""
    out = []
    for m in _FIRST_NUMBER.finditer(phrase):
        try:
            out.append(parse_quantity(m.group(0).rstrip(".,"))[0])
        except (ValueError, KeyError):
            continue
    return out


def _number_in(phrase: str) -> float | None:
    numbers = _numbers_in(phrase)
    return numbers[0] if numbers else None


def _corrections(hits: dict[str, list[_Hit]], text: str) -> None:
    """A number the writer corrects, rounds up or chooses among others replaces the first one.

    "1,150 buses → 230 msgs/sec ... wait no ... ~900 are in service at peak, so 180/s" gives
    180; "~14 events/s, round up to 20" gives 20; "p99 < 400ms ..., the rest p99 < 800ms — i'd
    take 800" gives 800. Only the load and service-level fields (_CORRECTED).
    """
    numeric = {
        f: found
        for f, found in hits.items()
        if f.startswith(_CORRECTED)
        and all(isinstance(h.value, (int, float)) and not isinstance(h.value, bool) for h in found)
    }
    for field, found in numeric.items():
        for hit in found:
            rounded = _ROUNDED.match(text, hit.end)
            said = _number_in(hit.phrase)
            if rounded is None or not said:
                continue
            try:
                n = parse_quantity(rounded.group("n").rstrip(".,"))[0]
            except (ValueError, KeyError):
                continue
            if n > said:
                hit.value = whole(round(hit.value * n / said, 3))
                hit.add_note(f"rounded up to {rounded.group('n')}")
                hit.phrase, hit.end = text[hit.start : rounded.end()], rounded.end()
        values = {h.value for h in found}
        if len(values) > 1:
            for m in _CHOSEN.finditer(text):
                pick = _number_in(m.group("n"))
                chosen = [h for h in found if pick in _numbers_in(h.phrase)]
                if chosen and len(chosen) < len(found):
                    hits[field] = chosen
                    chosen[0].add_note(f"the writer chose it ({m.group(0)!r})")
                    break
    for marker in _CORRECTION.finditer(text):
        around = [
            (f, h) for f in numeric for h in hits.get(f, []) if abs(h.start - marker.start()) < 300
        ]
        before = [(f, h) for f, h in around if h.end <= marker.start()]
        after = [(f, h) for f, h in around if h.start >= marker.end()]
        for f_old, old in before:
            family = f_old.rsplit(".", 1)[0]
            same = [(f, h) for f, h in after if f == f_old]
            near = [(f, h) for f, h in after if f.rsplit(".", 1)[0] == family]
            if f_old == _ENGINEERS_FIELD:
                near = []  # a team's size is corrected by a size, not by its number of teams
            if not (same or near):
                continue
            f_new, hit = (same or near)[0]
            if f_new != f_old:  # "so 180/s" after "230 msgs/sec": the field corrected
                hits[f_new] = [h for h in hits[f_new] if h is not hit]
                if not hits[f_new]:
                    del hits[f_new]
            hit.add_note(f"a correction of {old.value} ({old.phrase!r})")
            hits[f_old] = [hit]


_COMPLIANCE = f"{rules.NF}.compliance"
# after a regime's name, to the end of its clause: it is optional, or someone else's
_REGIME_OPTIONAL = re.compile(
    r"[^.;\n]{0,30}?\b(?:(?:is|are|remains?|stays?)\s+(?:[\w-]+\s+){0,2}?(?:not\s+mandatory|optional"
    r"|desirable|nice[- ]to[- ]have|a\s+plus)"
    r"|(?:isn't|is\s+not|aren't|are\s+not)\s+(?:our|my)\s+(?:problem|concern|job|responsibility))\b"
    r"|[^.;\n]{0,60}?\bwe\s*(?:are|'re)\s+out\s+of\s+(?:its\s+|the\s+)?scope\b",
    re.IGNORECASE,
)
# before it: a comparison ("it is like GDPR for Turkey") or another party's certificate ("the
# payment provider is PCI DSS certified")
_REGIME_OTHERS = re.compile(
    r"(?:\b(?:like|similar\s+to|equivalent\s+(?:of|to)|modelled\s+on|the\s+\w+\s+version\s+of)"
    r"|\b(?:provider|vendor|processor|partner|supplier|Stripe|Adyen|PayPal)\s+(?:is|are)"
    r"(?:\s+already)?"
    # "The supplier's ISO 27001 certificate was checked": another party's certificate
    r"|\b(?:provider|vendor|processor|partner|supplier|host|contractor)'s)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _regime_not_ours(text: str, start: int, end: int) -> bool:
    """Whether a regime is named as optional, as a comparison or as another party's."""
    return bool(
        _REGIME_OPTIONAL.match(text, end) or _REGIME_OTHERS.search(text, max(0, start - 40), start)
    )


def _not_required(
    hits: dict[str, list[_Hit]],
    text: str,
    named: Mapping[str, list[int]],
    refused: Mapping[str, set[str]] | None = None,
) -> list[tuple[int, int]]:
    """Drop values the brief says are not the requirement (requirements/brief_stance.py).

    "PCI is Stripe's problem", "Your datasheet claims 99.9%", "90 units issued per day (units,
    not users)", "investment for turnstiles hardware 210 000 EUR (one time)". A regime ruled out
    once is dropped at every mention that does not state it is required. Returns the dropped
    values' spans. `named` gives where each value of a listed field is named, even one a rule
    already ruled out ("GDPR; HIPAA does not apply": GDPR's part ends where HIPAA is named).
    """
    dropped: list[tuple[int, int]] = []
    for field in [f for f in hits if f in stance_fields()]:
        found = hits[field]
        starts = sorted({h.start for h in found} | set(named.get(field, [])))
        judged: dict[int, str] = {}
        # a regime ruled out where it was named ("so PCI is not a requirement here") is ruled
        # out at its other mentions too ("the gift shop's till is in PCI scope")
        sticky: set[str] = set((refused or {}).get(field, set()))
        for hit in found:
            others = [s for s in starts if s != hit.start]
            verdict = judge(text, field, hit.start, hit.end, hit.phrase, others)
            if verdict is not None:
                judged[id(hit)] = verdict.stance.name
                if verdict.sticky:
                    sticky.add(repr(hit.value))
        for hit in found:
            if id(hit) in judged or repr(hit.value) not in sticky:
                continue
            others = [s for s in starts if s != hit.start]
            if not affirmed(text, field, hit.start, hit.end, others):
                judged[id(hit)] = "ruled out elsewhere in the brief"
        if not judged:
            continue
        dropped += [(h.start, h.end) for h in found if id(h) in judged]
        keep = [h for h in found if id(h) not in judged]
        if keep:
            hits[field] = keep
        else:
            del hits[field]
    return dropped


_TRAFFIC = f"{rules.NF}.traffic"
_SPIKE = f"{rules.NF}.spike.multiple"


def _spike_shape(hits: dict[str, list[_Hit]]) -> None:
    """A spike stated with its multiple makes the traffic spiky, over busy seasons.

    "~9x normal load for about 20 minutes at the top of each exam hour" describes bursts; the
    exam weeks they fall in are when, not the shape (docs/requirements.md, traffic shape).
    """
    spikes = hits.get(_SPIKE)
    if not spikes:
        return
    shapes = hits.get(_TRAFFIC, [])
    if any(h.value != "seasonal" for h in shapes):
        return
    first = min(spikes, key=lambda h: h.start)
    note = f"a spike of {first.value}x the normal load: spiky traffic"
    if shapes:
        note += f" (the brief also names a season: {shapes[0].phrase!r})"
    hits[_TRAFFIC] = [_Hit("spiky", first.phrase, first.start, note)]


def _load_periods(hits: dict[str, list[_Hit]], text: str, past: list[tuple[int, int]]) -> None:
    """Fill the traffic shape and a spike's length and multiple from how long a busy time lasts,
    and event rates from a fleet and how often each member sends.

    A multiple the rules read inside a clause whose busy time is weeks or months is a season's
    (docs/requirements.md, traffic shape), not a spike.
    """
    for rate in sender_rates(text):
        if not _in_spans(past, rate.start):
            phrase = text[rate.start : rate.end]
            hits.setdefault(rate.field, []).append(
                _Hit(rate.value, phrase, rate.start, rate.note, (-1, 0, 0, 0, 0))
            )
    for shape in load_shapes(text):
        if _in_spans(past, shape.start):
            continue  # "peaked at 5x for two hours last year": what happened
        if shape.field == _TRAFFIC and shape.value == "seasonal":
            spikes = hits.get(_SPIKE, [])
            inside = [h for h in spikes if shape.clause[0] <= h.start < shape.clause[1]]
            if inside and len(inside) == len(spikes):
                del hits[_SPIKE]
        if shape.field in hits:
            continue
        phrase = text[shape.start : shape.end]
        hits[shape.field] = [_Hit(shape.value, phrase, shape.start, shape.note, (-1, 0, 0, 0, 0))]


_CLAUSE_BOUND = re.compile(r"[.;!?](?=\s)|\n")
_CELL_BOUND = re.compile(r"[.;!?](?=\s)|\n|\|")
# load, service-level and data fields whose figure may be history rather than a requirement
_LEVELS = (f"{rules.U}.", f"{rules.T}.", f"{rules.L}.", f"{rules.NF}.availability", rules.D)
# a clause about what happened or was measured ("Black Friday 2026 peaked at 140 requests/s",
# "12,000 attendees registered and ~3,000 arrived; we were not sized for that")
_HISTORY = re.compile(
    r"\b(?:peaked|measured(?!\s+(?:monthly|quarterly|yearly|annually|weekly|daily|per"
    r"|each|every|over|on|across|in))|arrived|last\s+(?:year|month|quarter|season|winter|summer"
    r"|week|spring|autumn|fall)|over\s+the\s+(?:last|past)|so\s+far|to\s+date|historically"
    r"|achieved|actual|handled|crossed)\b",
    re.IGNORECASE,
)
# an availability that is measured, or someone else's claim or habit, is no target
_NOT_A_TARGET = re.compile(
    r"\b(?:measured\s+(?:availability|uptime|figure|value)|(?:availability|uptime)\s+(?:was|were)"
    r"|achieved|actual|over\s+the\s+(?:last|past)|last\s+(?:year|month|quarter)"
    r"|(?<!not\s)(?:claims?|claimed)|advertis\w*|marketing|landing\s+page|brochure"
    r"|(?:many|most|other)\s+(?:[\w-]+\s+)?(?:sites|apps|companies|services|vendors|shops"
    r"|products|providers))\b",
    re.IGNORECASE,
)


def _cell(text: str, start: int, end: int) -> str:
    """The clause, or table cell, around a phrase."""
    before = [m.end() for m in _CELL_BOUND.finditer(text, max(0, start - 200), start)]
    a = before[-1] if before else max(0, start - 200)
    after = _CELL_BOUND.search(text, end, min(len(text), end + 120))
    return text[a : after.start() if after else min(len(text), end + 120)]


_REALTIME = f"{rules.F}.realtime"
_RESIDENCY = f"{rules.NF}.data_residency"
_SIZE = f"{rules.D}.size_gb"
_ALL_IN = re.compile(
    r"[ \t]{0,3}(?:all[- ]in|in\s+total|total|altogether|overall|combined|all\s+told)\b",
    re.IGNORECASE,
)
_ASKED = re.compile(r"[^.;!?\n]{0,80}\?")
# "Realtime chat between pupils and counsellors is explicitly out of scope"
_OUT_OF_SCOPE = re.compile(
    r"[^.;!?\n]{0,60}?\b(?:is|are)\s+(?:explicitly\s+|clearly\s+|definitely\s+)?(?:out\s+of\s+scope"
    r"|not\s+(?:needed|required|in\s+scope|wanted)|a\s+non-goal)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\([^()\n]{0,200}\)")


def _aside_cut(text: str, hit: _Hit) -> str:
    """The clause around a hit without the bracketed asides it is not in."""
    cell = _cell(text, hit.start, hit.end)
    if "(" in cell and "(" not in hit.phrase:
        cell = _ASIDE.sub(" ", cell)
    return cell


# a table column of what was measured, not what is required ("| Target | Measured (run 14) |");
# a column of today ("| Now | In 2 years |") states today's requirement
_PAST_HEAD = re.compile(
    r"\b(?:measured|actual|observed|achieved|run\s+\d+|last\s+(?:year|quarter|month|week))\b",
    re.IGNORECASE,
)
_TABLE_LINE = re.compile(r"[ \t]*\|")
_RULE_LINE = re.compile(r"[ \t]*\|[ \t:|-]*$")


def _column_head(text: str, at: int) -> str:
    """The header cell of the table column a position is in; empty outside a table."""
    a = text.rfind("\n", 0, at) + 1
    if not _TABLE_LINE.match(text, a):
        return ""
    column = text.count("|", a, at)
    head = a
    while head > 0:
        up = text.rfind("\n", 0, head - 1) + 1
        if not _TABLE_LINE.match(text, up):
            break
        head = up
    line = text[head : text.find("\n", head) if "\n" in text[head:] else len(text)]
    if head == a or _RULE_LINE.match(line):
        return ""
    cells = line.split("|")
    return cells[column] if column < len(cells) else ""


def _history(hits: dict[str, list[_Hit]], text: str) -> None:
    """Figures of what happened give way to what is required; a measured uptime is no target.

    "Black Friday 2026 peaked at 140 requests/s ... requires 400 requests per second at peak"
    gives 400; "Measured availability over the last 12 months was 99.82%" and "The landing page
    claims 99.99% uptime" give no availability.
    """
    for field in [f for f in hits if f.startswith(_LEVELS)]:
        found = [h for h in hits[field] if isinstance(h.value, (int, float))]
        if field == f"{rules.NF}.availability_percent":
            keep = [
                h
                for h in hits[field]
                if not _NOT_A_TARGET.search(_aside_cut(text, h))
                and not _PAST_HEAD.search(_column_head(text, h.end - 1))
            ]
        else:
            past = [
                h
                for h in found
                if _HISTORY.search(_cell(text, h.start, h.end))
                or _PAST_HEAD.search(_column_head(text, h.end - 1))
            ]
            keep = [h for h in hits[field] if h not in past] if len(past) < len(found) else []
            keep = keep or hits[field]
        if keep:
            hits[field] = keep
        else:
            del hits[field]
    # "420 GB in SQL plus drawings and photos, about 2.5 TB all-in": the whole over its part
    sizes = hits.get(_SIZE, [])
    whole_size = [h for h in sizes if _ALL_IN.match(text, h.end)]
    if whole_size and len(whole_size) < len(sizes):
        hits[_SIZE] = whole_size
    # "Do we need realtime maps of all bikes?": a question asks, its answer states
    realtime = hits.get(_REALTIME, [])
    asked = [
        h
        for h in realtime
        if h.value is True and (_ASKED.match(text, h.end) or asked_before(text, h.start))
    ]
    ruled = [h for h in realtime if h.value is True and _OUT_OF_SCOPE.match(text, h.end)]
    if asked or ruled:
        hits[_REALTIME] = [h for h in realtime if h not in asked and h not in ruled]
        hits[_REALTIME] += [
            _Hit(False, h.phrase, h.start, "ruled out by what follows it") for h in ruled
        ]
        if not hits[_REALTIME]:
            del hits[_REALTIME]


def _realtime_by_property(
    hits: dict[str, list[_Hit]], text: str, past: list[tuple[int, int]]
) -> None:
    """Realtime from what a feature does (brief_realtime), besides the rules that name it."""
    for found in realtime_hits(text):
        if not found.value:
            # "doesn't need to be real-time": the rule that read 'real-time' read a denial
            denied = [
                h
                for h in hits.get(_REALTIME, [])
                if h.value is True and found.start <= h.start < found.end
            ]
            if denied:
                hits[_REALTIME] = [h for h in hits[_REALTIME] if h not in denied]
        if found.value and (
            any(pa <= found.start < pb for pa, pb in past)
            or moot_parts(text, found.sentence[0], found.sentence[1])[0]
        ):
            continue  # "the live score widget lagged ... showed up 40 s late": what happened
        phrase = text[found.start : found.end]
        hits.setdefault(_REALTIME, []).append(_Hit(found.value, phrase, found.start, found.note))


_CONSISTENCY = f"{rules.NF}.consistency"


def _consistency_by_property(
    hits: dict[str, list[_Hit]], text: str, past: list[tuple[int, int]]
) -> None:
    """Consistency from what the brief forbids or tolerates (brief_consistency).

    A stated strong requirement outranks a tolerated lag elsewhere ("the same seat can't be
    sold twice" with "the chat may be a bit behind, fine" is strong), and both give way to a
    rule that named hybrid consistency.
    """
    for found in consistency_hits(text):
        if any(pa <= found.start < pb for pa, pb in past) or (
            found.value == "strong" and moot_parts(text, found.sentence[0], found.sentence[1])[0]
        ):
            continue  # "last year we sold the same seat twice": what happened, or a what-if
            # (a tolerated lag is said with "if": "fine if the map is a minute behind")
        phrase = text[found.start : found.end]
        hits.setdefault(_CONSISTENCY, []).append(_Hit(found.value, phrase, found.start, found.note))
    found_all = hits.get(_CONSISTENCY, [])
    values = {h.value for h in found_all}
    if "hybrid" in values:
        hits[_CONSISTENCY] = [h for h in found_all if h.value == "hybrid"]
    elif values == {"strong", "eventual"}:
        told = "; ".join(repr(h.phrase) for h in found_all if h.value == "eventual")
        hits[_CONSISTENCY] = [h for h in found_all if h.value == "strong"]
        hits[_CONSISTENCY][0].add_note(f"strong where it matters; the brief also tolerates {told}")


def _residency_by_grammar(
    hits: dict[str, list[_Hit]], text: str, past: list[tuple[int, int]]
) -> None:
    """Residency the phrase rules missed: a place bound to what holds the data in its clause."""
    if _RESIDENCY in hits:
        return
    for found in residency_in(text):
        if _in_spans(past, found.start):
            continue
        phrase = text[found.start : found.end]
        hits.setdefault(_RESIDENCY, []).append(_Hit(found.codes, phrase, found.start, found.note))


_FILES = f"{rules.D}.files"
_FILES_NOT = re.compile(r"(?:\bnot|\bnever|\bno|n't|\bnor)\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE)


def _files_negated(hits: dict[str, list[_Hit]], text: str) -> None:
    """Files said not to be kept are false: 'Photos of children are NOT stored', 'we don't store
    any images'."""
    for hit in hits.get(_FILES, []):
        if hit.value is not True:
            continue
        before = text[max(0, hit.start - 30) : hit.start]
        before = re.split(r"[.;:!?\n(]", before)[-1]
        if _FILES_NOT.search(before) or re.search(r"\b(?:not|never)\b|n't\b", hit.phrase, re.I):
            hit.value = False
            hit.add_note("said not to be kept")
    kept = [h for h in hits.get(_FILES, []) if h.value is True]
    if kept:
        hits[_FILES] = kept  # "no photos of patients, but the lab's PDFs are uploaded": some files


_EXPERTISE = f"{rules.TEAM}.expertise"
_NEGATION = re.compile(
    r"\b(?:no|not|nobody|none|never|without|lacks?|lacking|n't)\b[^,;.()]{0,40}", re.IGNORECASE
)


_WITH = "named with the team: read as known well"
_WEAKER = {"strong": 0, "some": 1, "learning": 2, "none": 3}


def _team_technologies(hits: dict[str, list[_Hit]], text: str, techs: Mapping[str, str]) -> None:
    """Technologies named after the team's size in its clause are the team's strengths.

    "team: 3 (Go + a little Rust)", "eng: 6 (4 BE java, 2 SRE)", "Two squads (8 engineers in
    total), Kotlin backend": a technology no other phrase gave a level, a requirement or a
    prohibition is read as known well, with a note saying where it came from.
    """
    teams = hits.get(f"{rules.TEAM}.engineers", []) + hits.get(f"{rules.TEAM}.roles", [])
    if not teams:
        return
    levelled = {k for h in hits.get(_EXPERTISE, []) for k in h.value}
    ruled = {
        str(n).lower()
        for field in (f"{rules.TECH}.required", f"{rules.TECH}.forbidden")
        for h in hits.get(field, [])
        for n in (h.value if isinstance(h.value, list) else [h.value])
    }
    for hit in teams:
        # from the team's size to the end of its clause: "k8s on GCP, team of 5 (Go)" names Go
        a = hit.start
        stop = _CLAUSE_BOUND.search(text, hit.end)
        b = stop.start() if stop else len(text)
        # a technology after 'no', 'nobody has', 'without' is not known, nor one hedged
        clause = _HEDGED_PART.sub(" ", _NEGATION.sub(" ", text[a:b]))
        names = [
            n
            for n in dict.fromkeys([*_tech_names([clause], techs), *_short_names(clause)])
            if n.lower() not in levelled | ruled
        ]
        if names:
            levelled.update(n.lower() for n in names)
            hits.setdefault(_EXPERTISE, []).append(
                _Hit(
                    {n.lower(): "strong" for n in names},
                    text[a:b].strip(),
                    a + len(text[a:b]) - len(text[a:b].lstrip()),
                    _WITH,
                )
            )


# a clause about the builders: the team, its people, who builds it
_BUILDER_CUE = re.compile(
    r"\b(?:team|teams|squads?|developers?|devs?|engineers?|programmers?|coders?|contractors?"
    r"|freelancers?|(?-i:IT)[ \t]+(?:department|team|unit|staff|people|have|has|is|are)"
    r"|our[ \t]+(?-i:IT)|build(?:s|ing)?[ \t]+(?:it|this)|who(?:'s|[ \t]+is|[ \t]+are|[ \t]+will)"
    r"[ \t]+build\w*|(?:offered|going|gonna|will|would)[ \t]+(?:to[ \t]+)?build"
    # "Jae and Bruno on the backend (Kotlin, Ktor)", "Brian doing the Android side in Java"
    r"|(?:on|doing|does|do|did)[ \t]+the[ \t]+(?:[\w-]{2,15}[ \t]+)?(?:back[- ]?end|front[- ]?end"
    r"|apps?|side|part|mobile|web|admin|api|firmware|dashboard))\b",
    re.IGNORECASE,
)
# someone of the team and a verb of what they know: "Ms. Liu know Vue", "Tobi, who lives in Vue"
_SKILL_VERB = re.compile(
    r"(?:(?-i:\b(?:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Bb]oth|[Aa]ll|[A-Z][a-z]{1,20}"
    # "None of us would know Python", "two of them do know Go"
    r"|(?:[Nn]one|[Nn]obody|[Mm]ost|[Ff]ew|[Ss]ome|[Tt]wo|[Tt]hree|[Ee]ach)[ \t]+of[ \t]+"
    r"(?:us|them)))"
    r"(?:[ \t]+(?:also|mostly|mainly|only|really|all|both|of[ \t]+us|we|would|do|does|did|can"
    r"|could|actually))*"
    r"|\b(?:who|that))[ \t]+(?:know|knows|write|writes|wrote|code|codes|program|programs"
    r"|programmed|lives?[ \t]+in|work(?:s|ed)?[ \t]+(?:in|with)|speaks?)\b"
    r"|\b(?:a|an|our|the|their|his|her)[ \t]+[\w#.+/-]{1,20}[ \t]+"
    r"(?:person|guy|gal|people|folks)\b"
    # "Declan and myself are grand with C#", "she's comfortable in Go"
    r"|(?:\b(?:are|is|am)|'re|'s|'m)[ \t]+(?:(?:really|very|pretty|quite|all|both)[ \t]+)?"
    r"(?:good|great|grand|comfortable|solid|strong|fluent|experienced|proficient|expert"
    r"|at[ \t]+home)"
    r"[ \t]+(?:with|in|at|on)\b",
)
# what someone knows said of what was named before: "Python/Django, they know it cold"
_SKILL_BACK = re.compile(
    r"\b(?:know|knows|write|writes|live\s+in|work\s+(?:in|with))[ \t]+(?:it|them|those|both"
    r"|all[ \t]+of[ \t]+(?:it|them))\b"
    # "Stack: PHP 8 / Symfony, which both devs use daily": what the builders use every day
    r"|\bwhich[ \t]+(?:both|all|each)[ \t]+(?:of[ \t]+(?:us|them)|(?:of[ \t]+)?(?:our|the)?[ \t]*"
    r"(?:devs|developers|engineers|programmers))[ \t]+(?:use|know|write|work[ \t]+(?:in|with))"
    r"[ \t]+(?:daily|every[ \t]+day|all[ \t]+the[ \t]+time|well)\b",
    re.IGNORECASE,
)
_LEAD_LINE = re.compile(r"[^\n]{3,120}[?:][ \t]*\**[ \t]*$")


def _builders_lead(text: str, at: int) -> bool:
    """Whether the question or label a line answers (up to 3 lines above) is about the builders."""
    line_start = text.rfind("\n", 0, at) + 1
    pos = line_start
    for _ in range(3):
        if pos <= 0:
            return False
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start : pos - 1]
        if not line.strip():
            return False  # a blank line ends the paragraph the answer belongs to
        if _LEAD_LINE.fullmatch(line):
            return bool(_BUILDER_CUE.search(line) or _SKILL_VERB.search(line))
        pos = prev_start
    return False


# a person and what they do in brackets: "| Kwame (Go) |", "Priya (Python/Flask)"
_PERSON_BRACKET = re.compile(r"(?-i:\b(?P<who>[A-Z][a-z]{1,20}))[ \t]*\((?=[^()\n]{1,40}\))")
# people who are not (or not yet, or no longer) the team, and things that are not its skills
_NOT_BUILDERS = re.compile(
    r"\b(?:left|leaves|leaving|quit|hir(?:e|es|ed|ing)|recruit\w*|looking[ \t]+for"
    r"|search\w*[ \t]+for|replac\w*|instead[ \t]+of|migrat\w*|moving[ \t]+(?:off|from|away)"
    r"|old|legacy|was[ \t]+built|were[ \t]+built|client's|customer's|vendor's|their"
    # where it runs is no skill: "we run on Azure (App Service + Azure SQL)"
    r"|(?:run|runs|running|hosted|hosting|deployed)[ \t]+(?:on|in|at|with)"
    # one who joins later: "One Kotlin dev moves over from Team Pallet in Sprint 3"
    r"|mov(?:e|es|ing)[ \t]+over|join(?:s|ing)|start(?:s|ing)[ \t]+(?:in|on|next))\b",
    re.IGNORECASE,
)
# one who does not code: "(me, WordPress) - I will coordinate the contractors, not code"
_NOT_CODING = re.compile(
    r"\b(?:not|n't|never)[ \t]+(?:to[ \t]+)?(?:code|coding|program|develop|build)\b", re.IGNORECASE
)
_SKILL_NEGATED = re.compile(r"\b(?:no|not|nobody|never|zero|without|none|n't)\b", re.IGNORECASE)
_SKILL_LEARNING = re.compile(
    r"\b(?:learning|learns|studying|new[ \t]+to|picking[ \t]+up|beginners?|course)\b", re.IGNORECASE
)
_SKILL_SOME = re.compile(
    r"\b(?:a[ \t]+(?:little[ \t]+)?bit|a[ \t]+little|little[ \t]+bit|some|basic|decent|ok-?ish"
    r"|okay-?ish|somewhat|so-so|familiar|dabbled|dabbles|tinkered"
    r"|played[ \t]+(?:a[ \t]+bit[ \t]+)?with)\b",
    re.IGNORECASE,
)
# a hedge at the end of one technology's part that qualifies the technology after it
_HEDGE_BEFORE_NEXT = re.compile(
    r"(?<=\s)(?:a[ \t]+(?:little[ \t]+)?bit|a[ \t]+little|little[ \t]+bit|some|basic|learning"
    r"|picking[ \t]+up|new[ \t]+to)(?:[ \t]+of)?[ \t]*$",
    re.IGNORECASE,
)
_SEGMENT = re.compile(r"[,;:()]|\b(?:but|while|whereas|plus)\b", re.IGNORECASE)
# categories of the stack catalogue a team may say it knows (not its linters, test tools, ...)
_SKILL_CATEGORIES = frozenset(
    # frameworks are left out: on the validation set they named more than the team's skills
    {"language", "orm", "database", "ai", "data"}
)
# where a catalogue name stands as a technology: after a verb or preposition of skill, in a
# bracket or a list ("NestJS on the backend" is read by the list or the clause's own verb)
_OBJECT_SLOT = re.compile(
    r"(?:\b(?:in|with|on|know|knows|knew|write|writes|wrote|use|uses|using|of|does|do|did|lives"
    r"|learning|learn|learns|studying|mostly|mainly)[ \t]+|[(/+&][ \t]*)$",
    re.IGNORECASE,
)
_LIST_SLOT = re.compile(r"^[ \t]*(?:[)/+&]|,|\band\b|\bor\b|on[ \t]+the\b)", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _catalogue_skills(known: frozenset[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """Spellings of the stack catalogue's skills the vocabulary lacks, matched as written."""
    from archwise.kb.stack_catalog import stack_names

    spellings: dict[str, str] = {}
    for name, category, aliases in stack_names():
        if category not in _SKILL_CATEGORIES or name.lower() in known:
            continue
        for spelling in (name, *aliases):
            lowered = spelling.lower()
            if len(spelling) > 2 and lowered not in known and lowered not in rules.COMMON_WORDS:
                spellings.setdefault(spelling, name)
    if not spellings:
        return re.compile(r"(?!x)x"), {}
    ordered = sorted(spellings, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in ordered)
    return compiled(rf"(?<![\w.])(?:{body})(?![\w])"), spellings


# platforms are what users use, not skills; "C.6 Engineering team" is a section label
_PLATFORMS = frozenset({"android", "ios", "web", "desktop"})
_LABEL_AFTER = re.compile(r"\.\d")
_SAID = "named in a clause about the team's skills: level from the words around it"
_READ_FROM_CLAUSE = (_WITH, _SAID)


def _skill_clauses(hits: dict[str, list[_Hit]], text: str, techs: Mapping[str, str]) -> None:
    """Technologies named in a clause about the builders are their skills, levelled by grammar.

    A clause (sentence, bullet, chat line) is about the builders when it names the team or its
    people ("Our IT have 2 people", "who is building it") or says what someone knows or writes
    ("Ms. Liu know Vue", "Tobi, who lives in Vue"). Each technology there that no phrase gave
    a level, a requirement or a prohibition is known well, unless its part of the clause
    negates it (none), says it is being learnt (learning) or hedges it (some); a part about
    someone leaving, a hire, the old system or another party's people gives nothing.
    """
    levelled = {k for h in hits.get(_EXPERTISE, []) for k in h.value}
    ruled = {
        str(n).lower()
        for field in (f"{rules.TECH}.required", f"{rules.TECH}.forbidden", _CLOUD)
        for h in hits.get(field, [])
        for n in (h.value if isinstance(h.value, list) else [h.value])
    }
    pattern = _tech_regex(tuple(sorted(techs.items())))
    lower = {k.lower(): v for k, v in techs.items()}
    extra, catalogued = _catalogue_skills(frozenset(lower) | {v.lower() for v in techs.values()})
    start = 0
    for bound in [*_CLAUSE_BOUND.finditer(text), None]:
        end = bound.start() if bound is not None else len(text)
        clause_start, start = start, bound.end() if bound is not None else len(text)
        clause = text[clause_start:end]
        # "Q. What does the team know well?\nA. TypeScript ...": the question the line answers,
        # and "Python/Django, they know it cold": a pronoun pointing back at what was named
        whole = _builders_lead(text, clause_start) or _SKILL_BACK.search(clause) is not None
        if len(clause) < 8 or not (
            whole
            or _BUILDER_CUE.search(clause)
            or _SKILL_VERB.search(clause)
            or any(
                m.group("who").lower() not in lower and m.group("who").lower() not in ruled
                for m in _PERSON_BRACKET.finditer(clause)
            )
        ):
            continue
        # technologies after the first word about the builders: "k8s on GCP, team of 5 (Go)"
        # names Go, and Kubernetes is where it runs
        cues = [
            m.start()
            for m in (
                _BUILDER_CUE.search(clause),
                _SKILL_VERB.search(clause),
                *(
                    b
                    for b in _PERSON_BRACKET.finditer(clause)
                    if b.group("who").lower() not in lower and b.group("who").lower() not in ruled
                ),
            )
            if m is not None
        ]
        first_cue = 0 if whole else min(cues)
        found: dict[str, str] = {}
        named = list(pattern.finditer(clause))
        # a catalogue name the vocabulary lacks counts where it stands as a technology
        for m in extra.finditer(clause):
            if _OBJECT_SLOT.search(clause, max(0, m.start() - 30), m.start()) or _LIST_SLOT.match(
                clause, m.end()
            ):
                named.append(m)
        named.sort(key=lambda m: m.start())
        for i, m in enumerate(named):
            name = (
                techs.get(m.group(0)) or lower.get(m.group(0).lower()) or catalogued.get(m.group(0))
            )
            if (
                not name
                or name.lower() in levelled | ruled | _PLATFORMS
                or name.lower() in found
                or m.start() < first_cue
                or _LABEL_AFTER.match(clause, m.end())
            ):
                continue
            # its part of the clause: from the last cut before it to the next cut or technology
            cuts = [c.end() for c in _SEGMENT.finditer(clause, 0, m.start())]
            after = _SEGMENT.search(clause, m.end())
            stop = min(
                after.start() if after else len(clause),
                named[i + 1].start() if i + 1 < len(named) else len(clause),
            )
            before = clause[cuts[-1] if cuts else 0 : m.start()]
            tail = clause[m.start() : stop]
            if i + 1 < len(named) and stop == named[i + 1].start():
                # "Python and some React": a hedge just before the next technology is its own
                tail = _HEDGE_BEFORE_NEXT.sub("", tail)
            part = before + tail
            # "(2 developers, Java) will run it; they will not develop it": to the sentence's end
            rest = re.split(
                r"[.!?]\s|\n", text[clause_start + m.start() : clause_start + m.end() + 80]
            )
            if _NOT_BUILDERS.search(clause, max(0, m.start() - 80), stop) or _NOT_CODING.search(
                rest[0]
            ):
                continue
            if not before.strip() and cuts and clause[cuts[-1] - 1] == "(":
                # "I know Python little bit (Django)": a bracket right after a hedge shares it
                before = clause[max(0, cuts[-1] - 40) : m.start()]
                part = before + tail
            if _SKILL_NEGATED.search(before):
                level = "none"
            elif _SKILL_LEARNING.search(part):
                level = "learning"
            elif _SKILL_SOME.search(part):
                level = "some"
            else:
                level = "strong"
            found[name.lower()] = level
        if found:
            levelled.update(found)
            phrase = clause.strip()
            at = clause_start + len(clause) - len(clause.lstrip())
            hits.setdefault(_EXPERTISE, []).append(_Hit(found, phrase, at, _SAID))


_HIRING = f"{rules.TEAM}.hiring"
# a word of bringing people in: "Recruitment of one additional mobile developer", "hire two"
_HIRE_WORD = re.compile(
    # "hire" as renting is a noun ("bike-hire kiosks", "the hire shop", "hire fee"): not staffing
    r"(?<!-)\b(?:hire|hires|hiring)\b(?![ \t-]+(?:shops?|schemes?|kiosks?|stations?|compan(?:y|ies)"
    r"|firms?|business(?:es)?|fleets?|services?|desks?|points?|cent(?:re|er)s?|counters?|fees?"
    r"|prices?|charges?|rates?|periods?|bikes?|cars?|vans?|equipment|purchase)\b)"
    r"|\b(?:recruit|recruits|recruiting|recruitment|headcount|vacanc(?:y|ies)"
    r"|(?:additional|another|extra)[ \t]+(?:[a-z-]{2,15}[ \t]+)?"
    r"(?:developer|engineer|dev|programmer)s?"
    # "Looking for: backend developer", "we are looking for a Flutter dev"
    r"|looking[ \t]+for[ \t]*:?[ \t]+(?:an?[ \t]+|two[ \t]+|2[ \t]+)?(?:[\w-]{2,15}[ \t]+)?"
    r"(?:developer|engineer|dev|programmer)s?)\b",
    re.IGNORECASE,
)
# more people only ruled out: "Boss say no more people this year"
_NO_MORE_PEOPLE = re.compile(
    r"\b(?:no|not?[ \t]+any|without)[ \t]+(?:more|extra|additional|new|other)[ \t]+"
    r"(?:people|persons|staff|developers|engineers|devs|heads|hands|programmers)\b",
    re.IGNORECASE,
)
# no means to pay for anyone more: "We cannot pay for more people", "No budget for paying anyone"
_CANNOT_PAY = re.compile(
    r"\b(?:cannot|can't|can\s+not|could\s+not|couldn't|unable\s+to|no\s+(?:money|budget|funds?"
    r"|funding))\b[^.;?\n]{0,25}?\b(?:pay(?:ing)?|afford|fund|hire|hiring|employ)\b[^.;?\n]{0,20}?"
    r"\b(?:people|persons|staff|developers?|engineers?|devs?|heads|anyone|anybody|someone"
    r"|programmers?)\b",
    re.IGNORECASE,
)
_HIRE_NEGATED = re.compile(
    r"\b(?:no|not|n't|cannot|can't|without|never|freeze|frozen|impossible)\b", re.IGNORECASE
)
_HIRE_NOTE = "read from a clause about bringing people in"


def _hiring_clauses(hits: dict[str, list[_Hit]], text: str) -> None:
    """Whether the team may grow, from a clause about hiring when no phrase rule said so.

    A hiring word (hire, recruitment, headcount, an additional developer) says yes unless the
    clause negates it before the word ("we cannot recruit", "no headcount"); more people named
    only to be ruled out ("no more people this year") says no. "Hired" in the past is a change
    to the team, not a plan.
    """
    if hits.get(_HIRING):
        return
    start = 0
    for bound in [*_CLAUSE_BOUND.finditer(text), None]:
        end = bound.start() if bound is not None else len(text)
        clause_start, start = start, bound.end() if bound is not None else len(text)
        clause = text[clause_start:end]
        ruled_out = _NO_MORE_PEOPLE.search(clause) or _CANNOT_PAY.search(clause)
        if ruled_out is not None:
            value, m = False, ruled_out
        else:
            word = _HIRE_WORD.search(clause)
            if word is None or text[clause_start + word.end() :].lstrip().startswith("?"):
                continue  # "hiring?": a question, answered later
            value, m = (
                not _HIRE_NEGATED.search(clause, max(0, word.start() - 40), word.start()),
                word,
            )
        at = clause_start + m.start()
        hits[_HIRING] = [_Hit(value, text[at : clause_start + m.end()], at, _HIRE_NOTE)]
        return


def _drop_moot(hits: dict[str, list[_Hit]], text: str, past: list[tuple[int, int]]) -> None:
    """Numbers stated after 'used to', 'if we ever', 'their product claims' are no requirement.

    A number in the same clause after such words (brief_cues.MOOT) is dropped: "the old system
    used to handle 300 requests/sec", "if we ever go multi-country we'd keep data for 10 years".
    Growth targets are kept: "if the campaign works we could reach 2 million" is one.
    """
    for field in list(hits):
        if field.startswith("_") or field in FUTURE_FIELDS.values():
            continue
        keep = []
        for hit in hits[field]:
            if not isinstance(hit.value, (int, float)) or isinstance(hit.value, bool):
                keep.append(hit)
                continue
            starts = [
                m.end() for m in _CLAUSE_BOUND.finditer(text, max(0, hit.start - 160), hit.start)
            ]
            a = starts[-1] if starts else max(0, hit.start - 160)
            if any(pa <= hit.start < pb for pa, pb in past):
                continue  # "**2024** — peaks of 1,100 concurrent": a paragraph of history
            moot, asides = moot_parts(text, a, hit.start + min(len(hit.phrase), 40))
            if not moot and not any(p <= hit.start < q for p, q in asides):
                keep.append(hit)
        if keep:
            hits[field] = keep
        else:
            del hits[field]


_BUDGET = f"{rules.C}.budget.infra_usd_per_month"
# money that is not what the system may cost to run: prices, what customers pay, revenue, burn
_OTHER_MONEY = re.compile(
    r"\b(?:pric\w*|pay|pays|paid|paying|charg\w*|subscriptions?|per\s+seat|MRR|ARR|revenue|burn"
    r"|runway|salar\w*|fees?|average\s+order|basket|grant|funding|raised|quot\w*|licen[cs]\w*"
    r"|old\s+(?:[\w-]+\s+)?(?:system|thing|one|tool|app|gateway|provider|vendor|platform|setup"
    r"|solution|service|contract)|legacy)\b",
    re.IGNORECASE,
)
_INFRA_MONEY = re.compile(
    r"\b(?:budget\w*|infra\w*|hosting|hosted|cloud|servers?|VPS|VMs?|instances?|droplets?|AWS|GCP"
    r"|Azure|Heroku|bill|hardware|compute|database|spend)\b",
    re.IGNORECASE,
)
# a ceiling anywhere in the part ("a target of $9k/month", "$2k max") or said before the amount
# ("keep it under $500"); "5% of the fee for each 0.1% below the target" has no ceiling
_CEILING = re.compile(
    r"\b(?:budget\w*|max\w*|ceiling|caps?|capped|limit|afford|envelope|allocated"
    r"|set\s+aside|approved|(?:must|shall|may)\s+not\s+exceed)\b",
    re.IGNORECASE,
)
_CEILING_BEFORE = re.compile(
    r"\b(?:at\s+most|up\s+to|under|below|could\s+go|can\s+(?:spend|do|go)|go\s+above|more\s+than"
    r"|not\s+more|no\s+more|target\w*)\b",
    re.IGNORECASE,
)
# a budget for something else: "a €2,000 learning budget", "the marketing budget", "the project
# budget is EUR 180,000", "charged to the legal budget"
_NOT_INFRA_BUDGET = re.compile(
    r"\b(?:learning|training|education|marketing|travel|conference|equipment|hiring|recruiting"
    r"|advertising|ad|events?|team|salary|personal|legal|project|total|build|development|capex"
    r"|capital|one-off|implementation)\s+budget\b",
    re.IGNORECASE,
)
_PART_BOUND = re.compile(r"[.;!?\n,]|\band\b|\bbut\b|\bwhile\b", re.IGNORECASE)
# "Azure costs: our licences already cost EUR 1,900": what the money pays for, after a colon
_NEAR_BOUND = re.compile(r":\s")
_OTHER_THING = re.compile(
    r"\b(?:licen[cs]\w*|fees?|commission|salar\w*|insurance|premium|rent|lease\w*|wages?)\b",
    re.IGNORECASE,
)
# the amount is not a monthly running cost: a price of one thing, an hourly rate, one week's cost,
# "that is not an IT number", "this is for the cameras and lights"
_UNIT_RATE = re.compile(
    r"[ \t]*(?:each\b|/[ \t]*h(?:r|our)?\b|(?:per|an|a)[ \t]+hour\b)", re.IGNORECASE
)
_NOT_RUNNING = re.compile(
    r"\bfor[ \t]+(?:the|a|one|that|this)[ \t]+(?:week|weekend|day|night|event|show|hour)\b"
    r"|\bnot[ \t]+(?:an?[ \t]+|the[ \t]+|our[ \t]+)?(?:IT|infra\w*|hosting|cloud|tech)[ \t]+"
    r"(?:number|cost|budget|figure|spend|money)"
    # "(BDT 18 lakh) so no monthly fee": an amount said not to recur
    r"|\b(?:no|not(?:[ \t]+a)?)[ \t]+(?:monthly|recurring)\b"
    r"|\b(?:is|are)[ \t]+(?:only[ \t]+)?for[ \t]+(?:the[ \t]+|our[ \t]+)?"
    r"(?!hosting|servers?\b|infra|cloud|running|the[ \t]+(?:app|system|platform))[a-z]{3,20}\b",
    re.IGNORECASE,
)
# "No budget has been set for the future platform": what is spent today is no budget
_NO_BUDGET = re.compile(
    r"\bno\s+budget\s+(?:has\s+been\s+|is\s+|was\s+)?(?:set|agreed|decided|defined|fixed|approved)"
    r"\b|\bbudget\s+(?:is\s+)?(?:TBD|TBC|not\s+(?:yet\s+)?(?:set|agreed|decided))\b",
    re.IGNORECASE,
)
# "R$ 400 per month (around 80 dollars)", "5 million VND (~200 USD)": the dollars the writer gives
_USD_AFTER = re.compile(
    r"[^()\n]{0,60}?\(\s*(?:around|about|approx\.?|approximately|roughly|ca\.?|~|≈|=)?\s*"
    r"(?:(?P<sign>US\$|\$)\s*(?P<a>\d[\d,.]*)\s*(?P<ka>[kK])?"
    r"|(?P<b>\d[\d,.]*)\s*(?P<kb>[kK])?\s*(?:USD|US\s+dollars|dollars|US\$))\s*\)",
    re.IGNORECASE,
)
_DOLLARS = re.compile(r"(?<![A-Za-z])\$|\busd\b|dollars?|bucks", re.IGNORECASE)


def _dollars_given(text: str, hit: _Hit) -> float | None:
    """The dollar figure a writer puts in brackets after an amount in another currency."""
    if _DOLLARS.search(hit.phrase):
        return None
    after = _USD_AFTER.match(text, hit.end)
    if after is None:
        return None
    raw = (after.group("a") or after.group("b")).replace(",", "")
    try:
        number = float(raw)
    except ValueError:
        return None
    return number * (1000 if after.group("ka") or after.group("kb") else 1)


# a ceiling said after a monthly amount, without a period of its own: "we pay maybe 150 euro per
# month, it is ok if it is a bit more, maximum 250 euro", "~$50/mo; he said don't go above $150"
_LATER_CEILING = re.compile(
    r"\b(?:maximum|max\.?|at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|(?:not|never|don't|do"
    r"\s+not)\s+(?:go\s+)?(?:above|over|beyond)|capped\s+at|cap\s+(?:it\s+)?at|ceiling\s+(?:of|is))"
    r"[ \t]*(?:of[ \t]+)?"
    + MONEY.replace("(?P<q>", "(?P<amount>")
    + r"(?![ \t]*(?:/|per\b|a\s+(?:year|week|day|month)\b|each\b|an?\s+hour))",
    re.IGNORECASE,
)


def _ceiling_after(hits: dict[str, list[_Hit]], text: str) -> None:
    """A ceiling right after a monthly amount, in its sentence or the next, is that month's cap."""
    found = hits.get(_BUDGET)
    if not found:
        return
    first = min(found, key=lambda h: h.start)
    ends = [m.end() for m in _CLAUSE_BOUND.finditer(text, first.end)][:3]
    stop = ends[-1] if len(ends) == 3 else len(text)
    for m in _LATER_CEILING.finditer(text, first.end, stop):
        try:
            value = whole(parse_quantity(m.group("amount"))[0])
        except (ValueError, KeyError):
            continue
        if any(h.value == value for h in found) or value <= first.value:
            continue
        note = f"a ceiling said after {first.phrase!r}, in the same month's terms"
        rank = (max(h.rank[0] for h in found if h.rank) + 1 if any(h.rank for h in found) else 1,)
        hits[_BUDGET] = [_Hit(value, m.group(0).strip(), m.start(), note, (*rank, 0, 0, 0, 9))]
        return


# a count of users this small is someone else's when it is the top of a range or dwarfed by the
# brief's other count of users ("between two and four agents ... at the same time", 9k customers)
_TINY_USERS = 4
_DWARFED = 100


def _tiny_user_counts(hits: dict[str, list[_Hit]]) -> None:
    """Drop a count of users of four or fewer that is a range's top or far below another count."""
    fields = [f for f in (f"{rules.U}.total", f"{rules.U}.concurrent", f"{rules.U}.daily_active")]
    values = [
        h.value
        for f in fields
        for h in hits.get(f, [])
        if isinstance(h.value, (int, float)) and not isinstance(h.value, bool)
    ]
    for field in fields:
        found = hits.get(field)
        if not found:
            continue
        kept = [
            h
            for h in found
            if not (
                isinstance(h.value, (int, float))
                and h.value <= _TINY_USERS
                and (
                    (h.note or "").startswith("range")
                    or any(v >= _DWARFED * max(h.value, 1) for v in values)
                )
            )
        ]
        if kept:
            hits[field] = kept
        else:
            del hits[field]


def _head_counts(hits: dict[str, list[_Hit]], text: str) -> None:
    """An organisation's head count is no user count when the brief says only some staff use it.

    The count of the users the narrowing sentence gives ("for the 140 field technicians only")
    takes its place when nothing else was read for the field.
    """
    field = f"{rules.U}.total"
    found = hits.get(field)
    if not found or not narrowed(text):
        return
    kept = [h for h in found if not is_head_count(text, h.start, h.end)]
    if len(kept) == len(found):
        return
    if not kept:
        biggest = max(
            (float(h.value) for h in found if isinstance(h.value, (int, float))), default=0
        )
        sub = subset_count(text, biggest)
        if sub is not None:
            note = "the users named as some of the staff; the organisation's head count is not them"
            kept = [_Hit(sub.value, text[sub.start : sub.end], sub.start, note, (0, 0, 0, 0, 1))]
    if kept:
        hits[field] = kept
    else:
        del hits[field]


_USER_FIELDS = (f"{rules.U}.total", f"{rules.U}.daily_active", f"{rules.U}.concurrent")


def _whose_counts(hits: dict[str, list[_Hit]], text: str) -> None:
    """Whose count each user count is: nobody's users, a rate of visits, a subset or a sum."""
    not_users = declared_not_users(text)
    for field in _USER_FIELDS:
        found = hits.get(field)
        if not found:
            continue
        kept = []
        for h in found:
            noun = noun_after(text, h.start, h.end)
            if noun is not None and is_declared(noun, not_users):
                continue  # "Visitors are NOT users": a count of visitors is nobody's users
            if noun is None and any(
                " " not in n and n in _words(text[slice(*sentence_of(text, h.start))])
                for n in not_users
            ):
                continue  # "~180,000 visitors a year, about 500 a day": the same visitors
            if field == _USER_FIELDS[0] and per_period(text, h.start, h.end):
                continue  # "2,500 customers a week": visits over a period, not the users
            if field == _USER_FIELDS[1] and events_counted(text, h.start, h.end):
                continue  # "we get about 40 call-outs, fifty a day in winter": events, not people
            kept.append(h)
        if kept:
            hits[field] = kept
        else:
            del hits[field]
    found = hits.get(_USER_FIELDS[0], [])
    out: list[_Hit] = []
    sums = group_sums(text)
    for h in found:
        if not isinstance(h.value, (int, float)) or isinstance(h.value, bool):
            out.append(h)
            continue
        part = subset(text, h.start, h.end, float(h.value))
        if part is not None:
            phrase = text[part.start : part.end]
            out.append(_Hit(part.value, phrase, part.start, part.note, (1, 0, 0, 0, 9)))
            continue
        summed = group_sum(text, h.start, h.end)
        if summed is not None and summed.value > h.value:
            sums.append(summed)
        out.append(h)
    for summed in {(s.start, s.end): s for s in sums}.values():
        phrase = text[summed.start : summed.end]
        rank = (0, 0, 0, 0, significant_digits(str(summed.value)))
        inside = [h for h in out if h.start < summed.end and summed.start < h.end]
        if inside:
            rank = (max(0, *(h.rank[0] for h in inside)), *rank[1:])
        out = [h for h in out if h not in inside]
        out.append(_Hit(summed.value, phrase, summed.start, summed.note, rank))
        for other in _USER_FIELDS[1:]:  # a group's count is not also a count at once
            left = [o for o in hits.get(other, []) if not summed.start <= o.start < summed.end]
            if left:
                hits[other] = left
            elif other in hits:
                del hits[other]
    # a population's count gives way to a smaller count said to use the system: "the town has
    # 38,000 residents" beside "about 12,000 would use the app"
    numeric = [
        h for h in out if isinstance(h.value, (int, float)) and not isinstance(h.value, bool)
    ]
    users = [h for h in numeric if said_to_use(text, h.start)]
    if users:
        smallest = min(float(h.value) for h in users)
        out = [
            h
            for h in out
            if not (
                h in numeric and float(h.value) > smallest and population_only(text, h.start, h.end)
            )
        ]
    # a population counted in one sentence and its users in the next, when no count read so far
    # is said to be the users: "We have 48,000 members. We think 6,000 will use it."
    if not users and all(h in numeric and population_only(text, h.start, h.end) for h in out):
        parts = [
            _Hit(p.value, text[p.start : p.end], p.start, p.note, (1, 0, 0, 0, 9))
            for p in population_parts(text)
            if not any(h.start <= p.start < h.end for h in out)
        ]
        if parts:
            smallest_part = min(float(p.value) for p in parts)
            out = [h for h in out if float(h.value) <= smallest_part] + parts
    if out:
        hits[_USER_FIELDS[0]] = out


# apps ruled out for the whole system: "so it's web only, no apps", "An app is not in scope", "we
# will not build native apps"
_APPS_OUT = re.compile(
    r"\bno\s+(?:native\s+|mobile\s+|phone\s+)?apps?\b(?!\s+(?:store|stores)\b)"
    r"|\b(?:web|browser|website)[ \t-]+only\b"
    r"|\ban?\s+(?:native\s+|mobile\s+|phone\s+)?app\s+(?:is\s+not|isn't)\s+(?:in\s+scope|needed|required"
    r"|planned|wanted)\b"
    r"|\b(?:will\s+not|won't|don't|do\s+not|doesn't|does\s+not|shall\s+not)\s+(?:build|need|want|make"
    r"|develop)\s+(?:an?\s+|any\s+)?(?:native\s+|mobile\s+|phone\s+)?apps?\b"
    r"|\bapps?\s+(?:is|are)\s+(?:not\s+(?:needed|required|in\s+scope|planned)|out\s+of\s+scope)\b",
    re.IGNORECASE,
)
_SENTENCE_STOP = re.compile(r"[.!?](?=\s)|\n")


# apps put off in the clause that names them: "The mobile app idea got parked until next year"
_APPS_LATER = re.compile(
    r"\b(?:got|was|were|is|are|been|gets|get)\s+(?:parked|shelved|postponed|deferred|dropped"
    r"|put\s+on\s+hold)\b|\bbut\s+(?:we\s+)?decided\s+against\b",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(r"[.!?;](?=\s)|\n|\s[-–—]\s|\bbut\s+(?!(?:we\s+)?decided\b)", re.I)
# a sentence that answers the one before with "not now": "We discussed an iPhone app and an
# Android app as well. Not for now - a website ... is enough."
_DISMISSED_NEXT = re.compile(
    r"[ \t]*(?:but[ \t]+)?(?:not[ \t]+(?:for[ \t]+)?now|not[ \t]+yet"
    r"|not[ \t]+this[ \t]+(?:time|year|round)"
    r"|not[ \t]+in[ \t]+(?:v1|phase[ \t]+(?:1|one)|the[ \t]+first[ \t]+(?:version|release))"
    r"|maybe[ \t]+later|(?:that|those|they|it)[ \t]+(?:can|will)[ \t]+wait"
    r"|(?:that|those|they|it)[ \t]+(?:is|are|was|were)[ \t]+(?:out[ \t]+of[ \t]+scope"
    r"|not[ \t]+needed|for[ \t]+later|parked))\b",
    re.IGNORECASE,
)


def _apps_put_off(text: str, h: _Hit) -> bool:
    """Whether apps are put off in their own clause or by the sentence right after theirs."""
    stop = _CLAUSE_STOP.search(text, h.end)
    if _APPS_LATER.search(text, h.start, stop.end() if stop else len(text)):
        return True
    end = _SENTENCE_STOP.search(text, h.end)
    if end is None or text[end.start()] == "\n":
        return False
    return _DISMISSED_NEXT.match(text, end.end()) is not None


def _apps_ruled_out(hits: dict[str, list[_Hit]], text: str) -> None:
    """Drop iOS and Android ruled out in their sentence ("... but it's web only") or put off in
    their clause or by the next sentence ("... an Android app as well. Not for now")."""
    found = hits.get(_CLIENTS)
    if not found:
        return
    kept = []
    for h in found:
        named = _as_list(h.value)
        if {"ios", "android"} & set(named) and _apps_put_off(text, h):
            rest = [v for v in named if v not in {"ios", "android"}]
            if not rest:
                continue
            h.value = rest if isinstance(h.value, list) else rest[0]
            named = rest
        if {"ios", "android"} & set(named) and any("web" in _as_list(o.value) for o in found):
            breaks = [
                m.end() for m in _SENTENCE_STOP.finditer(text, max(0, h.start - 300), h.start)
            ]
            a = breaks[-1] if breaks else max(0, h.start - 300)
            stop = _SENTENCE_STOP.search(text, h.end, h.end + 300)
            if _APPS_OUT.search(text, a, stop.start() if stop else h.end + 300):
                rest = [v for v in named if v not in {"ios", "android"}]
                if not rest:
                    continue
                h.value = rest if isinstance(h.value, list) else rest[0]
        kept.append(h)
    hits[_CLIENTS] = kept


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _words(sentence: str) -> set[str]:
    return {
        w[:-1] if w.endswith("s") and len(w) > 3 else w
        for w in re.findall(r"[a-z]+", sentence.lower())
    }


def _other_money(hits: dict[str, list[_Hit]], text: str) -> None:
    """Prices, revenue and what is paid for the old system are no infrastructure budget.

    An amount whose sentence talks of prices, payments or revenue is dropped unless the part of
    the sentence around it names the infrastructure ("$12/month for a shop" goes, "two hundred a
    month for the servers" stays); an amount named as a budget or a ceiling outranks one that is
    spent today ("our Heroku bill is $1,900 a month", "a budget of $3,500/month"). A price of one
    thing, an hourly rate, a week's cost, a budget for something else and, when the brief says no
    budget is set, today's spend are dropped; dollars given in brackets replace another currency.
    """
    found = hits.get(_BUDGET)
    if not found:
        return
    no_budget = _NO_BUDGET.search(text) is not None
    keep: list[_Hit] = []
    for hit in found:
        starts = [m.end() for m in _CLAUSE_BOUND.finditer(text, max(0, hit.start - 200), hit.start)]
        sentence_start = starts[-1] if starts else max(0, hit.start - 200)
        parts = [m.end() for m in _PART_BOUND.finditer(text, sentence_start, hit.start)]
        part_start = parts[-1] if parts else sentence_start
        stop = _PART_BOUND.search(text, hit.end)
        part = text[part_start : stop.start() if stop else len(text)]
        near = [m.end() for m in _NEAR_BOUND.finditer(text, part_start, hit.start)]
        near_part = text[near[-1] if near else part_start : stop.start() if stop else len(text)]
        sentence_end = _CLAUSE_BOUND.search(text, hit.end)
        sentence = text[sentence_start : sentence_end.start() if sentence_end else len(text)]
        digits = list(_FIRST_NUMBER.finditer(hit.phrase))
        amount_end = hit.start + (digits[-1].end() if digits else len(hit.phrase))
        before = text[part_start : hit.start]
        ceiling = (
            hit.rank[0] > 0
            or _CEILING.search(part) is not None
            or _CEILING_BEFORE.search(before) is not None
        )
        if (
            _NOT_INFRA_BUDGET.search(part)
            or _UNIT_RATE.match(text, amount_end)
            or _NOT_RUNNING.search(sentence)
        ):
            continue
        if no_budget and not ceiling:
            continue
        if (
            _OTHER_MONEY.search(text, sentence_start, hit.end)
            and not _INFRA_MONEY.search(part)
            and not ceiling
        ):
            continue
        if _OTHER_THING.search(near_part) and not _INFRA_MONEY.search(near_part) and not ceiling:
            continue  # "Azure costs: our licences already cost EUR 1,900 a month"
        value, note = hit.value, hit.note
        dollars = _dollars_given(text, hit)
        if dollars is not None:
            value = whole(dollars)
            note = f"the dollars the brief gives in brackets after {hit.phrase.strip()!r}"
        rank = (hit.rank[0] + 1, *hit.rank[1:]) if ceiling and hit.rank else hit.rank
        keep.append(_Hit(value, hit.phrase, hit.start, note, rank))
    if keep:
        hits[_BUDGET] = keep
    else:
        del hits[_BUDGET]


_PEAK = f"{rules.T}.peak_rps"
_AVERAGE = f"{rules.T}.average_rps"


# "No PCI though", "we stay out of PCI scope": a regime named before a word that rules it out
_CLOUD = f"{rules.C}.cloud"
# a provider named as one option among others or as what to avoid is no choice of where it runs
_CLOUD_HEDGE = re.compile(
    r"\b(?:maybe|perhaps|not\s+sure|undecided|not\s+(?:yet\s+)?decided|might)\b", re.IGNORECASE
)
_CLOUD_AVOIDED = re.compile(
    r"\b(?:rather\s+not|avoid\w*|(?:don't|do\s+not|not)\s+(?:want\s+to\s+)?take\s+on|instead\s+of"
    r"|away\s+from|leav\w+|off)\s+(?:[\w-]{1,15}\s+){0,3}$",
    re.IGNORECASE,
)


def _hosting(hits: dict[str, list[_Hit]], text: str, techs: Mapping[str, str]) -> None:
    """Cloud and deployment from a provider or its product named in a clause about hosting."""
    places = hosting_places(text)
    lower = {k.lower(): v.lower() for k, v in techs.items()}
    hosted: set[str] = set()
    for p in places:
        if p.field == "cloud" and "product" in p.note:
            said = text[p.start : p.end].lower()
            hosted |= {said, lower.get(said, said)}
    for hit in hits.get(_EXPERTISE, []):
        if isinstance(hit.value, dict) and hosted & {str(k).lower() for k in hit.value}:
            # "Hosting: Google Cloud (Cloud Run + Cloud SQL)": where it runs, not a skill
            hit.value = {k: v for k, v in hit.value.items() if str(k).lower() not in hosted}
    deployment = f"{rules.C}.deployment"
    if not hits.get(_CLOUD):
        clouds = [p for p in places if p.field == "cloud"]
        if clouds and len({p.value for p in clouds}) == 1:
            first = clouds[0]
            phrase = text[first.start : first.end]
            hits[_CLOUD] = [_Hit(first.value, phrase, first.start, first.note, (-1, 0, 0, 0, 0))]
    if not hits.get(deployment) and places:
        chosen = hits.get(_CLOUD)
        first = places[0]
        if chosen or all(p.field == "deployment" for p in places):
            phrase = text[first.start : first.end]
            note = "where a provider or hosting company is named in a clause about hosting"
            hits[deployment] = [_Hit("cloud", phrase, first.start, note, (-1, 0, 0, 0, 0))]


def _cloud_not_chosen(text: str, start: int) -> bool:
    stop = _CLAUSE_BOUND.search(text, start)
    sentence = _clause_before(text, start) + text[start : stop.start() if stop else len(text)]
    return bool(
        _CLOUD_HEDGE.search(sentence) or _CLOUD_AVOIDED.search(text, max(0, start - 60), start)
    )


_NEGATED_BEFORE = re.compile(
    r"(?:\bno|\bnot|\bwithout|\bout\s+of|\boutside(?:\s+of)?|\bexempt\s+from|\bavoids?)"
    r"\s+(?:the\s+|any\s+)?$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\s{0,3}(?:(?:is|are)\s+)?(?:not|n't|never)\s+(?:required|needed|necessary|in\s+scope"
    r"|applicable|relevant|a\s+(?:requirement|concern|thing|factor|issue))\b|\s{0,3}(?:isn't|aren't)\s+"
    r"(?:required|needed|necessary|in\s+scope|applicable|relevant|an?\s+(?:thing|concern|issue))\b"
    r"|\s{0,3}(?:(?:does|do)\s+not|doesn't|don't)\s+apply\b|\s{0,3}(?:is|are)\s+out\s+of\s+scope\b"
    # "PCI is Stripe's problem, not ours"
    r"|\s{0,3}(?:is|are)\s+(?:[A-Za-z]{2,20}'s|their|someone\s+else's)\s+(?:problem|job|concern"
    r"|responsibility)\b"
    # "GDPR: N/A (US customers only)": a form's answer that rules it out
    r"|\s{0,3}[:=]\s{0,3}(?:N/A|n\.a\.|not\s+applicable)(?![\w/])",
    re.IGNORECASE,
)


# the fields whose values a brief names to rule out: clients, regimes, integrations
_RULED_FIELDS = {f"{rules.F}.clients", f"{rules.NF}.compliance", f"{rules.F}.integrations"}
# "iPhone app not needed", "iPhone nobody asked for", "iPhone maybe next year, not now": the
# thing named, a few words about it, then the words that rule it out
_NEGATED_LATER = re.compile(
    r"(?:[ \t]+(?!(?:and|or|but|plus)\b)[\w'-]{1,15}){0,4}?(?:[ \t]*,)?[ \t]+(?:"
    r"(?:but[ \t]+)?(?:is|are)?[ \t]*(?:not|n't)[ \t]+"
    r"(?:needed|required|necessary|wanted|planned|now|yet|supported|supporting|targeted"
    r"|targeting)\b"
    r"|(?:isn't|aren't)[ \t]+(?:needed|required|necessary|wanted|planned|supported|supporting)\b"
    r"|(?:nobody|no[ \t]+one)[ \t]+(?:asked|wants|needs|uses|has|have)\b"
    r"|(?:is|are)[ \t]+out[ \t]+of[ \t]+scope\b"
    # "the iOS app is paused", "Android is on hold": a client stopped is no client now
    r"|(?:is|are|was|were|has[ \t]+been|have[ \t]+been|gets|get|will[ \t]+be|is[ \t]+being"
    r"|are[ \t]+being|to[ \t]+be)[ \t]+(?:now[ \t]+)?(?:paused|on[ \t]+hold"
    r"|parked|shelved|dropped|cancell?ed|postponed|deferred|frozen|retired|discontinued|sunset\w*"
    r"|phased[ \t]+out|shut[ \t]+down|decommissioned|killed)\b"
    # "the website stays as it is": what exists now, not a client of what is built
    r"|(?:stays|stay|remains|remain)[ \t]+(?:as[ \t]+(?:it|they)[ \t]+(?:is|are)|unchanged"
    r"|untouched)\b"
    r"|(?:[-–—][ \t]*)?not[ \t]+in[ \t]+(?:this|the)?[ \t]*scope\b"
    # "web we don't do for now", "Android we won't build"
    r"|(?:we|they|I)[ \t]+(?:don't|do[ \t]+not|won't|will[ \t]+not)[ \t]+(?:do|need|build|have|want"
    r"|support|offer|make)\b"
    # "Android we skip", "iPad we leave out"
    r"|(?:we|they|I)[ \t]+(?:skip|drop|leave[ \t]+out|ignore|park)\b)",
    re.IGNORECASE,
)
# "web later maybe", "iOS maybe someday": a client put off with a hedge is not planned (a plain
# "Android later" is); "iOS no.", "iOS: no"; "a web page for the office, but not now"
_PUT_OFF = re.compile(
    r"[ \t]+(?:apps?[ \t]+)?(?:later[ \t]*,?[ \t]*maybe"
    r"|maybe[ \t]+(?:later|someday|one[ \t]+day|next[ \t]+(?:year|version|phase|release)))\b"
    r"|[ \t]*[:=–—-]?[ \t]*no\b(?=[ \t]*(?:[.;,)]|$))"
    r"|[^.;!?,\n]{0,60}?,?[ \t]+but[ \t]+not[ \t]+(?:now|yet|for[ \t]+now|in[ \t]+v1"
    r"|at[ \t]+(?:first|launch))\b",
    re.IGNORECASE | re.MULTILINE,
)
# "Later maybe a web page", "someday an iOS app": put off before it is named
_PUT_OFF_BEFORE = re.compile(
    r"\b(?:later[ \t]+maybe|maybe[ \t]+later|someday|some[ \t]+day|one[ \t]+day|eventually"
    r"|in[ \t]+(?:a[ \t]+)?(?:v2|phase[ \t]+(?:2|two)|version[ \t]+2))[ \t]+(?:maybe[ \t]+)?"
    r"(?:an?[ \t]+|the[ \t]+)?(?:[\w-]+[ \t]+)?$",
    re.IGNORECASE,
)
# "the Android + iOS apps can come later, not now": the clients listed together share what is said
# after the last of them
_CLIENT_CHAIN = re.compile(
    r"(?:[ \t]*(?:\+|&|/|\band\b)[ \t]*(?:the[ \t]+)?"
    r"(?:iOS|iPhone|iPad|Android|web|desktop|Mac|Windows)\b)+",
    re.IGNORECASE,
)
# "replaces the legacy desktop client", "the old Android app": what is being left, not a client
_LEFT_BEFORE = re.compile(
    r"\b(?:legacy|old|outgoing|former|previous)[ \t]+(?:[\w-]+[ \t]+)?$"
    r"|\breplac(?:e|es|ed|ing)[ \t]+(?:the[ \t]+|our[ \t]+|their[ \t]+|its[ \t]+)?"
    r"(?:[\w-]+[ \t]+){0,2}$",
    re.IGNORECASE,
)
# "nobody on the team has touched iOS", "no web dashboard, no app": a negation earlier in the
# clause, with no word between that turns it back ("but", "only", "also")
_NEGATED_IN_CLAUSE = re.compile(
    r"\b(?:no|not|don't|doesn't|won't|nobody|never|without|neither|nor)\b"
    r"(?:[ \t]+(?!(?:but|only|also|just|yet|and)\b)"
    # a lone dash ends the clause: "Not for now - a website ... is enough"
    r"[\w'][\w'-]{0,14}){0,5}[ \t]+$",
    re.IGNORECASE,
)
# a label or heading that rules out what follows it: "Not needed: mobile app, public API",
# "Out of scope: iOS, web portal", "### Non-goals" with its bullets
_RULED_LABEL = (
    r"(?:not\s+needed|not\s+required|not\s+in\s+scope|out\s+of\s+scope|non-?goals?"
    r"|won'?t\s+have|excluded|exclusions|not\s+now|not\s+doing)"
)
_RULED_INLINE = re.compile(
    rf"(?:^|(?<=[\s(.;,>*-]))\**{_RULED_LABEL}\**[ \t]*:[ \t]*(?P<body>[^\n.;]*)",
    re.IGNORECASE | re.MULTILINE,
)
_RULED_HEADING = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*|\d{{1,2}}(?:\.\d{{1,2}})*\.?[ \t]+)?"
    rf"\**{_RULED_LABEL}\**[ \t]*:?[ \t]*\n",
    re.IGNORECASE | re.MULTILINE,
)
_NEXT_HEADING = re.compile(
    r"\n[ \t]*(?:#{1,6}[ \t]|\d{1,2}\.[ \t]+[A-Z]|\*\*[^*\n]{1,60}\*\*[ \t]*\n)"
    r"|\n[ \t]*\n(?![ \t]*[-*+•])"
)


_RULED_ROW = re.compile(
    r"^[ \t]*\|[ \t]*\**(?:won'?t(?:[ \t]+have)?|out[ \t]+of[ \t]+scope|not[ \t]+(?:now|needed))"
    r"\**[ \t]*\|"
    r"(?P<body>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)


def ruled_out_spans(text: str) -> list[tuple[int, int]]:
    """Stretches that list what is ruled out: after 'Not needed:', under a 'Non-goals' heading."""
    spans = [(m.start("body"), m.end("body")) for m in _RULED_INLINE.finditer(text)]
    spans += [(m.start("body"), m.end("body")) for m in _RULED_ROW.finditer(text)]
    for m in _RULED_HEADING.finditer(text):
        stop = _NEXT_HEADING.search(text, m.end())
        spans.append((m.end(), stop.start() if stop else len(text)))
    return sorted(spans)


_CLIENTS = f"{rules.F}.clients"


def _chain_end(field: str, text: str, end: int) -> int:
    """Where a list of clients joined to the one ending at end stops ('Android + iOS apps')."""
    if field != _CLIENTS:
        return end
    chain = _CLIENT_CHAIN.match(text, end)
    return chain.end() if chain else end


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _route_rates(hits: dict[str, list[_Hit]], text: str) -> None:
    """A rate read as a peak whose nearest cue says average ('sustain 1,000 req/s') is one."""
    if _PEAK not in hits:
        return
    average = cue_pattern(_AVERAGE)
    peak = cue_pattern(_PEAK)
    keep: list[_Hit] = []
    for hit in hits[_PEAK]:
        before = text[max(0, hit.start - 30) : hit.start]
        before = re.split(r"[.;!?\n]|\d", before)[-1]
        after = re.split(r"[.;!?\n,]|\d", text[hit.end : hit.end + 20])[0]
        said_average = average.search(hit.phrase) or average.search(before + " " + after)
        said_peak = peak.search(hit.phrase) or peak.search(before + " " + after)
        if said_average and not said_peak:
            note = "; ".join(n for n in (hit.note, "an average: the words around it say so") if n)
            hits.setdefault(_AVERAGE, []).append(
                _Hit(hit.value, hit.phrase, hit.start, note, hit.rank)
            )
        else:
            keep.append(hit)
    if keep:
        hits[_PEAK] = keep
    else:
        del hits[_PEAK]


def _unclaimed_matches(
    regex: re.Pattern[str], text: str, claimed: list[tuple[int, int]]
) -> Iterable[re.Match[str]]:
    """Matches that overlap no claimed span; after a clash the search resumes past the claim.

    "stored in India and kept for 8 years": the residency rule claims "stored in India", and the
    retention rule, whose first try started at "stored", still finds "kept for 8 years".
    """
    pos = 0
    while pos <= len(text):
        match = regex.search(text, pos)
        if match is None:
            return
        start, end = match.span()
        if end == start:
            pos = end + 1
            continue
        clash = [e for s, e in claimed if start < e and s < end]
        if clash:
            pos = max(min(clash), start + 1)
            continue
        pos = end
        yield match


_ENGINEERS = f"{rules.TEAM}.engineers"
_USERS = f"{rules.U}."
_HIRED = re.compile(
    r"\b(?:hired|hiring|hire|recruit\w*|onboard\w*|adding|adds?|looking\s+for|lost|left|laid\s+off"
    # "I look for 2-3 developers", "approved one more developer position"
    r"|look\s+for|search(?:ing)?\s+for|approved"
    r"|supports?|supporting|serves?|serving)"
    r"\s+(?:another\s+|more\s+)?$",
    re.IGNORECASE,
)
_TEAM_COUNTS = {_ENGINEERS, f"{rules.TEAM}.roles"}
# "one SRE joins in January", "1 data scientist starting in June": a person still to come
_JOINS_LATER = re.compile(
    r"(?:[ \t]+[\w-]{2,20}){0,3}?(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:joins|joining|is\s+joining|starts|starting|arrives"
    r"|moves\s+over|moving\s+over|transfers|is\s+transferring"
    r"|arriving|comes\s+on\s+board)\s+(?:in|on|from|next|after|early|late|mid)\b",
    re.IGNORECASE,
)
_LEAVES = re.compile(
    r"(?:[ \t]+[\w-]{2,20}){0,3}?[ \t]+(?:leaves|is\s+leaving|quits|retires|moves\s+on)\b",
    re.IGNORECASE,
)
_PER_UNIT = re.compile(
    r"\b(?:in\s+|for\s+)?(?:each|every|per)\s+"
    r"(?!(?:second|minute|hour|day|week|month|quarter|year)s?\b)[A-Za-z-]{2,20}\s*,?\s*$"
)


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


_APPOSITION = re.compile(
    rf"\s{{0,3}}\(\s{{0,3}}(?:exactly\s{{1,3}}|precisely\s{{1,3}})?(?P<q>{NUMBER})"
    r"(?:\s{1,3}(?:as\s+of|on|at|in|last|this|exactly|precisely|measured)[^)\n]{0,40})?\)",
    re.IGNORECASE,
)


def _appositions(hits: dict[str, list[_Hit]], text: str) -> None:
    """'around 100k users (103,412 as of Monday)': the number in brackets refines the count."""
    for field in COUNT_FIELDS & hits.keys():
        for hit in list(hits[field]):
            m = _APPOSITION.match(text, hit.end)
            if m is None:
                continue
            try:
                number, _ = parse_quantity(m.group("q"))
            except (ValueError, KeyError):
                continue
            phrase = text[hit.start : m.end()]
            rank = (hit.rank[0], 0, 0, 0, significant_digits(m.group("q")))
            hits[field].append(_Hit(whole(number), phrase, hit.start, None, rank))


# (a line that starts with a label, "target 2 yrs: 1,500 at the same time", is a statement of
# its own)
_SENTENCE_END = re.compile(
    r"[.!?;](?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-*+•]|\d+[.)])\s)|\n(?=[ \t]*[A-Za-z][\w ]{0,30}:[ \t])"
)


def _future_counts(hits: dict[str, list[_Hit]], text: str) -> list[tuple[int, int]]:
    """Counts next to a horizon ('... within two years') are growth targets, not today's.

    Returns the spans of the horizons used, which are no milestones.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    factors = [(h.start, h.end) for h in hits.get("_growth", [])]
    every = [(m.start(), m.end(), m.group(0)) for m in _HORIZON.finditer(text)]
    horizons = [
        h
        for h in every
        if not any(a <= h[0] < b for a, b in factors)  # "5x in two years"
    ]
    horizons += _horizons_referred_to(text, every, ends)
    used: list[tuple[int, int]] = list(factors)
    if not horizons:
        _apply_factor(hits)
        return used
    counted = sorted(
        h.start
        for f in (*FUTURE_FIELDS, *FUTURE_FIELDS.values(), *DROP_WHEN_FUTURE)
        for h in hits.get(f, [])
    )
    for field in (*FUTURE_FIELDS, *DROP_WHEN_FUTURE):
        keep: list[_Hit] = []
        for hit in hits.get(field, []):
            horizon = _horizon_for(hit, horizons, ends, counted)
            if horizon is None:
                keep.append(hit)
                continue
            used.append((horizon[0], horizon[1]))
            years = _horizon_years(horizon[2])
            target = FUTURE_FIELDS.get(field)
            later = _count_before(text, hit.end, horizon[0]) if horizon[0] >= hit.end else None
            if later is not None and target is None:
                keep.append(hit)  # "Members today: 620k, target 1M by end of 2028": 620k is today's
                continue
            if later is not None and target is not None:
                # "1,500 concurrent users at peak, 5,000 within two years": the count next to
                # the horizon is the target; the one before it is today's
                keep.append(hit)
                value, at = later
                hits.setdefault(target, []).append(
                    _Hit(value, text[at : horizon[1]], at, None, hit.rank)
                )
                continue
            if target is None or (years is not None and not 1 <= years <= 3):
                continue
            note = None if years in (None, 2.0) else f"stated for {whole(years or 0)} year(s)"
            phrase = text[min(hit.start, horizon[0]) : max(hit.end, horizon[1])]
            hits.setdefault(target, []).append(
                _Hit(hit.value, phrase, min(hit.start, horizon[0]), note, hit.rank)
            )
        if field in hits:
            if keep:
                hits[field] = keep
            else:
                del hits[field]
    _apply_factor(hits)
    used.extend((h.start, h.end) for h in hits.get(future_field_of(), []))
    return used


_BY_THEN = re.compile(r"\bby\s+(?:then|that\s+(?:time|point))\b", re.IGNORECASE)


def _horizons_referred_to(
    text: str, horizons: list[tuple[int, int, str]], ends: list[int]
) -> list[tuple[int, int, str]]:
    """'double the fleet in two years, so plan for 150 at once by then': 'by then' is one."""
    out: list[tuple[int, int, str]] = []
    for m in _BY_THEN.finditer(text):
        i = bisect.bisect_right(ends, m.start())
        lo = ends[i - 2] if i > 1 else 0  # this sentence and the one before it
        earlier = [h for h in horizons if lo <= h[0] < m.start()]
        if earlier:
            out.append((m.start(), m.end(), earlier[-1][2]))
    return out


_BARE_COUNT = compiled(rf"(?<![\w.,])(?P<q>{QUANTITY})\s*$")


def _count_before(text: str, start: int, horizon: int) -> tuple[int, int] | None:
    """A bare count standing right before a horizon, after another count ('..., 5,000 within')."""
    gap = text[start:horizon]
    if len(gap) > 60 or re.search(r"[.;!?\n]", gap):
        return None
    m = _BARE_COUNT.search(gap.rstrip(" ,"))
    if m is None:
        return None
    try:
        value = parse_quantity(m.group("q"))[0]
    except (ValueError, KeyError):
        return None
    return (round(value), start + m.start("q")) if value >= 1 else None


def future_field_of() -> str:
    """The field growth targets go to."""
    return next(iter(FUTURE_FIELDS.values()))


def _horizon_for(
    hit: _Hit, horizons: list[tuple[int, int, str]], ends: list[int], counted: list[int]
) -> tuple[int, int, str] | None:
    """The horizon in the hit's sentence with no other count between them, if any."""
    i = bisect.bisect_right(ends, hit.start)
    lo = ends[i - 1] if i > 0 else 0
    hi = ends[i] if i < len(ends) else 10**12
    for horizon in horizons:
        if not (lo <= horizon[0] < hi) or (horizon[0] < hit.end and hit.start < horizon[1]):
            if horizon[0] < hit.end and hit.start < horizon[1]:
                return horizon  # the horizon is inside the phrase
            continue
        a, b = sorted((hit.end, horizon[0]) if horizon[0] >= hit.end else (horizon[1], hit.start))
        if not any(a <= s < b for s in counted):
            return horizon
    return None


def _apply_factor(hits: dict[str, list[_Hit]]) -> None:
    """'10x next year' with today's concurrent users known: the growth target is their product."""
    now_field, future_field = next(iter(FUTURE_FIELDS.items()))
    if now_field not in hits:
        return  # today's figure may yet be bound by a cue: the factor waits for it
    factors = hits.pop("_growth", [])
    if not factors or future_field in hits:
        return
    now = max(hits[now_field], key=lambda h: (h.rank, -h.start))
    factor, years = factors[0].value
    value = round(now.value * factor)
    note = f"{whole(factor)}x of {now.value} ({now.phrase!r})"
    if years is not None and years != 2:
        note += f"; stated for {whole(years)} year(s)"
    hits[future_field] = [_Hit(value, factors[0].phrase, factors[0].start, note)]


# groups joined by 'and', or listed under their names: "(Core: 5 engineers; Dispatch: 4 engineers)"
_JOIN_STAFF = re.compile(
    # "two devs, both C# people, and a contractor": an aside between the groups
    r"^(?:\s*,\s*(?:both|all|each|mostly)\s+[^,;.\n]{1,40}(?=,))?"
    r"\)?\s*(?:,|;|\+|and|plus|&)?\s*(?:and\s+)?"
    r"(?:(?-i:[A-Z])[\w-]{1,20}(?:\s(?-i:[A-Z])[\w-]{1,20})?\s*(?::|,|\()\s*)?$",
    re.IGNORECASE,
)


# a staff count this large, said without "we", "our" or "team", is a crowd the system serves
_CROWD = 50
_ONE_MORE = "one more person"
_OURS = re.compile(r"\b(?:we|we're|we've|our|us|I|I'm|my|team|headcount|staff)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?\n]\s")


def _clause_after(text: str, end: int) -> str:
    """The sentence or line from a position on."""
    stop = _CLAUSE_END.search(text, end)
    return text[end : stop.start() if stop else len(text)]


def _clause_before(text: str, start: int) -> str:
    """The sentence or line up to a position."""
    head = text[max(0, start - 200) : start]
    ends = list(_CLAUSE_END.finditer(head))
    return head[ends[-1].end() :] if ends else head


def _staff_groups(hits: dict[str, list[_Hit]], staff: list[_Hit], text: str) -> None:
    """Groups of staff joined by 'and' add up; each gives its role and the technologies it knows."""
    staff.sort(key=lambda h: h.start)
    runs: list[list[_Hit]] = []
    for hit in staff:
        if runs and _JOIN_STAFF.match(text[runs[-1][-1].end : hit.start]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    for run in runs:
        total = sum(h.value.count for h in run)
        if len(run) >= 3 and run[0].value.count == total - run[0].value.count:
            total = run[0].value.count  # "5 devs, 2 are frontend and 3 backend": total, parts
        rank = (max(h.rank[0] for h in run), 0, 0, 0, len(run))
        if len(run) == 1 and run[0].note == _ONE_MORE:
            continue  # "a developer" alone says nothing of the team's size
        lead = re.split(r"[,.;:\n]", text[max(0, run[0].start - 60) : run[0].start])[-1]
        if _HIRE_WORD.search(lead):
            continue  # "Recruitment of one additional mobile developer (Swift)": a hire
        if (
            total >= _CROWD
            and rank[0] <= 0
            and not _OURS.search(_clause_before(text, run[0].start))
        ):
            continue  # "1,400 engineers, ~9k CI jobs/day": the people served, not the writer's team
        phrase = text[run[0].start : run[-1].end]
        note = "the sum of the groups named" if len(run) > 1 else run[0].note
        hits.setdefault(f"{rules.TEAM}.engineers", []).append(
            _Hit(total, phrase, run[0].start, note, rank)
        )
        for hit in run:
            group: _Staff = hit.value
            if group.role:
                hits.setdefault(f"{rules.TEAM}.roles", []).append(
                    _Hit({group.role: group.count}, hit.phrase, hit.start, None)
                )
            if group.techs:
                hits.setdefault(f"{rules.TEAM}.expertise", []).append(
                    _Hit({t.lower(): "strong" for t in group.techs}, hit.phrase, hit.start, _WITH)
                )


# one more group added after the team: "five developers, who work in Kotlin, supplemented by one
# contractor", "Two of us in IT (me and Hana), both C# people, plus one contractor"
_ADDED_PARTY = re.compile(
    r"(?:\bplus|\+|\bsupplemented\s+by|\b(?:along|together)\s+with|\bhelped\s+by|\bbacked\s+by"
    # "three of us on it, and we've a contractor, Pádraig, doing two days a week"
    r"|\band\s+(?:we(?:'ve|\s+have)(?:\s+(?:also|got))?|there's\s+also|also))"
    # "plus our in-house dev", "plus the freelancer": one person
    r"[ \t]+(?:(?P<n>an?|one|two|three|\d|our|my|the|their)[ \t]+(?:[a-z-]{2,15}[ \t]+)?"
    r"(?P<who>contractors?|freelancers?|consultants?|developers?|devs?|engineers?"
    # "2 internal developers + 2 external (agency)": the builders' noun is the one before
    r"|external|freelance|outsourced|offshore|nearshore)\b"
    # "plus our CTO Hamid who still codes most days": one more person who codes
    r"|(?P<one>(?:our|my|the)[ \t]+[\w-]{2,15}(?:[ \t]+(?-i:[A-Z][a-z]{1,15}))?,?[ \t]+who[ \t]+"
    r"(?:still[ \t]+|also[ \t]+)?(?:codes|writes[ \t]+code|develops|programs)\b))"
    # "two full-time developers and an apprentice who also codes": one more who codes
    r"|\band[ \t]+(?P<one2>(?:an?|one|our|my|the)[ \t]+[\w-]{2,15}(?:[ \t]+[\w-]{2,15})?,?[ \t]+"
    r"who[ \t]+(?:still[ \t]+|also[ \t]+)?(?:codes|writes[ \t]+code|develops|programs)\b)",
    re.IGNORECASE,
)
# what the party added after the team does when it is not building: "plus a freelancer does the
# design bits", "plus a contractor for the UX"
_ADDED_OTHER_WORK = re.compile(
    r"[ \t]*,?[ \t]*(?:who[ \t]+)?(?:does|do|doing|handles?|handling|for|on|helps?[ \t]+with"
    r"|takes?[ \t]+care[ \t]+of|looks?[ \t]+after|runs?|running)[ \t]+"
    r"(?:the[ \t]+|our[ \t]+|all[ \t]+the[ \t]+|some[ \t]+)?(?:design|UX|UI|graphics|marketing"
    r"|sales|support|testing|QA|copy|content|illustrations?|branding|logos?|admin|accounts|bookkeeping|photos?)\b",
    re.IGNORECASE,
)
_BUILDER_NOUN = re.compile(r"\b(?:engineers?|developers?|devs?|programmers?|coders?|engs?)\b", re.I)
# a relative clause about someone else: "plus Hannah, who runs support and doesn't code"
_WHO_CLAUSE = re.compile(r"\bwho\b[^.;!?\n]*", re.IGNORECASE)
# a team that does not build: "Our board is a team of two", "a support team of three"
_NOT_BUILDING_TEAM = re.compile(
    r"\b(?:board|committee|support|sales|marketing|ops|operations|admin|office|management|finance"
    r"|HR|reception|customer[ \t]+service|service[ \t]+desk|help[ \t]?desk|editorial|design|legal"
    r"|accounting|content|leadership)(?:[ \t]+(?:is|are|was|were|forms?))?[ \t]*[:,–—-]?[ \t]*"
    r"(?:(?:just|only|really)[ \t]+)?(?:(?:a|an|our|the)[ \t]+)?(?:(?:small|tiny)[ \t]+)?"
    r"team[ \t]+of[ \t]+$",
    re.IGNORECASE,
)
# people who will not build it: "they will not develop the app", "I will coordinate, not code"
_NOT_BUILDING = re.compile(
    r"(?<!\bwho\s)(?<!\bthat\s)\b(?:(?:will|would|shall|do|does|'ll)\s+not|won't|don't|doesn't)"
    r"\s+(?:develop|build|code|program|write\s+code)\b|,\s*not\s+code\b",
    re.IGNORECASE,
)
_TEAM_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-*+•]|\d+[.)])\s)")


def _team_in_sentence(hits: dict[str, list[_Hit]], text: str) -> None:
    """A team size grows by a group added after it in its sentence, and goes when they won't build.

    The rest of the sentence is read without its brackets ("(I don't code)" speaks of one person).
    """
    found = hits.get(f"{rules.TEAM}.engineers")
    if not found:
        return
    keep: list[_Hit] = []
    skills = f"{rules.TEAM}.expertise"
    for hit in found:
        stop = _TEAM_SENTENCE_END.search(text, hit.end)
        end = stop.start() if stop else len(text)
        rest = _BRACKET.sub("", text[hit.end : end])
        if (
            isinstance(hit.value, int)
            and hit.value >= team_words().company_min
            and not _BUILDER_NOUN.search(hit.phrase)
        ):
            continue  # "We are 12 000 members": the community or the company, not its builders
        team_of = re.match(r"team\s+of\s+", hit.phrase, re.IGNORECASE)
        if team_of and _NOT_BUILDING_TEAM.search(
            text, max(0, hit.start - 60), hit.start + team_of.end()
        ):
            continue  # "Our board is a team of two (leader and treasurer)": they do not build it
        if _NOT_BUILDING.search(_WHO_CLAUSE.sub("", rest)):
            if skills in hits:  # what they know is not the builders' either
                hits[skills] = [h for h in hits[skills] if not hit.start <= h.start < end]
                if not hits[skills]:
                    del hits[skills]
            continue
        added = _ADDED_PARTY.search(rest)
        if added is not None and _ADDED_OTHER_WORK.match(rest, added.end()):
            added = None  # "plus a freelancer does the design bits": not one more builder
        if added is None or not isinstance(hit.value, int) or isinstance(hit.value, bool):
            keep.append(hit)
            continue
        n = (added.group("n") or "one").lower()
        if n in {"our", "my", "the", "their"} and (added.group("who") or "").endswith("s"):
            keep.append(hit)  # "plus our contractors": how many is not said
            continue
        more = (
            1
            if n in {"a", "an", "one", "our", "my", "the", "their"}
            else round(parse_quantity(n)[0])
        )
        grown = _Hit(hit.value + more, hit.phrase, hit.start, hit.note, hit.rank)
        grown.add_note(f"and {added.group(0).strip()!r} after it")
        keep.append(grown)
    if keep:
        hits[f"{rules.TEAM}.engineers"] = keep
    else:
        del hits[f"{rules.TEAM}.engineers"]


_BUILDER = "what a person named as one of the builders knows"


def _team_hit(value: TeamValue, text: str, rank: tuple[int, ...]) -> _Hit:
    return _Hit(value.value, text[value.start : value.end], value.start, value.note, rank)


def _team_reader(hits: dict[str, list[_Hit]], text: str, techs: Mapping[str, str]) -> TeamReading:
    """Weigh the team sizes read by phrase against the people the brief names and counts.

    A count that is no team of builders goes ("700 of us", "a team of 11 agents"); squads listed
    apart add up; people named one by one give the size when no phrase did, or when a phrase
    counted someone who does not build or left out someone added to the group it counted.
    """
    reading = read_team(text, techs)
    found = hits.get(_ENGINEERS, [])
    if reading.not_team:
        found = [h for h in found if not any(a <= h.start < b for a, b in reading.not_team)]
    high = (9, 0, 0, 0, 0)
    if reading.squads is not None:
        if not found or reading.squads.value > max(h.value for h in found):
            found = [_team_hit(reading.squads, text, high)]
    elif reading.engineers is not None:
        roster = reading.engineers
        if not found:
            found = [_team_hit(roster, text, high)]
        else:
            current, _ = _pick(_ENGINEERS, found)
            group = reading.groups[0] if len(reading.groups) == 1 else None
            # "two part-time developers ..." then "A volunteer, Bisi, ... will build the page"
            added = (
                group is not None
                and group.value == current.value
                and bool(reading.extra)
                and all(re.search(r"[.!?]\s", text[group.end : e.start]) for e in reading.extra)
            )
            # "a tech lead (Hamid, hands-on), four backend developers ...": one more in the list
            added = added or any(
                0 <= current.start - e.end <= 60
                and not re.search(r"[.;:!?\n]", text[e.end : current.start])
                for e in reading.extra
            )
            # "Developers: me and my cousin" then "Also one student helps with the code": the
            # people the phrase counted, and one more introduced who builds
            named = [b for b in reading.builders if current.start <= b[0] < current.end]
            outside = [e for e in reading.extra if not current.start <= e.start < current.end]
            added = added or (
                not reading.groups
                and len(named) == current.value
                and bool(outside)
                and roster.value == current.value + len(outside)
            )
            non_builder_in = any(current.start <= a < current.end for a, _ in reading.others)
            if (added and roster.value > current.value) or (
                non_builder_in and roster.value < current.value
            ):
                hit = _team_hit(roster, text, high)
                hit.add_note(f"not {current.value} ({current.phrase!r})")
                found = [hit]
    if not found and reading.counted is not None:
        found = [_team_hit(reading.counted, text, high)]
    if found:
        hits[_ENGINEERS] = found
    else:
        hits.pop(_ENGINEERS, None)
    teams = f"{rules.TEAM}.teams"
    if reading.teams is not None and teams not in hits:
        hits[teams] = [_team_hit(reading.teams, text, high)]
    return reading


def _builder_skills(hits: dict[str, list[_Hit]], text: str, reading: TeamReading) -> None:
    """What each builder named knows ("@joana (FE, Svelte)", "Irene knows Vue very well").

    Only technologies no other rule placed: a level said in a clause about skills wins.
    """
    known = {k for h in hits.get(_EXPERTISE, []) for k in h.value}
    for skill in reading.skills:
        if skill.name in known:
            continue
        known.add(skill.name)
        hit = _Hit({skill.name: skill.level}, text[skill.start : skill.end], skill.start, _BUILDER)
        hits.setdefault(_EXPERTISE, []).append(hit)


_JOINER = re.compile(r"^[\s,;/&]*(?:and|or|plus)?[\s,]*$", re.IGNORECASE)


def _phrases(found: list[_Hit], squeezed: _Squeezed) -> list[str]:
    """Phrases of the hits, neighbours joined only by 'and', commas or slashes merged into one."""
    text = squeezed.text
    spans: list[list[int]] = []
    for hit in found:
        if spans and hit.start >= spans[-1][1] and _JOINER.match(text[spans[-1][1] : hit.start]):
            spans[-1][1] = max(spans[-1][1], hit.end)
        else:
            spans.append([hit.start, hit.end])
    return list(dict.fromkeys(squeezed.slice(a, b).strip() for a, b in spans))


def _pick(field: str, found: list[_Hit]) -> tuple[_Hit, str | None]:
    """The value a scalar field takes, and a note naming the values it was preferred to."""
    if field in LONGEST or field in HIGHEST:
        best = max(found, key=lambda h: (h.value, -h.start))
        shorter = [h for h in found if h.value != best.value]
        if not shorter:
            return best, None
        told = ", ".join(f"{h.value} ({h.phrase!r})" for h in shorter)
        what = "the longest period" if field in LONGEST else "the highest rate"
        return best, f"{what} stated; the brief also says {told}"
    numeric = all(
        isinstance(h.value, (int, float)) and not isinstance(h.value, bool) for h in found
    )
    if not numeric or len({h.value for h in found}) == 1:
        return min(found, key=lambda h: h.start) if numeric else found[0], None
    best = max(found, key=lambda h: (h.rank, -h.start))
    others: list[str] = list(
        dict.fromkeys(f"{h.value} ({h.phrase!r})" for h in found if h.value != best.value)
    )
    same_rank = any(h.rank == best.rank for h in found if h.value != best.value)
    why = "the first stated is kept" if same_rank else "the most specific is kept"
    return best, f"the brief also says {', '.join(others)}; {why}"


def _assemble(hits: Mapping[str, list[_Hit]], squeezed: _Squeezed) -> BriefExtraction:
    specs = field_specs()
    order = {path: i for i, path in enumerate(specs)}
    values: dict[str, ExtractedValue] = {}
    for field in sorted(hits, key=lambda f: (order.get(f, len(order)), f)):
        if field.startswith("_"):
            continue
        found = sorted(hits[field], key=lambda h: h.start)
        spec = specs.get(field)
        kind = spec.answer_type if spec else "text"
        extra_note: str | None = None
        if kind == "list":
            merged: list[Any] = []
            for h in found:
                for item in h.value if isinstance(h.value, list) else [h.value]:
                    if item not in merged:
                        merged.append(item)
            value: Any = merged
        elif kind == "mapping":
            mapping: dict[str, Any] = {}
            # a level a phrase names outranks the strength read from a group's technologies
            ends: dict[str, int] = {}
            for h in sorted(found, key=lambda h: h.note in _READ_FROM_CLAUSE):
                for k, v in h.value.items():
                    # "I know Python little bit": a hedge touching the phrase qualifies it
                    if (
                        k in ends
                        and h.note not in _READ_FROM_CLAUSE
                        and h.start <= ends[k] + 3
                        and _WEAKER.get(v, 0) > _WEAKER.get(mapping[k], 0)
                    ):
                        mapping[k] = v
                    mapping.setdefault(k, v)
                    ends.setdefault(k, h.end)
            value = mapping
        else:
            best, extra_note = _pick(field, found)
            found = [best]
            value = best.value
        phrases = _phrases(found, squeezed)
        notes = list(dict.fromkeys(n for n in (*(h.note for h in found), extra_note) if n))
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
