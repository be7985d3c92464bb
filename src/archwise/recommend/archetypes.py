"""The archetype step: which kinds of system the requirements describe, and what that implies."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from archwise.kb.schemas.archetype import Archetype, Signal, Tier
from archwise.kb.schemas.concept import Concept
from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.rule import Adjustment, Criterion
from archwise.kb.schemas.technology import Technology, Topic
from archwise.recommend.models import ArchetypeMatch, Conflict, HardProblem, LeadProblem
from archwise.recommend.rulebook import Context, RuleBook, evaluate
from archwise.recommend.scoring import Tilt

# The text an archetype's words are looked for in: what the system does, never its name.
TEXT_PATHS = (
    ("summary",),
    ("vision",),
    ("functional", "workflows"),
    ("functional", "critical_features"),
    ("functional", "nice_to_have"),
    ("functional", "integrations"),
)
# The criterion a canonical component is nudged on, per topic (the one each topic weighs).
CANONICAL_CRITERION: dict[str, Criterion] = {
    "deployment": "deployment_target",
    "language": "ecosystem",
    "backend_framework": "ecosystem",
    "frontend_framework": "ecosystem",
}


@dataclass
class Match:
    """An archetype the requirements match, with the evidence and its weight."""

    archetype: Archetype
    score: float
    why: list[str]
    # Distinct words of the requirements shown as evidence (up to three per signal and concept).
    words: int = 0
    # The kinds of evidence that fired (quantity, wording, setting), and how many quantity signals.
    kinds: frozenset[str] = frozenset()
    quantities: int = 0

    @property
    def strength(self) -> float:
        """How strongly the requirements show it: words of evidence, plus twice score/threshold."""
        return self.words + 2 * self.score / self.archetype.threshold


# American and British spellings of the same word read alike: -ize/-ise ("personalized",
# "personalisation") and -yze/-yse ("analyze"), in the text and in every phrase looked for.
_SPELLING = re.compile(r"(?<=[a-z]{3})(iz|yz)(?=e|es|ed|ing|ation|ations|er|ers|\b)")


def one_spelling(text: str) -> str:
    """The text with -ize and -yze written -ise and -yse (lower-case text)."""
    if "z" not in text:
        return text
    return _SPELLING.sub(lambda m: "is" if m.group(1) == "iz" else "ys", text)


def requirement_text(req: Mapping[str, Any]) -> str:
    """The lower-cased text of what the system does (summary, vision, workflows, features)."""
    parts: list[str] = []
    for path in TEXT_PATHS:
        value: Any = req
        for key in path:
            value = value.get(key) if isinstance(value, Mapping) else None
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts += [str(v) for v in value]
    return one_spelling("\n".join(parts).casefold())


SHORT_WORD = 3
# A last word this long may be a stem written short of a word ("reconcil", "idempoten", "anonym")
# and runs on freely; a shorter one is a whole word that takes only the endings of its own word
# family, so "again" is not "against", "count" not "country", "with" not "within", "for ever" not
# "for every" (the English inflection and derivation endings, after a doubled last consonant:
# "scan" finds "scanned", "plan" finds "planners", "cut of" finds "cut off").
STEM_MIN = 6
_INFLECTION = r"(?:s|es|ed|d|ing)?"
_ENDINGS = (
    "s|es|ed|d|ing|ings|er|ers|r|rs|or|ors|est|ly|n|en|ment|ments|able|ably|ible|ance|ence|ness|"
    "ee|ees|ies|ied|ant|ants"
)
_ENDING = re.compile(f"(?:{_ENDINGS})?")
_SHORT_ENDING = re.compile(r"(?:s|es|ed|d|ing)?")
_BETWEEN = r"(?:[\s-]?|\s+(?:the|a|an|its|their|our|his|her|each|every)\s+)"


def _tail(last: str, single: bool) -> str:
    """What may follow a phrase's last word: a stem runs on, a whole word takes its endings."""
    if len(last) >= STEM_MIN:
        return ""
    if len(last) <= SHORT_WORD and single:
        return r"s?(?![a-z0-9])"
    endings = _ENDINGS if len(last) > SHORT_WORD else r"s|es|ed|d|ing"
    return f"{re.escape(last[-1])}?(?:{endings})?(?![a-z0-9])"


