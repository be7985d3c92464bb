"""The import contracts hold on the real package and fail when a front end reaches past the api."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    exe = shutil.which("lint-imports")
    assert exe, "import-linter is not installed (pip install -e '.[dev]')"
    return subprocess.run(
        [exe, str(cwd / ".importlinter"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_contracts_hold() -> None:
    result = _lint(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or "0 broken" in result.stdout


def test_contract_fails_when_cli_imports_internals(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "src" / "archwise",
        tmp_path / "src" / "archwise",
        ignore=shutil.ignore_patterns("__pycache__", "data"),
    )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    bad = tmp_path / "src" / "archwise" / "cli" / "sneaky.py"
    bad.write_text(
        '"""A verb that reaches past the api."""\nimport archwise.kb.schemas.technology\n'
    )
    result = _lint(tmp_path, tmp_path / "src")
    assert result.returncode != 0
    assert "archwise.cli.sneaky" in result.stdout
