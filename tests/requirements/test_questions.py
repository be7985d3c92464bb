"""Questions as data: they cover the schema, and `questions` lists exactly what is unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archwise import yamlio
from archwise.kb.loader import load_kb
from archwise.kb.schemas.question import Question
from archwise.kb.schemas.technology import TOPICS
from archwise.requirements.loader import load_requirements, parse_requirements
from archwise.requirements.questions import all_questions, open_questions, questions_of
from archwise.requirements.schema import field_specs, value_at
from tests.conftest import EXAMPLES, invoke

DATA = Path(__file__).resolve().parents[2] / "src/archwise/kb/data/questions"


def _present_paths(data: object, prefix: str = "") -> set[str]:
    """Every dotted path with a non-null value in the raw YAML tree."""
    out: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}{key}"
            if value is not None:
                out.add(path)
            out |= _present_paths(value, path + ".")
    return out


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return questions_of(load_kb())


def test_every_question_file_validates() -> None:
    files = sorted(DATA.glob("*.yaml"))
    assert len(files) >= 4
    for f in files:
        for item in yamlio.to_plain(yamlio.load(f)):
            Question.model_validate(item)


def test_every_schema_field_has_a_question(questions: list[Question]) -> None:
    asked = {q.field for q in questions if q.field}
    assert set(field_specs()) - asked == set()
    assert asked - set(field_specs()) == set(), "questions point at fields that do not exist"
    conditions = {f for q in questions for f in q.skip_if}
    assert conditions <= set(field_specs()), conditions - set(field_specs())


def test_ids_unique_and_topics_valid(questions: list[Question]) -> None:
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert all(t in TOPICS for q in questions for t in q.topics)


def test_spec_sections_are_all_covered(questions: list[Question]) -> None:
    sections = {q.section for q in questions}
    assert sections == {
        "functional",
        "non_functional",
        "constraints_technical",
        "constraints_business",
        "constraints_organizational",
        "technology",
        "risk",
    }
    # the spec's own wording survives in the questions it names
    text = " ".join(q.question.lower() for q in questions)
    for phrase in (
        "core user workflows",
        "integrations",
        "availability target",
        "compliance",
        "budget",
        "on-call",
        "hire",
        "blast radius",
        "rollback",
        "vendor lock-in",
    ):
        assert phrase in text, phrase


@pytest.mark.parametrize("name", ["chat-system.yaml", "requirements-reference.yaml"])
def test_open_questions_list_missing_and_nothing_present(name: str) -> None:
    path = EXAMPLES / name
    req = load_requirements(path)
    present = _present_paths(yamlio.to_plain(yamlio.load(path)))
    asked = open_questions(req, load_kb())
    asked_fields = {q.field for q in asked}
    assert not asked_fields & present, asked_fields & present
    missing = {f for f in field_specs() if f not in present}
    assert asked_fields == missing


def test_chat_example_open_questions_ordered_by_impact() -> None:
    asked = open_questions(load_requirements(EXAMPLES / "chat-system.yaml"), load_kb())
    impacts = [q.impact for q in asked]
    assert impacts == sorted(impacts, reverse=True)
    assert asked[0].field == "non_functional.throughput.peak_rps"


def test_decisive_questions_come_first_on_empty_file() -> None:
    asked = open_questions(parse_requirements("name: blank\n"), load_kb())
    first = [q.field for q in asked[:6]]
    for decisive in (
        "non_functional.latency.p99_ms",
        "non_functional.users.concurrent",
        "non_functional.consistency",
        "constraints.team.engineers",
    ):
        assert decisive in first, first
    last = [q.field for q in asked[-8:]]
    assert "functional.nice_to_have" in last
    assert "name" not in [q.field for q in asked]


def test_answering_removes_the_question() -> None:
    kb = load_kb()
    before = {q.field for q in open_questions(parse_requirements("name: a\n"), kb)}
    after = {
        q.field
        for q in open_questions(
            parse_requirements("name: a\nnon_functional:\n  latency: {p99_ms: 50}\n"), kb
        )
    }
    assert before - after == {"non_functional.latency.p99_ms"}


def test_all_includes_answered_with_values() -> None:
    req = load_requirements(EXAMPLES / "chat-system.yaml")
    everything = all_questions(req, load_kb())
    answered = {q.field: q.value for q in everything if q.status == "answered"}
    assert answered["non_functional.latency.p99_ms"] == 100
    assert answered["constraints.team.roles"] == {"backend": 2, "frontend": 2, "full-stack": 1}
    assert any(q.status == "per-decision" for q in everything)
    for q in everything:
        if q.status == "answered":
            assert value_at(req, q.field or "") is not None


def test_cli_questions_json(cli) -> None:
    result = invoke(cli, "questions", str(EXAMPLES / "chat-system.yaml"), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["open"] == len(doc["questions"]) > 0
    first = doc["questions"][0]
    assert {"id", "field", "question", "why", "impact", "topics", "answer_type"} <= set(first)
    result = invoke(cli, "questions", str(EXAMPLES / "chat-system.yaml"), "--all", "--json")
    assert len(json.loads(result.stdout)["questions"]) > doc["open"]


def test_cli_questions_text(cli) -> None:
    result = invoke(cli, "questions", str(EXAMPLES / "chat-system.yaml"))
    assert result.exit_code == 0
    assert "What request rate must it handle at peak" in result.stdout
    assert "How many engineers" not in result.stdout


def test_skip_if_drops_moot_questions() -> None:
    kb = load_kb()
    cloud = "constraints.cloud"
    assert cloud in {q.field for q in open_questions(parse_requirements("name: a\n"), kb)}
    onprem = parse_requirements("name: a\nconstraints: {deployment: on-prem}\n")
    assert cloud not in {q.field for q in open_questions(onprem, kb)}
    assert cloud not in {q.field for q in all_questions(onprem, kb)}
    # an answered question stays listed as answered even when it would be skipped
    both = parse_requirements("name: a\nconstraints: {deployment: on-prem, cloud: aws}\n")
    assert any(q.field == cloud and q.status == "answered" for q in all_questions(both, kb))
