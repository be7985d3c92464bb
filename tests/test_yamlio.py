"""Shared YAML loading: values the constructor rejects become located input errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise import yamlio
from archwise.errors import InputError


def test_impossible_date_is_a_located_error(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("name: x\nsummary: ok\nwhen: 2026-13-45\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        yamlio.load(f)
    problem = err.value.problems[0]
    assert problem.line == 3
    assert "month must be in 1..12" in problem.message


def test_cli_reports_it_with_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    f = tmp_path / "archwise.yaml"
    f.write_text("name: x\nsummary: 2026-02-30\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "check-requirements", str(f)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{f}:2:" in done.stderr
