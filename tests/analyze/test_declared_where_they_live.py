"""Services found where their owners declare them: Dockerfiles named for a service in a deploy
folder, one-shot compose tasks, Procfile processes that are backing servers or asset watchers."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.analyze.declared import dockerfile_label, named_build_folder, watch_process
from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write

GO_MAIN = "package main\n\nfunc main() {}\n"

# one Go module whose services live under api/services and are built by Dockerfiles named for
# them in a deployment folder; compose runs the images the Makefile builds (no `build:` key)
GO_DEPLOY_FOLDER = {
    "go.mod": "module example.com/shop\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n",
    "makefile": (
        "build:\n\tdocker build -f ops/docker/dockerfile.orders -t localhost/shop/orders:0.1 .\n"
    ),
    "api/services/orders/main.go": GO_MAIN,
    "api/services/orders/handlers/routes.go": "package handlers\n",
    "api/services/billing/main.go": GO_MAIN,
    "api/services/stats/main.go": GO_MAIN,
    "api/tooling/admin/main.go": GO_MAIN,
    "business/orderbus/orderbus.go": "package orderbus\n",
    "ops/docker/dockerfile.orders": """
        FROM golang:1.22 AS build_orders
        COPY . /shop
        WORKDIR /shop/api/services/orders
        RUN go build -o orders
        FROM alpine:3.20
        COPY --from=build_orders /shop/api/services/orders/orders /app/orders
        CMD ["./orders"]
    """,
    "ops/docker/dockerfile.billing": """
        FROM golang:1.22 AS build
        COPY . /shop
        WORKDIR /shop/api/services/billing
        RUN go build -o billing
        FROM alpine:3.20
        COPY --from=build /shop/api/services/billing/billing /app/billing
    """,
    "ops/docker/dockerfile.stats": """
        FROM golang:1.22 AS build
        COPY . /shop
        RUN cd api/services/stats && go build -o /stats
        FROM alpine:3.20
        COPY --from=build /stats /stats
    """,
    "ops/compose/docker_compose.yaml": """
        services:
          database:
            image: postgres:16
          migrate-seed:
            image: localhost/shop/orders:0.1
            entrypoint: ["./admin", "migrate-seed"]
            depends_on:
              - database
          billing:
            image: localhost/shop/billing:0.1
            environment:
              - BILLING_DB_HOST=database
          orders:
            image: localhost/shop/orders:0.1
            environment:
              - ORDERS_DB_HOST=database
              - ORDERS_BILLING_HOST=http://billing:6000
            depends_on:
              - migrate-seed
          stats:
            image: localhost/shop/stats:0.1
            environment:
              - STATS_COLLECT_FROM=http://orders:3010/debug/vars
    """,
}


def test_dockerfiles_named_for_services_in_a_deploy_folder(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "shop", GO_DEPLOY_FOLDER))
    # each named Dockerfile builds the folder of its name; neither the deployment folder nor
    # the module they all build from is a service, nor the seed task that runs orders' image
    assert _built(doc) == {
        "orders": "api/services/orders",
        "billing": "api/services/billing",
        "stats": "api/services/stats",
    }
    assert {
        ("orders", "database"),
        ("orders", "billing"),
        ("billing", "database"),
        ("stats", "orders"),
    } <= _edges(doc)
    assert not any("migrate-seed" in edge for edge in _edges(doc))


# the Tilt layout: Dockerfiles `deploy/<name>.dockerfile` built from the root, Deployments by name
TILT = {
    "Tiltfile": (
        "docker_build('shop-api', context='.', dockerfile='./deploy/api.dockerfile')\n"
        "k8s_yaml('deploy/api.yaml')\n"
        "docker_build('shop-web', context='.', dockerfile='./deploy/web.dockerfile')\n"
        "k8s_yaml('deploy/web.yaml')\n"
    ),
    "api/requirements.txt": "flask~=3.0\n",
    "api/app.py": "import flask\n\napp = flask.Flask(__name__)\n",
    "web/package.json": '{"name": "web", "dependencies": {"react": "^18.2.0"}}\n',
    "web/src/main.jsx": "import React from 'react'\n",
    "deploy/api.dockerfile": """
        FROM python:3.12-slim
        WORKDIR /app
        COPY api/requirements.txt ./
        RUN pip install -r requirements.txt
        COPY api/ ./api/
        CMD ["flask", "run"]
    """,
    "deploy/web.dockerfile": """
        FROM node:20-slim
        WORKDIR /app
        COPY web/ ./
        RUN yarn install
        CMD ["yarn", "dev"]
    """,
    "deploy/api.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: shop-api
                  image: shop-api
    """,
    "deploy/web.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: shop-web
                  image: shop-web
    """,
}


def test_named_dockerfiles_join_the_deployments_that_run_them(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "avatars", TILT))
    # a `.dockerfile` copying a folder in is that folder's build, not a stock Python image
    assert _built(doc) == {"api": "api", "web": "web"}


def test_a_named_dockerfile_that_copies_nothing_builds_no_folder_of_its_name(
    tmp_path: Path,
) -> None:
    root = write(
        tmp_path / "stream",
        {
            "mix.exs": "defmodule Stream.MixProject do\n  use Mix.Project\n  def project, do: [app: :stream]\nend\n",
            "lib/stream/postgres/replication.ex": "defmodule Stream.Postgres.Replication do\nend\n",
            "lib/stream.ex": "defmodule Stream do\nend\n",
            "Dockerfile": "FROM elixir:1.17\nCOPY . /app\nRUN mix release\n",
            "Dockerfile.postgres": (
                "FROM postgres:17\nRUN apt-get update && apt-get install -y postgresql-17-pgvector\n"
            ),
            "docker-compose.yaml": """
                services:
                  postgres:
                    build:
                      context: .
                      dockerfile: Dockerfile.postgres
                  redis:
                    image: redis:7
            """,
        },
    )
    doc = _doc(root)
    # the database image with an extension installed is a backing service, not the Elixir code
    # folder that happens to share its name
    assert _built(doc) == {"stream": ""}
    postgres = next(s for s in doc["services"] if s["name"] == "postgres")
    assert postgres["built"] is False


def test_a_compose_service_others_wait_on_to_finish_is_a_task(tmp_path: Path) -> None:
    root = write(
        tmp_path / "notes",
        {
            "package.json": '{"name": "notes", "dependencies": {"express": "^4.19.0"}}\n',
            "src/index.js": "const express = require('express')\n",
            "Dockerfile": "FROM node:20\nCOPY . /app\nCMD node src/index.js\n",
            "docker-compose.yml": """
                services:
                  prep:
                    build: .
                    command: node src/migrate.js
                  app:
                    build: .
                    depends_on:
                      prep:
                        condition: service_completed_successfully
                      db:
                        condition: service_healthy
                  db:
                    image: postgres:16
            """,
        },
    )
    doc = _doc(root)
    assert _built(doc) == {"app": ""}
    assert _edges(doc) == {("app", "db")}


def test_procfile_backing_servers_and_asset_watchers(tmp_path: Path) -> None:
    root = write(
        tmp_path / "chat",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "resque"\n',
            "config.ru": "run Rails.application\n",
            "app/models/room.rb": "class Room\nend\n",
            "Dockerfile": "FROM ruby:3.4\nCOPY . /rails\nCMD bin/boot\n",
            "Procfile": (
                "web: bundle exec puma -C config/puma.rb\n"
                "redis: redis-server config/redis.conf\n"
                "workers: bundle exec resque-pool\n"
                "css: bin/rails tailwindcss:watch\n"
            ),
        },
    )
    doc = _doc(root)
    # the image is the web process; the worker is a service of its own, the Redis server a
    # backing service and the asset watcher a developer's loop
    assert _built(doc) == {"chat": "", "workers": ""}
    redis = next(s for s in doc["services"] if s["name"] == "redis")
    assert redis["built"] is False
    assert "css" not in {s["name"] for s in doc["services"]}


def test_a_procfile_without_a_web_process_runs_beside_the_app(tmp_path: Path) -> None:
    root = write(
        tmp_path / "reader",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "sidekiq"\ngem "clockwork"\n',
            "config.ru": "run Rails.application\n",
            "app/models/feed.rb": "class Feed\nend\n",
            "Procfile": (
                "reader_clock: bundle exec clockwork lib/clock.rb\n"
                "reader_jobs: bundle exec sidekiq\n"
                "reader_css: bin/rails tailwindcss:watch\n"
            ),
        },
    )
    doc = _doc(root)
    assert _built(doc) == {"reader": "", "reader_clock": "", "reader_jobs": ""}


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("zarf/docker/dockerfile.sales", "sales"),
        ("deploy/api.dockerfile", "api"),
        ("Dockerfile.worker.prod", "worker"),
        ("web.Containerfile", "web"),
        ("Dockerfile", None),
        ("Dockerfile.dev", None),
        ("docker/Dockerfile.production", None),
        ("Dockerfile-alpine", None),
    ],
)
def test_dockerfile_labels(path: str, label: str | None) -> None:
    assert dockerfile_label(path) == label


def test_a_named_build_folder_is_chosen_by_what_the_dockerfile_copies_and_names() -> None:
    code = {"api/services/sales", "app/domain/sales", "business/sales", "api", "app", "business"}
    text = "FROM golang\nCOPY . /service\nWORKDIR /service/api/services/sales\n"
    assert named_build_folder("sales", text, code, set()) == "api/services/sales"
    # two candidates the Dockerfile does not tell apart: none is guessed
    assert named_build_folder("sales", "FROM golang\nCOPY . /service\n", code, set()) is None
    # a build that copies nothing of the tree builds no folder
    assert named_build_folder("sales", "FROM postgres\n", {"x/sales"}, set()) is None
    assert named_build_folder("sales", "FROM golang\nCOPY x/ /x\n", {"x/sales"}, set()) == "x/sales"
    assert named_build_folder("sales", "FROM golang\nCOPY y/ /y\n", {"x/sales"}, set()) is None


@pytest.mark.parametrize(
    ("command", "watch"),
    [
        ("bin/rails tailwindcss:watch", True),
        ("yarn build --watch", True),
        ("npm run watch", True),
        ("bundle exec sidekiq", False),
        ("bundle exec puma -C config/puma.rb", False),
        ("bin/watchdog", False),
    ],
)
def test_watch_processes(command: str, watch: bool) -> None:
    assert watch_process(command) is watch


def test_a_setting_naming_a_kubernetes_service_by_its_cluster_name_is_an_edge(
    tmp_path: Path,
) -> None:
    root = write(
        tmp_path / "analytics",
        {
            "requirements.txt": "django>=5.0\ncelery>=5.3\n",
            "manage.py": "import django\n",
            "Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD gunicorn app.wsgi\n",
            "kubernetes/secrets_template.yml": """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: analytics-settings
                stringData:
                  CACHE_LOCATION: "redis://analytics-redis.default.svc.cluster.local/0"
                  BROKER_URL: "redis://analytics-redis.prod.svc:6379/1"
            """,
            "kubernetes/deployments.yml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: analytics-web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: example/analytics:latest
                          envFrom:
                            - secretRef:
                                name: analytics-settings
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: analytics-redis
                spec:
                  template:
                    spec:
                      containers:
                        - name: redis
                          image: redis:7
            """,
        },
    )
    doc = _doc(root)
    assert ("analytics-web", "analytics-redis") in _edges(doc)


