"""The web front end over HTTP: pages, JSON API, token-protected writes, CSRF and sanitising."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archwise.web.app import create_app
from tests.web.conftest import TOKEN


@pytest.fixture
def client(web_workspace: Path) -> TestClient:
    return TestClient(create_app(web_workspace, token=TOKEN), base_url="http://127.0.0.1")


@pytest.fixture
def readonly(web_workspace: Path) -> TestClient:
    return TestClient(create_app(web_workspace), base_url="http://127.0.0.1")


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/requirements",
        "/recommendation",
        "/capacity",
        "/analysis",
        "/plan",
        "/adr",
        "/adr/1",
        "/adr/2",
        "/adr/3",
        "/radar",
        "/login",
    ],
)
def test_pages_render(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200, response.text[:500]
    assert "<html" in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_assets_are_local(client: TestClient) -> None:
    page = client.get("/adr/2").text
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not src.startswith(("http:", "https:", "//")), src
    assert client.get("/static/vendor/mermaid.min.js").status_code == 200


def test_api_lists_and_filters_adrs(client: TestClient) -> None:
    records = client.get("/api/adrs").json()["records"]
    assert [r["number"] for r in records] == [1, 2, 3]
    accepted = client.get("/api/adrs", params={"status": "accepted"}).json()["records"]
    assert {r["number"] for r in accepted} == {1, 3}
    found = client.get("/api/adrs", params={"q": "ordering joins"}).json()["records"]
    assert [r["number"] for r in found] == [2]
    assert client.get("/api/adrs/99").status_code == 404


def test_openapi_document(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert "/api/adrs" in doc["paths"]
    assert "/api/adrs/{number}/status" in doc["paths"]


def test_writes_need_the_token(client: TestClient, web_workspace: Path) -> None:
    path = web_workspace / "docs" / "adr" / "0002-use-postgresql-for-messages.md"
    before = path.read_text()
    denied = client.post("/api/adrs/2/status", json={"status": "accepted"})
    assert denied.status_code == 403
    wrong = client.post(
        "/api/adrs/2/status", json={"status": "accepted"}, headers={"Authorization": "Bearer no"}
    )
    assert wrong.status_code == 403
    assert path.read_text() == before
    ok = client.post(
        "/api/adrs/2/status",
        json={"status": "accepted"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["record"]["lifecycle"] == "accepted"
    assert "Accepted" in path.read_text()


def test_read_only_server_refuses_every_write(readonly: TestClient) -> None:
    response = readonly.post(
        "/api/adrs/2/status", json={"status": "accepted"}, headers={"Authorization": "Bearer x"}
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]["message"]
    assert readonly.post("/login", data={"token": "x"}).status_code == 403


def test_forms_need_a_session_and_csrf(client: TestClient, web_workspace: Path) -> None:
    path = web_workspace / "docs" / "adr" / "0002-use-postgresql-for-messages.md"
    assert client.post("/adr/2/status", data={"status": "rejected"}).status_code == 403
    assert client.post("/login", data={"token": "wrong"}).status_code == 403
    signed = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert signed.status_code == 303
    no_csrf = client.post("/adr/2/status", data={"status": "rejected"})
    assert no_csrf.status_code == 403
    assert "Rejected" not in path.read_text()
    page = client.get("/adr/2").text
    csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert csrf, "the signed-in page carries a CSRF token"
    done = client.post("/adr/2/status", data={"status": "rejected", "csrf_token": csrf.group(1)})
    assert done.status_code == 200
    assert "Rejected" in path.read_text()


def test_answering_a_question_writes_archwise_yaml(client: TestClient, web_workspace: Path) -> None:
    before = client.get("/api/requirements").json()["questions"]
    field = before["questions"][0]["field"]
    response = client.post(
        "/api/questions",
        json={"values": {"non_functional.throughput.peak_rps": 4000}},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    text = (web_workspace / "archwise.yaml").read_text()
    assert "peak_rps: 4000" in text
    assert "# The worked example of the spec" in text, "comments are kept"
    assert field


def test_hostile_markdown_renders_inert(client: TestClient) -> None:
    record = client.get("/api/adrs/3").json()["record"]["html"]
    lowered = record.lower()
    for bad in ("<script", "onerror=", "onclick=", "onmouseover=", "onload=", "<iframe", "<svg"):
        assert bad not in lowered, bad
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", lowered)
    assert "hover me" in record
    page = client.get("/adr/3").text
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == [f'<script src="{_asset(page, "app.js")}" defer>'], "only our own script"


def _asset(page: str, name: str) -> str:
    found = re.search(rf'"(/static/{re.escape(name)}\?v=[0-9a-f]+)"', page)
    assert found, f"{name} is linked with a versioned URL"
    return found.group(1)


def test_radar_flags_a_technology_on_hold_that_is_used(client: TestClient) -> None:
    data = client.get("/api/radar").json()
    rings = {e["canonical"]: e["ring"] for e in data["radar"]["entries"]}
    assert rings["PostgreSQL"] == "adopt"
    assert rings["MongoDB"] == "hold"


def test_no_path_outside_the_workspace_is_served(client: TestClient) -> None:
    for url in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2f..%2fpyproject.toml",
        "/adr/..%2f..%2fetc%2fpasswd",
    ):
        response = client.get(url)
        assert response.status_code in {400, 404, 422}, url
        assert "def create_app" not in response.text


def test_analysis_page_shows_services_and_their_diagram(client: TestClient) -> None:
    page = client.get("/analysis").text
    assert 'id="services"' in page and 'id="services-diagram"' in page
    assert "flowchart LR" in page
    doc = client.get("/api/analysis").json()["analysis"]
    assert "service_edges" in doc and doc["diagram"]["language"] == "mermaid"


def test_capacity_page_shows_the_tiers_and_totals_of_capacity_plan(
    client: TestClient, web_workspace: Path
) -> None:
    import html

    from archwise.api import capacity
    from archwise.jsonable import to_jsonable

    plan = to_jsonable(capacity.plan_capacity(web_workspace / "archwise.yaml"))
    page = html.unescape(client.get("/capacity").text)
    assert plan["tiers"]
    for tier in plan["tiers"]:
        assert tier["component"] in page and tier["size"] in page
        assert "{:,.0f}".format(tier["cost_usd_month_now"]) in page
    assert "${:,.0f}/month now".format(plan["total_usd_month_now"]) in page


def test_recommendation_page_shows_the_same_tiers_and_totals_as_capacity_plan(
    client: TestClient, web_workspace: Path
) -> None:
    import html
    import re

    from archwise.api import capacity
    from archwise.jsonable import to_jsonable

    plan = to_jsonable(capacity.plan_capacity(web_workspace / "archwise.yaml"))
    page = html.unescape(client.get("/recommendation").text)
    chosen = page[page.index('class="card option chosen"') :]
    chosen = chosen[: chosen.index("</article>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", chosen))
    assert plan["tiers"]
    for tier in plan["tiers"]:
        row = f"{tier['name']} ({tier['kind']}) {tier['component']}"
        assert row in text
        after = text[text.index(row) :]
        assert "${:,.0f}".format(tier["cost_usd_month_now"]) in after
        assert "${:,.0f}".format(tier["cost_usd_month_horizon"]) in after
    now, horizon = plan["total_usd_month_now"], plan["total_usd_month_horizon"]
    assert f"${now:,.0f} a month now, ${horizon:,.0f} at the horizon" in text
