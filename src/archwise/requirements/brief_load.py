"""Traffic shape from how long a busy time lasts: hours are a spike, weeks and months a season."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from archwise.regex_store import compiled
from archwise.requirements.quantities import NUMBER, QUANTITY, parse_quantity, whole

NF = "non_functional"
TRAFFIC = f"{NF}.traffic"
SPIKE = f"{NF}.spike.multiple"
DURATION = f"{NF}.spike.duration_minutes"

# a sentence or a bullet: a line break ends one only before a blank line, a bullet, a table row
# or a speaker's label, so prose wrapped at a fixed width stays one clause (a decimal point or a
# time "7.30" ends none)
_ITEM_START = (
    r"[ \t]*(?:\n|[-*•|>#]|\d{1,3}[.)][ \t]|[A-Za-z][\w .'-]{0,24}:[ \t]|[A-Z]{1,4}\d{0,3}[ \t])"
)
_CLAUSE = re.compile(rf"(?:[^.;!?\n]|\n(?!{_ITEM_START}))+(?:[.;!?](?!\d)|\n(?={_ITEM_START})|$)")
# the load said to be a multiple of itself or to rise: "5x", "four times", "doubling", "the triple",
# "rise by about 40%", "5 guna" (Hindi's "times")
_MULTIPLE = compiled(
    rf"(?:{QUANTITY})\s*(?:x|×|times|fold|guna)\b"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)fold\b"
    r"|\b(?:doubl\w*|tripl\w*|quadrupl\w*|twice|thrice)\b"
    r"|\b(?:rise|rises|rising|grow|grows|jump|jumps|goes\s+up|go\s+up|increase|increases)\s+"
    r"(?:by\s+)?(?:about\s+|around\s+|roughly\s+|some\s+|~\s*)?\d{1,3}\s*(?:%|percent|per\s?cent)",
    re.IGNORECASE,
)
# words that say the load itself is high at that time
_BUSY = re.compile(
    r"\b(?:busy|busier|busiest|peaks?|peaking|rush|heavy|heavier|heaviest|biggest|mad|nuts"
    r"|crazy|chaos|chaotic|slammed|hammered|surges?|spikes?|flush|stampede|flood|influx|wave"
    r"|avalanche|barrage|flurry|crush)\b"
    # the crowd arriving together: "everyone at once when results drop", "everybody piles in"
    r"|\bevery(?:one|body)\s+(?:[\w-]+\s+){0,3}?at\s+once\b|\ball\s+at\s+once\b"
    r"|\bpil(?:e|es|ed|ing)\s+in\b"
    # most of the load arriving then: "most orders come in around lunchtime"
    r"|\bmost\s+(?:of\s+(?:the|our)\s+)?[a-z]{3,15}\s+(?:come|comes|arrive|arrives|happen|land|hit)\b"
    # the load gathered in one part of the year: "bookings are all in winter", "95% of our year"
    r"|\b(?:all|mostly|almost\s+all)\s+in\s+(?:the\s+)?(?:spring|summer|autumn|fall|winter)\b"
    r"|\b\d{1,3}\s*(?:%|percent|per\s?cent)\s+of\s+(?:our|the)\s+(?:whole\s+)?year\b",
    re.IGNORECASE,
)
# what is busy: load, traffic, demand, volumes, usage
_LOAD = re.compile(
    r"\b(?:load|traffic|demand|volumes?|usage|requests|visitors|orders|bookings|sales)\b",
    re.IGNORECASE,
)
# a growth target is no season: "10x next year", "double within a year", "reach 2k by 2028"
_GROWTH = re.compile(
    r"\b(?:next\s+year|within\s+(?:a|one|two|three|\d)\s+years?|in\s+(?:a|one|two|three|\d)\s+"
    r"years?|by\s+(?:20\d\d|next|the\s+end)|year[- ]on[- ]year|every\s+year|per\s+year|a\s+year"
    r"|annually|reach\w*|growth|grow\s+to)\b",
    re.IGNORECASE,
)
# how long the burst lasts: "for like 20 min", "the first six hours", "the two hours before"
# ("for the whole afternoon, roughly 4 hours", "call it 5 hours", "for the first hour or so")
_SHORT = compiled(
    r"(?:\b(?:for|during|lasting|lasts?|lasted|over|in|the\s+first|first|the|call\s+it)\s+"
    r"|,\s*(?=(?:call\s+it|say|roughly|about|around|approx\.?|maybe|some)\s))"
    r"(?:(?:like|about|around|roughly|maybe|some|approx\.?|the|first|next|last|call\s+it|say)\s+)"
    rf"{{0,2}}(?P<q>{QUANTITY}|an?|the|first)\s*"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h)\b(?!\s*(?:a|per|each|every)\b)",
    re.IGNORECASE,
)
# a time of day to another: "between 7 and 8", "6am to 9am", "from 17:00 to 19:00", "7-9am"
_CLOCK = re.compile(
    r"\b(?:between|from)\s+(?P<a>\d{1,2})(?:[:.](?P<am>\d\d))?\s*(?P<ap>am|pm|h)?\s*"
    r"(?:and|to|till|until|-|–)\s*(?P<b>\d{1,2})(?:[:.](?P<bm>\d\d))?\s*(?P<bp>am|pm|h)?\b"
    r"|\b(?P<a2>\d{1,2})(?:[:.](?P<am2>\d\d))?\s*(?P<ap2>am|pm)?\s*(?:-|–|to)\s*"
    r"(?P<b2>\d{1,2})(?:[:.](?P<bm2>\d\d))?\s*(?P<bp2>am|pm)\b"
    # "11:30 to 13:30": both times with their minutes
    r"|\b(?P<a3>\d{1,2}):(?P<am3>\d\d)\s*(?:-|–|to|till|until)\s*(?P<b3>\d{1,2}):(?P<bm3>\d\d)\b",
    re.IGNORECASE,
)
_MONTH_NAMES = "january|february|march|april|june|july|august|september|october|november|december"
# a stretch of the calendar: named months, seasons, weeks and months of load
_LONG = compiled(
    rf"\b(?:{_MONTH_NAMES})\b"
    r"|\b(?:spring|summer|autumn|winter|monsoon|harvest|holiday|festive)\s+(?:months?|season|weeks?"
    r"|flush|rush|peak|period)\b|\b(?:in|during|every|each)\s+(?:the\s+)?(?:spring|summer|autumn"
    r"|winter|monsoon)\b|\b(?:haute\s+saison|high\s+season|low\s+season|peak\s+season|season)\b"
    r"|\b(?:the\s+whole|that|this|the\s+entire|all)\s+(?:week|month)\b|\b(?-i:[A-Z]{2,6})\s+week\b"
    # a season or a school's year as the subject: "Summer is 3 times busier", "term time is busy"
    r"|^\s*(?:the\s+)?(?:spring|summer|autumn|winter)\b|\bterm[- ]time\b|\bschool\s+holidays\b"
    r"|\b(?:semester|term)\s+(?:start|starts|begins)\b"
    rf"|\b(?:for|during|lasting|over)\s+(?:(?:about|around|roughly|some|the)\s+)?(?:{QUANTITY})"
    r"\s*(?:weeks?|months?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LoadShape:
    """A traffic shape or a spike's length read from one clause."""

    field: str
    value: str | int | float
    start: int
    end: int
    note: str
    clause: tuple[int, int]


