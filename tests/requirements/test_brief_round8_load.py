"""Round-eight brief mechanisms for realtime, residency, users, latency and files, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief_realtime import realtime_hits, sentences

from ._brief import values as _values

RT = "functional.realtime"


@pytest.mark.parametrize(
    "text",
    [
        "When a volunteer claims a shift, the other coordinators see it on their rota immediately.",
        "Each new bid must reach every watcher of the lot within 2 seconds.",
        "The referee's decision appears on all the fans' phones the moment it is logged.",
        "Tutors' notes sync to the pupil's tablet as they are written.",
        "The kiln controller's temperature shows on the studio dashboard without a manual refresh.",
        "Couriers move on the customer's map live, the dot moving street by street.",
    ],
)
def test_an_update_that_reaches_others_as_it_happens_is_realtime(text: str) -> None:
    assert _values(text)[RT] is True


@pytest.mark.parametrize(
    "text",
    [
        # one's own page answering, however fast, is no push
        "The invoice page loads on the customer's phone within 2 seconds.",
        "Search results appear on screen in under a second.",
        # a launch, not an update
        "The parents' app has to go live on all phones by September.",
        # no receiver or no time
        "The scheduler updates the rota every night.",
    ],
)
def test_a_fast_page_a_launch_or_a_nightly_job_is_not_realtime(text: str) -> None:
    assert RT not in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "No live features: the app is for planning ahead.",
        "Nothing here is time-critical; a nightly batch updates the maps.",
        "Clerks' queues need not update in real time.",
        "Staff look at the board twice a day and nobody needs it live.",
        "The updates are not real-time, a morning digest is enough.",
    ],
)
def test_a_sentence_that_nothing_needs_to_be_live_is_false(text: str) -> None:
    assert _values(text)[RT] is False


def test_what_happened_in_an_incident_is_not_the_requirement() -> None:
    text = "Last Saturday the score widget lagged and balls showed up on screens 20 s late."
    assert all(not h.value for h in realtime_hits(text)) or RT not in _values(text)


def test_a_latency_in_a_realtime_sentence_is_still_read() -> None:
    values = _values("Every bid has to appear on the other bidders' screens within 2 seconds.")
    assert values[RT] is True
    assert values["non_functional.latency.p99_ms"] == 2000


def test_a_cooperative_is_no_co_op_game() -> None:
    assert RT not in _values("The co-op's 140 members log in to check grain prices.")
    assert _values("Skyforge is a co-op survival game for PC.")[RT] is True


def test_sentences_keep_wrapped_lines_together() -> None:
    text = "The leader sees each member on a map,\nupdated continuously. Next one.\n- a bullet"
    spans = [text[a:b] for a, b in sentences(text)]
    assert spans[0].startswith("The leader") and "continuously." in spans[0]
    assert spans[-1] == "- a bullet"


RES = "non_functional.data_residency"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # names of countries no rule listed, official forms, codes written alone
        ("All records shall be stored within the Republic of Ghana.", ["gh"]),
        ("Location history shall be hosted within the Kingdom of Saudi Arabia.", ["sa"]),
        ("The regulator wants the data kept in NZ.", ["nz"]),
        ("Customer data must stay in Uruguay.", ["uy"]),
        # demonyms before what holds the data
        ("Patient files must absolutely stay on Swiss servers.", ["ch"]),
        ("The board wants it on Canadian soil.", ["ca"]),
        ("Everything is hosted with a Kenyan provider.", ["ke"]),
        # adverbs before the place, and in-country
        ("Recordings must remain onshore in Australia.", ["au"]),
        ("All passenger data shall be stored in-country, in Tanzania.", ["tz"]),
        # other wordings of where it is
        ("We run EU-hosted servers only.", ["eu"]),
        ("Tenant data must be Canada-resident.", ["ca"]),
        ("Swiss data sovereignty is a must.", ["ch"]),
        ("The data never leaves Norway.", ["no"]),
    ],
)
def test_residency_reads_every_country_in_the_gazetteer(text: str, where: list[str]) -> None:
    assert _values(text)[RES] == where


@pytest.mark.parametrize(
    "text",
    [
        "We already run Canadian servers for the other product.",
        "A UK-only launch is planned for May.",
        "Jordan and Chad will build the app.",
    ],
)
def test_a_place_not_said_to_hold_the_data_is_no_residency(text: str) -> None:
    assert RES not in _values(text)


def test_north_and_south_korea_are_told_apart() -> None:
    assert _values("The data must stay in Korea only.")[RES] == ["kr"]
    assert _values("The data must stay in North Korea.")[RES] == ["kp"]


def test_the_gazetteer_covers_every_iso_country() -> None:
    from archwise.requirements.places import places, region_codes

    codes = {p.code for p in places()}
    assert len(codes) > 240
    assert region_codes()["swiss"] == "ch" and region_codes()["britain"] == "uk"


FILES = "functional.data.files"


@pytest.mark.parametrize(
    ("text", "files"),
    [
        ("Photos of children are NOT stored in the app, only names.", False),
        ("We don't store any images kids upload.", False),
        ("Drivers upload photos of the parcel.", True),
        ("Photos are kept for 2 years, not 5.", True),
    ],
)
def test_files_said_not_to_be_kept_are_false(text: str, files: bool) -> None:
    assert _values(text)[FILES] is files
