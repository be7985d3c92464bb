"""The web UI in a real headless Chromium (Playwright driving Debian's chromium)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, require_in_ci
from tests.web.conftest import TOKEN

ARTIFACTS = ROOT / "test-artifacts" / "web"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    return os.environ.get("ARCHWISE_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = _chromium()
    if exe is None:
        require_in_ci("Debian's chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_in_ci("playwright is not installed (pip install -e '.[dev]')")
    profile = tempfile.mkdtemp(prefix="archwise-chromium-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=exe,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 1000},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _page(browser: Any, base: str) -> tuple[Any, list[str]]:
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    return page, outside


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_shows_questions_and_decisions(browser: Any, live_server: str) -> None:
    page, outside = _page(browser, live_server)
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("#questions li").count() > 0
    assert "Record architecture decisions" in page.content()
    _shot(page, "overview")
    assert outside == [], f"requests left the server: {outside}"
    page.close()


def test_search_adrs_and_render_a_diagram(browser: Any, live_server: str) -> None:
    page, outside = _page(browser, live_server)
    page.goto(live_server + "/adr")
    page.fill("#q", "ordering joins")
    page.click("#search button")
    page.wait_for_url("**/adr?*")
    rows = page.locator("#adrs tr").all_inner_texts()
    assert len(rows) == 2 and "Use PostgreSQL for messages" in rows[1]
    page.click("text=Use PostgreSQL for messages")
    page.wait_for_selector("body[data-diagrams=rendered]", timeout=20_000)
    assert page.locator("#record svg").count() >= 1, "the Mermaid block became an SVG"
    _shot(page, "adr-with-diagram")
    assert outside == []
    page.close()


def test_change_status_with_the_token_rewrites_the_file(
    browser: Any, live_server: str, web_workspace: Path
) -> None:
    adr = web_workspace / "docs" / "adr" / "0002-use-postgresql-for-messages.md"
    assert "Proposed" in adr.read_text()
    page, _ = _page(browser, live_server)
    page.goto(live_server + "/adr/2")
    assert page.locator("#status-form").count() == 0, "no write form before signing in"
    page.goto(live_server + "/login")
    page.fill("#token", TOKEN)
    page.click("#sign-in")
    page.goto(live_server + "/adr/2")
    page.select_option("#new-status", "accepted")
    page.click("#set-status")
    page.wait_for_selector("#status-pill")
    assert page.locator("#status-pill").inner_text().lower() == "accepted"
    text = adr.read_text()
    assert "Accepted" in text and "Proposed" not in text
    _shot(page, "status-changed")
    page.close()


def test_hostile_adr_runs_no_script(browser: Any, live_server: str) -> None:
    page, _ = _page(browser, live_server)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server + "/adr/3")
    page.hover("text=hover me")
    page.click("text=hover me")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss === undefined")
    assert dialogs == []
    _shot(page, "hostile-adr")
    page.close()


def test_radar(browser: Any, live_server: str) -> None:
    page, outside = _page(browser, live_server)
    page.goto(live_server + "/radar")
    rings = page.locator("#radar .ring").all_inner_texts()
    assert len(rings) == 4
    assert "PostgreSQL" in rings[0] and "MongoDB" in rings[3]
    _shot(page, "radar")
    assert outside == []
    page.close()
