"""End-to-end: the `archwise kb` commands."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke
from tests.kb.test_overlays import NEW_TECH, RADAR


def _user_kb(root: Path) -> Path:
    folder = root / "mykb" / "technologies"
    folder.mkdir(parents=True)
    (folder / "acme.yaml").write_text(NEW_TECH, encoding="utf-8")
    return root / "mykb"


def test_list_json_has_eighty_plus_technologies(cli, workspace) -> None:
    result = invoke(cli, "kb", "list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["count"] >= 80
    assert len(data["technologies"]) == data["count"]
    names = {t["name"] for t in data["technologies"]}
    assert {"PostgreSQL", "Hono", "Axum", "Kubernetes"} <= names
    row = next(t for t in data["technologies"] if t["name"] == "PostgreSQL")
    assert row["first_release"] == 1996 and row["category"] == "database"


def test_list_filters(cli, workspace) -> None:
    data = json.loads(invoke(cli, "kb", "list", "--category", "database", "--json").stdout)
    assert data["count"] >= 12
    assert all(t["category"] == "database" for t in data["technologies"])
    data = json.loads(invoke(cli, "kb", "list", "--topic", "realtime", "--json").stdout)
    assert "WebSocket" in {t["name"] for t in data["technologies"]}
    data = json.loads(invoke(cli, "kb", "list", "--patterns", "--json").stdout)
    assert "CQRS" in {p["name"] for p in data["patterns"]}


def test_list_bad_category_exits_2(cli, workspace) -> None:
    result = invoke(cli, "kb", "list", "--category", "databse")
    assert result.exit_code == 2
    assert "did you mean 'database'" in result.stderr


def test_list_table(cli, workspace) -> None:
    result = invoke(cli, "kb", "list", "--category", "cache")
    assert result.exit_code == 0
    assert "Redis" in result.stdout and "Memcached" in result.stdout


def test_show_alias_and_json(cli, workspace) -> None:
    result = invoke(cli, "kb", "show", "postgres")
    assert result.exit_code == 0
    assert "PostgreSQL" in result.stdout and "psycopg" in result.stdout
    data = json.loads(invoke(cli, "kb", "show", "k8s", "--json").stdout)
    assert data["name"] == "Kubernetes" and data["kind"] == "technology"
    assert data["entry"]["first_stable_release"] == 2015


def test_show_unknown_suggests(cli, workspace) -> None:
    result = invoke(cli, "kb", "show", "Postgress")
    assert result.exit_code == 2
    assert "did you mean 'PostgreSQL'" in result.stderr
    data = json.loads(invoke(cli, "kb", "show", "Postgress", "--json").stdout)
    assert data["error"]["type"] == "NotFoundError"


def test_show_checklist_by_id(cli, workspace) -> None:
    result = invoke(cli, "kb", "show", "microservices-readiness")
    assert result.exit_code == 0
    assert "team-10-plus" in result.stdout


def test_overlay_and_radar_options(cli, workspace) -> None:
    mykb = _user_kb(workspace)
    radar = workspace / "radar.yaml"
    radar.write_text(RADAR, encoding="utf-8")
    data = json.loads(
        invoke(cli, "kb", "list", "--kb", str(mykb), "--radar", str(radar), "--json").stdout
    )
    rows = {t["name"]: t for t in data["technologies"]}
    assert rows["Acme Queue"]["builtin"] is False
    assert rows["PostgreSQL"]["ring"] == "adopt" and rows["MongoDB"]["ring"] == "hold"
    result = invoke(cli, "kb", "radar", "--kb", str(mykb), "--radar", str(radar), "--json")
    view = json.loads(result.stdout)
    assert [e["canonical"] for e in view["entries"]][:1] == ["PostgreSQL"]
    assert {e["ring"] for e in view["entries"]} == {"adopt", "trial", "assess", "hold"}
    table = invoke(cli, "kb", "radar", "--kb", str(mykb), "--radar", str(radar))
    assert table.exit_code == 0 and "hold" in table.stdout
    listed = invoke(cli, "kb", "list", "--kb", str(mykb), "--radar", str(radar))
    header = next(line for line in listed.stdout.splitlines() if "category" in line)
    assert listed.exit_code == 0 and "ring" in header


def test_list_hides_the_ring_column_without_a_radar(cli, workspace) -> None:
    result = invoke(cli, "kb", "list")
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "category" in line)
    assert "ring" not in header and "first release" in header


def test_workspace_config_contributes_dirs_and_radar(cli, workspace) -> None:
    _user_kb(workspace)
    (workspace / "radar.yaml").write_text(RADAR, encoding="utf-8")
    (workspace / ".archwise").mkdir()
    (workspace / ".archwise" / "config.yaml").write_text(
        "kb_dirs: [mykb]\nradar: radar.yaml\n", encoding="utf-8"
    )
    data = json.loads(invoke(cli, "kb", "show", "acmeq", "--json").stdout)
    assert data["name"] == "Acme Queue" and data["radar"]["ring"] == "trial"


def test_radar_without_file_is_usage_error(cli, workspace) -> None:
    result = invoke(cli, "kb", "radar")
    assert result.exit_code == 2
    assert "no radar configured" in result.stderr


def test_validate_builtin_ok(cli, workspace) -> None:
    result = invoke(cli, "kb", "validate", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["counts"]["technologies"] >= 80


def test_validate_user_dir_lists_every_problem(cli, workspace) -> None:
    folder = workspace / "bad" / "technologies"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(
        NEW_TECH.replace("license: Proprietary", "license: ''"), encoding="utf-8"
    )
    (folder / "b.yaml").write_text("name: [", encoding="utf-8")
    (workspace / "bad" / "technolgies").mkdir()
    result = invoke(cli, "kb", "validate", str(workspace / "bad"))
    assert result.exit_code == 2
    err = result.stderr
    assert "a.yaml:8: Acme Queue.license" in err
    assert "b.yaml:1" in err and "invalid YAML" in err
    assert "did you mean 'technologies'" in err
    assert "Traceback" not in result.output
    data = json.loads(invoke(cli, "kb", "validate", str(workspace / "bad"), "--json").stdout)
    assert data["ok"] is False and len(data["problems"]) == 3


def test_validate_missing_dir(cli, workspace) -> None:
    result = invoke(cli, "kb", "validate", str(workspace / "nope"))
    assert result.exit_code == 2
    assert "not found" in result.stderr


def test_schema_validates_builtin_files(cli, workspace) -> None:
    import jsonschema

    from archwise.kb.loader import DATA_DIR, fast_parse

    for kind in ("technologies", "patterns", "checklists"):
        result = invoke(cli, "kb", "schema", kind)
        assert result.exit_code == 0
        validator = jsonschema.Draft202012Validator(json.loads(result.stdout))
        for path in sorted((DATA_DIR / kind).glob("*.yaml")):
            doc = json.loads(json.dumps(fast_parse(path.read_text(encoding="utf-8")), default=str))
            errors = list(validator.iter_errors(doc))
            assert errors == [], (path.name, errors[:1])
    assert invoke(cli, "kb", "schema", "radar").exit_code == 0
    assert invoke(cli, "kb", "schema", "technolgies").exit_code == 2
