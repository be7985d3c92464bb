"""One service per deployable unit, whichever files describe it, and the edges their settings hold."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write

COMPOSE_AND_SKAFFOLD = {
    "compose.yaml": """
        services:
          api:
            build:
              context: ./api
            environment:
              DATABASE_URL: postgresql://app:app@db:5432/app
          front:
            build: ./front
            environment:
              API_ENTRYPOINT: http://api
          db:
            image: postgres:16-alpine
          idp:
            build:
              context: ./chart/idp
              target: idp
            environment:
              IDP_DATABASE_HOST: db
    """,
    "chart/skaffold.yaml": """
        apiVersion: skaffold/v4beta4
        kind: Config
        build:
          artifacts:
            - image: shop-api
              context: ../api
            - image: shop-front
              context: ../front
    """,
    "chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
    # the identity provider's stock image with a theme copied in, built in two stages
    "chart/idp/Dockerfile": """
        FROM example/identity-server:24 AS upstream

        FROM upstream AS idp
        COPY --link themes/shop /opt/idp/themes/shop
        COPY --link providers/policy.jar /opt/idp/providers/policy.jar
    """,
    "chart/idp/themes/shop/theme.properties": "parent=base\n",
    # the source of a policy jar lies beside it; the build copies only the jar
    "chart/idp/providers/policy/policy.js": "var decision = $evaluation;\ndecision.grant();\n",
    "api/composer.json": '{"require": {"php": ">=8.3", "symfony/framework-bundle": "^7.1"}}\n',
    "api/Dockerfile": "FROM php:8.3-fpm\nCOPY . /srv/app\n",
    "api/src/Kernel.php": "<?php\nnamespace App;\nfinal class Kernel {}\n",
    "front/package.json": '{"name": "front", "dependencies": {"next": "15.0.0"}}\n',
    "front/Dockerfile": 'FROM node:22\nCOPY . /app\nCMD ["npm", "start"]\n',
    "front/pages/index.tsx": "export default function Home() { return null }\n",
}


def test_a_skaffold_artifact_of_a_compose_build_is_that_service(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path, COMPOSE_AND_SKAFFOLD))
    built = _built(doc)
    assert built == {"api": "api", "front": "front"}
    aliases = {s["name"]: s["aliases"] for s in doc["services"]}
    assert "shop-api" in aliases["api"]
    assert {("api", "db"), ("front", "api"), ("idp", "db")} <= _edges(doc)


def test_a_stock_image_configured_in_stages_is_not_built(tmp_path: Path) -> None:
    services = {s["name"]: s for s in _doc(write(tmp_path, COMPOSE_AND_SKAFFOLD))["services"]}
    assert not services["idp"]["built"]
    assert services["idp"]["image"] == "example/identity-server"


GRADLE_AND_KUBERNETES = {
    "settings.gradle": """
        include 'customer-service:customer-service-domain'
        include 'customer-service:customer-service-main'
        include 'order-service:order-service-main'
        // include 'legacy-search-service'
    """,
    "build.gradle": """
        subprojects {
            apply plugin: "java-library"
            repositories { mavenCentral() }
        }
    """,
    "customer-service/customer-service-domain/build.gradle": "dependencies {}\n",
    "customer-service/customer-service-main/build.gradle": """
        apply plugin: 'org.springframework.boot'
        dependencies { implementation "org.springframework.boot:spring-boot-starter-web" }
    """,
    "customer-service/customer-service-main/Dockerfile": "FROM eclipse-temurin:17\nCOPY build/libs/app.jar /app.jar\n",
    "customer-service/customer-service-main/src/main/java/shop/Main.java": "package shop;\nclass Main {}\n",
    "order-service/order-service-main/build.gradle": """
        apply plugin: 'org.springframework.boot'
        dependencies { implementation "org.springframework.boot:spring-boot-starter-web" }
    """,
    "order-service/order-service-main/Dockerfile": "FROM eclipse-temurin:17\nCOPY build/libs/app.jar /app.jar\n",
    "order-service/order-service-main/src/main/java/shop/Main.java": "package shop;\nclass Main {}\n",
    # a module the build no longer includes: its Dockerfile builds nothing
    "legacy-search-service/build.gradle": "dependencies {}\n",
    "legacy-search-service/Dockerfile": "FROM eclipse-temurin:17\nCOPY build/libs/app.jar /app.jar\n",
    "legacy-search-service/src/main/java/shop/Search.java": "package shop;\nclass Search {}\n",
    "deploy/k8s/config.yaml": """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: sql-config
        data:
          connection_string: jdbc:mysql://mysql/shop
          sql_user: shop
    """,
    "deploy/k8s/customer-service.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: customer-service
        spec:
          template:
            spec:
              containers:
              - name: customer-service
                image: acme/shop-customer-service:latest
                env:
                  - name: SPRING_DATASOURCE_URL
                    valueFrom:
                      configMapKeyRef:
                        name: sql-config
                        key: connection_string
                  - name: KAFKA_BOOTSTRAP_SERVERS
                    value: kafka:9092
    """,
    "deploy/k8s/order-service.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: order-service
        spec:
          template:
            spec:
              containers:
              - name: order-service
                image: acme/shop-order-service:latest
                envFrom:
                  - configMapRef:
                      name: sql-config
    """,
    "deploy/k8s/mysql.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: mysql
        spec:
          template:
            spec:
              containers:
              - name: mysql
                image: mysql:8
    """,
}


