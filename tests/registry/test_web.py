"""Registry pages and JSON routes over HTTP, token-protected ingest, and `archwise push`."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from archwise.web.app import create_app
from tests.conftest import invoke
from tests.web.conftest import TOKEN, XSS_ADR, _free_port, make_workspace

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _body(payloads: list) -> dict:
    return {"repositories": [p.model_dump(mode="json") for p in payloads]}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    return make_workspace(root)


@pytest.fixture
def client(site: Path, db_url: str, payloads: list) -> TestClient:
    c = TestClient(create_app(site, token=TOKEN, db=db_url), base_url="http://127.0.0.1")
    assert c.post("/api/registry/ingest", json=_body(payloads), headers=AUTH).status_code == 200
    return c


def test_ingest_needs_the_token(site: Path, payloads: list, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    writable = TestClient(create_app(site, token=TOKEN, db=db), base_url="http://127.0.0.1")
    assert writable.post("/api/registry/ingest", json=_body(payloads)).status_code == 403
    wrong = {"Authorization": "Bearer nope"}
    assert (
        writable.post("/api/registry/ingest", json=_body(payloads), headers=wrong).status_code
        == 403
    )
    readonly = TestClient(create_app(site, db=db), base_url="http://127.0.0.1")
    assert (
        readonly.post("/api/registry/ingest", json=_body(payloads), headers=AUTH).status_code == 403
    )
    assert writable.get("/api/registry/repositories").json()["repositories"] == []
    ok = writable.post("/api/registry/ingest", json=_body(payloads), headers=AUTH).json()
    assert [r["name"] for r in ok["ingested"]] == ["billing", "storefront", "worker"]
    bad = {"repositories": [{"name": "../etc", "adrs": []}]}
    assert writable.post("/api/registry/ingest", json=bad, headers=AUTH).status_code == 422


def test_pages_render(client: TestClient) -> None:
    pages = {
        "/registry": "storefront",
        "/registry/adrs": "Use PostgreSQL for invoices",
        "/registry/search?q=invoices+consistency": "Use PostgreSQL for invoices",
        "/registry/repo/billing": "Cache exchange rates in Redis",
        "/registry/repo/billing/adr?path=docs/adr/0002-use-postgresql-for-invoices.md": (
            "strong consistency"
        ),
        "/registry/tech/PostgreSQL": "billing",
        "/registry/radar": "on hold but used",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        assert text in response.text, url
        assert 'href="/registry"' in response.text
    assert client.get("/registry/repo/nope").status_code == 404
    search = client.get("/registry/search?q=invoices").text
    assert "2 record(s)" in search and "worker" in search


def test_json_routes(client: TestClient) -> None:
    page = client.get("/api/registry/adrs", params={"limit": 4}).json()
    assert page["total"] == 6 and len(page["records"]) == 4
    found = client.get("/api/registry/search", params={"q": "catalogue"}).json()
    assert [r["repository"] for r in found["records"]] == ["storefront"]
    assert client.get("/api/registry/adrs", params={"limit": 5000}).status_code == 422
    one = client.get(
        "/api/registry/adr",
        params={"repository": "worker", "path": "docs/adr/0001-consume-invoices-from-a-queue.md"},
    ).json()
    assert "bursts" in one["record"]["text"] and "<h1>" in one["html"]
    tech = client.get("/api/registry/tech/mongodb").json()
    assert tech["ring"] == "hold" and tech["repositories"][0]["repository"] == "storefront"
    radar = client.get("/api/registry/radar").json()
    assert radar["flagged"] == ["MongoDB"]
    csv = client.get("/api/registry/radar/export", params={"format": "thoughtworks-csv"})
    assert csv.status_code == 200 and csv.text.startswith("name,ring,quadrant,isNew,description")
    backstage = client.get("/api/registry/radar/export", params={"format": "backstage"}).json()
    assert {e["title"] for e in backstage["entries"]} >= {"PostgreSQL", "MongoDB"}
    assert "/api/registry/adrs" in client.get("/api/openapi.json").json()["paths"]


def test_hostile_adr_renders_inert(client: TestClient, payloads: list) -> None:
    evil = payloads[2].model_copy(deep=True)
    evil.name = "evil"
    evil.adrs[0].text = XSS_ADR
    evil.adrs[0].title = "<script>alert(1)</script>"
    assert client.post("/api/registry/ingest", json=_body([evil]), headers=AUTH).status_code == 200
    page = client.get(f"/registry/repo/evil/adr?path={evil.adrs[0].path}").text
    article = page.split('<article class="adr">', 1)[1].split("</article>", 1)[0].lower()
    for bad in ("<script", "onerror=", "onclick=", "onmouseover=", "onload=", "<iframe", "<svg"):
        assert bad not in article, bad
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", article)
    assert "hover me" in article
    listing = client.get("/registry/adrs?repository=evil").text
    assert "<script>alert" not in listing and "&lt;script&gt;alert(1)" in listing
    api = client.get("/api/registry/adr", params={"repository": "evil", "path": evil.adrs[0].path})
    assert "<script" not in api.json()["html"].lower()


@pytest.fixture
def live(site: Path, tmp_path: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(site, token=TOKEN, db=f"sqlite:///{tmp_path / 'live.db'}")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_push_to_a_running_server(cli: CliRunner, live: str, repos: list[Path]) -> None:
    import httpx

    denied = invoke(cli, "push", live, str(repos[0]), "--token", "wrong")
    assert denied.exit_code == 2 and "403" in denied.output
    pushed = invoke(cli, "push", live, str(repos[0]), str(repos[1]), "--token", TOKEN, "--json")
    assert pushed.exit_code == 0, pushed.output
    listed = httpx.get(f"{live}/api/registry/repositories").json()["repositories"]
    assert [(r["name"], r["adrs"]) for r in listed] == [("billing", 3), ("storefront", 2)]