def _hours(hour: int, part: str | None) -> int:
    part = (part or "").lower()
    if part == "pm" and hour < 12:
        return hour + 12
    if part == "am" and hour == 12:
        return 0
    return hour


def _clock_minutes(match: re.Match[str]) -> float | None:
    """Minutes from one time of day to the other, or None when it is no window of a day."""
    g = match.groupdict()
    which = "" if g["a"] else ("2" if g["a2"] else "3")
    a, b = g["a" + which], g["b" + which]
    am, bm = g["am" + which], g["bm" + which]
    ap, bp = g.get("ap" + which), g.get("bp" + which)
    if ap is None and bp in ("am", "pm", "AM", "PM"):
        ap = bp
    start = _hours(int(a), ap) * 60 + int(am or 0)
    end = _hours(int(b), bp) * 60 + int(bm or 0)
    if int(a) > 24 or int(b) > 24:
        return None
    if ap is None and bp is None and int(b) < int(a) <= 12 and not bm:
        end += 12 * 60  # "the lunch rush from 12 to 2": the hours of a working day
    minutes = (end - start) % (24 * 60)
    return float(minutes) if 0 < minutes <= 12 * 60 else None


def _short_minutes(match: re.Match[str]) -> float | None:
    q = match.group("q")
    value = 1.0 if q.lower() in ("a", "an", "the", "first") else parse_quantity(q)[0]
    unit = match.group("unit").lower()
    minutes = value * (60 if unit.startswith("h") else 1)
    return minutes if 0 < minutes <= 12 * 60 else None


