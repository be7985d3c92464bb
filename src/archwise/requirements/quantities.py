"""Numbers as people write them: '100k', '1.5 million', 'forty-five', 'half a million', '10-20k'.

The patterns are linear in the text: a number starts only where no digit, letter or separator
precedes it, and every repeat is bounded, so a run of 100,000 digits is tried once, not
100,000 times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Seconds in one unit of a rate's "per" or a duration, by the spellings briefs and requirements use.
SECONDS_PER_UNIT: dict[str, float] = {
    "second": 1.0,
    "sec": 1.0,
    "s": 1.0,
    "minute": 60.0,
    "min": 60.0,
    "hour": 3600.0,
    "hr": 3600.0,
    "h": 3600.0,
    "day": 86_400.0,
    "d": 86_400.0,
}


UNIT_WORDS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, float] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Words that stand for a number only with what follows ("a million", "a dozen", "half a year").
LEAD_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "half": 0.5,
    "half of": 0.5,
}
WORD_NUMBERS: dict[str, float] = {**UNIT_WORDS, **TENS_WORDS, **LEAD_WORDS, "hundred": 100}
MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "hundred": 1e2,
    "thousand": 1e3,
    "thousands": 1e3,
    "hundreds": 1e2,
    "billions": 1e9,
    "m": 1e6,
    "mm": 1e6,
    "mil": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    # Indian English: a lakh is 100,000, a crore 10 million ("25 lakh customers")
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
NINES: dict[str, float] = {
    "two": 99.0,
    "three": 99.9,
    "four": 99.99,
    "five": 99.999,
    "six": 99.9999,
    "2": 99.0,
    "3": 99.9,
    "4": 99.99,
    "5": 99.999,
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_UNITS = _alternation(UNIT_WORDS)
_TENS = _alternation(TENS_WORDS)
# "4.000" and "12.500" are thousands written with a dot (most of Europe); "99.999%" is not.
_DOT_THOUSANDS = r"[1-9]\d{0,2}(?:\.\d{3}){1,3}(?![\d.,])(?!\s{0,2}(?:%|percent|per\s?cent|nines))"
# "350 000" and "4 500": thousands grouped by a (thin, narrow or no-break) space, as in French
# and SI style
_SPACE_THOUSANDS = r"[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3}){1,3}(?![\d.,]\d)(?![\d])"
# "18'000" and "CHF 2'400": thousands grouped by an apostrophe, as in Switzerland
_APOSTROPHE_THOUSANDS = r"[1-9]\d{0,2}(?:['\u2019]\d{3}){1,3}(?![\d'\u2019])"
# "1,20,000" and "12,50,000": Indian grouping, two digits a group above the thousands
_INDIAN_THOUSANDS = r"[1-9]\d?(?:,\d\d){1,3},\d{3}(?![\d,])(?:\.\d{1,2})?"
# where a number may start: not inside a word, a decimal or a group ("18'000" is not "000"), or
# right after a rand sign that is a letter ("R32 000", "R1500"), when what follows is an amount
_NUMBER_START = (
    r"(?:(?<![\w.,:/])(?<!\d['\u2019])"
    r"|(?<=\bR)(?=\d{1,3}[ ,.'\u2019\u00a0\u202f\u2009]\d{3}(?!\d)|\d{4}(?!\d)))"
)
# "1,5 seconds", "2,5 TB": a decimal comma, read only before a unit (a thousands comma has three
# digits after it)
_DECIMAL_COMMA = (
    r"\d{1,3},\d{1,2}(?![\d,])(?=[ \t]?(?:%|percent\b|ms\b|s\b|secs?\b|seconds?\b|minutes?\b"
    r"|hours?\b|[KMGTP]B\b|x\b|times\b)|[kKM](?![A-Za-z]))"
)
DIGITS = (
    rf"{_NUMBER_START}(?:{_DECIMAL_COMMA}|{_INDIAN_THOUSANDS}"
    rf"|\d{{1,3}}(?:,\d{{3}}){{1,4}}(?![\d,])(?:\.\d{{1,6}})?"
    rf"|{_DOT_THOUSANDS}"
    rf"|{_SPACE_THOUSANDS}"
    rf"|{_APOSTROPHE_THOUSANDS}"
    r"|\d{1,12}(?:\.\d{1,6})?(?![\d])"
    r"|\.\d{1,6}(?![\d]))"
)
_WORD = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_UNITS}"
    r"|a\s{1,3}dozen|(?<!few\s)(?<!several\s)dozen|a\s{1,3}couple(?:\s{1,3}of)?|couple\s{1,3}of"
    r"|half\s{1,3}an?|a\s{1,3}half|half(?=\s{1,3}(?:a\s|an\s)?(?:second|minute|hour|day|week|month|year|million|thousand|dozen))"
    # "under half of second": a writer who leaves out the article
    r"|half\s{1,3}of(?=\s{1,3}(?:second|minute|hour|day|week|month|year)s?\b)|an?)\b"
)
_HALF = r"(?:\s{1,3}and\s{1,3}a\s{1,3}half)"
MULT = (
    # a letter of any script ends it: "1 000 Kč" is koruna, not a thousand thousand
    r"(?:\s{0,3}(?:k|K|mm|MM|m|M|bn|b|B)(?![^\W\d_])"
    # "14 thousands families": a plural multiplier after digits, as non-native writers put it
    r"|\s{1,3}(?:hundreds?|thousands?|millions?|mil|mn|billions?|lakhs?|lacs?|crores?)\b)"
)
# 1 to 99 in words, and 1 to 999: "a hundred and fifty", "nine thousand two hundred"
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_UNITS})\b"
_AND = r"\s{1,3}(?:and\s{1,3})?"
_HUNDREDS = rf"{_SMALL}(?:\s{{1,3}}hundred\b(?:{_AND}{_SMALL})?)?"
_WORD_NUMBER = (
    rf"\b{_WORD}{_HALF}?(?:\s{{1,3}}(?:hundred\b(?:{_AND}{_SMALL})?|dozen\b))?{_HALF}?"
    rf"(?:\s{{1,3}}(?:thousand|million|billion|lakhs?|crores?)\b(?:{_AND}{_HUNDREDS})?)?"
)
NUMBER = rf"(?:(?:{DIGITS})(?:{MULT})?|{_WORD_NUMBER})"
# A number or a range ("10-20k", "10k to 20k", "between 5 and 8"): the caller names the group.
QUANTITY = (
    rf"(?:between\s{{1,3}}{NUMBER}\s{{1,3}}and\s{{1,3}}{NUMBER}"
    rf"|{NUMBER}(?:\s{{0,3}}(?:-|–|—|to)\s{{0,3}}{NUMBER}|\s{{1,3}}or\s{{1,3}}{NUMBER})?)"
)
_RANGE = re.compile(
    rf"^(?:between\s+)?(?P<lo>{NUMBER})\s*(?:-|–|—|to|and|\bor\b)\s*(?P<hi>{NUMBER})$",
    re.IGNORECASE,
)
_ONE_DIGITS = re.compile(rf"^(?P<num>{DIGITS})(?P<mult>{MULT})?$", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)


def _words_value(text: str) -> float:
    """Value of a number in words: 'two and a half thousand', 'forty-five', 'half a million'."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    if not words:
        raise ValueError(text)
    value = 0.0
    i = 0
    # the leading number: a lead phrase or tens(-units)
    for phrase in sorted(LEAD_WORDS, key=len, reverse=True):
        parts = phrase.split()
        if words[: len(parts)] == parts:
            value, i = LEAD_WORDS[phrase], len(parts)
            break
    else:
        if words[0] in TENS_WORDS:
            value, i = TENS_WORDS[words[0]], 1
            if i < len(words) and words[i] in UNIT_WORDS:
                value, i = value + UNIT_WORDS[words[i]], i + 1
        elif words[0] in UNIT_WORDS:
            value, i = UNIT_WORDS[words[0]], 1
        else:
            raise ValueError(text)
    total = 0.0  # the groups closed by 'thousand' or 'million'; value is the open group
    while i < len(words):
        word = words[i]
        if words[i : i + 3] == ["and", "a", "half"]:
            value, i = value + 0.5, i + 3
        elif word == "and" and i + 1 < len(words):
            i += 1
        elif word in UNIT_WORDS or word in TENS_WORDS:
            value, i = value + UNIT_WORDS.get(word, TENS_WORDS.get(word, 0.0)), i + 1
        elif word == "dozen":
            value, i = value * 12, i + 1
        elif word == "hundred":
            value, i = value * 100, i + 1
        elif word in MULTIPLIERS:
            total, value, i = total + value * MULTIPLIERS[word], 0.0, i + 1
        else:
            raise ValueError(text)
    return total + value


