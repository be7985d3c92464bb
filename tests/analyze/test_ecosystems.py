"""Manifests of ecosystems read since issue 16's fourth round: Dart/Flutter, Swift, Scala, Deno,
Kotlin DSL, .NET shared frameworks, Helm values, Terraform backends and pre-commit hooks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from archwise.analyze.detect import Matcher, settle
from archwise.analyze.engine import source_signals
from archwise.analyze.imports import extract, supported
from archwise.analyze.manifests import Signal, deno_specifier, is_manifest, parse_manifest

from .repos import write


@cache
def _matcher() -> Matcher:
    from archwise.api.analyze import _kb, _tech_rules

    return Matcher((t.name, t.category, t.detect) for t in _tech_rules(_kb(())))


def _named(files: dict[str, str], sources: dict[str, tuple[str, str]] | None = None) -> set[str]:
    """Stack names for these files (manifests are read) and source files (path -> (language, text))."""
    signals: list[Signal] = []
    for path, text in files.items():
        if is_manifest(path):
            signals += parse_manifest(path, text).signals
    for path, (language, text) in (sources or {}).items():
        raw = (language, extract(language, text.encode())) if supported(language) else None
        signals += source_signals(path, language, text, raw)
    m = _matcher()
    paths = [*files, *(sources or {})]
    found = settle(m, m.detect(signals, paths), signals)
    return {d.name for d in found if d.category != "housekeeping"}


PUBSPEC = """\
name: shop
environment:
  sdk: '>=3.3.0 <4.0.0'
dependencies:
  flutter:
    sdk: flutter
  flutter_riverpod: ^2.5.1
  go_router: ^14.0.0
  dio: ^5.4.0
  drift: ^2.18.0
  sqlite3_flutter_libs: ^0.5.0
dev_dependencies:
  flutter_test:
    sdk: flutter
  build_runner: ^2.4.0
  mocktail: ^1.0.0
"""


def test_pubspec_names_flutter_and_its_packages() -> None:
    sigs = parse_manifest("app/pubspec.yaml", PUBSPEC).signals
    assert ("pub", "flutter_riverpod", 7) in {(s.kind, s.value, s.line) for s in sigs}
    named = _named({"app/pubspec.yaml": PUBSPEC})
    assert {"Flutter", "Dart", "Riverpod", "go_router", "Dio", "Drift", "SQLite"} <= named
    assert {"Flutter test", "build_runner", "mocktail", "Pub"} <= named


PACKAGE_SWIFT = """\
// swift-tools-version: 5.9
import PackageDescription

let package = Package(
    name: "Notes",
    dependencies: [
        .package(url: "https://github.com/Alamofire/Alamofire.git", from: "5.8.0"),
        .package(
            url: "https://github.com/pointfreeco/swift-composable-architecture",
            exact: "1.9.0"
        ),
        .package(path: "../LocalKit"),
    ],
    targets: [.target(name: "Notes", dependencies: ["Alamofire"])]
)
"""
PBXPROJ = """\
/* Begin XCRemoteSwiftPackageReference section */
		AA01 /* XCRemoteSwiftPackageReference "Kingfisher" */ = {
			isa = XCRemoteSwiftPackageReference;
			repositoryURL = "https://github.com/onevcat/Kingfisher.git";
		};
/* End XCRemoteSwiftPackageReference section */
"""
PODFILE = """\
platform :ios, '15.0'
target 'Notes' do
  use_frameworks!
  pod 'RxSwift', '~> 6.5'
  pod 'Firebase/Analytics'
end
"""
SWIFT_VIEW = """\
import SwiftUI
import Combine
@testable import Notes