_WORD_FACTORS = {"doubl": 2.0, "twice": 2.0, "tripl": 3.0, "thrice": 3.0, "quadrupl": 4.0}
_TIMES = compiled(rf"(?P<q>{QUANTITY})\s*(?:x|×|times|fold|guna)\b", re.IGNORECASE)


def _factor(match: re.Match[str]) -> float | None:
    """The multiple a load phrase states, or None for a rise in percent."""
    said = match.group()
    times = _TIMES.fullmatch(said)
    if times is not None:
        value = parse_quantity(times.group("q"))[0]
        return whole(value) if 1 < value <= 1000 else None
    if said.lower().endswith("fold") and said[0].isalpha():  # "tenfold"
        return whole(parse_quantity(said[:-4])[0])
    for stem, value in _WORD_FACTORS.items():
        if said.lower().startswith(stem):
            return value
    return None


def load_shapes(text: str) -> list[LoadShape]:
    """Shapes of the load each busy clause states, by how long its busy time lasts."""
    found: list[LoadShape] = []
    for clause in _CLAUSE.finditer(text):
        body = clause.group()
        multiple = _MULTIPLE.search(body)
        busy = _BUSY.search(body)
        if not multiple and not busy:
            continue
        if _GROWTH.search(body):
            continue
        base = clause.start()
        span = clause.span()
        window: tuple[float, re.Match[str]] | None = None
        for match in _SHORT.finditer(body):
            minutes = _short_minutes(match)
            if minutes is not None:
                window = (minutes, match)
                break
        if window is None:
            for match in _CLOCK.finditer(body):
                minutes = _clock_minutes(match)
                if minutes is not None:
                    window = (minutes, match)
                    break
        if window is not None and (multiple or busy):
            minutes, match = window
            # the phrase is the busy time only, so the clause's other numbers are still read
            note = f"a busy time of {minutes:g} minutes: a spike"
            at, end = base + match.start(), base + match.end()
            found.append(LoadShape(TRAFFIC, "spiky", at, end, note, span))
            found.append(LoadShape(DURATION, whole(minutes), at, end, note, span))
            factor = _factor(multiple) if multiple else None
            if factor is not None and multiple is not None:
                found.append(
                    LoadShape(
                        SPIKE, factor, base + multiple.start(), base + multiple.end(), note, span
                    )
                )
            continue
        season = _LONG.search(body)
        if season is not None and (multiple or (busy and _LOAD.search(body))):
            note = f"busy for a stretch of the calendar ({season.group().strip()!r}): seasonal"
            found.append(
                LoadShape(
                    TRAFFIC,
                    "seasonal",
                    base + season.start(),
                    base + season.end(),
                    note,
                    span,
                )
            )
    return found


EVENTS = f"{NF}.throughput.events_per_second"
# things counted before what each of them sends: "64 gritters and 12 ploughs", "1,200 meters"
_SENDERS = rf"(?P<senders>(?:{NUMBER})\s+[A-Za-z-]{{2,20}}(?:\s+[A-Za-z-]{{2,20}})?" + (
    rf"(?:\s*(?:,|\+|&|\band\b)\s*(?:{NUMBER})\s+[A-Za-z-]{{2,20}}(?:\s+[A-Za-z-]{{2,20}})?){{0,3}})"
)
_ONE_SENDER = re.compile(rf"(?P<q>{NUMBER})\s+[A-Za-z-]{{2,20}}", re.IGNORECASE)
# each of them sending one thing every so often: "each sending its GPS position every 10 seconds"
_EVERY = compiled(
    _SENDERS + r"\s*,?\s+(?:(?:each|every\s+one|all)\s+(?:of\s+them\s+)?)"
    r"(?:sending|sends|send|reporting|reports|report|posting|posts|publishing|publishes|pinging"
    r"|pings|emitting|emits|transmitting|transmits|uploading|uploads)\s+(?:(?:its|their|a|an|one)\s+)?"
    r"(?:[A-Za-z-]{2,15}\s+){0,2}?(?:position|location|reading|update|message|event|ping|heartbeat"
    r"|report|status|sample|frame|photo|image)s?\s+(?:once\s+)?every\s+"
    rf"(?:(?P<k>{NUMBER})\s*)?(?P<unit>seconds?|secs?|s|minutes?|mins?)\b",
    re.IGNORECASE,
)