def _single(text: str) -> tuple[float, str | None]:
    """Value of one number and its multiplier word (None when it has none)."""
    cleaned = text.strip()
    if re.fullmatch(r"\d{1,3},\d{1,2}", cleaned):
        return float(cleaned.replace(",", ".")), None  # a decimal comma (_DECIMAL_COMMA)
    match = _ONE_DIGITS.match(cleaned)
    if not match:
        return _words_value(cleaned), None
    raw = match.group("num")
    if re.fullmatch(r"\d{1,3},\d{1,2}", raw):
        raw = raw.replace(",", ".")  # "$2,5k": a decimal comma before a multiplier
    if re.fullmatch(_DOT_THOUSANDS, raw):
        raw = raw.replace(".", "")

    value = float(re.sub(r"[,_ '\u2019\u00a0\u202f\u2009]", "", raw))
    mult = (match.group("mult") or "").strip()
    if not mult:
        return value, None
    return value * MULTIPLIERS[mult.lower()], mult.lower()


def parse_quantity(text: str) -> tuple[float, str | None]:
    """Return the number a phrase means and a note; a range gives its upper bound."""
    cleaned = " ".join(text.split())
    try:
        return _single(cleaned)[0], None
    except (ValueError, KeyError):
        pass
    rng = _RANGE.match(cleaned)
    if rng:
        lo_text, hi_text = rng.group("lo"), rng.group("hi")
        hi, hi_mult = _single(hi_text)
        lo, lo_mult = _single(lo_text)
        if lo_mult is None and hi_mult is not None and lo < hi / MULTIPLIERS[hi_mult]:
            lo *= MULTIPLIERS[hi_mult]  # "10-20k": the unit of the upper bound applies to both
        return hi, f"range {_fmt(lo)}-{_fmt(hi)}: upper bound taken"
    raise ValueError(text)


