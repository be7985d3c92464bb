"""The hard problems a front end shows: the recommendation's lead, then what is also worth a look."""

from __future__ import annotations

from typing import Any

from archwise.api.recommend import hard_problems_shown


def _hp(problem: str, *by: str) -> dict[str, Any]:
    return {"problem": problem, "addressed_by": list(by), "why": ""}


def _rec() -> dict[str, Any]:
    return {
        "archetypes": [
            {
                "id": "video",
                "name": "Video streaming",
                "why": ["mentions 'transcode'"],
                "hard_problems": [_hp("Egress", "CDN"), _hp("Transcoding", "workers")],
            },
            {
                "id": "uploads",
                "name": "Large file uploads",
                "why": ["mentions 'upload'"],
                "hard_problems": [_hp("Direct uploads", "S3"), _hp("Scanning", "queue")],
            },
            {
                "id": "search",
                "name": "Search",
                "why": ["mentions 'search'"],
                "hard_problems": [_hp("Relevance", "OpenSearch")],
            },
            {"id": "audit", "name": "Audit trail", "why": ["mentions 'audit'"]},
        ],
        # Ranked by evidence, not in the archetypes' order.
        "hard_problems": [
            {**_hp("Direct uploads", "S3"), "archetype": "uploads"},
            {**_hp("Egress", "CDN"), "archetype": "video"},
            {**_hp("Transcoding", "workers"), "archetype": "video"},
        ],
    }


def test_the_lead_keeps_the_recommendations_order_and_names_each_problems_archetype() -> None:
    shown = hard_problems_shown(_rec())
    assert [(h["problem"], h["archetype_name"]) for h in shown["lead"]] == [
        ("Direct uploads", "Large file uploads"),
        ("Egress", "Video streaming"),
        ("Transcoding", "Video streaming"),
    ]


def test_the_rest_is_every_problem_the_lead_leaves_out_and_every_archetype_it_does_not_name() -> (
    None
):
    also = hard_problems_shown(_rec())["also"]
    assert [(a["name"], [h["problem"] for h in a["hard_problems"]], a["led"]) for a in also] == [
        ("Large file uploads", ["Scanning"], True),
        ("Search", ["Relevance"], False),
        ("Audit trail", [], False),
    ]
    assert also[1]["why"] == ["mentions 'search'"]


def test_a_recommendation_without_a_lead_shows_every_archetype_as_worth_a_look() -> None:
    rec = _rec()
    del rec["hard_problems"]
    shown = hard_problems_shown(rec)
    assert shown["lead"] == []
    assert [a["name"] for a in shown["also"]] == [
        "Video streaming",
        "Large file uploads",
        "Search",
        "Audit trail",
    ]
    assert hard_problems_shown({}) == {"lead": [], "also": []}