def _ends_well(last: str, rest: str) -> bool:
    """Whether rest (the letters after a whole word in the text) is one of the word's endings."""
    if not rest or len(last) >= STEM_MIN:
        return True
    ending = _ENDING if len(last) > SHORT_WORD else _SHORT_ENDING
    if ending.fullmatch(rest):
        return True
    return rest[0] == last[-1] and ending.fullmatch(rest[1:]) is not None


@lru_cache(maxsize=8192)
def _phrase(word: str) -> re.Pattern[str]:
    # A phrase starts at a word boundary; its last word ends as _tail says. A single word of three
    # letters or fewer is a whole word or its plural ("bid" is not "bidirectional", "log" not
    # "logistics"), as the advice benchmark reads short keywords.
    # A hyphen and a space are the same separator ("double-book" finds "double booking"). Inside a
    # phrase a word may be inflected and an article may stand between two words, so "send the same
    # result" finds "sends the same result" and "predict arrival" finds "predict the arrival".
    words = re.split(r"[\s-]+", one_spelling(word.casefold().strip()))
    parts = [
        re.escape(w) + (_INFLECTION if i < len(words) - 1 and len(w) > SHORT_WORD else "")
        for i, w in enumerate(words)
    ]
    start = r"(?<![a-z0-9])" + _BETWEEN.join(parts)
    return re.compile(start + _tail(words[-1], len(words) == 1))


@cache
def _words_of(phrase: str) -> tuple[str, ...]:
    folded = one_spelling(phrase.casefold().strip())
    if folded and folded[0] != "-" and folded[-1] != "-":
        return tuple(folded.replace("-", " ").split())  # what the split below gives, faster
    return tuple(re.split(r"[\s-]+", folded))


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _word_at_start(word: str, text: str) -> bool:
    """Whether one word starts a word of the text (what _phrase finds, without compiling it)."""
    i = text.find(word)
    while i >= 0:
        if i == 0 or text[i - 1] not in _ALNUM:
            end = j = i + len(word)
            while j < len(text) and text[j] in _ALNUM:
                j += 1
            rest = text[end:j]
            if len(word) > SHORT_WORD:
                if _ends_well(word, rest):
                    return True
            elif rest in ("", "s"):
                return True
        i = text.find(word, i + 1)
    return False


_INFLECTIONS = ("s", "es", "ed", "d", "ing")  # what _INFLECTION allows after an inner word
_ARTICLES = ("the", "a", "an", "its", "their", "our", "his", "her", "each", "every")


def _gaps(text: str, i: int) -> list[int]:
    """Where a phrase's next word may start after an inner word that ends at i (as _BETWEEN)."""
    out = [i]
    n = len(text)
    if i < n and (text[i].isspace() or text[i] == "-"):
        out.append(i + 1)
    # Whitespace, an article, whitespace: a word never starts with a space, so each run of
    # whitespace is taken whole.
    j = i
    while j < n and text[j].isspace():
        j += 1
    if j > i:
        for article in _ARTICLES:
            if text.startswith(article, j):
                end = k = j + len(article)
                while k < n and text[k].isspace():
                    k += 1
                if k > end:
                    out.append(k)
    return out


def _rest_said(words: tuple[str, ...], k: int, j: int, text: str) -> bool:
    """Whether the phrase goes on as _phrase's pattern allows after its k-th word, ending at j."""
    word = words[k]
    if k == len(words) - 1:
        end = j
        while end < len(text) and text[end] in _ALNUM:
            end += 1
        return _ends_well(word, text[j:end])
    ends = [j]
    if len(word) > SHORT_WORD:
        ends += [j + len(e) for e in _INFLECTIONS if text.startswith(e, j)]
    following = words[k + 1]
    return any(
        text.startswith(following, start) and _rest_said(words, k + 1, start + len(following), text)
        for e in ends
        for start in _gaps(text, e)
    )


def _phrase_said(words: tuple[str, ...], text: str) -> bool:
    """Whether the text says a phrase of several words: what _phrase finds, without compiling it."""
    first = words[0]
    i = text.find(first)
    while i >= 0:
        if (i == 0 or text[i - 1] not in _ALNUM) and _rest_said(words, 0, i + len(first), text):
            return True
        i = text.find(first, i + 1)
    return False


