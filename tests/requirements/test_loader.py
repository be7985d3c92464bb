"""Loading archwise.yaml: the examples load; every broken file gives one located error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archwise.errors import InputError
from archwise.requirements.loader import (
    MAX_REQUIREMENTS_BYTES,
    load_requirements,
    load_with_warnings,
    parse_requirements,
)
from tests.conftest import EXAMPLES, invoke

EXAMPLE_FILES = ["chat-system.yaml", "requirements-reference.yaml"]


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_load_unchanged(name: str) -> None:
    loaded = load_with_warnings(EXAMPLES / name)
    assert loaded.requirements.name
    assert loaded.warnings == []


def test_chat_example_values() -> None:
    req = load_requirements(EXAMPLES / "chat-system.yaml")
    assert req.non_functional is not None and req.constraints is not None
    assert req.non_functional.users is not None and req.non_functional.latency is not None
    assert req.non_functional.users.concurrent == 100_000
    assert req.non_functional.users.concurrent_in_2_years == 1_000_000
    assert req.non_functional.latency.p99_ms == 100
    assert req.constraints.team is not None and req.constraints.team.engineers == 5
    assert req.constraints.team.roles == {"backend": 2, "frontend": 2, "full-stack": 1}


def test_reference_keys_mean_what_their_comments_say() -> None:
    req = load_requirements(EXAMPLES / "requirements-reference.yaml")
    f, nf, c = req.functional, req.non_functional, req.constraints
    assert f is not None and nf is not None and c is not None
    assert f.data is not None and f.data.schema_style == "evolving"
    assert f.data.also == ["key-value"]
    assert f.transactions == "multi-service"
    assert nf.compliance == ["pci-dss", "gdpr"]
    assert nf.data_residency == ["eu"]
    assert c.team is not None and c.team.expertise == {
        "java": "strong",
        "typescript": "some",
        "postgresql": "strong",
    }
    assert c.existing_systems is not None and c.existing_systems[0].keep is False
    assert c.technologies is not None and c.technologies.forbidden == ["mongodb"]


def _write(tmp_path: Path, content: str | bytes, name: str = "archwise.yaml") -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


BOMB = (
    "name: bomb\n"
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
)

# (file content, expected line or None, a fragment the one message must contain)
BROKEN: dict[str, tuple[str | bytes, int | None, str]] = {
    "wrong_type": (
        "name: x\nconstraints:\n  team:\n    engineers: five\n",
        4,
        "constraints.team.engineers: expected a whole number >= 1, got 'five'",
    ),
    "unknown_key": (
        "name: x\nnon_functional:\n  latncy:\n    p99_ms: 100\n",
        3,
        "non_functional.latncy: unknown key; did you mean 'latency'?",
    ),
    "bad_enum": (
        "name: x\nnon_functional:\n  consistency: eventually\n",
        3,
        "did you mean 'eventual'?",
    ),
    "bad_yaml": ("name: x\nfunctional: [a, b\nconstraints: {}\n", 3, "invalid YAML"),
    "empty": ("", 1, "is empty"),
    "only_comments": ("# nothing here\n\n", 1, "is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None, "binary"),
    "invalid_utf8": (b"name: caf\xe9\n", 1, "not valid UTF-8"),
    "duplicate_key": (
        "name: x\nsummary: a\nname: y\n",
        3,
        "duplicate key 'name' (first at line 1)",
    ),
    "alias_bomb": (BOMB, None, "alias"),
    "list_top_level": ("- name: x\n- name: y\n", 1, "must be a mapping"),
    "scalar_top_level": ("just some text\n", 1, "must be a mapping"),
    "list_for_mapping": ("name: x\nconstraints:\n  - team\n", 2, "constraints: expected a mapping"),
    "tabs": ("name: x\nconstraints:\n\tdomain: clear\n", 3, "tab"),
    "deep_nesting": ("name: x\nsummary: " + "[" * 5000 + "]" * 5000 + "\n", 2, "nested"),
    "deep_indent": (
        "name: x\n" + "".join("  " * i + f"k{i}:\n" for i in range(400)),
        None,
        "indented more than",
    ),
    "missing_name": ("summary: no name\n", None, "name: is required"),
    "p50_above_p99": (
        "name: x\nnon_functional:\n  latency:\n    p50_ms: 300\n    p99_ms: 100\n",
        4,
        "p50 (300 ms) is above p99 (100 ms)",
    ),
    "mvp_after_production": (
        "name: x\nconstraints:\n  timeline:\n    mvp_months: 9\n    production_months: 6\n",
        4,
        "mvp_months must be <= production_months",
    ),
    "roles_above_engineers": (
        "name: x\nconstraints:\n  team:\n    engineers: 3\n    roles: {backend: 3, frontend: 2}\n",
        5,
        "roles add up to 5 engineers but the team has 3",
    ),
    "availability_over_100": (
        "name: x\nnon_functional:\n  availability_percent: 100.5\n",
        3,
        "expected a number > 0 and <= 100, got 100.5",
    ),
    "uppercase_compliance": (
        "name: x\nnon_functional:\n  compliance: [GDPR]\n",
        3,
        "lower-case",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_gives_one_located_error(tmp_path: Path, case: str) -> None:
    content, line, fragment = BROKEN[case]
    path = _write(tmp_path, content)
    with pytest.raises(InputError) as info:
        load_requirements(path)
    problems = info.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    text = str(info.value)
    assert fragment in text, text
    if line is not None:
        assert problems[0].line == line, text
    assert problems[0].file == str(path), text


def test_huge_file_is_refused_by_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "archwise.yaml"
    with path.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    assert path.stat().st_size > MAX_REQUIREMENTS_BYTES
    with pytest.raises(InputError) as info:
        load_requirements(path)
    assert "MiB" in str(info.value) and "limit" in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_requirements(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="directory"):
        load_requirements(tmp_path)


def test_warning_when_users_shrink() -> None:
    from archwise.requirements.loader import parse_with_warnings

    loaded = parse_with_warnings(
        "name: x\nnon_functional:\n  users:\n    concurrent: 500\n    concurrent_in_2_years: 100\n",
        "f.yaml",
    )
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0].line == 5
    assert loaded.warnings[0].field == "non_functional.users.concurrent_in_2_years"


def test_parse_requirements_text() -> None:
    req = parse_requirements("name: From text\nconstraints: {team: {engineers: 2}}\n")
    assert req.constraints is not None and req.constraints.team is not None
    assert req.constraints.team.engineers == 2


@pytest.mark.parametrize("case", ["wrong_type", "binary", "duplicate_key", "alias_bomb"])
def test_cli_subprocess_exit_2_without_traceback(tmp_path: Path, case: str) -> None:
    path = _write(tmp_path, BROKEN[case][0])
    out = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "check-requirements", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2, out
    assert "Traceback" not in out.stderr + out.stdout
    assert out.stderr.count("error:") == 1, out.stderr
    assert BROKEN[case][2] in " ".join(out.stderr.split()), out.stderr


def test_cli_huge_file_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    out = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "check-requirements", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    assert "limit" in doc["error"]["message"]


def test_cli_check_ok_and_warnings(cli, tmp_path: Path) -> None:
    result = invoke(cli, "check-requirements", str(EXAMPLES / "chat-system.yaml"), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["valid"] is True and doc["name"] == "Real-time chat"
    path = _write(
        tmp_path,
        "name: x\nnon_functional:\n  users: {concurrent: 10, concurrent_in_2_years: 5}\n",
    )
    result = invoke(cli, "check-requirements", str(path), "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["warnings"]) == 1


def test_cli_reports_error_as_json(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, BROKEN["wrong_type"][0])
    result = invoke(cli, "check-requirements", str(path), "--json")
    assert result.exit_code == 2
    problem = json.loads(result.stdout)["error"]["problems"][0]
    assert problem["line"] == 4 and problem["field"] == "constraints.team.engineers"


def test_valid_text_is_read_back_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    from archwise.requirements import loader

    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path / "cache"))
    text = (EXAMPLES / "chat-system.yaml").read_text(encoding="utf-8")
    path = _write(
        tmp_path, text.replace("concurrent_in_2_years: 1000000", "concurrent_in_2_years: 10")
    )
    first = load_with_warnings(path)
    assert first.warnings, "the shrinking-users warning is part of what is cached"
    assert len(list((tmp_path / "cache").glob("requirements-validated-*/*.pickle"))) == 1

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached text was parsed again")

    with monkeypatch.context() as m:
        m.setattr(loader.yamlio, "parse", no_parse)
        again = load_with_warnings(path)
    assert again == first and again is not first
    assert [w.file for w in again.warnings] == [str(path)]

    moved = _write(tmp_path, path.read_text(encoding="utf-8"), name="other.yaml")
    assert [w.file for w in load_with_warnings(moved).warnings] == [str(moved)]

    path.write_text(text.replace("concurrent: 100000", "concurrent: -5"), encoding="utf-8")
    with pytest.raises(InputError):
        load_with_warnings(path)
    with pytest.raises(InputError):
        load_with_warnings(path)
    assert len(list((tmp_path / "cache").glob("requirements-validated-*/*.pickle"))) == 2
