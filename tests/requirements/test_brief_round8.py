"""Round-eight brief mechanisms for realtime, residency, users, latency and files, on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief import extract_brief
from archwise.requirements.brief_realtime import realtime_hits, sentences

RT = "functional.realtime"


def _values(text: str) -> dict[str, object]:
    return extract_brief(text).as_values()


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
