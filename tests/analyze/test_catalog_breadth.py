"""Catalogue breadth for npm, Maven/Gradle, NuGet and mobile projects (issue 16, third round)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from archwise.analyze.catalog import DATA_DIR, load_catalog
from archwise.analyze.detect import Matcher, settle
from archwise.analyze.manifests import Signal, parse_manifest

from .repos import write

MORE = ("more_javascript", "more_jvm", "more_dotnet", "more_mobile")


@cache
def _matcher() -> Matcher:
    """The rules an analysis uses: the knowledge base and the catalogue, merged."""
    from archwise.api.analyze import _kb, _tech_rules

    return Matcher((t.name, t.category, t.detect) for t in _tech_rules(_kb(())))


def _named(files: dict[str, str]) -> tuple[set[str], set[str]]:
    """Stack and housekeeping names a reader gets for these files (manifests parsed, paths matched)."""
    signals: list[Signal] = []
    for path, text in files.items():
        signals += parse_manifest(path, text).signals
    m = _matcher()
    found = settle(m, m.detect(signals, list(files)), signals)
    stack = {d.name for d in found if d.category != "housekeeping"}
    return stack, {d.name for d in found if d.category == "housekeeping"}


def _stack(root: Path) -> tuple[set[str], set[str]]:
    from archwise.api.analyze import analyze

    doc: dict[str, Any] = analyze(root, save=False)
    return {s["name"] for s in doc["stack"]}, {s["name"] for s in doc.get("housekeeping", [])}


def _entries(stem: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA_DIR / f"{stem}.yaml").read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = data["technologies"]
    return entries


def test_each_file_names_a_technology_once_and_leaves_type_packages_out() -> None:
    catalog = load_catalog()
    assert len({e.name.casefold() for e in catalog}) >= 1500
    for stem in MORE:
        names = [e["name"].casefold() for e in _entries(stem)]
        assert len(names) == len(set(names)), stem
        for e in _entries(stem):
            assert not any(p.startswith("@types/") for p in e.get("npm", [])), e["name"]


def test_npm_frontend_and_node_backend() -> None:
    package = {
        "dependencies": {
            "@tanstack/react-router": "^1",
            "@radix-ui/react-dialog": "^1",
            "@mantine/core": "^7",
            "jotai": "^2",
            "swr": "^2",
            "recharts": "^2",
            "@apollo/client": "^3",
            "react-intl": "^6",
            "uuid": "^9",
            "classnames": "^2",
        },
        "devDependencies": {
            "@hey-api/openapi-ts": "^0.5",
            "webdriverio": "^8",
            "@types/react": "^18",
            "knip": "^5",
        },
    }
    api = {
        "dependencies": {"@feathersjs/feathers": "^5", "express-validator": "^7", "log4js": "^6"}
    }
    stack, housekeeping = _named(
        {"web/package.json": json.dumps(package), "api/package.json": json.dumps(api)}
    )
    expected = {
        "TanStack Router", "Radix UI", "Mantine", "Jotai", "SWR", "Recharts", "Apollo Client",
        "FormatJS", "Hey API", "WebdriverIO", "Feathers", "express-validator", "log4js",
    }  # fmt: skip
    assert expected <= stack
    assert "Knip" in housekeeping and "Knip" not in stack
    assert not any("uuid" in n.lower() or "classnames" in n.lower() for n in stack)


def test_spring_modules_name_the_part_not_the_umbrella() -> None:
    pom = """<project><dependencies>
      <dependency><groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-starter-data-mongodb</artifactId></dependency>
      <dependency><groupId>org.springframework.cloud</groupId>
        <artifactId>spring-cloud-starter-gateway</artifactId></dependency>
      <dependency><groupId>org.springframework.cloud</groupId>
        <artifactId>spring-cloud-starter-netflix-eureka-client</artifactId></dependency>
      <dependency><groupId>io.awspring.cloud</groupId>
        <artifactId>spring-cloud-aws-starter-sqs</artifactId></dependency>
      <dependency><groupId>org.modelmapper</groupId>
        <artifactId>modelmapper</artifactId></dependency>
      <dependency><groupId>com.tngtech.archunit</groupId>
        <artifactId>archunit-junit5</artifactId><scope>test</scope></dependency>
    </dependencies></project>"""
    stack, _ = _named({"pom.xml": pom})
    assert {
        "Spring Data MongoDB", "Spring Cloud Gateway", "Netflix Eureka", "SQS", "ModelMapper",
        "ArchUnit",
    } <= stack  # fmt: skip
    assert not {"Spring Data", "Spring Cloud", "AWS"} & stack  # umbrellas beside their parts


def test_quarkus_extensions_name_what_they_bring() -> None:
    gradle = """plugins { id 'io.quarkus' }