def _said(phrase: str, text: str) -> bool:
    """Whether the text says a phrase: what _phrase's pattern finds, by scanning the text."""
    words = _words_of(phrase)
    if len(words) == 1:
        return _word_at_start(words[0], text)
    # Every word of a phrase appears as written or inflected: most phrases stop here.
    if not all(w in text for w in words):
        return False
    if all(words):
        return _phrase_said(words, text)
    return _phrase(phrase).search(text) is not None  # a phrase that starts or ends with a hyphen


def _found(words: Sequence[str], text: str) -> list[str]:
    """The words (phrases, stems) the text mentions, in their order."""
    return [w for w in words if _said(w, text)]


_SENTENCE = re.compile(r"[^\n.;!?]+")


def _first_found(words: Sequence[str], text: str) -> str | None:
    """The first of the words the text says, or None (stops at the first)."""
    return next((w for w in words if _said(w, text)), None)


def _together(groups: Sequence[Sequence[str]], text: str) -> list[str]:
    """The words of the first sentence that has a word of every group ('signal' + 'without')."""
    if not groups:
        return []
    # Most texts lack some group altogether: only the words the whole text says are tried per
    # sentence, and a group none of whose words the text says ends the search at once.
    present: list[list[str]] = []
    for group in groups:
        said = _found(group, text)
        if not said:
            return []
        present.append(said)
    for sentence in _SENTENCE.findall(text):
        found: list[str] = []
        for group in present:
            word = _first_found(group, sentence)
            if word is None:
                break
            found.append(word)
        else:
            return [" + ".join(found)]
    return []


def concept_said(concept: Concept, text: str) -> bool:
    """Whether the text says a concept, by its words or by one of its together sentences."""
    return bool(_found(concept.words, text) or _together(concept.together, text))


# Words that say something is absent ("nobody is on call", "there is no queue"): what follows
# within a few words is not there. A prohibition ("must not", "never", "nobody can alter") is not
# absence: "a pupil must not overspend" is evidence of the problem, not against it.
_ABSENT = re.compile(
    r"(?:\b(?:nobody|no one) (?:is|are|was|were)|\bthere (?:is|are) no|\bwe have no|"
    r"\bwithout any)[\s,]+(?:[a-z0-9'-]+[\s,]+){0,3}$"
)
_CLAUSE_END = re.compile(r"[\n.;:!?]")


def _only_absent(word: str, text: str) -> bool:
    """Whether every mention of a word follows a word of absence in its clause."""
    for m in _phrase(word).finditer(text):
        start = max(m.start() - 60, 0)
        before = text[start : m.start()]
        ends = [e.end() for e in _CLAUSE_END.finditer(before)]
        if not _ABSENT.search(before[ends[-1] if ends else 0 :]):
            return False
    return True


def _evidence(
    signal: Signal, text: str, concepts: Mapping[str, Concept], seen: dict[str, list[str]]
) -> tuple[str, int] | None:
    """What the text shows of a word signal ('mentions ...', with the concepts named) and how
    many words it shows, or None. A word only ever said as absent ("nobody is on call") is not
    evidence."""
    found = [w for w in _found(signal.words, text) if not _only_absent(w, text)]
    parts = [", ".join(f"'{w}'" for w in found[:3])] if found else []
    words = min(len(found), 3)
    for cid in signal.concepts:
        concept = concepts.get(cid)
        if concept is None:
            continue
        if cid not in seen:  # a concept is looked for once per text, however many signals name it
            seen[cid] = _found(concept.words, text) or _together(concept.together, text)
        if seen[cid]:
            parts.append(f"{concept.name}: " + ", ".join(f"'{w}'" for w in seen[cid][:3]))
            words += min(len(seen[cid]), 3)
    return ("mentions " + "; ".join(parts), words) if parts else None


_WORDS = frozenset({"and", "or", "not", "in", "true", "false", "null", "none"})
_NAME = re.compile(r"(?<![\w.'])[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*(?![\w(])")


def _with_values(when: str, env: Any) -> str:
    """A quantity condition with the case's own numbers: 'egress_tb_per_month >= 50 (5,859)'."""
    values: list[str] = []
    for name in dict.fromkeys(_NAME.findall(when)):
        if name in _WORDS:
            continue
        value = evaluate(name, env)[0]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values.append(f"{name.rsplit('.', 1)[-1]} = {value:,.4g}")
    return f"{when}: " + ", ".join(values) if values else when