def test_fly_apps_of_one_code_are_one_service_and_a_stock_image_app_is_backing(
    tmp_path: Path,
) -> None:
    app = 'app = "{name}"\nprimary_region = "iad"\n\n[[services]]\ninternal_port = 4000\n'
    root = write(
        tmp_path / "podcasts",
        {
            "mix.exs": "defmodule Podcasts.MixProject do\n  use Mix.Project\nend\n",
            "lib/podcasts.ex": "defmodule Podcasts do\nend\n",
            "fly.io/podcasts-2024-01-12/fly.toml": app.format(name="podcasts-2024-01-12"),
            "fly.io/podcasts-2025-05-05/fly.toml": app.format(name="podcasts-2025-05-05"),
            "fly.io/pghero/fly.toml": 'app = "pghero"\n\n[build]\n  image = "ankane/pghero:v3.4.1"\n',
        },
    )
    doc = _doc(root)
    # two generations of the app deploy the root's code: one service, named as both are
    assert _built(doc) == {"podcasts": ""}
    pghero = next(s for s in doc["services"] if s["name"] == "pghero")
    assert pghero["built"] is False


def test_fly_process_groups_are_services(tmp_path: Path) -> None:
    root = write(
        tmp_path / "store",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
            "app/models/order.rb": "class Order\nend\n",
            "fly.toml": (
                'app = "store-prod"\n\n[processes]\n'
                'app = "bin/rails server"\nworker = "bundle exec sidekiq"\n'
            ),
        },
    )
    assert _built(_doc(root)) == {"app": "", "worker": ""}


