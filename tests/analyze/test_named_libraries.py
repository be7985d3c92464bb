"""Named libraries and tooling from manifests and configuration files (issue 16, sixth round)."""

from __future__ import annotations

import json
from pathlib import Path

from archwise.analyze.manifests import is_manifest, parse_manifest

from .repos import write
from .test_catalog_breadth import _named, _stack


def test_laravel_packages_readers_name() -> None:
    composer = {
        "require": {
            "php": "^8.3",
            "laravel/framework": "^12.0",
            "spatie/laravel-permission": "^6.0",
            "owen-it/laravel-auditing": "^14.0",
            "james-heinrich/getid3": "^1.9",
            "saloonphp/saloon": "^3.0",
            "ezyang/htmlpurifier": "^4.17",
            "laravel/nightwatch": "^1.0",
        },
        "require-dev": {"carthage-software/mago": "^1.0", "spatie/laravel-ray": "^1.40"},
    }
    stack, _ = _named({"composer.json": json.dumps(composer)})
    assert {
        "Laravel",
        "Spatie Laravel Permission",
        "Laravel Auditing",
        "getID3",
        "Saloon",
        "HTMLPurifier",
        "Laravel Nightwatch",
        "Mago",
    } <= stack
    assert "Spatie Ray" in stack  # the ground truths that could name it do (ADR-028, seventh)


def test_mezzio_on_roadrunner_with_its_parts() -> None:
    composer = {
        "require": {
            "mezzio/mezzio": "^3.28",
            "mezzio/mezzio-fastroute": "^3.14",
            "cuyz/valinor": "^1.0",
            "geoip2/geoip2": "^3.3",
            "spiral/roadrunner": "^2025.1",
            "symfony/process": "^8.1",
        }
    }
    stack, _ = _named({"composer.json": json.dumps(composer)})
    assert {"Mezzio", "FastRoute", "Valinor", "GeoIP2", "RoadRunner", "Symfony Process"} <= stack


def test_web_servers_from_the_configuration_a_repository_ships() -> None:
    files = {
        "composer.json": json.dumps({"require": {"laravel/framework": "^12.0"}}),
        "nginx.conf.example": "server {\n  listen 80;\n}\n",
        "Caddyfile.example": "example.com {\n  php_fastcgi unix//run/php/php-fpm.sock\n}\n",
        ".htaccess.example": "RewriteEngine On\n",
    }
    stack, _ = _named(files)
    assert {"Nginx", "Caddy", "Apache HTTP Server"} <= stack


def test_a_framework_skeleton_s_public_htaccess_names_no_web_server() -> None:
    files = {
        "composer.json": json.dumps({"require": {"laravel/framework": "^12.0"}}),
        "public/.htaccess": "<IfModule mod_rewrite.c>\n</IfModule>\n",
    }
    stack, _ = _named(files)
    assert "Apache HTTP Server" not in stack


def test_treefmt_formatters_are_read_like_pre_commit_hooks() -> None:
    text = (
        '[formatter.prettier]\ncommand = "prettier"\nincludes = ["*.js"]\n\n'
        '[formatter.shellcheck]\ncommand = "shellcheck"\nincludes = ["*.sh"]\n\n'
        '[formatter.mix-format]\ncommand = "mix"\nincludes = ["*.ex"]\n'
    )
    assert is_manifest("treefmt.toml")
    values = {s.value for s in parse_manifest("treefmt.toml", text).signals}
    assert {"pre-commit-hook:prettier", "pre-commit-hook:shellcheck"} <= values
    stack, _ = _named({"treefmt.toml": text})
    assert {"treefmt", "Prettier", "ShellCheck"} <= stack
    assert parse_manifest("treefmt.toml", "not = [toml").signals == []


def test_elixir_packages_readers_name() -> None:
    mix = (
        "defmodule App.MixProject do\n  use Mix.Project\n  defp deps do\n    [\n"
        '      {:phoenix, "~> 1.7"},\n      {:cloak_ecto, "~> 1.3"},\n'
        '      {:tortoise311, "~> 0.12"},\n      {:timex, "~> 3.7"},\n'
        '      {:nimble_csv, "~> 1.2"},\n      {:websockex, "~> 0.4"},\n'
        '      {:ex_cldr, "~> 2.40"},\n      {:mock, "~> 0.3", only: :test}\n'
        "    ]\n  end\nend\n"
    )
    stack, _ = _named({"mix.exs": mix})
    assert {"Phoenix", "Cloak", "Tortoise", "Timex", "NimbleCSV", "WebSockex", "ex_cldr"} <= stack
    assert "Mock" in stack


def test_flutter_packages_readers_name() -> None:
    pubspec = (
        "name: app\nenvironment:\n  sdk: ^3.5.0\ndependencies:\n  flutter:\n    sdk: flutter\n"
        "  refena_flutter: 3.0.0\n  slang_flutter: 4.0.0\n  window_manager: 0.4.0\n"
        "  permission_handler: 11.0.0\n  flutter_rust_bridge: 2.0.0\n"
        "dev_dependencies:\n  flutter_gen_runner: 5.0.0\n  msix: 3.16.0\n"
    )
    stack, _ = _named({"pubspec.yaml": pubspec})
    assert {
        "Flutter",
        "Refena",
        "slang",
        "window_manager",
        "permission_handler",
        "flutter_rust_bridge",
        "FlutterGen",
        "MSIX",
    } <= stack


