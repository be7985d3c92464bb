"""Parsed ADRs are cached per folder and re-read when a file changes, appears or goes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archwise.adr.collection import scan


def _write(path: Path, title: str, status: str) -> None:
    path.write_text(
        f"# 1. {title}\n\nDate: 2026-11-25\n\n## Status\n\n{status}\n\n## Context\n\nx\n"
    )


def test_changes_are_seen_through_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "adr"
    folder.mkdir()
    first = folder / "0001-a.md"
    _write(first, "First", "Proposed")
    assert [r.adr.status for r in scan(folder)] == ["Proposed"]
    assert list((tmp_path / "cache").glob("adr-parsed-*/*.pickle")), "the parse was cached"
    assert [r.adr.status for r in scan(folder)] == ["Proposed"]
    _write(first, "First", "Accepted")
    st = first.stat()
    os.utime(first, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert [r.adr.status for r in scan(folder)] == ["Accepted"]
    _write(folder / "0002-b.md", "Second", "Proposed")
    assert len(scan(folder)) == 2
    first.unlink()
    assert [r.adr.title for r in scan(folder)] == ["Second"]


def test_a_damaged_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "adr"
    folder.mkdir()
    _write(folder / "0001-a.md", "First", "Proposed")
    scan(folder)
    for f in (tmp_path / "cache").glob("adr-parsed-*/*.pickle"):
        f.write_bytes(b"\x80\x05garbage")
    assert [r.adr.title for r in scan(folder)] == ["First"]
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", "off")
    assert [r.adr.title for r in scan(folder)] == ["First"]
