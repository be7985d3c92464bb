"""Round-six brief mechanisms (teams, dates, money, where it runs), each on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief import extract_brief

CLIENTS = "functional.clients"


def _values(text: str) -> dict[str, object]:
    return extract_brief(text).as_values()


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        # the web as the adjective of what someone uses
        ("Shops order through a web system; the pickers have Android tablets.", ["web", "android"]),
        (
            "Drivers snap the receipt on Android and dispatchers do a web upload.",
            ["android", "web"],
        ),
        ("Apps: iOS, Android; web for admins.", ["ios", "android", "web"]),
        ("Claimants use the apps (iOS/Android) and a web form.", ["ios", "android", "web"]),
        ("mobile apps (iOS, Android) + web", ["ios", "android", "web"]),
        ("| Devices | scanners (Android) + supervisor web |", ["android", "web"]),
        # the web as a technology is no client
        ("Our iOS app calls a few web services and web hooks.", ["ios"]),
        # put off with a hedge, or ruled out after the name
        ("iOS and Android, web later maybe", ["ios", "android"]),
        ("Customers use Android, iOS later but not now.", ["android"]),
        ("The app is for Android and iOS, web we don't do for now.", ["android", "ios"]),
        ("Drivers do not use iPhone, too expensive; Android only.", ["android"]),
    ],
)
def test_clients_in_other_words(text: str, clients: list[str]) -> None:
    assert sorted(_values(text)[CLIENTS]) == sorted(clients)  # type: ignore[arg-type]
