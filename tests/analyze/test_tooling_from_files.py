"""Tools and platforms a repository shows in its files, not its manifests (issue 16, round 7)."""

from __future__ import annotations

import json
from pathlib import Path

from archwise.analyze.catalog import load_catalog
from archwise.analyze.commands import commands, recipe_commands
from archwise.analyze.manifests import is_manifest, parse_manifest

from .repos import write
from .test_catalog_breadth import _named, _stack


def _values(path: str, text: str, kind: str) -> set[str]:
    return {s.value for s in parse_manifest(path, text).signals if s.kind == kind}


def test_commands_are_the_first_words_of_each_simple_command() -> None:
    found = [c for c, _ in commands("cd docs && uv run mkdocs build --strict | tee log")]
    assert found == ["cd", "cd docs", "mkdocs", "mkdocs build", "tee", "tee log"]
    assert [c for c, _ in commands("npx -y netlify-cli deploy --dir=site")] == [
        "netlify-cli",
        "netlify-cli deploy",
    ]
    assert next(c for c, _ in commands("FOO=1 sudo -E php vendor/bin/php-cs-fixer fix")) == (
        "php-cs-fixer"
    )
    assert [c for c, _ in commands("python -m pip install x")][:1] == ["pip"]
    assert list(commands("${{ matrix.tool }} --check")) == []
    assert list(commands("# codespell in a comment")) == []
    # a continued line is one command, reported at its first line
    assert [c for c, _ in commands("vale \\\n  --glob='*.md' docs\n")] == ["vale", "vale docs"]


def test_recipes_of_makefiles_and_justfiles_are_commands() -> None:
    make = "VAR := 1\nlint: deps\n\t@uv run ruff check .\n\ndocs:\n\t-mkdocs build\n"
    assert [c for c, _ in recipe_commands(make, tabbed=True)][::2] == ["ruff", "mkdocs"]
    just = 'set shell := ["bash"]\n\nspell:\n    typos\n    codespell docs\n'
    assert [c for c, _ in recipe_commands(just, tabbed=False)] == [
        "typos",
        "codespell",
        "codespell docs",
    ]
    assert is_manifest("Makefile") and is_manifest("tools/justfile") and is_manifest("a/b.mk")
    assert "mkdocs" in _values("Makefile", make, "command")


def test_ci_steps_task_files_and_run_lines_are_read_for_commands() -> None:
    workflow = (
        "on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - name: mkdocs is named in a step name only\n        run: |\n"
        "          pip install -r docs/requirements.txt\n          mike deploy --push dev\n"
        "      - run: codespell\n"
    )
    found = _values(".github/workflows/docs.yml", workflow, "command")
    assert {"mike", "mike deploy", "codespell", "pip"} <= found
    assert "mkdocs" not in found  # a step's name is not a command
    gitlab = 'lint:\n  script:\n    - vale docs\n  before_script: ["hugo --minify"]\n'
    assert {"vale", "hugo"} <= _values(".gitlab-ci.yml", gitlab, "command")
    taskfile = "version: '3'\ntasks:\n  docs:\n    cmds:\n      - mdbook build\n"
    assert "mdbook build" in _values("Taskfile.yml", taskfile, "command")
    docker = 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache uv sync && \\\n  uv run gunicorn app:app\nCMD ["x"]\n'
    assert {"uv", "gunicorn"} <= _values("Dockerfile", docker, "command")
    exec_form = 'FROM node:22\nRUN ["hugo", "--minify"]\n'
    assert "hugo" in _values("Dockerfile", exec_form, "command")
    package = {"scripts": {"docs": "docusaurus build", "lint": "eslint . && stylelint '**/*.css'"}}
    assert {"docusaurus", "eslint", "stylelint"} <= _values(
        "package.json", json.dumps(package), "command"
    )
    # a broken YAML file gives no commands rather than an error
    assert _values(".github/workflows/x.yml", "jobs: [unclosed", "command") == set()