def match(
    archetypes: Sequence[Archetype], ctx: Context, concepts: Mapping[str, Concept] | None = None
) -> list[Match]:
    """Archetypes whose evidence reaches their threshold, best first (several may match)."""
    text = requirement_text(ctx.requirements)
    env = ctx.env()
    lexicon = concepts or {}
    hits: dict[str, list[str]] = {}
    out: list[Match] = []
    for arch in archetypes:
        if arch.requires is not None and not evaluate(arch.requires, env)[0]:
            continue
        score = 0.0
        why: list[str] = []
        words = 0
        kinds: set[str] = set()
        quantities = 0
        for signal in arch.signals:
            shown = 0
            if signal.when is not None:
                hit = evaluate(signal.when, env)[0] is True
                seen = signal.when
                if hit and signal.kind == "quantity":
                    seen = _with_values(signal.when, env)
            else:
                said = _evidence(signal, text, lexicon, hits)
                hit = said is not None
                seen, shown = said or ("", 0)
            if hit:
                score += signal.weight
                # Counter-evidence ("the media is audio" against video) is shown as such.
                prefix = "against: " if signal.weight < 0 else ""
                why.append(f"{prefix}{signal.why} ({seen})")
                words += shown if signal.weight > 0 else 0
                if signal.weight > 0:
                    kinds.add(signal.kind)
                    quantities += signal.kind == "quantity"
        if score >= arch.threshold:
            out.append(Match(arch, score, why, words, frozenset(kinds), quantities))
    # A concern a matched workload already covers would only repeat its hard problems.
    covered = {c for m in out if m.archetype.kind == "workload" for c in m.archetype.covers}
    out = [m for m in out if m.archetype.id not in covered]
    # Whole-system workloads first: a concern adds to the design, it never becomes its kind.
    out.sort(
        key=lambda m: (
            m.archetype.kind == "concern",
            -m.score / m.archetype.threshold,
            m.archetype.id,
        )
    )
    return out


def contradictions(
    matches: Sequence[Match], req: Mapping[str, Any], concepts: Mapping[str, Concept]
) -> list[Conflict]:
    """Conflicts between a matched archetype's promise and what the requirements also ask."""
    text = requirement_text(req)
    out: list[Conflict] = []
    for m in matches:
        for c in m.archetype.contradictions:
            said = _found(c.words, text)
            for cid in c.concepts:
                concept = concepts.get(cid)
                if concept is not None and not said:
                    said = _found(concept.words, text) or _together(concept.together, text)
            if said:
                out.append(
                    Conflict(
                        requirements=["functional.workflows", "functional.critical_features"],
                        why=f"{c.why} (the requirements say {said[0]!r})",
                        relax=list(c.relax),
                    )
                )
    return out


def arch_kind(arch: Archetype) -> str:
    """How a tilt from this entry is labelled in reasons: an archetype or a concern."""
    return "concern" if arch.kind == "concern" else "archetype"


def tier(ctx: Context) -> Tier:
    """The scale tier of the requirements: small, medium or large."""
    users = ctx.derived.get("users_later")
    nf = ctx.requirements.get("non_functional") or {}
    rps = (nf.get("throughput") or {}).get("peak_rps")
    if ctx.derived.get("big_scale") is True or (users or 0) >= 100_000 or (rps or 0) >= 10_000:
        return "large"
    if (users is not None and users < 1000 and (rps or 0) < 100) or (
        users is None and rps is not None and rps < 100
    ):
        return "small"
    return "medium"


def canonical(arch: Archetype, at: Tier) -> dict[Topic, list[str]]:
    """The archetype's canonical components at a tier (the nearest tier listed otherwise)."""
    nearest: dict[Tier, tuple[Tier, ...]] = {
        "small": ("small", "medium", "large"),
        "medium": ("medium", "small", "large"),
        "large": ("large", "medium", "small"),
    }
    order = nearest[at]
    for t in order:
        if t in arch.components:
            return dict(arch.components[t])
    return {}


