"""Who builds it: the people a brief names or counts, each a builder or not, summed once.

A brief says "The four of us (me, Chidi, Amaka and Tunde)", "it is me and my cousin Rui ... I don't
program", lists "@joana (FE, Svelte)" and "| Lars | tester, does not code |", or spreads a team over
squads ("Squad Piston: 5 engineers" on one line, "Squad Gasket: 4 engineers" on the next). This
reader collects the people mentioned (the writer, named people, "my cousin", "one student",
@handles, table rows), gives each what the words around them say (builds, does not build), counts
groups of builders ("two part-time developers") with the names that belong to them, and sums
squads once. The role words are data (data/brief_team.yaml); every value keeps its phrase.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from archwise.regex_store import compiled
from archwise.requirements.quantities import NUMBER, parse_quantity
from archwise.schema import Model

TEAM_FILE = Path(__file__).parent / "data" / "brief_team.yaml"


class TeamWords(Model):
    """The words that tell builders from the other people a brief names."""

    builder_nouns: list[str] = Field(min_length=1, description="what a count of builders is")
    builder_roles: list[str] = Field(description="short role labels that mean a builder")
    builder_verbs: list[str] = Field(description="what a person who builds does")
    making: list[str] = Field(description="verbs that, before a thing built, mean a builder")
    artifacts: list[str] = Field(description="things a builder makes: app, backend, API, ...")
    knows: list[str] = Field(description="verbs that, before a technology, mean a builder")
    not_building: list[str] = Field(description="said of a person who does not build")
    non_builder_roles: list[str] = Field(description="roles of people who do not build")
    relations: list[str] = Field(description="how a writer names people around them")
    person_nouns: list[str] = Field(description="a person introduced by what they are")
    squad_words: list[str] = Field(min_length=1, description="what one team is called")
    more_words: list[str] = Field(description="a count that adds to the one before")
    company_min: int = Field(50, ge=2, description="a count of 'us' this large is the company")
    honorifics: list[str] = Field(description="words before a surname")
    not_names: list[str] = Field(description="capitalised words that are never a person")


@functools.cache
@functools.cache
def team_words() -> TeamWords:
    """The team words shipped with archwise, read once through the validated-data cache."""
    from archwise.kb.loader import read_valid

    return read_valid(TEAM_FILE, TeamWords, "brief team words")[0]


def _alt(phrases: Iterable[str]) -> str:
    """One alternation of phrases; a trailing * matches any ending, spaces any run of spaces."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        star = phrase.endswith("*")
        body = r"\s+".join(re.escape(w) for w in phrase.rstrip("*").split())
        parts.append(body + (r"[\w-]*" if star else ""))
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class TeamValue:
    """One value of the team with the span of text it came from."""

    value: int
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class TeamSkill:
    """What one builder named in the brief knows, and where it was said."""

    name: str
    level: str
    start: int
    end: int
    said_at: int


@dataclass
class TeamReading:
    """What the reader made of the team: builders counted, squads, and counts that are not it."""

    engineers: TeamValue | None = None
    squads: TeamValue | None = None
    teams: TeamValue | None = None
    # named or introduced people who build, and those said not to build, by span
    builders: list[tuple[int, int]] = field(default_factory=list)
    others: list[tuple[int, int]] = field(default_factory=list)
    # counts of people that are not the builders ("700 of us", "a team of 11 agents")
    not_team: list[tuple[int, int]] = field(default_factory=list)
    # counts of builders with the extra people introduced besides them ("two developers" + "a
    # volunteer, Bisi, who ... will build")
    groups: list[TeamValue] = field(default_factory=list)
    extra: list[TeamValue] = field(default_factory=list)
    skills: list[TeamSkill] = field(default_factory=list)
    # the builders counted in groups when the organisation's own head count was set aside
    # ("We're 22 people ... Four of us are engineers")
    counted: TeamValue | None = None


@dataclass
class _Mention:
    key: str
    start: int
    end: int
    introduced: bool  # "one student", "a volunteer, Bisi": a person new to the brief
    hired: bool = False
    skills: dict[str, tuple[str, int]] = field(default_factory=dict)
    definite: bool = False  # "the contractor": someone spoken of before, never counted anew
    in_group: bool = False
    added: bool = False
    builds: bool = False
    not_building: bool = False
    other_role: bool = False
    name_end: int = 0  # where the name ends when a description was joined to it


@dataclass
class _Group:
    count: int
    start: int
    end: int
    builders: bool
    more: bool
    squad: bool
    members: list[str] = field(default_factory=list)
    unit: tuple[int, int] = (0, 0)


def _wholes(groups: list[_Group]) -> list[_Group]:
    """Groups without the parts of a total stated before them ("5 developers: 3 ... and 2 ...")."""
    out: list[_Group] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        out.append(g)
        j, parts = i + 1, 0
        while j < len(groups) and parts < g.count and groups[j].unit == g.unit:
            parts += groups[j].count
            j += 1
        i = j if parts == g.count and j > i + 1 else i + 1
    return out


def _squads(groups: list[_Group]) -> list[_Group]:
    """One group per squad line, the largest of its line; 'N more' in another line adds."""
    out: list[_Group] = []
    if not any(g.squad for g in groups):
        # "6 engineers ..." then, in another sentence, "3 more engineers": one team and more
        later = [g for g in groups if g.more and groups[0].unit != g.unit]
        if later and not groups[0].more:
            return [groups[0], *later]
        return []
    for g in groups:
        if not (g.squad or g.more):
            continue
        if out and out[-1].unit == g.unit:
            if g.count > out[-1].count:
                out[-1] = g
            continue
        out.append(g)
    return out


