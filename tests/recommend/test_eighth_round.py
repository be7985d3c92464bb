"""The eighth round's recognition and feasibility mechanisms: word endings, link capacity."""

from __future__ import annotations

import pytest

from archwise.recommend import archetypes


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("again", "sent again after a timeout"),
        ("count", "each vote is counted once"),
        ("scan", "tickets are scanned at the door"),
        ("plan", "the planners change it"),
        ("cut of", "a hard cut-off at noon"),
        ("book", "bookings open at 08:00"),
        ("reconcil", "reconciliation with the bank"),
        ("idempoten", "an idempotent handler"),
        ("bill", "billing by usage"),
        ("drop", "the modem dropped the call"),
        ("for ever", "kept for ever"),
        ("bid", "bids arrive"),
    ],
)
def test_a_word_finds_its_own_word_family(phrase: str, text: str) -> None:
    assert archetypes._said(phrase, text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("again", "a vote against the motion"),
        ("count", "users in every country"),
        ("with", "answered within a day"),
        ("for ever", "for every user"),
        ("bill", "3 billion events"),
        ("tick", "tickets are sold"),
        ("part", "our partners"),
        ("gate", "the gateway"),
        ("every", "everyone gets it"),
        ("the us", "the user signs in"),
        ("bid", "bidirectional"),
        ("within 5 min", "within 5 minimal steps"),
    ],
)
def test_a_whole_word_does_not_run_on_into_another_word(phrase: str, text: str) -> None:
    assert not archetypes._said(phrase, text)


def test_a_long_stem_still_runs_on() -> None:
    assert archetypes._said("anonym", "anonymised results")
    assert archetypes._said("translat", "translators review it")
