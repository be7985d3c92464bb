"""Round-ten brief mechanisms for consistency and realtime said in people's words.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import pytest

from archwise.requirements.brief_consistency import ConsistencyLexicon, consistency_hits
from archwise.requirements.brief_realtime import asked_before, phrase_pattern

from ._brief import near
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


MVP = "constraints.timeline.mvp_months"
PROD = "constraints.timeline.production_months"


@pytest.mark.parametrize(
    ("text", "mvp", "prod"),
    [
        # the real one after a first one is production
        ("Notes, 4 Jan 2027. First version by 1 March, real version by 1 July.", 1.84, 5.84),
        # a wish set aside for a realistic date
        (
            "Written 4 January 2027. A pilot by Valentine's would be great, but realistically "
            "a pilot end of March, production in June.",
            2.86,
            4.89,
        ),
        # "a first cut", "first phase"; "a month after that" counts from it
        ("About 6 weeks for a first cut, then production a month after that.", 1.38, 2.38),
        ("First phase we want to finish within 3 months, production within 8 months.", 3, 8),
        # "the end of next June" is the coming June
        ("Minutes, 4 January 2027. Pilot 1 March 2027; production by the end of next June.",
         1.84, 5.85),
    ],
)  # fmt: skip
def test_timelines_said_in_words(text: str, mvp: float, prod: float) -> None:
    got = _values(text)
    assert near(got[MVP], mvp), got.get(MVP)
    assert near(got[PROD], prod), got.get(PROD)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # a date in another language's words, with a dot after the day
        ("Today is 4. januar 2027. Production in April.", 2.89),
        ("On est le 4 janvier 2027. Production in April.", 2.89),
        # "04/01/2027" could be April or January: the brief writes "1 March", day first
        ("Ops notes (04/01/2027)\n\na\nb\nc\nd\nPilot 1 March 2027, production by 1 April 2027.",
         2.89),
        # and here month first
        ("Ops notes (01/04/2027)\n\na\nb\nc\nd\nPilot March 1, 2027, production by April 1, 2027.",
         2.89),
    ],
)  # fmt: skip
def test_the_brief_date_in_other_words(text: str, months: float) -> None:
    assert near(_values(text)[PROD], months), _values(text).get(PROD)


def test_an_ambiguous_slashed_date_with_no_other_date_gives_nothing() -> None:
    from archwise.requirements.brief_time import reference_date

    assert reference_date("Ops notes (04/01/2027)\n\nno other dates here") is None


def test_release_a_month_after_is_no_deploy_frequency() -> None:
    got = _values("Beta in two months, and the public release a month and a half after that.")
    assert "constraints.ops.deploy_frequency" not in got
    assert near(got[PROD], 3.5)


CLIENTS = "functional.clients"


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        ("Web and iOS at launch; Android is not planned for v1.", ["web", "ios"]),
        ("Channels: web | Android (counter staff). iOS no.", ["web", "android"]),
        ("Web for volunteers and an Android app; the old iOS app gets retired.", ["web", "android"]),
        ("An Android app for the crews. Later maybe a web page for the office, but not now.",
         ["android"]),
        ("iPhone and Android, plus a desktop reader for Mac & Windows.",
         ["ios", "android", "desktop"]),
        ("Réservations en ligne : site web seulement, pas d'app mobile.", ["web"]),
        ("| Client | In v1 |\n|---|---|\n| web | yes |\n| iOS | yes |", ["web", "ios"]),
        ("iOS and Android apps. No browser version; the website stays as it is.",
         ["ios", "android"]),
    ],
)  # fmt: skip
def test_clients_said_and_ruled_out(text: str, clients: list[str]) -> None:
    got = _values(text)[CLIENTS]
    assert isinstance(got, list)
    assert sorted(got) == sorted(clients)


def test_the_two_holders_of_a_consistency_phrase_are_no_users() -> None:
    got = _values("The same slot can't go to two people.")
    assert got[CONSISTENCY] == "strong"
    assert "non_functional.users.total" not in got