class _Patterns:
    """The reader's regular expressions, built once from the words and the vocabulary."""

    def __init__(self, words: TeamWords, techs: tuple[str, ...]) -> None:
        tech = _alt(techs) if techs else r"(?!x)x"
        name_word = r"[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ]?[a-zß-ÿ]+)?"
        honor = _alt(words.honorifics)
        self.name = re.compile(
            rf"(?<![\w@.-])(?-i:(?:{honor}\.?\s+)?{name_word}(?:[ \t]+{name_word})?)(?![\w@])"
        )
        self.writer = re.compile(r"(?-i:\bI\b(?=[ \t]|'[a-z]))|\b(?:me|myself)\b", re.IGNORECASE)
        self.handle = re.compile(r"(?<![\w.])@(?P<h>[a-z][\w.-]*[a-z0-9])", re.IGNORECASE)
        intro_noun = _alt([*words.relations, *words.person_nouns, *words.non_builder_roles])
        self.intro = re.compile(
            rf"\b(?P<det>my|our|his|her|their|a|an|one|the|also)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?P<noun>{intro_noun})\b"
            rf"(?:[ \t]*[,(]?[ \t]*(?P<name>(?-i:(?:{honor}\.?\s+)?{name_word}"
            rf"(?:[ \t]+{name_word})?)))?",
            re.IGNORECASE,
        )
        builder_noun = _alt(words.builder_nouns)
        self.builder_noun = re.compile(rf"\b{builder_noun}\b", re.IGNORECASE)
        self.builder_role = re.compile(rf"(?-i:\b{_alt(words.builder_roles)}\b)")
        self.builder_role_i = re.compile(
            rf"\b{_alt(w for w in words.builder_roles if not w.isupper())}\b", re.IGNORECASE
        )
        self.builder_verb = re.compile(
            rf"\b{_alt(words.builder_verbs)}\b|\b{_alt(words.making)}\s+(?:the|our|an?|some\s+of\s+the)"
            rf"\s+(?:[\w./#+-]+\s+){{0,3}}?{_alt(words.artifacts)}\b",
            re.IGNORECASE,
        )
        self.knows_tech = re.compile(
            rf"\b{_alt(words.knows)}\s+(?:(?P<hedge>a\s+(?:little|bit)|some|a\s+bit\s+of"
            rf"|a\s+little\s+of|little\s+bit|a\s+little\s+bit\s+of)\s+|(?:very\s+well|well|mostly"
            rf"|also)\s+)?(?P<tech>{tech})(?![\w])",
            re.IGNORECASE,
        )
        self.tech = re.compile(rf"(?<![\w.#+-])(?P<tech>{tech})(?![\w#+])", re.IGNORECASE)
        self.bracket_tech = re.compile(
            rf"^\s*\((?=[^)]*(?<![\w]){tech}(?![\w]))[^)]*\)", re.IGNORECASE
        )
        self.not_building = re.compile(rf"\b{_alt(words.not_building)}\b", re.IGNORECASE)
        self.other_role = re.compile(rf"(?<![\w-]){_alt(words.non_builder_roles)}\b", re.IGNORECASE)
        people = _alt([*words.builder_nouns, *words.non_builder_roles, "people", "persons"])
        more = _alt(words.more_words)
        self.group = re.compile(
            rf"(?<![\w.,$€£-])(?P<n>{NUMBER})\s+(?:(?P<more>{more})\s+)?"
            rf"(?:(?!(?:and|or|of|in|to|for)\b)[\w./#+-]+\s+){{0,3}}?(?P<noun>{people})\b",
            re.IGNORECASE,
        )
        self.of_us = re.compile(
            rf"(?<![\w.,])(?:the\s+)?(?P<n>{NUMBER})\s+of\s+us\b", re.IGNORECASE
        )
        # "Four of us are engineers", "two of us will be the developers": builders counted
        self.of_us_build = re.compile(
            rf"(?<![\w.,])(?P<n>{NUMBER})\s+of\s+us\s+(?:are|will\s+be)\s+(?:the\s+)?"
            rf"(?:[\w./#+-]+\s+){{0,2}}?(?P<noun>{builder_noun})\b",
            re.IGNORECASE,
        )
        # "We're 22 people", "we are 70 staff": the whole organisation, by its head count
        self.we_are_org = re.compile(
            rf"\bwe(?:'re|’re|\s+are)\s+(?:about\s+|around\s+|roughly\s+)?(?P<n>{NUMBER})\s+"
            r"(?:people|persons|staff|employees|volunteers|members)\b",
            re.IGNORECASE,
        )
        self.squad = re.compile(rf"\b{_alt(words.squad_words)}\b", re.IGNORECASE)
        self.squads_count = re.compile(
            rf"(?<![\w.,])(?P<n>{NUMBER})\s+(?:[\w-]+\s+)?"
            rf"(?P<noun>squads|teams|pods|crews|workstreams)\b",
            re.IGNORECASE,
        )
        self.builder_plural = re.compile(rf"^{builder_noun}$", re.IGNORECASE)
        self.hire = re.compile(
            r"\b(?:hire|hiring|hired|recruit\w*|open\s+(?:role|req|position)\w*|vacanc\w*"
            r"|approval|approved|to\s+join|joining|will\s+join|budget\s+for|looking\s+for"
            r"|need(?:s|ed)?|want(?:s|ed)?|would\s+need|money\s+for|pay\s+(?:for|someone)"
            r"|afford|commission(?:ing)?\s+(?:a|an)\s+\w+\s+(?:agency|firm))\b",
            re.IGNORECASE,
        )
        self.names_skip = {w.lower() for w in words.not_names}
        self.role_words = {
            w.rstrip("*").lower()
            for w in (
                *words.builder_nouns,
                *words.builder_roles,
                *words.non_builder_roles,
                *words.relations,
                *words.person_nouns,
                *words.squad_words,
            )
        }
        self.techs = {t.lower() for t in techs}