def apply(matches: Sequence[Match], ctx: Context, book: RuleBook) -> None:
    """Give every later decision the matched archetypes' nudges, refusals and ruled-out topics."""
    at = tier(ctx)
    nudge = book.setting("archetype_canonical_adjust", 0.25)
    # Names the matched archetypes call for: a specialist entry is a candidate only among them.
    workloads = [m for m in matches if m.archetype.kind == "workload"]
    ctx.derived["canonical"] = sorted(
        {
            n
            for m in workloads
            for comps in m.archetype.components.values()
            for ns in comps.values()
            for n in ns
        }
        | {n for m in workloads for hp in m.archetype.hard_problems for n in hp.addressed_by}
    )
    ctx.derived["archetypes"] = [m.archetype.id for m in workloads]
    # Every name a matched hard problem is addressed by (read by the pattern topics' rules).
    ctx.derived["named_patterns"] = sorted(
        {n for m in matches for hp in m.archetype.hard_problems for n in hp.addressed_by}
    )
    ctx.derived["concerns"] = [m.archetype.id for m in matches if m.archetype.kind == "concern"]
    env = ctx.env()
    # Optional topics a matched concern makes needed (read by the relevance rules).
    creating: dict[str, list[str]] = {}
    for m in matches:
        for c in m.archetype.creates_need:
            name = m.archetype.name.lower()
            if evaluate(c.when, env)[0] is True and name not in creating.get(c.topic, []):
                creating.setdefault(c.topic, []).append(name)
    ctx.derived["needed_by_concerns"] = sorted(creating)
    # Which matched entries create each need, by name (the decision says which).
    ctx.derived["concerns_needing"] = creating
    # Ties between candidates are broken by the archetypes' order of preference, not the alphabet.
    rank: dict[str, int] = {}
    for m in matches:
        for names in canonical(m.archetype, at).values():
            for i, n in enumerate(names):
                rank[n] = min(rank.get(n, i), i)
    ctx.preference = rank
    env = ctx.env()
    # A topic a matched workload speaks for is its to nudge: a concern never outvotes it there.
    owned = {
        t
        for m in workloads
        for t in [*canonical(m.archetype, at), *(t for a in m.archetype.prefer for t in a.topics)]
    }
    solvers = _solvers(matches, book)
    # A name several matched archetypes call proven is nudged once, by the strongest match: proven
    # choices that agree do not add up to outvote what the requirements state (a replay, a rate).
    nudged: set[tuple[str, str]] = set()
    for i, m in enumerate(matches):
        arch = m.archetype
        prefer = list(arch.prefer) + (solvers if i == 0 else [])
        if arch.kind == "concern":
            prefer = [a for a in prefer if not set(a.topics) & owned]
        for topic, all_names in canonical(arch, at).items():
            names = [n for n in all_names if (topic, n) not in nudged]
            nudged |= {(topic, n) for n in names}
            if not names:
                continue
            prefer.append(
                Adjustment(
                    topics=[topic],
                    applies="named(entry, [" + ", ".join(f"'{n}'" for n in names) + "])",
                    criterion=CANONICAL_CRITERION.get(topic, "data_model_fit"),
                    adjust=nudge,
                    because=f"a proven choice for {arch.name.lower()} at {at} scale",
                )
            )
        refuse = [
            (list(a.topics), list(a.names), a.why)
            for a in arch.anti_patterns
            if evaluate(a.when, env)[0]
        ]
        ctx.tilts.append(
            Tilt(arch.name.lower(), {}, prefer, list(arch.needs), refuse, kind=arch_kind(arch))
        )
        for nn in arch.not_needed:
            if nn.topic not in ctx.not_needed and evaluate(nn.when, env)[0]:
                ctx.not_needed[nn.topic] = (f"{nn.because} ({arch.name.lower()})", nn.trigger)


# Topics whose answer is a pattern: it is there because a hard problem of the case needs it.
PATTERN_TOPICS = ("patterns", "data_patterns", "communication")
Entry = Technology | Pattern


