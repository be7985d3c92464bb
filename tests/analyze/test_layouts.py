"""Small repositories in each ecosystem's real layout: stack, services, graph and check defects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archwise.analyze.engine import Analysis, analyze
from tests.analyze.repos import write
from tests.conftest import invoke


def _doc(root: Path, **kw: Any) -> dict[str, Any]:
    from archwise.api.analyze import analyze as api_analyze

    return api_analyze(root, save=False, **kw)


def _stack(doc: dict[str, Any]) -> set[str]:
    return {s["name"] for s in doc["stack"]}


def _edges(a: Analysis) -> set[tuple[str, str]]:
    return {(i.source, i.target) for i in a.imports}


RUST_SERVER = {
    "Cargo.toml": """
        [package]
        name = "mini-kv"
        version = "0.1.0"

        [[bin]]
        name = "kv-server"
        path = "src/bin/server.rs"

        [dependencies]
        tokio = { version = "1", features = ["full"] }
        tracing = "0.1"
        clap = { version = "4", features = ["derive"] }
    """,
    "src/lib.rs": """
        pub mod connection;
        pub mod frame;
        pub mod server;
        pub use connection::Connection;
        pub use frame::Frame;
        pub type Result<T> = std::result::Result<T, String>;
    """,
    "src/connection.rs": """
        use crate::Frame;
        pub struct Connection { pub last: Option<Frame> }
    """,
    "src/frame.rs": """
        pub enum Frame { Simple(String) }
    """,
    "src/server.rs": """
        use crate::Connection;
        use crate::Result;
        pub async fn run(c: Connection) -> Result<()> { let _ = c; Ok(()) }
    """,
    "src/bin/server.rs": """
        use mini_kv::server;
        #[tokio::main]
        async fn main() { let _ = server::run; }
    """,
}


def test_rust_bin_is_read_mod_is_containment_and_use_follows_reexports(tmp_path: Path) -> None:
    a = analyze(write(tmp_path / "kv", RUST_SERVER), [], git=False)
    assert "src/bin/server.rs" in {f.path for f in a.files}  # bin/ is not a build folder here
    assert _edges(a) == {
        ("src/connection", "src/frame"),  # crate::Frame is defined in frame.rs
        ("src/server", "src/connection"),  # crate::Connection, re-exported by lib.rs
        ("src/server", "src/lib"),  # crate::Result is defined in lib.rs itself
        ("src/bin/server", "src/server"),
    }
    assert a.cycles == []  # `pub mod x;` and `pub use x::Y;` in lib.rs are containment


def test_dotnet_bin_and_obj_beside_a_project_are_still_skipped(tmp_path: Path) -> None:
    root = write(
        tmp_path / "api",
        {
            "Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
            "Program.cs": "var app = 1;\n",
            "bin/Debug/Api.cs": "class X {}\n",
            "obj/Api.cs": "class Y {}\n",
            "tools/bin/run.py": "print(1)\n",
        },
    )
    paths = {f.path for f in analyze(root, [], git=False).files}
    assert paths == {"Api.csproj", "Program.cs", "tools/bin/run.py"}


def test_build_folder_is_output_only_beside_a_tool_that_writes_there(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "go.mod": "module example.com/shop\n\ngo 1.22\n",
            "main.go": "package main\n\nfunc main() {}\n",
            "build/nomad/jobs.tf": 'provider "nomad" {}\n',
            "build/package/Dockerfile": "FROM golang:1.22\n",
            "web/package.json": '{"name": "web"}\n',
            "web/build/bundle.js": "var a = 1;\n",
        },
    )
    paths = {f.path for f in analyze(root, [], git=False).files}
    assert "build/nomad/jobs.tf" in paths and "build/package/Dockerfile" in paths
    assert "web/build/bundle.js" not in paths


def test_ci_actions_registries_and_hcl_images_are_evidence(tmp_path: Path) -> None:
    root = write(
        tmp_path / "svc",
        {
            "go.mod": "module example.com/svc\n\ngo 1.22\n",
            "main.go": "package main\n\nfunc main() {}\n",
            ".github/workflows/lint.yml": """
                on: push
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: hadolint/hadolint-action@v3.1.0
                      - uses: github/codeql-action/init@v3
                      - uses: crate-ci/typos@v1
            """,
            ".github/workflows/release.yml": """
                on: push
                jobs:
                  push:
                    runs-on: ubuntu-latest
                    steps:
                      - name: Docker Hub
                        uses: docker/login-action@v3
                        with:
                          username: ${{ secrets.USER }}
                      - name: GitHub
                        uses: docker/login-action@v3
                        with:
                          registry: ghcr.io
                      - run: docker push quay.io/acme/svc:latest
            """,
            "deploy/jobs/proxy.nomad.hcl": """
                job "proxy" {
                  group "proxy" {
                    task "proxy" {
                      driver = "docker"
                      config {
                        image = "traefik:v2.8"
                      }
                    }
                  }
                }
            """,
        },
    )
    doc = _doc(root)
    stack = _stack(doc)
    assert {"Hadolint", "CodeQL", "Docker Hub", "GitHub Container Registry", "Quay"} <= stack
    assert {"Nomad", "Traefik"} <= stack
    # a spelling checker a pipeline runs is named, as the ground truths name it (round 7)
    assert "typos" in stack and "typos" not in {h["name"] for h in doc["housekeeping"]}


def test_libraries_loaded_from_a_cdn_or_libman_are_evidence(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "go.mod": "module example.com/shop\n\ngo 1.22\n",
            "main.go": "package main\n\nfunc main() {}\n",
            "web/index.html": """
                <html><head>
                <link href="https://maxcdn.bootstrapcdn.com/font-awesome/4.4.0/css/fa.min.css">
                <script src="https://cdn.tailwindcss.com"></script>
                <script src="https://cdn.jsdelivr.net/npm/alpinejs@3.10.3/dist/cdn.min.js"></script>
                </head><body></body></html>
            """,
            "admin/libman.json": """
                {
                  "version": "1.0",
                  "defaultProvider": "cdnjs",
                  "libraries": [
                    {"library": "jquery@3.6.3", "destination": "wwwroot/lib/jquery/"},
                    {"library": "twitter-bootstrap@3.4.1", "destination": "wwwroot/lib/bs/"}
                  ]
                }
            """,
        },
    )
    doc = _doc(root)
    assert {"Tailwind CSS", "Alpine.js", "jQuery", "Bootstrap"} <= _stack(doc)
    # a style sheet linked from a CDN is styling, not a library a reader names
    assert "Font Awesome" not in _stack(doc)
    jq = next(s for s in doc["stack"] if s["name"] == "jQuery")
    assert (jq["evidence"][0]["file"], jq["evidence"][0]["line"]) == ("admin/libman.json", 5)


def test_lint_tables_of_a_cargo_manifest_name_the_linter(tmp_path: Path) -> None:
    root = write(
        tmp_path / "crate",
        {
            "Cargo.toml": """
                [package]
                name = "vault"
                version = "0.1.0"

                [dependencies]
                tokio = "1"

                [lints.clippy]
                unwrap_used = "deny"
            """,
            "src/main.rs": "fn main() {}\n",
        },
    )
    clippy = next(s for s in _doc(root)["stack"] if s["name"] == "Clippy")
    assert (clippy["evidence"][0]["file"], clippy["evidence"][0]["line"]) == ("Cargo.toml", 8)


def test_python_requirements_folder_includes_and_pip_compile(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "requirements.txt": "-r requirements/production.txt\n-r deps/extra.txt\n",
            "requirements/base.txt": "Django==5.0\ncelery[redis]==5.3\n",
            "requirements/production.txt": "-r base.txt\ngunicorn==22.0\nsentry-sdk==2.0\n",
            "requirements/local.txt": "-r base.txt\npytest-django==4.8\n",
            "deps/extra.txt": "structlog==24.1\n",
            "svc/requirements.in": "flask\n",
            "svc/requirements.txt": """
                #
                # This file is autogenerated by pip-compile with Python 3.12
                #
                blinker==1.8.2
                    # via flask
                flask==3.0.3
                    # via -r requirements.in
                werkzeug==3.0.3
                    # via flask
                locust==2.29
                    # via
                    #   -r requirements.in
                    #   other
            """,
            "worker/requirements.txt": """
                # This file was autogenerated by uv via the following command:
                #    uv pip compile requirements.in -o requirements.txt
                dramatiq==1.17.0
                    # via -r requirements.in
                prometheus-client==0.20.0
                    # via dramatiq
            """,
            "app/models.py": '"""Hand-written models; the migrations next to them are autogenerated."""\n'
            "X = 1\n",
        },
    )
    doc = _doc(root)
    assert {"Django", "Celery", "Gunicorn", "Sentry", "pytest", "structlog", "Flask", "Locust"} <= (
        _stack(doc)
    )
    # uv's compiled output is read too, and only its direct lines
    assert "Dramatiq" in _stack(doc) and "Prometheus" not in _stack(doc)
    pypi = {
        e["via"] for s in doc["stack"] for e in s["evidence"] if e["file"] == "svc/requirements.txt"
    }
    assert "pypi werkzeug" not in pypi  # only what requirements.in names directly
    assert doc["totals"]["files"] >= 1 and not any(
        n["path"] == "app/models.py" for n in doc["notes"]
    )


def test_generated_markers_only_count_in_comments() -> None:
    from archwise.analyze.scan import is_generated

    assert is_generated(b"# Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n")
    assert is_generated(b"// @generated by a tool\n")
    assert not is_generated(b'"""This module is not autogenerated: DO NOT EDIT by hand? no."""\n')


def test_kubernetes_by_content_anywhere_and_go_indirect(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "deploy/app.yml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: cart
                spec:
                  template:
                    spec:
                      containers:
                        - name: cart
                          image: cart
            """,
            "mesh/routes.yaml": """
                apiVersion: networking.istio.io/v1beta1
                kind: VirtualService
                metadata:
                  name: cart
            """,
            "chart/templates/svc.yaml": (
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n"
            ),
            "go.mod": """
                module example.com/shop

                go 1.22

                require (
                \tgithub.com/gorilla/mux v1.8.1
                \tgo.uber.org/zap v1.27.0 // indirect
                )
            """,
            "main.go": "package main\n\nfunc main() {}\n",
        },
    )
    stack = _stack(_doc(root))
    assert {"Kubernetes", "Istio", "Gorilla Mux", "Go"} <= stack
    assert "Zap" not in stack  # an indirect requirement is a dependency's dependency