# the same when the sending is said more loosely, in one sentence: "3,150 inverters, each
# reporting every 30 seconds", "38 gates, on the peak every gate makes one scan every 4 seconds",
# "12 stalls, one reading every 5 seconds per stall", "85 cold rooms ... each have 4 temperature
# probes reporting once a minute"
_LOOSE = compiled(
    rf"(?P<senders>(?:{NUMBER})\s+(?!(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|months?|years?|ms|percent|per|times|x|GB|TB|MB|kB)\b)[A-Za-z-]{2,20}(?:\s+[A-Za-z-]{2,20})?)"
    # prose wrapped at a fixed width: one line break inside the sentence
    r"(?P<between>(?:[^.;!?\n]|\n(?![ \t]*\n)){0,80}?)"
    r"\b(?:once\s+(?:a|per|every)\s+(?P<unit1>second|minute)"
    rf"|every\s+(?:(?P<k>{NUMBER})\s*)?(?P<unit>seconds?|secs?|s|minutes?|mins?)\b)"
    r"(?P<tail>\s+(?:per|for\s+each|from\s+each)\s+[a-z-]{2,20})?",
    re.IGNORECASE,
)
# each member is one sender, or holds several: "each have 4 temperature probes"
_EACH = re.compile(r"\b(?:each|every\s+[a-z-]{2,20}|all\s+of\s+them)\b", re.IGNORECASE)
_EACH_HOLDS = re.compile(
    rf"\beach\s+(?:has|have|with|carries|carry|holds?)\s+(?P<m>{NUMBER})\s+[A-Za-z-]{{2,20}}",
    re.IGNORECASE,
)
# what each sender sends, so the sentence is about sending ("reporting", "one scan", "a reading")
_SENDS = re.compile(
    r"\b(?:send\w*|report\w*|post\w*|publish\w*|ping\w*|emit\w*|transmit\w*|upload\w*"
    r"|reading|readings|scan|scans|sample|samples|update|updates|message|messages|event|events"
    r"|heartbeat|heartbeats|position|positions|frame|frames|measurement|measurements)\b",
    re.IGNORECASE,
)


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, each start tried: "a steady rate ... 1,200 meters, each reporting every 15
    minutes" is read from "1,200 meters" when the match from "a steady" is no fleet."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        yield match
        at = match.start() + 1


def _loose_rates(text: str, taken: list[tuple[int, int]]) -> list[LoadShape]:
    found: list[LoadShape] = []
    for match in _overlapping(_LOOSE, text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        between = match["between"]
        if not (_EACH.search(between) or match["tail"]) or not _SENDS.search(between):
            continue
        try:
            senders = parse_quantity(match["senders"].split()[0])[0]
            holds = _EACH_HOLDS.search(between)
            if holds is not None:
                senders *= parse_quantity(holds["m"])[0]
            every = parse_quantity(match["k"])[0] if match["k"] else 1.0
        except (ValueError, KeyError):
            continue
        unit = (match["unit"] or match["unit1"]).lower()
        seconds = every * (60 if unit.startswith("m") else 1)
        if senders < 2 or seconds <= 0:
            continue
        rate = whole(round(senders / seconds, 2))
        note = f"{senders:g} senders, one each every {seconds:g} s: {rate:g} per second"
        found.append(LoadShape(EVENTS, rate, match.start(), match.end(), note, match.span()))
        taken = [*taken, match.span()]
    return found


def sender_rates(text: str) -> list[LoadShape]:
    """Event rates from a fleet and how often each of its members sends (76 every 10 s: 7.6/s)."""
    found: list[LoadShape] = []
    for match in _EVERY.finditer(text):
        senders = sum(
            parse_quantity(m.group("q"))[0] for m in _ONE_SENDER.finditer(match["senders"])
        )
        every = parse_quantity(match["k"])[0] if match["k"] else 1.0
        seconds = every * (60 if match["unit"].lower().startswith("m") else 1)
        if senders < 1 or seconds <= 0:
            continue
        rate = whole(round(senders / seconds, 2))
        note = f"{senders:g} senders, one each every {seconds:g} s: {rate:g} per second"
        found.append(LoadShape(EVENTS, rate, match.start(), match.end(), note, match.span()))
    return found + _loose_rates(text, [r.clause for r in found])
