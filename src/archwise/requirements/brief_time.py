"""Timelines in a brief: when the MVP and production are due, in months from the brief's date.

A time expression is a duration ("in six weeks", "half a year"), a duration after another
milestone ("two months after the MVP", "a quarter after that") or a calendar target ("by the end
of Q3", "in September", "end of next quarter"). It belongs to the milestone named right after it
("3 months to MVP") or else the nearest one named before it in the sentence, a strong word (MVP,
beta, pilot, production, GA) before a weak one (launch, go-live). Calendar targets count from the
date the brief gives ("Date: 3 March 2026", "today: Jan 10 2026", "now we are in May") and are
left unknown without one: nothing is counted from the day the command happens to run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator

from archwise.regex_store import compiled
from archwise.requirements.brief_rules import DAYS_PER_MONTH, MONTH_UNITS
from archwise.requirements.quantities import QUANTITY, parse_quantity, whole
from archwise.schema import Model

MILESTONES_FILE = Path(__file__).parent / "data" / "brief_milestones.yaml"

# month names in English, and in the languages briefs here are written in or quote (German,
# French, Spanish, Italian, Dutch, Scandinavian), except spellings that are English words or
# names ("mars", "mai", "mayo", "mei")
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "januar", "janvier", "enero", "gennaio", "januari"),
            ("february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "februari"),
            ("march", "mar", "märz", "maerz", "marzo", "maart"),
            ("april", "apr", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "mei", "maggio"),
            ("june", "jun", "juni", "juin", "junio", "giugno"),
            ("july", "jul", "juli", "juillet", "julio", "luglio"),
            ("august", "aug", "août", "aout", "agosto", "augustus"),
            ("september", "sep", "sept", "septembre", "septiembre", "settembre"),
            ("october", "oct", "oktober", "octobre", "octubre", "ottobre"),
            ("november", "nov", "novembre", "noviembre"),
            ("december", "dec", "dezember", "desember", "décembre", "decembre", "diciembre",
             "dicembre"),
        ]
    )
    for name in names
}  # fmt: skip
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th|\.)?[\s-]{{1,3}}(?:of\s{{1,3}})?(?P<m1>{_MON})\.?,?[\s-]{{1,3}}"
    r"(?:of\s{1,3})?(?P<y1>20\d\d)"
    rf"|(?P<m2>{_MON})\.?\s{{1,3}}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s{{1,3}}(?P<y2>20\d\d)"
    r"|(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))"
)
_DATE_AGAIN = _DATE.replace("1>", "5>").replace("2>", "6>").replace("3>", "7>")
_REF = compiled(
    r"(?:\b(?:date|dated|issued|written|sent|published|posted|updated|effective|as\s+(?:of|at)"
    r"|today(?:'s|\s+is)?|now|on\s+est\s+le|nous\s+sommes\s+le|heute\s+ist\s+der|hoy\s+es"
    r"|oggi\s+è\s+il|vandaag\s+is|i\s+dag\s+er)(?!\w)[*_]{0,2}[ \t]{0,3}(?:on[ \t]+)?"
    # "**Context date**: 2027-01-11": a label in bold
    rf"[:,]?[*_]{{0,2}}[ \t]{{0,3}}(?:is[ \t]+)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,?[ \t]{{1,3}})?{_DATE})"
    rf"|\b(?:now\s+(?:we\s+are|we're|it\s+is|it's)|it's(?=\s+(?:{_MON})\s+20\d\d)|we're\s+in"
    rf"|we\s+are\s+in"
    rf"|(?:we\s+are\s+|we're\s+)?writ(?:ing|ten)"
    rf"(?:\s+this)?|it's\s+(?:{_MON})\s+now,?)\s+(?:in\s+)?(?P<m4>{_MON})\b"
    rf"(?:\s+(?P<y4>20\d\d))?"
    # "it's April 3, 2026 today", "(today: 1st February 2027)"
    r"|\b(?:it's|it\s+is|today\s+is)\s+(?:the\s+)?"
    + _DATE_AGAIN
    # "(we're Oct 4 now)", "today is 2 June": the day without its year
    + rf"|\b(?:we're|we\s+are|it's|it\s+is)\s+(?P<m8>{_MON})\.?\s(?P<d8>\d{{1,2}})"
    + r"(?:st|nd|rd|th)?\s+now\b"
    + r"|\btoday(?:'s|\s+is)\s+(?:the\s+)?(?P<d9>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + rf"(?P<m9>{_MON})\b(?!\.?,?\s*20\d\d)"
    # "Date: December 2026", "Updated: March 2027": a month and year under a date label
    + r"|\b(?:date|dated|written|updated|as\s+of)[*_]{0,2}[ \t]{0,3}[:,]?[*_]{0,2}[ \t]{0,3}"
    + rf"(?P<m10>{_MON})\.?,?[ \t]{{1,3}}(?P<y10>20\d\d)\b",
    re.IGNORECASE,
)
# a date in the first lines of a brief (its heading, 'From/Date' lines) is when it was written
_HEAD_DATE = re.compile(_DATE, re.IGNORECASE)
HEAD_LINES = 4
# "[19/02/2027, 21:14]": a numeric date in the first lines, read only when its order is plain
# (one part above 12); "03/04/2027" could be March or April and gives no date
_NUM_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](20\d\d)(?![\d/.])")


# a comment or message stamped with its day: "Clerk (Tue 2 Feb 2027): ...", "[Wed 5 May 2027]"
_STAMP = re.compile(
    r"(?:^|[(\[])[ \t]*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]{1,3}" + _DATE,
    re.IGNORECASE | re.MULTILINE,
)
# a letter dated at its foot: "Oberfeld, 18.01.2027", "23 October 2026" on a short line of its own
_FOOT_LINE = re.compile(r"^[ \t]*(?:[A-Z][\w .'-]{1,30},[ \t]*)?(?P<date>[^\n]{6,24}?)[ \t]*$")


# a letter's dateline below its salutation: "Graz, 3 December 2026" on a line of its own
DATELINE_LINES = 10


def _date_line(line: str) -> tuple[str | None, tuple[dt.date, str, bool] | None]:
    """A line that is only a date (a place may lead): its date text, and the date if named."""
    m = _FOOT_LINE.match(line)
    if m is None:
        return None, None
    whole_date = _HEAD_DATE.fullmatch(m.group("date"))
    return m.group("date"), reference_date(whole_date.group(0)) if whole_date else None


def _dateline(text: str) -> tuple[dt.date, str, bool] | None:
    lines = [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        _, named = _date_line(line)
        if named is not None:
            return named
    return None


def _foot_date(text: str) -> tuple[dt.date, str, bool] | None:
    lines = [line for line in text.rstrip().splitlines() if line.strip()][-HEAD_LINES:]
    for line in reversed(lines):
        said, named = _date_line(line)
        if said is None:
            continue
        if named is not None:
            return named
        numeric = _numeric_head_date(said)
        if numeric is not None and _NUM_DATE.fullmatch(said):
            return numeric
    return None


# how the brief writes its other dates: "1 March 2027" puts the day first, "March 1" the month
_DAY_FIRST = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s{{1,3}}(?:of\s{{1,3}})?(?:{_MON})\b", re.I
)
_MONTH_FIRST = re.compile(
    rf"\b(?:{_MON})\.?\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*(?:%|:))", re.I
)


def _day_first(text: str) -> bool | None:
    """Whether the brief writes the day before the month in words; None when it does not say."""
    first, second = len(_DAY_FIRST.findall(text)), len(_MONTH_FIRST.findall(text))
    return None if first == second else first > second


# "2026/12/07": the year first, then month and day, as an ISO date with slashes
_YEAR_FIRST = re.compile(r"(?<![\d/.])(20\d\d)/(\d{1,2})/(\d{1,2})(?![\d/.])")


def _numeric_head_date(head: str, text: str = "") -> tuple[dt.date, str, bool] | None:
    for m in _YEAR_FIRST.finditer(head):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(0), True
        except ValueError:
            continue
    for m in _NUM_DATE.finditer(head):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        dotted = "." in m.group(0)  # "18.01.2027" is day.month.year wherever it is written
        if (a > 12) == (b > 12) and not dotted:
            # "07/12/2026" could be July or December: the brief's dates in words decide
            order = _day_first(text) if a <= 12 and b <= 12 else None
            if order is None:
                continue
            day, month = (a, b) if order else (b, a)
            try:
                return dt.date(year, month, day), m.group(0), True
            except ValueError:
                continue
        day, month = (a, b) if a > 12 or dotted else (b, a)
        try:
            return dt.date(year, month, day), m.group(0), True
        except ValueError:
            continue
    return None


_STRONG_MVP = (
    r"MVP|beta|alpha|pilot|first\s+(?:[a-z]{3,12}\s+)?(?:version|release)|v1|version\s+1(?:\.0)?\b"
    # "6 weeks for a first cut", "First phase ... within 3 months", "test something in April"
    r"|first\s+(?:cut|phase|stage|increment|iteration|drop)\b|phase\s+(?:1|one|I)\b"
    r"|(?:test|try)\s+(?:out\s+)?something\b"
    # "a test run at Field Day", "a proof of concept", "a prototype"
    r"|test\s+run|proof\s+of\s+concept|PoC|prototype"
    # "First production line try in 8 weeks", "try it with the Thursday team"
    r"|(?<=first\s)(?:[a-z]{3,15}\s+){0,2}try\b|\btry\s+(?:it\s+)?(?:with|in|on|at)\s+(?!\d)"
    # "the first clients should be able to upload by 15 February": the first of many users
    r"|first\s+(?:few\s+|[a-z]{3,12}ing\s+|external\s+|real\s+)?(?:clients|customers|users|members|stores|shops|sites|schools|branches"
    r"|clinics|teams|cities|regions|countries|partners|drivers|patients|students|workshops)\b"
    # "the trial on line 3", "a demo for the buyer", "test with 1 cooperative" (a clinical trial
    # is what the system serves, not a delivery)
    r"|(?<!clinical\s)trial(?!s)|demo(?!-)|test(?:ing)?\s+(?:it\s+)?with"
    # "the first clinic should be onboarded": a first delivery is the MVP
    # "something working by ...", "be in the App Store in 10 weeks"
    r"|something\s+(?:working|out|live|usable|running|in\s+production)"
    r"|start\s+using\s+it|(?:be|is|are)\s+in\s+use"
    r"|(?:in|on|into)\s+the\s+(?:App|Play)\s+Store"
    r"|first\s+[a-z]{2,20}\s+(?:(?:should|must|will|has\s+to|needs\s+to|is\s+to)\s+(?:be\s+)?)?"
    r"(?:onboarded|delivered|ready|live|launched|in\s+use|running|migrated)"
    # "start first pharmacies in October", "open the first two stores"
    r"|(?:start|begin|open)\s+(?:with\s+)?(?:the\s+|our\s+)?first\s+(?:[a-z0-9]{2,10}\s+)?[a-z]{3,20}"
    # "first schools using it", "First live auction", "real version", "internal dogfood",
    # "soft launch", "shadow mode", "staff-only"; a go-live for a few units is a first delivery
    r"|first\s+[a-z]{2,20}\s+using\s+it|first\s+live|(?:real|usable|working)\s+(?:version|product)"
    r"|dogfood(?:ing)?|soft\s+launch|shadow\s+mode|staff[- ]only|early\s+access"
    r"|(?:go[- ]live|roll[- ]?out|launch)\s+(?:for|in|at|with)\s+(?:the\s+)?(?:first\s+)?"
    r"(?:\d{1,3}|one|two|three|four|five)\s+[a-z]{3,20}"
)
_STRONG_PROD = (
    r"production(?:[- ]ready)?(?!\s+lines?\b)|prod|(?-i:GA)|general\s+availability"
    r"|full\s+(?:version|launch|release|migration|roll-?out|go-live|deployment|operation|service)"
    r"|final\s+(?:version|release|hand-?in|hand-?over|delivery)|(?<=\d\s)final|(?<=\d)\s+final"
    r"|(?:complete|full|entire|whole)\s+(?:system|solution|platform|product)"
    r"|public\s+(?:launch|release|availability)"
    # "national launch", "nationwide", "borough-wide": the whole of the roll-out
    r"|national(?:\s+|-)(?:launch|roll-?out|release)|nation-?wide|[a-z]{3,12}-wide"
)
_WEAK_PROD = (
    r"go[- ]live|live(?!-)|roll[- ]?out|everywhere|everything|cut[- ]?over|switch[- ]?over|deadline"
    # "switch off the old system on 30 September": the new one carries everything from then
    r"|(?:switch(?:ed|ing)?\s+off|turn(?:ed|ing)?\s+off|decommission\w*|retir\w+|shut(?:ting)?\s+down"
    r"|replac(?:e|es|ed|ing))"
    r"\s+(?:the\s+)?(?:old|legacy|current)\b"
    # "we would like it in use by 1 April", "v2 ready by 1 September"
    r"|in\s+use\b|ready(?!\s+to\b)|(?:use|using)\s+it\s+for\s+real|for\s+real\b"
    # "handed over by 31 December", "Completion of the project: 18 months"
    r"|hand(?:ed)?[- ]?over|completion|completed"
    # "start operation before the autumn season", "operational by"
    r"|(?:start|begin)\s+(?:of\s+)?operations?\b|operational\b"
    # "all 14 warehouses by February", "all restaurants by end of Q1"
    r"|all\s+(?:\d{1,4}\s+|the\s+|our\s+)?[a-z]{3,15}s\b|all\s+\d{1,4}\b"
    # "the whole district", "the entire council"; "it has to be ready", "need it running";
    # "bookable in the app", "open to the public"
    r"|(?:whole|entire)\s+[a-z]{3,15}"
    # "every customer ordering through the portal", "the rest until 1st of June", "I need it for
    # this harvest"
    r"|every\s+(?:customer|client|user|member|store|shop|site|school|branch|location|office"
    r"|region|city|country|depot|clinic|hospital|department|market)s?\b"
    r"|the\s+rest\b|need\s+it\s+(?:for|by|before|ready|running|live|in\s+time)"
    r"|(?:be|is|it's|are|it)\s+(?:ready|done|finished|running|working|operational|in\s+place)"
    r"|(?:bookable|available|usable|open)\s+(?:in|on|to|for)\s+(?:the\s+)?(?:app|public|customers"
    r"|everyone|all)\b|\bopen(?=\s+(?:before|by|on|in)\b)"
)
_WEAK_MVP = r"launch(?:es|ed|ing)?|ship(?:s|ped|ping\s+it)?"


class MilestoneLexicon(Model):
    """Words that name a milestone, beside the ones in the code (data/brief_milestones.yaml)."""

    mvp: list[str] = Field(default_factory=list, description="a first, partial delivery")
    production: list[str] = Field(default_factory=list, description="everything delivered")
    weak_production: list[str] = Field(
        default_factory=list, description="the whole roll-out, outranked by a strong word"
    )

    @field_validator("mvp", "production", "weak_production")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"not a regular expression: {pattern!r} ({exc})") from exc
        return patterns


def _milestone_words() -> MilestoneLexicon:
    from archwise.kb.loader import read_valid

    return read_valid(MILESTONES_FILE, MilestoneLexicon, "brief milestones")[0]


_WORDS = _milestone_words()
if _WORDS.mvp:
    _STRONG_MVP += "|" + "|".join(_WORDS.mvp)
if _WORDS.production:
    _STRONG_PROD += "|" + "|".join(_WORDS.production)
if _WORDS.weak_production:
    _WEAK_PROD += "|" + "|".join(_WORDS.weak_production)
_MILESTONE = compiled(
    rf"\b(?:(?P<mvp>{_STRONG_MVP})|(?P<prod>{_STRONG_PROD})|(?P<wprod>{_WEAK_PROD})"
    rf"|(?P<wmvp>{_WEAK_MVP}))\b",
    re.IGNORECASE,
)
_APPROX = r"(?:(?:about|around|roughly|approximately|~|some|within|maybe|like)\s{0,3}){0,2}"
_UNIT = r"(?P<unit>months?|mos?|weeks?|wks?|years?|yrs?|quarters?|days?)(?![A-Za-z])"
_TIME = compiled(
    rf"(?P<dur>{_APPROX}(?P<q>{QUANTITY})(?:\s{{0,2}}\(\d{{1,4}}\))?\s{{0,3}}{_UNIT}(?P<half>\s{{1,3}}and\s{{1,3}}a\s{{1,3}}half)?)"
    # "two months after the MVP", "a quarter after that"; "6 months after contract signature" is
    # counted from a date the brief does not give, so it is read as a plain duration
    rf"(?P<after>\s{{1,3}}(?:(?:after|following)\s{{1,3}}(?:(?:the\s{{1,3}})?"
    rf"(?:[a-z]{{3,12}}\s{{1,3}})?(?P<ref>{_STRONG_MVP}|{_WEAK_MVP})\b"
    r"|(?:that|this|it|(?-i:M)\d{1,2}|milestone\s+\d{1,2}|phase\s+\d)\b)|later\b"
    # "Bandung 2 month after.": after the milestone before
    r"|after(?=[ \t]*(?:[.;,)\n]|$))))?"
    # "the pilot ... 3 weeks before that": counted back from the date named before
    r"(?P<prior>\s{1,3}(?:before|earlier\s+than)\s{1,3}(?:that|then|it|this)\b)?"
    r"|(?P<cal>(?:the\s{1,3})?end\s{1,3}of\s{1,3}(?:the\s{1,3})?(?:(?P<next>next)\s{1,3})?quarter"
    r"|(?:the\s{1,3})?end\s{1,3}of\s{1,3}(?:the\s{1,3})?(?P<nextm>next|this|following)\s{1,3}month"
    # "by the first of September", "for the 1st September 2027"
    rf"|(?:(?:by|on|for|until|till|before|due|from|(?:no|not)\s{{1,3}}later\s{{1,3}}than)\s{{1,3}})?"
    rf"(?:the\s{{1,3}})?(?P<dom>\d{{1,2}}|first)"
    # "1. März 2027": a day's dot before its month, with the year said
    rf"(?:st|nd|rd|th|\.(?=\s{{1,3}}(?:{_MON})\.?,?\s{{1,3}}20\d\d))?\s{{1,3}}(?:of\s{{1,3}})?(?P<dmon>{_MON})\b"
    # an abbreviation's dot, not a sentence's end: "30 Sept. 2027", not "30 September. Full ..."
    r"(?:\.(?![ \t]*(?:\n|$)|\s+(?-i:[A-Z])))?"
    rf"(?:,?\s{{1,3}}(?P<dy>20\d\d))?"
    r"|(?:(?:by|for|until|before|(?:over|during)\s{1,3}the)\s{1,3})(?P<xmas>Christmas|Xmas|New\s+Year(?:'s)?(?:\s+Day)?|Easter(?:\s+Sunday)?)\b(?:\s{1,3}(?P<xy>20\d\d))?"
    # "mvp by feb 1st", "on March 3, 2027"
    # "Deadline: Sept 15 for the pilot, Dec 1 for everyone", "the spring season (April 1, 2027)"
    rf"|(?:(?:by|on|for|until|before|due)\s{{1,3}}|(?<=[:,]\s)|(?<=\())(?P<dmon2>{_MON})\.?\s{{1,3}}"
    rf"(?P<dom2>\d{{1,2}})"
    r"(?:st|nd|rd|th)?\b(?!\s*(?:%|am|pm|[:.]\d))(?:,?\s{1,3}(?P<dy2>20\d\d))?"
    # "full operation from 01.10.2027": a date with dots is day.month.year
    # "| Pilot (MVP) | 2027-09-01 | 2027-09-30 |": a plan's ISO dates
    r"|(?<![\d-])(?P<isoy>20\d\d)-(?P<isom>\d\d)-(?P<isod>\d\d)(?![\d-])"
    r"|(?:(?:by|on|for|until|before|due|from)\s{1,3})(?P<ndd>\d{1,2})\.(?P<ndm>\d{1,2})\.(?P<ndy>20\d\d)\b"
    # "full production at month 24"
    r"|(?:at|by|in|(?:by\s{1,3})?(?:the\s{1,3})?end\s{1,3}of)\s{1,3}month\s{1,3}(?P<mnum>\d{1,2})\b"
    # a plan's weeks: "end of week 6", "Week 14: dealer portal"
    r"|(?:(?:by\s{1,3})?(?:the\s{1,3})?end\s{1,3}of|by|in|at)\s{1,3}week\s{1,3}(?P<wnum>\d{1,2})\b"
    r"|\bweek\s{1,3}(?P<wnum2>\d{1,2})(?=\s{0,2}:)"
    # a project plan's month markers: "M6: MVP of the app, M18: production release"
    r"|(?:(?-i:\bM)|\bmonth\s{1,3})(?P<mnum2>\d{1,2})(?=\s{0,2}:)(?![^\n]*\b20\d\d\b)"
    r"|(?:the\s{1,3})?end\s{1,3}of\s{1,3}(?P<ey>20\d\d)\b"
    # "mid-June", "early May", "late September 2027": a part of a month
    rf"|\b(?P<part>early|mid|late)[- ]\s{{0,2}}(?P<pmon>{_MON})\b\.?(?:,?\s{{1,3}}(?P<py>20\d\d))?"
    # "early 2028", "mid-2028": a part of a year
    r"|\b(?P<ypart>early|mid|late)[- ]\s{0,2}(?P<yy>20\d\d)\b"
    # "summer 2027": a season with its year begins ("by the autumn", "next winter" said alone are
    # left out: on the validation set they named seasons that were no deadline)
    r"|(?P<send>(?:the\s{1,3})?end\s{1,3}of\s{1,3}(?:the\s{1,3})?)?"
    r"\b(?P<season2>spring|summer|autumn|fall|winter)\s{1,3}(?:of\s{1,3})?(?P<sy2>20\d\d)\b"
    # "the end of H1", "H2 2027", "the first half of 2028": a half year ends
    r"|(?:(?:the\s{1,3})?end\s{1,3}of\s{1,3})?\b(?-i:H)(?P<hnum>[12])\b(?:\s{1,3}(?P<hy>20\d\d))?"
    r"|(?:the\s{1,3})?(?P<halfw>first|second)\s{1,3}half\s{1,3}of\s{1,3}(?:(?P<hwy>20\d\d)"
    r"|(?:the|this)\s{1,3}year)"
    # "Pilot: 15/06/2027": a slashed date whose order is plain (one part above 12)
    r"|(?<![\d/.])(?P<sd>\d{1,2})/(?P<sm>\d{1,2})/(?P<syr>20\d\d)(?![\d/]|\.\d)"
    # "Pilot June 15th": a month and an ordinal day
    rf"|\b(?P<dmon3>{_MON})\.?\s{{1,3}}(?:the\s{{1,3}})?(?P<dom3>\d{{1,2}})(?:st|nd|rd|th)\b(?:,?\s{{1,3}}(?P<dy3>20\d\d))?"
    r"|(?:(?:the\s{1,3})?end\s{1,3}of\s{1,3})?Q(?P<qtr>[1-4])(?:\s{1,3}(?P<qy>20\d\d))?"
    rf"|(?:(?P<monprep>in|by|until|till|before|for|from|at|(?:no|not)\s{{1,3}}later\s{{1,3}}than"
    # "in time for the January 2028 intake", "for the November 2027 elections", "live for the
    # September intake"
    rf"|(?:in\s{{1,3}}time\s{{1,3}})?for\s{{1,3}}the(?=\s{{1,3}}(?:{_MON})\b))"
    rf"\s{{1,3}}|(?=(?:the\s{{1,3}})?end\s))"
    rf"(?P<monend>(?:the\s{{1,3}})?end\s{{1,3}}of\s{{1,3}})?"
    rf"(?P<monstart>(?:the\s{{1,3}})?(?:start|beginning)\s{{1,3}}of\s{{1,3}})?"
    # "by the end of next June": the next one, as a bare month already is
    rf"(?:(?:next|this|the\s{{1,3}}coming)\s{{1,3}})?(?P<mon>{_MON})\b"
    r"(?:\s{1,3}(?P<my>20\d\d))?"
    # "| Go-live | June 2027 |", "before the summer season (June 2027)"
    rf"|(?:(?<=[:|][ \t])|(?<=\())(?P<mon4>{_MON})\s{{1,3}}(?P<my4>20\d\d)\b"
    r"|(?:the\s{1,3})?end\s{1,3}of\s{1,3}(?:(?:the|this)\s{1,3})?(?P<nexty>(?:next|following)\s{1,3})?year"
    r"|\byear[- ]end\b)",
    re.IGNORECASE,
)
_AFTER_MILESTONE = re.compile(
    # the milestone on the next line only when a word ties it on ("in 10 weeks\nfor the MVP")
    # "in the week of 8 February 2027, as a trial with year 11": the date named as what it is
    r"(?:[ \t]{0,3}(?:from[ \t]+(?:now|today)[ \t]+)?"
    r"(?:(?:to|until|till|before|for)\b|:|\((?:[ \t]?=)?|,?[ \t]{0,3}as\b)?"
    r"[ \t]{0,3}"
    r"|\s{0,3}(?:to|until|till|before|for|,\s{0,3}as)\b\s{0,3})"
    r"(?:(?:the|an?|our)(?:[ \t]+|[ \t]*\n[ \t]*))?"
    # "a year to get it into production", "six weeks to have it in beta"
    r"(?:(?:get|put|have|bring|take)[ \t]+(?:it|this|the[ \t]+\w+)[ \t]+(?:into|in|to)[ \t]+)?"
    rf"(?:(?P<mvp>{_STRONG_MVP})|(?P<prod>{_STRONG_PROD}))\b",
    re.IGNORECASE,
)
# a table row is a sentence of its own
_SENTENCE_END = re.compile(
    r"(?<!\bi\.e)(?<!\be\.g)(?<!\bca)(?<!\bapprox)[.!?;](?=\s)"
    r"|\n\s*\n|\n(?=[ \t]*(?:[-*+•]|\d+[.)]|\[[ xX]?\])\s)|\n(?=[^|\n]{0,60}\|)"
)
MVP = "constraints.timeline.mvp_months"
PRODUCTION = "constraints.timeline.production_months"


@dataclass
class TimeHit:
    """One milestone date read from the brief."""

    field: str
    value: float | int
    start: int
    end: int
    note: str | None
    weak: bool = False  # named by a weak word ("launch"), which a strong one outranks


def reference_date(text: str) -> tuple[dt.date, str, bool] | None:
    """The date the brief was written (date, phrase, whether the day is known), if it says."""
    match = _REF.search(text)
    if match is None:
        head = "\n".join(text.lstrip().splitlines()[:HEAD_LINES])
        match = _HEAD_DATE.search(text, 0, len(text) - len(text.lstrip()) + len(head))
        if match is None:
            match = _STAMP.search(text)
        if match is None:
            return _numeric_head_date(head, text) or _dateline(text) or _foot_date(text)
    g = match.groupdict()
    if g.get("m4"):
        year = int(g["y4"]) if g.get("y4") else 2000
        return dt.date(year, MONTHS[g["m4"].lower()], 15), match.group(0).strip(), False
    if g.get("m10"):
        return dt.date(int(g["y10"]), MONTHS[g["m10"].lower()], 15), match.group(0).strip(), False
    for i in "89":
        if g.get(f"m{i}"):  # no year: the months between dates still count right
            try:
                day = dt.date(2000, MONTHS[g[f"m{i}"].lower()], int(g[f"d{i}"]))
            except ValueError:
                return None
            return day, match.group(0).strip(), True
    for i in "1234567":
        if g.get(f"y{i}"):
            month = g[f"m{i}"]
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                day = dt.date(int(g[f"y{i}"]), number, int(g[f"d{i}"]))
            except ValueError:
                return None
            return day, match.group(0).strip(), True
    return None


# a date in a clause about people coming, going or away is no delivery target: "backfill
# approved, interviews in Jan", "Marco moves to Lisbon in January", "on holiday in August"
_PEOPLE_DATE = re.compile(
    r"\b(?:interview\w*|backfill\w*|hir(?:e|es|ed|ing)|recruit\w*|joins?|joining|joined|left"
    r"|leav(?:e|es|ing)|quits?|moves?\s+to|moving\s+to|holidays?|vacation|parental|maternity"
    r"|paternity|sabbatical|starts?\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|work))\b",
    re.IGNORECASE,
)
# a week in months: a delivery sooner than this is no milestone
_WEEK_MONTHS = 0.2
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_PART_OF_YEAR = {"early": (3, 31), "mid": (6, 30), "late": (12, 31)}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _ahead(today: dt.date, target: dt.date, said_year: bool) -> dt.date:
    """A target without its year is the next one: "by mid-March" said in May is next March."""
    if said_year or target > today:
        return target
    try:
        return target.replace(year=target.year + 1)
    except ValueError:
        return target + dt.timedelta(days=365)


def _other_calendar(g: dict[str, Any], today: dt.date) -> dt.date | None:
    """Parts of months and years, seasons, half years and slashed dates, as the day they mean.

    "early May" is when May begins and "late May" when it ends (as "in May" and "the end of May"
    are), "mid-June" the 15th; a season begins on the first of its month (spring in March,
    summer in June, autumn in September, winter in December); "early/mid/late 2028" end in March,
    June and December; a half year ends in June or December.
    """
    try:
        if g.get("pmon"):
            month = MONTHS[g["pmon"].lower()]
            year = int(g["py"]) if g.get("py") else today.year
            part = g["part"].lower()
            day = {"early": 1, "mid": 15}.get(part)
            target = dt.date(year, month, day) if day else _month_end(year, month)
            return _ahead(today, target, bool(g.get("py")))
        if g.get("ypart"):
            month, day = _PART_OF_YEAR[g["ypart"].lower()]
            return dt.date(int(g["yy"]), month, day)
        if g.get("season2"):
            first = _SEASON_START[g["season2"].lower()]
            if g.get("send"):  # "the end of summer 2027": the last day of its third month
                return _month_end(int(g["sy2"]), first + 2)
            return dt.date(int(g["sy2"]), first, 1)
        if g.get("hnum"):
            month = 6 if g["hnum"] == "1" else 12
            target = _month_end(int(g["hy"]) if g.get("hy") else today.year, month)
            return _ahead(today, target, bool(g.get("hy")))
        if g.get("halfw"):
            month = 6 if g["halfw"].lower() == "first" else 12
            return _month_end(int(g["hwy"]) if g.get("hwy") else today.year, month)
        if g.get("syr"):
            a, b = int(g["sd"]), int(g["sm"])
            if (a > 12) == (b > 12):
                return None  # "03/04/2027" could be March or April
            day, month = (a, b) if a > 12 else (b, a)
            return dt.date(int(g["syr"]), month, day)
    except ValueError:
        return None
    return None


def _easter(year: int) -> dt.date:
    """Easter Sunday of a year (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lat = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lat) // 451
    month = (h + lat - 7 * m + 114) // 31
    day = (h + lat - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year, month, 30 if month in (6, 9) else 31)


