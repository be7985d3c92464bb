"""The C4 model built from an option, and hostile text in every renderer."""

from __future__ import annotations

from archwise.report import c4
from archwise.report.build import build_document
from archwise.report.document import ReportData
from archwise.report.html import render_html
from archwise.report.markdown import render_markdown
from tests.report.dsl_grammar import check
from tests.report.fixtures import GATEWAY, spec_recommendation

REQ = {
    "name": "Chat",
    "summary": "Real-time chat",
    "functional": {"clients": ["web", "ios"], "integrations": ["Stripe"]},
    "constraints": {
        "existing_systems": [{"name": "Legacy CRM", "technology": "Oracle", "keep": False}]
    },
}


def gateway_option() -> dict:
    return next(o for o in spec_recommendation()["options"] if o["name"] == GATEWAY)


def test_services_become_containers_and_externals_come_from_requirements() -> None:
    m = c4.build_model(REQ, gateway_option(), "Chat")
    ids = [c.id for c in m.containers]
    assert ids == ["app", "database", "messaging", "svc_connection_gateway"]
    gw = m.containers[-1]
    assert gw.technology == "Rust, tokio-tungstenite"
    rels = {(r.source, r.target) for r in m.relations}
    assert ("user", "svc_connection_gateway") in rels  # it holds the live connections
    assert ("svc_connection_gateway", "app") in rels
    assert ("app", "ext_stripe") in rels and ("app", "ext_legacy_crm") in rels
    assert m.people[0].name == "Users (web, ios)"
    assert [e.description for e in m.externals] == [
        "Integration",
        "Existing system (being replaced)",
    ]
    ctx = {(r.source, r.target) for r in m.context_relations()}
    assert ctx == {("user", "system"), ("system", "ext_stripe"), ("system", "ext_legacy_crm")}
    dsl = c4.structurizr(m)
    assert check(dsl)["container"] == set(ids)
    assert 'svc_connection_gateway = container "Connection gateway"' in dsl
    assert "ContainerQueue(messaging" in c4.mermaid_container(m)


def test_hostile_text_is_escaped_everywhere() -> None:
    evil = 'Chat <script>alert(1)</script> | "x"'
    req = {
        **REQ,
        "name": evil,
        "summary": evil,
        "functional": {"workflows": [evil], "integrations": [evil]},
    }
    data = ReportData(
        title=evil,
        requirements=req,
        adrs=[{"number": 1, "title": evil, "status": "accepted"}],
        generated_by="archwise test",
    )
    doc = build_document(data)
    html = render_html(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render_markdown(doc)
    assert '"x"' not in c4.mermaid_context(c4.build_model(req, None, evil))
    assert "\\|" in md  # pipes inside table cells are escaped
    assert "<script>" not in md and "&lt;script>" in md
    check(c4.structurizr(c4.build_model(req, gateway_option(), evil)))


def test_one_technology_in_two_roles_is_one_container() -> None:
    opt = {
        "components": {
            "backend_framework": "Hono",
            "database": "PostgreSQL",
            "cache": "Redis",
            "messaging": "Redis",
        }
    }
    m = c4.build_model(REQ, opt, "Chat")
    assert [(c.id, c.name) for c in m.containers] == [
        ("app", "Application"),
        ("database", "Database"),
        ("cache", "Cache and message broker"),
    ]
    labels = {r.target: r.label for r in m.relations if r.source == "app"}
    assert labels["cache"] == "Caches; publishes and consumes"
    check(c4.structurizr(m))
