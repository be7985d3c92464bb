"""Services are what the system deploys: not its test rigs, samples, stock images or jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import built_services as _built
from tests.analyze.repos import service_edges as _edges
from tests.analyze.repos import write


def _all(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in doc["services"]}


FLASK = {
    "vote/requirements.txt": "flask\ngunicorn\n",
    "vote/app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "vote/Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD gunicorn app:app\n",
}


def test_test_rigs_and_samples_are_not_services(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            **FLASK,
            "docker-compose.yml": """
                services:
                  vote:
                    build: ./vote
                    depends_on: [redis]
                  redis:
                    image: redis:7
            """,
            # Docker Hub's automated tests: the system under test and its checker
            "vote/tests/Dockerfile": "FROM node:20\nCOPY . .\nCMD ./tests.sh\n",
            "vote/tests/tests.sh": "curl http://vote\n",
            "docker-compose.test.yml": """
                services:
                  sut:
                    build: ./vote/tests
                    depends_on: [vote]
                  vote:
                    build: ./vote
            """,
            # an end-to-end runner built from the root with a Dockerfile named for its tool
            "compose.override.yml": """
                services:
                  playwright:
                    build:
                      context: .
                      dockerfile: frontend/Dockerfile.playwright
                    depends_on: [vote]
            """,
            "frontend/Dockerfile.playwright": "FROM mcr.microsoft.com/playwright:v1.49.0\n",
            "frontend/package.json": '{"devDependencies": {"@playwright/test": "1.49.0"}}\n',
            "frontend/tests/login.spec.ts": "import { test } from '@playwright/test';\n",
            # a test stack kept in the end-to-end folder, with its own databases
            "playwright/docker-compose.yml": """
                services:
                  Vaultwarden:
                    build: ./app
                  Keycloak:
                    image: quay.io/keycloak/keycloak
            """,
            "playwright/app/Dockerfile": "FROM rust:1.80\nCOPY . .\n",
            "playwright/app/main.rs": "fn main() {}\n",
            # an example folder's compose file shows users how to run it
            "example_configs/docker-compose.yml": """
                services:
                  proxy-demo:
                    build: ./proxy
            """,
            "example_configs/proxy/Dockerfile": "FROM golang:1.22\nCOPY . .\n",
            "example_configs/proxy/main.go": "package main\n",
        },
    )
    doc = _doc(root)
    assert _built(doc) == {"vote": "vote"}
    names = set(_all(doc))
    assert not names & {"sut", "playwright", "frontend", "Vaultwarden", "Keycloak", "proxy-demo"}
    assert _edges(doc) == {("vote", "redis")}


def test_a_build_that_only_configures_a_stock_image_runs_that_image(tmp_path: Path) -> None:
    root = write(
        tmp_path / "clinic",
        {
            **FLASK,
            "docker-compose.yml": """
                services:
                  vote:
                    build: ./vote
                  grafana-server:
                    build: ./docker/grafana
                    ports: ["3000:3000"]
                  prometheus-server:
                    build:
                      context: ./docker/prometheus
                  nginx:
                    build: ./docker/nginx
            """,
            "docker/grafana/Dockerfile": (
                "FROM grafana/grafana:5.2.4\nADD ./provisioning /etc/grafana/provisioning\n"
                "ADD ./grafana.ini /etc/grafana/grafana.ini\n"
            ),
            "docker/grafana/grafana.ini": "[auth.anonymous]\nenabled = true\n",
            "docker/grafana/provisioning/datasources/all.yml": "datasources:\n  - name: prom\n",
            "docker/grafana/dashboards/app.json": '{"title": "app"}\n',
            "docker/prometheus/Dockerfile": "FROM prom/prometheus:v2.4.2\nADD prometheus.yml /etc/prometheus/\n",
            "docker/prometheus/prometheus.yml": "scrape_configs:\n  - job_name: vote\n",
            # a web server image serving the tree's own pages is built from code
            "docker/nginx/Dockerfile": "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n",
            "docker/nginx/site/index.html": "<html><body><script src='app.js'></script></body></html>\n",
            "docker/nginx/site/app.js": "document.title = 'shop';\n",
            # a Dockerfile alone that only configures a stock image
            "ops/redis/Dockerfile": "FROM redis:7\nCOPY redis.conf /usr/local/etc/redis/\n",
            "ops/redis/redis.conf": "maxmemory 256mb\n",
        },
    )
    doc = _doc(root)
    services = _all(doc)
    assert _built(doc) == {"vote": "vote", "nginx": "docker/nginx"}
    assert services["grafana-server"]["built"] is False
    assert services["grafana-server"]["image"] == "grafana/grafana"
    assert services["prometheus-server"]["image"] == "prom/prometheus"
    assert services["redis"]["built"] is False


KUBE_APP = {
    "go.mod": "module example.com/podshop\n\ngo 1.22\n",
    "cmd/podshop/main.go": "package main\n\nfunc main() {}\n",
    "Dockerfile": "FROM golang:1.22 AS build\nCOPY . .\nRUN go build ./cmd/podshop\n",
}


def _deployment(name: str, kind: str = "Deployment", *args: str) -> str:
    import yaml

    container = {
        "name": "app",
        "image": "ghcr.io/acme/podshop:1.0",
        "command": ["./podshop", *args],
    }
    pod: dict[str, Any] = {"template": {"spec": {"containers": [container]}}}
    if kind == "CronJob":
        pod = {"schedule": "0 0 * * *", "jobTemplate": {"spec": pod}}
    api = "batch/v1" if kind == "CronJob" else "apps/v1"
    return yaml.safe_dump(
        {"apiVersion": api, "kind": kind, "metadata": {"name": name}, "spec": pod}
    )


def test_a_cron_job_of_a_services_image_is_its_task_and_flags_name_peers(tmp_path: Path) -> None:
    root = write(
        tmp_path / "podshop",
        {
            **KUBE_APP,
            "deploy/frontend.yaml": _deployment(
                "frontend",
                "Deployment",
                "--backend-url=http://backend:9898/echo",
                "--cache-server",
                "tcp://cache:6379",
                "--port=9898",
                "--level=debug",
            ),
            "deploy/backend.yaml": _deployment(
                "backend", "Deployment", "--cache-server=tcp://cache:6379"
            ),
            "deploy/backup.yaml": _deployment(
                "backup-daily", "CronJob", "--backend-url=http://backend"
            ),
            "deploy/cache.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: cache
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
    assert set(_built(doc)) == {"frontend", "backend"}
    assert "backup-daily" not in _all(doc)
    assert _edges(doc) == {("frontend", "backend"), ("frontend", "cache"), ("backend", "cache")}


def test_services_sharing_one_folder_call_no_grpc_of_each_other(tmp_path: Path) -> None:
    server = (
        'package main\n\nimport "google.golang.org/grpc"\n\n'
        "func serve(s *grpc.Server) { pb.RegisterDelayServiceServer(s, nil) }\n"
        "func call(c *grpc.ClientConn) { pb.NewDelayServiceClient(c) }\n"
    )
    root = write(
        tmp_path / "mesh",
        {
            **KUBE_APP,
            "cmd/podshop/grpc.go": server,
            "docker-compose.yml": """
                services:
                  podshop_frontend:
                    build: .
                    command: ./podshop --backend-url http://podshop_backend:9899/status --otel-service-name=podshop_frontend
                  podshop_backend:
                    build: .
            """,
            "checker/go.mod": "module example.com/checker\n\ngo 1.22\n",
            "checker/main.go": (
                'package main\n\nimport "google.golang.org/grpc"\n\n'
                "func call(c *grpc.ClientConn) { pb.NewDelayServiceClient(c) }\n"
            ),
            "checker/Dockerfile": "FROM golang:1.22\nCOPY . .\n",
        },
    )
    doc = _doc(root)
    edges = _edges(doc)
    assert ("podshop_frontend", "podshop_backend") in edges  # the command's flag, not gRPC
    assert ("podshop_backend", "podshop_frontend") not in edges
    assert ("checker", "podshop_backend") in edges and ("checker", "podshop_frontend") in edges
