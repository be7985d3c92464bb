"""The task graph file: the example loads unchanged; bad graphs are located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.errors import InputError
from archwise.plan.tasks import load_tasks, parse_tasks
from tests.conftest import EXAMPLES


def test_chat_tasks_load_unchanged() -> None:
    g = load_tasks(EXAMPLES / "chat-tasks.yaml")
    assert [t.id for t in g.tasks][:3] == ["auth", "schema", "ws"]
    assert len(g.tasks) == 14
    ws = g.task("ws")
    assert ws.estimate is not None and ws.estimate.pessimistic == 15
    assert g.task("mvp").duration == 0 and g.task("mvp").role is None


def problem(text: str):
    with pytest.raises(InputError) as err:
        parse_tasks(text, file="t.yaml")
    return err.value.problems


def test_unknown_dependency_names_line_and_suggests() -> None:
    (p,) = problem(
        "tasks:\n  - {id: auth, name: A, duration_days: 1}\n"
        "  - {id: ws, name: W, duration_days: 1, depends_on: [atuh]}\n"
    )
    assert (p.file, p.line, p.field) == ("t.yaml", 3, "tasks[1].depends_on")
    assert "unknown dependency 'atuh'" in p.message and "did you mean 'auth'" in p.message


def test_duplicate_id() -> None:
    (p,) = problem(
        "tasks:\n  - {id: a, name: A, duration_days: 1}\n  - {id: a, name: B, duration_days: 2}\n"
    )
    assert (p.line, p.field) == (3, "tasks[1].id")
    assert "duplicate task id 'a'" in p.message


def test_cycle_is_named() -> None:
    (p,) = problem(
        "tasks:\n"
        "  - {id: a, name: A, duration_days: 1, depends_on: [c]}\n"
        "  - {id: b, name: B, duration_days: 1, depends_on: [a]}\n"
        "  - {id: c, name: C, duration_days: 1, depends_on: [b]}\n"
    )
    assert "dependency cycle: a -> c -> b -> a" in p.message
    assert (p.line, p.field) == (2, "tasks[0].depends_on")


def test_self_dependency_is_a_cycle() -> None:
    (p,) = problem("tasks:\n  - {id: a, name: A, duration_days: 1, depends_on: [a]}\n")
    assert "a -> a" in p.message


def test_negative_duration() -> None:
    (p,) = problem("tasks:\n  - id: a\n    name: A\n    duration_days: -3\n")
    assert (p.line, p.field) == (4, "tasks.0.duration_days".replace(".0.", "[0]."))
    assert ">= 0" in p.message


def test_bad_estimate_order_and_missing_duration() -> None:
    probs = problem(
        "tasks:\n"
        "  - {id: a, name: A, estimate: {optimistic: 5, likely: 2, pessimistic: 9}}\n"
        "  - {id: b, name: B}\n"
    )
    text = "\n".join(str(p) for p in probs)
    assert "optimistic <= likely <= pessimistic" in text
    assert "give duration_days or an estimate" in text
    assert {p.line for p in probs} == {2, 3}


def test_unknown_key() -> None:
    (p,) = problem("tasks:\n  - {id: a, name: A, duration: 3}\n")
    assert p.field == "tasks[0].duration" and "unknown key" in p.message


def test_empty_and_not_a_mapping(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("")
    with pytest.raises(InputError, match="empty"):
        load_tasks(f)
    with pytest.raises(InputError, match="mapping"):
        parse_tasks("- a\n- b\n")
