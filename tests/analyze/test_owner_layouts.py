"""Services and edges as their owners declare them: binaries of one module run from published
images, jars packaged by a compose file in a subfolder, variants of one deployment."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.analyze.declared import entry_program
from archwise.analyze.engine import _variant_base, app_name, artifacts
from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write

GO_MAIN = "package main\n\nfunc main() {}\n"

# one Go module building a server, an agent and a command-line client, each image from its own
# Dockerfile; an example compose file under a demo folder runs the published images
GO_RELAY = {
    "go.mod": "module github.com/acme/relay\n\ngo 1.22\n\nrequire google.golang.org/grpc v1.64.0\n",
    "cmd/relay-server/main.go": GO_MAIN,
    "cmd/relay-agent/main.go": GO_MAIN,
    "cmd/relayctl/main.go": GO_MAIN,
    "internal/queue/queue.go": "package queue\n\nfunc Push() {}\n",
    "Dockerfile": (
        "FROM golang:1.22 AS build\nCOPY . /src\nRUN go build -o /out/relay-server ./cmd/relay-server\n"
        "FROM alpine:3.20\nCOPY --from=build /out/relay-server /usr/bin/relay-server\n"
        'ENTRYPOINT ["/usr/bin/relay-server"]\n'
    ),
    "Dockerfile.agent": (
        "FROM golang:1.22 AS build\nCOPY . /src\nRUN go build -o /out/a ./cmd/relay-agent\n"
        "FROM alpine:3.20\nCOPY --from=build /out/a /bin/relay-agent\n"
        'ENTRYPOINT ["/bin/relay-agent", "--config", "/etc/agent.yml"]\n'
    ),
    "Dockerfile.agent.alpine": (
        "FROM alpine:3.20\nCOPY dist/relay-agent /bin/relay-agent\nENTRYPOINT /bin/relay-agent\n"
    ),
    "Dockerfile.ctl": 'FROM alpine:3.20\nCOPY dist/relayctl /bin/\nENTRYPOINT ["/bin/relayctl"]\n',
    "docker/Dockerfile.make": 'FROM golang:1.22\nRUN apt-get install -y make\nCMD ["/bin/sh"]\n',
    "configs/demo/docker-compose.yml": """
        services:
          db:
            image: postgres:16
          relay-server:
            image: acme/relay-server:latest
            depends_on: [db]
            environment:
              - RELAY_DB_HOST=db
          relay-agent:
            image: acme/relay-agent:latest
            environment:
              - RELAY_SERVER=relay-server:9000
    """,
    "configs/testing/e2e/docker-compose.yml": """
        services:
          gitea:
            image: gitea/gitea:latest
          relay-server:
            image: acme/relay-server:latest
            depends_on: [gitea]
    """,
}


def test_binaries_run_from_published_images_are_named_by_the_example_compose(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path / "relay", GO_RELAY))
    assert _built(doc) == {"relay-server": "cmd/relay-server", "relay-agent": "cmd/relay-agent"}
    assert {("relay-server", "db"), ("relay-agent", "relay-server")} <= _edges(doc)
    # a program runs its module's code: the module's manifest is its stack too
    server = next(s for s in doc["services"] if s["name"] == "relay-server")
    assert "gRPC" in server["stack"]
    # the end-to-end rig's Gitea is not part of the deployment
    assert not any("gitea" in e for e in _edges(doc))


def test_binaries_without_a_compose_file_are_named_by_the_program_each_image_runs(
    tmp_path: Path,
) -> None:
    files = {k: v for k, v in GO_RELAY.items() if not k.startswith("configs/")}
    doc = _doc(write(tmp_path / "relay", files))
    # the CLI image and the shell to build in are no services, nor is the module named "relay"
    assert _built(doc) == {"relay-server": "cmd/relay-server", "relay-agent": "cmd/relay-agent"}


def test_an_image_named_with_the_project_prefix_runs_the_binary_of_the_rest(
    tmp_path: Path,
) -> None:
    files = {
        "go.mod": "module github.com/acme/hive/v2\n\ngo 1.22\n",
        "cmd/server/main.go": GO_MAIN,
        "cmd/agent/main.go": GO_MAIN,
        "docker/Dockerfile.server": (
            'FROM alpine:3.20\nCOPY dist/server /bin/hive-server\nENTRYPOINT ["/bin/hive-server"]\n'
        ),
        "docker/Dockerfile.agent": (
            'FROM alpine:3.20\nCOPY dist/agent /bin/hive-agent\nENTRYPOINT ["/bin/hive-agent"]\n'
        ),
        "docker-compose.example.yaml": """
            services:
              hive-server:
                image: hiveci/hive-server
              hive-agent:
                image: hiveci/hive-agent
                depends_on: [hive-server]
        """,
    }
    doc = _doc(write(tmp_path / "hive-src", files))
    assert _built(doc) == {"hive-server": "cmd/server", "hive-agent": "cmd/agent"}
    assert ("hive-agent", "hive-server") in _edges(doc)


def test_another_projects_image_named_like_a_binary_stays_a_backing_service(
    tmp_path: Path,
) -> None:
    files = {
        "go.mod": "module github.com/acme/relay\n\ngo 1.22\n",
        "cmd/agent/main.go": GO_MAIN,
        "examples/docker-compose.yml": """
            services:
              agent:
                image: grafana/agent:latest
        """,
    }
    doc = _doc(write(tmp_path / "relay", files))
    assert "agent" not in _built(doc)


def test_rust_programs_in_src_bin_run_from_published_images(tmp_path: Path) -> None:
    files = {
        "Cargo.toml": '[package]\nname = "beacon"\nversion = "0.1.0"\n\n[dependencies]\ntokio = "1"\n',
        "src/lib.rs": "pub fn run() {}\n",
        "src/bin/beacon-hub.rs": "fn main() { beacon::run() }\n",
        "src/bin/beacon-relay/main.rs": "fn main() { beacon::run() }\n",
        "examples/compose/docker-compose.yml": """
            services:
              hub:
                image: acme/beacon-hub:1.2
              relay:
                image: acme/beacon-relay:1.2
                command: ["-r", "hub:21117"]
        """,
    }
    doc = _doc(write(tmp_path / "beacon", files))
    assert _built(doc) == {"hub": "", "relay": ""}


def test_rust_programs_named_by_bin_tables_run_from_published_images(tmp_path: Path) -> None:
    # [[bin]] tables name programs whose sources are not under src/bin/
    files = {
        "Cargo.toml": (
            '[package]\nname = "beacon"\nversion = "0.1.0"\n\n'
            '[[bin]]\nname = "beacon-hub"\npath = "src/hub.rs"\n\n'
            '[[bin]]\nname = "beacon-relay"\npath = "src/relay/main.rs"\n\n'
            '[dependencies]\ntokio = "1"\n'
        ),
        "src/lib.rs": "pub fn run() {}\n",
        "src/hub.rs": "fn main() { beacon::run() }\n",
        "src/relay/main.rs": "fn main() { beacon::run() }\n",
        "examples/compose/docker-compose.yml": """
            services:
              hub:
                image: acme/beacon-hub:1.2
              relay:
                image: acme/beacon-relay:1.2
                command: ["-r", "hub:21117"]
        """,
    }
    doc = _doc(write(tmp_path / "beacon", files))
    assert _built(doc) == {"hub": "", "relay": ""}


# a Maven reactor whose jars a compose file in docker/ packages into runtime images (lower-case
# `dockerfile`, no `dockerfile:` key), beside seeded database and configured cache images
POM_PARENT = """<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>shop</artifactId>
  <packaging>pom</packaging>
  <modules><module>shop-gateway</module><module>shop-modules</module></modules>
