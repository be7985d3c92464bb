"""Evidence that does not prove what it seems to (issue 16, eleventh round, i16h): SQL that sets a
database up, a systemd unit, a Procfile inside an image's folder, a vendored CNAME, a Cargo
workspace's version pins; and the benchmark's spelling of one name two ways."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from .repos import write
from .test_catalog_breadth import _stack

_GO = {"go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\n"}


@pytest.mark.parametrize(
    "files",
    [
        {f"db/migrations/00{i}_step.up.sql": f"CREATE TABLE t{i} (id int);\n" for i in range(3)},
        {f"internal/store/migrations/00{i}.sql": "ALTER TABLE t ADD c int;\n" for i in range(3)},
        {
            "db/structure.sql": "CREATE TABLE a (id int);\n",
            "db/seeds.sql": "INSERT INTO a VALUES (1);\n",
            "db/dump-2024.sql": "CREATE TABLE b (id int);\n",
        },
        {
            "mysql/docker-entrypoint-initdb.d/01.sql": "CREATE TABLE a (id int);\n",
            "mysql/docker-entrypoint-initdb.d/02.sql": "INSERT INTO a VALUES (1);\n",
            "mysql/docker-entrypoint-initdb.d/03.sql": "INSERT INTO a VALUES (2);\n",
        },
        {
            "src/main/resources/db/schema.sql": "CREATE TABLE owners (id int);\n",
            "src/main/resources/db/data.sql": "INSERT INTO owners VALUES (1);\n",
            "src/main/resources/db/init-users.sql": "CREATE USER app;\n",
        },
    ],
)
def test_sql_that_sets_a_database_up_is_not_a_language_of_the_software(
    tmp_path: Path, files: dict[str, str]
) -> None:
    assert "SQL" not in _stack(write(tmp_path / "svc", {**_GO, **files}))[0]


def test_queries_kept_in_sql_files_are_the_software_s_sql(tmp_path: Path) -> None:
    files = {
        **_GO,
        "queries/users.sql": "-- name: get-user\nSELECT * FROM users WHERE id = $1;\n",
        "queries/links.sql": "-- name: get-link\nSELECT * FROM links WHERE id = $1;\n",
        "queries/lists.sql": "-- name: get-list\nSELECT * FROM lists WHERE id = $1;\n",
        "schema.sql": "CREATE TABLE users (id int);\n",
    }
    assert "SQL" in _stack(write(tmp_path / "svc", files))[0]


def test_a_systemd_unit_is_systemd_not_a_guess_of_virtual_machines(tmp_path: Path) -> None:
    unit = "[Unit]\nDescription=app\n\n[Service]\nExecStart=/usr/bin/app\n\n[Install]\n"
    unit += "WantedBy=multi-user.target\n"
    root = write(tmp_path / "svc", {**_GO, "app.service": unit, "app@.service": unit})
    stack, _ = _stack(root)
    assert "systemd" in stack
    assert "VMs / bare metal" not in stack


def test_a_procfile_is_heroku_s_only_at_the_root(tmp_path: Path) -> None:
    nested = {**_GO, "docker/nginx/Procfile": "web: nginx -g 'daemon off;'\n"}
    assert "Heroku" not in _stack(write(tmp_path / "nested", nested))[0]
    root = {**_GO, "Procfile": "web: ./svc\n"}
    assert "Heroku" in _stack(write(tmp_path / "root", root))[0]


def test_a_cname_file_of_a_vendored_library_is_not_github_pages(tmp_path: Path) -> None:
    vendored = {**_GO, "web/wwwroot/lib/bootstrap/CNAME": "getbootstrap.com\n"}
    assert "GitHub Pages" not in _stack(write(tmp_path / "vendored", vendored))[0]
    own = {**_GO, "CNAME": "svc.example.com\n"}
    assert "GitHub Pages" in _stack(write(tmp_path / "own", own))[0]


def test_a_cargo_workspace_pin_no_member_takes_is_not_the_software_s(tmp_path: Path) -> None:
    root = write(
        tmp_path / "ws",
        {
            "Cargo.toml": """
                [workspace]
                members = ["server"]

                [workspace.dependencies]
                tokio = { version = "1", features = ["full"] }
                rayon = "1.10"
            """,
            "server/Cargo.toml": """
                [package]
                name = "server"
                version = "0.1.0"

                [dependencies]
                tokio.workspace = true
            """,
            "server/src/main.rs": "fn main() {}\n",
        },
    )
    stack, _ = _stack(root)
    assert "Tokio" in stack
    assert "Rayon" not in stack


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_stack.py"
    spec = importlib.util.spec_from_file_location("bench_stack", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_the_scorer_reads_one_name_spelt_with_spaces_or_hyphens_as_one() -> None:
    bench = _bench()
    canon = {bench.spelling("FactoryBot"): "FactoryBot"}
    truth = {"stack": ["Factory Bot", "Symfony Maker Bundle"]}
    doc = {"stack": [{"name": "FactoryBot"}, {"name": "Symfony MakerBundle"}], "services": []}
    got = bench.score(truth, doc, canon)
    assert (got["recall"], got["precision"], got["extra"]) == (1.0, 1.0, [])
    doc["stack"].append({"name": "Faker"})
    assert bench.score(truth, doc, canon)["extra"] == ["Faker"]


def test_a_deployment_s_log_group_key_and_secret_are_plumbing_not_services(
    tmp_path: Path,
) -> None:
    tf = """
        provider "aws" {
          region = "eu-west-1"
        }
        resource "aws_ecs_cluster" "main" {
          name = "app"
        }
        resource "aws_cloudwatch_log_group" "app" {
          name = "/ecs/app"
        }
        resource "aws_kms_key" "db" {
          description = "database encryption"
        }
        resource "aws_secretsmanager_secret" "db" {
          name = "db-password"
        }
    """
    stack, _ = _stack(write(tmp_path / "svc", {**_GO, "terraform/main.tf": tf}))
    assert "ECS" in stack
    assert not {"Amazon CloudWatch", "AWS KMS", "AWS Secrets Manager"} & stack


def test_analysis_pauses_the_garbage_collector_and_restores_it(tmp_path: Path) -> None:
    import gc

    root = write(tmp_path / "svc", _GO)
    assert gc.isenabled()
    _stack(root)
    assert gc.isenabled()
    gc.disable()
    try:
        _stack(root)
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()


def test_a_library_copied_into_a_served_folder_names_itself_not_its_build(
    tmp_path: Path,
) -> None:
    lib = "web/wwwroot/lib/bootstrap/"
    files = {
        **_GO,
        f"{lib}LICENSE": "MIT\n",
        f"{lib}package.json": '{"devDependencies": {"rollup": "^4", "sinon": "^17"}}',
        f"{lib}Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\n',
        f"{lib}.travis.yml": "language: node_js\n",
        **{f"{lib}scss/_part{i}.scss": ".a { color: red; }\n" for i in range(3)},
    }
    stack, _ = _stack(write(tmp_path / "svc", files))
    assert "Bootstrap" in stack
    assert not {"Rollup", "Sinon", "Jekyll", "Bundler", "Travis CI", "Sass"} & stack