def test_a_workload_runs_the_module_below_its_name_and_reads_its_config_map(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path, GRADLE_AND_KUBERNETES))
    # the multi-project root configures its subprojects and runs nothing; the module the
    # settings no longer include is not built
    assert _built(doc) == {
        "customer-service": "customer-service/customer-service-main",
        "order-service": "order-service/order-service-main",
    }
    edges = _edges(doc)
    assert ("customer-service", "mysql") in edges  # from the ConfigMap key it takes
    assert ("order-service", "mysql") in edges  # from the whole ConfigMap (envFrom)


POD_WITH_SIDECAR = {
    "Cargo.toml": '[package]\nname = "notes"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n',
    "src/main.rs": "fn main() {}\n",
    "Dockerfile": "FROM rust:1.80\nCOPY . .\nRUN cargo build --release\n",
    "k8s/secrets.yaml": """
        apiVersion: v1
        kind: Secret
        metadata:
          name: notes-secrets
        stringData:
          DB_URI: "postgres://notes:pw@localhost/notes"
          DB_PASSWORD: pw
    """,
    "k8s/notes.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: notes
        spec:
          template:
            spec:
              containers:
                - name: notes
                  image: ghcr.io/acme/notes:latest
                  env:
                    - name: NOTES_DB_URI
                      valueFrom:
                        secretKeyRef:
                          name: notes-secrets
                          key: DB_URI
                - name: postgresql
                  image: postgres:14
                  ports:
                    - containerPort: 5432
                - name: log-shipper
                  image: fluent/fluent-bit:3
                  ports:
                    - containerPort: 2020
    """,
}


def test_a_pod_s_app_reaches_the_sidecar_its_settings_point_at(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "notes", POD_WITH_SIDECAR))
    assert _built(doc) == {"notes": ""}
    edges = _edges(doc)
    assert ("notes", "postgresql") in edges
    assert ("notes", "log-shipper") not in edges


def _package(name: str, scripts: dict[str, str]) -> str:
    body = ", ".join(f'"{k}": "{v}"' for k, v in scripts.items())
    return f'{{"name": "{name}", "dependencies": {{"next": "15.0.0"}}, "scripts": {{{body}}}}}\n'


PAAS_WORKSPACE = {
    "package.json": '{"name": "polls", "private": true, "devDependencies": {"turbo": "2.0.0"}}\n',
    "pnpm-workspace.yaml": "packages:\n  - apps/*\n  - packages/*\n",
    "docker-compose.yml": """
        services:
          polls:
            build:
              context: .
              dockerfile: ./apps/web/Dockerfile
            environment:
              DATABASE_URL: postgres://polls:polls@polls_db:5432/polls
          polls_db:
            image: postgres:16
    """,
    "apps/web/Dockerfile": "FROM node:22\nCOPY . .\nRUN pnpm build\n",
    "apps/web/package.json": _package("@polls/web", {"build": "next build", "start": "next start"}),
    "apps/web/vercel.json": '{"framework": "nextjs"}\n',
    "apps/web/src/app/page.tsx": "export default function Page() { return null }\n",
    "apps/landing/package.json": _package("@polls/landing", {"build": "next build"}),
    "apps/landing/vercel.json": '{"framework": "nextjs"}\n',
    "apps/landing/src/app/page.tsx": "export default function Page() { return null }\n",
    # a library and a docs site with no platform file; a documentation site deployed alike
    "apps/docs/package.json": '{"name": "@polls/docs", "scripts": {"build": "mint build"}}\n',
    "apps/documentation/package.json": _package("@polls/documentation", {"build": "next build"}),
    "apps/documentation/vercel.json": '{"framework": "nextjs"}\n',
    "packages/ui/package.json": _package("@polls/ui", {"build": "tsc"}),
    "packages/ui/src/index.ts": "export const x = 1\n",
}


def test_a_workspace_app_a_platform_deploys_is_a_service_beside_the_containers(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path, PAAS_WORKSPACE))
    assert _built(doc) == {"polls": "apps/web", "landing": "apps/landing"}
    assert ("polls", "polls_db") in _edges(doc)


def test_a_root_pyproject_of_tool_settings_runs_nothing(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "pyproject.toml": '[tool.uv.workspace]\nmembers = ["backend"]\n\n'
            '[dependency-groups]\ndev = ["ruff>=0.6"]\n',
            "compose.yml": "services:\n  backend:\n    build: ./backend\n",
            "backend/pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n'
            'dependencies = ["fastapi>=0.115"]\n',
            "backend/Dockerfile": "FROM python:3.12\nCOPY . /app\n",
            "backend/app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        },
    )
    assert _built(_doc(root)) == {"backend": "backend"}


CONFIG_MAP_VARIANTS = {
    "users/pyproject.toml": '[project]\nname = "users"\ndependencies = ["flask"]\n',
    "users/app.py": "import flask\n",
    "users/Dockerfile": "FROM python:3.12\nCOPY . .\n",
    # an optional variant kept beside the main manifests names the database through a proxy
    "extras/proxy/config.yaml": """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: users-db-config
        data:
          USERS_DB_URI: postgresql://u:p@127.0.0.1:5432/users
    """,
    "manifests/users-db.yaml": """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: users-db-config
        data:
          USERS_DB_URI: postgresql://u:p@users-db:5432/users
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: users-db
        spec:
          template:
            spec:
              containers:
                - name: postgres
                  image: postgres:16
    """,
    "manifests/users.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: users
        spec:
          template:
            spec:
              containers:
                - name: users
                  image: example/users:1
                  envFrom:
                    - configMapRef:
                        name: users-db-config
    """,
}


def test_a_workload_reads_the_config_map_defined_nearest_to_it(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "bank", CONFIG_MAP_VARIANTS))
    assert ("users", "users-db") in _edges(doc)