def test_render_blueprint_services(tmp_path: Path) -> None:
    root = write(
        tmp_path / "board",
        {
            "backend/requirements.txt": "fastapi\n",
            "backend/main.py": "import fastapi\n",
            "frontend/package.json": '{"name": "frontend", "dependencies": {"react": "^18"}}\n',
            "frontend/src/index.js": "import React from 'react'\n",
            "render.yaml": """
                services:
                  - type: web
                    name: board-api
                    runtime: python
                    rootDir: backend
                    startCommand: uvicorn main:app
                  - type: web
                    name: board-site
                    runtime: static
                    rootDir: frontend
                  - type: cron
                    name: nightly-cleanup
                    rootDir: backend
                    schedule: "0 3 * * *"
                  - type: pserv
                    name: search
                    runtime: image
                    image:
                      url: docker.io/getmeili/meilisearch:v1.7
            """,
        },
    )
    doc = _doc(root)
    assert _built(doc) == {"board-api": "backend", "board-site": "frontend"}
    search = next(s for s in doc["services"] if s["name"] == "search")
    assert search["built"] is False


def test_azure_developer_cli_services_name_the_projects(tmp_path: Path) -> None:
    root = write(
        tmp_path / "todo",
        {
            "azure.yaml": """
                name: todo
                services:
                  web:
                    project: ./src/frontend
                    language: js
                    host: appservice
                  api:
                    project: ./src/backend
                    language: py
                    host: appservice
            """,
            "src/backend/requirements.txt": "fastapi\n",
            "src/backend/todo/app.py": "import fastapi\n",
            "src/frontend/package.json": '{"name": "frontend", "dependencies": {"react": "^18"}}\n',
            "src/frontend/src/index.tsx": "import React from 'react'\n",
        },
    )
    assert _built(_doc(root)) == {"web": "src/frontend", "api": "src/backend"}