struct ContentView: View { var body: some View { Text("hi") } }
"""


def test_swift_packages_pods_and_module_imports() -> None:
    pkg = parse_manifest("Package.swift", PACKAGE_SWIFT).signals
    assert [(s.value, s.line) for s in pkg] == [
        ("Alamofire", 7),
        ("swift-composable-architecture", 9),
    ]
    pbx = parse_manifest("Notes.xcodeproj/project.pbxproj", PBXPROJ).signals
    assert [s.value for s in pbx] == ["Kingfisher"]
    pods = parse_manifest("Podfile", PODFILE).signals
    assert [s.value for s in pods] == ["RxSwift", "Firebase"]
    named = _named(
        {
            "Package.swift": PACKAGE_SWIFT,
            "Notes.xcodeproj/project.pbxproj": PBXPROJ,
            "Podfile": PODFILE,
        },
        {"Sources/Notes/ContentView.swift": ("Swift", SWIFT_VIEW)},
    )
    assert {
        "Alamofire",
        "The Composable Architecture",
        "Kingfisher",
        "RxSwift",
        "Firebase",
    } <= named
    assert {"SwiftUI", "Combine", "Swift Package Manager"} <= named
    assert "Notes" not in named


BUILD_SBT = """\
val http4sVersion = "0.23.27"
lazy val root = (project in file("."))
  .settings(
    scalaVersion := "3.4.2",
    libraryDependencies ++= Seq(
      "org.http4s" %% "http4s-ember-server" % http4sVersion,
      "io.circe" %% "circe-generic" % "0.14.9",
      "org.tpolecat" %% "doobie-postgres" % "1.0.0-RC5",
      "org.scalameta" %% "munit" % "1.0.0" % Test
    )
  )
"""
DEPENDENCIES_SCALA = """\
import sbt._
object Dependencies {
  val zio = "dev.zio" %% "zio" % "2.1.1"
}
"""
PLUGINS_SBT = 'addSbtPlugin("com.github.sbt" % "sbt-native-packager" % "1.10.0")\n'


def test_sbt_builds_name_scala_libraries() -> None:
    sigs = parse_manifest("build.sbt", BUILD_SBT).signals
    assert ("maven", "org.http4s:http4s-ember-server", 6) in {
        (s.kind, s.value, s.line) for s in sigs
    }
    files = {
        "build.sbt": BUILD_SBT,
        "project/Dependencies.scala": DEPENDENCIES_SCALA,
        "project/plugins.sbt": PLUGINS_SBT,
    }
    named = _named(files)
    assert {"http4s", "Circe", "Doobie", "MUnit", "ZIO", "sbt-native-packager"} <= named
    # Scala code that happens to sit in a folder named project declares nothing
    main = 'package project\nobject Main extends App { println("%") }\n'
    assert parse_manifest("src/main/scala/project/Main.scala", main).signals == []


DENO_JSON = """\
{
  // the app's import map
  "imports": {
    "$fresh/": "https://deno.land/x/fresh@1.6.8/",
    "preact": "npm:preact@10.19.6",
    "@preact/signals": "npm:@preact/signals@1.2.2",
    "@std/http": "jsr:@std/http@^1.0.0",
    "/": "./"
  }
}
"""
DENO_MAIN = """\
import { serve } from "jsr:@std/http@1/server";
import Stripe from "npm:stripe@14";
const kv = await Deno.openKv();
"""


def test_deno_imports_name_registries_packages_and_kv() -> None:
    assert deno_specifier("npm:/tailwindcss@3.4.1/plugin.js") == ("npm", "tailwindcss")
    assert deno_specifier("https://esm.sh/@supabase/supabase-js@2") == (
        "npm",
        "@supabase/supabase-js",
    )
    assert deno_specifier("https://deno.land/std@0.210.0/http/server.ts") == ("deno", "std")
    assert deno_specifier("./routes/index.tsx") is None
    sigs = parse_manifest("deno.json", DENO_JSON).signals
    assert {(s.kind, s.value) for s in sigs} == {
        ("deno", "fresh"),
        ("npm", "preact"),
        ("npm", "@preact/signals"),
        ("deno", "@std/http"),
    }
    raw = ("TypeScript", extract("TypeScript", DENO_MAIN.encode()))
    src = source_signals("main.ts", "TypeScript", DENO_MAIN, raw)
    assert {(s.kind, s.value) for s in src} >= {
        ("deno", "@std/http"),
        ("npm", "stripe"),
        ("code", "runtime:deno-kv"),
    }
    named = _named({"deno.json": DENO_JSON}, {"main.ts": ("TypeScript", DENO_MAIN)})
    assert {"Deno", "Fresh", "Preact", "Preact Signals", "Deno Standard Library"} <= named
    assert {"Stripe", "Deno KV"} <= named


BUILD_KTS = """\
plugins {
    kotlin("jvm") version "2.0.0"
    kotlin("plugin.serialization") version "2.0.0"
    id("io.ktor.plugin") version "2.3.12"
}
dependencies {
    implementation(kotlin("reflect"))
    implementation("io.ktor:ktor-server-netty-jvm:2.3.12")
    implementation("org.jetbrains.exposed:exposed-core:0.52.0")
    testImplementation("io.kotest:kotest-runner-junit5:5.9.1")
}
"""
SETTINGS_KTS = """\
dependencyResolutionManagement {
    versionCatalogs {
        create("ktorLibs").from("io.ktor:ktor-version-catalog:3.0.0")
    }
}
"""
KOTLIN_ROUTE = "package app\n\nimport io.ktor.server.routing.*\nimport arrow.core.Either\n"


def test_gradle_kotlin_shorthands_catalogs_and_kotlin_imports() -> None:
    sigs = {s.value for s in parse_manifest("build.gradle.kts", BUILD_KTS).signals}
    assert {
        "plugin:org.jetbrains.kotlin.jvm",
        "plugin:org.jetbrains.kotlin.plugin.serialization",
        "org.jetbrains.kotlin:kotlin-reflect",
    } <= sigs
    settings = {s.value for s in parse_manifest("settings.gradle.kts", SETTINGS_KTS).signals}
    assert settings == {"io.ktor:ktor-version-catalog"}
    src = source_signals("src/main/kotlin/app/Routes.kt", "Kotlin", KOTLIN_ROUTE, None)
    assert {s.value for s in src} == {"java:io.ktor.server.routing", "java:arrow.core.Either"}
    named = _named(
        {"build.gradle.kts": BUILD_KTS, "settings.gradle.kts": SETTINGS_KTS},
        {"src/main/kotlin/app/Routes.kt": ("Kotlin", KOTLIN_ROUTE)},
    )
    assert {"Kotlin", "Ktor", "Netty", "kotlinx.serialization", "Exposed", "Kotest"} <= named


CSPROJ = """\
<Project Sdk="Microsoft.NET.Sdk">
  <Sdk Name="Aspire.AppHost.Sdk" Version="9.0.0" />
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
  </ItemGroup>
