"""Shared fixtures: an isolated workspace and a CLI runner that never touches the real home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _ceilings(base: Path) -> str:
    """The folders above pytest's temp root and above this checkout: a workspace walk stops there."""
    above = {*base.parents, *Path(__file__).resolve().parents[1].parents}
    return os.pathsep.join(sorted(str(p) for p in above))


@pytest.fixture(autouse=True, scope="session")
def _ceiling_for_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Module-scoped fixtures run before the per-test environment: they need the ceiling too.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARCHWISE_CEILING_DIRS", _ceilings(tmp_path_factory.getbasetemp().resolve()))
        yield


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    # A stray .archwise/ in /tmp must never become the workspace of a test's temp folder.
    base = tmp_path_factory.getbasetemp().resolve()
    monkeypatch.setenv("ARCHWISE_CEILING_DIRS", _ceilings(base))
    for var in ("ARCHWISE_DB", "ARCHWISE_KB", "ARCHWISE_RADAR", "ARCHWISE_WORKSPACE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty workspace folder that is the current directory."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def cli() -> CliRunner:
    """A Typer runner for the archwise app."""
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    """Run `archwise ARGS` in-process and return the result."""
    from archwise.cli.main import app

    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


# Typer rebuilds the whole click command tree on every in-process invoke (~0.5 s of CPU);
# build it once per app for the whole suite.
_REAL_GET_COMMAND = typer.testing._get_command
_BUILT: dict[int, tuple[object, object]] = {}


def _cached_get_command(app: typer.Typer) -> object:
    if id(app) not in _BUILT:
        _BUILT[id(app)] = (app, _REAL_GET_COMMAND(app))
    return _BUILT[id(app)][1]


typer.testing._get_command = _cached_get_command  # type: ignore[assignment]


def require_in_ci(reason: str) -> None:
    """Fail in CI, skip elsewhere: CI must never silently skip what it has installed."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)
