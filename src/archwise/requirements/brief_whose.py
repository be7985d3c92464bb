"""Whose count a user count is: a sum of groups, a subset of a population, or a rate of visits.

Three readings of the people around a count of users, each decided from the words next to it:
- groups summed: "1,150 drivers and 85 dispatchers", "75 archivists + 400 researchers", "22
  people, plus 8 volunteers", "260 volunteers at the 12 distribution points and the 9
  coordinators" are one population of users; the count read for one group takes the others in.
- a subset: "48,000 members, but only about 6,000 of them will install the app", "9.500 members,
  from which about 3.000 will use the app": the population is not the users, the part is.
- a rate: "2,500 customers a week", "30,000 households a year" count visits over a period, not
  the people who use the system; "households do not use the system" and "Visitors are NOT users"
  say a noun's counts are nobody's users.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from archwise.requirements.brief_cues import counts_other
from archwise.requirements.brief_rules import DAY_OR_MOMENT
from archwise.requirements.quantities import NUMBER, parse_quantity

_TOTAL = "non_functional.users.total"
_APPROX = (
    r"(?:(?:about|around|approx\.?|approximately|ca\.?|some|roughly|nearly|almost|maybe"
    r"|perhaps|another|~)\s*)?"
)


# a group: "1,150 drivers", "the 9 coordinators", "400 researchers", "8 volunteers"
@functools.cache
def _group_re() -> re.Pattern[str]:
    """Compiled on first use: the number pattern is large and import time matters."""
    return re.compile(
        rf"(?P<q>{NUMBER})\s+(?P<noun>(?:[A-Za-z-]{{2,20}}\s+)?(?:[A-Za-z-]{{2,20}}s|people|staff"
        r"|personnel|folks?))\b(?!\s*(?:'|’|of\b))",
        re.IGNORECASE,
    )


# what may stand between a group and the next: where it works ("at the 12 distribution points",
# "in the two control rooms"), then the joining word
_PLACE = (
    r"(?:[ \t]+(?:at|in|on|across|from)[ \t]+(?:the[ \t]+|our[ \t]+|its[ \t]+)?"
    r"(?:[\w-]+[ \t]+){0,3}?[\w-]+)?"
)
_JOIN = (
    r"[ \t]*,?[ \t]*(?:and|plus|\+|&|as[ \t]+well[ \t]+as)[ \t]+(?:also[ \t]+)?"
    r"(?:the[ \t]+|our[ \t]+|its[ \t]+|their[ \t]+)?" + _APPROX
)
_NEXT = re.compile(_PLACE + _JOIN + r"(?=\d|[A-Za-z])", re.IGNORECASE)
_BEFORE_JOIN = re.compile(_JOIN + r"$", re.IGNORECASE)
# words that make a group no part of the users: "... and 30 of them online", "and 2 developers"
_NOT_USERS = re.compile(
    r"(?:developers?|devs?|engineers?|programmers?|designers?|testers?|admins?|administrators?"
    r"|times|days|weeks|months|years|hours|minutes|seconds)$",
    re.IGNORECASE,
)
# a noun of people: an agent noun ("dispatchers", "inspectors", "archivists", "technicians") or a
# word for people that has no agent ending
_PEOPLE = re.compile(
    r"(?:[a-z]{2,}(?:ers|ors|ists|ians|ants|ents|ees)|staff|people|personnel|folks?|persons|nurses"
    r"|pupils|students|children|kids|parents|families|volunteers|guests|members|clerks|leads|chefs"
    r"|cooks|pilots|mechanics|medics|doctors|midwives|wardens|guards|crew|crews|teachers|tutors"
    r"|coaches|athletes|players|patients|residents|citizens|staffers|households|inhabitants|baristas"
    r"|waiters|porters|cleaners|couriers|riders|agents|officers)$",
    re.IGNORECASE,
)
# things with an agent ending: "shelters", "scanners", "containers"
_THINGS = re.compile(
    r"(?:shelters|containers|trailers|computers|printers|scanners|servers|routers|chargers|towers"
    r"|counters|centers|lockers|trackers|sensors|monitors|motors|elevators|meters|boosters|heaters"
    r"|coolers|freezers|timers|registers|folders|binders|stickers|posters|flyers|letters|papers"
    r"|numbers|orders|papers|ancestors)$",
    re.IGNORECASE,
)
# people who may or may not use it: a group of them is summed only in a list named as the users
# ("only the market people use this: 1,200 vendors and 325 inspectors")
_POPULATION = re.compile(
    r"(?:vendors|suppliers|partners|dealers|carriers|providers|customers|clients|sponsors|investors"
    r"|donors|readers|viewers|listeners|followers|subscribers|visitors|passengers|travell?ers"
    r"|shoppers|buyers|consumers|tenants|owners|households|holders|players|patients|residents"
    r"|citizens|members|parents|families|inhabitants)$",
    re.IGNORECASE,
)
# a count of all users is no group of them
_WHOLE = re.compile(r"\b(?:users|accounts|logins|sign-?ups|members)$", re.IGNORECASE)
# a group counted at a moment or over a day is a different count ("200 people online at once")
_GROUP_IS_RATE = re.compile(
    r"[^.;,\n]{0,30}?\b(?:daily|a\s+day|per\s+day|every\s+day|each\s+day|at\s+once|same\s+time"
    r"|simultaneous\w*|online|concurrent\w*|at\s+a\s+time|at\s+peak|in\s+parallel)\b",
    re.IGNORECASE,
)
# a list that names its members as the users: "only the market people use this: 1,200 vendors and
# 325 inspectors", "Users: ...", "who logs in: ..."
_PEOPLE_LEAD = re.compile(
    r"\b(?:users?|use|uses|people|log\s*in|logs\s+in|sign\s+in|who|accounts?)\b[^:\n]{0,40}:\s*$",
    re.IGNORECASE,
)
# a sentence ends at a full stop, a question or exclamation mark, a blank line or a new bullet
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\n(?=\s*(?:[-*+•|#]|\d{1,3}[.)]\s))")


# the part said to use it: "only about 6,000 of them will ever install", "from which about 3.000
# will use the app", "but only 4.000 have the app", "30,000 of our members use it"
@functools.cache
def _part_re() -> re.Pattern[str]:
    """Compiled on first use: the number pattern is large and import time matters."""
    return re.compile(
        rf"(?:\b(?:of\s+(?:them|those|these|whom)|from\s+(?:which|whom|them|those)|among\s+them"
        rf"|out\s+of\s+(?:them|those))\s*,?\s*(?:only\s+)?{_APPROX}(?P<a>{NUMBER})"
        rf"|\bbut\s+(?:only\s+)?{_APPROX}(?P<b>{NUMBER})(?!\s*(?:%|percent|per\s+cent))"
        rf"|(?:\bonly\s+)?{_APPROX}(?P<c>{NUMBER})\s+of\s+(?:them|those|these|whom|(?:our|the|its|their)"
        r"\s+[A-Za-z-]{2,20}s)\b"
        # a population's part said to come: "we expect 6,000 to use it", "maybe 2,000 will register"
        rf"|(?:\bonly\s+)?{_APPROX}(?P<d>{NUMBER})\s+(?:[A-Za-z-]{{2,20}}\s+){{0,2}}?(?:will|would|might"
        r"|may|could|are\s+(?:expected|likely|going)\s+to|to)\s+(?:actually\s+|ever\s+|really\s+"
        r"|probably\s+)?(?:use|install|download|sign\s+up|register|log\s*in|book)\b)",
        re.IGNORECASE,
    )


# "Of the 38,000 residents, about 12,000 ...": the part right after the population
_OF_THE = re.compile(r"\bof\s+(?:the|our|its|their|those|these|all)\s+$", re.IGNORECASE)


@functools.cache
def _part_after_whole_re() -> re.Pattern[str]:
    """Compiled on first use: the number pattern is large and import time matters."""
    return re.compile(
        rf"(?:\s+[A-Za-z-]{{2,20}}){{1,3}}\s*,\s*(?:only\s+)?{_APPROX}(?P<e>{NUMBER})\b",
        re.IGNORECASE,
    )


# a population whose part may be said to come: not staff already counted as the users
_POPULATION_COUNT = re.compile(
    r"\s+(?:[A-Za-z-]{2,20}\s+)?(?:vendors|customers|clients|members|citizens|residents"
    r"|inhabitants|households|passengers|visitors|patients|parents|families|students|pupils"
    r"|subscribers|listeners|viewers|readers|followers|employees|staff|people|workers|fans"
    r"|supporters|parishioners|congregants|drivers|riders|players|tenants|holders|companies"
    r"|businesses|firms|shops|farmers)\b",
    re.IGNORECASE,
)
_USES = re.compile(
    r"\b(?:use|uses|using|used|install\w*|download\w*|log\s*in|logs?\s+in|logging\s+in|sign\s+in"
    r"|book\w*|have\s+(?:an?\s+)?(?:account|app|login)|are\s+active|active|actually|ever"
    r"|register\w*|open\w*)\b",
    re.IGNORECASE,
)
# the part is a rate or a count at once, not a total: "only 3,000 of them are online at once"
_PART_IS_RATE = re.compile(
    r"\b(?:daily|a\s+day|per\s+day|every\s+day|each\s+day|at\s+once|same\s+time|simultaneous\w*"
    # "are online" is a moment; "book online" is how they use it
    r"|(?:are|is|be|being|were|go|come)\s+online|concurrent\w*|at\s+a\s+time|active)\b",
    re.IGNORECASE,
)
# a population that is already the users: "20,000 users, but only 3,000 of them ..."
_USERS_NOUN = re.compile(
    r"\s+(?:[A-Za-z-]{2,20}\s+){0,2}(?:users|accounts|logins|registered|subscribers|sign-?ups)\b",
    re.IGNORECASE,
)


# a count over a period: "2,500 customers a week", "30,000 households a year"
@functools.cache
def _per_period_re() -> re.Pattern[str]:
    """Compiled on first use, to keep import cheap."""
    return re.compile(
        r"(?:[ \t]+[A-Za-z-]{2,20}){0,2}[ \t]+(?:a|per|each|every|/)[ \t]*"
        r"(?:week|fortnight|month|year)\b"
        r"|(?:[ \t]+[A-Za-z-]{2,20}){0,2}[ \t]+(?:weekly|monthly|annually|yearly)\b",
        re.IGNORECASE,
    )


_NOUN_AFTER = re.compile(r"\s+(?:(?P<mod>[A-Za-z-]{2,20})\s+)?(?P<noun>[A-Za-z-]{3,20})\b")
# words before a noun that do not narrow it ("the visitors", "and visitors")
_DETERMINERS = frozenset(
    [
        "the",
        "our",
        "their",
        "these",
        "those",
        "all",
        "other",
        "its",
        "his",
        "her",
        "most",
        "many",
        "some",
        "such",
        "and",
        "but",
        "that",
        "who",
        "which",
        "because",
        "also",
        "even",
        "with",
        "since",
        "then",
        "where",
        "while",
        "when",
        "any",
    ]
)


# the most groups one list of users is read as (and what bounds the work on a run of counts)
MAX_GROUPS = 8


@dataclass(frozen=True)
class Reading:
    """A new count of users with where its words stand and why."""

    value: int
    start: int
    end: int
    note: str


def _sentence(text: str, at: int) -> tuple[int, int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 400), at)]
    start = ends[-1] if ends else max(0, at - 400)
    stop = _SENTENCE_END.search(text, at, at + 400)
    return start, stop.start() if stop else min(len(text), at + 400)


def sentence_of(text: str, at: int) -> tuple[int, int]:
    """The span of the sentence around a position."""
    return _sentence(text, at)


def _number_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The group that starts with the first number of the stretch start..end."""
    for m in _group_re().finditer(text, start, min(len(text), end + 60)):
        if m.start() < end:
            return m
    return None


