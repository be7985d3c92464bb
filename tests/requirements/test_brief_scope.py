"""Round-five brief mechanisms: scope, coreference and whose count, each on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief import extract_brief

CLIENTS = "functional.clients"


def _values(text: str) -> dict[str, object]:
    return extract_brief(text).as_values()


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        # a label that rules out what follows it, to the end of its sentence
        ("- Not needed: mobile app, public API (maybe 2028). Web only.", ["web"]),
        ("Clients: the handheld (Android). Out of scope: iOS, web portal.", ["android"]),
        ("Needed: iPhone and Android. Not needed: desktop app.", ["ios", "android"]),
        # a heading that rules out its bullets
        ("## Scope\n- a web dashboard\n\n## Non-goals\n- an iOS app\n- a CLI\n", ["web"]),
        # the thing, a few words about it, then the words that rule it out
        ("Mostly Android. iPhone app not needed, nobody there has iPhone.", ["android"]),
        ("web app first, Android later; iPhone nobody asked for", ["web", "android"]),
        ("Web is enough, and Android. iPhone maybe next year, not now.", ["web", "android"]),
        # a negation earlier in the clause
        ("Nobody on the team has touched iOS, and the council issues Android phones.", ["android"]),
    ],
)
def test_clients_ruled_out_are_left_out(text: str, clients: list[str]) -> None:
    assert sorted(_values(text)[CLIENTS]) == sorted(clients)  # type: ignore[arg-type]


def test_a_ruled_out_label_does_not_reach_past_its_sentence() -> None:
    values = _values("Not needed: a desktop app. The web board and the Android app are needed.")
    assert sorted(values[CLIENTS]) == ["android", "web"]  # type: ignore[arg-type]


def test_a_negation_turned_back_keeps_the_client() -> None:
    assert _values("No native apps but a web app for everyone.")[CLIENTS] == ["web"]