def _solvers(matches: Sequence[Match], book: RuleBook) -> list[Adjustment]:
    """Nudges toward the patterns that address the matched hard problems, one per pattern."""
    # The strongest reason per pattern counts in full; each further matched entry that names it adds
    # a little (`hard_problem_adjust.more`, up to three): a pattern several of the case's problems
    # turn on is more central than one a single problem names, without outvoting the workload's own.
    best: dict[str, tuple[float, str]] = {}
    named_by: dict[str, set[str]] = {}
    for m in matches:
        key = "hard_problem_adjust" + (".concern" if m.archetype.kind == "concern" else "")
        adjust = book.setting(key, 0.2)
        for hp in m.archetype.hard_problems:
            problem = hp.problem.split(":", 1)[0].rstrip(".")
            for name in hp.addressed_by:
                named_by.setdefault(name, set()).add(m.archetype.id)
                if name not in best or best[name][0] < adjust:
                    best[name] = (adjust, problem)
    more = book.setting("hard_problem_adjust.more", 0.0)
    out: list[Adjustment] = []
    for name, (adjust, problem) in sorted(best.items()):
        extra = min(len(named_by[name]) - 1, 3)
        also = f" (and {extra} more of the problems here)" if more and extra else ""
        out.append(
            Adjustment(
                topics=list(PATTERN_TOPICS),
                applies=f"named(entry, [{name!r}])",
                criterion="data_model_fit",
                adjust=round(adjust + (more * extra), 4),
                because=f"addresses a hard problem here: {problem[:1].lower()}{problem[1:]}{also}",
            )
        )
    return out


def report(
    matches: Sequence[Match], ctx: Context, components: Sequence[str] = ()
) -> list[ArchetypeMatch]:
    """The matched archetypes for the output: evidence, hard problems and assumptions."""
    overrides = ctx.requirements.get("assumptions") or {}
    in_design = set(components)
    out: list[ArchetypeMatch] = []
    for m in matches:
        arch = m.archetype
        problems = []
        for hp in arch.hard_problems:
            # What the recommended design already has comes first.
            ordered = sorted(hp.addressed_by, key=lambda n: (n not in in_design,))
            problems.append(HardProblem(problem=hp.problem, addressed_by=ordered, why=hp.why))
        if arch.outside_model:
            problems.append(
                HardProblem(
                    problem=f"Outside what archwise models: {arch.outside_model}",
                    addressed_by=["a specialist's review of the hot path"],
                    why="archwise says so rather than size it as if it were an ordinary system",
                )
            )
        assumptions = {k: a.value for k, a in arch.assumptions.items()}
        for key, value in overrides.items() if isinstance(overrides, Mapping) else ():
            if key in assumptions and isinstance(value, (int, float)):
                assumptions[key] = float(value)
        out.append(
            ArchetypeMatch(
                id=arch.id,
                kind=arch.kind,
                name=arch.name,
                why=m.why,
                score=round(m.score, 3),
                strength=round(m.strength, 3),
                evidence=sorted(m.kinds),
                quantities=m.quantities,
                hard_problems=problems,
                anti_patterns=[
                    f"not {', '.join(a.names)} for {', '.join(a.topics)}: {a.why}"
                    for a in arch.anti_patterns
                ],
                assumptions=assumptions,
            )
        )
    return out


@dataclass(frozen=True)
class Design:
    """The recommended option as the lead sees it: its components and the entries they are."""

    components: Mapping[str, str]
    provider: str
    find: Callable[[str], Entry | None]


def _bound_to(entry: Entry) -> str | None:
    """The one cloud a managed-only technology is offered by (S3: aws), else None."""
    if not isinstance(entry, Technology) or not entry.managed_only:
        return None
    clouds = {m.provider for m in entry.managed}
    return next(iter(clouds)) if len(clouds) == 1 else None


def in_design(names: Sequence[str], design: Design) -> list[str]:
    """What addresses a problem in this design: its own components, practices, then what to add.

    A technology for a topic the design answers with another one (PostgreSQL where it has MySQL)
    is a competitor of its choice, not part of it, and is left out, as is a managed service of
    another provider; one for a topic the design leaves open, or a pattern it does not yet apply,
    is said as "add X".
    """
    held: set[str] = set()
    for comp in design.components.values():
        entry = design.find(comp)
        held.add((entry.name if entry else comp).casefold())
    have: list[str] = []
    practices: list[str] = []
    add: list[str] = []
    for name in names:
        entry = design.find(name)
        if entry is None:
            practices.append(name)
            continue
        if entry.name.casefold() in held:
            have.append(name)
            continue
        bound = _bound_to(entry)
        if bound is not None and design.provider in CLOUDS and bound != design.provider:
            continue
        single = [t for t in entry.topics if t not in PATTERN_TOPICS]
        if single and all(design.components.get(t) for t in single):
            continue
        add.append(f"add {name}")
    return have + practices + add


# The providers an option can be tied to (a neutral or on-premises option takes any entry).
CLOUDS = ("aws", "gcp", "azure")


