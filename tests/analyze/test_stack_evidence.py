"""Evidence outside the package manifests (issue 16, tenth round): test and vet commands, a Gradle
version catalog, what an image installs, database drivers, an embedded database opened in code,
hand-written SQL; and what a sample's scripts, a benchmark rig or a Gitpod image do not prove."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.analyze.commands import commands

from .repos import write
from .test_catalog_breadth import _named, _stack


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("python manage.py test", ["manage.py", "manage.py test"]),
        ("./manage.py test --parallel", ["manage.py", "manage.py test"]),
        (
            "coverage run --omit=*/tests/* --source hc manage.py test",
            ["coverage", "manage.py", "manage.py test"],
        ),
        ("coverage run -m pytest", ["coverage", "pytest"]),
        ("python3 -m mkdocs build", ["mkdocs", "mkdocs build"]),
        ("uv run pytest", ["pytest"]),
    ],
)
def test_a_python_script_and_coverage_run_name_what_they_run(
    script: str, expected: list[str]
) -> None:
    assert [c for c, _ in commands(script)] == expected


def test_test_and_vet_commands_of_ci_and_a_lowercase_makefile(tmp_path: Path) -> None:
    root = write(
        tmp_path / "svc",
        {
            "go.mod": "module example.com/svc\n\ngo 1.22\n",
            "main.go": "package main\n\nfunc main() {}\n",
            "makefile": "test:\n\tgo test -race ./...\n\tgo vet ./...\n",
            ".github/workflows/ci.yml": """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: go test ./...
            """,
        },
    )
    stack, _ = _stack(root)
    assert {"Go", "go test", "go vet", "Make"} <= stack


def test_django_s_own_test_runner_run_by_ci(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "requirements.txt": "Django==5.1\n",
            "manage.py": "import django\n",
            "site/settings.py": "INSTALLED_APPS = []\n",
            ".github/workflows/tests.yml": """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: pip install -r requirements.txt
                      - run: coverage run --source=site manage.py test
            """,
        },
    )
    stack, _ = _stack(root)
    assert {"Django", "Django test runner", "coverage.py"} <= stack


def test_a_gradle_version_catalog_and_kapt() -> None:
    build = 'plugins {\n    kotlin("jvm") version "2.0.0"\n    kotlin("kapt") version "2.0.0"\n}\n'
    stack, _ = _named(
        {
            "gradle/libs.versions.toml": '[versions]\nkotlin = "2.0.0"\n',
            "build.gradle.kts": build,
        }
    )
    assert {"Gradle version catalog", "kapt"} <= stack
    stack, _ = _named({"build.gradle.kts": 'plugins {\n    kotlin("jvm") version "2.0.0"\n}\n'})
    assert not {"Gradle version catalog", "kapt"} & stack


def test_node_installed_into_an_image_is_named() -> None:
    dockerfile = (
        "FROM python:3.12-slim\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm\n"
    )
    stack, _ = _named({"Dockerfile": dockerfile})
    assert {"Node.js", "npm"} <= stack


@pytest.mark.parametrize(
    ("requirement", "driver", "database"),
    [
        ("psycopg2-binary==2.9.9", "psycopg", "PostgreSQL"),
        ("psycopg[binary]>=3.1", "psycopg", "PostgreSQL"),
        ("mysqlclient==2.2.4", "mysqlclient", "MySQL"),
        ("PyMySQL==1.1.0", "PyMySQL", "MySQL"),
        ("asyncpg==0.29", "asyncpg", "PostgreSQL"),
    ],
)
def test_a_python_database_driver_is_named_beside_its_database(
    requirement: str, driver: str, database: str
) -> None:
    stack, _ = _named({"requirements.txt": requirement + "\n"})
    assert {driver, database} <= stack


def test_node_database_drivers_are_named() -> None:
    package = '{"name": "api", "dependencies": {"pg": "^8.11.0", "mysql2": "^3.9.0"}}'
    stack, _ = _named({"package.json": package})
    assert {"node-postgres", "mysql2", "PostgreSQL", "MySQL"} <= stack


def test_sqlite_opened_by_the_code_is_named_but_not_by_a_test_s_settings(tmp_path: Path) -> None:
    app = {
        "requirements.txt": "Django==5.1\n",
        "manage.py": "import django\n",
    }
    engine = 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db"}}\n'
    root = write(tmp_path / "a", {**app, "site/settings.py": engine})
    assert "SQLite" in _stack(root)[0]
    root = write(
        tmp_path / "b",
        {
            **app,
            "site/settings.py": 'DATABASES = {"default": {"ENGINE": "x"}}\n',
            "tests/settings.py": engine,
        },
    )
    assert "SQLite" not in _stack(root)[0]
    root = write(
        tmp_path / "c",
        {"requirements.txt": "SQLAlchemy==2.0\n", "db.py": 'URL = "sqlite:///./app.db"\n'},
    )
    assert "SQLite" in _stack(root)[0]


def test_hand_written_sql_is_named_and_one_init_script_is_not(tmp_path: Path) -> None:
    base = {"go.mod": "module example.com/x\n\ngo 1.22\n", "main.go": "package main\n"}
    # queries the code runs are its SQL (migrations set the database up: test_stack_precision)
    queries = {f"queries/q{i}.sql": f"SELECT * FROM t{i};\n" for i in range(1, 4)}
    assert "SQL" in _stack(write(tmp_path / "a", {**base, **queries}))[0]
    one = {"db/init.sql": "CREATE TABLE t (id int);\n"}
    assert "SQL" not in _stack(write(tmp_path / "b", {**base, **one}))[0]


def test_ci_database_services_started_by_an_action() -> None:
    workflow = """
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ankane/setup-mariadb@v1
      - uses: ankane/setup-postgres@v1
