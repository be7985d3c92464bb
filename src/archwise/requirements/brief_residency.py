"""Data residency from a place of the gazetteer bound to what holds the data in its clause.

The phrase rules (brief_rules.py) read the common sentences; this reads the rest by grammar: a
holder of data (data, records, servers, hosting, a data centre, "it all") followed in its clause by
a preposition of place and a country or group ("the servers have to be located in France", "stays
on servers in the UK", "kept inside Brazil"), a place standing before a holder that something
must use ("must use a Saudi cloud provider", "We need EU hosting"), or a label ("Data sovereignty:
Mexico", "Storage location: within India").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from archwise.regex_store import compiled
from archwise.requirements import places

# a sentence, a bullet or a line; a line break that wraps prose is no end
_CLAUSE = re.compile(r"(?:[^.;!?\n]|\n(?![ \t]*(?:\n|[-*•|>#]|\d{1,3}[.)][ \t])))+")
_HOLDER = (
    r"data|records|information|PII|files|backups|databases?|DBs?|servers?|hosting|storage"
    r"|data\s*cent(?:er|re)s?|clouds?|infrastructure|everything|it\s+all|all\s+of\s+it"
)
_WHERE = r"(?:in|within|inside|on|out\s+of|outside(?:\s+of)?)"
# a person or an office between the holder and the place makes the place theirs: "data about
# clients in Spain", "records of our staff in Poland", "servers our team in Lisbon runs"
_THEIRS = re.compile(
    r"\b(?:customers?|clients?|users?|people|staff|team|teams|offices?|students?|patients?"
    r"|members?|employees?|partners?|suppliers?|vendors?|visitors?|from|about|for|of)\b",
    re.IGNORECASE,
)
# a verb of keeping between the holder and the place binds the place to the holder, whoever
# the holder's data is about
_KEPT = re.compile(
    r"\b(?:stored|kept|held|hosted|located|processed|saved|stay|stays|remain|remains|reside"
    r"|resides)\b",
    re.IGNORECASE,
)
# the place must be required: a modal, a rule or a wish in the clause
_REQUIRED = re.compile(
    r"\b(?:must|need|needs|needed|require[sd]?|required|shall|has\s+to|have\s+to|should|only"
    r"|mandatory|want|wants|insist\w*|law|legal|regulat\w+|policy|rules?|compliance|sovereign\w*|please"
    r"|residen\w+)\b",
    re.IGNORECASE,
)


# "in-country", "onshore", "within the country": the country the clause or else the brief names;
# "can't go abroad", "must not leave the country" say the same after a forbidding modal
_IN_COUNTRY = (
    r"(?:(?P<form>in[- ]country|on[- ]?shore|(?:in|within|inside)\s+the\s+country)"
    r"|(?:can't|cannot|can\s+not|must\s+not|mustn't|may\s+not|shall\s+not|should\s+not|never"
    r"|won't|will\s+not|(?:is|are)\s+not\s+to|not\s+allowed\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:abroad|overseas|offshore|(?:outside|out\s+of)\s+the\s+country|leave\s+the\s+country))"
)
# "our servers are not in-country yet": a negation before a place of staying states no rule
_NOT_BEFORE = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)


@dataclass(frozen=True)
class Residency:
    """Places the data must stay in, read from one clause."""

    codes: list[str]
    start: int
    end: int
    note: str


@functools.cache
def _patterns() -> tuple[
    re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]
]:
    name = places.names_pattern()
    adjective = places.adjectives_pattern()
    held_in = compiled(
        # the nearest holder before the place: "the information governance team requires that
        # data is not transferred outside the UK" binds "data", not "information"
        rf"\b(?:{_HOLDER})\b(?P<between>(?:(?!\b(?:{_HOLDER})\b)[^.;!?]){{0,60}}?)"
        rf"\b{_WHERE}\s+(?:the\s+)?(?P<place>{name})",
        re.IGNORECASE,
    )
    used = compiled(
        rf"(?P<place>{adjective})[- ](?:(?:based|owned|hosted|located|operated)\s+)?"
        r"(?:hosting|servers?|data\s*cent(?:er|re)s?|(?:cloud\s+)?(?:regions?|providers?)|clouds?"
        r"|hosting\s+providers?|infrastructure|soil)\b"
        # "UK-hosted, please", "Storage must be UK-based": the place as how it is hosted
        rf"|(?P<place2>{adjective})[- ](?:hosted|stored|resident)\b"
        rf"|\b(?:{_HOLDER})\s+(?:must|should|has\s+to|have\s+to|shall|needs?\s+to)\s+be\s+"
        rf"(?P<place3>{adjective})[- ]based\b",
        re.IGNORECASE,
    )
    label = compiled(
        r"(?:^|(?<=[\n•*|\"“-]))[ \t]*(?:data\s+|storage\s+|hosting\s+)?(?:sovereignty|residency"
        r"|location|hosting)\s*(?:[:=–-]|\?[\"”]?\s*(?:[—–-]\s*)?(?:(?:response|answer|a)\s*:)?)"
        rf"\s*(?:(?:only|within|in)\s+)?(?:the\s+)?(?P<place>{name})\b",
        re.IGNORECASE | re.MULTILINE,
    )
    # "3. Servers: Switzerland only", "Data: in Kenya only": a holder as a label, its place
    # restricted
    only = compiled(
        r"(?:^|(?<=[\n•*|\"“-]))[ \t]*(?:\d{1,2}[.)][ \t]*)?(?:servers?|data|storage"
        r"|data\s*cent(?:er|re)s?)\s*[:=–-]\s*(?:(?:in|within)\s+)?(?:the\s+)?"
        rf"(?P<place>{name})\s+only\b",
        re.IGNORECASE | re.MULTILINE,
    )
    # "Data must be kept in-country as required by the Data Protection Act, 2019 of Kenya": the
    # country the clause names after it
    in_country = compiled(
        rf"\b(?:{_HOLDER})\b[^.;!?]{{0,60}}?\b{_IN_COUNTRY}\b(?:[^.;!?]{{0,80}}?"
        rf"\b(?P<place>{name})\b)?",
        re.IGNORECASE,
    )
    return held_in, used, label, only, in_country


_STAYS = "the country what holds the data must stay in"
_DENIED = re.compile(r"\b(?:not|never|cannot)\b|n't\b", re.IGNORECASE)  # a modal's negation


def _the_one_country(text: str) -> list[str]:
    """The country a brief names, when it names exactly one place and that is no group (EU)."""
    codes = places.codes_in(text)
    return codes if len(codes) == 1 and codes[0] not in places.group_codes() else []


def residency_in(text: str) -> list[Residency]:
    """Where each clause binds a place to what holds the data."""
    held_in, used, label, only, in_country = _patterns()
    # a label is read over the whole text: its answer may follow a question mark
    found = [
        Residency(codes, m.start(), m.end(), "a place on a data-location label")
        for m in label.finditer(text)
        if (codes := places.codes_in(m.group("place")))
    ]
    found += [
        Residency(codes, m.start(), m.end(), "the only place on a label of what holds the data")
        for m in only.finditer(text)
        if (codes := places.codes_in(m.group("place")))
    ]
    for clause in _CLAUSE.finditer(text):
        body = clause.group()
        base = clause.start()
        required = _REQUIRED.search(body) is not None
        matches = [(m, "where what holds the data is") for m in held_in.finditer(body)]
        if required:  # "We run Canadian servers" states no requirement
            matches += [(m, "a place what holds the data must be of") for m in used.finditer(body)]
        # "Records stay in the country (Ghana)", "The data can't go abroad"
        if required or _KEPT.search(body) or _DENIED.search(body):
            matches += [(m, _STAYS) for m in in_country.finditer(body)]
        for match, why in matches:
            form = match.groupdict().get("form")
            if form and _NOT_BEFORE.search(body, match.start(), match.start("form")):
                continue
            between = match.groupdict().get("between")
            if between:  # "data of trekkers must be stored inside Nepal": the place is the verb's
                between = _KEPT.split(between)[-1]
            if between and _THEIRS.search(between):
                continue
            if not any(match.groupdict().get(g) for g in ("place", "place2", "place3")):
                # "must stay in-country": the brief's one country
                codes = _the_one_country(text)
                if codes:
                    note = f"{_STAYS}, the one the brief names"
                    found.append(Residency(codes, base + match.start(), base + match.end(), note))
                continue
            place = next(
                match.group(g) for g in ("place", "place2", "place3") if match.groupdict().get(g)
            )
            codes = places.codes_in(place)
            if codes:
                found.append(Residency(codes, base + match.start(), base + match.end(), why))
    return found
