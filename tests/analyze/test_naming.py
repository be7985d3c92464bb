"""What a reader would name: weak, redundant and transitive detections are left out (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.analyze.catalog import StackEntry, load_catalog, names
from archwise.analyze.detect import Detection, Evidence, Matcher, settle
from archwise.analyze.manifests import Signal, go_path, parse_manifest

from .repos import write


def _matcher(*entries: StackEntry) -> Matcher:
    return Matcher((e.name, e.category, e) for e in entries)


def _named(
    m: Matcher, signals: list[Signal], paths: list[str], counts: dict[str, int]
) -> list[str]:
    first = {ext: f"a{ext}" for ext in counts}
    return [d.name for d in settle(m, m.detect(signals, paths, first), signals, counts)]


def test_hidden_by_an_umbrella_or_framework() -> None:
    m = _matcher(
        StackEntry(name="Cloud", category="cloud_service", pypi=["sdk"], hidden_by=["Bucket"]),
        StackEntry(name="Bucket", category="object_storage", code=["sdk:bucket"]),
    )
    sdk = Signal("pypi", "sdk", "requirements.txt", 1)
    assert _named(m, [sdk], [], {}) == ["Cloud"]
    assert _named(m, [sdk, Signal("code", "sdk:bucket", "app.py", 3)], [], {}) == ["Bucket"]


def test_a_hidden_language_with_files_of_its_own_is_still_named() -> None:
    m = _matcher(
        StackEntry(name="JS", category="language", extensions=[".js"], hidden_by=["TS"]),
        StackEntry(name="TS", category="language", extensions=[".ts"]),
    )
    assert _named(m, [], [], {".ts": 30, ".js": 1}) == ["TS"]
    assert _named(m, [], [], {".ts": 30, ".js": 6}) == ["JS", "TS"]


def test_only_with_holds_for_file_evidence_alone() -> None:
    m = _matcher(
        StackEntry(
            name="Node",
            category="runtime",
            files=["**/package.json"],
            docker_images=["node"],
            only_with=["Web"],
        ),
        StackEntry(name="Web", category="backend_framework", npm=["web"]),
    )
    assert _named(m, [], ["package.json"], {}) == []
    assert _named(m, [Signal("npm", "web", "package.json", 3)], ["package.json"], {}) == [
        "Node",
        "Web",
    ]
    image = Signal("docker_image", "node", "Dockerfile", 1)
    assert _named(m, [image], ["package.json"], {}) == ["Node"]


def test_min_files_for_file_evidence() -> None:
    m = _matcher(StackEntry(name="Tpl", category="templating", files=["**/*.tpl"], min_files=2))
    assert _named(m, [], ["views/welcome.tpl"], {}) == []
    assert _named(m, [], ["views/a.tpl", "views/b.tpl"], {}) == ["Tpl"]


def test_an_import_of_an_undeclared_package_is_transitive() -> None:
    m = _matcher(
        StackEntry(name="ORM", category="orm", pypi=["orm"], imports=["python:orm"]),
        StackEntry(
            name="Mock", category="testing", maven=["org.mock:mock"], imports=["java:org.mock"]
        ),
    )
    orm = Signal("import", "python:orm.core", "migrations/env.py", 2)
    mock = Signal("import", "java:org.mock.Mockito", "src/test/T.java", 4)
    other = Signal("pypi", "migrator", "pyproject.toml", 5)
    pom = Signal("maven", "org.boot:boot-starter-test", "pom.xml", 9)
    # no Python or Maven manifest at all: the imports are all there is
    assert _named(m, [orm, mock], [], {}) == ["Mock", "ORM"]
    # manifests that do not declare them: pulled in by something else
    assert _named(m, [orm, mock, other, pom], [], {}) == []
    # declared: named
    declared = Signal("pypi", "ORM", "pyproject.toml", 6)
    assert _named(m, [orm, other, declared], [], {}) == ["ORM"]
    # a namespace package is declared by its dotted name joined with dashes
    gcs = _matcher(
        StackEntry(name="GCS", category="object_storage", imports=["python:google.cloud.storage"])
    )
    used = Signal("import", "python:google.cloud.storage", "app.py", 1)
    dist = Signal("pypi", "google-cloud-storage", "requirements.txt", 1)
    assert _named(gcs, [used, dist], [], {}) == ["GCS"]
    # a Java package under a declared group id is declared
    s3 = _matcher(
        StackEntry(
            name="S3",
            category="object_storage",
            imports=["java:software.amazon.awssdk.services.s3"],
        )
    )
    java = Signal("import", "java:software.amazon.awssdk.services.s3.S3Client", "A.java", 3)
    sdk = Signal("maven", "software.amazon.awssdk:s3", "pom.xml", 9)
    assert _named(s3, [java, sdk], [], {}) == ["S3"]


def test_a_go_import_is_a_direct_use_and_gopkg_in_is_its_github_home() -> None:
    assert go_path("gopkg.in/go-playground/validator.v8") == "github.com/go-playground/validator"
    assert go_path("gopkg.in/yaml.v3") == "github.com/go-yaml/yaml"
    assert go_path("gopkg.in/yaml.v3/sub") == "github.com/go-yaml/yaml/sub"
    assert go_path("github.com/a/b") == "github.com/a/b"
    m = _matcher(
        StackEntry(
            name="validator", category="validation", go=["github.com/go-playground/validator"]
        )
    )
    sig = Signal("import", "go:github.com/go-playground/validator", "common/v.go", 3)
    gomod = Signal("go", "github.com/gin-gonic/gin", "go.mod", 5)
    assert _named(m, [sig, gomod], [], {}) == ["validator"]
    info = parse_manifest("go.mod", "module x\n\nrequire gopkg.in/yaml.v3 v3.0.1\n")
    assert info is not None and [s.value for s in info.signals] == ["github.com/go-yaml/yaml"]


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("requirements.txt", "passlib[bcrypt]==1.7\n"),
        ("pyproject.toml", '[project]\ndependencies = ["passlib[bcrypt]>=1.7"]\n'),
        (
            "pyproject.toml",
            '[tool.poetry.dependencies]\npasslib = { version = "^1.7", extras = ["bcrypt"] }\n',
        ),
    ],
)
def test_a_package_extra_is_a_dependency(file: str, text: str) -> None:
    info = parse_manifest(file, text)
    assert info is not None
    assert sorted(s.value for s in info.signals if s.kind == "pypi") == ["bcrypt", "passlib"]


def test_housekeeping_is_reported_apart_from_the_stack(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    repo = write(
        tmp_path / "r",
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
            "app.py": "import fastapi\n",
            ".github/dependabot.yml": "version: 2\n",
            ".tool-versions": "python 3.11\n",
            "Makefile": "run:\n\tuvicorn app:app\n",
            ".github/terraform/main.tf": 'resource "google_storage_bucket" "ci" {}\n',
        },
    )
    doc = analyze(repo, save=False)
    stack = [s["name"] for s in doc["stack"]]
    assert "FastAPI" in stack
    # a Makefile of shortcuts is not C, but it is Make (eight of the nine ground truths whose
    # repository keeps one name it); the bucket of the repository's own CI is not the software's
    assert "Make" in stack
    assert not {"Dependabot", "asdf", "C", "Google Cloud Storage"} & set(stack)
    assert {h["name"] for h in doc["housekeeping"]} == {"Dependabot", "asdf"}


def test_the_human_report_lists_housekeeping_apart(tmp_path: Path, cli) -> None:
    from tests.conftest import invoke

    repo = write(tmp_path / "r", {"app.py": "x = 1\n", ".github/dependabot.yml": "version: 2\n"})
    result = invoke(cli, "analyze", str(repo), "--no-save")
    assert result.exit_code == 0, result.stdout
    assert "Repository housekeeping (not stack): Dependabot" in result.stdout


def test_every_hidden_by_and_only_with_name_is_known() -> None:
    from archwise.kb.loader import load_kb

    catalog = load_catalog()
    known = names(catalog)
    for t in load_kb().technologies.values():
        known.setdefault(t.name.casefold(), t.name)
        for a in t.aliases:
            known.setdefault(a.casefold(), t.name)
    unknown = [
        (e.name, n) for e in catalog for n in e.hidden_by + e.only_with if n.casefold() not in known
    ]
    assert unknown == []


def test_detection_is_what_settle_returns() -> None:
    # settle keeps a detection it has no rule for (the observability checklist's items)
    det = Detection("x", "check", [Evidence("f", 1, "file")])
    det.seen.add(Evidence("f", 1, "file"))
    assert settle(_matcher(), [det], []) == [det]


def test_uv_compiled_requirements_are_read_for_their_direct_lines(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    repo = write(
        tmp_path / "r",
        {
            "requirements.in": "fastapi\n",
            "requirements.txt": (
                "# This file was autogenerated by uv via the following command:\n"
                "#    uv pip compile requirements.in -o requirements.txt\n"
                "fastapi==0.115.0\n    # via -r requirements.in\n"
                "starlette==0.38.0\n    # via fastapi\n"
            ),
        },
    )
    doc = analyze(repo, save=False)
    seen = {(e["file"], e["via"]) for s in doc["stack"] for e in s["evidence"]}
    assert ("requirements.txt", "pypi fastapi") in seen  # read, though "autogenerated"
    assert not any(via == "pypi starlette" for _, via in seen)


def test_setup_py_requirement_lists_are_read_without_running_it() -> None:
    text = (
        "from setuptools import setup\n\nsetup(\n    name='x',\n"
        "    install_requires=[\n        'Flask>=2',\n        \"redis[hiredis]\",\n    ],\n"
        "    tests_require=['pytest'],\n)\n"
    )
    info = parse_manifest("setup.py", text)
    assert [(s.value, s.line) for s in info.signals] == [
        ("Flask", 6),
        ("redis", 7),
        ("hiredis", 7),
        ("pytest", 9),
    ]


def test_packages_a_dockerfile_installs_by_name_are_dependencies() -> None:
    text = (
        "FROM python:3.12-slim\n"
        "RUN pip install --no-cache-dir -r requirements.txt\n"
        "RUN pip install --upgrade \\\n    gunicorn==22.0 \\\n    'psycopg[binary]' && rm -rf /tmp\n"
        "RUN npm install -g pm2@5 && npm ci\n"
        "RUN go install github.com/air-verse/air@latest\n"
    )
    info = parse_manifest("Dockerfile", text)
    got = [
        (s.kind, s.value, s.line)
        for s in info.signals
        if s.kind not in ("docker_image", "command", "config")
    ]
    assert got == [
        ("pypi", "gunicorn", 3),
        ("pypi", "psycopg", 3),
        ("npm", "pm2", 6),
        ("go", "github.com/air-verse/air", 7),
    ]


def test_versions_a_maven_parent_manages_are_not_uses() -> None:
    pom = """<project>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.testcontainers</groupId><artifactId>testcontainers-bom</artifactId>
      <type>pom</type><scope>import</scope></dependency>
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>
  </dependencies>
  <build><pluginManagement><plugins>
    <plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId></plugin>
  </plugins></pluginManagement></build>