</Project>
"""


def test_dotnet_shared_framework_and_extra_sdk() -> None:
    sigs = {s.value for s in parse_manifest("src/Api/Api.csproj", CSPROJ).signals}
    assert sigs == {"sdk:Microsoft.NET.Sdk", "sdk:Aspire.AppHost.Sdk", "Microsoft.AspNetCore.App"}
    assert "ASP.NET Core" in _named({"src/Api/Api.csproj": CSPROJ})


HELM_CHART = """\
apiVersion: v2
name: platform
version: 0.0.0
dependencies:
  - name: argo-cd
    version: 7.5.2
    repository: https://argoproj.github.io/argo-helm
  - name: kube-prometheus-stack
    version: 61.0.0
    repository: https://prometheus-community.github.io/helm-charts
"""
HELM_VALUES = """\
app-template:
  controllers:
    main:
      containers:
        main:
          image:
            repository: docker.io/kanidm/server
            tag: 1.3.3
"""
VERSIONS_TF = """\
terraform {
  backend "remote" {
    hostname     = "app.terraform.io"
    organization = "acme"
  }
}
"""
PRE_COMMIT = """\
repos:
  - repo: https://github.com/adrienverge/yamllint
    rev: v1.35.1
    hooks:
      - id: yamllint
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.5.0
    hooks: [{id: ruff}]