def _pom(*artifacts: tuple[str, str]) -> str:
    deps = "".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId></dependency>"
        for g, a in artifacts
    )
    return (
        "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId>"
        f"<dependencies>{deps}</dependencies></project>"
    )


def test_quarkus_extensions_name_their_parts() -> None:
    pom = _pom(
        ("io.quarkus", "quarkus-rest-jackson"),
        ("io.quarkus", "quarkus-hibernate-reactive-panache"),
        ("io.quarkus", "quarkus-reactive-pg-client"),
        ("io.quarkus", "quarkus-smallrye-fault-tolerance"),
        ("io.quarkus", "quarkus-smallrye-health"),
        ("io.quarkus", "quarkus-junit"),
        ("io.quarkus", "quarkus-junit-mockito"),
        ("io.quarkiverse.quinoa", "quarkus-quinoa"),
    )
    stack, _ = _named({"pom.xml": pom})
    assert {
        "Quarkus",
        "Quarkus REST",
        "Jackson",
        "Hibernate Reactive",
        "Mutiny",
        "Vert.x",
        "SmallRye Fault Tolerance",
        "SmallRye Health",
        "JUnit",
        "Mockito",
        "Quinoa",
    } <= stack
    # the classic RESTEasy and a circuit breaker the project does not use are not named
    assert not {"RESTEasy", "Resilience4j"} & stack


def test_rust_pools_are_named_one_by_one() -> None:
    cargo = (
        '[package]\nname = "x"\nversion = "0.1.0"\n\n[dependencies]\n'
        'diesel = "2"\ndiesel-async = { version = "0.5", features = ["deadpool"] }\n'
        'deadpool = "0.12"\ntikv-jemallocator = "0.6"\nts-rs = "10"\n'
    )
    stack, _ = _named({"Cargo.toml": cargo})
    assert {"Diesel", "diesel-async", "deadpool", "jemalloc", "ts-rs"} <= stack
    assert "r2d2" not in stack


def test_documentation_sites_and_markdown_lint_are_stack(tmp_path: Path) -> None:
    repo = write(
        tmp_path / "r",
        {
            "main.go": "package main\n\nfunc main() {}\n",
            "go.mod": "module example.com/x\n\ngo 1.22\n",
            "mkdocs.yml": "site_name: x\n",
            "website/docusaurus.config.js": "module.exports = {};\n",
            ".markdownlint.yaml": "default: true\n",
            "Makefile": "build:\n\tgo build ./...\n",
        },
    )
    stack, housekeeping = _stack(repo)
    assert {"MkDocs", "Docusaurus", "markdownlint", "Make"} <= stack
    assert not {"MkDocs", "Docusaurus", "markdownlint"} & housekeeping


def test_cmake_and_meson_builds_name_the_libraries_they_find() -> None:
    cmake = (
        "cmake_minimum_required(VERSION 3.20)\nproject(app CXX)\n"
        "find_package(Qt6 REQUIRED COMPONENTS Widgets)\nfind_package( OpenSSL REQUIRED )\n"
        "include(FetchContent)\nFetchContent_Declare(\n  fmt\n  GIT_REPOSITORY x)\n"
        'CPMAddPackage("gh:gabime/spdlog@1.12.0")\n'
        "pkg_check_modules(GTK REQUIRED IMPORTED_TARGET gtk4)\n"
    )
    assert is_manifest("src/CMakeLists.txt")
    signals = parse_manifest("CMakeLists.txt", cmake).signals
    assert [(s.value, s.line) for s in signals][:2] == [("qt6", 3), ("openssl", 4)]
    stack, _ = _named({"CMakeLists.txt": cmake})
    assert {"Qt", "OpenSSL", "fmt", "spdlog", "GTK"} <= stack
    meson = "project('x', 'c')\ndeps = [dependency('glib-2.0'), dependency('libsodium')]\n"
    stack, _ = _named({"meson.build": meson})
    assert "libsodium" in stack


def test_php_extensions_an_image_builds_name_what_they_connect_to() -> None:
    dockerfile = (
        "FROM php:8.4-fpm-alpine\n"
        'RUN docker-php-ext-install -j"$(nproc)" pdo_pgsql intl && \\\n'
        "    docker-php-ext-install pdo_sqlite\n"
        "RUN pecl install pdo_sqlsrv-${SQLSRV_VERSION} redis && docker-php-ext-enable redis\n"
    )
    values = {(s.kind, s.value) for s in parse_manifest("Dockerfile", dockerfile).signals}
    assert {("composer", "ext-pdo_pgsql"), ("composer", "ext-pdo_sqlsrv")} <= values
    stack, _ = _named({"Dockerfile": dockerfile})
    assert {"PostgreSQL", "SQLite", "SQL Server", "Redis"} <= stack
    composer = {"require": {"php": "^8.3", "ext-pdo_mysql": "*", "ext-json": "*"}}
    stack, _ = _named({"composer.json": json.dumps(composer)})
    assert "MySQL" in stack


def test_json_interface_documents_are_read_like_yaml_ones() -> None:
    openapi = json.dumps({"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}})
    asyncapi = json.dumps({"asyncapi": "2.6.0", "info": {"title": "x"}, "channels": {}})
    assert is_manifest("docs/swagger/swagger.json")
    assert not is_manifest("src/data.json")
    stack, _ = _named({"docs/swagger/swagger.json": openapi, "docs/async-api/spec.json": asyncapi})
    assert {"OpenAPI", "AsyncAPI"} <= stack
    assert parse_manifest("openapi.json", "{not json").signals == []
