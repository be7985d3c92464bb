"""Direct dependencies readers name, in every ecosystem, and the tools a CI step runs by name
(issue 16, twelfth round): `analyze/data/direct_deps.yaml`."""

from __future__ import annotations

from .test_catalog_breadth import _named


def test_python_libraries_a_django_app_declares_are_named() -> None:
    requirements = (
        "Django==5.1\ndjango-redis==5.4\ndjango-rq==2.10\nrequests==2.32\nPillow==11.0\n"
        "netaddr==1.3\npycurl==7.45\n"
    )
    stack, _ = _named({"requirements.txt": requirements})
    assert {"Django", "django-redis", "django-rq", "Requests", "Pillow", "netaddr"} <= stack
    assert "pycurl" in stack


def test_gems_a_rails_app_declares_are_named() -> None:
    gemfile = (
        'source "https://rubygems.org"\n\ngem "rails", "~> 8.0"\ngem "devise"\n'
        'gem "devise_invitable"\ngem "rqrcode"\ngem "sablon"\ngem "resque-pool"\n'
    )
    stack, _ = _named({"Gemfile": gemfile})
    assert {"devise_invitable", "RQRCode", "Sablon", "resque-pool"} <= stack


def test_npm_packages_and_a_pnpm_workspace_are_named() -> None:
    package = """{
      "name": "@acme/web",
      "dependencies": {
        "@floating-ui/dom": "^1.6.0", "nuqs": "^2.0.0", "@ai-sdk/anthropic": "^1.0.0",
        "@ai-sdk/openai": "^1.0.0", "xterm": "^5.3.0", "@vercel/blob": "^0.27.0"
      }
    }"""
    files = {"package.json": package, "pnpm-workspace.yaml": "packages:\n  - apps/*\n"}
    stack, _ = _named(files)
    assert {"Floating UI", "nuqs", "Anthropic", "OpenAI API", "xterm.js", "Vercel Blob"} <= stack
    assert "pnpm workspaces" in stack


def test_a_pnpm_workspace_file_in_a_subfolder_is_not_the_repository_s() -> None:
    stack, _ = _named({"docs/pnpm-workspace.yaml": "packages:\n  - site\n"})
    assert "pnpm workspaces" not in stack


def test_rust_lints_and_formatting_are_named_from_the_cargo_commands_ci_runs() -> None:
    cargo = (
        '[package]\nname = "relay"\nversion = "0.1.0"\n\n[dependencies]\n'
        'tower-http = "0.6"\naxum-extra = "0.9"\n\n[dev-dependencies]\nserial_test = "3"\n'
    )
    workflow = (
        "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: cargo fmt --check\n"
        "      - run: cargo clippy -- -D warnings\n"
    )
    files = {"Cargo.toml": cargo, ".github/workflows/ci.yml": workflow}
    stack, _ = _named(files)
    assert {"Clippy", "rustfmt", "tower-http", "axum-extra", "serial_test"} <= stack


def test_a_tool_an_image_installs_with_cargo_is_named() -> None:
    dockerfile = "FROM rust:1.80 AS build\nRUN cargo install --locked sqlx-cli\n"
    stack, _ = _named({"Dockerfile": dockerfile})
    assert "sqlx-cli" in stack


def test_hex_composer_maven_and_go_libraries_are_named() -> None:
    mix = (
        "defmodule App.MixProject do\n  use Mix.Project\n  defp deps do\n    [\n"
        '      {:sweet_xml, "~> 0.7"},\n      {:con_cache, "~> 1.0"},\n'
        '      {:yaml_elixir, "~> 2.9"}\n    ]\n  end\nend\n'
    )
    composer = '{"require": {"j0k3r/graby": "^2.4", "socialiteproviders/okta": "^4.0"}}'
    pom = (
        "<project><dependencies>\n"
        "<dependency><groupId>org.springdoc</groupId>"
        "<artifactId>springdoc-openapi-starter-webmvc-ui</artifactId></dependency>\n"
        "<dependency><groupId>org.apache.commons</groupId>"
        "<artifactId>commons-lang3</artifactId></dependency>\n"
        "</dependencies></project>\n"
    )
    gomod = (
        "module example.com/mailer\n\ngo 1.22\n\nrequire (\n"
        "\tgithub.com/gorilla/feeds v1.2.0\n\tgithub.com/knadh/goyesql/v2 v2.2.0\n)\n"
    )
    files = {"mix.exs": mix, "composer.json": composer, "pom.xml": pom, "go.mod": gomod}
    stack, _ = _named(files)
    assert {"SweetXml", "ConCache", "YamlElixir", "Graby", "Socialite Providers"} <= stack
    assert {"springdoc-openapi", "Apache Commons Lang", "gorilla/feeds", "goyesql"} <= stack


def test_tools_named_by_their_own_files_and_package_families() -> None:
    package = """{
      "name": "dashboard",
      "dependencies": {"@nivo/line": "^0.88.0", "@lexical/react": "^0.17.0", "@mdx-js/react": "^3"}
    }"""
    files = {
        "package.json": package,
        "process-compose.yaml": "processes:\n  web:\n    command: npm run dev\n",
        "apps/api/dofigen.yml": "fromImage: rust:1.80\n",
    }
    stack, _ = _named(files)
    assert {"Nivo", "Lexical", "MDX", "process-compose", "Dofigen"} <= stack