</project>
"""


def _pom(artifact: str) -> str:
    return (
        "<project>\n  <parent><groupId>com.acme</groupId><artifactId>shop</artifactId></parent>\n"
        f"  <artifactId>{artifact}</artifactId>\n  <dependencies><dependency>\n"
        "    <groupId>org.springframework.boot</groupId>\n"
        "    <artifactId>spring-boot-starter-web</artifactId>\n"
        "  </dependency></dependencies>\n</project>\n"
    )


JAVA = "package com.acme;\n\npublic class App {\n  public static void main(String[] a) {}\n}\n"

SHOP = {
    "pom.xml": POM_PARENT,
    "shop-gateway/pom.xml": _pom("shop-gateway"),
    "shop-gateway/src/main/java/com/acme/App.java": JAVA,
    "shop-modules/shop-orders/pom.xml": _pom("shop-modules-orders"),
    "shop-modules/shop-orders/src/main/java/com/acme/App.java": JAVA,
    "ui/package.json": '{"name": "shop-ui", "dependencies": {"vue": "^2.6.0"}}',
    "ui/src/main.js": "import Vue from 'vue'\n",
    "docker/docker-compose.yml": """
        services:
          shop-mysql:
            image: mysql:8
            build:
              context: ./mysql
          shop-redis:
            image: redis
            build:
              context: ./redis
          shop-nginx:
            build:
              context: ./nginx
            depends_on: [shop-gateway]
          shop-gateway:
            build:
              context: ./app/gateway
              dockerfile: dockerfile
            depends_on: [shop-redis]
            links: [shop-redis]
          shop-orders:
            build:
              context: ./app/orders
            links:
              - shop-mysql:db
    """,
    "docker/mysql/dockerfile": "FROM mysql:8\nADD ./db/*.sql /docker-entrypoint-initdb.d/\n",
    "docker/mysql/db/readme.txt": "put the schema here\n",
    "docker/redis/dockerfile": "FROM redis\nCOPY ./conf/redis.conf /etc/redis.conf\n",
    "docker/redis/conf/redis.conf": "port 6379\n",
    "docker/nginx/dockerfile": (
        "FROM nginx\nCOPY ./conf/nginx.conf /etc/nginx/nginx.conf\nCOPY ./html/dist /srv/ui\n"
    ),
    "docker/nginx/conf/nginx.conf": "events {}\n",
    "docker/nginx/html/dist/readme.txt": "the built UI goes here\n",
    "docker/app/gateway/dockerfile": (
        "FROM eclipse-temurin:17\nCOPY ./jar/shop-gateway.jar /app/app.jar\n"
        'ENTRYPOINT ["java", "-jar", "/app/app.jar"]\n'
    ),
    "docker/app/gateway/jar/readme.txt": "copy.sh puts the jar here\n",
    "docker/app/orders/dockerfile": (
        "FROM eclipse-temurin:17\nCOPY ./jar/shop-modules-orders.jar /app/app.jar\n"
    ),
    # a helper script's Dockerfile that packages one module's jar by hand
    "document/sh/Dockerfile": "FROM openjdk:8\nADD shop-gateway-1.0-SNAPSHOT.jar /app.jar\n",
}


def test_jars_packaged_by_a_compose_file_in_a_subfolder_are_their_modules(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path / "shop", SHOP))
    assert _built(doc) == {
        "shop-gateway": "shop-gateway",
        "shop-orders": "shop-modules/shop-orders",
        "shop-nginx": "docker/nginx",
    }
    gateway = next(s for s in doc["services"] if s["name"] == "shop-gateway")
    assert "Spring Boot" in gateway["stack"]
    assert {
        ("shop-gateway", "shop-redis"),
        ("shop-orders", "shop-mysql"),
        ("shop-nginx", "shop-gateway"),
    } <= _edges(doc)
    # the seeded database and the configured cache are backing services, listed once each
    names = [s["name"] for s in doc["services"]]
    assert not {"mysql", "redis", "sh", "gateway", "orders"} & set(names)
    assert {"shop-mysql", "shop-redis"} <= set(names)


def test_external_links_reach_the_containers_of_another_compose_file(tmp_path: Path) -> None:
    files = {
        "pom.xml": POM_PARENT.replace("<module>shop-modules</module>", ""),
        "shop-gateway/pom.xml": _pom("shop-gateway"),
        "shop-gateway/src/main/java/com/acme/App.java": JAVA,
        "document/docker/docker-compose-env.yml": """
            services:
              mysql:
                image: mysql:8
              rabbitmq:
                image: rabbitmq:3-management
        """,
        "document/docker/docker-compose-app.yml": """
            services:
              shop-gateway:
                image: acme/shop-gateway:1.0-SNAPSHOT
                external_links:
                  - mysql:db
                  - rabbitmq:rabbit
        """,
    }
    doc = _doc(write(tmp_path / "shop", files))
    assert _built(doc) == {"shop-gateway": "shop-gateway"}
    assert {("shop-gateway", "mysql"), ("shop-gateway", "rabbitmq")} <= _edges(doc)


def test_variants_of_one_deployment_are_the_same_services(tmp_path: Path) -> None:
    files = {
        "package.json": '{"name": "hopper", "private": true, "workspaces": ["packages/*"]}',
        "packages/hopper-backend/package.json": (
            '{"name": "hopper-backend", "dependencies": {"@nestjs/core": "^10.0.0"}}'
        ),
        "packages/hopper-backend/src/main.ts": "import { NestFactory } from '@nestjs/core'\n",
        "packages/hopper-web/package.json": '{"name": "hopper-web", "dependencies": {"vue": "^3"}}',
        "packages/hopper-web/src/main.ts": "import { createApp } from 'vue'\n",
        "Dockerfile": (
            "FROM node:20 AS base\nCOPY . /app\nRUN pnpm build\nFROM base AS backend\n"
            "FROM base AS web\nFROM base AS aio\n"
        ),
        "packages/hopper-backend/Dockerfile": "FROM node:20\nCOPY . /app\n",
        "packages/hopper-web/Dockerfile": "FROM node:20\nCOPY . /app\n",
        "docker-compose.yml": """
            services:
              hopper-backend:
                build: {context: ., target: backend}
                depends_on: [hopper-db]
              hopper-web:
                build: {context: ., target: web}
                depends_on: [hopper-backend]
              hopper-aio-no-db:
                build: {context: ., target: aio}
                environment:
                  DATABASE_URL: postgres://u:p@hopper-db:5432/hop
              hopper-old-backend:
                build: {context: packages/hopper-backend}
                depends_on: [hopper-db]
              hopper-old-web:
                build: {context: packages/hopper-web}
                depends_on: [hopper-old-backend]
              hopper-db:
                image: postgres:16
        """,
        "docker-compose.deploy.yml": """
            services:
              hopper-aio:
                build: {context: ., target: aio}
                depends_on: [hopper-db]
              hopper-db:
                image: postgres:16
        """,
    }
    doc = _doc(write(tmp_path / "hopper", files))
    assert set(_built(doc)) == {"hopper-backend", "hopper-web", "hopper-aio"}
    edges = _edges(doc)
    assert {("hopper-web", "hopper-backend"), ("hopper-aio", "hopper-db")} <= edges
    assert not any("old" in a or "old" in b or "no-db" in a for a, b in edges)


def test_a_variant_folder_beside_the_image_folder_is_another_build_of_it(
    tmp_path: Path,
) -> None:
    files = {
        "Cargo.toml": '[package]\nname = "tally"\nversion = "0.1.0"\n',
        "src/main.rs": "fn main() {}\n",
        "docker/Dockerfile": "FROM rust:1 AS b\nCOPY . /src\nFROM debian\nCOPY --from=b /t /t\n",
        "docker-classic/Dockerfile": "FROM rust:1 AS b\nCOPY . /src\nFROM debian\nCOPY --from=b /t /t\n",
    }
    doc = _doc(write(tmp_path / "tally", files))
    assert "docker-classic" not in _built(doc)


@pytest.mark.parametrize(
    ("text", "program"),
    [
        ('FROM alpine\nENTRYPOINT ["/usr/bin/app-server"]\n', "app-server"),
        ("FROM alpine\nENTRYPOINT /bin/app-agent --flag\n", "app-agent"),
        ('FROM alpine\nCMD ["tini", "--", "/bin/worker"]\n', "worker"),
        ('FROM alpine\nCMD ["x"]\nENTRYPOINT ["/bin/api"]\n', "api"),
        ('FROM alpine\nENTRYPOINT ["/docker-entrypoint.sh"]\n', None),
        ('FROM alpine\nENTRYPOINT ["$BINARY"]\n', None),
        ("FROM alpine\nRUN true\n", None),
        ('FROM golang\nCMD ["/bin/sh"]\n', ""),
    ],
)
def test_the_program_an_image_runs(text: str, program: str | None) -> None:
    assert entry_program(text) == program


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("hopper-old-backend", "hopper-backend"),
        ("hopper-aio-no-db", "hopper-aio"),
        ("docker-classic", "docker"),
        ("web_legacy", "web"),
        ("hopper-backend", None),
        ("old", None),
        ("notes-db", None),
    ],
)
def test_the_name_a_variant_is_made_from(name: str, base: str | None) -> None:
    assert _variant_base(name) == base


def test_the_build_outputs_a_dockerfile_copies() -> None:
    lines = [
        "COPY ./jar/shop-gateway.jar /app.jar",
        "ADD target/orders-1.4.2-SNAPSHOT.jar /o.jar",
        "COPY ./html/dist /srv",
        "COPY --from=build /out/app.jar /app.jar",
        "COPY ./conf/nginx.conf /etc/nginx/nginx.conf",
    ]
    assert artifacts(lines) == ["shop-gateway", "orders", "dist"]


def test_a_dockerfile_named_for_another_service_is_not_its_programs(tmp_path: Path) -> None:
    files = {
        "apps/checker/go.mod": "module github.com/acme/status/checker\n\ngo 1.22\n",
        "apps/checker/cmd/server/main.go": GO_MAIN,
        "apps/checker/cmd/private/main.go": GO_MAIN,
        "apps/checker/Dockerfile": 'FROM golang:1.22\nCOPY . /src\nCMD ["/opt/bin/server"]\n',
        # an older build of the probe kept beside the checker, named for the service it was
        "apps/checker/probe-agent.Dockerfile": (
            'FROM golang:1.22\nCOPY . /src\nCMD ["/opt/bin/private"]\n'
        ),
        "apps/probe-agent/go.mod": "module github.com/acme/status/probe\n\ngo 1.22\n",
        "apps/probe-agent/main.go": GO_MAIN,
        "apps/probe-agent/Dockerfile": 'FROM golang:1.22\nCOPY . /src\nCMD ["/bin/probe"]\n',
        "docker-compose.yaml": """
            services:
              probe-agent:
                build: {context: apps/probe-agent}
        """,
    }
    doc = _doc(write(tmp_path / "status", files))
    assert "private" not in _built(doc)
    assert "probe-agent" in _built(doc)


def test_an_example_compose_files_own_sample_builds_stay_samples(tmp_path: Path) -> None:
    files = dict(GO_RELAY)
    files["configs/demo/client/package.json"] = '{"name": "demo-client", "dependencies": {}}'
    files["configs/demo/client/index.js"] = "console.log('hi')\n"
    files["configs/demo/client/Dockerfile"] = "FROM node:20\nCOPY . /app\n"
    files["configs/demo/docker-compose.yml"] += (
        "          demo-client:\n            build: ./client\n            depends_on: [relay-server]\n"
    )
    doc = _doc(write(tmp_path / "relay", files))
    assert _built(doc) == {"relay-server": "cmd/relay-server", "relay-agent": "cmd/relay-agent"}


@pytest.mark.parametrize(
    "kept", ["scripts/Dockerfile", "script/Dockerfile", "docker/prod/Dockerfile"]
)
def test_a_dockerfile_kept_with_scripts_or_per_environment_builds_the_project(
    tmp_path: Path, kept: str
) -> None:
    files = {
        "go.mod": "module github.com/acme/notes\n\ngo 1.22\n",
        "main.go": GO_MAIN,
        "scripts/release.sh": "#!/bin/sh\ndocker build -f scripts/Dockerfile .\n",
        kept: 'FROM golang:1.22 AS b\nCOPY . /src\nFROM alpine\nCOPY --from=b /n /n\nCMD ["/n"]\n',
        "compose.yaml": "services:\n  notes:\n    image: acme/notes:latest\n",
    }
    doc = _doc(write(tmp_path / "notes", files))
    assert _built(doc) == {"notes": ""}


def test_one_program_with_its_image_is_still_the_modules_app(tmp_path: Path) -> None:
    files = {
        "go.mod": "module github.com/acme/notes\n\ngo 1.22\n",
        "cmd/server/main.go": GO_MAIN,
        "internal/store/store.go": "package store\n",
        "Dockerfile": 'FROM golang:1.22 AS b\nCOPY . /src\nFROM alpine\nCOPY --from=b /s /server\nENTRYPOINT ["/server"]\n',
    }
    doc = _doc(write(tmp_path / "notes", files))
    assert _built(doc) == {"notes": ""}


def test_a_program_compose_runs_from_the_owners_image_is_not_beside_its_module(
    tmp_path: Path,
) -> None:
    files = {
        "go.mod": "module github.com/acme/notes\n\ngo 1.22\n",
        "cmd/notes-server/main.go": GO_MAIN,
        "internal/store/store.go": "package store\n",
        "deploy/compose.yaml": "services:\n  notes:\n    image: acme/notes-server:1.0\n",
    }
    doc = _doc(write(tmp_path / "notes", files))
    assert _built(doc) == {"notes": "cmd/notes-server"}


# a Go module at a major version, cloned into a folder named after that version, whose
# packaging folder builds the same image on two base systems and an RPM package
GO_V3 = {
    "go.mod": "module github.com/acme/feedhub/v3\n\ngo 1.22\n",
    "main.go": GO_MAIN,
    "internal/feed/feed.go": "package feed\n\nfunc Fetch() {}\n",
    "packaging/docker/alpine/Dockerfile": (
        "FROM golang:1.22-alpine AS build\nADD . /src\nRUN go build -o /out/feedhub .\n"
        'FROM alpine:3.20\nCOPY --from=build /out/feedhub /usr/bin/feedhub\nCMD ["/usr/bin/feedhub"]\n'
    ),
    "packaging/docker/distroless/Dockerfile": (
        "FROM golang:1.22 AS build\nADD . /src\nRUN go build -o /out/feedhub .\n"
        "FROM gcr.io/distroless/base-debian12\nCOPY --from=build /out/feedhub /usr/bin/feedhub\n"
        'CMD ["/usr/bin/feedhub"]\n'
    ),
    "packaging/rpm/Dockerfile": (
        "FROM rockylinux:9\nRUN dnf install -y rpm-build golang\nADD . /src\n"
        'CMD ["rpmbuild", "-bb", "/src/packaging/rpm/feedhub.spec"]\n'
    ),
}


def test_a_major_version_folder_is_named_by_its_module_and_its_packaging_builds_are_one_app(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path / "v3", GO_V3))
    assert _built(doc) == {"feedhub": ""}


def test_a_version_named_folder_without_a_go_module_keeps_its_name() -> None:
    assert app_name("v2", None) == "v2"
    assert app_name("v9", "github.com/acme/tool") == "v9"
    assert app_name("v4", "reader.app/v4") == "reader.app"