@functools.lru_cache(maxsize=4)
def _patterns(techs: tuple[str, ...]) -> _Patterns:
    return _Patterns(team_words(), techs)


# a sentence ends at '.', '!' or '?' before a capital, but not after an honorific ("Dr. Okafor")
_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bMx\.)"
    r"\s+(?=[\"'(]?[A-ZÀ-Þ@])"
)
# whole words the brief writes in lower case ("Dana" holds no word "ana")
_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


_LIST_START = re.compile(
    r"^\s*(?:[-*+•|#>@]|\d+[.)]\s|\*\*|\[?\d{1,2}[:.]\d{2}\b"
    r"|(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)(?:\s*\([^()\n]{0,60}\))?:\s)"
)


def _units(text: str) -> list[tuple[int, int]]:
    """Sentences, bullets and table rows: the spans a person's words are read within.

    A line wrapped inside a paragraph (the next line goes on in lower case, or a long line stops
    without punctuation) continues its sentence.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    blocks: list[list[int]] = []
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            blocks.append([])
            continue
        if blocks and blocks[-1]:
            prev = text[blocks[-1][0] : blocks[-1][1]].rstrip()
            last_line = prev.rsplit("\n", 1)[-1]
            wrapped = (
                not re.search(r"[.!?:;|]\**$", prev)
                and not _LIST_START.match(line)
                and (line.lstrip()[:1].islower() or len(last_line) >= 50)
            )
            if wrapped:
                blocks[-1][1] = b
                continue
        blocks.append([a, b])
    spans: list[tuple[int, int]] = []
    for block in blocks:
        if not block:
            continue
        start, end = block
        cut = start
        for m in _SENTENCE.finditer(text, start, end):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, end))
    return spans


# a roster line that names the role first: "- Backend: Tom (Django)", "Frontend — Aisha"
_ROLE_FIRST = re.compile(
    r"^[ \t]*(?:[-*+•][ \t]+)?(?:\*\*)?(?P<label>[A-Za-z][A-Za-z /&.-]{0,30}?)(?:\*\*)?"
    r"[ \t]*(?::|[—–]|[ \t]-[ \t])[ \t]*(?=\S)"
)
_CELL = re.compile(r"[^|]+")


def _is_role(words: str, pats: _Patterns) -> bool:
    """Whether a label or cell names a role (a builder's or another's), not a person."""
    return any(
        r.search(words)
        for r in (pats.builder_noun, pats.builder_role_i, pats.builder_role, pats.other_role)
    )


def _role_label(chunk: str, pats: _Patterns) -> tuple[int, int] | None:
    """The span of a role said before the people it belongs to, in a roster line or table row.

    "| Backend engineer | Mei Tanaka | Go |" and "Dev: Jakub — full-time" give the role first; what
    it says (builds or not) is said of the person after it, and its words are no name.
    """
    if chunk.lstrip().startswith("|"):
        cells = [m for m in _CELL.finditer(chunk) if m.group(0).strip()]
        if len(cells) >= 2 and _is_role(cells[0].group(0), pats):
            return cells[0].span()
        return None
    m = _ROLE_FIRST.match(chunk)
    if m and _is_role(m.group("label"), pats):
        return m.start("label"), m.end()
    return None


def _is_name(word: str, pats: _Patterns, lower_words: set[str]) -> bool:
    parts = word.split()
    if " ".join(parts).lower() in pats.techs:
        return False  # "Spring Boot", "Ruby on Rails": a technology of more than one word
    first = re.split(r"['’]", parts[0])[0].rstrip(".")
    if first.lower() in pats.names_skip:
        return False
    for part in parts:
        low = part.lower().rstrip(".")
        if low in pats.techs:
            return False
        if low in lower_words and low not in _HONORIFICS:
            return False  # "Hosting" where the brief also writes "hosting": a word, not a name
    return True


_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "mx"}


def _key(name: str) -> str:
    """A person's key: the first name, or the surname after an honorific ("Mr Barnes")."""
    words = name.split()
    return (words[-1] if words[0].rstrip(".").lower() in _HONORIFICS else words[0]).lower()


