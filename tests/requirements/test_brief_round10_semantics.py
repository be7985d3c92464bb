"""Round-ten brief mechanisms for consistency and realtime said in people's words.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import pytest

from archwise.requirements.brief_consistency import ConsistencyLexicon, consistency_hits
from archwise.requirements.brief_realtime import asked_before, phrase_pattern

from ._brief import values as _values

CONSISTENCY = "non_functional.consistency"
REALTIME = "functional.realtime"


@pytest.mark.parametrize(
    "text",
    [
        "The same locker can't go to two couriers.",
        "A gift card code cannot be redeemed twice.",
        "Each voucher number must be unique; the same voucher cannot be issued two times.",
        "A van promised to one florist cannot be promised to another.",
        "Seat totals have to be exact, always.",
        "The number of beds left must be exact per ward.",
        "Overbooking must never happen on the boat.",
        "We can't afford a double booking in the treatment rooms.",
        "Once a plot is reserved no one else can book it.",
        "Bookings can never exceed the capacity of the hall.",
        "Two choirs must never end up with the same rehearsal room.",
        "Un vélo ne peut pas être loué à deux personnes.",
        "Two volunteers can't both take the last shift.",
    ],
)
def test_a_unit_given_once_or_a_count_kept_exact_is_strong(text: str) -> None:
    assert _values(text)[CONSISTENCY] == "strong"


@pytest.mark.parametrize(
    "text",
    [
        "If the leaderboard is a couple of minutes behind, that's fine.",
        "Totals can lag and nobody minds.",
        "Consistency: eventual is fine, these are trends.",
        "It's fine if the league table catches up later, no need for the table to be exact.",
        "Exactness is not a goal for the view counter.",
    ],
)
def test_a_tolerated_lag_is_eventual(text: str) -> None:
    assert _values(text)[CONSISTENCY] == "eventual"


@pytest.mark.parametrize(
    "text",
    [
        "Two of us can't go to the same meeting.",
        "We cannot hire two more people this year.",
        "The estimate is accurate enough for planning.",
        "Last spring we sold the same table twice.",
        "If we ever sold a seat twice we would be in the news.",
    ],
)
def test_no_consistency_from_people_plans_or_history(text: str) -> None:
    assert CONSISTENCY not in _values(text)


def test_strong_outranks_a_tolerated_lag_elsewhere() -> None:
    text = (
        "The same room can't go to two guests. The occupancy chart may be a few minutes "
        "behind, that's fine."
    )
    got = _values(text)
    assert got[CONSISTENCY] == "strong"


def test_a_phrase_is_kept_for_each_consistency_read() -> None:
    hits = consistency_hits("Stock counts must be exact. The map can lag a bit, that is ok.")
    assert [(h.value, h.note.split(":")[0]) for h in hits] == [
        ("strong", "a count must be exact"),
        ("eventual", "data behind is said to be fine"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Live updating is not required; a page refresh every ten minutes is plenty.",
        "Nobody needs anything instant here.",
        "Tablets sync at night, no need live one.",
        "The status board doesn't need to be real-time, every five minutes is fine.",
        "Stock does NOT need to be live on the shop.",
        "Confirmation par courriel, pas besoin que ce soit instantané.",
    ],
)
def test_a_denied_live_update_is_not_realtime(text: str) -> None:
    assert _values(text)[REALTIME] is False


@pytest.mark.parametrize(
    "text",
    [
        "When a parcel is dropped, the owner's phone should buzz the moment it happens.",
        "Customer opens the app, picks a stop, and the booking is pushed to the driver's phone "
        "instantly.",
        "The counter should refresh itself on open pages, live, without anyone reloading.",
        "We don't go live until June, but scores must appear on every screen instantly.",
        "Not only live scores: the chat must reach everyone instantly too.",
    ],
)
def test_realtime_said_in_words(text: str) -> None:
    assert _values(text)[REALTIME] is True


def test_an_indirect_question_about_realtime_states_nothing() -> None:
    text = "Vendors asked whether the map must update in real time."
    assert asked_before(text, text.index("real time"))
    assert REALTIME not in _values(text)


def test_a_wildcard_word_inside_a_phrase_matches_any_one_word() -> None:
    import re

    pattern = re.compile(phrase_pattern(["both * the same"]), re.IGNORECASE)
    assert pattern.search("they can't both grab the same slot")
    assert not pattern.search("both the same")


def test_the_consistency_lexicon_rejects_an_empty_cue_list() -> None:
    with pytest.raises(ValueError, match="never"):
        ConsistencyLexicon.model_validate(
            {"never": [], "twice": ["twice"], "max_gap_words": 2, "counted": ["stock"],
             "exact": ["exact"], "lag": ["behind"], "fine": ["fine"]}
        )  # fmt: skip
