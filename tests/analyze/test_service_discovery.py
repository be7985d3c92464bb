"""Services and edges found wherever owners declare them: compose files by content, network
aliases, replicas of one build, mounted configuration, crates in sub-folders, published images."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write


def _maven(module: str) -> dict[str, str]:
    return {
        f"{module}/pom.xml": f"""
            <project>
              <parent><artifactId>heroes-parent</artifactId></parent>
              <artifactId>{module}</artifactId>
              <dependencies>
                <dependency>
                  <groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId>
                </dependency>
              </dependencies>
            </project>
        """,
        f"{module}/src/main/java/org/heroes/App.java": "package org.heroes;\n\npublic class App {}\n",
    }


def _compose_service(key: str, image: str, alias: str | None, env: str, port: str) -> str:
    networks = (
        f"    networks:\n      default:\n        aliases:\n          - {alias}\n" if alias else ""
    )
    return (
        f"  {key}:\n    image: quay.io/heroes/{image}:java-latest\n"
        f'    ports:\n      - "{port}:{port}"\n    environment:\n      {env}\n{networks}'
    )


def test_compose_files_are_known_by_content_and_services_by_their_alias(tmp_path: Path) -> None:
    variants = {}
    for flavour in ("jvm", "native"):
        variants[f"deploy/containers/{flavour}.yml"] = (
            "services:\n"
            "  fights-db:\n    image: mongo:8\n"
            + _compose_service(
                f"rest-fights-{flavour}",
                "rest-fights",
                "rest-fights",
                "HEROES_ADDRESS_LIST: rest-heroes:8083",
                "8082",
            )
            + f"    depends_on:\n      - fights-db\n      - rest-heroes-{flavour}\n"
            + _compose_service(
                f"rest-heroes-{flavour}", "rest-heroes", "rest-heroes", "LOG: info", "8083"
            )
            # no alias: named by the image all its variants extend
            + _compose_service(
                f"ui-heroes-{flavour}",
                "ui-heroes",
                None,
                "API_BASE_URL: http://localhost:8082",
                "8080",
            )
        )
    root = write(
        tmp_path / "heroes",
        {
            "pom.xml": "<project><artifactId>heroes-parent</artifactId>"
            "<packaging>pom</packaging></project>\n",
            **_maven("rest-fights"),
            **_maven("rest-heroes"),
            **_maven("ui-heroes"),
            **variants,
            # a CI file with services of its own is not a compose file
            ".woodpecker.yml": """
                steps:
                  test:
                    image: maven:3
                    commands: [mvn verify]
                services:
                  ci-db:
                    image: postgres:16
            """,
        },
    )
    doc = _doc(root)
    assert _built(doc) == {
        "rest-fights": "rest-fights",
        "rest-heroes": "rest-heroes",
        "ui-heroes": "ui-heroes",
    }
    assert "ci-db" not in {s["name"] for s in doc["services"]}
    edges = _edges(doc)
    assert {
        ("rest-fights", "fights-db"),
        ("rest-fights", "rest-heroes"),  # by its alias, and by depends_on on its variant key
        ("ui-heroes", "rest-fights"),  # the browser calls the port rest-fights publishes
    } <= edges


RUST_SERVER = {
    "Cargo.toml": '[package]\nname = "forum"\nversion = "0.1.0"\n\n[dependencies]\nactix-web = "4"\n',
    "src/main.rs": "fn main() {}\n",
    "docker/Dockerfile": "FROM rust:1.80 AS build\nCOPY . .\nRUN cargo build --release\n",
    "docker/nginx.conf": """
        http {
            upstream forum {
                server "forum:8536";
            }
            server {
                location / { proxy_pass "http://forum"; }
            }
        }
    """,
    "docker/forum.hjson": '{ database: { connection: "postgres://u:p@postgres:5432/forum" } }\n',
}


def test_replicas_of_one_build_are_a_rig_and_mounted_configs_draw_edges(tmp_path: Path) -> None:
    instances = "".join(
        f"""
          forum-{n}:
            build:
              context: ../..
              dockerfile: docker/Dockerfile
            depends_on: [postgres-{n}]
          postgres-{n}:
            image: postgres:16
        """
        for n in ("alpha", "beta", "gamma")
    )
    root = write(
        tmp_path / "forum",
        {
            **RUST_SERVER,
            "docker/docker-compose.yml": """
                services:
                  proxy:
                    image: nginx:1-alpine
                    volumes:
                      - ./nginx.conf:/etc/nginx/nginx.conf:ro
                  forum:
                    build:
                      context: ../
                      dockerfile: docker/Dockerfile
                    volumes:
                      - ./forum.hjson:/config/config.hjson
                  postgres:
                    image: postgres:16
            """,
            "docker/federation/docker-compose.yml": "services:" + instances,
            # roles of one image with their own commands are services, not replicas
            "compose.yaml": """
                services:
                  web:
                    build: .
                    image: forum-web
                    command: server
                  web-worker:
                    build: .
                    image: forum-web
                    command: worker
            """,
        },
    )
    doc = _doc(root)
    names = {s["name"] for s in doc["services"]}
    assert not any(n.startswith(("forum-", "postgres-")) for n in names)
    assert {"forum", "web", "web-worker"} <= set(_built(doc))
    assert {("proxy", "forum"), ("forum", "postgres")} <= _edges(doc)


def test_a_server_crate_in_a_sub_folder_is_the_service_not_the_workspace(tmp_path: Path) -> None:
    root = write(
        tmp_path / "sharing",
        {
            "Cargo.toml": '[workspace]\nmembers = ["server", "cli"]\n',
            "server/Cargo.toml": '[package]\nname = "signal"\n\n[dependencies]\naxum = "0.7"\n',
            "server/src/main.rs": "fn main() {}\n",
            "server/Dockerfile": "FROM rust:1.80\nCOPY . .\nRUN cargo build --release\n",
            "cli/Cargo.toml": '[package]\nname = "sharing-cli"\n',
            "cli/src/main.rs": "fn main() {}\n",
            "pubspec.yaml": "name: sharing\ndependencies:\n  flutter:\n    sdk: flutter\n",
            "lib/main.dart": "void main() {}\n",
        },
    )
    assert _built(_doc(root)) == {"server": "server"}


def test_a_configured_stock_image_the_owners_publish_is_their_service(tmp_path: Path) -> None:
    root = write(
        tmp_path / "carlog",
        {
            "mix.exs": 'defmodule Carlog.MixProject do\n  defp deps, do: [{:phoenix, "~> 1.7"}]\nend\n',
            "lib/carlog.ex": "defmodule Carlog do\nend\n",
            "Dockerfile": "FROM elixir:1.17\nCOPY . .\nRUN mix release\n",
            "grafana/Dockerfile": "FROM grafana/grafana:11\nCOPY dashboards /dashboards/\n",
            "grafana/dashboards/trips.json": '{"title": "trips"}\n',
            "monitoring/Dockerfile": "FROM prom/prometheus:v2\nCOPY prometheus.yml /etc/\n",
            "monitoring/prometheus.yml": "scrape_configs: []\n",
            ".github/workflows/images.yml": """
                on: push
                jobs:
                  grafana:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          context: grafana
                          push: true
            """,
        },
    )
    doc = _doc(root)
    built = _built(doc)
    assert built["grafana"] == "grafana"
    assert "monitoring" not in built  # configured, and not published: the stock image


def test_yaml_reads_the_core_schema_with_key_lines_and_merges() -> None:
    from archwise.analyze.manifests import _lc_line, _yaml_docs

    docs = _yaml_docs(
        "x-env: &env\n  LOG: info\nservices:\n  web:\n    environment:\n      <<: *env\n"
        "      DEBUG: yes\n    ports:\n      - 8080:80\n    replicas: 2\n---\n"
    )
    web = docs[0]["services"]["web"]
    assert web["environment"] == {"DEBUG": "yes", "LOG": "info"}
    assert web["ports"] == ["8080:80"] and web["replicas"] == 2
    assert _lc_line(docs[0]["services"], "web") == 4
    assert _yaml_docs("a: [unclosed\n") == []


def test_the_compose_file_an_installation_guide_shows_is_the_deployment(tmp_path: Path) -> None:
    guide = """
        # Docker install

        1. Create `docker-compose.yml`:

           ```yml title="docker-compose.yml"
           services:
             carlog:
               image: acme/carlog:latest
               environment:
                 - DATABASE_HOST=database
             database:
               image: postgres:17
           ```
    """
    files = {
        "mix.exs": 'defmodule Carlog.MixProject do\n  defp deps, do: [{:phoenix, "~> 1.7"}]\nend\n',
        "lib/carlog.ex": "defmodule Carlog do\nend\n",
        "Dockerfile": "FROM elixir:1.17\nCOPY . .\nRUN mix release\n",
        "website/docs/installation/docker.md": guide,
        # a guide to another proxy is not the deployment
        "website/docs/guides/traefik.md": guide.replace("carlog:", "traefik:"),
    }
    doc = _doc(write(tmp_path / "carlog", files))
    assert _built(doc) == {"carlog": ""}
    assert ("carlog", "database") in _edges(doc)
    assert "traefik" not in {s["name"] for s in doc["services"]}
    # a compose file of its own is the deployment: the guide is not read
    files["compose.yaml"] = "services:\n  carlog:\n    build: .\n"
    doc = _doc(write(tmp_path / "carlog2", files))
    assert ("carlog", "database") not in _edges(doc)