def _value(q: str) -> int | None:
    try:
        value, note = parse_quantity(q)
    except (ValueError, KeyError):
        return None
    if note is not None or value != int(value) or value < 1:
        return None
    return int(value)


def _is_users_group(text: str, m: re.Match[str], named_users: bool) -> bool:
    noun = m.group("noun")
    if _NOT_USERS.search(noun) or _per_period_re().match(text, m.end("q")):
        return False
    if not _PEOPLE.search(noun) or _THINGS.search(noun):
        return False  # "310 CCTV cameras and 64 kiosks", "1.150 beds and 260 nurses": things
    if _POPULATION.search(noun) and not named_users:
        return False
    # "1.5k registered users ... and 200 people online at once": two counts, not two groups
    return not (_WHOLE.search(noun) or _GROUP_IS_RATE.match(text, m.end()))


def group_sum(text: str, start: int, end: int) -> Reading | None:
    """The sum of the groups of people joined to the count at start..end, if it is one of them."""
    first = _number_at(text, start, end)
    if first is None:
        return None
    a, b = _sentence(text, first.start())
    named = bool(_PEOPLE_LEAD.search(text, a, first.start()))
    groups = [first]
    # groups before: "1,200 vendors and [325 inspectors]"
    at = first.start()
    while len(groups) <= MAX_GROUPS:
        back = _BEFORE_JOIN.search(text, max(a, at - 40), at)
        if back is None:
            break
        near = max(a, back.start() - 80)
        prior = [
            g for g in _group_re().finditer(text, near, back.start()) if g.end() == back.start()
        ]
        if not prior:
            break
        groups.insert(0, prior[0])
        at = prior[0].start()
    lead = bool(_PEOPLE_LEAD.search(text, a, groups[0].start()))
    named = named or lead
    at = first.end()
    while len(groups) <= MAX_GROUPS:
        join = _NEXT.match(text, at)
        if join is None or join.end() > b:
            break
        nxt = _group_re().match(text, join.end())
        if nxt is None or nxt.end() > b:
            break
        groups.append(nxt)
        at = nxt.end()
    if len(groups) > MAX_GROUPS:
        return None  # a long run of counts is a table of something, not the groups of users
    if len(groups) < 2 or not all(_is_users_group(text, g, named) for g in groups):
        return None
    values = [_value(g.group("q")) for g in groups]
    if any(v is None for v in values):
        return None
    total = sum(v for v in values if v is not None)
    parts = " + ".join(g.group(0) for g in groups)
    return Reading(total, groups[0].start(), groups[-1].end(), f"groups of users summed: {parts}")