def _mentions(
    text: str, unit: tuple[int, int], pats: _Patterns, lower: set[str], chat: bool = False
) -> list[_Mention]:
    """People mentioned in one unit, in order; overlapping spellings give one mention."""
    a, b = unit
    chunk = text[a:b]
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= x or s >= y for x, y in taken)

    for m in pats.intro.finditer(chunk):
        name = m.group("name")
        if name and not _is_name(name, pats, lower):
            name = None
        noun = m.group("noun")
        if noun[:1].isupper() and m.start("noun") > 0 and not noun.isupper():
            continue  # "the Contractor shall deliver": a party defined by a contract, not a person
        end = m.end("name") if name else m.end("noun")
        key = _key(name) if name else f"{m.group('noun').lower()}@{a + m.start()}"
        definite = not name and m.group("det").lower() == "the"
        found.append(_Mention(key, a + m.start(), a + end, introduced=True, definite=definite))
        taken.append((m.start(), end))
    for m in pats.handle.finditer(chunk):
        if free(m.start(), m.end()):
            found.append(_Mention(m.group("h").lower(), a + m.start(), a + m.end(), False))
            taken.append(m.span())
    row = chunk.lstrip().startswith("|")
    for m in pats.name.finditer(chunk):
        if _PLACE_BEFORE.search(chunk, max(0, m.start() - 8), m.start()):
            continue  # "studies in Bangkok", "from Évora": a place
        if not chunk[: m.start()].strip(" \t*_#>-") and _NOT_A_NAME_AFTER.match(chunk, m.end()):
            continue  # "Built by two students", "Hosted on ...": a sentence's first word
        s, e = m.span()
        words = m.group(0).split()
        if len(words) == 2 and words[0].lower() in pats.names_skip:
            s = e - len(words[1])  # "Only Pablo programs": the word before is no part of the name
        if row and _is_role(chunk[s:e], pats) and len(words) == 1:
            continue  # "| Ola | Developer (part-time) |": the role's cell, no name
        if free(s, e) and _is_name(chunk[s:e], pats, lower):
            found.append(_Mention(_key(chunk[s:e]), a + s, a + e, False))
            taken.append((s, e))
    for m in pats.writer.finditer(chunk):
        if free(m.start(), m.end()):
            found.append(_Mention("I", a + m.start(), a + m.end(), False))
            taken.append(m.span())
    speaker = _SPEAKER.match(chunk)
    if speaker and (
        chat
        or speaker.group("time")
        or _FIRST_PERSON.search(chunk, speaker.end())
        or len(chunk[speaker.end() :].split()) >= 6
    ):
        # "19:14 Maeve: me and Dev": the one speaking is the "me" of the line
        found = [p for p in found if p.start >= a + speaker.end()]
    # "The customer's in-house team", "Priya's squad": an owner, not the subject
    found = [p for p in found if not _POSSESSIVE.match(text, p.end)]
    role = None if chat else _role_label(chunk, pats)
    if role is not None:
        # "Backend: Tom", "| Business analyst | Fatima |": the role's words name nobody
        found = [p for p in found if not a + role[0] <= p.start < a + role[1]]
    found.sort(key=lambda x: x.start)
    kept: list[_Mention] = []
    for person in found:
        if (
            kept
            and person.introduced
            and "@" in person.key
            and (
                _APPOSITION.match(text[kept[-1].end : person.start])
                # "Tomasz is a real developer": what a named person is
                or (kept[-1].key != "I" and _COPULA.match(text[kept[-1].end : person.start]))
            )
        ):
            # "Mrs Bello, a retired banker": one person said twice
            kept[-1].name_end = kept[-1].name_end or kept[-1].end
            kept[-1].end = person.end
            continue
        kept.append(person)
    return kept


_SPEAKER = re.compile(
    r"^\W*(?P<time>(?:\d{1,2}[:.])?\d{1,2}[:.]\d{2}\W*)?(?-i:[A-ZÀ-Þ][\w'’-]+)"
    r"(?:\s+\d{1,2}[:.]\d{2})?(?:\s*\([^()\n]{0,60}\))?\s*:\s"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|into|via|of)\s+$")
