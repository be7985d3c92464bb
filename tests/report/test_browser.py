"""The chat example's HTML report in a real headless Chromium: diagrams drawn, nothing fetched."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from archwise.api.report import report
from tests.conftest import EXAMPLES, ROOT, require_in_ci

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


def _playwright():  # type: ignore[no-untyped-def]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_in_ci("the playwright Python package (pip install playwright)")
        return None
    if not Path(CHROMIUM).exists():
        require_in_ci("chromium (/usr/bin/chromium)")
        return None
    return sync_playwright


def test_chat_report_renders_offline_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _playwright()
    page_file = tmp_path / "chat-report.html"
    report(
        EXAMPLES / "chat-system.yaml",
        fmt="html",
        output=page_file,
        tasks=EXAMPLES / "chat-tasks.yaml",
        start=dt.date(2027, 1, 4),
    )  # the whole pipeline: the real recommendation, capacity plan and risk drafts
    url = page_file.resolve().as_uri()
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with sync_playwright() as p:
        # a new, empty profile: nothing cached, no extensions, no sign-in
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS[1:],
            viewport={"width": 1200, "height": 900},
        )
        try:
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            assert page.locator("section#options svg").count() == 2
            # every diagram has laid-out shapes with a real size on the page
            arch = page.locator("section#architecture svg")
            assert arch.count() == 2
            for i in range(2):
                box = arch.nth(i).bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 300
            assert page.locator("section#architecture svg").nth(0).locator("g.node").count() >= 2
            assert page.locator("section#architecture svg").nth(1).locator("g.node").count() >= 4
            assert page.locator("section#architecture svg line.edge").count() >= 4
            assert page.locator("section#plan svg rect.bar").count() == 13
            assert page.locator("section#plan svg path.milestone").count() == 1
            assert page.locator("section#plan svg rect.phase").count() == 4
            texts = page.locator("section#architecture svg text").all_text_contents()
            assert "Application" in texts and "Database" in texts
            page.locator("section#architecture").screenshot(
                path=str(ARTIFACTS / "report-architecture.png")
            )
            page.locator("section#plan").screenshot(path=str(ARTIFACTS / "report-plan.png"))
            page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)
            page.emulate_media(media="print")
            assert page.locator("nav").is_hidden()
        finally:
            context.close()
    assert requests == [url], f"the page fetched more than itself: {requests}"
    assert (ARTIFACTS / "report-architecture.png").stat().st_size > 10_000
