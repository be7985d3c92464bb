"""JVM, .NET and Go: breadth by kind and the manifests these ecosystems keep (issue 16, ninth round)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.analyze.catalog import DATA_DIR
from archwise.analyze.detect import normalize
from archwise.analyze.manifests import is_manifest, parse_manifest

from .repos import catalogue_file as _file
from .repos import write
from .test_catalog_breadth import _stack

NEW = ("registry_jvm", "registry_dotnet", "registry_go")
# techniques a library implies and a reader names beside it: they may share its packages
UMBRELLAS = frozenset({"GraphQL", "CQRS"})


@pytest.mark.parametrize("stem", NEW)
def test_the_new_files_add_no_catalogued_name_or_package_twice(stem: str) -> None:
    mine = _file(stem).technologies
    assert len(mine) >= 30
    others = [
        e for f in DATA_DIR.glob("*.yaml") if f.stem != stem for e in _file(f.stem).technologies
    ]
    # A name may recur only as the same technology (same category): the loader refuses the rest.
    names = {n.casefold(): e.category for e in others for n in (e.name, *e.aliases)}
    packages = {
        (kind, p.casefold())
        for e in others
        if e.name not in UMBRELLAS
        for kind in ("maven", "nuget", "go")
        for p in getattr(e, kind)
    }
    for e in mine:
        for n in (e.name, *e.aliases):
            assert names.get(n.casefold(), e.category) == e.category, e.name
        for kind in ("maven", "nuget", "go"):
            assert not {(kind, p.casefold()) for p in getattr(e, kind)} & packages, e.name


def test_a_scala_artifact_is_the_same_library_whatever_its_binary_suffix() -> None:
    for coord in ("com.typesafe.akka:akka-http_2.13", "com.typesafe.akka:akka-http_3"):
        assert normalize("maven", coord) == "com.typesafe.akka:akka-http"
    assert normalize("maven", "org.typelevel:cats-core_sjs1_3") == "org.typelevel:cats-core"
    assert normalize("maven", "org.example:my_lib") == "org.example:my_lib"
    assert normalize("maven", "org.example:lib_30") == "org.example:lib_30"


def test_an_sbt_build_names_plays_shorthands_plugins_and_scala_libraries(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "build.sbt": """
                lazy val root = (project in file("."))
                  .enablePlugins(PlayScala, SbtTwirl)
                libraryDependencies ++= Seq(
                  guice,
                  ws,
                  ehcache % Test,
                  "org.scalatra" %% "scalatra" % ScalatraVersion,
                  "org.json4s" %% "json4s-jackson" % "4.0.7",
                  "com.typesafe.slick" %% "slick" % "3.5.1",
                )
                libraryDependencies += jdbc
                val ws2 = settingKey[String]("not a dependency")
            """,
            "project/plugins.sbt": """
                addSbtPlugin("com.github.sbt" % "sbt-native-packager" % "1.10.4")
            """,
            "app/controllers/Home.scala": "package controllers\nclass Home\n",
        },
    )
    stack, _ = _stack(root)
    assert {
        "Scala",
        "sbt",
        "Play Framework",
        "Guice",
        "Play WS",
        "Ehcache",
        "Twirl",
        "Scalatra",
        "json4s",
        "Slick",
        "sbt-native-packager",
    } <= stack


def test_gradle_catalogues_platforms_and_scala_suffixes(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "settings.gradle.kts": """
                dependencyResolutionManagement {
                    versionCatalogs {
                        create("tools") {
                            library("picocli", "info.picocli", "picocli").version("4.7.6")
                            library("jdbi", "org.jdbi:jdbi3-core:3.45.0")
                            plugin("jib", "com.google.cloud.tools.jib").version("3.4.3")
                        }
                    }
                }
            """,
            "gradle/server.versions.toml": """
                [libraries]
                javalin = { module = "io.javalin:javalin", version = "6.3.0" }
            """,
            "build.gradle.kts": """
                dependencies {
                    implementation(platform("org.springframework.cloud:spring-cloud-dependencies:2023.0.3"))
                    implementation("com.typesafe.akka:akka-http_2.13:10.5.3")
                }
            """,
            "src/main/java/app/Main.java": "package app;\nclass Main {}\n",
        },
    )
    stack, _ = _stack(root)
    assert {
        "Gradle",
        "picocli",
        "Jdbi",
        "Jib",
        "Javalin",
        "Spring Cloud",
        "Akka HTTP",
    } <= stack


def test_dotnet_package_lists_local_tools_and_sdks(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "src/Legacy/packages.config": """
                <?xml version="1.0" encoding="utf-8"?>
                <packages>
                  <package id="Dapper" version="2.1.35" targetFramework="net48" />
                </packages>
            """,
            "src/Legacy/Legacy.csproj": '<Project Sdk="Microsoft.NET.Sdk"></Project>\n',
            "src/Legacy/Program.cs": "class Program {}\n",
            "paket.dependencies": """
                source https://api.nuget.org/v3/index.json
                nuget Serilog
                nuget Giraffe ~> 7
            """,
            ".config/dotnet-tools.json": """
                {"version": 1, "isRoot": true,
                 "tools": {"dotnet-ef": {"version": "8.0.8", "commands": ["dotnet-ef"]},
                           "fantomas": {"version": "6.3.15", "commands": ["fantomas"]}}}
            """,
            "global.json": """
                {"sdk": {"version": "8.0.400"},
                 "msbuild-sdks": {"MSTest.Sdk": "3.6.0"}}
            """,
        },
    )
    stack, _ = _stack(root)
    assert {
        "Dapper",
        "Serilog",
        "Giraffe",
        "Entity Framework Core",
        "Fantomas",
        "MSTest",
    } <= stack


def test_go_tool_directives_are_evidence_and_indirect_requirements_are_not(
    tmp_path: Path,
) -> None:
    root = write(
        tmp_path,
        {
            "go.mod": """
                module example.com/svc

                go 1.24

                require github.com/go-chi/chi/v5 v5.1.0

                require github.com/labstack/echo/v4 v4.12.0 // indirect

                tool (
                    github.com/sqlc-dev/sqlc/cmd/sqlc
                    github.com/golangci/golangci-lint/cmd/golangci-lint
                )

                tool github.com/pressly/goose/v3/cmd/goose
            """,
            "main.go": "package main\n\nfunc main() {}\n",
        },
    )
    stack, _ = _stack(root)
    assert {"Go", "Chi", "sqlc", "golangci-lint", "Goose"} <= stack
    assert "Echo" not in stack


def test_the_new_manifests_are_read_where_they_live() -> None:
    for path in (
        "packages.config",
        "paket.dependencies",
        ".config/dotnet-tools.json",
        "global.json",
        "gradle/server.versions.toml",
    ):
        assert is_manifest(path), path
    assert not is_manifest("docs/server.versions.toml")
    info = parse_manifest("global.json", '{"sdk": {"version": "8.0.400"}}')
    assert info.signals == []


def _imports_of(n: int) -> dict[str, str]:
    files = {
        f"src/main/scala/app/M{i}.scala": f"package app\nimport cats.effect.IO\nobject M{i}\n"
        for i in range(n)
    }
    files["build.sbt"] = 'libraryDependencies += "org.http4s" %% "http4s-dsl" % "0.23.27"\n'
    return files


def test_an_undeclared_library_the_code_imports_throughout_is_named(tmp_path: Path) -> None:
    many, _ = _stack(write(tmp_path / "many", _imports_of(6)))
    few, _ = _stack(write(tmp_path / "few", _imports_of(2)))
    assert {"http4s", "Cats Effect"} <= many
    assert "http4s" in few and "Cats Effect" not in few  # a transitive helper


def test_go_generate_lines_name_the_tools_they_run(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "go.mod": "module example.com/svc\n\ngo 1.22\n",
            "store/store.go": (
                "package store\n\n"
                "//go:generate mockgen -source=store.go -destination=mock_store.go\n"
                "//go:generate go run github.com/99designs/gqlgen@v0.17.45 generate\n"
                "type Store interface{ Get(id string) string }\n"
            ),
        },
    )
    stack, _ = _stack(root)
    assert {"Go", "GoMock", "gqlgen"} <= stack


def test_a_parent_pom_names_its_framework_and_a_bom_alone_names_nothing(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "pom.xml": """
                <project>
                  <parent>
                    <groupId>io.micronaut.platform</groupId>
                    <artifactId>micronaut-parent</artifactId>
                    <version>4.4.0</version>
                  </parent>
                  <artifactId>app</artifactId>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.testcontainers</groupId>
                        <artifactId>testcontainers-bom</artifactId>
                        <version>1.19.0</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>org.scalatra</groupId>
                      <artifactId>scalatra_2.13</artifactId>
                    </dependency>
                  </dependencies>
                </project>
            """,
            "src/main/java/app/A.java": "package app;\nclass A {}\n",
            "src/main/java/app/B.java": "package app;\nclass B {}\n",
        },
    )
    stack, _ = _stack(root)
    assert {"Maven", "Micronaut", "Scalatra"} <= stack
    assert "Testcontainers" not in stack