MONOREPO = {
    "skaffold.yaml": """
        apiVersion: skaffold/v3
        kind: Config
        build:
          artifacts:
            - image: checkoutservice
              context: src/checkoutservice
            - image: frontend
              context: src/frontend
    """,
    "kubernetes-manifests/checkout.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: checkoutservice
        spec:
          template:
            spec:
              containers:
                - name: server
                  image: checkoutservice
                  env:
                    - name: CART_SERVICE_ADDR
                      value: "cartservice:7070"
    """,
    "kubernetes-manifests/frontend.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: frontend
        spec:
          template:
            spec:
              containers:
                - name: server
                  image: frontend
                  env:
                    - name: CHECKOUT_SERVICE_ADDR
                      value: "checkoutservice:5050"
    """,
    "kubernetes-manifests/cart.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cartservice
        spec:
          template:
            spec:
              containers:
                - name: server
                  image: cartservice
    """,
    "src/checkoutservice/Dockerfile": "FROM golang:1.22\n",
    "src/checkoutservice/go.mod": "module example.com/checkout\n\ngo 1.22\n",
    "src/checkoutservice/main.go": (
        'package main\n\nimport "example.com/checkout/money"\n\nfunc main() { money.Sum() }\n'
    ),
    "src/checkoutservice/money/money.go": "package money\n\nfunc Sum() {}\n",
    "src/frontend/Dockerfile": "FROM golang:1.22\n",
    "src/frontend/go.mod": "module example.com/frontend\n\ngo 1.22\n",
    "src/frontend/main.go": "package main\n\nfunc main() {}\n",
    "src/cartservice/src/Dockerfile": "FROM mcr.microsoft.com/dotnet/sdk:8.0\n",
    "src/cartservice/src/cartservice.csproj": (
        '<Project Sdk="Microsoft.NET.Sdk.Web">\n'
        '  <ItemGroup><PackageReference Include="Grpc.AspNetCore" Version="2.6" /></ItemGroup>\n'
        "</Project>\n"
    ),
    "src/cartservice/src/Program.cs": "var x = 1;\n",
    "src/emailservice/Dockerfile": "FROM python:3.12\n",
    "src/emailservice/requirements.txt": "grpcio\n",
    "src/emailservice/email_server.py": "from logger import get_logger\n\nLOG = get_logger()\n",
    "src/emailservice/logger.py": "def get_logger():\n    return None\n",
    "protos/demo.proto": 'syntax = "proto3";\nservice CartService {\n  rpc Add(A) returns (B);\n}\n',
    ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/base\n",
}


def test_services_named_by_owners_with_edges_and_their_own_graphs(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "boutique", MONOREPO))
    built = {s["name"]: s for s in doc["services"] if s["built"]}
    assert sorted(built) == ["cartservice", "checkoutservice", "emailservice", "frontend"]
    assert built["cartservice"]["folder"] == "src/cartservice"  # not "src"
    assert built["checkoutservice"]["languages"] == ["Go"]
    assert "ASP.NET Core" in built["cartservice"]["stack"]
    assert {(e["source"], e["target"]) for e in doc["service_edges"]} == {
        ("checkoutservice", "cartservice"),
        ("frontend", "checkoutservice"),
    }
    # each service's modules split one level below its own folder, so edges show at the default
    modules = {m["module"] for m in doc["graph"]["modules"]}
    assert {"src/checkoutservice/money", "src.emailservice.logger"} <= modules
    edges = {(e["source"], e["target"]) for e in doc["graph"]["edges"]}
    assert ("src/checkoutservice", "src/checkoutservice/money") in edges
    # script-style import: `from logger import ...` next to the script
    assert ("src.emailservice.email_server", "src.emailservice.logger") in edges
    assert {"gRPC", "Protocol Buffers", "Kubernetes", "Skaffold"} <= _stack(doc)


def test_compose_worker_and_beat_share_the_app_folder(tmp_path: Path) -> None:
    root = write(
        tmp_path / "styleguide",
        {
            "manage.py": "import django\n",
            "requirements.txt": "django\ncelery\n",
            "docker/local.Dockerfile": "FROM python:3.12\n",
            "docker/production.Dockerfile": "FROM python:3.12\n",
            ".devcontainer/Dockerfile": "FROM python:3.12\n",
            "docker-compose.yml": """
                services:
                  db:
                    image: postgres:16
                  django:
                    build:
                      context: .
                      dockerfile: docker/local.Dockerfile
                    environment:
                      - DATABASE_URL=postgres://u:p@db:5432/app
                    depends_on: [db]
                  celery:
                    build:
                      context: .
                      dockerfile: docker/local.Dockerfile
                    depends_on: [db]
                  beat:
                    build:
                      context: .
                      dockerfile: docker/local.Dockerfile
            """,
        },
    )
    doc = _doc(root)
    assert [(s["name"], s["folder"], s["built"]) for s in doc["services"]] == [
        ("beat", "", True),
        ("celery", "", True),
        ("django", "", True),
        ("db", "", False),
    ]
    assert ("django", "db", "depends_on") in {
        (e["source"], e["target"], e["via"]) for e in doc["service_edges"]
    }
    assert set(doc["observability"]) == {"beat", "celery", "django"}


def test_the_app_itself_is_a_service(tmp_path: Path) -> None:
    root = write(
        tmp_path / "petclinic",
        {
            "pom.xml": "<project></project>\n",
            "src/main/java/org/acme/App.java": "package org.acme;\n\npublic class App {}\n",
            "src/main/java/org/acme/package-info.java": "package org.acme;\n",
            "docker-compose.yml": "services:\n  mysql:\n    image: mysql:9\n",
        },
    )
    doc = _doc(root)
    assert [(s["name"], s["kind"]) for s in doc["services"] if s["built"]] == [
        ("petclinic", "root")
    ]
    # package-info.java annotates a package; it is not a module of it
    assert [m["module"] for m in doc["graph"]["modules"]] == ["org.acme.App"]


CYCLE_THROUGH_TESTS = {
    "app/__init__.py": "",
    "app/core.py": "VALUE = 1\n",
    "app/api.py": "from app import core\n",
    "app/tests/__init__.py": "",
    "app/tests/test_api.py": "from app import api\n",
    "app/core_helpers.py": "from app.tests import test_api\n",
    "examples/demo.py": "import app.api\n",
}


def test_tests_and_examples_are_left_out_of_the_graph_by_default(tmp_path: Path) -> None:
    root = write(tmp_path / "lib", CYCLE_THROUGH_TESTS)
    write(root, {"app/core.py": "from app import core_helpers\nVALUE = 1\n"})
    a = analyze(root, [], git=False, depth=2)
    assert a.cycles == [] and "app.tests" not in a.modules and a.tests_excluded == 3
    b = analyze(root, [], git=False, depth=2, include_tests=True)
    assert [c for c, _, _ in b.cycles] == [["app.api", "app.core", "app.core_helpers", "app.tests"]]
    c = analyze(root, [], git=False, depth=2, include_tests=True, exclude=["app.tests"])
    assert c.cycles == []


def test_include_tests_flag_and_diagram(tmp_path: Path, cli) -> None:
    root = write(tmp_path / "boutique", MONOREPO)
    res = invoke(cli, "analyze", str(root), "--no-save", "--diagram", "mermaid")
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith("flowchart LR")
    assert "s_frontend -->|env| s_checkoutservice" in res.stdout
    dot = invoke(cli, "analyze", str(root), "--no-save", "--diagram", "dot", "--json")
    text = json.loads(dot.stdout)["diagram"]["text"]
    assert text.startswith("digraph") and "s_frontend -> s_checkoutservice" in text
    bad = invoke(cli, "analyze", str(root), "--no-save", "--diagram", "png")
    assert bad.exit_code == 2 and "--diagram" in bad.stderr


def test_check_refuses_to_pass_with_no_rules(tmp_path: Path, cli) -> None:
    root = write(tmp_path / "r", {"app/__init__.py": "", "app/x.py": "X = 1\n"})
    (root / ".archwise").mkdir()
    res = invoke(cli, "check", str(root))
    assert res.exit_code == 2
    assert "nothing to check" in res.stderr and "passed" not in res.stdout
    from archwise.api.analyze import check

    doc = check(root)  # an agent exploring a fresh repository is told, not stopped
    assert doc["passed"] is None and "nothing to check" in doc["nothing_checked"]


def test_a_rule_pattern_matching_no_module_is_a_rules_error(tmp_path: Path, cli) -> None:
    root = write(
        tmp_path / "r",
        {
            "app/__init__.py": "",
            "app/api.py": "from app import db\n",
            "app/db.py": "X = 1\n",
            "archwise.yaml": """
                architecture:
                  forbidden:
                    - {from: [app.api], to: [app.dbb]}
            """,
        },
    )
    res = invoke(cli, "check", str(root))
    assert res.exit_code == 2, res.stdout
    err = " ".join(res.stderr.split())
    assert "archwise.yaml:3" in err and "'app.dbb' matches no module" in err
    write(
        root,
        {"archwise.yaml": "architecture:\n  forbidden:\n    - {from: [app.api], to: [app.db]}\n"},
    )
    assert invoke(cli, "check", str(root)).exit_code == 1


def test_human_tables_say_when_they_cut_rows(tmp_path: Path, cli) -> None:
    exts = [".py", ".go", ".rs", ".java", ".rb", ".php", ".c", ".cpp", ".cs", ".kt", ".swift"]
    exts += [".scala", ".lua", ".pl", ".r", ".dart", ".ex"]
    root = write(tmp_path / "many", {f"src/f{i}{e}": "x\n" for i, e in enumerate(exts)})
    res = invoke(cli, "analyze", str(root), "--no-save")
    assert res.exit_code == 0
    assert "15 of 17 shown" in " ".join(res.stdout.split())


def test_analysing_a_folder_outside_the_workspace_writes_nothing_into_it(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    (work / ".archwise").mkdir(parents=True)
    other = write(tmp_path / "elsewhere", {"main.py": "print(1)\n"})
    monkeypatch.chdir(work)
    monkeypatch.delenv("ARCHWISE_DB", raising=False)
    res = invoke(cli, "analyze", str(other), "--json")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["snapshot"] >= 1
    assert sorted(p.name for p in other.iterdir()) == ["main.py"]
    assert (work / ".archwise" / "archwise.db").exists()


def test_manifests_of_every_ecosystem(tmp_path: Path) -> None:
    root = write(
        tmp_path / "poly",
        {
            "jvm/build.gradle": """
                plugins {
                    id 'org.springframework.boot' version '3.3.0'
                    id 'checkstyle'
                }
                dependencies {
                    if (fast) {
                        implementation "io.grpc:grpc-netty:1.6",
                                "org.apache.logging.log4j:log4j-core:2.2"
                    }
                    implementation libs.caffeine
                }
            """,
            "jvm/gradle/libs.versions.toml": """
                [libraries]
                caffeine = { module = "com.github.ben-manes.caffeine:caffeine", version = "3" }
                h2 = { group = "com.h2database", name = "h2", version = "2" }
            """,
            "mvn/pom.xml": """
                <project>
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                  </parent>
                  <build><plugins><plugin>
                    <groupId>org.jacoco</groupId>
                    <artifactId>jacoco-maven-plugin</artifactId>
                  </plugin></plugins></build>
                </project>
            """,
            "net/Directory.Packages.props": (
                '<Project><ItemGroup><PackageVersion Include="Serilog" Version="4" />'
                "</ItemGroup></Project>\n"
            ),
            "net/Api/Api.csproj": (
                '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup>'
                '<PackageReference Include="Serilog" /></ItemGroup></Project>\n'
            ),
            "php/composer.json": '{"require": {"laravel/framework": "^11"}, '
            '"require-dev": {"phpunit/phpunit": "^11"}}\n',
            "rb/Gemfile": "source 'https://rubygems.org'\ngem 'rails'\ngem 'devise'\n",
            "ex/mix.exs": 'defp deps do\n  [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.0"}]\nend\n',
            "rs/Cargo.toml": '[workspace]\nmembers = ["a"]\n',
            "rs/a/Cargo.toml": '[package]\nname = "a"\n\n[dependencies]\naxum = "0.7"\n',
            "js/pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n",
            "js/apps/api/package.json": '{"dependencies": {"@nestjs/core": "10", "typeorm": "0.3"}}',
            "api/openapi.yaml": "openapi: 3.0.0\ninfo:\n  title: x\n  version: '1'\npaths: {}\n",
            "infra/main.tf": """
                terraform {
                  required_providers {
                    google = { source = "hashicorp/google" }
                  }
                }
                resource "google_container_cluster" "c" {}
                resource "google_redis_instance" "r" {}
            """,
            "py/storage.py": 'import boto3\n\ns3 = boto3.client("s3")\n',
            "serverless.yml": "service: x\nprovider:\n  name: aws\n",
        },
    )
    stack = _stack(_doc(root))
    want = {
        "Spring Boot",
        "Checkstyle",
        "gRPC",
        "Netty",
        "Log4j",
        "Caffeine",
        "H2",
        "JaCoCo",
        "Serilog",
        "ASP.NET Core",
        "Laravel",
        "PHPUnit",
        "Ruby on Rails",
        "Devise",
        "Phoenix",
        "Ecto",
        "Axum",
        "NestJS",
        "TypeORM",
        "pnpm",
        "OpenAPI",
        "Google Kubernetes Engine",
        "Memorystore",
        "S3",
        "boto3",
        "Serverless Framework",
    }
    assert want <= stack, sorted(want - stack)
    # the provider is named by its services (GKE, Memorystore), not as a vague umbrella
    assert "Google Cloud" not in stack


def test_grpc_clients_of_another_services_server_are_edges(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "docker-compose.yml": """
                services:
                  web:
                    build: ./web
                  cart:
                    build: ./cart
                  recs:
                    build: ./recs
            """,
            "web/go.mod": "module example.com/web\n\ngo 1.22\n\nrequire google.golang.org/grpc v1.6.0\n",
            "web/main.go": (
                'package main\n\nimport pb "example.com/web/genproto"\n\n'
                "func main() { _ = pb.NewCartServiceClient(nil) } // grpc\n"
            ),
            "cart/go.mod": "module example.com/cart\n\ngo 1.22\n\nrequire google.golang.org/grpc v1.6.0\n",
            "cart/main.go": (
                'package main\n\nimport "google.golang.org/grpc"\n\n'
                "func main() { pb.RegisterCartServiceServer(grpc.NewServer(), nil) }\n"
            ),
            "recs/requirements.txt": "grpcio\n",
            "recs/server.py": (
                "import grpc\nimport demo_pb2_grpc\n\n"
                "cart = demo_pb2_grpc.CartServiceStub(grpc.insecure_channel('cart:7070'))\n"
                "demo_pb2_grpc.add_HealthServicer_to_server(None, None)\n"
            ),
        },
    )
    doc = _doc(root)
    assert {(e["source"], e["target"], e["via"]) for e in doc["service_edges"]} == {
        ("web", "cart", "grpc CartService"),
        ("recs", "cart", "grpc CartService"),
    }


def test_catalogue_entries_from_a_kb_folder_and_located_errors(tmp_path: Path) -> None:
    from archwise.analyze.catalog import load_catalog
    from archwise.errors import InputError

    kb = write(
        tmp_path / "kb",
        {
            "stack/house.yaml": """
                technologies:
                  - {name: House Framework, category: backend_framework, pypi: [house-fw]}
            """
        },
    )
    assert "House Framework" in {e.name for e in load_catalog([kb])}
    root = write(tmp_path / "app", {"requirements.txt": "house-fw==1\n"})
    assert "House Framework" in _stack(_doc(root, kb_dirs=[kb]))
    write(kb, {"stack/house.yaml": "technologies:\n  - {name: X, category: gadget}\n"})
    with pytest.raises(InputError) as err:
        load_catalog([kb])
    assert "house.yaml:2" in str(err.value) and "category" in str(err.value)
    assert len({e.name for e in load_catalog()}) >= 500


@pytest.mark.parametrize(
    ("file", "text", "database"),
    [
        ("prisma/schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n', "PostgreSQL"),
        ("config/database.yml", "default: &default\n  adapter: sqlite3\n", "SQLite"),
        ("ormconfig.json", '{"type": "mysql", "host": "localhost"}\n', "MySQL"),
        (
            "src/main/resources/application.properties",
            "spring.datasource.url=jdbc:postgresql://db/app\n",
            "PostgreSQL",
        ),
        (
            "site/settings.py",
            'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql"}}\n',
            "MySQL",
        ),
    ],
)
def test_the_database_an_app_configures_is_evidence(
    tmp_path: Path, file: str, text: str, database: str
) -> None:
    root = write(tmp_path / "app", {})
    (root / file).parent.mkdir(parents=True, exist_ok=True)
    (root / file).write_text(text, encoding="utf-8")
    stack = {s["name"]: s for s in _doc(root)["stack"]}
    assert database in stack
    assert stack[database]["evidence"][0]["file"] == file
