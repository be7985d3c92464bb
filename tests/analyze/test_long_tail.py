"""The long tail: framework extensions, Rails parts, tooling files, clouds from Terraform, images
with a variable tag and documents known by their content (issue 16, seventh round)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archwise.analyze.manifests import is_manifest, known_image, parse_manifest

from .repos import write
from .test_catalog_breadth import _named, _stack


def test_flask_extensions_are_named_beside_what_they_wrap() -> None:
    pyproject = """
        [project]
        name = "ctf"
        dependencies = [
            "Flask==3.0.0", "Flask-SQLAlchemy==3.1.1", "Flask-Migrate==4.0.5",
            "Flask-Script==2.0.6", "flask-debugtoolbar==0.11.0", "nh3==0.2.14",
            "cmarkgfm==2024.1.14", "dataset==1.6.2",
        ]
    """
    stack, _ = _named({"pyproject.toml": pyproject})
    assert {"Flask", "Flask-SQLAlchemy", "SQLAlchemy", "Flask-Migrate", "Alembic"} <= stack
    assert {"Flask-Script", "Flask-DebugToolbar", "nh3", "cmarkgfm", "dataset"} <= stack


def test_utilities_the_ground_truths_do_not_name_stay_out() -> None:
    pyproject = """
        [project]
        name = "app"
        dependencies = ["python-dotenv>=1", "tenacity>=8", "werkzeug>=3"]
    """
    stack, _ = _named({"pyproject.toml": pyproject})
    assert not {"python-dotenv", "Tenacity", "Werkzeug"} & stack


def test_rails_parts_are_proved_by_their_own_folders(tmp_path: Path) -> None:
    gemfile = 'source "https://rubygems.org"\ngem "rails"\ngem "stackprof"\ngem "yard"\n'
    base = {
        "Gemfile": gemfile,
        "app/jobs/application_job.rb": "class ApplicationJob < ActiveJob::Base\nend\n",
        "app/mailboxes/application_mailbox.rb": "class ApplicationMailbox < ActionMailbox::Base\nend\n",
    }
    stack, _ = _named(base)
    assert "Active Job" not in stack  # the generated base class alone is no job
    assert "Action Mailbox" not in stack
    more = {
        **base,
        "app/jobs/notify_job.rb": "class NotifyJob < ApplicationJob\nend\n",
        "app/mailboxes/inbox_mailbox.rb": "class InboxMailbox < ApplicationMailbox\nend\n",
    }
    stack, _ = _named(more)
    assert {"Ruby on Rails", "Action Mailbox", "stackprof", "YARD"} <= stack
    # ... but jobs are Rails' own: the ground truths name Active Job beside Rails once in six (i16k)
    assert "Active Job" not in stack


def test_repository_tooling_is_read_from_its_configuration_files() -> None:
    files = {
        "Cargo.toml": '[package]\nname = "shell-history"\nversion = "0.1.0"\n',
        ".codespellrc": "[codespell]\nskip = ./target\n",
        "docs/.vale.ini": "StylesPath = styles\n",
        "cliff.toml": "[changelog]\n",
        "dist-workspace.toml": '[workspace]\nmembers = ["cargo:."]\n',
        "crowdin.yml": "files:\n  - source: /en.json\n",
        "mise.toml": '[tools]\njava = "21"\n',
        "depot.json": '{"id": "abc"}\n',
    }
    stack, housekeeping = _named(files)
    assert {"codespell", "Vale", "git-cliff", "cargo-dist", "Crowdin", "mise", "Depot"} <= stack
    assert not {"codespell", "Vale", "git-cliff"} & housekeeping


def test_a_systemd_unit_is_named_and_a_dbus_service_file_is_not() -> None:
    unit = "[Unit]\nDescription=server\n\n[Service]\nExecStart=/usr/bin/server\n"
    dbus = "[D-BUS Service]\nName=org.example.App\nExec=/app/bin/app\n"
    assert is_manifest("systemd/server.service") and is_manifest("flatpak/org.example.App.service")
    assert "systemd" in _named({"systemd/server.service": unit})[0]
    assert "systemd" not in _named({"flatpak/org.example.App.service": dbus})[0]


def test_docs_sites_are_named_from_their_configuration_in_the_docs_folder(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "tool"\ndependencies = ["click"]\n',
            "tool/__init__.py": "",
            "docs/mkdocs.yml": (
                "site_name: Tool\ntheme:\n  name: material\n"
                "extra:\n  version:\n    provider: mike\n"
            ),
            "docs/conf.py": "project = 'tool'\nextensions = ['sphinx.ext.autodoc']\n",
            "site/docs.json": json.dumps({"$schema": "https://mintlify.com/docs.json"}),
        },
    )
    stack, _ = _stack(root)
    assert {"MkDocs", "mike", "Sphinx", "Mintlify"} <= stack


def test_a_compose_file_known_by_content_names_docker_compose_outside_samples(
    tmp_path: Path,
) -> None:
    compose = "services:\n  api:\n    build: .\n  db:\n    image: postgres:16\n"
    root = write(
        tmp_path / "app",
        {
            "package.json": json.dumps({"name": "api", "dependencies": {"express": "^4"}}),
            "deploy/stack.yml": compose,
        },
    )
    assert "Docker Compose" in _stack(root)[0]
    sample = write(
        tmp_path / "lib",
        {
            "package.json": json.dumps({"name": "lib", "dependencies": {"express": "^4"}}),
            "examples/local/stack.yml": compose,
        },
    )
    assert "Docker Compose" not in _stack(sample)[0]


def test_managed_services_are_named_from_the_terraform_that_provisions_them() -> None:
    tf = """
        provider "aws" { region = "eu-west-1" }
        resource "aws_docdb_cluster" "orders" { cluster_identifier = "orders" }
        resource "aws_codepipeline" "deploy" { name = "deploy" }
        resource "aws_codebuild_project" "build" { name = "build" }
        resource "azurerm_mssql_server" "sql" { name = "sql" }
    """
    stack, _ = _named({"infra/main.tf": tf})
    assert {"Amazon DocumentDB", "AWS CodePipeline", "AWS CodeBuild", "Azure SQL Database"} <= stack
    assert "SQL Server" not in stack  # the managed database, not the engine, is provisioned


@pytest.mark.parametrize(
    ("ref", "image"),
    [
        (
            "eventuateio/eventuate-zookeeper:${EVENTUATE_COMMON_VERSION?}",
            "eventuateio/eventuate-zookeeper",
        ),
        ("node:${NODE_VERSION:-20}", "node"),
        ("python:3.${MINOR}-slim", "python"),
        ("ghcr.io/acme/api@${DIGEST}", "ghcr.io/acme/api"),
        ("localhost:5000/app:${TAG}", "localhost:5000/app"),
        ("postgres:16", "postgres"),
        ("${REGISTRY}/app:1.0", None),
        ("localhost:${PORT}/app", None),
        ("$IMAGE", None),
        ("app${SUFFIX}:1", None),
    ],
)
def test_an_image_whose_tag_is_a_variable_is_still_that_image(ref: str, image: str | None) -> None:
    assert known_image(ref) == image


def test_a_kubernetes_image_with_a_variable_tag_is_evidence() -> None:
    manifest = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: zookeeper
        spec:
          template:
            spec:
              containers:
                - name: zookeeper
                  image: eventuateio/eventuate-zookeeper:${EVENTUATE_COMMON_VERSION?}
    """
    import textwrap

    text = textwrap.dedent(manifest).lstrip()
    path = "deployment/kubernetes/zookeeper.yaml"
    images = {s.value for s in parse_manifest(path, text).signals if s.kind == "docker_image"}
    assert images == {"eventuateio/eventuate-zookeeper"}
    assert "ZooKeeper" in _named({path: text})[0]


