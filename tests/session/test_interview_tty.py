"""`archwise discover` driven through a real pseudo-terminal: answers, Ctrl-C half-way, resume."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from archwise.api.session import interview_questions
from archwise.requirements.loader import load_requirements
from tests.conftest import invoke

HEADER = "# Requirements of the shop (this comment must survive)\nname: Shop   # the system\n"


def valid_answer(q: Any) -> str:
    """An answer the schema accepts for a question of this type."""
    if q.choices:
        return str(q.choices[0])
    return {
        "integer": "5",
        "number": "120",
        "boolean": "yes",
        "list": "alpha, beta",
        "mapping": "backend=2",
    }.get(q.answer_type, "Some words")


def spawn(ws: Path) -> pexpect.spawn:
    env = dict(os.environ, COLUMNS="200", TERM="dumb", ARCHWISE_ACTOR="ana")
    return pexpect.spawn(
        sys.executable,
        ["-m", "archwise.cli.main", "discover"],
        cwd=str(ws),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
        # A worker that some earlier test left ignoring SIGINT would hand that on through exec;
        # a person's shell gives the program the default action, so the test does too.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def ask(child: pexpect.spawn, q: Any) -> None:
    child.expect_exact(f"({q.field})")
    child.expect_exact("answer")


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "archwise.yaml").write_text(HEADER, encoding="utf-8")
    return tmp_path


def test_interview_survives_ctrl_c_and_resumes(cli, ws: Path) -> None:
    path = ws / "archwise.yaml"
    assert invoke(cli, "session", "start", "Shop", "-r", "archwise.yaml").exit_code == 0
    qs = interview_questions(path)
    assert [q.impact for q in qs] == sorted((q.impact for q in qs), reverse=True)
    q0, q1, q2, q3, q4 = qs[:5]
    assert len(qs) > 6

    child = spawn(ws)
    ask(child, q0)
    child.sendline("not-a-valid-answer" if q0.answer_type != "text" else valid_answer(q0))
    if q0.answer_type != "text":
        child.expect_exact("cannot use")
        child.expect_exact("answer")
        child.sendline(valid_answer(q0))
    child.expect_exact("saved")
    ask(child, q1)
    child.sendline(valid_answer(q1))
    child.expect_exact("saved")
    ask(child, q2)
    child.sendline("unknown")
    child.expect_exact(f"left {q2.field} unknown")
    ask(child, q3)
    # On a loaded machine the interrupt can land before the prompt reads; press again, as a
    # person would, at most three times.
    for attempt in range(3):
        child.sendintr()
        try:
            child.expect_exact("stopped: every answer given so far is saved", timeout=15)
            break
        except pexpect.TIMEOUT:
            if attempt == 2:
                raise
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    req = load_requirements(path)
    plain = json.dumps(req.model_dump(mode="json", by_alias=True, exclude_none=True))
    for q in (q0, q1):
        assert q.field.split(".")[-1] in plain
    assert q2.field.split(".")[-1] not in plain

    # Resume: answered and waived questions are not asked again; the next one comes first.
    child = spawn(ws)
    ask(child, q3)
    child.sendline(valid_answer(q3))
    child.expect_exact("saved")
    ask(child, q4)
    child.sendeof()
    child.expect_exact("stopped: every answer given so far is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    remaining = [q.field for q in interview_questions(path)]
    assert remaining[0] == q4.field
    assert not {q0.field, q1.field, q2.field, q3.field} & set(remaining)

    # Skip one, answer the next, then the terminal is closed (SIGHUP): the answer is on disk.
    q5 = qs[5]
    child = spawn(ws)
    ask(child, q4)
    child.sendline("skip")
    ask(child, q5)
    child.sendline(valid_answer(q5))
    child.expect_exact("saved")
    child.expect_exact("answer")
    child.close(force=True)
    assert child.signalstatus is not None or child.exitstatus != 0
    remaining = [q.field for q in interview_questions(path)]
    assert remaining[0] == q4.field and q5.field not in remaining
    load_requirements(path)
    assert (ws / "archwise.yaml").read_text(encoding="utf-8").startswith(HEADER)
    assert not [p.name for p in ws.iterdir() if p.name.endswith(".tmp")]

    trail = json.loads(invoke(cli, "session", "show", "--json").stdout)["events"]
    answered = [e["data"]["field"] for e in trail if e["kind"] == "answered"]
    assert answered == [q0.field, q1.field, q3.field, q5.field]
    waived = [e["data"] for e in trail if e["kind"] == "waived"]
    assert waived == [{"field": q2.field, "reason": "answered 'unknown' in the interview"}]
