"""Evidence judged by where it lives (i16j): an `assets` folder's non-web files, a CI file
below the root, a framework's own wiring parts, a package only tests and examples import, and
the app named as its manifest spells it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.analyze.repos import write


def _analyze(root: Path) -> dict[str, Any]:
    from archwise.api.analyze import analyze as api_analyze

    result: dict[str, Any] = api_analyze(root, save=False)
    return result


def _stack(root: Path) -> set[str]:
    return {s["name"] for s in _analyze(root)["stack"]}


_CARGO = '[package]\nname = "docsite"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n'


def test_an_assets_folders_grammar_samples_are_not_the_softwares_languages(
    tmp_path: Path,
) -> None:
    grammars = "web/assets/syntaxes/Packages"
    root = write(
        tmp_path / "docsite",
        {
            "Cargo.toml": _CARGO,
            "src/main.rs": "fn main() {}\n",
            "src/routes.rs": "pub fn index() {}\n",
            "web/assets/js/app.js": "document.title = 'docs';\n",
            "web/assets/js/search.js": "export function search(q) { return q; }\n",
            f"{grammars}/C++/syntax_test_accessor.c": "int main(void) { return 0; }\n",
            f"{grammars}/C++/syntax_test_class.cpp": "class A {};\n",
            f"{grammars}/Ruby/syntax_test_ruby.rb": "puts 'x'\n",
            f"{grammars}/Ruby/syntax_test_rails.rb": "class A; end\n",
            f"{grammars}/Groovy/syntax_test_groovy.groovy": "println 'x'\n",
            f"{grammars}/Groovy/more.groovy": "println 'y'\n",
            f"{grammars}/.travis.yml": "language: python\n",
        },
    )
    stack = _stack(root)
    assert {"Rust", "JavaScript"} <= stack
    assert not {"C", "C++", "Ruby", "Groovy", "Travis CI"} & stack


def test_the_same_languages_outside_an_assets_folder_still_count(tmp_path: Path) -> None:
    root = write(
        tmp_path / "tool",
        {
            "Cargo.toml": _CARGO.replace("docsite", "tool"),
            "src/main.rs": "fn main() {}\n",
            "native/shim.c": "int shim(void) { return 1; }\n",
            "native/hash.c": "int hash(int x) { return x * 31; }\n",
            ".travis.yml": "language: rust\n",
        },
    )
    stack = _stack(root)
    assert {"Rust", "C", "Travis CI"} <= stack


def test_a_frameworks_wiring_parts_fold_into_it(tmp_path: Path) -> None:
    root = write(
        tmp_path / "ledger",
        {
            "package.json": """
                {
                  "name": "ledger",
                  "dependencies": {
                    "@nestjs/core": "^10", "@nestjs/common": "^10", "@nestjs/config": "^3",
                    "@nestjs/typeorm": "^10", "@nestjs/cache-manager": "^2",
                    "@angular/core": "^18", "@angular/common": "^18",
                    "@angular/localize": "^18", "@ionic/angular": "^8", "ionicons": "^7"
                  }
                }
            """,
            "src/main.ts": "import { NestFactory } from '@nestjs/core';\n",
        },
    )
    stack = _stack(root)
    assert {"NestJS", "Angular", "TypeORM", "Ionic"} <= stack
    assert not {"NestJS Config", "Angular Localize", "cache-manager", "Ionicons"} & stack


def test_rails_own_helpers_fold_into_rails(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shelter",
        {
            "Gemfile": (
                "source 'https://rubygems.org'\n"
                "gem 'rails', '~> 7.1'\n"
                "gem 'railties'\n"
                "group :test do\n  gem 'rails-controller-testing'\nend\n"
            ),
            "package.json": '{"name": "shelter", "dependencies": {"@rails/ujs": "^7"}}\n',
            "app/models/dog.rb": "class Dog < ApplicationRecord; end\n",
        },
    )
    stack = _stack(root)
    assert "Ruby on Rails" in stack
    assert not {"Rails UJS", "rails-controller-testing"} & stack


def test_an_identity_vendors_protocol_library_is_the_protocol(tmp_path: Path) -> None:
    root = write(
        tmp_path / "notify",
        {
            "go.mod": (
                "module example.org/notify\n\ngo 1.22\n\n"
                "require github.com/zitadel/oidc/v3 v3.30.0\n"
            ),
            "auth/oidc.go": (
                'package auth\n\nimport "github.com/zitadel/oidc/v3/pkg/oidc"\n\n'
                "var _ oidc.Tokens[*oidc.IDTokenClaims]\n"
            ),
        },
    )
    stack = _stack(root)
    assert "OpenID Connect" in stack
    assert "ZITADEL" not in stack


_GO_MOD = (
    "module example.org/pushd\n\ngo 1.22\n\n"
    "require (\n\tgithub.com/go-chi/chi v1.5.5\n\tgithub.com/robfig/cron v1.2.0\n)\n"
)


def test_a_package_only_examples_import_is_the_examples(tmp_path: Path) -> None:
    root = write(
        tmp_path / "pushd",
        {
            "go.mod": _GO_MOD,
            "main.go": 'package main\n\nimport "github.com/go-chi/chi"\n\nvar _ = chi.NewRouter\n',
            "plugin/example/clock/main.go": (
                'package main\n\nimport "github.com/robfig/cron"\n\nvar _ = cron.New\n'
            ),
        },
    )
    stack = _stack(root)
    assert "Chi" in stack
    assert "robfig/cron" not in stack
    used = write(
        tmp_path / "pushd2",
        {
            "go.mod": _GO_MOD,
            "main.go": 'package main\n\nimport "github.com/go-chi/chi"\n\nvar _ = chi.NewRouter\n',
            "jobs/clock.go": 'package jobs\n\nimport "github.com/robfig/cron"\n\nvar _ = cron.New\n',
            "plugin/example/clock/main.go": (
                'package main\n\nimport "github.com/robfig/cron"\n\nvar _ = cron.New\n'
            ),
        },
    )
    assert "robfig/cron" in _stack(used)


def test_the_app_is_named_as_its_manifest_spells_it(tmp_path: Path) -> None:
    root = write(
        tmp_path / "Forum",
        {
            "Cargo.toml": '[package]\nname = "forum"\n\n[dependencies]\naxum = "0.7"\n',
            "src/main.rs": "fn main() {}\n",
        },
    )
    names = {s["name"] for s in _analyze(root)["services"]}
    assert names == {"forum"}
    other = write(
        tmp_path / "Board",
        {
            "Cargo.toml": '[package]\nname = "forum"\n\n[dependencies]\naxum = "0.7"\n',
            "src/main.rs": "fn main() {}\n",
        },
    )
    assert {s["name"] for s in _analyze(other)["services"]} == {"Board"}


def test_a_java_package_named_examples_is_main_code(tmp_path: Path) -> None:
    root = write(
        tmp_path / "orders",
        {
            "pom.xml": """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.acme</groupId>
                  <artifactId>orders</artifactId>
                  <packaging>jar</packaging>
                  <dependencies>
                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot-starter-data-jpa</artifactId>
                    </dependency>
                  </dependencies>
                </project>
            """,
            "src/main/java/io/acme/examples/orders/Order.java": (
                "package io.acme.examples.orders;\n\nimport jakarta.persistence.Entity;\n\n"
                "@Entity\npublic class Order {}\n"
            ),
        },
    )
    assert "Hibernate" in _stack(root)


def test_a_workspace_roots_tooling_is_not_a_service_beside_its_members(tmp_path: Path) -> None:
    root = write(
        tmp_path / "metrics",
        {
            "package.json": (
                '{"name": "@metrics/root", "private": true,'
                ' "dependencies": {"typescript": "^5", "dotenv-cli": "^7"}}\n'
            ),
            "pnpm-workspace.yaml": 'packages:\n  - "apps/*"\n',
            "apps/api/package.json": '{"name": "@metrics/api", "dependencies": {"fastify": "^5"}}\n',
            "apps/api/Dockerfile": 'FROM node:22\nCOPY . .\nCMD ["node", "dist/index.js"]\n',
            "apps/api/src/index.ts": "import Fastify from 'fastify';\nFastify();\n",
            "apps/worker/package.json": '{"name": "@metrics/worker", "dependencies": {"bullmq": "^5"}}\n',
            "apps/worker/Dockerfile": 'FROM node:22\nCOPY . .\nCMD ["node", "dist/worker.js"]\n',
            "apps/worker/src/worker.ts": "import { Worker } from 'bullmq';\n",
        },
    )
    names = {s["name"] for s in _analyze(root)["services"] if s.get("built", True)}
    assert names == {"api", "worker"}


def test_a_test_fixtures_package_is_test_code(tmp_path: Path) -> None:
    root = write(
        tmp_path / "authz",
        {
            "go.mod": (
                "module example.org/authz\n\ngo 1.22\n\n"
                "require (\n\tgithub.com/go-chi/chi v1.5.5\n"
                "\tgithub.com/docker/docker v27.0.0+incompatible\n)\n"
            ),
            "main.go": 'package main\n\nimport "github.com/go-chi/chi"\n\nvar _ = chi.NewRouter\n',
            "pkg/testfixtures/storage/postgres.go": (
                'package storage\n\nimport "github.com/docker/docker/client"\n\n'
                "var _ = client.NewClientWithOpts\n"
            ),
        },
    )
    stack = _stack(root)
    assert "Chi" in stack
    assert "Docker Engine API" not in stack
