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


def _render(app_factory: str, width: str) -> str:
    code = (
        "import sys\n"
        f"from archwise.cli.main import {app_factory}\n"
        f"{app_factory}()(['--help'], prog_name='archwise')\n"
    )
    env = {**os.environ, "ARCHWISE_CACHE_DIR": "off", "COLUMNS": width}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("width", ["100", "60"])
def test_the_outline_renders_the_full_apps_root_help(width: str) -> None:
    outline, full = _render("outline_app", width), _render("full_app", width)
    assert outline == full
    assert "│ capacity " in outline and "│ brief " in outline


def test_the_outline_is_what_the_command_modules_register() -> None:
    from archwise.cli import _outline

    source = Path(_outline.__file__).read_text(encoding="utf-8")
    assert _outline.source() == source, "run: python -m archwise.cli._outline"
    assert len(_outline.OUTLINE) == len(set(main_verbs())) and set(main_verbs()) == {
        name for name, _ in _outline.OUTLINE
    }


def main_verbs() -> list[str]:
    from archwise.cli.main import COMMAND_INDEX

    return list(COMMAND_INDEX)


def test_a_cold_root_help_imports_no_command_module_nor_markdown() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['archwise', '--help']\n"
        "from archwise.cli.main import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "seen = [m for m in sys.modules if m.startswith(('archwise.cli.', 'rich.markdown',"
        " 'rich.traceback', 'markdown_it', 'pygments'))]\n"
        "import rich.markdown, rich.traceback\n"
        "real = hasattr(rich.markdown, 'MarkdownContext') and hasattr(rich.traceback, 'Frame')\n"
        "sys.stderr.write(json.dumps([sorted(seen), real]))\n"
    )
    env = {**os.environ, "ARCHWISE_CACHE_DIR": "off", "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    seen, real = json.loads(done.stderr.strip().splitlines()[-1])
    assert "│ capacity " in done.stdout
    assert seen == [
        "archwise.cli._help",
        "archwise.cli._outline",
        "archwise.cli._root",
        "archwise.cli.main",
    ]
    assert real  # the stand-ins are gone: a later import gets the real modules