def significant_digits(text: str) -> int:
    """How precisely a number is written: '4,820' has 3, '5k' and 'five thousand' have 1."""
    integral = text.split(".", maxsplit=1)[0] if "." in text and "," in text else text
    digits = re.sub(r"[^\d]", "", integral)
    return len(digits.strip("0")) if digits else 1


def whole(value: float) -> int | float:
    """An integral float as int, otherwise the float unchanged."""
    return int(value) if float(value).is_integer() else value


def _fmt(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size and (value / size) == int(value / size):
            return f"{int(value / size)}{suffix}"
    return f"{whole(value)}"


# Currencies written after an amount, beyond the dollar, euro and pound each pattern spells out:
# ISO 4217 codes of the larger economies and the everyday names and symbols of their money
# ("3000 RMB each month", "KES 25,000", "40,000 rand"). Kept unconverted, with a note.
CURRENCY_CODES = (
    "CNY|RMB|KES|ZAR|MXN|ARS|CLP|COP|PEN|KRW|THB|MYR|IDR|SGD|HKD|TWD|AED|SAR|QAR|EGP|MAD"
    "|TRY|RON|HUF|CZK|BGN|UAH|ILS|PKR|BDT|LKR|NPR|GHS|UGX|TZS|ETB|XOF|AUD|NZD|CAD"
)
CURRENCY_NAMES = (
    r"yuan|renminbi|shillings?|rand|pesos?|baht|ringgit|rupiah|dirhams?|riyals?|dinars?"
    r"|lei|forints?|korun[ay]|kč|hryvnias?|shekels?|taka|cedis?|birr|zlot(?:y|ys|ies)"
)
# a code that stands before the amount: "KES 25,000", "CNY 3,000"
CURRENCY_BEFORE = rf"(?-i:{CURRENCY_CODES}|元)"
CURRENCY_AFTER = rf"(?-i:{CURRENCY_CODES})\b|(?:{CURRENCY_NAMES})\b|元"

# How a currency is written -> its ISO 4217 code, so a note names the money and not only the sign
# people wrote ("R32 000" is rand). Signs several currencies share ("kr", "¥") are named by all.
_CURRENCY_ISO = {
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "c$": "CAD", "ca$": "CAD", "s$": "SGD",
    "hk$": "HKD", "r$": "BRL", "reais": "BRL", "€": "EUR", "eur": "EUR", "euros": "EUR",
    "euro": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP", "quid": "GBP", "r": "ZAR",
    "rand": "ZAR", "₹": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR", "₽": "RUB",
    "₦": "NGN", "₫": "VND", "zł": "PLN", "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN",
    "francs": "CHF", "tl": "TRY", "lira": "TRY", "yen": "JPY", "元": "CNY", "rmb": "CNY",
    "yuan": "CNY", "renminbi": "CNY", "kč": "CZK", "koruna": "CZK", "korun": "CZK",
    "kr": "SEK, NOK, DKK or ISK", "kr.": "SEK, NOK, DKK or ISK", "¥": "JPY or CNY",
    "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "shekels": "ILS", "shekel": "ILS",
    "taka": "BDT", "birr": "ETB", "cedis": "GHS", "cedi": "GHS", "forints": "HUF",
    "forint": "HUF", "hryvnias": "UAH", "hryvnia": "UAH", "lei": "RON",
}  # fmt: skip
_US_DOLLAR = frozenset({"", "$", "us$", "usd", "dollars", "dollar", "bucks"})


def currency_note(written: str) -> str | None:
    """'in ZAR (written 'R'), not converted to USD' for money not in US dollars, else None."""
    said = " ".join(written.split())
    key = said.lower()
    if key in _US_DOLLAR:
        return None
    code = _CURRENCY_ISO.get(key, said.upper())
    if code == said:
        return f"in {code}, not converted to USD"
    return f"in {code} (written {said!r}), not converted to USD"
