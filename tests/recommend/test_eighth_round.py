"""The eighth round's recognition and feasibility mechanisms: word endings, link capacity."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest

from archwise.kb.loader import load_kb
from archwise.recommend import archetypes
from archwise.recommend.expr import BUILTINS, gb_per_day, link_mbps
from archwise.recommend.feasibility import distance_conflict, link_conflict, site_conflict
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


def _concerns_of(*workflows: str) -> list[str]:
    from archwise.recommend.engine import context
    from archwise.requirements.models import Requirements

    req = Requirements.model_validate(
        {"name": "Acme", "functional": {"workflows": list(workflows)}}
    )
    return [m.archetype.id for m in context(req, load_kb(), 2026, _book()).matches]


def test_children_as_the_subjects_of_a_retention_rule_are_not_children_as_users() -> None:
    kept = "Records of children are kept until the child turns 25, then deleted"
    assert "childrens-data" not in _concerns_of("Nurses record each visit", kept)
    assert "childrens-data" in _concerns_of("Children use the app to log their homework", kept)


def test_tax_returns_are_not_goods_returned() -> None:
    assert "returns-refunds" not in _concerns_of(
        "8 million returns are filed a year, most of them in the last three days"
    )
    assert "returns-refunds" in _concerns_of(
        "Customers can return items within 30 days and are refunded when the parcel arrives"
    )


def test_a_load_said_relative_to_its_own_usual_is_a_multiple() -> None:
    assert BUILTINS["load_multiple"](["One launch can send 50 times its usual events"]) == 50


FAMILIES = Path(__file__).resolve().parents[2] / "benchmarks" / "advice-dev13" / "families.tsv"


def _named(keywords: str, text: str) -> bool:
    from archwise.jsonable import to_object
    from archwise.recommend.engine import context
    from archwise.requirements.models import Requirements

    req = Requirements.model_validate({"name": "Acme", "functional": {"workflows": [text]}})
    ctx = context(req, load_kb(), 2026, _book())
    found = to_object(archetypes.report(ctx.matches, ctx, []))["result"]
    texts = [
        t for a in found for hp in a["hard_problems"] for t in (hp["problem"], *hp["addressed_by"])
    ]
    return any(
        re.search(r"(?<![a-z0-9])" + re.escape(k), " ".join(texts).casefold())
        for k in keywords.split("|")
    )


@pytest.mark.parametrize("line", FAMILIES.read_text().splitlines())
def test_each_family_of_hard_problems_is_named_from_one_plain_line(line: str) -> None:
    keywords, text = line.split("\t")
    assert _named(keywords, text), text


def test_two_far_cities_within_too_few_milliseconds_is_a_conflict_of_physics() -> None:
    req = _link_req(
        "Each player's audio reaches every other player within 25 ms, London-Sydney included"
    )
    (conflict,) = distance_conflict(req, _book())
    assert 16_000 < conflict.numbers["distance_km"] < 18_000
    assert conflict.numbers["fibre_one_way_ms"] == pytest.approx(85, abs=2)
    assert "London" in conflict.why and "Sydney" in conflict.why
    assert conflict.relax


def test_near_cities_a_loose_target_or_one_city_is_no_conflict() -> None:
    near = _link_req("Trades in London and Frankfurt must be mirrored within 20 ms")
    loose = _link_req(
        "Players in Tokyo and New York see each other's moves within 200 milliseconds"
    )
    alone = _link_req("Users in Sydney get an answer within 50 ms")
    apart = _link_req("Offices in London and Sydney", "The API answers within 20 ms")
    for req in (near, loose, alone, apart):
        assert not distance_conflict(req, _book())


def _site_req(summary: str, p99: float, deployment: str = "cloud") -> dict[str, Any]:
    return {
        "summary": summary,
        "non_functional": {"latency": {"p99_ms": p99}},
        "constraints": {"deployment": deployment, "cloud": "aws"},
    }


def test_a_site_far_from_the_named_region_misses_a_tight_round_trip() -> None:
    summary = (
        "A robot warehouse outside Reykjavik is controlled from our AWS account. "
        "Everything runs in eu-west-1."
    )
    (conflict,) = site_conflict(_site_req(summary, 5), _book())
    assert conflict.numbers["fibre_round_trip_ms"] == pytest.approx(15, abs=1)
    assert "Reykjavik" in conflict.why and "Dublin" in conflict.why
    # No region named, servers at the site, or a target above the metro bound: no conflict.
    assert not site_conflict(_site_req("A robot warehouse outside Reykjavik", 5), _book())
    assert not site_conflict(_site_req(summary, 5, deployment="hybrid"), _book())
    assert not site_conflict(_site_req(summary, 40), _book())