"""
    stack, _ = _named({".github/workflows/ci.yml": workflow})
    assert {"MariaDB", "PostgreSQL"} <= stack


def test_an_example_s_scripts_and_a_benchmark_rig_prove_nothing(tmp_path: Path) -> None:
    root = write(
        tmp_path / "app",
        {
            "requirements.txt": "Django==5.1\n",
            "manage.py": "import django\n",
            "examples/to-queue/package.json": """
                {"name": "example", "scripts": {"test": "mocha", "start": "ts-node index.ts"}}
            """,
            "packages/benchmarks/docker-compose.yml": """
                services:
                  store:
                    image: minio/minio
            """,
            "script/Dockerfile.gitpod": "FROM gitpod/workspace-full\n"
            "RUN sudo apt-get install -y imagemagick\n",
        },
    )
    stack, _ = _stack(root)
    assert "Django" in stack
    assert not {"Mocha", "ts-node", "MinIO", "ImageMagick"} & stack


def test_the_examples_of_a_deployment_folder_deploy_the_software(tmp_path: Path) -> None:
    compose = """
        services:
          web:
            image: acme/app
            depends_on: [postgres]
          postgres:
            image: postgres:16
    """
    files = {
        "mix.exs": 'defmodule App.MixProject do\n  defp deps, do: [{:phoenix, "~> 1.7"}]\nend\n',
        "lib/app.ex": "defmodule App do\nend\n",
        "deploy/examples/compose/docker-compose.yml": compose,
        "deploy/examples/terraform/main.tf": 'resource "helm_release" "app" {\n  name = "app"\n}\n',
    }
    stack, _ = _stack(write(tmp_path / "a", files))
    assert {"Docker Compose", "Terraform", "PostgreSQL"} <= stack
    # the same files in a top-level examples folder are samples
    moved = {k.replace("deploy/examples/", "examples/"): v for k, v in files.items()}
    stack, _ = _stack(write(tmp_path / "b", moved))
    assert not {"Docker Compose", "Terraform", "PostgreSQL"} & stack


def test_ci_systems_and_workspaces_known_by_their_files(tmp_path: Path) -> None:
    root = write(
        tmp_path / "app",
        {
            "go.mod": "module example.com/x\n\ngo 1.22\n",
            "main.go": "package main\n",
            ".taskcluster.yml": "version: 1\ntasks: []\n",
            ".gitpod.yml": "tasks:\n  - init: make\n",
        },
    )
    stack, _ = _stack(root)
    assert {"Taskcluster", "Gitpod"} <= stack


def test_the_object_store_django_storages_writes_to(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "Django==5.1\ndjango-storages==1.14\n",
        "manage.py": "import django\n",
        "site/settings.py": 'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}\n',
    }
    assert "S3" in _stack(write(tmp_path / "a", files))[0]
    gcs = 'STORAGES = {"default": {"BACKEND": "storages.backends.gcloud.GoogleCloudStorage"}}\n'
    stack, _ = _stack(write(tmp_path / "b", {**files, "site/settings.py": gcs}))
    assert "Google Cloud Storage" in stack
    assert "S3" not in stack


def test_an_smtp_server_the_deployment_configures() -> None:
    compose = """
