"""The workload archetypes added for venues, hubs, learning, media, cameras, news, listings, models."""

from __future__ import annotations

from typing import Any

import pytest

from tests.recommend.test_concerns import _ctx, _matched

# Each workload from a few lines unlike the corpora's; the system's name never says what it is.
FIXTURES: dict[str, tuple[list[str], dict[str, Any]]] = {
    "exchange-matching": (
        [
            "Members place limit orders and market orders on 40 trading pairs",
            "The order book matches by price-time priority; cancels are most of the traffic",
        ],
        {"non_functional": {"latency": {"p99_ms": 10}}},
    ),
    "integration-hub": (
        [
            "Receive X12 invoices from 400 trading partners over AS2",
            "Send acknowledgements and reprocess a failed interchange after fixing its maps",
        ],
        {},
    ),
    "learning-platform": (
        [
            "Teachers publish lessons for each course",
            "Pupils hand in assignments and take quizzes; teachers grade them with a rubric",
        ],
        {},
    ),
    "media-distribution": (
        [
            "Publish audiobooks as files and serve downloads with range requests",
            "About 20 million downloads a month",
        ],
        {"functional": {"data": {"files": True}}},
    ),
    "video-recording": (
        ["Bodycam footage from 900 officers is kept for two years for investigators"],
        {},
    ),
    "news-publishing": (
        ["Our newsroom publishes 200 articles a day; editors push corrections within a minute"],
        {},
    ),
    "listings-portal": (
        [
            "Estate agents send their listings in nightly feeds",
            "Visitors filter homes by price range and bedrooms and search on a map",
        ],
        {},
    ),
    "model-serving": (
        [
            "Forty models answer prediction requests on GPUs",
            "Each new version runs in shadow, then on a canary, with rollback",
        ],
        {},
    ),
    "process-historian": (
        ["Record 30,000 SCADA tags every second and show operators trends and averages"],
        {},
    ),
}


@pytest.mark.parametrize("workload", sorted(FIXTURES))
def test_a_workload_is_recognised_from_what_the_system_does(workload: str) -> None:
    workflows, extra = FIXTURES[workload]
    ctx = _ctx(workflows, **extra)
    assert workload in _matched(ctx)
    match = next(m for m in ctx.matches if m.archetype.id == workload)
    assert match.archetype.kind == "workload" and match.why


@pytest.mark.parametrize(
    ("text", "workload"),
    [
        ("Bidders on our ad exchange answer within 80 ms", "exchange-matching"),
        ("Stock prices are pushed to traders' screens", "exchange-matching"),
        ("Customers order flowers and pay by card", "integration-hub"),
        ("The course of a delivery is shown on a map", "learning-platform"),
        ("Users download their invoices as PDF", "media-distribution"),
        ("Staff record a customer's complaint", "video-recording"),
        ("Read the latest articles in our help centre", "news-publishing"),
        ("Search the product catalogue by name", "listings-portal"),
        ("A model of the building is shown in 3D", "model-serving"),
        ("The team records its sprint history", "process-historian"),
        # A passing word of another trade is no evidence of the workload.
        (
            "Match a named competitor's price on key items; players of the league sign up",
            "multiplayer-game",
        ),
        ("Camera cars read number plates and record each vehicle's zone", "video-recording"),
        (
            "Pass the alert to the national gateway for cell broadcast; residents watch the page",
            "video-streaming",
        ),
        ("Load the reference-station feed and share readings with researchers", "social-feed"),
    ],
)
def test_a_workload_is_not_read_into_a_passing_word(text: str, workload: str) -> None:
    assert workload not in _matched(_ctx([text]))


def test_a_matching_venue_refuses_a_fire_and_forget_bus_and_functions() -> None:
    workflows, extra = FIXTURES["exchange-matching"]
    ctx = _ctx(workflows, **extra)
    refused = {
        (topic, name)
        for tilt in ctx.tilts
        if tilt.label == "exchange and order matching"
        for topics, names, _ in tilt.refuse
        for topic in topics
        for name in names
    }
    assert ("messaging", "Redis") in refused
    assert ("deployment", "AWS Lambda") in refused
