"""kb list --kind and kb show --kind: principles, checklists, bottlenecks, phases, risks, questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archwise.api import kb as api
from archwise.errors import InputError, NotFoundError
from tests.conftest import invoke


def test_list_documents_of_each_kind() -> None:
    base = api.open_kb()
    for kind in api.SHOWABLE_KINDS:
        rows = api.list_documents(base, kind)
        assert rows, kind
        assert all(r.id and r.kind == kind[:-1] for r in rows)
    ids = [r.id for r in api.list_documents(base, "phases")]
    assert ids == ["MVP", "Beta", "Production", "Optimization"]


def test_list_documents_rejects_unknown_kind() -> None:
    with pytest.raises(InputError, match="did you mean 'checklists'"):
        api.list_documents(api.open_kb(), "checklist")


def test_kind_reaches_a_checklist_a_principle_shadows() -> None:
    base = api.open_kb()
    assert api.show(base, "proven-over-novel").kind == "principle"
    assert api.show(base, "proven-over-novel", "checklists").kind == "checklist"
    # Without --kind a pattern's alias wins over the checklist of the same id.
    assert api.show(base, "horizontal-scaling").kind == "pattern"
    assert api.show(base, "horizontal-scaling", "checklists").kind == "checklist"


def test_show_by_id_of_other_kinds() -> None:
    base = api.open_kb()
    assert api.show(base, "cpu").kind == "bottleneck"
    assert api.show(base, "blast_radius").kind == "risk"
    assert api.show(base, "mvp", "phases").name == "MVP"
    with pytest.raises(NotFoundError, match="valid: blast_radius"):
        api.show(base, "radius", "risks")


def test_cli_list_and_show_kind(cli: CliRunner, workspace: Path) -> None:
    res = invoke(cli, "kb", "list", "--kind", "checklists", "--json")
    assert res.exit_code == 0
    ids = [r["id"] for r in json.loads(res.stdout)["checklists"]]
    assert "rust-project-structure" in ids and "critical-rules" in ids
    res = invoke(cli, "kb", "list", "--kind", "bottlenecks")
    assert res.exit_code == 0 and "network" in res.output and "id (for kb show)" in res.output
    res = invoke(cli, "kb", "show", "io", "--kind", "bottlenecks")
    assert res.exit_code == 0 and "(bottleneck)" in res.output
    res = invoke(cli, "kb", "list", "--kind", "nope", "--json")
    assert res.exit_code == 2
