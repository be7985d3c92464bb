"""The web UI in a real headless Chromium (Playwright driving Debian's chromium).

One browser and one server for the module, on one test worker; axe-core is handed to a browser
context once. Pages are checked at 1366x900 and 390x844, light and dark, for horizontal overflow
and with axe-core; each browser workflow is driven end to end and its files are checked on disk. Screenshots (JPEG, quicker to write) go to test-artifacts/web/.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import ROOT, require_in_ci
from tests.web.conftest import TOKEN, make_workspace, serving

# One worker runs them all: one browser, one server, caches warmed once (see pyproject addopts).
pytestmark = pytest.mark.xdist_group("browser")
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
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGES = [
    "/",
    "/requirements",
    "/requirements/edit",
    "/recommendation",
    "/capacity",
    "/analysis",
    "/plan",
    "/adr",
    "/adr/1",
    "/adr/2",
    "/adr/new",
    "/radar",
    "/registry",
    "/registry/adrs",
    "/registry/search?q=postgresql",
    "/registry/radar",
    "/login",
    "/api/docs",
    "/nope",
    "/adr/abc",
]
AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations'],
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _chromium() -> str | None:
    return os.environ.get("ARCHWISE_CHROMIUM") or shutil.which("chromium")


def _axe() -> Path | None:
    env = os.environ.get("ARCHWISE_AXE")
    path = Path(env) if env else ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The populated workspace, its registry holding the workspace itself, one moved blip."""
    from archwise.api import registry

    root = make_workspace(tmp_path_factory.mktemp("browser"))
    radar = root / "radar.yaml"
    radar.write_text(
        radar.read_text().replace(
            "{name: Kafka, ring: trial}", "{name: Kafka, ring: trial, moved_from: assess}"
        )
    )
    registry.ingest([root], db=_db(root), workspace=root)
    return root


