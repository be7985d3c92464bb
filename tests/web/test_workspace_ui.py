"""The web workspace over HTTP: error pages, writes refused before the body, assets, caches, forms."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from archwise.web import views
from archwise.web.app import create_app
from tests.web.conftest import TOKEN

# Requests name a loopback host, as a browser on this machine does (other Hosts get 400).
LOOPBACK = "http://127.0.0.1"

WRITES = [
    "/api/questions",
    "/api/session",
    "/api/session/advance",
    "/api/session/review",
    "/api/adrs",
    "/api/adrs/2/status",
    "/api/analysis/run",
    "/api/registry/ingest",
]
BODIES: list[dict[str, Any]] = [
    {"content": b"{not json"},
    {"content": b""},
    {"content": b"\xff\xfe\x00garbage", "headers": {"Content-Type": "application/json"}},
    {"json": {"values": "not a mapping", "status": 7}},
    {"data": {"status": "accepted"}},
    {"content": b"x" * 200_000, "headers": {"Content-Type": "application/json"}},
]


@pytest.fixture
def client(web_workspace: Path) -> TestClient:
    return TestClient(
        create_app(web_workspace, token=TOKEN), follow_redirects=False, base_url=LOOPBACK
    )


def _signed_in(client: TestClient) -> str:
    assert client.post("/login", data={"token": TOKEN}).status_code == 303
    page = client.get("/").text
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert found
    return found.group(1)


@pytest.mark.parametrize("path", WRITES)
def test_a_write_without_the_token_is_refused_whatever_its_body(
    client: TestClient, path: str
) -> None:
    for body in BODIES:
        response = client.post(path, **body)
        assert response.status_code in (401, 403), (path, body.keys(), response.text[:200])
        extra = {k: v for k, v in body.items() if k != "headers"}
        headers = {**body.get("headers", {}), "Authorization": "Bearer wrong"}
        wrong = client.post(path, headers=headers, **extra)
        assert wrong.status_code in (401, 403)


def test_a_form_post_without_a_session_is_refused_whatever_its_body(client: TestClient) -> None:
    for path in ("/adr/new", "/requirements/edit", "/session/start", "/analysis/run", "/logout"):
        for body in BODIES:
            response = client.post(path, **body)
            assert response.status_code == 403, (path, response.text[:200])
            assert "<html" in response.text


def test_error_pages_are_html_with_a_way_back_and_no_server_path(
    client: TestClient, web_workspace: Path
) -> None:
    for url, status in (("/nope", 404), ("/adr/abc", 400), ("/adr/99", 404)):
        response = client.get(url)
        assert response.status_code == status
        assert response.headers["content-type"].startswith("text/html")
        assert 'href="/" id="back"' in response.text
        assert str(web_workspace) not in response.text
        assert '{"detail"' not in response.text
    assert client.get("/api/nope").headers["content-type"].startswith("application/json")
    api_missing = client.get("/api/adrs/99").json()
    assert str(web_workspace) not in str(api_missing)


def test_static_assets_are_versioned_compressed_and_cached(client: TestClient) -> None:
    page = client.get("/adr/2").text
    mermaid = re.search(r'src="(/static/vendor/mermaid\.min\.js\?v=[0-9a-f]+)"', page)
    assert mermaid, "a page with a diagram loads Mermaid"
    assert "mermaid" not in client.get("/adr/1").text, "a page without one does not"
    response = client.get(mermaid.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "gzip"
    raw = client.get(mermaid.group(1), headers={"Accept-Encoding": "identity"})
    assert int(response.headers["content-length"]) < len(raw.content) / 3
    unversioned = client.get("/static/app.css")
    assert unversioned.headers["cache-control"] == "no-cache"
    etag = unversioned.headers["etag"]
    assert client.get("/static/app.css", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/favicon.ico").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_pages_are_gzip_compressed(client: TestClient) -> None:
    response = client.get("/recommendation", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"


def test_api_docs_render_under_the_policy(client: TestClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "/api/adrs/{number}/status" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert not re.search(r"<script(?![^>]*src=\"/static/)", response.text), "no inline script"


def test_editing_archwise_yaml_does_not_redo_the_analysis(
    client: TestClient, web_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archwise.api import analyze

    calls: list[Path] = []
    real = analyze.analyze

    def counted(path: Any, **kw: Any) -> Any:
        calls.append(Path(path))
        return real(path, **kw)

    monkeypatch.setattr(analyze, "analyze", counted)
    assert client.get("/analysis").status_code == 200
    before = client.get("/api/recommendation").json()["recommendation"]["requirements"]["name"]
    req = web_workspace / "archwise.yaml"
    req.write_text(req.read_text().replace(f"name: {before}", "name: Renamed chat", 1))
    assert client.get("/radar").status_code == 200
    assert client.get("/analysis").status_code == 200
    assert len(calls) == 1, "the analysis ran once; the requirements edit did not clear it"
    after = client.get("/api/recommendation").json()["recommendation"]["requirements"]["name"]
    assert after == "Renamed chat", "the recommendation follows its own input"


def test_adr_list_is_paginated(client: TestClient, web_workspace: Path) -> None:
    folder = web_workspace / "docs" / "adr"
    for n in range(4, 64):
        (folder / f"{n:04d}-decision-{n}.md").write_text(
            f"# {n}. Decision {n}\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
        )
    first = client.get("/adr").text
    assert first.count("<tr><td>") == 50 and "page 1 of 2" in first
    second = client.get("/adr?page=2").text
    assert second.count("<tr><td>") == 13 and 'rel="prev"' in second
    record = client.get("/adr/1").text
    sidebar = record.split('id="sidebar"')[1].split("</ol>")[0]
    assert sidebar.count("<li") == 61 and "Records nearby" in record, "60 either side"
    api = client.get("/api/adrs", params={"offset": 60, "limit": 10}).json()
    assert api["total"] == 63 and [r["number"] for r in api["records"]] == [61, 62, 63]


def test_requirements_form_keeps_input_and_names_the_field(
    client: TestClient, web_workspace: Path
) -> None:
    csrf = _signed_in(client)
    form = client.get("/requirements/edit").text
    assert 'type="number" id="f-non_functional-users-concurrent"' in form
    assert '<select id="f-functional-realtime"' in form
    before = (web_workspace / "archwise.yaml").read_text()
    bad = client.post(
        "/requirements/edit",
        data={
            "csrf_token": csrf,
            "name": "Real-time chat",
            "non_functional.users.concurrent": "lots",
            "constraints.domain": "evolving",
        },
    )
    assert bad.status_code == 400
    assert "enter a number" in bad.text and 'value="lots"' in bad.text
    assert 'value="evolving" selected' in bad.text, "the other answers are kept"
    assert (web_workspace / "archwise.yaml").read_text() == before, "nothing was written"
    fine = client.post(
        "/requirements/edit",
        data={
            "csrf_token": csrf,
            "name": "Real-time chat",
            "non_functional.users.concurrent": "12,000",
            "constraints.domain": "evolving",
        },
    )
    assert fine.status_code == 303
    data = yaml.safe_load((web_workspace / "archwise.yaml").read_text())
    assert data["non_functional"]["users"]["concurrent"] == 12000
    assert data["constraints"]["domain"] == "evolving"


def test_new_requirements_write_the_file_the_cli_writes(tmp_path: Path) -> None:
    from archwise.api import requirements

    client = TestClient(
        create_app(tmp_path, token=TOKEN), follow_redirects=False, base_url=LOOPBACK
    )
    csrf = _signed_in(client)
    assert "Write one here" in client.get("/requirements").text
    values = {"name": "Shop", "non_functional.users.concurrent": "500", "constraints.cloud": "aws"}
    response = client.post("/requirements/new", data={"csrf_token": csrf, **values})
    assert response.status_code == 303
    written = (tmp_path / "archwise.yaml").read_text()
    cli = requirements.render_new(
        {"name": "Shop", "non_functional.users.concurrent": 500, "constraints.cloud": "aws"}
    )
    assert written == cli
    assert requirements.check_requirements(tmp_path / "archwise.yaml").name == "Shop"


def test_an_invalid_answer_stays_on_the_form(client: TestClient, web_workspace: Path) -> None:
    csrf = _signed_in(client)
    before = (web_workspace / "archwise.yaml").read_text()
    response = client.post(
        "/questions",
        data={"csrf_token": csrf, "field": "non_functional.throughput.peak_rps", "value": "fast"},
    )
    assert response.status_code == 400
    assert 'id="answer-error"' in response.text and 'value="fast"' in response.text
    assert str(web_workspace) not in response.text
    assert (web_workspace / "archwise.yaml").read_text() == before


def test_sign_out_ends_the_session(client: TestClient) -> None:
    csrf = _signed_in(client)
    assert 'id="sign-out"' in client.get("/").text
    response = client.post("/logout", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert "You are signed out" in client.get(response.headers["location"]).text
    assert 'id="sign-out"' not in client.get("/").text


def test_api_workflows_write_the_cli_files(client: TestClient, web_workspace: Path) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    made = client.post("/api/adrs", json={"title": "Use Redis for presence"}, headers=auth)
    assert made.status_code == 200, made.text
    assert made.json()["record"]["number"] == 4
    assert (web_workspace / "docs" / "adr" / "0004-use-redis-for-presence.md").is_file()
    started = client.post("/api/session", json={"title": "Chat"}, headers=auth)
    assert started.json()["session"]["title"] == "Chat"
    refused = client.post("/api/session/advance", headers=auth)
    assert refused.status_code in (200, 409)


def test_plain_language_views() -> None:
    assert views.plain("consistency 1.00 x4: offers strong consistency") == (
        "offers strong consistency"
    )
    assert views.plain(
        "database: PostgreSQL — data_model_fit 0.70 x4: fit depends; +0.2: monolith first"
    ) == ("database: PostgreSQL — fit depends; monolith first")
    decision = {
        "chosen": "PostgreSQL",
        "sensitivity": [
            {
                "criterion": "cost",
                "weight": 2.0,
                "change_to_flip": 2.0,
                "relative": 1.0,
                "flips_to": "DynamoDB",
            },
            {
                "criterion": "data_model_fit",
                "weight": 3.0,
                "change_to_flip": -3.0,
                "relative": 1.5,
                "flips_to": "MySQL",
            },
        ],
    }
    assert views.sensitivity(decision) == (
        "PostgreSQL stays first unless cost matters 2.0 times as much as it does now; "
        "then DynamoDB wins."
    )
    assert views.confidence(0.46)["word"] == "moderate"
    assert views.needed({"needed": False}) is False and views.needed({"needed": "yes"})
    lines = views.cost_lines({"cost_lines": [{"item": "RDS", "usd_month": 120.0}]})
    assert lines == [{"item": "RDS", "component": "", "note": "", "low": 120.0, "high": 120.0}]


def test_recommendation_page_reads_top_down(client: TestClient) -> None:
    page = client.get("/recommendation").text
    assert page.index('id="verdict"') < page.index('id="options"') < page.index('id="matrix"')
    assert re.search(r"\b[a-z_]+ \d\.\d\d x\d", page.split('id="matrix"')[0]) is None, (
        "no scoring notation above the decisions"
    )
    assert '<details class="trace">' in page and "stays first" in page
    attention = page.split('id="principles"')[1].split('id="passing"')[0]
    assert "pass" not in re.sub(r"<[^>]+>", "", attention).split()
    cards = page.split('id="options"')[1].split("</div>\n\n")[0].split("<article")[1:]
    assert len(cards) >= 2
    for card in cards:  # the chosen option's tradeoffs in full, an alternative's a click away
        folded = '<details class="tradeoffs">' in card
        assert folded != ("option chosen" in card), card[:200]
        assert card.index("<h4>For</h4>") > (card.index("tradeoffs") if folded else 0)


def test_registry_list_follows_an_ingest_by_another_process(
    client: TestClient, web_workspace: Path
) -> None:
    from archwise.api import registry

    assert client.get("/api/registry/adrs").json()["total"] == 0
    registry.ingest([web_workspace], workspace=web_workspace)
    time.sleep(0.6)  # the cached list re-reads the registry's version at most every 0.5 s
    assert client.get("/api/registry/adrs").json()["total"] == 3
    assert "Use PostgreSQL for messages" in client.get("/registry/adrs").text


def test_recommendation_page_shows_the_contract_fields(
    client: TestClient, web_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue-14 shape: feasibility, hard problems, not-needed topics, providers, cost lines."""
    from archwise.api import recommend
    from archwise.jsonable import to_jsonable

    doc: dict[str, Any] = to_jsonable(recommend.recommend(web_workspace / "archwise.yaml"))
    doc["feasibility"] = {
        "feasible": False,
        "conflicts": [
            {
                "requirements": ["constraints.budget.infra_usd_per_month"],
                "why": "the cheapest option costs $900 a month against a $100 budget",
                "numbers": {"budget": 100, "cheapest": 900},
                "relax": ["raise the budget to $900 a month"],
            }
        ],
    }
    doc["archetypes"] = [
        {
            "id": "realtime-messaging",
            "name": "Real-time messaging",
            "why": ["the server pushes to clients"],
            "hard_problems": [
                {"problem": "Fan-out to every recipient", "addressed_by": ["Redis", "WebSocket"]}
            ],
        }
    ]
    topic = next(iter(doc["decisions"]))
    doc["decisions"][topic].update(
        {"needed": False, "chosen": None, "trigger": "a second team joins"}
    )
    option = doc["options"][0]
    option["provider"] = "gcp"
    option["deviations"] = {"database": "the team knows it"}
    option["cost_lines"] = [
        {"item": "Cloud SQL db-custom-4", "price": "gcp.sql.custom4", "usd_month": 412.5}
    ]
    doc["recommendation"]["why"] = [
        "The hard problems here: Fan-out to every recipient (addressed by Redis)",
        "operational burden low",
    ]
    monkeypatch.setattr(recommend, "recommend", lambda *a, **k: doc)
    page = client.get("/recommendation").text
    verdict = page.split('id="why"')[1].split("</ul>")[0]
    assert "Fan-out" not in verdict, "the hard problems are shown once, in their own section"
    assert "operational burden low" in verdict
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert (
        page.index('id="infeasible"')
        < page.index('id="hard-problems"')
        < page.index('id="options"')
    )
    assert "raise the budget to $900 a month" in text
    assert "Fan-out to every recipient" in text and "Redis, WebSocket" in text
    assert f"{topic.replace('_', ' ')} : needed when a second team joins" in text
    assert "· gcp ·" in text and "the team knows it" in text
    assert "Cloud SQL db-custom-4" in text and "$412" in text
    assert f'id="topic-{topic}"' not in page, "a topic not needed has no decision card"