services:
  app:
    image: acme/app
    environment:
      SMTP_HOST: mail.example.com
      SMTP_PORT: "587"
"""
    stack, _ = _named({"docker-compose.yml": compose})
    assert "SMTP" in stack
    stack, _ = _named({"docker-compose.yml": compose.replace("SMTP_", "CACHE_")})
    assert "SMTP" not in stack


def test_the_standard_library_s_slog_is_not_a_dependency(tmp_path: Path) -> None:
    main = 'package main\n\nimport "log/slog"\n\nfunc main() { slog.Info("up") }\n'
    base = {"go.mod": "module example.com/x\n\ngo 1.22\n", "main.go": main}
    assert "slog" not in _stack(write(tmp_path / "a", base))[0]
    exp = {
        "go.mod": "module example.com/x\n\ngo 1.20\n\nrequire golang.org/x/exp v0.0.0-2023\n",
        "main.go": main.replace('"log/slog"', '"golang.org/x/exp/slog"'),
    }
    assert "slog" in _stack(write(tmp_path / "b", exp))[0]


def test_a_test_environment_s_compose_file_is_a_test_rig(tmp_path: Path) -> None:
    compose = "services:\n  idp:\n    image: authelia/authelia\n  proxy:\n    image: traefik\n"
    root = write(
        tmp_path / "app",
        {
            "requirements.txt": "Django==5.1\n",
            "manage.py": "import django\n",
            "scripts/test-environments/oidc/compose.yml": compose,
        },
    )
    stack, _ = _stack(root)
    assert "Django" in stack
    assert not {"Authelia", "Traefik"} & stack


@pytest.mark.parametrize("folder", ["packages/db/drizzle", "prisma/migrations/20240101_init"])
def test_migrations_an_orm_s_tool_writes_are_not_hand_written_sql(
    tmp_path: Path, folder: str
) -> None:
    files = {
        "package.json": '{"name": "api", "dependencies": {"express": "^4.19.0"}}',
        "src/index.ts": "export const x = 1;\n",
        **{f"{folder}/000{i}_step.sql": f"CREATE TABLE t{i} (id int);\n" for i in range(4)},
    }
    assert "SQL" not in _stack(write(tmp_path / "app", files))[0]


def test_the_scorer_reads_an_ecosystem_qualified_name_as_the_bare_one() -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_stack.py"
    spec = importlib.util.spec_from_file_location("bench_stack", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    canon = {"bandit": "Bandit"}
    truth = {"stack": ["Bandit", "Phoenix"]}
    doc = {"stack": [{"name": "Bandit (Elixir)"}, {"name": "Phoenix"}], "services": []}
    got = bench.score(truth, doc, canon)
    assert (got["recall"], got["precision"], got["extra"]) == (1.0, 1.0, [])
    # the bare name found as such is the one the truth means
    doc["stack"].append({"name": "Bandit"})
    got = bench.score(truth, doc, canon)
    assert got["extra"] == ["Bandit (Elixir)"]


def test_a_jvm_build_that_installs_node_names_node() -> None:
    build = 'plugins {\n    id("com.github.node-gradle.node") version "7.0.2"\n}\n'
    assert "Node.js" in _named({"webui/build.gradle.kts": build})[0]
    pom = """<project>
  <build><plugins><plugin>
    <groupId>com.github.eirslett</groupId>
    <artifactId>frontend-maven-plugin</artifactId>
    <version>1.15.0</version>
  </plugin></plugins></build>
</project>
"""
    assert "Node.js" in _named({"pom.xml": pom})[0]


def test_installing_homebrew_to_fetch_a_tool_is_not_homebrew() -> None:
    workflow = """
on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: homebrew/actions/setup-homebrew@master
      - run: brew install svu
"""
    assert "Homebrew" not in _named({".github/workflows/release.yml": workflow})[0]
    bump = workflow.replace("setup-homebrew@master", "bump-packages@master")
    assert "Homebrew" in _named({".github/workflows/release.yml": bump})[0]