def _db(root: Path) -> str:
    return f"sqlite:///{root / '.archwise' / 'archwise.db'}"


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[str]:
    with serving(workspace, db=_db(workspace)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = _chromium()
    if exe is None:
        require_in_ci("Debian's chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_in_ci("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=exe, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


def _context(browser: Any, viewport: dict[str, int], scheme: str = "light") -> Any:
    # bypass_csp only so the test can inject axe-core; the app's own pages never need it.
    return browser.new_context(viewport=viewport, color_scheme=scheme, bypass_csp=True)


@pytest.fixture(scope="module")
def signed_in(browser: Any, server: str) -> Iterator[Any]:
    """A desktop browser context signed in with the write token."""
    context = _context(browser, DESKTOP)
    page = context.new_page()
    page.goto(server + "/login")
    page.fill("#token", TOKEN)
    page.click("#sign-in")
    page.wait_for_url(server + "/")
    yield page
    context.close()


def _watch(page: Any, base: str) -> list[str]:
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    return outside


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.jpg"), full_page=True, type="jpeg", quality=70)


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "overview"


def _registry_pages(server: str) -> list[str]:
    """The pages of one ingested repository: itself, one of its ADRs, one technology."""
    import httpx

    repo = httpx.get(server + "/api/registry/repositories").json()["repositories"][0]["name"]
    record = httpx.get(server + "/api/registry/adrs", params={"limit": 1}).json()["records"][0]
    return [
        f"/registry/repo/{quote(repo)}",
        f"/registry/repo/{quote(repo)}/adr?path={quote(record['path'])}",
        "/registry/tech/PostgreSQL",
    ]


def _serious(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(AXE_RUN)
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(
    ("viewport", "scheme"), [(PHONE, "light"), (DESKTOP, "dark")], ids=["phone-light", "desk-dark"]
)
def test_every_page_fits_is_accessible_and_themed(
    browser: Any, server: str, signed_in: Any, viewport: dict[str, int], scheme: str
) -> None:
    axe = _axe()
    if axe is None:
        require_in_ci("axe-core is not installed (.ci/run installs it into .ci/node)")
    assert axe is not None
    context = _context(browser, viewport, scheme)
    context.add_cookies(signed_in.context.cookies())  # signed in: the write forms are shown too
    # axe-core is handed over once and runs as each page starts, not sent page by page.
    context.add_init_script(path=str(axe))
    page = context.new_page()
    outside = _watch(page, server)
    problems: dict[str, Any] = {}
    for path in [*PAGES, *_registry_pages(server)]:
        page.goto(server + path)
        page.wait_for_function("document.body.hasAttribute('data-diagrams')", timeout=20_000)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > viewport["width"]:
            problems[f"{path} overflow"] = wide
        if viewport == PHONE:  # the narrowest phones too
            page.set_viewport_size({"width": 360, "height": 800})
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > 360:
                problems[f"{path} overflow at 360 px"] = wide
            page.set_viewport_size(PHONE)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        dark = background in ("rgb(13, 17, 23)",)
        if dark != (scheme == "dark"):
            problems[f"{path} theme"] = background
        violations = _serious(page)
        if violations:
            problems[f"{path} axe"] = violations
        _shot(page, f"{_name(path)}-{viewport['width']}-{scheme}")
    context.close()
    assert not problems, json.dumps(problems, indent=1)
    assert outside == [], f"requests left the server: {outside}"


def test_error_pages_offer_a_way_back(browser: Any, server: str) -> None:
    context = _context(browser, PHONE)
    page = context.new_page()
    for path, status, title in (("/nope", 404, "Page not found"), ("/adr/abc", 400, "not valid")):
        response = page.goto(server + path)
        assert response.status == status
        assert title in page.locator("h1").inner_text()
        assert page.locator("#back").get_attribute("href") == "/"
        assert "detail" not in page.content()
    context.close()


def test_search_adrs_and_click_the_graph(browser: Any, server: str) -> None:
    context = _context(browser, DESKTOP)
    page = context.new_page()
    outside = _watch(page, server)
    page.goto(server + "/adr")
    page.fill("#q", "ordering joins")
    page.click("#search button")
    page.wait_for_url("**/adr?*")
    rows = page.locator("#adrs tbody tr").all_inner_texts()
    assert len(rows) == 1 and "Use PostgreSQL for messages" in rows[0]
    page.click("text=Use PostgreSQL for messages")
    page.wait_for_selector("body[data-diagrams=rendered]", timeout=20_000)
    assert page.locator("#record svg").count() >= 1, "the Mermaid block became an SVG"
    assert page.locator("#sidebar li").count() >= 3
    assert page.locator("#prev").get_attribute("href") == "/adr/1"
    _shot(page, "adr-with-diagram")
    page.goto(server + "/adr")
    page.wait_for_selector("body[data-diagrams=rendered]", timeout=20_000)
    page.locator('#adr-graph g.node[role="link"]').first.click()
    page.wait_for_url("**/adr/1")
    assert outside == []
    context.close()


def test_pages_without_a_diagram_do_not_load_mermaid(browser: Any, server: str) -> None:
    context = _context(browser, DESKTOP)
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto(server + "/adr/1")
    page.wait_for_selector("body[data-diagrams=none]")
    assert not [u for u in loaded if "mermaid" in u]
    context.close()


def test_hostile_adr_runs_no_script(browser: Any, server: str) -> None:
    context = _context(browser, DESKTOP)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/adr/3")
    page.hover("text=hover me")
    page.click("text=hover me")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss === undefined")
    assert dialogs == []
    context.close()


def test_radar_is_drawn(browser: Any, server: str) -> None:
    context = _context(browser, DESKTOP)
    page = context.new_page()
    page.goto(server + "/radar")
    svg = page.locator("#radar-chart svg")
    assert svg.locator("circle[class^=blip], path[class^=blip]").count() == 5
    assert svg.locator("path.blip-moved").count() == 1, "Kafka moved from assess"
    assert "Kafka" in page.locator(".radar-legend").inner_text()
    _shot(page, "radar-drawn")
    page.goto(server + "/registry/radar")
    assert page.locator("#radar-chart svg").count() == 1
    context.close()


def test_status_change_is_confirmed_and_rewrites_the_file(
    signed_in: Any, server: str, workspace: Path
) -> None:
    adr = workspace / "docs" / "adr" / "0002-use-postgresql-for-messages.md"
    page = signed_in
    page.goto(server + "/adr/2")
    assert page.locator("label[for=new-status]").inner_text() == "Change status to"
    page.select_option("#new-status", "accepted")
    page.click("#set-status")
    page.wait_for_selector("#notice")
    assert "status was changed" in page.locator("#notice").inner_text()
    assert page.locator("#status-pill").inner_text().lower() == "accepted"
    assert "Accepted" in adr.read_text() and "Proposed" not in adr.read_text()
    _shot(page, "status-changed")


def test_edit_requirements_fill_clear_and_save(
    signed_in: Any, server: str, workspace: Path
) -> None:
    from archwise.api import requirements

    page = signed_in
    page.goto(server + "/requirements/edit")
    assert page.locator("#f-non_functional-users-concurrent").get_attribute("type") == "number"
    assert page.locator("#f-constraints-domain").evaluate("e => e.tagName") == "SELECT"
    page.select_option("#f-constraints-domain", "evolving")
    page.select_option("#f-constraints-polyglot", "no")
    page.fill("#f-non_functional-users-concurrent", "25000")
    page.fill("#f-non_functional-latency-p99_ms", "")  # cleared
    page.check("#f-functional-clients-1")  # web
    rows = page.locator("#f-constraints-team-expertise .row-inputs").count()
    page.fill(f"#f-constraints-team-expertise-{rows - 1}-key", "go")
    page.select_option(f"#f-constraints-team-expertise-{rows - 1}-value", "some")
    page.fill("#f-assumptions-service_time_ms", "15")
    page.select_option("#f-constraints-existing_systems-0-kind", "monolith")  # but no name
    page.click("#save-requirements")
    page.wait_for_selector("#form-problems")
    assert (
        "name is required"
        in page.locator("#f-constraints-existing_systems-0-name-help").inner_text()
    )
    assert page.locator("#f-non_functional-users-concurrent").input_value() == "25000", "kept"
    assert page.locator(f"#f-constraints-team-expertise-{rows - 1}-key").input_value() == "go"
    axe = _axe()
    if axe is not None:  # the form with its errors is a page of its own
        page.add_script_tag(path=str(axe))
        assert _serious(page) == []
    _shot(page, "requirements-form-error")
    page.fill("#f-constraints-existing_systems-0-name", "Billing monolith")
    page.click("#save-requirements")
    page.wait_for_selector("#notice")
    loaded = requirements.load_requirements(workspace / "archwise.yaml")  # the CLI's loader
    assert loaded.constraints.domain == "evolving" and loaded.constraints.polyglot is False
    assert loaded.non_functional.users.concurrent == 25000
    assert loaded.non_functional.latency.p99_ms is None
    assert loaded.functional.clients == ["web"]
    assert loaded.constraints.team.expertise["go"] == "some"
    assert loaded.constraints.existing_systems[0].name == "Billing monolith"
    assert loaded.assumptions is not None and loaded.assumptions.service_time_ms == 15
    page.goto(server + "/requirements/edit")
    assert page.locator("#f-non_functional-latency-p99_ms").input_value() == ""
    _shot(page, "requirements-form")


def test_start_and_advance_a_session(signed_in: Any, server: str, workspace: Path) -> None:
    from archwise.api import session

    page = signed_in
    page.goto(server + "/")
    page.fill("#session-title", "Chat architecture")
    page.click("#start-session")
    page.wait_for_selector("#notice")
    assert page.locator("#phase").inner_text() == "Discovery"
    page.click("#advance")
    page.wait_for_load_state()
    view = session.session_status(None, workspace=workspace)
    assert view.title == "Chat architecture"
    if page.locator("#session-error").count():
        # Discovery may not be left while questions are open: the refusal names the blockers.
        assert "cannot leave" in page.locator("#session-error").inner_text()
        assert view.phase_name == "Discovery"
    else:
        assert view.phase_name != "Discovery"
    _shot(page, "session")


def test_write_an_adr_and_one_from_the_recommendation(
    signed_in: Any, server: str, workspace: Path
) -> None:
    folder = workspace / "docs" / "adr"
    page = signed_in
    page.goto(server + "/adr/new")
    page.fill("#adr-title", "Use Redis for presence")
    page.click("#adr-create")
    page.wait_for_selector("#notice")
    written = sorted(folder.glob("*-use-redis-for-presence.md"))
    assert len(written) == 1
    text = written[0].read_text()
    assert text.startswith("# ADR-") and "## Decision" in text and "**Status**: Proposed" in text
    page.goto(server + "/recommendation")
    chosen = page.locator("#chosen").inner_text()
    page.click("#rec-to-adr button")
    page.wait_for_selector("#notice")
    newest = max(folder.glob("*.md"))
    assert chosen in newest.read_text()
    assert page.locator("#record").inner_text().count(chosen) >= 1
    _shot(page, "adr-from-recommendation")


def test_run_the_analysis_with_progress(signed_in: Any, server: str, workspace: Path) -> None:
    from archwise.api import store

    page = signed_in
    page.goto(server + "/analysis")
    page.click("#run-analysis-button")
    page.wait_for_selector("#analysis-done", timeout=60_000)
    snap = store.latest_snapshot("analyze", str(workspace), workspace=workspace)
    assert snap is not None and snap.payload["totals"]["files"] > 0
    _shot(page, "analysis-run")


def test_a_new_user_on_the_demo_workspace(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`archwise demo --write` then `archwise serve`: nothing empty, nothing wider than a phone."""
    from archwise.api import demo

    root = tmp_path_factory.mktemp("demo") / "demo"
    demo.run_demo(root, report=False)
    axe = _axe()
    with serving(root, db=_db(root)) as base:
        context = _context(browser, PHONE, "dark")
        if axe is not None:
            context.add_init_script(path=str(axe))
        page = context.new_page()
        problems: dict[str, Any] = {}
        for path in ("/", "/recommendation", "/radar", "/registry", "/registry/radar", "/adr/1"):
            page.goto(base + path)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > PHONE["width"]:
                problems[f"{path} overflow"] = wide
            if axe is not None and (violations := _serious(page)):
                problems[f"{path} axe"] = violations
            _shot(page, f"demo-{_name(path)}-390-dark")
        page.goto(base + "/radar")
        assert page.locator("#radar-chart svg circle[class^=blip]").count() >= 5
        page.goto(base + "/registry")
        assert "demo" in page.locator("main").inner_text()
        page.goto(base + "/recommendation")
        assert page.locator("#verdict").is_visible() and page.locator("#chosen").inner_text()
        context.close()
    assert not problems, json.dumps(problems, indent=1)