"""


def test_platform_charts_values_images_backends_and_hooks() -> None:
    values = parse_manifest("platform/kanidm/values.yaml", HELM_VALUES).signals
    assert [(s.kind, s.value, s.line) for s in values] == [("docker_image", "kanidm/server", 6)]
    tf = {s.value for s in parse_manifest("external/versions.tf", VERSIONS_TF).signals}
    assert "backend:remote" in tf
    hooks = [
        s.value
        for s in parse_manifest(".pre-commit-config.yaml", PRE_COMMIT).signals
        if s.kind == "action"
    ]
    assert hooks == [
        "adrienverge/yamllint",
        "astral-sh/ruff-pre-commit",
        "pre-commit-hook:yamllint",
        "pre-commit-hook:ruff",
    ]
    named = _named(
        {
            "system/Chart.yaml": HELM_CHART,
            "platform/kanidm/values.yaml": HELM_VALUES,
            "external/versions.tf": VERSIONS_TF,
            ".pre-commit-config.yaml": PRE_COMMIT,
        }
    )
    assert {"Argo CD", "Prometheus", "Kanidm", "Terraform Cloud", "yamllint", "Ruff"} <= named


def test_a_flutter_app_is_analysed_end_to_end(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    write(
        tmp_path,
        {
            "pubspec.yaml": PUBSPEC,
            "lib/main.dart": "import 'package:flutter/material.dart';\nvoid main() {}\n",
            "ios/Runner/AppDelegate.swift": "import UIKit\nimport Flutter\n@main class A {}\n",
            "ios/Runner/Info.plist": "<plist></plist>\n",
        },
    )
    stack = {s["name"] for s in analyze(tmp_path, save=False)["stack"]}
    assert {"Flutter", "Dart", "Riverpod", "Drift", "iOS"} <= stack


IMPORTMAP_PHP = """\
<?php
return [
    'app' => ['path' => './assets/app.js', 'entrypoint' => true],
    '@hotwired/stimulus' => ['version' => '3.2.2'],
    'highlight.js/lib/core' => ['version' => '11.11.1'],
    'flatpickr/dist/flatpickr.min.css' => ['version' => '4.6.13', 'type' => 'css'],
];
"""
IMPORTMAP_RB = """\
pin "application"
pin "@hotwired/turbo-rails", to: "turbo.min.js"
pin_all_from "app/javascript/controllers", under: "controllers"
pin "d3" # @7.9.0
"""
COMPOSER = """\
{"require": {"symfony/framework-bundle": "7.1.*", "symfony/form": "7.1.*",
  "symfony/security-bundle": "7.1.*", "symfony/validator": "7.1.*", "symfony/asset-mapper": "7.1.*",
  "symfony/yaml": "7.1.*"}}
"""


def test_import_maps_and_component_families() -> None:
    php = [(s.value, s.line) for s in parse_manifest("importmap.php", IMPORTMAP_PHP).signals]
    assert php == [("@hotwired/stimulus", 4), ("highlight.js", 5), ("flatpickr", 6)]
    rb = [s.value for s in parse_manifest("config/importmap.rb", IMPORTMAP_RB).signals]
    assert rb == ["@hotwired/turbo-rails", "d3"]
    named = _named({"composer.json": COMPOSER, "importmap.php": IMPORTMAP_PHP})
    # each component a Symfony app requires is named beside the framework; plumbing is not
    assert {"Symfony", "Symfony Forms", "Symfony Security", "Symfony Validator"} <= named
    assert {"AssetMapper", "Hotwire", "highlight.js", "Flatpickr"} <= named
    assert not any("yaml" in n.lower() for n in named)


WORKFLOW = """\
env:
  REGISTRY: ghcr.io
jobs:
  build:
    steps:
      - uses: docker/login-action@v3
        with:
          registry: ${{ env.REGISTRY }}
      - uses: taiki-e/install-action@cargo-llvm-cov
      - run: cargo llvm-cov --workspace
      - run: cargo install --locked wasm-pack
      - run: sudo apt-get install -y --no-install-recommends apache2-utils
"""
CARGO = """\
[package]
name = "dirsrv"

[package.metadata.wasm-pack.profile.release]
wasm-opt = false

[features]
s3 = ["opendal/services-s3"]