@dataclass(frozen=True)
class LeadRule:
    """How the lead ranks problems by this case's evidence (settings of the rule book)."""

    cap: int = 6
    # Added to an entry's strength per quantity of the case that crossed its threshold (up to two):
    # a number of this file beats a word any file may say.
    quantity_bonus: float = 2.0
    # Each further problem of the same entry counts this much of the one before it.
    decay: float = 0.5
    # A problem whose rank is below this share of the first one's is not led.
    floor: float = 0.2


def _case_rank(a: ArchetypeMatch, rule: LeadRule) -> float:
    """How much this case's own evidence supports an entry: strength, more for its quantities."""
    return a.strength + rule.quantity_bonus * min(a.quantities, 2)


def _settings_only(a: ArchetypeMatch) -> bool:
    """A concern matched on settings of the file alone (no wording, no quantity) is generic."""
    return a.kind == "concern" and bool(a.evidence) and set(a.evidence) <= {"setting"}


# Per entry id, the ids of entries it says the same as (`overlaps` in the knowledge base).
Overlaps = Mapping[str, Sequence[str]]


def _overlapped(found: Sequence[ArchetypeMatch], rule: LeadRule, overlaps: Overlaps) -> set[str]:
    """Entries another matched entry says the same as with stronger evidence (not led)."""
    rank = {a.id: (_case_rank(a, rule), -i) for i, a in enumerate(found)}
    out: set[str] = set()
    for a in found:
        for other in overlaps.get(a.id, ()):
            if other in rank and a.id in rank:
                out.add(min((a.id, other), key=lambda x: rank[x]))
    return out


def lead(
    found: Sequence[ArchetypeMatch],
    rule: LeadRule | int,
    design: Design | None = None,
    overlaps: Overlaps | None = None,
) -> list[LeadProblem]:
    """The hard problems the recommendation leads with: this case's strongest evidence first.

    Every problem is ranked by its entry's evidence in this case (strength, plus a bonus for each
    of the requirements' quantities that crossed the entry's threshold), less for each further
    problem of the same entry, so a well-evidenced entry's second problem may come before a loosely
    matched one's headline. A concern matched on the file's settings alone is not led, nor is a
    problem ranked below `floor` of the first; at most `cap`. The rest stay in `archetypes` ("also
    worth a look"). Two entries that say the same thing are led once: an entry declared to overlap
    a stronger one is not led. With the recommended design, each led problem's "addressed by" is
    what that design has or must add.
    """
    rule = LeadRule(cap=rule) if isinstance(rule, int) else rule
    same = _overlapped(found, rule, overlaps or {})
    specific = [a for a in found if not _settings_only(a) and a.id not in same] or list(found)
    ranked: list[tuple[float, int, int, ArchetypeMatch]] = []
    for order, a in enumerate(specific):
        base = _case_rank(a, rule)
        for depth in range(len(a.hard_problems)):
            ranked.append((base * rule.decay**depth, depth, order, a))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    out: list[LeadProblem] = []
    seen: set[str] = set()
    top = ranked[0][0] if ranked else 0.0
    for rank, depth, _, a in ranked:
        if len(out) >= rule.cap or rank < rule.floor * top:
            break
        hp = a.hard_problems[depth]
        if hp.problem in seen:
            continue
        seen.add(hp.problem)
        led = LeadProblem(**hp.model_dump(), archetype=a.id)
        if design is not None:
            led.addressed_by = in_design(hp.addressed_by, design) or _none_in(hp.addressed_by)
        out.append(led)
    return out


def _none_in(names: Sequence[str]) -> list[str]:
    """What to say when the design holds none of what addresses a problem."""
    return [f"not in this design (elsewhere: {', '.join(names[:3])})"]


def hard_problems_line(
    led: Sequence[LeadProblem], found: Sequence[ArchetypeMatch] = ()
) -> str | None:
    """The opening line of the recommendation: the hard problems and what addresses them."""
    parts = [
        f"{hp.problem.split(':', 1)[0]} (addressed by {', '.join(hp.addressed_by[:3])})"
        for hp in led
    ]
    if not parts:
        return None
    shown = {hp.archetype for hp in led}
    also = [a.name.lower() for a in found if a.id not in shown]
    tail = f". Also worth a look: {', '.join(also)}" if also else ""
    return "The hard problems here: " + "; ".join(parts) + tail
