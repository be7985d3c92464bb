"""Round-twelve brief mechanisms read across sentences: a population and its users, the
organisation's head count and its builders, apps put off by the next sentence, one holder at a time.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import pytest

from archwise.requirements.brief_team import read_team
from archwise.requirements.brief_whose import (
    declared_not_users,
    population_only,
    population_parts,
)

from ._brief import values as _values

TOTAL = "non_functional.users.total"
ENGINEERS = "constraints.team.engineers"
CLIENTS = "functional.clients"
CONSISTENCY = "non_functional.consistency"


def _clients(text: str) -> list[str]:
    got = _values(text).get(CLIENTS)
    return sorted(str(c) for c in got) if isinstance(got, list) else []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Our rowing club has 900 members. I reckon around 250 will book online.", 250),
        ("The gallery has 40,000 followers. Maybe 3,000 of them will ever install the app.", 3000),
        ("We deliver to 1,600 customers. We expect 700 of them to log in to the portal.", 700),
        ("- Season ticket holders: 12,000\n- Expected app users: 2,500\n", 2500),
    ],
)
def test_a_population_gives_way_to_its_users_in_the_next_sentence(text: str, total: int) -> None:
    assert _values(text).get(TOTAL) == total


def test_a_population_alone_stays_a_population_without_a_part() -> None:
    text = "The town has 30,000 residents. The council wants a parking app."
    assert population_parts(text) == []


def test_a_part_that_is_a_moment_is_no_total() -> None:
    text = "The league has 5,000 members. About 400 of them are online on match nights."
    assert all(p.value != 400 for p in population_parts(text))


def test_a_population_named_as_a_label_is_only_a_population() -> None:
    text = "- Card holders: 17,000\n- Users: 900\n"
    assert population_only(text, text.index("17,000"), text.index("17,000") + 6)
    assert not population_only(text, text.index("900"), text.index("900") + 3)


@pytest.mark.parametrize(
    ("text", "engineers"),
    [
        ("We're 30 people at Corvid Labs. Three of us are engineers and will build it in Go.", 3),
        (
            "There are 40 of us at the surgery; the app is built by an agency (two developers).",
            2,
        ),
        ("Team: 3 devs (Python, Django), the rest of the 18 of us are teachers.", 3),
    ],
)
def test_the_organisation_is_not_the_team_when_fewer_builders_are_counted(
    text: str, engineers: int
) -> None:
    assert _values(text).get(ENGINEERS) == engineers


def test_none_of_us_codes_sets_the_head_count_aside() -> None:
    text = "Four of us on staff run the office, but none of us programs; a firm will build it."
    reading = read_team(text)
    assert any(text[a:b] == "Four of us" for a, b in reading.not_team)
    assert ENGINEERS not in _values(text)


def test_of_us_alone_is_still_read_as_the_team() -> None:
    text = "The three of us will build it: me, Ana and Bo, all in TypeScript."
    assert _values(text).get(ENGINEERS) == 3


def test_only_the_named_contractor_writes_code() -> None:
    text = "There are 9 of us in the office. Only our contractor, Bilal, writes code."
    assert _values(text).get(ENGINEERS) == 1


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        (
            "We talked about an iPhone app and an Android app too. Not for now - a website that "
            "works on phones is enough.",
            ["web"],
        ),
        ("Browser only for launch. The mobile app idea got shelved until 2028.", ["web"]),
        ("The iOS app is postponed but Android ships at launch.", ["android"]),
        (
            "We want an iPhone app and an Android app. The web portal comes later.",
            ["android", "ios", "web"],
        ),
        ("iPhone app first. Android in the autumn.", ["android", "ios"]),
    ],
)
def test_apps_put_off_in_their_clause_or_by_the_next_sentence(
    text: str, clients: list[str]
) -> None:
    assert _clients(text) == clients


@pytest.mark.parametrize(
    "text",
    [
        "A kayak can be rented to only one paddler at a time.",
        "We must never book two clients into the same session.",
        "No double loans: that is the whole point.",
    ],
)
def test_one_holder_at_a_time_is_strong(text: str) -> None:
    assert _values(text).get(CONSISTENCY) == "strong"


def test_one_at_a_time_without_a_holder_is_not_consistency() -> None:
    assert CONSISTENCY not in _values("We onboard one school at a time.")


def test_they_opening_the_next_sentence_names_the_counted_people_no_users() -> None:
    text = "The scheme supports 8,000 dairy farmers in two regions. They will not use the app."
    assert "farmer" in declared_not_users(text)
    assert TOTAL not in _values(text)


def test_they_in_the_middle_of_a_sentence_refers_to_nothing_here() -> None:
    text = "We count 8,000 dairy farmers, and as they will not use the app, only vets log in."
    assert "farmer" not in declared_not_users(text)


def test_of_us_who_built_something_are_builders_not_the_organisation() -> None:
    text = (
        "We are a studio of designers. All three of us built the ticket scanners for two fairs: "
        "Go and PostgreSQL. Bram also does the Flutter app."
    )
    reading = read_team(text, ["go", "postgresql", "flutter"])
    assert not any("three of us" in text[a:b] for a, b in reading.not_team)
