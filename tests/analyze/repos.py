"""Small repositories built on disk for the analysis tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from archwise import yamlio
from archwise.analyze.catalog import DATA_DIR, StackCatalog

KB_FIXTURE = Path(__file__).parent / "fixtures" / "kb"


def write(root: Path, files: dict[str, str]) -> Path:
    """Write files (dedented) under root and return root."""
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


POLYGLOT: dict[str, str] = {
    # Python package with a layered layout and one cycle (api <-> services)
    "pyproject.toml": """
        [project]
        name = "shop"
        dependencies = ["psycopg[binary]>=3.1", "fastapi", "redis>=5"]
    """,
    "shop/__init__.py": "",
    "shop/api/__init__.py": "",
    "shop/api/routes.py": '''
        """HTTP routes."""
        from shop.services import orders  # the service layer

        def get(order_id):
            # look the order up
            return orders.find(order_id)
    ''',
    "shop/services/__init__.py": "",
    "shop/services/orders.py": """
        from shop.db.repo import Repo
        from shop.api import routes


        def find(order_id):
            if order_id:
                return Repo().get(order_id)
            return None
    """,
    "shop/db/__init__.py": "",
    "shop/db/repo.py": """
        from abc import ABC, abstractmethod


        class Store(ABC):
            @abstractmethod
            def get(self, key): ...


        class Repo(Store):
            def get(self, key):
                return {"id": key}
    """,
    # TypeScript front end with tsconfig paths
    "web/package.json": """
        {"name": "web", "dependencies": {"react": "^18.0.0", "@opentelemetry/api": "1.9.0"},
         "devDependencies": {"typescript": "5.4.0"}}
    """,
    "web/tsconfig.json": """
        {
          // paths let @lib/* point into src/lib
          "compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": ["src/lib/*"]}},
        }
    """,
    "web/src/app.tsx": """
        import { total } from "@lib/math";
        import { fmt } from "./util/format";
        /* the main
           component */
        export const App = () => fmt(total([1, 2]));
    """,
    "web/src/util/format.ts": """
        export function fmt(n: number): string {
          return `${n}`; // plain
        }
    """,
    "web/src/lib/math.ts": """
        import { fmt } from "../util/format";
        export interface Summer { sum(xs: number[]): number }
        export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    """,
    # Go service
    "gosvc/go.mod": """
        module example.com/gosvc

        go 1.22

        require (
        \tgithub.com/jackc/pgx/v5 v5.5.0
        \tgo.uber.org/zap v1.27.0
        )
    """,
    "gosvc/main.go": """
        package main

        import (
        \t"fmt"
        \t"example.com/gosvc/internal/store"
        )

        func main() { fmt.Println(store.Name()) }
    """,
    "gosvc/internal/store/store.go": """
        package store

        // Store reads rows.
        type Store interface{ Name() string }

        func Name() string { return "pg" }
    """,
    "gosvc/Dockerfile": """
        FROM golang:1.22 AS build
        FROM gcr.io/distroless/base
        ENV PGHOST=db
    """,
    # Rust crate
    "rs/Cargo.toml": """
        [package]
        name = "calc"
        version = "0.1.0"

        [dependencies]
        tokio = { version = "1", features = ["full"] }
    """,
    "rs/src/lib.rs": """
        pub mod ops;
        use crate::ops::add;
        pub fn run() -> i32 { add(1, 2) }
    """,
    "rs/src/ops.rs": """
        pub trait Op { fn apply(&self) -> i32; }
        pub fn add(a: i32, b: i32) -> i32 { a + b }
    """,
    # Java
    "jv/pom.xml": """
        <project>
          <dependencies>
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
            </dependency>
          </dependencies>
        </project>
    """,
    "jv/src/main/java/com/acme/app/Main.java": """
        package com.acme.app;

        import com.acme.core.Service;

        public class Main {
            public static void main(String[] a) { new Service(); }
        }
    """,
    "jv/src/main/java/com/acme/core/Service.java": """
        package com.acme.core;

        public class Service {}
    """,
    "jv/src/main/java/com/acme/core/Port.java": """
        package com.acme.core;

        public interface Port {}
    """,
    # deployment
    "docker-compose.yml": """
        services:
          gosvc:
            build: ./gosvc
            environment:
              - PGHOST=db
          db:
            image: postgres:16
          cache:
            image: redis:7-alpine
    """,
    ".env": "REDIS_URL=redis://cache\nPGPASSWORD=x\n",
    ".github/workflows/ci.yml": """
        on: push
        jobs:
          t:
            runs-on: ubuntu-latest
            steps:
              - run: make test
    """,
    "infra/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
    ".gitignore": "ignored/\n*.log\n",
    "ignored/secret.py": "x = 1\n",
    "debug.log": "noise\n",
    "node_modules/left-pad/index.js": "module.exports = 1;\n",
}


def analysed(root: Path) -> dict[str, Any]:
    """The analysis document of a fixture repository, without saving anything."""
    from archwise.api.analyze import analyze as api_analyze

    return api_analyze(root, save=False)


def built_services(doc: dict[str, Any]) -> dict[str, str]:
    """The services the repository builds, by name, with their folders."""
    return {s["name"]: s["folder"] for s in doc["services"] if s["built"]}


def service_edges(doc: dict[str, Any]) -> set[tuple[str, str]]:
    """The (source, target) pairs of the service edges."""
    return {(e["source"], e["target"]) for e in doc["service_edges"]}


def catalogue_file(stem: str) -> StackCatalog:
    """One file of the stack catalogue, loaded and validated on its own."""
    return yamlio.load_model(StackCatalog, DATA_DIR / f"{stem}.yaml", what="stack catalogue")
