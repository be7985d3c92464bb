"""The recommended option tells one story: its components are the topics' first choices."""

from __future__ import annotations

from typing import Any

import pytest

from tests.recommend.conftest import CHAT, HERE, recommendation

ADVICE = HERE / "advice"
FILES = [
    "kotlin-permits.yaml",
    "dotnet-forms.yaml",
    "sqlserver-team.yaml",
    "ledger.yaml",
    "night-planner.yaml",
]


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(ADVICE / name))


def _recommended(rec: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])


@pytest.mark.parametrize("name", FILES)
def test_the_recommended_option_keeps_every_first_choice_or_says_why(name: str) -> None:
    rec = _rec(name)
    option = _recommended(rec)
    for topic, d in rec["decisions"].items():
        component = option["components"].get(topic)
        if d["needed"] is False:
            assert component is None
        elif component is not None and component != d["chosen"]:
            assert option["deviations"][topic]


@pytest.mark.parametrize("name", [*FILES, str(CHAT)])
def test_no_profile_replaces_the_teams_language_or_framework(name: str) -> None:
    rec = recommendation(name) if name == str(CHAT) else _rec(name)
    for topic in ("language", "backend_framework"):
        first = rec["decisions"][topic]["chosen"]
        for o in rec["options"]:
            assert o["components"].get(topic, first) == first, (o["name"], topic)


def test_a_framework_written_for_two_languages_serves_both() -> None:
    rec = _rec("kotlin-permits.yaml")
    assert rec["decisions"]["language"]["chosen"] == "Kotlin"
    assert rec["decisions"]["backend_framework"]["chosen"] == "Spring Boot"


@pytest.mark.parametrize(
    ("texts", "minutes"),
    [
        (["each nightly solve takes 20 to 40 minutes on 16 cores"], 40.0),
        (["a render lasts about 3 hours", "answer within two minutes"], 180.0),
        (["reports take 2-5 seconds"], 5 / 60),
        (["the page answers within two minutes"], None),
    ],
)
def test_a_stated_job_duration_is_read_from_the_workflows(
    texts: list[str], minutes: float | None
) -> None:
    from archwise.recommend.expr import BUILTINS

    assert BUILTINS["job_minutes"](texts) == minutes


def test_a_function_platform_shorter_than_the_job_is_excluded_with_its_limit() -> None:
    rec = _rec("night-solver.yaml")
    deployment = rec["decisions"]["deployment"]
    why = {e["name"]: e["why"] for e in deployment["excluded"]}
    assert why["AWS Lambda"].startswith("runs one invocation for at most 15 minutes")
    for o in rec["options"]:
        assert o["components"].get("deployment") not in {"AWS Lambda", "AWS App Runner"}


def test_a_pattern_is_chosen_for_a_problem_the_case_has() -> None:
    rec = _rec("ledger.yaml")
    patterns = rec["decisions"]["patterns"]
    assert patterns["chosen"] == "Idempotency Key"
    top = patterns["ranked"][0]["reasons"][0]
    assert "addresses a hard problem here" in top


def test_a_pattern_topics_fit_is_most_of_its_weight() -> None:
    rec = _rec("ledger.yaml")
    for topic in ("patterns", "data_patterns", "communication"):
        weights = rec["decisions"][topic]["weights"]
        assert weights["data_model_fit"] >= 0.6 * sum(weights.values()) - 1e-9


def test_the_split_trigger_met_now_makes_microservices_the_first_choice() -> None:
    rec = _rec("large-org-clear-domains.yaml")
    assert rec["decisions"]["decomposition"]["chosen"] == "Microservices"
    option = _recommended(rec)
    assert option["components"]["decomposition"] == "Microservices"
    assert rec["decisions"]["communication"]["chosen"] == option["components"]["communication"]


def test_work_handed_to_a_system_that_goes_down_travels_through_a_queue() -> None:
    rec = _rec("permit-handoff.yaml")
    assert rec["decisions"]["messaging"]["needed"] is True
    assert rec["decisions"]["communication"]["chosen"] == "Message Queue"


def test_low_rate_work_items_go_to_a_queue_not_a_log() -> None:
    rec = _rec("permit-handoff.yaml")
    chosen = rec["decisions"]["messaging"]["chosen"]
    assert chosen in {"SQS", "RabbitMQ"}, chosen


def test_realtime_fan_out_reuses_the_cache_in_the_first_choice_too() -> None:
    rec = recommendation(str(CHAT))
    assert rec["decisions"]["messaging"]["chosen"] == "Redis"
    simplest = next(o for o in rec["options"] if o["profile"] == "simplest-viable")
    assert "messaging" not in simplest["deviations"]


def test_a_required_technology_a_hard_constraint_rules_out_leaves_the_closest_design() -> None:
    rec = _rec("onprem-required-cloud.yaml")
    database = rec["decisions"]["database"]
    why = {e["name"]: e["why"] for e in database["excluded"]}
    assert "on-prem" in why["DynamoDB"]
    assert database["chosen"] is not None and database["chosen"] != "DynamoDB"
    assert "PostgreSQL" not in why


def test_a_platform_the_team_already_runs_counts_for_deployment() -> None:
    rec = _rec("k8s-team-api.yaml")
    ranked = rec["decisions"]["deployment"]["ranked"]
    k8s = next(r for r in ranked if r["name"] == "Kubernetes")
    assert any("the team already runs Kubernetes" in r for r in k8s["reasons"])
    assert rec["decisions"]["deployment"]["chosen"] == "Kubernetes"


def test_an_internal_app_gets_a_plain_spa_and_the_teams_framework_wins() -> None:
    rec = _rec("angular-backoffice.yaml")
    frontend = rec["decisions"]["frontend_framework"]
    assert frontend["chosen"] == "Angular"
    nextjs = next(r for r in frontend["ranked"] if r["name"] == "Next.js")
    assert any(
        "search engines" in r for r in nextjs["reasons"] + [c["reason"] for c in nextjs["criteria"]]
    )


def test_moving_a_conversation_is_not_moving_money() -> None:
    rec = _rec("support-chat.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["chosen"] in {"Redis", "Valkey"}
    assert not [e for e in messaging["excluded"] if e["name"] == "Redis"]


def test_messages_exchanged_with_several_outside_systems_need_a_broker() -> None:
    rec = _rec("lab-exchange.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["needed"] is True
    assert messaging["chosen"] not in {"Redis", "Valkey", None}


def test_every_option_has_pros_and_cons_when_profiles_meet_in_one_system() -> None:
    rec = _rec("kotlin-permits.yaml")
    assert len(rec["options"]) >= 2
    for o in rec["options"]:
        assert o["pros"] and o["cons"], o["name"]