def test_a_compose_service_extending_another_builds_what_it_builds(tmp_path: Path) -> None:
    root = write(
        tmp_path / "mail",
        {
            "api/package.json": '{"name": "api", "dependencies": {"express": "^4.19.0"}}\n',
            "api/index.js": "const express = require('express')\n",
            "api/Dockerfile": "FROM node:20\nCOPY . /app\nCMD node index.js\n",
            "deploy/common.yml": """
                services:
                  node-base:
                    build:
                      context: ../api
                    environment:
                      - NODE_ENV=production
            """,
            "deploy/compose.yaml": """
                services:
                  api:
                    extends:
                      file: common.yml
                      service: node-base
                    environment:
                      - QUEUE_URL=amqp://broker:5672
                  mailer:
                    extends:
                      file: common.yml
                      service: node-base
                    command: node mailer.js
                  broker:
                    image: rabbitmq:3
            """,
        },
    )
    doc = _doc(root)
    # the template in the shared file is no service of its own
    assert _built(doc) == {"api": "api", "mailer": "api"}
    assert ("api", "broker") in _edges(doc)


def test_a_kustomization_renames_the_image_a_deployment_runs(tmp_path: Path) -> None:
    deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          template:
            spec:
              containers:
                - name: {name}
                  image: {name}-image
    """
    root = write(
        tmp_path / "ledger",
        {
            "services/ledger-api/go.mod": "module example.com/ledger/api\n\ngo 1.22\n",
            "services/ledger-api/main.go": GO_MAIN,
            "services/ledger-api/Dockerfile": (
                "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app\n"
                "FROM alpine\nCOPY --from=b /app /app\n"
            ),
            "k8s/base/deployment.yaml": deployment.format(name="api"),
            "k8s/base/kustomization.yaml": """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployment.yaml
                images:
                  - name: api-image
                    newName: ghcr.io/example/ledger-api
                    newTag: "1.4"
            """,
        },
    )
    # the Deployment runs the image the ledger-api folder builds: one service, named as the
    # Deployment names it
    assert _built(_doc(root)) == {"api": "services/ledger-api"}


def test_heroku_yml_processes_are_services_like_a_procfiles(tmp_path: Path) -> None:
    root = write(
        tmp_path / "wiki",
        {
            "package.json": '{"name": "wiki", "dependencies": {"koa": "^2.15.0"}}\n',
            "server/index.js": "const Koa = require('koa')\n",
            "heroku.yml": """
                build:
                  docker:
                    web: Dockerfile
                release:
                  command:
                    - yarn db:migrate
                run:
                  web: yarn start
                  worker:
                    command:
                      - yarn worker
                    image: web
            """,
            "Dockerfile": "FROM node:20\nCOPY . /app\nCMD yarn start\n",
        },
    )
    # the image is the web process; heroku.yml's worker runs the same code as its own service
    assert _built(_doc(root)) == {"wiki": "", "worker": ""}


def test_app_json_formation_names_the_processes(tmp_path: Path) -> None:
    root = write(
        tmp_path / "triage",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "sidekiq"\n',
            "app/models/issue.rb": "class Issue\nend\n",
            "app.json": """
                {"name": "triage",
                 "formation": {"web": {"quantity": 1}, "worker": {"quantity": 1}},
                 "addons": ["heroku-postgresql", "heroku-redis"]}
            """,
        },
    )
    assert _built(_doc(root)) == {"web": "", "worker": ""}


def test_compose_services_under_tooling_profiles_are_not_the_system(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "web/package.json": '{"name": "web", "dependencies": {"next": "^14"}}\n',
            "web/app/page.tsx": "export default function Page() { return null }\n",
            "web/Dockerfile": "FROM node:20\nCOPY . /app\nCMD npm start\n",
            "e2e/package.json": '{"name": "e2e", "devDependencies": {"playwright": "^1"}}\n',
            "e2e/smoke.spec.ts": "import { test } from 'playwright'\n",
            "e2e/Dockerfile": "FROM node:20\nCOPY . /e2e\n",
            "tools/seeder/package.json": '{"name": "seeder", "dependencies": {"pg": "^8"}}\n',
            "tools/seeder/index.js": "const pg = require('pg')\n",
            "tools/seeder/Dockerfile": "FROM node:20\nCOPY . /seeder\n",
            "compose.yaml": """
                services:
                  web:
                    build: ./web
                  search:
                    image: getmeili/meilisearch:v1.7
                    profiles: [search]
                  smoke:
                    build: ./e2e
                    profiles: [test]
                  data-loader:
                    build: ./tools/seeder
                    profiles: [tools]
            """,
        },
    )
    doc = _doc(root)
    assert _built(doc) == {"web": "web"}
    # an optional backing service under a feature profile is still one of the system's
    assert "search" in {s["name"] for s in doc["services"]}


def test_ecs_task_definitions_declare_workloads(tmp_path: Path) -> None:
    root = write(
        tmp_path / "orders",
        {
            "orders-api/go.mod": "module example.com/orders\n\ngo 1.22\n",
            "orders-api/main.go": GO_MAIN,
            "orders-api/Dockerfile": (
                "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app\n"
                "FROM alpine\nCOPY --from=b /app /app\n"
            ),
            ".aws/task-definition.json": """
                {"family": "orders",
                 "containerDefinitions": [
                   {"name": "orders-api",
                    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:latest",
                    "environment": [{"name": "CACHE_URL", "value": "redis://cache:6379"}],
                    "dependsOn": [{"containerName": "cache", "condition": "START"}]},
                   {"name": "cache", "image": "redis:7"}
                 ]}
            """,
        },
    )
    doc = _doc(root)
    assert _built(doc) == {"orders-api": "orders-api"}
    assert ("orders-api", "cache") in _edges(doc)
    cache = next(s for s in doc["services"] if s["name"] == "cache")
    assert cache["built"] is False


def test_a_backing_image_with_plugins_is_stock_unless_the_owners_publish_it(
    tmp_path: Path,
) -> None:
    files = {
        "package.json": '{"name": "stats", "dependencies": {"express": "^4.19.0"}}\n',
        "index.js": "const express = require('express')\n",
        "Dockerfile": "FROM node:20\nCOPY . /app\nCMD node index.js\n",
        "grafana/Dockerfile": (
            "FROM grafana/grafana:11.0.0\nRUN grafana-cli plugins install grafana-piechart-panel\n"
        ),
        "docker-compose.yml": """
            services:
              app:
                build: .
              grafana:
                build: ./grafana
        """,
    }
    doc = _doc(write(tmp_path / "one" / "stats", files))
    assert _built(doc) == {"app": ""}
    grafana = next(s for s in doc["services"] if s["name"] == "grafana")
    assert grafana["built"] is False and grafana["image"] == "grafana/grafana"
    # a CI pipeline that builds and pushes the folder makes it an image of the owners
    files[".github/workflows/images.yml"] = """
        on: push
        jobs:
          grafana:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
                with:
                  context: grafana
                  push: true
    """
    doc = _doc(write(tmp_path / "two" / "stats", files))
    assert _built(doc) == {"app": "", "grafana": "grafana"}


def test_compose_services_run_by_hand_are_not_services(tmp_path: Path) -> None:
    root = write(
        tmp_path / "docsite",
        {
            "Cargo.toml": '[package]\nname = "docsite"\n\n[dependencies]\naxum = "0.7"\n',
            "src/main.rs": "fn main() {}\n",
            "Dockerfile": (
                "FROM rust:1.80 AS build\nCOPY . /src\nRUN cargo build --release\n"
                "FROM debian:bookworm-slim AS web-server\nCOPY --from=build /src/target/release/docsite /d\n"
                'CMD ["/d", "serve"]\n'
                "FROM debian:bookworm-slim AS cli\nCOPY --from=build /src/target/release/docsite /d\n"
                'ENTRYPOINT ["/d"]\n'
            ),
            "compose.yaml": """
                services:
                  db:
                    image: postgres:16
                  web:
                    build: {context: ., target: web-server}
                    depends_on: [db]
                  cli:
                    build: {context: ., target: cli}
                    depends_on: [db]
                    profiles: [manual]
                  repair:
                    build: {context: ., target: cli}
                    profiles: [one-off]
            """,
        },
    )
    doc = _doc(root)
    assert set(_built(doc)) == {"web"}