_POSSESSIVE = re.compile(r"['’]s\b")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b")
_LATER = re.compile(
    r"[^.;]{0,40}?\b(?:from|starting|start(?:s|ing)?|join(?:s|ing)?|mov(?:es|ing)\s+over|arriv\w+"
    r"|come\s+on\s+board|onboard\w*)\b(?:[^.;]{0,30}?\b(?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December|Q[1-4]|next|sprint|spring|summer"
    r"|autumn|fall|winter|20\d\d|month|week|year)\b)",
    re.IGNORECASE,
)
_SQUAD_HEAD = re.compile(r"^\W*[\w '’&-]{1,40}:\W*$")
_TEAM_COUNT = compiled(
    rf"\b(?:team|crew|group)\s+of\s+(?:{NUMBER})\b|\bwe\s+are\s+(?:{NUMBER})\b", re.IGNORECASE
)
_TEAM_OF = re.compile(r"\b(?:team|crew|staff|group|squad)\s+of\s+$", re.IGNORECASE)
# a count of the people in a sentence that names them: "the four of us (me, ...)", "we are three"
_STATED = compiled(
    rf"\b(?:the\s+(?P<a>{NUMBER})\s+of\s+(?:us|them)|(?P<b>{NUMBER})\s+of\s+us"
    rf"|we\s+are\s+(?:only\s+)?(?P<c>{NUMBER})\b(?!\s*(?:%|percent|years?|months?|weeks?))"
    rf"|plus\s+(?P<d>{NUMBER})\b(?!\s+[a-z]{{3,}})|(?P<both>both)\s+of\s+(?:us|them)"
    rf"|(?:you|we|they)\s+(?P<both2>both)\b)",
    re.IGNORECASE,
)
_LIST_AFTER = re.compile(r"\s*,\s*([a-zà-ÿ]{2,15})\s*(?:,|\band\b|&|\.)")
_WE = re.compile(r"\b(?:we|we're|we've|we'll|us|our\s+team)\b", re.IGNORECASE)
_NOT_A_NAME_AFTER = re.compile(r"\s+(?:by|in|on|with|for|the|a|an|to|from|at|of|into|over|under)\b")
# said of one person who builds it alone
_ALONE = re.compile(
    r"\b(?:on\s+(?:his|her|my|their)\s+own|alone|solo|by\s+(?:myself|himself|herself|themself)"
    r"|(?:just|only)\s+me|me\s+or\s+nobody|(?:our|my|the)\s+only\s+(?:developer|dev|programmer|engineer)"
    r"|sole\s+(?:developer|trader|programmer|engineer)|one-(?:man|woman|person)\s+(?:band|show|team)"
    r"|single\s+developer"
    # "None of them code; the site will be built by a freelancer, Dario"
    r"|none\s+of\s+(?:us|them)\s+(?:code|codes|programs?|develops?|can\s+code|writes?\s+code)"
    # "He will be the only person writing code", "Only Pablo programs", "The rest of us bake"
    r"|(?:the|our|my)\s+only\s+(?:one|person)\s+(?:who\s+)?(?:will\s+|can\s+)?"
    r"(?:writ|cod|build|program|develop)\w*"
    r"|only\s+(?:(?:our|my|the|a)\s+[a-z]+,?\s+)?(?-i:[A-ZÀ-Þ][\w'’-]+),?\s+"
    r"(?:programs|codes|builds|develops|writes\s+code"
    r"|can\s+(?:code|program|develop))"
    r"|the\s+rest\s+of\s+(?:us|them)\s+(?!(?:code|codes|build|builds|program|programs|develop"
    r"|write|writes|also|too|will|can|are|is)\b)[a-z]+)\b",
    re.IGNORECASE,
)
_WHO_BUILDS = re.compile(r"\s*,?\s*(?:who|that)\s+(?:also\s+|still\s+|both\s+|all\s+)?", re.I)
_HEDGED = re.compile(r"\b(?:learning|little|bit|some|basic|rusty|new\s+to|ok-?ish)\b", re.I)
_LABEL = re.compile(r"^\W*[\w ]{1,30}:")
_COUNTED = re.compile(
    rf"(?<![\w.,])(?:{NUMBER})\s+(?:(?!(?:and|or|of|in|to|for)\b)[\w./#+-]+\s+){{0,3}}$", re.I
)
_BRACKETS = re.compile(r"\([^()\n]*\)")
_BRACKET_AFTER = re.compile(r"[ \t]*\([^()\n]{1,80}\)")
_APPOSITION = re.compile(r"^\s*[,(]\s*$")
# words before the people they name as the builders: "The build is Ahmed and Lena"
_BUILD_LEAD = re.compile(
    r"\b(?:(?:build(?:\s+team)?|builders?|developers?|devs?|dev\s+team|development\s+team|coders?"
    r"|programmers?)\s+(?:is|are|will\s+be)\s+"
    # "the site will be built by a freelancer, Dario", "Built by: Sam & Priya"
    r"|(?:built|developed|coded|programmed|written)\s+by\s*:?\s*)$",
    re.IGNORECASE,
)
_WITH_BEFORE = re.compile(
    r"\b(?:together|along)\s+with\s+(?:(?:his|her|their|my|our)\s+\w+\s+)?$", re.I
)
_COPULA = re.compile(
    r"^\s*(?:,?\s*(?:who|that)\s+(?:is|was)|\s(?:is|was)|'s|’s)\s+$", re.IGNORECASE
)
_COORD = re.compile(r"^[\s,]*(?:\([^)]*\)[\s,]*)?(?:and|&|,|\+)?[\s,]*(?:and\s+)?$", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r";|\||\s[-–—]\s|\bbut\b|:|,|\(|\)")
_THEY_BACK = re.compile(
    r"^\W*(?:they\s+(?:both|all|each)|both\s+of\s+them|all\s+of\s+them"
    r"|the\s+(?:two|three|four)\s+of\s+them)\b",
    re.IGNORECASE,
)
_PLURAL_BACK = re.compile(r"^\W*(?:both|all|each|the\s+(?:two|three|four)\s+of\s+them)\b", re.I)


def _clauses(chunk: str) -> list[tuple[int, int]]:
    """Clause spans in a unit: cut at ';', '|', dashes, 'but', ':' and commas."""
    spans: list[tuple[int, int]] = []
    cut = 0
    for m in _CLAUSE_CUT.finditer(chunk):
        spans.append((cut, m.start()))
        cut = m.end()
    spans.append((cut, len(chunk)))
    return [(x, y) for x, y in spans if chunk[x:y].strip()]


