"""Fixtures for the web tests: a workspace with requirements, ADRs, a session and a radar."""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

TOKEN = "test-token-0123456789"

XSS_ADR = """# 3. Render hostile Markdown safely

Date: 2026-11-20

## Status

Accepted

## Context

<script>window.__xss = 'script';</script>
<img src="x" onerror="window.__xss = 'onerror'">
<a href="javascript:window.__xss='link'">click me</a>
[markdown link](javascript:window.__xss='md')
<div onclick="window.__xss='click'" onmouseover="window.__xss='hover'">hover me</div>
<svg onload="window.__xss='svg'"><circle r="4"></circle></svg>
<iframe src="javascript:window.__xss='iframe'"></iframe>

## Decision

Sanitise everything.

## Consequences

Nothing runs.
"""


def make_workspace(root: Path) -> Path:
    """Write a workspace: archwise.yaml, tasks, three ADRs (one hostile), a radar and config."""
    shutil.copy(EXAMPLES / "chat-system.yaml", root / "archwise.yaml")
    shutil.copy(EXAMPLES / "chat-tasks.yaml", root / "tasks.yaml")
    adr = root / "docs" / "adr"
    adr.mkdir(parents=True)
    (adr / "0001-record-architecture-decisions.md").write_text(
        "# 1. Record architecture decisions\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n\n"
        "## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe will use ADRs.\n\n"
        "## Consequences\n\nSee Michael Nygard's article.\n",
        encoding="utf-8",
    )
    (adr / "0002-use-postgresql-for-messages.md").write_text(
        "# 2. Use PostgreSQL for messages\n\nDate: 2026-11-10\n\n## Status\n\nProposed\n\n"
        "## Context\n\nMessages need strong ordering and joins.\n\n## Decision\n\n"
        "Store messages in PostgreSQL.\n\n```mermaid\ngraph LR; API-->PostgreSQL\n```\n\n"
        "## Consequences\n\nOne database to operate.\n",
        encoding="utf-8",
    )
    (adr / "0003-render-hostile-markdown-safely.md").write_text(XSS_ADR, encoding="utf-8")
    state = root / ".archwise"
    state.mkdir()
    (root / "radar.yaml").write_text(
        "title: Example radar\ndate: 2026-11-01\nentries:\n"
        "  - {name: PostgreSQL, ring: adopt}\n  - {name: TypeScript, ring: adopt}\n"
        "  - {name: Kafka, ring: trial}\n  - {name: MongoDB, ring: hold, reason: one database}\n"
        "  - {name: Rust, ring: assess}\n",
        encoding="utf-8",
    )
    (state / "config.yaml").write_text("radar: radar.yaml\n", encoding="utf-8")
    return root


@pytest.fixture
def web_workspace(tmp_path: Path) -> Path:
    """A populated workspace folder."""
    return make_workspace(tmp_path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_server(web_workspace: Path) -> Iterator[str]:
    """`archwise serve` on a free loopback port, in a thread; yields its base URL."""
    with serving(web_workspace) as base:
        yield base


@contextlib.contextmanager
def serving(root: Path, db: str | None = None) -> Iterator[str]:
    """Serve a workspace on a free loopback port in a thread, for the length of the block."""
    import uvicorn

    from archwise.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(root, token=TOKEN, db=db), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the web server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