def _calendar_months(
    match: re.Match[str], ref: tuple[dt.date, str, bool]
) -> tuple[float | None, dt.date | None]:
    today, _, day_known = ref
    g = match.groupdict()
    years = [
        "dy",
        "dy2",
        "dy3",
        "xy",
        "my",
        "qy",
        "ey",
        "ndy",
        "isoy",
        "py",
        "yy",
        "sy2",
        "hy",
        "hwy",
        "syr",
        "my4",
    ]
    if today.year == 2000 and any(g.get(y) for y in years):
        return None, None  # the brief's date has no year: a target with one cannot be counted
    if g.get("dmon2"):
        g = {**g, "dmon": g["dmon2"], "dom": g["dom2"], "dy": g.get("dy2")}
    if g.get("mon4"):
        g = {**g, "mon": g["mon4"], "my": g["my4"]}
    if g.get("dmon3"):
        g = {**g, "dmon": g["dmon3"], "dom": g["dom3"], "dy": g.get("dy3")}
    other = _other_calendar(g, today)
    if other is None and any(
        g.get(k) for k in ("pmon", "ypart", "season2", "hnum", "halfw", "syr")
    ):
        return None, None  # "03/04/2027": March or April, no date
    if other is not None:
        days = (other - (today if day_known else today.replace(day=1))).days
        return (round(days / DAYS_PER_MONTH, 2), other) if days > 0 else (None, None)
    if g.get("isoy"):
        try:
            target = dt.date(int(g["isoy"]), int(g["isom"]), int(g["isod"]))
        except ValueError:
            return None, None
    elif g.get("ndd"):
        try:
            target = dt.date(int(g["ndy"]), int(g["ndm"]), int(g["ndd"]))
        except ValueError:
            return None, None
    elif g.get("xmas"):
        year = int(g["xy"]) if g.get("xy") else today.year
        target = dt.date(year, 12, 25)
        if g["xmas"].lower().startswith("new"):  # "by New Year": the first day of the next one
            target = dt.date(year + (0 if g.get("xy") else 1), 1, 1)
        if g["xmas"].lower().startswith("easter"):  # "by Easter": its Sunday, the next one
            target = _easter(year)
            if not g.get("xy") and target < today:
                target = _easter(year + 1)
    elif g.get("dmon"):
        month = MONTHS[g["dmon"].lower()]
        day = 1 if g["dom"].lower() == "first" else int(g["dom"])
        year = int(g["dy"]) if g.get("dy") else today.year + (1 if month < today.month else 0)
        try:
            target = dt.date(year, month, day)
        except ValueError:
            return None, None
    elif g.get("nextm"):
        month = today.month + (0 if g["nextm"].lower() == "this" else 1)
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        target = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    elif g.get("mon"):
        month = MONTHS[g["mon"].lower()]
        year = int(g["my"]) if g.get("my") else today.year + (1 if month < today.month else 0)
        if not day_known:
            return float((year - today.year) * 12 + month - today.month), None
        if g.get("monend"):
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            target = following - dt.timedelta(days=1)
        else:
            # "in October", "before May", "by November": when the month begins (its end only
            # when the brief says so)
            target = dt.date(year, month, 1)
    elif g.get("ey"):
        target = dt.date(int(g["ey"]), 12, 31)
    elif g.get("qtr"):
        quarter = int(g["qtr"])
        year = int(g["qy"]) if g.get("qy") else today.year
        target = _quarter_end(year, quarter)
        if not g.get("qy") and target < today:
            target = _quarter_end(year + 1, quarter)
    elif "quarter" in match.group(0).lower():
        quarter = (today.month - 1) // 3 + 1 + (1 if g.get("next") else 0)
        target = _quarter_end(today.year + (quarter - 1) // 4, (quarter - 1) % 4 + 1)
    else:
        target = dt.date(today.year + (1 if g.get("nexty") else 0), 12, 31)
    if not day_known and g.get("mon") is None and not g.get("dmon") and not g.get("xmas"):
        today = today.replace(day=1)
    days = (target - today).days
    return (round(days / DAYS_PER_MONTH, 2), target) if days > 0 else (None, None)


def _cells_around(text: str, start: int, floor: int) -> list[tuple[int, int]]:
    """Where a milestone for a time in a table cell may stand: its own cell or the row's label.

    "| MVP | 12 weeks |" names the MVP; "| Today (pilot) | In 2 years |" is a header whose
    'pilot' is no milestone of 'In 2 years'.
    """
    line_start = text.rfind("\n", 0, start) + 1
    bars = [m.start() for m in re.finditer(r"\|", text[line_start:start])]
    if not bars:
        return [(floor, start)]
    own = (line_start + bars[-1] + 1, start)
    cells = [c for c in re.finditer(r"[^|]+", text[line_start : line_start + bars[-1]])]
    label = next((c for c in cells if c.group(0).strip()), None)
    if label is None:
        return [own]
    return [(line_start + label.start(), line_start + label.end()), own]


def _milestone_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """The milestone a time expression at start belongs to, and where the brief names it."""
    strong: tuple[str, int] | None = None
    weak: tuple[str, int] | None = None
    found = [
        m
        for a, b in _cells_around(text, start, floor)
        for m in _MILESTONE.finditer(text, max(a, floor), b)
    ]
    for m in found:
        if m.group("mvp"):
            strong = (MVP, m.start())
        elif m.group("prod"):
            strong = (PRODUCTION, m.start())
        elif m.group("wprod"):
            weak = (PRODUCTION, m.start())
        else:
            weak = (MVP, m.start())
    if (
        strong is not None
        and weak is not None
        and weak[0] != strong[0]
        and weak[1] > strong[1]
        and _THEN.search(text, strong[1], weak[1])
    ):
        return weak  # "Trial over the holidays, then go-live on 7 September": the next step's
    return strong or weak


# a clause that moves on to the next step between two milestone words
_THEN = re.compile(
    r"[,;]\s*(?:and\s+)?then\b|[;.]\s+(?:and\s+)?(?:after\s+that|afterwards)\b", re.IGNORECASE
)


def _sentence_start(text: str, pos: int, ends: list[int]) -> int:
    start = 0
    for end in ends:
        if end >= pos:
            break
        start = end
    return start


def timeline_hits(text: str, claimed: list[tuple[int, int]]) -> list[TimeHit]:
    """Every MVP and production date the brief gives, in months, with how it was counted."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    ref = reference_date(text)
    hits: list[TimeHit] = []
    resolved: dict[str, float] = {}
    last: str | None = None
    previous_end = 0
    last_sentence = -1
    unnamed: TimeHit | None = None
    undated: list[TimeHit] = []  # every calendar target no milestone names
    for match in _TIME.finditer(text):
        start, end = match.span()
        if any(start < e and s < end for s, e in claimed):
            previous_end = end
            continue
        if match.group("isoy") and _LATER_DATE.match(text, end):
            continue  # "| 2027-09-01 | 2027-09-30 |": a task's start; it is due at its end
        restated = _RESTATED.match(text, end)
        if restated and _TIME.match(text, restated.end()):
            continue  # "for the next winter, meaning 1 October 2028": the restatement is read
        if match.group("dur") and not match.group("after") and _LENGTH.search(text, 0, start):
            if last == PRODUCTION and MVP not in resolved:
                # "go-live on 1 March. Before that, a pilot in one clinic for one month": the
                # pilot runs for that long up to the date named before
                sentence = _sentence_start(text, start, ends)
                if _BEFORE_THAT.search(text, sentence, start):
                    dated = next(h for h in reversed(hits) if h.field == PRODUCTION)
                    prior = _counted_back(text, match, dated, ends)
                    if prior is not None:
                        hits.append(prior[1])
                        resolved[MVP] = float(prior[1].value)
                        last, last_sentence, previous_end = MVP, sentence, end
            continue  # "3 hospitals for 6 months": how long something lasts, not when it is due
        if (
            match.group("dur")
            and not match.group("after")  # "all three locations a month later" is no rate
            and _A_RATE.match(match.group("q"))
            and _RATE_BEFORE.search(text, max(0, start - 30), start)
        ):
            continue  # "several times a day", "fifty gigs a month": a rate, not a time
        sentence = _sentence_start(text, start, ends)
        if match.group("prior") and last == PRODUCTION and MVP not in resolved:
            # "in use by 3 July 2027; a pilot 8 weeks before that": counted back from production
            dated = next(h for h in reversed(hits) if h.field == PRODUCTION)
            prior = _counted_back(text, match, dated, ends)
            if prior is not None:
                hits.append(prior[1])
                resolved[MVP] = float(prior[1].value)
                last, last_sentence, previous_end = MVP, sentence, end
                continue
        if match.group("prior") and unnamed is not None and last is None:
            prior = _counted_back(text, match, unnamed, ends)
            if prior is not None:
                hits.extend(prior)
                for h in prior:
                    resolved.setdefault(h.field, float(h.value))
                last, last_sentence, previous_end = MVP, sentence, end
                continue
        following = _AFTER_MILESTONE.match(text, end)
        named = start
        if following is not None and not match.group("after"):
            field = MVP if following.group("mvp") else PRODUCTION
            end = following.end()
        else:
            floor = max(previous_end, _sentence_start(text, start, ends), start - 160)
            found = _milestone_before(text, start, floor)
            if (
                found is None
                and _MARKER.match(text, end)
                and _LINE_HEAD.fullmatch(text, text.rfind("\n", 0, start) + 1, start)
            ):
                found = _milestone_on_line(text, end)  # "Week 14: dealer portal ... our MVP"
            if found is None and match.group("after") and last == MVP:
                found = (PRODUCTION, start)  # "pilot in ten weeks, the rest 4 months after that"
            if found is None and last == MVP and last_sentence == sentence:
                found = (PRODUCTION, start)  # "pilot on site 1 by end of March, both by 1 July"
            if match.group("after") and last is None and unnamed is not None:
                # "adjusters in region North by 1 August; all regions 3 months later": the
                # target the later one counts from is the first delivery
                hits.append(TimeHit(MVP, unnamed.value, unnamed.start, unnamed.end, unnamed.note))
                resolved[MVP] = float(unnamed.value)
                last = MVP
                found = (PRODUCTION, start)
            if found is None and match.group("cal"):
                then = _referred_to(text, end, ends)
                if then is not None:
                    found, end = then
            if found is None:
                if match.group("cal"):
                    value, note = _months(match, ref, resolved, last)
                    clause = text[sentence : _next_end(end, ends, len(text))]
                    if value is not None and value > 0 and not _PEOPLE_DATE.search(clause):
                        undated.append(TimeHit(MVP, whole(value), start, end, note))
                        if last is None:
                            unnamed = undated[-1]
                previous_end = end
                continue
            field, named = found
        if field == MVP and match.group("after") and MVP in resolved:
            field = PRODUCTION  # "public launch 3 months after the MVP": the next milestone
        value, note = _months(match, ref, resolved, last)
        if value is not None and match.group("dur") and not match.group("after") and ref:
            value, note = _after_dated_event(text, match.end(), ref, value, note)
        if value is None or value <= 0:
            continue  # "in August" with no date to count from: the milestone stays free
        if match.group("dur") and not match.group("after") and value < _WEEK_MONTHS:
            continue  # "is working half day": shorter than any delivery, not a deadline
        if (
            field == PRODUCTION
            and last is None
            and unnamed is not None
            and _sentence_start(text, unnamed.start, ends) == sentence
            and unnamed.value < value
        ):
            # "for 2 clinics by the end of April, all 14 clinics by 31 July": the target no
            # milestone names, before production in its sentence, is the first delivery
            hits.append(TimeHit(MVP, unnamed.value, unnamed.start, unnamed.end, unnamed.note))
            resolved[MVP] = float(unnamed.value)
        previous_end = end
        # the phrase runs from the milestone's name when that comes first ("MVP in six weeks")
        phrase_start = named if start - named <= 60 else start
        if named > end:  # named later on the line the time heads
            said_later = _MILESTONE.match(text, named)
            phrase_start, end = start, said_later.end() if said_later else end
        said = _MILESTONE.match(text, named)
        weak = bool(said and said.group("wmvp"))
        hits.append(TimeHit(field, whole(value), phrase_start, end, note, weak))
        resolved.setdefault(field, float(value))
        last = field
        last_sentence = sentence
    _launch_after_beta(hits)
    hits, undated = (
        [
            h
            for h in found
            if not _NO_DATE.search(
                text, _sentence_start(text, h.end, ends), _next_end(h.end, ends, len(text))
            )
        ]
        for found in (hits, undated)
    )
    hits = hits + _unit_borrowed(text, hits, claimed)
    hits = _wishes_dropped(hits, text)
    _real_after_first(hits, text)
    _by_order(hits, undated)
    return hits


# "Something working by New Year's Eve would be amazing, but realistically ... end of January":
# a date named as a wish and then set aside
_WISH = re.compile(
    r"[^.;!?\n]{0,60}?\bwould\s+be\s+(?:\w+\s+)?(?:amazing|nice|great|ideal|lovely|a\s+dream"
    r"|brilliant|fantastic|awesome|perfect|cool)\b[^.;!?\n]{0,20}?\bbut\b",
    re.IGNORECASE,
)


def _wishes_dropped(hits: list[TimeHit], text: str) -> list[TimeHit]:
    """A date said as a wish gives way to another date for the same milestone."""
    wished = [h for h in hits if _WISH.match(text, h.end)]
    return [
        h
        for h in hits
        if h not in wished or not any(o.field == h.field and o not in wished for o in hits)
    ]


# "first version by 15 January, real version by 1 June": the real one is production
_UPGRADE = re.compile(
    r"\b(?:real|proper|actual|full|final|complete)\s+(?:version|thing|one|product|release|system"
    r"|app)\b",
    re.IGNORECASE,
)


def _real_after_first(hits: list[TimeHit], text: str) -> None:
    """A later 'real version' after a first one is production when none is named."""
    if any(h.field == PRODUCTION for h in hits):
        return
    mvp = sorted((h for h in hits if h.field == MVP), key=lambda h: h.start)
    for h in mvp[1:]:
        if h.value > mvp[0].value and _UPGRADE.search(text, h.start, h.end):
            h.field = PRODUCTION
            h.note = "; ".join(n for n in (h.note, "the real one after a first: production") if n)
            return


# "next winter, meaning 1 October 2028", "in Q3 (i.e. by 30 September)": said again, exactly
_RESTATED = re.compile(
    r"[ \t]*[,(]?[ \t]*(?:meaning|i\.e\.?,?|that\s+is|namely|which\s+is|so)[ \t]+"
    # "by the end of summer 2027 (31 August)": the day in brackets says it exactly
    r"|[ \t]*\([ \t]*(?:(?:planned|expected|i\.e\.?,?|=)[ \t]+)?(?=[^()\n]{3,25}\))"
    r"(?:by[ \t]+|on[ \t]+)?",
    re.IGNORECASE,
)
# "| 2027-09-01 | 2027-09-30 |", "2027-05-17 to 2027-07-02": a date another one follows in its row
_LATER_DATE = re.compile(r"[ \t]*(?:\||to|until|till|[-–—])[ \t]*20\d\d-\d\d-\d\d")


def _by_order(hits: list[TimeHit], undated: list[TimeHit]) -> None:
    """A date no milestone names is the one the brief leaves open, by its order.

    "M1: mechanics log work orders, 30 November 2027. M2: full production, 31 March 2028": the
    earlier target before production is the MVP; "launch before Black Friday; the dashboard can
    wait till the end of March": a later target after the MVP is production.
    """
    mvp = [h for h in hits if h.field == MVP]
    prod = [h for h in hits if h.field == PRODUCTION]
    if mvp and not prod:
        first = mvp[0]
        later = [u for u in undated if u.start > first.end and u.value > first.value]
        if later:
            last = max(later, key=lambda u: u.value)
            note = "; ".join(n for n in (last.note, _LATER_NOTE) if n)
            hits.append(TimeHit(PRODUCTION, last.value, last.start, last.end, note))
    elif prod and not mvp:
        first = prod[0]
        earlier = [u for u in undated if u.end <= first.start and u.value < first.value]
        if earlier:
            near = earlier[-1]
            note = "; ".join(n for n in (near.note, _EARLIER_NOTE) if n)
            hits.append(TimeHit(MVP, near.value, near.start, near.end, note))


_LATER_NOTE = "a later date no milestone names, after the MVP: read as production"
_EARLIER_NOTE = "an earlier date no milestone names, before production: read as the MVP"


# "... would be welcome, but no date is set": a milestone its own sentence leaves undated
_NO_DATE = re.compile(
    r"\bno\s+(?:fixed\s+|firm\s+)?date\s+(?:is\s+|has\s+been\s+)?(?:set|fixed|agreed|yet|decided)\b"
    r"|\bdate\s+(?:is\s+)?(?:TBC|TBD|not\s+(?:yet\s+)?(?:set|fixed|known))\b",
    re.IGNORECASE,
)
# a time that heads a line of a plan: "Week 14: ...", "By end of month 7: ..."
_MARKER = re.compile(r"[ \t]{0,2}(?:[:—–]|-\s)")
# what may stand before a time that heads its line: bullets, numbers, a press release's place
# ("HAMBURG, 2 June 2028 — ... launches city-wide")
_LINE_HEAD = re.compile(r"[\W\d_]*(?-i:[A-Z][A-Z .'-]{1,30},)?[ \t]*")


# "three months after award" where the brief dates the award ("contract award planned for
# 01.03.2027"): counted from that date; an event the brief does not date counts from now
_EVENT_AFTER = re.compile(
    r"[ \t]{1,3}(?:after|following|from)[ \t]{1,3}(?:the[ \t]{1,3})?"
    r"(?:contract[ \t]{1,3}|project[ \t]{1,3})?"
    r"(?P<event>award|kick-?off|signature|signing|sign-?off|start|approval|go-ahead)\b",
    re.IGNORECASE,
)


def _after_dated_event(
    text: str, end: int, ref: tuple[dt.date, str, bool], value: float, note: str | None
) -> tuple[float, str | None]:
    after = _EVENT_AFTER.match(text, end)
    if after is None or ref[0].year == 2000:
        return value, note
    event = after.group("event")
    dated = re.search(
        rf"\b{re.escape(event)}\b[^.;\n]{{0,60}}?(?:(?P<d>{_DATE})|(?P<n>\d{{1,2}}\.\d{{1,2}}\.20\d\d))",
        text,
        re.IGNORECASE,
    )
    if dated is None:
        return value, note
    day = (
        reference_date(dated.group("d"))
        if dated.group("d")
        else _numeric_head_date(dated.group("n"))
    )
    if day is None or day[0] <= ref[0]:
        return value, note
    months = round(value + (day[0] - ref[0]).days / DAYS_PER_MONTH, 2)
    said = f"after {event} ({day[0]:%-d %B %Y}), counted from {ref[1]!r}"
    return months, "; ".join(n for n in (note, said) if n)


def _next_end(pos: int, ends: list[int], default: int) -> int:
    return next((e for e in ends if e > pos), default)


def _milestone_on_line(text: str, end: int) -> tuple[str, int] | None:
    """The milestone named later on the line a time heads, a strong word before a weak one."""
    stop = text.find("\n", end)
    found = list(_MILESTONE.finditer(text, end, len(text) if stop < 0 else stop))
    for kind, field in (("mvp", MVP), ("prod", PRODUCTION), ("wprod", PRODUCTION), ("wmvp", MVP)):
        for m in found:
            if m.group(kind):
                return field, m.start()
    return None


def _launch_after_beta(hits: list[TimeHit]) -> None:
    """'Launch by end of Q2, beta in 6 weeks': a launch later than a beta is production."""
    strong = [h.value for h in hits if h.field == MVP and not h.weak]
    if not strong or any(h.field == PRODUCTION for h in hits):
        return
    for h in hits:
        if h.field == MVP and h.weak and h.value > max(strong):
            h.field = PRODUCTION


def _counted_back(
    text: str, match: re.Match[str], date: TimeHit, ends: list[int]
) -> list[TimeHit] | None:
    """'Season opens 5 Dec; the pilot ... 3 weeks before that': the pilot, and the date."""
    try:
        number = parse_quantity(match.group("q"))[0]
    except (ValueError, KeyError):
        return None
    unit = match.group("unit").lower().rstrip("s")
    unit = {"mo": "month", "wk": "week", "yr": "year"}.get(unit, unit)
    months = round(float(date.value) - number * MONTH_UNITS[unit], 2)
    found = _milestone_before(text, match.start(), _sentence_start(text, match.start(), ends))
    if months <= 0 or found is None or found[0] != MVP:
        return None
    said = text[match.start() : match.end()].strip()
    return [
        TimeHit(PRODUCTION, date.value, date.start, date.end, date.note),
        TimeHit(MVP, whole(months), found[1], match.end(), f"{said}: {date.value} months less"),
    ]


# "MVP in 5 months; full launch in 9": a bare number takes the unit of the time before it
_BARE_IN = re.compile(
    r"\b(?:in|within|after)\s+(?P<q>\d{1,2})\b(?![.,]?\d|[ \t]*(?:%|[A-Za-z]))", re.IGNORECASE
)
# "a day" after a word that is no preposition of time is a rate: "ship several times a day"
_A_RATE = re.compile(r"an?$", re.IGNORECASE)
_RATE_BEFORE = re.compile(
    r"(?:\b(?:times|once|twice)|(?:\d[\w.,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|grand|k)\b)"
    r"(?:\s+[A-Za-z$€£]{1,12})?)[,?]?\s+$",
    re.IGNORECASE,
)
# "for 6 months", "over 3 weeks": a length; "for the next 6 months" is a horizon too
# "Before that, a pilot ... for one month": a length that ends at the date named before
_BEFORE_THAT = re.compile(r"\bbefore\s+(?:that|then|this|it)\b", re.IGNORECASE)
_LENGTH = re.compile(r"\b(?:for|lasting|over)\s+(?:about\s+|around\s+|~\s*)?$", re.IGNORECASE)


def _unit_borrowed(text: str, hits: list[TimeHit], claimed: list[tuple[int, int]]) -> list[TimeHit]:
    """Bare numbers after a time on the same line: 'MVP in 5 months; full launch in 9'."""
    out: list[TimeHit] = []
    for m in _BARE_IN.finditer(text):
        start = m.start()
        if any(start < e and s < m.end() for s, e in claimed):
            continue
        line = text.rfind("\n", 0, start) + 1
        before = [h for h in hits if h.end <= start and h.start >= max(line, start - 120)]
        taken = {h.field for h in hits}
        if not before or len(taken) == 2:
            continue
        unit = _UNIT_OF.search(text, before[-1].start, before[-1].end)
        found = _milestone_before(text, start, before[-1].end)
        if unit is None or found is None or found[0] in taken:
            continue
        name = unit.group("unit").lower().rstrip("s")
        name = {"mo": "month", "wk": "week", "yr": "year"}.get(name, name)
        months = round(int(m.group("q")) * MONTH_UNITS[name], 2)
        note = f"{m.group('q')} {name}s, the unit of {text[before[-1].start : before[-1].end]!r}"
        out.append(TimeHit(found[0], whole(months), found[1], m.end(), note))
    return out


_UNIT_OF = re.compile(r"\d\s{0,3}" + _UNIT, re.IGNORECASE)


# "The campaign starts 1 Sept. We need it running by then.": a later word that refers to the date
_THEN = re.compile(
    r"(?<!weeks\s)(?<!months\s)(?<!days\s)(?<!week\s)(?<!month\s)(?<!day\s)"
    r"\b(?:by|before|for|until|in\s+time\s+for)\s+(?:then|that\s+(?:date|day|time|point)"
    r"|this\s+date|that)\b(?!\s+(?:the|a|an|is|we|it)\b)",
    re.IGNORECASE,
)


def _referred_to(text: str, end: int, ends: list[int]) -> tuple[tuple[str, int], int] | None:
    """The milestone a later 'by then' ties to a date no milestone was named with, and its end.

    The reference is looked for in the rest of the date's sentence and in the next one; the
    milestone is the one named before 'by then' there, else production: the thing must be in
    use by that date.
    """
    following = [e for e in ends if e > end]
    stop = following[1] if len(following) > 1 else len(text)
    then = _THEN.search(text, end, stop)
    if then is None:
        return None
    named = _milestone_before(text, then.start(), end)
    # "stations must stream by then (= MVP)": the milestone named right after the reference
    after = _AFTER_MILESTONE.match(text, then.end())
    if named is None and after is not None:
        named = (MVP if after.group("mvp") else PRODUCTION, then.start())
    return (named or (PRODUCTION, then.start())), then.end()


def _months(
    match: re.Match[str],
    ref: tuple[dt.date, str, bool] | None,
    resolved: dict[str, float],
    last: str | None,
) -> tuple[float | None, str | None]:
    """Months from the brief's date to the time a match names, and how they were counted."""
    if match.group("cal"):
        month = match.group("mnum") or match.group("mnum2")
        if month:
            return float(month), f"month {month} of the project"
        week = match.group("wnum") or match.group("wnum2")
        if week:
            return round(int(week) * 7 / DAYS_PER_MONTH, 2), f"week {week} of the project"
        if ref is None:
            return None, None
        months, target = _calendar_months(match, ref)
        to = f" to {target:%-d %B %Y}" if target is not None and ref[0].year > 2000 else ""
        return months, f"counted from {ref[1]!r}{to}"
    try:
        number, range_note = parse_quantity(match.group("q"))
    except (ValueError, KeyError):
        return None, None
    unit = match.group("unit").lower().rstrip("s")
    unit = {"mo": "month", "wk": "week", "yr": "year"}.get(unit, unit)
    if match.group("half"):
        number += 0.5
    months = round(number * MONTH_UNITS[unit], 2)
    notes = [n for n in (range_note,) if n]
    if unit != "month":
        notes.append(f"{match.group('dur').strip()} = {whole(months)} months")
    if match.group("after"):
        ref_word = (match.group("ref") or "").lower()
        base_field = MVP if ref_word or last is None else last
        base = resolved.get(base_field)
        if base is None:
            return None, None
        label = "the MVP" if base_field == MVP else "production"
        notes.append(f"{whole(months)} months after {label} ({whole(base)} months)")
        months = round(base + months, 2)
    return months, "; ".join(notes) or None