def test_tool_sections_of_shared_config_files() -> None:
    pyproject = (
        "[project]\nname = 'x'\n\n[tool.codespell]\nskip = '*.lock'\n\n[tool.mypy]\nstrict = true\n"
    )
    assert {"pyproject:tool.codespell", "pyproject:tool.mypy"} <= _values(
        "pyproject.toml", pyproject, "config"
    )
    assert "setup.cfg:flake8" in _values("setup.cfg", "[flake8]\nmax-line-length = 99\n", "config")
    package = {"name": "app", "lint-staged": {"*.ts": "eslint --fix"}}
    assert "package.json:lint-staged" in _values("package.json", json.dumps(package), "config")
    cargo = (
        "[workspace]\nmembers = ['a']\n\n[workspace.metadata.dist]\ncargo-dist-version = '0.28.0'\n"
    )
    assert "dist" in _values("Cargo.toml", cargo, "cargo")
    stack, _ = _named({"pyproject.toml": pyproject, "package.json": json.dumps(package)})
    assert {"codespell", "mypy", "lint-staged"} <= stack
    assert "cargo-dist" in _named({"Cargo.toml": cargo})[0]


def test_ingress_class_and_acme_issuer_name_the_controller_and_lets_encrypt() -> None:
    ingress = (
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n"
        "  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt-prod\n"
        "spec:\n  ingressClassName: nginx\n  rules: []\n"
    )
    issuer = (
        "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\n"
        "spec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory\n"
    )
    stack, _ = _named({"k8s/ingress.yaml": ingress, "k8s/issuer.yaml": issuer})
    assert {"NGINX Ingress Controller", "Let's Encrypt"} <= stack
    # an Ingress alone does not say Let's Encrypt
    assert "Let's Encrypt" not in _named({"k8s/ingress.yaml": ingress})[0]


def test_a_fixture_repository_names_its_tooling_and_platforms(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "pyproject.toml": """
                [project]
                name = "site"
                dependencies = ["flask"]

                [tool.codespell]
                ignore-words-list = "te"
            """,
            "app.py": "import flask\n",
            ".vale.ini": "StylesPath = styles\n",
            "cliff.toml": "[changelog]\nheader = ''\n",
            "mise.toml": "[tools]\npython = '3.12'\n",
            "crowdin.yml": "files: []\n",
            "render.yaml": "services: []\n",
            "systemd/app.service": "[Unit]\nDescription=site\n[Service]\nExecStart=/srv/run\n",
            "docs/mkdocs.yml": "site_name: Site\n",
            "docs/netlify.toml": "[build]\npublish = 'site'\n",
            "docs/go.mod": "module example.com/docs\n\ngo 1.22\n",
            "docs/examples/fly.toml": "app = 'sample'\n",
            ".github/workflows/ci.yml": """
                on: push
                jobs:
                  docs:
                    runs-on: ubuntu-latest
                    steps:
                      - run: uv run mike deploy --push latest
                      - uses: depot/build-push-action@v1
            """,
            "README.md": "We use Sentry and Datadog and deploy to Railway.\n",
        },
    )
    stack, _ = _stack(root)
    assert {
        "codespell",
        "Vale",
        "git-cliff",
        "mise",
        "Crowdin",
        "Render",
        "systemd",
        "MkDocs",
        "mike",
        "Netlify",
        "Depot",
    } <= stack
    # a README's words are not evidence, a docs site's go.mod is not Go code, an example's
    # fly.toml is the example's
    assert not {"Sentry", "Datadog", "Railway", "Go", "Fly.io"} & stack


def test_command_and_config_rules_are_lower_case_and_name_known_tools() -> None:
    for entry in load_catalog():
        for value in [*entry.commands, *entry.config, *entry.actions]:
            assert value == value.lower(), (entry.name, value)
        for value in entry.config:
            assert value.split(":", 1)[0] in {
                "pyproject",
                "package.json",
                "setup.cfg",
                "ingress-class",
                "acme",
                "image-tag",
                "heroku-addon",
                "buildpack",
            }, (entry.name, value)