def _subjects(mentions: list[_Mention], text: str) -> list[list[_Mention]]:
    """Mentions joined by 'and' or commas, as the groups a predicate after them speaks of."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        if groups and _COORD.match(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _half_placed(mentions: list[_Mention], text: str) -> bool:
    """A builder joined by 'and' or a comma to someone nothing was said of ("me and Dan")."""
    for group in _subjects(mentions, text):
        placed = [m.builds or m.not_building or m.other_role for m in group]
        if any(m.builds for m in group) and not all(placed):
            return True
    return False


def _classify(
    text: str,
    unit: tuple[int, int],
    mentions: list[_Mention],
    pats: _Patterns,
    canon: Mapping[str, str],
    chat: bool = False,
    back: list[_Mention] | None = None,
) -> None:
    """Give each person in a unit what the words after them say: builds, does not, another role.

    back: the builders of an earlier unit, whom a unit opening "They both ..." speaks of.
    """
    a, b = unit
    chunk = text[a:b]
    role = None if chat else _role_label(chunk, pats)
    groups = _subjects(mentions, text)
    cues: list[tuple[int, str]] = []
    negated = [(a + m.start(), a + m.end()) for m in pats.not_building.finditer(chunk)]
    cues.extend((x, "not") for x, _ in negated)
    named = [(m.start, m.name_end or m.end) for m in mentions if not m.introduced]

    def add(pos: int, end: int, kind: str) -> None:
        if any(x <= pos < y for x, y in named):
            return  # "Dev" the person's name, not the word for a developer
        if kind == "builds" and any(x <= pos < y or pos <= x < end for x, y in negated):
            return  # "I don't program"
        cues.append((pos, kind))

    if chunk.rstrip().endswith("?"):
        return  # "who's building it?": a question says nothing of anyone
    for regex in (pats.builder_verb, pats.builder_noun, pats.builder_role, pats.builder_role_i):
        for m in regex.finditer(chunk):
            described = any(x.name_end and x.start <= a + m.start() < x.end for x in mentions)
            if (
                regex is pats.builder_noun
                and not described  # "Tomasz is a real developer": what he is, no count
                and _COUNTED.search(chunk[max(0, m.start() - 40) : m.start()])
            ):
                continue  # "three .NET developers": a count of people, said of none of them
            add(a + m.start(), a + m.end(), "builds")
    skills_at: dict[int, dict[str, str]] = {}
    for m in pats.knows_tech.finditer(chunk):
        add(a + m.start(), a + m.end(), "builds")
        if m.group(0).split()[0].lower() in {"in", "do", "does"}:
            continue  # "backend in Go": a builder, but no level said
        level = "some" if m.group("hedge") else "strong"
        skills_at[a + m.start()] = {canon.get(m.group("tech").lower(), m.group("tech")): level}
    for m in pats.other_role.finditer(chunk):
        add(a + m.start(), a + m.end(), "other")
    for mention in mentions:
        if mention.introduced and pats.hire.search(text[a : mention.start]):
            mention.hired = True  # "We're hiring a data engineer": not the team yet
    for mention in mentions:
        bracket = pats.bracket_tech.match(text, mention.end)
        if bracket:
            cues.append((mention.end, "builds"))
            if not _HEDGED.search(bracket.group(0)):  # "(Go, learning Rust)": levels unclear
                skills_at[mention.end] = {
                    canon.get(t.group("tech").lower(), t.group("tech")): "strong"
                    for t in pats.tech.finditer(bracket.group(0))
                }
    for i, person in enumerate(mentions):
        if i and _WITH_BEFORE.search(text, max(a, person.start - 40), person.start):
            # "Inês ... will build the site together with her classmate Rui": Rui builds too
            helped = mentions[i - 1]
            said = text[helped.end : person.start]
            if pats.builder_verb.search(said) or pats.knows_tech.search(said):
                person.builds = True
    for g in groups:
        if _BUILD_LEAD.search(text, max(a, g[0].start - 40), g[0].start):
            for person in g:  # "The build is Ahmed and Lena": the people the build is
                person.builds = True
    clause_spans = [(a + x, a + y) for x, y in _clauses(chunk)]
    brackets = []
    for mention in mentions:
        after = _BRACKET_AFTER.match(text, mention.end)
        if after:
            brackets.append((after.start(), after.end(), mention))
    for pos, kind in cues:
        owner: list[_Mention] | None = None
        inside = [m for m in mentions if m.start <= pos < m.end]
        bracketed = [m for x, y, m in brackets if x <= pos < y]
        if inside:
            owner = inside
        elif role is not None and a + role[0] <= pos < a + role[1]:
            # "Frontend — Aisha (part-time)": the role said first is the next person's
            later = [g for g in groups if g[0].start >= a + role[1]]
            owner = later[0] if later else None
        elif bracketed:
            owner = bracketed  # "Graham (chair), Priya (treasurer)": each bracket its own person
        else:
            clause = next(((x, y) for x, y in clause_spans if x <= pos < y), None)
            if clause is None:
                continue
            before = [g for g in groups if g[0].start < pos]
            in_clause = [
                [
                    m
                    for m in g
                    if m.start < pos
                    and (
                        m.start >= clause[0]
                        # "Ana (part-time) and Ben build it": a bracket cut the clause, not the
                        # list, and the verb follows the list's last name
                        or (
                            _BRACKET_AFTER.match(text, m.end) is not None
                            and not _CLAUSE_CUT.search(_BRACKETS.sub("", text[m.end : g[-1].start]))
                            and not _CLAUSE_CUT.search(text, g[-1].end, pos)
                        )
                    )
                ]
                for g in before
                if g[-1].start >= clause[0]
            ]
            in_clause = [g for g in in_clause if g]
            if in_clause:
                owner = in_clause[0]
                if len(in_clause) > 1 and any(
                    in_clause[0][-1].end <= p < in_clause[-1][0].start for p, _ in cues
                ):
                    # "I code the backend and my friend does the app": the first has its own
                    # verb, so this one is the nearest subject's
                    owner = in_clause[-1]
            elif before and not any(clause[0] <= m.start < clause[1] for m in mentions):
                owner = before[-1]  # "..., both of whom write Python": the people named before
        if not owner and not mentions and back and kind == "builds" and _THEY_BACK.match(chunk):
            owner = back  # "They both programme in Java": the builders named just before
        if not owner:
            continue
        for person in owner:
            if kind == "not":
                person.not_building = True
            elif kind == "builds":
                person.builds = True
                for name, level in skills_at.get(pos, {}).items():
                    person.skills.setdefault(name, (level, pos))
            else:
                person.other_role = True


def _number(text: str) -> int | None:
    try:
        value = parse_quantity(text)[0]
    except ValueError:
        return None
    return round(value) if value >= 1 and value == int(value) else None


def _groups_in(
    chunk: str,
    a: int,
    unit: tuple[int, int],
    pats: _Patterns,
    reading: TeamReading,
    big: int,
    headed: bool = False,
) -> list[_Group]:
    """Counts of builders in one unit; counts of other people are noted as no team.

    headed: the unit comes right under a squad's label line ("Squad Amp:").
    """
    out: list[_Group] = []
    squad = headed or bool(pats.squad.search(chunk)) or bool(_LABEL.match(chunk))
    for m in pats.group.finditer(chunk):
        n = _number(m.group("n"))
        if n is None or m.group("n").lower() in {"a", "an"}:
            continue
        noun = m.group("noun")
        coding = _WHO_BUILDS.match(chunk, m.end())
        if coding and pats.builder_verb.match(chunk, coding.end()):
            pass  # "2 founders who code": builders whatever else they are
        elif not pats.builder_plural.match(noun):
            if n >= 2 and noun.lower() in {"people", "persons"} and coding:
                # "IT is two people who look after the network": people doing other work
                rest = re.split(r"[.;!?]", chunk[coding.end() :], maxsplit=1)[0]
                if not _builder_cue(rest, pats):
                    lead = re.split(r"[.;:,!?\n]", chunk[max(0, m.start() - 40) : m.start()])[-1]
                    reading.not_team.append((a + m.start() - len(lead), a + m.end()))
                continue
            if n >= 2 and noun.lower() not in {"people", "persons"}:
                lead_in = _TEAM_OF.search(chunk, max(0, m.start() - 20), m.start())
                begin = lead_in.start() if lead_in else m.start()
                reading.not_team.append((a + begin, a + m.end()))  # "a team of 11 agents"
            continue
        if n >= big:
            continue  # "~3,000 engineers in the on-call directory": people served, not a squad
        lead = re.split(r"[.;:]", chunk[max(0, m.start() - 40) : m.start()])[-1]
        if pats.hire.search(lead):
            continue  # "approval to hire one more .NET developer": a hire, not the team
        if _LATER.match(chunk, m.end()):
            continue  # "3 more developers from April", "One Kotlin dev moves over in Sprint 3"
        more = bool(m.group("more"))
        out.append(_Group(n, a + m.start(), a + m.end(), True, more, squad, unit=unit))
    return out


def read_team(text: str, techs: Mapping[str, str] | Iterable[str] = ()) -> TeamReading:
    """Read the builders of a brief from the people it names and counts."""
    canon = (
        {k.lower(): v for k, v in techs.items()}
        if isinstance(techs, Mapping)
        else {t.lower(): t for t in techs}
    )
    pats = _patterns(tuple(sorted({t for t in canon if len(t) > 1})))
    words = team_words()
    reading = TeamReading()
    lower = set(_WORD.findall(text))
    people: dict[str, _Mention] = {}
    order: list[_Mention] = []
    groups: list[_Group] = []
    unclear = plural = headed = False
    back: list[_Mention] = []
    # "There are 14 of us at the co-op": people said with no word of building
    of_us: list[tuple[int, int, int]] = []
    # a chat transcript: its "Name:" labels say who speaks, not who builds
    spoken = [_SPEAKER.match(line) for line in text.splitlines()]
    chat = (
        sum(
            1
            for m in spoken
            if m
            and len(m.string[m.end() :].split()) >= 6
            # "Testing: Kasia (clicks through it ...)": a role's label, no speaker
            and not _is_role(m.group(0), pats)
            and m.group(0).strip(" \t:").split()[-1].lower() not in pats.names_skip
        )
        >= 3
    )
    for unit in _units(text):
        a, b = unit
        chunk = text[a:b]
        mentions = _mentions(text, unit, pats, lower, chat)
        _classify(text, unit, mentions, pats, canon, chat, back)
        here = [m for m in mentions if m.builds and not m.not_building]
        if len(here) >= 2:
            back = here
        elif mentions:
            back = []
        for m in mentions:
            known = people.get(m.key)
            if known is None:
                people[m.key] = m
                order.append(m)
            else:
                known.builds |= m.builds
                known.not_building |= m.not_building
                known.other_role |= m.other_role
                known.hired &= m.hired
                for name, skill in m.skills.items():
                    known.skills.setdefault(name, skill)
        if any(
            m.builds
            and (lst := _LIST_AFTER.match(text, m.end))
            and not any(x.start >= lst.start(1) and x.start < lst.end(1) for x in mentions)
            for m in mentions
        ):
            unclear = True  # "me, mira, jonas": people in a list whose names we do not read
        if _half_placed(mentions, text):
            unclear = True
        if any(m.builds and m.key == "I" for m in mentions) and _WE.search(chunk):
            plural = True  # "we ...": more people than one may be building
        if any(m.builds for m in mentions) and any(
            m.introduced and not (m.builds or m.not_building or m.other_role or m.hired)
            for m in mentions
        ):
            unclear = True  # "... and his friend also (same things)": someone we cannot place
        if any(m.builds for m in mentions):
            for st in _STATED.finditer(chunk):
                said = (
                    "2"
                    if (st.group("both") or st.group("both2"))
                    else (st.group("a") or st.group("b") or st.group("c") or st.group("d"))
                )
                n = _number(said or "")
                plus = 1 if st.group("d") else 0
                placed = {x.key for x in mentions if x.builds or x.not_building or x.other_role}
                if n is not None and len(placed) < n + plus:
                    unclear = True  # "Priya plus three": people we were told of but cannot name
        for t in _TEAM_COUNT.finditer(chunk):
            # "our digital team of two (me and a content editor);\nneither of us codes"
            said = re.split(r"[.!?](?:\s|$)|\n\s*\n", text[a + t.start() : a + t.start() + 300])[0]
            if pats.not_building.search(said) and not pats.builder_noun.search(said):
                reading.not_team.append((a + t.start(), a + t.end()))
        for us in [*pats.of_us.finditer(chunk), *pats.we_are_org.finditer(chunk)]:
            n = _number(us.group("n"))
            if n is not None and n >= words.company_min:
                reading.not_team.append((a + us.start(), a + us.end()))
            elif n is not None and not _builds_in(_clause_after(chunk, us.start()), pats):
                of_us.append((n, a + us.start(), a + us.end()))
        found = _groups_in(chunk, a, unit, pats, reading, words.company_min, headed)
        for ob in pats.of_us_build.finditer(chunk):
            n = _number(ob.group("n"))
            if n is not None and 1 <= n < words.company_min:
                found.append(_Group(n, a + ob.start(), a + ob.end(), True, False, False, unit=unit))
        found.sort(key=lambda g: g.start)
        # "Squad Amp:" alone on its line: the counts on the next line are that squad's
        headed = bool(pats.squad.search(chunk)) and bool(_SQUAD_HEAD.match(chunk))
        for m in mentions:
            if m.introduced and any(g.start <= m.start < g.end for g in found):
                m.in_group = True  # "one developer: Dev" is the group itself
                continue
            for g in found:
                if g.end <= m.start and len(g.members) < g.count and m.key != "I":
                    g.members.append(m.key)
                    m.in_group = True
                    break
            else:
                if m.key == "I" and any(g.more and g.start > m.start for g in found):
                    m.added = True  # "myself (...), one other developer": the writer and one more
        groups.extend(found)
        for sq in pats.squads_count.finditer(chunk):
            n = _number(sq.group("n"))
            if n is not None and 2 <= n < words.company_min and reading.teams is None:
                reading.teams = TeamValue(n, a + sq.start(), a + sq.end(), "the squads named")
    builders = [
        m for m in order if m.builds and not m.not_building and not m.hired and not m.definite
    ]
    reading.builders = [(m.start, m.end) for m in builders]
    for m in builders:
        for name, (level, at) in m.skills.items():
            reading.skills.append(TeamSkill(name.lower(), level, m.start, m.end, at))
    reading.others = [(m.start, m.end) for m in order if m.not_building]
    grouped = {m.key for m in order if m.in_group}
    reading.groups = [TeamValue(g.count, g.start, g.end, "a group of builders") for g in groups]
    reading.extra = [
        TeamValue(1, m.start, m.end, "one more person who builds")
        for m in builders
        if (m.introduced or m.added) and m.key not in grouped
    ]
    squads = _squads(groups)
    if len(squads) >= 2:
        total = sum(g.count for g in squads)
        reading.squads = TeamValue(
            total, squads[0].start, squads[0].end, "the sum of the squads' engineers"
        )
        labelled = [g for g in squads if g.squad]
        if reading.teams is None and len(labelled) >= 2:
            reading.teams = TeamValue(
                len(labelled), labelled[0].start, labelled[0].end, "the squads listed"
            )
    if len(builders) == 1 and not groups:
        writer = people.get("I")
        alone = bool(_ALONE.search(text)) or (
            writer is not None and writer.not_building and builders[0].key != "I"
        )
        # one name found, and nothing says they build it alone: someone else may be building
        builders_ok = alone and not plural
    else:
        builders_ok = bool(builders)
    if builders_ok and not unclear:
        names = ", ".join(dict.fromkeys(text[m.start : m.end] for m in builders))
        if groups:
            total = sum(g.count for g in _wholes(groups)) + len(reading.extra)
            note = f"the groups of builders and the people added to them ({names})"
        else:
            total = len(builders)
            note = f"the people named who build it: {names}"
        first = builders[0]
        reading.engineers = TeamValue(total, first.start, first.end, note)
        # the builders are named, and fewer: "14 of us" is the organisation, not its builders
        reading.not_team.extend((x, y) for n, x, y in of_us if n > total)
    elif of_us:
        # "There are 45 of us ...; built by an agency (two developers)", "none of us programs":
        # the organisation's head count, with fewer builders counted or none of it building
        wholes = _wholes(groups)
        counted = sum(g.count for g in wholes) if wholes else None
        nobody = _NONE_OF_US.search(text) is not None
        dropped = [(x, y) for n, x, y in of_us if nobody or (counted is not None and n > counted)]
        reading.not_team.extend(dropped)
        if dropped and counted is not None and not nobody:
            note = "the builders counted; the organisation's head count is not the team"
            reading.counted = TeamValue(counted, wholes[0].start, wholes[0].end, note)
    return reading


# said of the whole organisation: "none of us programs", "nobody here codes"
_NONE_OF_US = re.compile(
    r"\b(?:none\s+of\s+us|nobody\s+(?:here|in\s+the\s+office|on\s+(?:the|our)\s+\w+)|no\s+one\s+here)"
    r"\s+(?:(?:really|actually)\s+)?(?:codes?|programs?|can\s+(?:code|program)|writes?\s+code"
    r"|is\s+a\s+(?:developer|programmer))\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?\n]|\s[-–—]\s|\bbut\b", re.IGNORECASE)


def _builds_in(clause: str, pats: _Patterns) -> bool:
    """Whether a clause about 'us' says anything of building: a cue, a technology, or a verb of
    making right after 'of us' ("All three of us built the gate scanners")."""
    if _builder_cue(clause, pats) or pats.tech.search(clause):
        return True
    return (
        re.search(
            r"\bof\s+us\s+(?:all\s+|both\s+)?(?:built|build|wrote|write|made|make)\b", clause, re.I
        )
        is not None
    )


def _clause_after(chunk: str, at: int) -> str:
    """The clause from at to its end: "45 of us at the practice" of "...; the app is built ..."."""
    end = _CLAUSE_END.search(chunk, at)
    return chunk[at : end.start() if end else len(chunk)]


def _builder_cue(chunk: str, pats: _Patterns) -> bool:
    """Whether a unit says anything of building: a builder noun, role, verb or known technology."""
    return any(
        r.search(chunk)
        for r in (pats.builder_noun, pats.builder_role, pats.builder_verb, pats.knows_tech)
    )