dependencies {
    implementation 'io.quarkus:quarkus-hibernate-orm-panache'
    implementation 'io.quarkus:quarkus-jdbc-postgresql'
    implementation 'io.quarkus:quarkus-smallrye-reactive-messaging-kafka'
    testImplementation 'io.quarkus:quarkus-junit5'
}
"""
    stack, _ = _named({"build.gradle": gradle})
    assert {"Quarkus", "Hibernate Panache", "PostgreSQL", "Kafka", "JUnit"} <= stack


def test_aspnet_views_pages_libman_and_azure_parts(tmp_path: Path) -> None:
    csproj = """<Project Sdk="Microsoft.NET.Sdk.Web">
  <ItemGroup>
    <PackageReference Include="Ardalis.GuardClauses" Version="4.0.1" />
    <PackageReference Include="Azure.Identity" Version="1.10.0" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.InMemory" Version="8.0.0" />
    <PackageReference Include="Blazored.LocalStorage" Version="4.4.0" />
  </ItemGroup>
</Project>"""
    files = {
        "src/Web/Web.csproj": csproj,
        "src/Web/libman.json": '{"version": "1.0", "libraries": []}',
        "src/Web/Views/_ViewStart.cshtml": '@{ Layout = "_Layout"; }\n',
        "src/Web/Views/Home/Index.cshtml": "<h1>Shop</h1>\n",
        "src/Web/wwwroot/lib/jquery/LICENSE.txt": "Copyright OpenJS Foundation\n",
        "src/Web/Program.cs": "var app = WebApplication.Create(args);\napp.Run();\n",
        "infra/main.bicep": "param location string = resourceGroup().location\n",
        "azure.yaml": "name: shop\nservices:\n  web:\n    project: ./src/Web\n",
    }
    stack, _ = _stack(write(tmp_path, files))
    assert {
        "ASP.NET Core MVC", "Ardalis.GuardClauses", "Azure Identity", "EF Core InMemory",
        "Blazored.LocalStorage", "LibMan", "jQuery", "Azure Bicep", "Azure Developer CLI",
    } <= stack  # fmt: skip
    assert "Microsoft Azure" not in stack
    assert "Razor Pages" not in stack  # two views are not a Razor Pages app


def test_android_and_ios_projects() -> None:
    gradle = """plugins {
    id("com.android.application")
    id("com.google.dagger.hilt.android")
}
dependencies {
    implementation("androidx.room:room-runtime:2.6.1")
    implementation("com.google.dagger:hilt-android:2.51")
    implementation("io.coil-kt:coil-compose:2.6.0")
    implementation("com.jakewharton.timber:timber:5.0.1")
    androidTestImplementation("androidx.test.espresso:espresso-core:3.5.1")
}
"""
    files = {
        "android/app/build.gradle.kts": gradle,
        "android/app/google-services.json": "{}\n",
        "ios/App.xcodeproj/project.pbxproj": "// !$*UTF8*$!\n{}\n",
        "ios/App/Base.lproj/Main.storyboard": "<document/>\n",
        "ios/App/Model.xcdatamodeld/Model.xcdatamodel/contents": "<model/>\n",
        "ios/App/AppDelegate.swift": "import UIKit\n",
        "ios/fastlane/Fastfile": "lane :beta do\nend\n",
        "ios/.swiftlint.yml": "disabled_rules: []\n",
    }
    stack, _ = _named(files)
    assert {
        "Android", "Room", "Hilt", "Coil", "Timber", "Espresso", "Firebase", "Xcode", "UIKit",
        "Core Data", "Fastlane", "SwiftLint",
    } <= stack  # fmt: skip
    assert "Dagger" not in stack  # Hilt's own part


def test_flutter_is_named_from_its_ios_folder_beside_dart() -> None:
    files = {
        "pubspec.yaml": "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n",
        "lib/main.dart": "void main() {}\n",
        "ios/Flutter/AppFrameworkInfo.plist": "<plist/>\n",
    }
    assert "Flutter" in _named(files)[0]
    # the same folder name without any Dart is not Flutter
    assert "Flutter" not in _named({"ios/Flutter/AppFrameworkInfo.plist": "x\n"})[0]


def test_browser_libraries_copied_into_a_static_folder_are_named_by_file_name() -> None:
    matcher = _matcher()
    vendored = [
        "src/static/scripts/jquery-4.0.0.slim.js",
        "src/static/scripts/bootstrap.bundle.js",
        "src/static/scripts/datatables.js",
        "result/views/angular.min.js",
    ]
    found = {d.name for d in matcher.detect([], vendored)}
    assert {"jQuery", "Bootstrap", "DataTables", "AngularJS"} <= found
    # an app's own start-up file called bootstrap.js is not the CSS framework
    own = {d.name for d in matcher.detect([], ["resources/js/bootstrap.js", "src/app.js"])}
    assert "Bootstrap" not in own
