"""`archwise --help` is replayed from a cache keyed by the code and the terminal, byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archwise.cli import _help


def _run(args: list[str], cache: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "ARCHWISE_CACHE_DIR": cache, "COLUMNS": "100", **env}
    return subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", *args],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )


@pytest.mark.parametrize("args", [["--help"], ["capacity", "--help"], ["capacity", "size", "-h"]])
def test_help_from_the_cache_is_the_help_itself(tmp_path: Path, args: list[str]) -> None:
    cache = str(tmp_path / "cache")
    built = _run(args, "off")
    first = _run(args, cache)
    replayed = _run(args, cache)
    assert built.returncode == first.returncode == replayed.returncode == 0
    assert built.stdout == first.stdout == replayed.stdout
    assert "Usage:" in replayed.stdout and "--help" in replayed.stdout
    assert len(list((tmp_path / "cache").rglob("*.out"))) == 1


def test_a_replayed_help_imports_no_cli_library(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    code = (
        "import json, sys\n"
        "sys.argv = ['archwise', '--help']\n"
        "from archwise.cli.main import main\n"
        "main()\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "sys.stderr.write(json.dumps(sorted(top & {'typer', 'click', 'rich', 'pydantic'})))\n"
    )
    env = {**os.environ, "ARCHWISE_CACHE_DIR": cache, "COLUMNS": "100"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    assert json.loads(runs[1].stderr) == []


def test_the_key_follows_the_terminal_and_the_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    base = _help.key(["--help"])
    assert _help.key(["--help"]) == base
    assert _help.key(["-h"]) != base
    monkeypatch.setenv("COLUMNS", "60")
    assert _help.key(["--help"]) != base
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    assert _help.key(["--help"]) != base


def test_only_help_requests_are_replayed() -> None:
    verbs = {"capacity": "x", "kb": "y"}
    assert _help.is_help(["--help"], verbs)
    assert _help.is_help(["capacity", "size", "-h"], verbs)
    assert not _help.is_help([], verbs)
    assert not _help.is_help(["capacity", "size", "--rate", "1/s", "--help"], verbs)
    assert not _help.is_help(["nope", "--help"], verbs)
    assert not _help.is_help(["kb", "list"], verbs)
