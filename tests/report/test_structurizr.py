"""`archwise export structurizr`: the DSL follows the reference and a real parser reads it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from archwise.api.report import export_structurizr
from tests.conftest import EXAMPLES, ROOT, invoke, require_in_ci
from tests.report.dsl_grammar import DslError, check
from tests.report.fixtures import spec_recommendation

HERE = Path(__file__).parent


def dsl() -> str:
    return export_structurizr(EXAMPLES / "chat-system.yaml", recommendation=spec_recommendation())


def test_dsl_follows_the_reference_grammar() -> None:
    ids = check(dsl())
    assert ids["person"] == {"user"}
    assert ids["softwareSystem"] == {"system"}
    assert {"app", "database", "cache"} <= ids["container"]


def test_grammar_checker_rejects_what_structurizr_rejects() -> None:
    good = dsl()
    with pytest.raises(DslError, match="undefined identifier"):
        check(good.replace("user -> app", "nobody -> app"))
    with pytest.raises(DslError, match=r"unclosed|unbalanced"):
        check(good.rstrip().removesuffix("}"))
    with pytest.raises(DslError, match="shape"):
        check(good.replace("shape Cylinder", "shape Blob"))
    with pytest.raises(DslError, match="not allowed"):
        check(good.replace("app = container", "app = person"))


def test_context_only_without_recommendation(tmp_path: Path) -> None:
    out = tmp_path / "ws.dsl"
    text = export_structurizr(EXAMPLES / "chat-system.yaml", out, use_recommendation=False)
    assert out.read_text() == text
    ids = check(text)
    assert ids["container"] == set()
    assert "user -> system" in text


def test_quotes_in_names_cannot_break_the_dsl(tmp_path: Path) -> None:
    req = tmp_path / "r.yaml"
    req.write_text('name: The "best" chat\nfunctional: {integrations: [Stripe "v2"]}\n')
    check(export_structurizr(req, use_recommendation=False))


def _parser_dir() -> Path | None:
    for d in (os.environ.get("ARCHWISE_STRUCTURIZR_PARSER"), ROOT / ".ci/node/node_modules"):
        if d and (Path(d) / "structurizr-parser/dist/index.js").is_file():
            return Path(d)
    return None


def test_real_structurizr_parser_reads_the_export(tmp_path: Path) -> None:
    node = shutil.which("node")
    modules = _parser_dir()
    if node is None or modules is None:
        require_in_ci("node and the npm package structurizr-parser (in .ci/node)")
        return
    f = tmp_path / "workspace.dsl"
    f.write_text(dsl())
    out = subprocess.run(
        [node, str(HERE / "structurizr_check.js"), str(f)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["errors"] == []
    model = doc["workspace"]["model"]
    assert [p["id"] for p in model["people"]] == ["user"]
    system = next(s for s in model["softwaresystems"] if s["id"] == "system")
    assert {c["id"] for c in system["containers"]} >= {"app", "database", "cache"}
    assert {v["type"] for v in doc["workspace"]["views"]} == {"SystemContext", "Container"}
    # and it rejects a broken file, so the test can fail
    f.write_text(dsl().replace("model {", "model {{"))
    bad = subprocess.run(
        [node, str(HERE / "structurizr_check.js"), str(f)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert json.loads(bad.stdout)["errors"]


def test_cli_export(cli, workspace: Path) -> None:
    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / "archwise.yaml")
    r = invoke(cli, "export", "structurizr", "--no-recommend", "-o", "c4.dsl")
    assert r.exit_code == 0, r.output
    check((workspace / "c4.dsl").read_text())
    r = invoke(cli, "export", "structurizr", "nope.yaml")
    assert r.exit_code == 2