</project>
"""
    info = parse_manifest("pom.xml", pom)
    # an imported platform is recorded apart (bom:), never as a use of its artifacts
    assert [s.value for s in info.signals] == [
        "bom:org.testcontainers:testcontainers-bom",
        "org.postgresql:postgresql",
    ]


def test_manifests_of_examples_and_fixtures_are_not_the_softwares(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    repo = write(
        tmp_path / "lib",
        {
            "pyproject.toml": '[project]\nname = "lib"\ndependencies = ["httpx"]\n',
            "lib/__init__.py": "import httpx\n",
            "examples/flask_app/requirements.txt": "flask\n",
            "docs/requirements.txt": "mkdocs-material\n",
            "tests/fixtures/site/package.json": '{"dependencies": {"express": "4"}}\n',
            "docs/openapi.yaml": "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
        },
    )
    stack = {s["name"] for s in analyze(repo, save=False)["stack"]}
    assert "HTTPX" in stack
    assert not {"Flask", "Express"} & stack
    assert "OpenAPI" in stack  # an interface document in docs/ still describes the software


def test_the_generator_a_generated_file_names_is_evidence(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    repo = write(
        tmp_path / "svc",
        {
            "go.mod": "module example.com/svc\n\ngo 1.22\n",
            "main.go": "package main\n\nfunc main() {}\n",
            "mocks/Repo.go": "// Code generated by mockery v2.42.0. DO NOT EDIT.\n\npackage mocks\n",
            "db/query.sql.go": "// Code generated by sqlc. DO NOT EDIT.\n\npackage db\n",
        },
    )
    doc = analyze(repo, save=False)
    stack = {s["name"]: s for s in doc["stack"]}
    assert {"Mockery", "sqlc"} <= set(stack)
    assert stack["Mockery"]["evidence"][0] == {
        "file": "mocks/Repo.go",
        "line": 1,
        "via": "code generated:mockery",
    }


def test_hidden_unless_a_file_of_its_own_keeps_it_named() -> None:
    m = _matcher(
        StackEntry(
            name="npm",
            category="package_manager",
            files=["**/package-lock.json", "**/package.json"],
            hidden_by=["Yarn"],
            hidden_unless=["**/package-lock.json"],
        ),
        StackEntry(name="Yarn", category="package_manager", files=["**/yarn.lock"]),
    )
    assert _named(m, [], ["package.json"], {}) == ["npm"]
    assert _named(m, [], ["package.json", "yarn.lock"], {}) == ["Yarn"]
    both = ["package.json", "package-lock.json", "yarn.lock"]
    assert _named(m, [], both, {}) == ["npm", "Yarn"]


def test_the_software_s_languages_come_from_its_own_code(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    root = write(
        tmp_path / "shop",
        {
            "Cargo.toml": '[package]\nname = "shop"\n\n[dependencies]\nserde = "1"\n',
            "src/main.rs": "fn main() {}\n",
            # a .NET template's scripts in wwwroot, and tool configs
            "web/wwwroot/js/site.js": "function f() { return 1; }\n" * 5,
            "web/wwwroot/js/validation.js": "console.log(1);\n",
            "next.config.js": "module.exports = {};\n",
            ".eslintrc.cjs": "module.exports = {};\n",
            "tooling/prettier/index.js": "export default {};\n",
            # a sample configuration and a maintenance script in other languages
            "example_configs/app_config.php": "<?php return ['a' => 1];\n",
            "tools/update_domains.py": "print('x')\n",
            "example_configs/app.service": "[Service]\nExecStart=/usr/bin/shop\n",
            # a Java package whose path says samples is code all the same
            "jvm/src/main/java/org/acme/samples/App.java": "package org.acme.samples;\nclass App {}\n",
            "jvm/src/main/java/org/acme/samples/Cli.java": "package org.acme.samples;\nclass Cli {}\n",
        },
    )
    names = {s["name"] for s in analyze(root, save=False)["stack"]}
    assert {"Rust", "Java"} <= names
    assert not names & {"JavaScript", "PHP", "Python", "VMs / bare metal"}


def test_scripts_a_server_app_serves_as_written_are_its_javascript(tmp_path: Path) -> None:
    from archwise.api.analyze import analyze

    root = write(
        tmp_path / "tracker",
        {
            "requirements.txt": "Django==5.0\n",
            "manage.py": "import django\n",
            "tracker/views.py": "def index(request):\n    return None\n",
            "static/js/checks.js": "function toggle(el) { el.hidden = !el.hidden; }\n" * 3,
            "static/js/details.js": "document.addEventListener('load', () => {});\n",
        },
    )
    names = {s["name"] for s in analyze(root, save=False)["stack"]}
    assert {"Python", "JavaScript"} <= names


def test_a_central_package_version_is_a_pin_not_a_use() -> None:
    props = (
        "<Project><ItemGroup>\n"
        '  <PackageVersion Include="Dapper" Version="2" />\n'
        '  <PackageVersion Include="Serilog" Version="4" />\n'
        '  <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3" />\n'
        "</ItemGroup></Project>\n"
    )
    info = parse_manifest("Directory.Packages.props", props)
    assert [s.value for s in info.signals] == ["Nerdbank.GitVersioning"]
    proj = '<Project Sdk="MSTest.Sdk"><ItemGroup><PackageReference Include="Serilog" /></ItemGroup></Project>'
    info = parse_manifest("tests/Api.Tests/Api.Tests.csproj", proj)
    assert [s.value for s in info.signals] == ["sdk:MSTest.Sdk", "Serilog"]