@functools.cache
def _number_re() -> re.Pattern[str]:
    """Compiled on first use: the number pattern is large and import time matters."""
    return re.compile(NUMBER, re.IGNORECASE)


def _number_in(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first number of a count's span start..end, matched on that span (offsets from start)."""
    return _number_re().search(text[start : end + 1])


def subset(text: str, start: int, end: int, population: float) -> Reading | None:
    """The part of a population said to use the system, in the count's sentence or the next."""
    number = _number_in(text, start, end)
    if number is not None and _USERS_NOUN.match(text, start + number.end()):
        return None
    at = start + number.end() if number is not None else end
    whole = _POPULATION_COUNT.match(text, at) is not None
    a, b = _sentence(text, start)
    if whole and _OF_THE.search(text, max(a, start - 30), start):
        part = _part_after_whole_re().match(text, at)
        if part is not None:
            found = _part(text, part, "e", population)
            if found is not None:
                return found
    stop = _SENTENCE_END.search(text, b + 1, b + 400) if b < len(text) else None
    limit = stop.start() if stop else min(len(text), b + 400)
    for m in _part_re().finditer(text, end, limit):
        group = next(g for g in "abcd" if m.group(g))
        if group == "d" and not whole:
            continue
        found = _part(text, m, group, population)
        if found is not None:
            return found
    return None


@functools.cache
def _population_re() -> re.Pattern[str]:
    """Compiled on first use: the number pattern is large and import time matters."""
    return re.compile(
        rf"(?<![\w.,$€£])(?P<q>{NUMBER})(?={_POPULATION_COUNT.pattern})", re.IGNORECASE
    )


def population_parts(text: str) -> list[Reading]:
    """The parts said to use the system of every population a brief counts, read or not.

    "The union has 48,000 members. We think 6,000 will use it": the population was no count of
    users, so nothing asked for its part; the part is read from the population's sentence or the
    next one, as for a count of users.
    """
    out: list[Reading] = []
    for m in _population_re().finditer(text):
        value = _value(m.group("q"))
        if value is None or value < 10:
            continue
        part = subset(text, m.start(), m.end(), float(value))
        if part is not None:
            out.append(part)
    return out


def _part(text: str, m: re.Match[str], group: str, population: float) -> Reading | None:
    """The part a match names, if it is a smaller count said to use the system."""
    value = _value(m.group(group))
    if value is None or not 1 < value < population:
        return None
    if counts_other(_TOTAL, text, m.end(group)):
        return None
    own_start, own_end = _sentence(text, m.start(group))
    after = text[m.start(group) : min(own_end, m.end() + 80)]
    if not _USES.search(after) or _PART_IS_RATE.search(after):
        return None
    if re.search(DAY_OR_MOMENT, text[max(own_start, m.start() - 60) : m.start(group)], re.I):
        return None  # "On a normal weekday maybe 1,100 of them actually book": a day's users
    note = f"the part of the {int(population):,} said to use it"
    return Reading(value, m.start(group), m.end(), note)


def per_period(text: str, start: int, end: int) -> bool:
    """Whether the count at start..end is followed by a period it is counted over."""
    m = _number_in(text, start, end)
    at = start + m.end() if m else end
    return _per_period_re().match(text, at) is not None


def declared_not_users(text: str) -> set[str]:
    """Nouns the brief says are no users ("households do not use the system"), with a qualifier
    when one is said ("the office staff will not use this" gives "office staff")."""
    found: set[str] = set()
    for m in _not_users_said_re().finditer(text):
        mod = (m.group("mod") or "").lower()
        noun = _stem(m.group("noun"))
        if noun in _PRONOUNS:
            # "60,000 farming households in three districts. They will not use the system."
            back = _counted_before(text, m.start("noun"))
            if back is not None:
                found.add(back)
            continue
        found.add(f"{mod} {noun}" if mod and mod not in _DETERMINERS else noun)
    return found


_PRONOUNS = frozenset(["they", "these", "those", "thes", "thos"])


def _counted_before(text: str, at: int) -> str | None:
    """The noun of the first count in the sentence before at, which a pronoun opening the
    sentence at at refers to."""
    a, _ = _sentence(text, at)
    if a == 0 or at - a > 3:
        return None  # the pronoun must open its sentence
    prev_start, _ = _sentence(text, max(0, a - 2))
    first = _group_re().search(text, prev_start, a)  # the sentence's subject comes first
    if first is None:
        return None
    return _stem(first.group("noun").split()[-1])


def noun_after(text: str, start: int, end: int) -> str | None:
    """The noun a count at start..end counts, stemmed, with its qualifier if it has one."""
    m = _number_in(text, start, end)
    at = start + m.end() if m else end
    words = _NOUN_AFTER.match(text, at)
    if not words:
        return None
    mod = words.group("mod")
    noun = _stem(words.group("noun"))
    return f"{mod.lower()} {noun}" if mod else noun


def is_declared(noun: str, declared: set[str]) -> bool:
    """Whether a counted noun ("warehouse staff", "visitor") is one the brief says are no users."""
    if noun in declared:
        return True
    return noun.rsplit(" ", 1)[-1] in declared


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


@functools.cache
def _not_users_said_re() -> re.Pattern[str]:
    """Compiled on first use, to keep import cheap."""
    return re.compile(
        r"\b(?:(?P<mod>[A-Za-z]{3,20})\s+)?(?P<noun>[A-Za-z]{3,20})\s+(?:are\s+not|aren't|do\s+not|don't|never|will\s+not|won't)"
        r"\s+(?:\w+\s+)?(?:(?:the\s+)?users\b|(?:use|touch|see|access)\s+(?:any\s+of\s+)?"
        r"(?:it|this|(?:the|this)\s+(?:system|tool|platform|database|portal|app|software))\b)",
        re.IGNORECASE,
    )


# a sentence that names its groups as users: "all of them will have an account", "it's for the
# 12 producers and 4 editors", "who logs in"
_SENTENCE_USE = re.compile(
    r"\b(?:accounts?|log\s*in|logs\s+in|logging\s+in|sign\s+in|users?|use|uses|used\s+by"
    r"|(?:is|it's|only|just|built|made|meant)\s+for\s+(?:the|our)\b)",
    re.IGNORECASE,
)
_FULL_STOP = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*+•|#]|\d{1,3}[.)]\s))")
_BULLET = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+" + _APPROX, re.IGNORECASE | re.MULTILINE)
_LEAD_LINE = re.compile(
    r"^[^\n]*\b(?:users?|log\s*in|logs\s+in|sign\s+in|who)\b[^\n]{0,40}:[ \t]*\n",
    re.IGNORECASE | re.MULTILINE,
)


def group_sums(text: str) -> list[Reading]:
    """Groups of people said together to use the system: in one sentence or one bulleted list."""
    out: list[Reading] = []
    seen = 0
    for m in _group_re().finditer(text):
        if m.start() < seen:
            continue
        found = group_sum(text, m.start(), m.end())
        if found is None:
            continue
        seen = found.end
        a, _ = _sentence(text, found.start)
        stop = _FULL_STOP.search(text, found.end, found.end + 400)
        if _SENTENCE_USE.search(text, a, stop.start() if stop else found.end + 400):
            out.append(found)
    for lead in _LEAD_LINE.finditer(text):
        at = lead.end()
        groups: list[re.Match[str]] = []
        while len(groups) <= MAX_GROUPS:
            bullet = _BULLET.match(text, at)
            if bullet is None:
                break
            g = _group_re().match(text, bullet.end())
            if g is None or not _is_users_group(text, g, True):
                groups = []
                break
            groups.append(g)
            nl = text.find("\n", at)
            if nl < 0:
                break
            at = nl + 1
        values = [_value(g.group("q")) for g in groups]
        if 2 <= len(groups) <= MAX_GROUPS and all(v is not None for v in values):
            total = sum(v for v in values if v is not None)
            parts = " + ".join(g.group(0) for g in groups)
            note = f"groups of users listed and summed: {parts}"
            out.append(Reading(total, groups[0].start(), groups[-1].end(), note))
    return out


# a sentence that says its count uses the system: "4.000 of them have the app", "12,000 use it"
_SAID_TO_USE = re.compile(
    r"\b(?:use|uses|using|used|install\w*|download\w*|log\s*in|logs?\s+in|sign\s+in|sign\s+up"
    r"|signed\s+up|register\w*|accounts?|logins?|users?|app)\b",
    re.IGNORECASE,
)


# a population named as a label before its count: "Card holders: 17,000", "Town population: 85,000"
_POPULATION_LABEL = re.compile(
    r"(?:^|[\s*|-])(?:[A-Za-z-]{2,20}[ \t]+)?(?:population|members|residents|inhabitants"
    r"|households|holders|tenants|patients|customers|followers|subscribers|pupils|students"
    r"|employees|staff)[ \t]*[:=|][ \t]*(?:~|ca\.?|about|approx\.?)?[ \t]*$",
    re.IGNORECASE,
)


def population_only(text: str, start: int, end: int) -> bool:
    """Whether a count counts a population ("38,000 residents") in a sentence that does not say
    they use the system."""
    number = _number_in(text, start, end)
    at = start + number.end() if number is not None else end
    begin = start + number.start() if number is not None else start
    line = text.rfind("\n", 0, begin) + 1
    if _POPULATION_COUNT.match(text, at) is None and not _POPULATION_LABEL.search(
        text, line, begin
    ):
        return False
    a, b = _sentence(text, start)
    return _SAID_TO_USE.search(text, a, b) is None


def said_to_use(text: str, start: int) -> bool:
    """Whether the sentence of a count says someone uses the system."""
    a, b = _sentence(text, start)
    return _SAID_TO_USE.search(text, a, b) is not None


# what a day's count without a noun may count instead of people: "about fifty a day" after "visits"
_EVENTS = re.compile(
    r"\b(?:visits|orders|bookings|calls|call-?outs|jobs|tickets|deliveries|requests|trips|repairs"
    r"|appointments|reservations|transactions|payments|parcels|shipments|loads|claims|cases"
    r"|breakdowns|inspections|collections|pickups|pick-ups)\b",
    re.IGNORECASE,
)


def events_counted(text: str, start: int, end: int) -> bool:
    """Whether a count with no people named after it sits in a sentence that counts events."""
    number = _number_in(text, start, end)
    at = start + number.end() if number is not None else end
    if _PEOPLE_AFTER.match(text, at):
        return False
    a, b = _sentence(text, start)
    return _EVENTS.search(text, a, b) is not None


_PEOPLE_AFTER = re.compile(
    r"\s+of\s+(?:them|us|whom|those|these)\b|\s+(?:[A-Za-z-]{2,20}\s+){0,3}?(?:users|people|persons|members|customers|visitors|students"
    r"|pupils|patients|staff|employees|drivers|riders|players|readers|listeners|viewers|parents"
    r"|[a-z]{2,}(?:ers|ors|ists|ians|ants|ents))\b",
    re.IGNORECASE,
)