def test_npm_long_tail_readers_name() -> None:
    package = {
        "name": "web",
        "dependencies": {
            "next": "^15",
            "next-safe-action": "^7",
            "iron-session": "^8",
            "arctic": "^3",
            "cmdk": "^1",
            "react-day-picker": "^9",
            "@base-ui/react": "^1",
            "@scalar/hono-api-reference": "^0.9",
            "motion": "^12",
            "dayjs": "^1",
        },
        "devDependencies": {"@axe-core/playwright": "^4"},
    }
    stack, _ = _named({"package.json": json.dumps(package)})
    assert {
        "Next.js",
        "next-safe-action",
        "iron-session",
        "Arctic",
        "cmdk",
        "react-day-picker",
        "Base UI",
        "Scalar",
        "Framer Motion",
        "Day.js",
        "axe-core",
    } <= stack


def test_managed_services_are_named_from_the_cloud_commands_a_pipeline_deploys_with() -> None:
    workflow = """
        name: deploy
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: google-github-actions/auth@v2
              - run: |
                  gcloud components install gke-gcloud-auth-plugin
                  gcloud container clusters get-credentials prod --zone europe-west1-b
              - run: aws ecs update-service --cluster app --service api --force-new-deployment
              - run: flyctl deploy --remote-only
    """
    import textwrap

    path = ".github/workflows/deploy.yml"
    text = textwrap.dedent(workflow).lstrip()
    docs = {s.value for s in parse_manifest(path, text).signals if s.kind == "document"}
    assert {"deploy:gke", "deploy:ecs", "deploy:fly"} <= docs
    stack, _ = _named({path: text})
    assert {"Google Kubernetes Engine", "ECS", "Fly.io"} <= stack
    # the same words outside a pipeline (a README's instructions) are not read
    assert not parse_manifest("docs/deploy.md", text).signals
