"""Services run from the owners' published images, dev containers, image settings and rigs."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write

# a Rails app whose compose file runs the image CI publishes (no `build:`), twice, beside a
# dev-container compose file that builds the working copy
RAILS_PUBLISHED = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\ngem 'sidekiq'\ngem 'pg'\n",
    "config/application.rb": "module Tracks\n  class Application < Rails::Application\n  end\nend\n",
    "app/models/point.rb": "class Point < ApplicationRecord\nend\n",
    "Procfile": "web: bundle exec puma\nworker: bundle exec sidekiq\n",
    "docker/Dockerfile": 'FROM ruby:3.4\nCOPY . /app\nCMD ["bin/rails", "server"]\n',
    "docker/docker-compose.yml": """
        services:
          tracks_redis:
            image: redis:7.4-alpine
          tracks_db:
            image: postgis/postgis:17-3.5-alpine
          tracks_app:
            image: acme/tracks:latest
            command: ['bin/rails', 'server']
            environment:
              REDIS_URL: redis://tracks_redis:6379
              DATABASE_HOST: tracks_db
          tracks_sidekiq:
            image: acme/tracks:latest
            command: ['sidekiq']
            environment:
              REDIS_URL: redis://tracks_redis:6379
              DATABASE_HOST: tracks_db
    """,
    ".devcontainer/Dockerfile": "FROM ruby:3.4\n",
    ".devcontainer/docker-compose.yml": """
        services:
          tracks_dev:
            build:
              context: .
              dockerfile: Dockerfile
            volumes:
              - ..:/workspace
            environment:
              DATABASE_HOST: tracks_db
          tracks_db:
            image: postgres:17
    """,
}


def test_a_compose_service_running_the_repository_image_is_built_from_its_code(
    tmp_path: Path,
) -> None:
    doc = _doc(write(tmp_path / "tracks", RAILS_PUBLISHED))
    assert _built(doc) == {"tracks_app": "", "tracks_sidekiq": ""}
    assert {
        ("tracks_app", "tracks_redis"),
        ("tracks_app", "tracks_db"),
        ("tracks_sidekiq", "tracks_db"),
    } <= _edges(doc)
    app = next(s for s in doc["services"] if s["name"] == "tracks_app")
    assert "Ruby on Rails" in app["stack"]


def test_a_dev_container_is_not_the_deployment(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "tracks", RAILS_PUBLISHED))
    names = {s["name"] for s in doc["services"]}
    assert "tracks_dev" not in names
    assert not any(e[0] == "tracks_dev" for e in _edges(doc))


def test_an_image_of_another_name_stays_a_backing_service(tmp_path: Path) -> None:
    files = dict(RAILS_PUBLISHED)
    files["docker/docker-compose.yml"] = files["docker/docker-compose.yml"].replace(
        "acme/tracks:latest", "acme/billing:latest"
    )
    doc = _doc(write(tmp_path / "tracks", files))
    assert "tracks_app" not in _built(doc)


# a monorepo whose compose file runs the images CI publishes per folder (`org/repo/backend`)
MONOREPO_PUBLISHED = {
    "package.json": '{"private": true, "workspaces": ["backend", "frontend"]}\n',
    "backend/package.json": '{"name": "backend", "dependencies": {"@nestjs/core": "10"}}\n',
    "backend/src/main.ts": "export const port = 3000\n",
    "backend/docker/Dockerfile": "FROM node:22\nCOPY . /app\n",
    "frontend/package.json": '{"name": "frontend", "dependencies": {"next": "15"}}\n',
    "frontend/src/page.tsx": "export default function Page() { return null }\n",
    "frontend/docker/Dockerfile": "FROM node:22\nCOPY . /app\n",
    "docker/docker-compose.yml": """
        services:
          backend:
            image: ghcr.io/acme/notes/backend:develop
          frontend:
            image: ghcr.io/acme/notes/frontend:develop
          db:
            image: postgres:16
          # the stock database of the same name as no folder: not ours
          postgres:
            image: postgres:16
    """,
}


def test_images_published_per_folder_are_those_folders_services(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "notes", MONOREPO_PUBLISHED))
    assert _built(doc) == {"backend": "backend", "frontend": "frontend"}


# an nginx front whose image names every API host, a JVM service whose image names its
# database, a database image with seed scripts only, and a load generator kept in its own
# compose file
POLYGLOT_SHOP = {
    "docker-compose.yaml": """
        services:
          web:
            build:
              context: web
          cart:
            build:
              context: cart
          shipping:
            build:
              context: shipping
          mongodb:
            build:
              context: mongo
    """,
    "docker-compose-load.yaml": """
        services:
          load:
            build:
              context: load-gen
            environment:
              HOST: http://web:8080/
    """,
    "web/Dockerfile": """
        FROM nginx:1.27
        ENV CART_HOST=cart \\
            SHIPPING_HOST=shipping
        COPY static /usr/share/nginx/html
    """,
    "web/static/index.html": "<html><body>shop</body></html>\n",
    "web/static/app.js": "console.log('shop')\n",
    "cart/package.json": '{"name": "cart", "dependencies": {"express": "^4"}}\n',
    "cart/server.js": "const express = require('express')\n",
    "cart/Dockerfile": "FROM node:22\nCOPY . /app\n",
    "shipping/pom.xml": "<project><artifactId>shipping</artifactId></project>\n",
    "shipping/src/main/java/shop/Main.java": "package shop;\nclass Main {}\n",
    "shipping/Dockerfile": """
        FROM eclipse-temurin:21
        ENV CART_ENDPOINT cart:8080
        ENV DB_HOST=mysql
        COPY target/shipping.jar /app.jar
    """,
    "mongo/Dockerfile": "FROM mongo:7\nCOPY *.js /docker-entrypoint-initdb.d/\n",
    "mongo/catalogue.js": "db.products.insertMany([]);\n",
    "mongo/users.js": "db.users.insertMany([]);\n",
    "load-gen/requirements.txt": "locust\n",
    "load-gen/locustfile.py": "from locust import HttpUser\n",
    "load-gen/Dockerfile": "FROM python:3.12\nCOPY . /load\n",
}


def test_the_settings_an_image_is_built_with_are_edges(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "shop", POLYGLOT_SHOP))
    assert {("web", "cart"), ("web", "shipping"), ("shipping", "cart")} <= _edges(doc)


def test_seeded_databases_and_load_rigs_are_not_services(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "shop", POLYGLOT_SHOP))
    assert set(_built(doc)) == {"web", "cart", "shipping"}
    backing = {s["name"]: s["image"] for s in doc["services"] if not s["built"]}
    assert backing.get("mongodb") == "mongo"


# a Helm chart whose values give each component's settings, and Deployments in its templates
HELM_CHART = {
    "api/go.mod": "module example.com/api\n\ngo 1.22\n",
    "api/main.go": "package main\n\nfunc main() {}\n",
    "api/Dockerfile": "FROM golang:1.22\nCOPY . /src\n",
    "web/package.json": '{"name": "web", "dependencies": {"express": "^4"}}\n',
    "web/server.js": "const express = require('express')\n",
    "web/Dockerfile": "FROM node:22\nCOPY . /app\n",
    "chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
    "chart/values.yaml": """
        image:
          repository: acme
        web:
          replicas: 2
          env:
            API_URL: http://api:8080
        api:
          env:
            - name: DATABASE_HOST
              value: postgres
        postgres:
          storage: 1Gi
    """,
    "chart/templates/web.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: acme/web:latest
    """,
    "chart/templates/api.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: acme/api:latest
    """,
    "chart/templates/postgres.yaml": """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: postgres
        spec:
          template:
            spec:
              containers:
                - name: postgres
                  image: postgres:16
    """,
}


def test_a_charts_values_give_its_services_edges(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "shop", HELM_CHART))
    assert _built(doc) == {"api": "api", "web": "web"}
    assert {("web", "api"), ("api", "postgres")} <= _edges(doc)


# a monorepo whose server app keeps its code beside a Dockerfile in a generic folder name
GROUPED_APPS = {
    "go.mod": "module example.com/status\n\ngo 1.22\n",
    "apps/server/Dockerfile": "FROM golang:1.22\nCOPY . /src\n",
    "apps/server/main.go": "package main\n\nfunc main() {}\n",
    "apps/server/routes.go": "package main\n",
    "apps/worker/Dockerfile": "FROM golang:1.22\nCOPY . /src\n",
    "apps/worker/main.go": "package main\n\nfunc main() {}\n",
}


def test_a_folder_grouping_apps_is_never_a_service(tmp_path: Path) -> None:
    built = _built(_doc(write(tmp_path / "status", GROUPED_APPS)))
    assert "apps" not in built
    assert built.items() >= {("server", "apps/server"), ("worker", "apps/worker")}


# Go servers run by compose from one bare runtime build, each in its own folder of a mounted
# tree, one of them with its own settings file
MOUNTED_WORKDIRS = {
    "docker/app/Dockerfile": "FROM golang:1.22\nRUN go install github.com/cespare/reflex@latest\n"
    "COPY reflex.conf /\n",
    "docker/app/reflex.conf": "-r '\\.go$' -s -- go run .\n",
    "internal/trainer/go.mod": "module example.com/trainer\n\ngo 1.22\n",
    "internal/trainer/main.go": "package main\n\nfunc main() {}\n",
    "internal/trainings/go.mod": "module example.com/trainings\n\ngo 1.22\n",
    "internal/trainings/main.go": "package main\n\nfunc main() {}\n",
    "trainings.env": "TRAINER_GRPC_ADDR=trainer-grpc:3000\n",
    "shared.env": "GOCACHE=/go-cache\nDB_HOST=mysql\n",
    "docker-compose.yml": """
        services:
          trainer-grpc:
            build:
              context: docker/app
            volumes:
              - ./internal:/internal
            working_dir: /internal/trainer
            env_file: [shared.env]
          trainings-http:
            build:
              context: docker/app
            volumes:
              - ./internal:/internal
            working_dir: /internal/trainings
            env_file:
              - shared.env
              - path: trainings.env
          mysql:
            image: mysql:8
    """,
}


def test_a_bare_build_runs_the_mounted_folder_it_works_in(tmp_path: Path) -> None:
    doc = _doc(write(tmp_path / "workouts", MOUNTED_WORKDIRS))
    assert _built(doc) == {
        "trainer-grpc": "internal/trainer",
        "trainings-http": "internal/trainings",
    }
    # its own settings file names what it calls; a file every service reads names no caller
    assert _edges(doc) == {("trainings-http", "trainer-grpc")}
