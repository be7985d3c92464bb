"""Writing requirements: `new` writes a commented valid file; set_values keeps comments."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from archwise import yamlio
from archwise.errors import InputError
from archwise.requirements.answers import parse_answer, parse_assignment
from archwise.requirements.edit import render_new, set_values, write_new
from archwise.requirements.loader import load_requirements, parse_requirements
from archwise.requirements.schema import field_specs
from tests.conftest import EXAMPLES, invoke


def test_blank_file_loads_and_lists_every_key() -> None:
    text = render_new({"name": "Blank"})
    req = parse_requirements(text)
    assert req.name == "Blank"
    for path in field_specs():
        assert f"{path.rsplit('.', 1)[-1]}:" in text, path
    # every key carries a comment explaining it, with allowed values for enumerations
    assert "consistency:" in text and "strong" in text.split("consistency:")[1].split("\n")[0]
    assert "on_call:" in text and "24x7" in text.split("on_call:")[1].split("\n")[0]


def test_new_values_round_trip(tmp_path: Path) -> None:
    values = {
        "name": "Chat",
        "constraints.team.engineers": 5,
        "constraints.team.expertise": {"typescript": "strong"},
        "non_functional.compliance": ["gdpr"],
        "functional.workflows": ["Send a message", "Browse history"],
    }
    path = write_new(tmp_path / "archwise.yaml", values)
    req = load_requirements(path)
    assert req.constraints and req.constraints.team and req.constraints.team.engineers == 5
    assert req.non_functional and req.non_functional.compliance == ["gdpr"]
    with pytest.raises(InputError, match="already exists"):
        write_new(path, values)
    write_new(path, {"name": "Other"}, force=True)
    assert load_requirements(path).name == "Other"


def test_new_refuses_invalid_values(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing was written"):
        write_new(tmp_path / "a.yaml", {"name": "x", "constraints.team.engineers": 0})
    assert not (tmp_path / "a.yaml").exists()
    with pytest.raises(InputError, match=r"did you mean 'constraints\.team\.engineers'"):
        write_new(tmp_path / "a.yaml", {"name": "x", "constraints.team.enginers": 3})


def test_cli_new_from_flags(cli, workspace: Path) -> None:
    result = invoke(
        cli,
        "new",
        "--name",
        "Chat",
        "--engineers",
        "5",
        "--p99-ms",
        "100",
        "--concurrent-users",
        "100k",
        "--availability",
        "99.9",
        "--consistency",
        "strong",
        "--expertise",
        "typescript=strong,rust=learning",
        "--set",
        "functional.realtime=yes",
        "--json",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    req = load_requirements(workspace / "archwise.yaml")
    assert doc["file"] == "archwise.yaml"
    assert req.non_functional and req.non_functional.users
    assert req.non_functional.users.concurrent == 100_000
    assert req.functional and req.functional.realtime is True
    again = invoke(cli, "new", "--name", "Chat")
    assert again.exit_code == 2
    assert "--force" in again.output
    bad = invoke(cli, "new", "--name", "x", "--engineers", "five", "-o", "b.yaml")
    assert bad.exit_code == 2 and not (workspace / "b.yaml").exists()
    missing = invoke(cli, "new", "-o", "c.yaml", "--no-input")
    assert missing.exit_code == 2


def test_set_values_keeps_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "archwise.yaml"
    shutil.copy(EXAMPLES / "chat-system.yaml", path)
    before = path.read_text(encoding="utf-8")
    set_values(
        path,
        {
            "non_functional.throughput.peak_rps": 5000,
            "constraints.cloud": "aws",
            "constraints.team.expertise.go": "some",
            "non_functional.latency.p99_ms": 80,
        },
    )
    after = path.read_text(encoding="utf-8")
    for line in before.splitlines():
        if line.strip().startswith("#"):
            assert line in after, line
    assert "p99_ms: 80                         # message delivery" in after
    keys = [ln.split(":")[0].strip() for ln in after.splitlines() if ln and ln[0].isalpha()]
    assert keys == ["name", "summary", "functional", "non_functional", "constraints"]
    req = load_requirements(path)
    assert req.constraints and req.constraints.cloud == "aws"
    assert req.constraints.team and req.constraints.team.expertise == {
        "typescript": "strong",
        "rust": "learning",
        "go": "some",
    }


def test_set_values_validates_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "archwise.yaml"
    shutil.copy(EXAMPLES / "chat-system.yaml", path)
    before = path.read_bytes()
    with pytest.raises(InputError, match="nothing was written"):
        set_values(path, {"constraints.timeline.mvp_months": 12})  # after production (6)
    with pytest.raises(InputError, match="unknown field"):
        set_values(path, {"constraints.budget.usd": 1})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["archwise.yaml"]


def test_set_values_creates_sections_in_minimal_file(tmp_path: Path) -> None:
    path = tmp_path / "archwise.yaml"
    path.write_text("# my system\nname: Tiny  # keep me\n", encoding="utf-8")
    set_values(path, {"constraints.team.engineers": 2, "functional.clients": ["web"]})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my system\nname: Tiny  # keep me\n")
    assert yamlio.to_plain(yamlio.parse(text))["constraints"] == {"team": {"engineers": 2}}


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("non_functional.users.concurrent", "100k", 100_000),
        ("non_functional.users.concurrent", "1.5M", 1_500_000),
        ("non_functional.availability_percent", "99.95%", 99.95),
        ("constraints.budget.infra_usd_per_month", "$5k", 5000),
        ("functional.realtime", "yes", True),
        ("functional.realtime", "unknown", None),
        ("functional.clients", "web, iOS", ["web", "ios"]),
        ("constraints.team.roles", "backend=2, frontend=2", {"backend": 2, "frontend": 2}),
        ("constraints.team.expertise.go", "strong", "strong"),
        ("non_functional.consistency", "Eventual", "eventual"),
        (
            "constraints.existing_systems",
            "legacy-shop, erp",
            [{"name": "legacy-shop"}, {"name": "erp"}],
        ),
    ],
)
def test_parse_answer(field: str, text: str, expected: object) -> None:
    assert parse_answer(field, text) == expected


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("constraints.team.engineers", "five"),
        ("constraints.team.engineers", "0"),
        ("constraints.team.engineers", "2.5"),
        ("non_functional.availability_percent", "101"),
        ("non_functional.consistency", "maybe"),
        ("functional.clients", "web, fax"),
        ("constraints.team.expertise", "go=expert"),
        ("non_functional", "x"),
    ],
)
def test_parse_answer_refuses(field: str, text: str) -> None:
    with pytest.raises(InputError):
        parse_answer(field, text)


def test_parse_assignment() -> None:
    assert parse_assignment("functional.search=true") == ("functional.search", True)
    with pytest.raises(InputError, match="FIELD=VALUE"):
        parse_assignment("functional.search")


def test_new_interactive_in_a_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "HOME": str(tmp_path), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "archwise.cli.main", "new", "--engineers", "4", "-o", "archwise.yaml"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    child.expect("Name of the system")
    child.send("Terminal test\r")
    from archwise.api.requirements import pending_questions

    expected = pending_questions(
        {"name": "Terminal test", "constraints.team.engineers": 4}, min_impact=0.7, start=tmp_path
    )
    assert 5 <= len(expected) <= 20
    for q in expected:
        child.expect_exact(q.question[:40])
        if q.field == "non_functional.users.concurrent":
            child.send("2k\r")
        else:
            child.send("\r")  # text: empty is unknown; select: the first choice
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    req = load_requirements(tmp_path / "archwise.yaml")
    assert req.name == "Terminal test"
    assert req.constraints and req.constraints.team and req.constraints.team.engineers == 4
    assert req.non_functional and req.non_functional.users
    assert req.non_functional.users.concurrent == 2000
    # a select question answered with Enter takes its first choice
    assert req.non_functional.consistency == "strong"


def test_set_values_clears_fields_and_accepts_every_model_field(tmp_path: Path) -> None:
    from archwise.api import requirements

    target = tmp_path / "archwise.yaml"
    requirements.new_requirements(target, {"name": "Shop", "constraints.cloud": "aws"})
    requirements.set_values(
        target, {"assumptions.service_time_ms": 8, "architecture.acyclic": True}
    )
    assert requirements.load_requirements(target).assumptions.service_time_ms == 8  # type: ignore[union-attr]
    requirements.set_values(
        target, {}, ["constraints.cloud", "assumptions.service_time_ms", "architecture.acyclic"]
    )
    text = target.read_text()
    loaded = requirements.load_requirements(target)
    assert loaded.constraints.cloud is None and "cloud:" in text, "an asked field stays, empty"
    assert loaded.assumptions is None and "assumptions" not in text, "others leave the file"
    assert loaded.architecture is None
    with pytest.raises(InputError, match="unknown field"):
        requirements.set_values(target, {"assumptions.nonsense": 1})