[dependencies]
sea-orm = { version = "1", features = ["sqlx-sqlite", "runtime-tokio-rustls"] }
ldap3_proto = "0.5"
opendal = { version = "0.58", default-features = false, features = ["services-fs"] }
"""
DOCKERFILE = """\
FROM rust:1.83 AS chef
RUN cargo install cargo-chef
RUN cargo chef prepare --recipe-path recipe.json
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y nginx=1.22.* ffmpeg && rm -rf /var/lib/apt/lists/*
"""


def test_ci_and_image_tools_cargo_features_and_os_packages() -> None:
    ci = {(s.kind, s.value) for s in parse_manifest(".github/workflows/ci.yml", WORKFLOW).signals}
    assert {("registry", "ghcr.io"), ("cargo", "cargo-llvm-cov"), ("cargo", "wasm-pack")} <= ci
    assert ("system", "apache2-utils") in ci
    cargo = {s.value for s in parse_manifest("Cargo.toml", CARGO).signals}
    assert {
        "sea-orm",
        "sea-orm/sqlx-sqlite",
        "wasm-pack",
        "ldap3_proto",
        "opendal/services-s3",
    } <= cargo
    image = {(s.kind, s.value) for s in parse_manifest("Dockerfile", DOCKERFILE).signals}
    assert {("cargo", "cargo-chef"), ("system", "nginx"), ("system", "ffmpeg")} <= image
    named = _named(
        {".github/workflows/ci.yml": WORKFLOW, "Cargo.toml": CARGO, "Dockerfile": DOCKERFILE}
    )
    assert {"GitHub Container Registry", "cargo-llvm-cov", "wasm-pack", "cargo-chef"} <= named
    assert {"SeaORM", "SQLx", "SQLite", "LDAP", "Nginx", "FFmpeg", "ApacheBench", "S3"} <= named


AZURE_PIPELINE = """\
trigger:
  branches:
    include: [main]
pool:
  vmImage: ubuntu-latest
steps:
  - script: dotnet build
"""
MINIMAL_API = """\
var app = WebApplication.CreateBuilder(args).Build();
var api = app.MapGroup("/api/orders");
api.MapGet("/", () => Results.Ok());
"""


def test_azure_pipelines_by_content_and_minimal_apis_by_route_groups() -> None:
    assert "Azure Pipelines" in _named({"ci.yml": AZURE_PIPELINE})
    gha = "on: push\njobs:\n  b:\n    steps:\n      - run: make\n"
    assert "Azure Pipelines" not in _named({".github/workflows/ci.yml": gha})
    named = _named({}, {"src/Ordering.API/Program.cs": ("C#", MINIMAL_API)})
    assert "Minimal APIs" in named
    probe = 'app.MapGet("/", () => "ok");\n'
    assert "Minimal APIs" not in _named({}, {"src/Cart/Startup.cs": ("C#", probe)})


def test_rails_parts_need_their_own_files(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    app = {
        "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\n',
        "config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n",
        "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\nend\n",
        "app/mailers/application_mailer.rb": "class ApplicationMailer < ActionMailer::Base\nend\n",
    }
    write(tmp_path / "a", app)
    stack = {s["name"] for s in analyze(tmp_path / "a", save=False)["stack"]}
    assert {"Ruby on Rails", "Active Record"} <= stack
    assert "Action Mailer" not in stack  # the generated base class alone
    mailer = "class InvitationMailer < ApplicationMailer\nend\n"
    write(tmp_path / "b", {**app, "app/mailers/invitation_mailer.rb": mailer})
    assert "Action Mailer" in {s["name"] for s in analyze(tmp_path / "b", save=False)["stack"]}


SPRING_CLOUD_POM = """\
<project>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.springframework.cloud</groupId>
      <artifactId>spring-cloud-dependencies</artifactId><version>2025.0.0</version>
      <type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.springframework.cloud</groupId>
      <artifactId>spring-cloud-starter-gateway-server-webflux</artifactId></dependency>
    <dependency><groupId>org.jolokia</groupId><artifactId>jolokia-core</artifactId></dependency>
  </dependencies>
</project>
"""
GRADLE_BOM = """\
dependencyManagement {
    imports {
        mavenBom "org.springframework.cloud:spring-cloud-dependencies:2025.0.0"
    }
}
"""


def test_an_imported_spring_cloud_platform_is_named_beside_its_parts() -> None:
    named = _named({"gateway/pom.xml": SPRING_CLOUD_POM})
    assert {"Spring Cloud", "Spring Cloud Gateway", "Spring WebFlux", "Jolokia"} <= named
    gradle = {s.value for s in parse_manifest("build.gradle", GRADLE_BOM).signals}
    assert gradle == {"bom:org.springframework.cloud:spring-cloud-dependencies"}


BUF_GEN = """\
version: v1
plugins:
  - remote: buf.build/grpc-ecosystem/plugins/grpc-gateway:v2.7.2-1
    out: proto/gen/
  - plugin: buf.build/grpc-ecosystem/openapiv2
    out: third_party/OpenAPI
"""


def test_buf_generators_and_make_beside_a_rust_crate() -> None:
    sigs = [s.value for s in parse_manifest("buf.gen.yaml", BUF_GEN).signals]
    assert sigs == ["buf-plugin:grpc-gateway", "buf-plugin:openapiv2"]
    assert {"grpc-gateway", "OpenAPI", "Buf"} <= _named({"buf.gen.yaml": BUF_GEN})
    crate = '[package]\nname = "srv"\n[dependencies]\ntokio = "1"\n'
    files = {"Cargo.toml": crate, "Makefile": "build:\n\tcargo build\n"}
    assert {"Rust", "Make"} <= _named(files)  # a Makefile driving cargo is the build's


SAM_TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties: {Handler: app.handler, Runtime: python3.12}
  Uploads:
    Type: AWS::S3::Bucket
  Jobs:
    Type: "AWS::SQS::Queue"
"""


def test_cloudformation_by_content_and_pre_commit_hook_ids() -> None:
    named = _named({"infra/template.yaml": SAM_TEMPLATE})
    assert {"AWS CloudFormation", "AWS SAM", "AWS Lambda", "S3", "SQS"} <= named
    hooks = "repos:\n  - repo: https://github.com/gruntwork-io/pre-commit\n    hooks:\n      - id: shellcheck\n"
    assert "ShellCheck" in _named({".pre-commit-config.yaml": hooks})
    # a Kubernetes manifest that mentions AWS is no template
    k8s = "apiVersion: v1\nkind: ConfigMap\ndata:\n  note: AWS::S3 is used\n"
    assert "AWS CloudFormation" not in _named({"k8s/cm.yaml": k8s})


def test_r_julia_haskell_and_cpp_manifests() -> None:
    description = (
        "Package: app\nDepends: R (>= 4.1), shiny\nImports:\n    dplyr (>= 1.1),\n    ggplot2\n"
    )
    julia = 'name = "Api"\n[deps]\nGenie = "c43c736e-a2d1-11e8-161f-af95117fbd1e"\n'
    cabal = (
        "library\n  build-depends:    base >=4.7 && <5\n                  , servant-server\n"
        "  default-language: Haskell2010\ntest-suite spec\n  build-depends: hspec, base\n"
    )
    vcpkg = '{"dependencies": ["fmt", {"name": "spdlog"}]}'
    conan = "[requires]\ngtest/1.14.0\n[generators]\nCMakeDeps\n"
    assert [(s.value, s.line) for s in parse_manifest("DESCRIPTION", description).signals] == [
        ("shiny", 2),
        ("dplyr", 4),
        ("ggplot2", 5),
    ]
    cabal_deps = [s.value for s in parse_manifest("api.cabal", cabal).signals]
    assert cabal_deps == ["base", "servant-server", "hspec"]
    assert [s.kind for s in parse_manifest("conanfile.txt", conan).signals] == ["cpp"]
    named = _named(
        {
            "DESCRIPTION": description,
            "jl/Project.toml": julia,
            "hs/api.cabal": cabal,
            "cpp/vcpkg.json": vcpkg,
            "cpp2/conanfile.txt": conan,
        }
    )
    assert {"Shiny", "tidyverse", "ggplot2", "Genie", "Servant", "Hspec"} <= named
    assert {"fmt", "spdlog", "GoogleTest", "vcpkg", "Conan"} <= named


REUSABLE_BUILD = """\
jobs:
  build:
    uses: acme/.github/.github/workflows/reusable-docker-build.yaml@main
    secrets:
      dockerhub-token: ${{ secrets.DOCKERHUB_TOKEN }}
    with:
      image-names: |
        ghcr.io/acme/shop-api
        acme/shop-api
"""


def test_registries_a_reusable_build_pushes_to() -> None:
    sigs = parse_manifest(".github/workflows/build.yaml", REUSABLE_BUILD).signals
    assert {s.value for s in sigs if s.kind == "registry"} == {"docker.io", "ghcr.io"}
    base = "jobs:\n  t:\n    container:\n      image: ghcr.io/acme/ci-base:1\n"
    assert not [
        s for s in parse_manifest(".github/workflows/t.yml", base).signals if s.kind == "registry"
    ]
