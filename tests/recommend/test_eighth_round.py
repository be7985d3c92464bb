"""The eighth round's recognition and feasibility mechanisms: word endings, link capacity."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from archwise.kb.loader import load_kb
from archwise.recommend import archetypes
from archwise.recommend.expr import gb_per_day, link_mbps
from archwise.recommend.feasibility import link_conflict
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook


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


def _link_req(*workflows: str, cloud: str = "aws") -> dict[str, Any]:
    return {"functional": {"workflows": list(workflows)}, "constraints": {"cloud": cloud}}


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def test_link_rates_and_daily_volumes_are_read_from_sentences() -> None:
    assert link_mbps(["The ship's satellite link carries 8 Mbit/s"]) == 8
    assert link_mbps(["a 2 Gbps fibre to the depot", "the backup line gives 40 MB/s"]) == 320
    # A rate in a sentence that names no link is a throughput, not a link.
    assert link_mbps(["The API answers 20 Mbps of JSON"]) is None
    assert gb_per_day(["The cameras record 12 TB on a shooting day"]) == 12_000
    assert gb_per_day(["We add 40 GB a month"]) is None


def test_more_data_a_day_than_the_link_carries_is_a_conflict_with_ways_out() -> None:
    req = _link_req(
        "Each ship records about 6 TB a day while surveying",
        "The ship's satellite connection carries 8 Mbit/s",
    )
    (conflict,) = link_conflict(req, _book())
    assert conflict.numbers["gb_per_day"] == 6000
    assert conflict.numbers["link_gb_per_day"] == 86.4
    assert any("AWS Snowball" in r for r in conflict.relax)
    assert any("556 Mbit/s" in r for r in conflict.relax)
    azure = link_conflict(_link_req(*req["functional"]["workflows"], cloud="azure"), _book())
    assert any("Azure Data Box" in r for r in azure[0].relax)


def test_a_link_that_carries_the_day_or_data_reduced_on_site_is_no_conflict() -> None:
    fits = _link_req("Each site records 50 GB a day", "Its fibre line gives 100 Mbit/s")
    assert not link_conflict(fits, _book())
    reduced = _link_req(
        "Each store's cameras record 400 GB a day, and the store's internet line is 20 Mbit/s",
        "A server in the store sends only the detections to head office",
    )
    assert not link_conflict(reduced, _book())
    assert not link_conflict(_link_req("Users upload 5 TB a day"), _book())