def test_the_codebase_page_reads_a_saved_analysis_without_scanning(
    web_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archwise.api import analyze

    saved = analyze.analyze(web_workspace, save=True)
    monkeypatch.setattr(analyze, "analyze", lambda *a, **k: pytest.fail("scanned again"))
    client = TestClient(create_app(web_workspace, token=TOKEN), base_url=LOOPBACK)
    page = client.get("/analysis").text
    assert 'id="analysis-saved"' in page and f"snapshot {saved['snapshot']}" in page
    assert client.get("/radar").status_code == 200


def test_reading_pages_does_not_create_the_store(web_workspace: Path) -> None:
    client = TestClient(create_app(web_workspace), base_url=LOOPBACK)
    for url in ("/", "/analysis", "/radar", "/recommendation", "/adr"):
        assert client.get(url).status_code == 200
    assert not (web_workspace / ".archwise" / "archwise.db").exists()


def test_the_form_covers_every_field_and_clears_values(
    client: TestClient, web_workspace: Path
) -> None:
    from archwise.api import requirements
    from archwise.web import forms

    csrf = _signed_in(client)
    fields = forms.requirement_fields()
    keys = {f.key for f in fields}
    for key in (
        "constraints.team.expertise",
        "constraints.team.roles",
        "constraints.existing_systems",
        "architecture.layers",
        "architecture.independent",
        "assumptions.service_time_ms",
        "non_functional.spike.multiple",
    ):
        assert key in keys, key
    kinds = {f.key: f.kind for f in fields}
    assert kinds["constraints.team.expertise"] == "map"
    assert kinds["functional.clients"] == "multi"
    page = client.get("/requirements/edit").text
    assert 'id="f-constraints-existing_systems-0-name"' in page
    assert '<select id="f-constraints-team-expertise-0-value"' in page

    file = web_workspace / "archwise.yaml"
    data = yaml.safe_load(file.read_text())
    current = forms.current_values(data, fields)
    assert current["non_functional.users.concurrent"], "the example sets it"
    submitted = forms.as_form(current, fields)
    submitted |= {
        "non_functional.users.concurrent": [""],  # cleared
        "constraints.team.expertise.0.key": ["Go"],
        "constraints.team.expertise.0.value": ["strong"],
        "constraints.existing_systems.0.name": ["Billing monolith"],
        "constraints.existing_systems.0.kind": ["monolith"],
        "constraints.existing_systems.0.keep": ["no"],
        "assumptions.service_time_ms": ["12.5"],
        "architecture.layers.0.name": ["web"],
        "architecture.layers.0.modules": ["app.web, app.api"],
        "functional.clients": ["web", "ios"],
    }
    bad = dict(submitted) | {"constraints.existing_systems.1.kind": ["queue"]}
    response = client.post("/requirements/edit", data={"csrf_token": csrf, **bad})
    assert response.status_code == 400, "a filled row without its name"
    assert 'id="f-constraints-existing_systems-1-name"' in response.text
    assert "name is required" in response.text and 'value="Go"' in response.text
    response = client.post("/requirements/edit", data={"csrf_token": csrf, **submitted})
    assert response.status_code == 303, response.text[:2000]
    loaded = requirements.load_requirements(file)
    assert loaded.non_functional.users.concurrent is None
    expertise = loaded.constraints.team.expertise
    assert expertise["Go"] == "strong" and len(expertise) == len(
        current["constraints.team.expertise"]
    )
    system = loaded.constraints.existing_systems[0]
    assert (system.name, system.kind, system.keep) == ("Billing monolith", "monolith", False)
    assert loaded.assumptions is not None and loaded.assumptions.service_time_ms == 12.5
    assert loaded.architecture is not None and loaded.architecture.layers[0].modules == [
        "app.web",
        "app.api",
    ]
    assert loaded.functional.clients == ["web", "ios"]
    again = forms.as_form(forms.current_values(yaml.safe_load(file.read_text()), fields), fields)
    again |= {k: [""] for k in again if k.startswith("constraints.team.expertise.")}
    again["assumptions.service_time_ms"] = [""]
    assert client.post("/requirements/edit", data={"csrf_token": csrf, **again}).status_code == 303
    cleared = requirements.load_requirements(file)
    assert cleared.assumptions is None, "an emptied section leaves the file"
    assert not cleared.constraints.team.expertise


def test_recommendation_page_leads_with_the_ranked_hard_problems_then_the_rest(
    client: TestClient, web_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lead as the CLI opens with it, ranked; the rest under 'Also worth a look', once."""
    from archwise.api import recommend
    from archwise.jsonable import to_jsonable

    doc: dict[str, Any] = to_jsonable(recommend.recommend(web_workspace / "archwise.yaml"))
    doc["archetypes"] = [
        {
            "id": "realtime-messaging",
            "name": "Real-time messaging",
            "why": ["the server pushes to clients"],
            "hard_problems": [
                {"problem": "Fan-out to every recipient", "addressed_by": ["Redis"]},
                {"problem": "Ordering after reconnects", "addressed_by": ["sequence numbers"]},
            ],
        },
        {
            "id": "search",
            "name": "Full-text search",
            "why": ["mentions 'search'"],
            "hard_problems": [{"problem": "Relevance tuning", "addressed_by": ["OpenSearch"]}],
        },
    ]
    doc["hard_problems"] = [
        {
            "problem": "Ordering after reconnects",
            "addressed_by": ["sequence numbers"],
            "archetype": "realtime-messaging",
        },
        {
            "problem": "Fan-out to every recipient",
            "addressed_by": ["Redis"],
            "archetype": "realtime-messaging",
        },
    ]
    monkeypatch.setattr(recommend, "recommend", lambda *a, **k: doc)
    page = client.get("/recommendation").text
    lead = page.split('id="hard-problems-lead"')[1].split("</ol>")[0]
    assert lead.index("Ordering after reconnects") < lead.index("Fan-out to every recipient")
    assert "Real-time messaging" in lead and "Relevance tuning" not in lead
    also = page.split('id="hard-problems-also"')[1].split('id="matched"')[0]
    assert "Full-text search" in also and "Relevance tuning" in also and "OpenSearch" in also
    assert "Fan-out" not in also and "Ordering" not in also, "a lead problem is shown once"
    assert page.index('id="hard-problems-lead"') < page.index('id="also-worth-a-look"')
    assert "Also worth a look" in page
    assert page.index('id="hard-problems"') < page.index('id="options"')
