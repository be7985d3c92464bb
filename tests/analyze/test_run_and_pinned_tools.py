"""What an image, a Procfile, a version manager and a Heroku app.json run (issue 16, round 8)."""

from __future__ import annotations

import json

from archwise.analyze.manifests import is_manifest, parse_manifest

from .test_catalog_breadth import _named


def _values(path: str, text: str, kind: str) -> set[str]:
    return {s.value for s in parse_manifest(path, text).signals if s.kind == kind}


def test_cmd_and_entrypoint_are_commands_like_run_lines() -> None:
    dockerfile = (
        "FROM python:3.12-slim\n"
        'ENTRYPOINT ["/usr/bin/tini", "--"]\n'
        'CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]\n'
    )
    found = _values("Dockerfile", dockerfile, "command")
    assert {"tini", "gunicorn"} <= found
    assert "Gunicorn" in _named({"Dockerfile": dockerfile})[0]
    shell_form = "FROM ruby:3.3\nCMD bundle exec sidekiq -C config/sidekiq.yml\n"
    assert "Sidekiq" in _named({"Dockerfile": shell_form})[0]


def test_an_image_tag_names_the_server_variant_it_ships() -> None:
    fpm = "FROM php:8.3-fpm-alpine AS base\nFROM base\n"
    assert _values("Dockerfile", fpm, "config") == {"image-tag:php:8.3-fpm-alpine"}
    assert "PHP-FPM" in _named({"Dockerfile": fpm})[0]
    apache = "FROM php:8.2-apache-bookworm\n"
    assert "Apache HTTP Server" in _named({"Dockerfile": apache})[0]
    assert "Apache HTTP Server" in _named({"Dockerfile": "FROM php:8.3\nRUN a2enmod rewrite\n"})[0]
    # a tag that is a variable, or no tag at all, says nothing of the variant
    assert _values("Dockerfile", "FROM php:${PHP}-apache\nFROM php\n", "config") == set()
    assert not {"Apache HTTP Server", "PHP-FPM"} & _named({"Dockerfile": "FROM php:8.3-cli\n"})[0]


def test_every_procfile_process_type_is_read_for_its_command() -> None:
    procfile = (
        "release: bundle exec rails db:migrate\n"
        "web: bundle exec puma -C config/puma.rb\n"
        "worker: bundle exec good_job start\n"
    )
    found = _values("Procfile", procfile, "command")
    assert {"rails", "puma", "good_job", "good_job start"} <= found
    stack, _ = _named({"Procfile": procfile})
    assert {"Puma", "Good Job"} <= stack
    # the one-off release phase is still not a long-lived process
    assert [d.name for d in parse_manifest("Procfile", procfile).deployables] == ["web", "worker"]


def test_tools_a_version_manager_pins_are_the_commands_they_provide() -> None:
    assert is_manifest(".tool-versions") and is_manifest("mise.toml")
    pinned = "erlang 26.2\nelixir 1.16.1-otp-26\n# a comment\npostgres 16.2\nnodejs 20.11.0\n"
    assert _values(".tool-versions", pinned, "command") == {"erlang", "elixir", "postgres", "node"}
    stack, _ = _named({".tool-versions": pinned})
    assert "PostgreSQL" in stack
    mise = '[tools]\nterraform = "1.8"\n"aqua:helm/helm" = "3.14"\n\n[env]\nFOO = "1"\n'
    assert _values("mise.toml", mise, "command") == {"terraform", "helm"}


def test_heroku_app_json_names_its_add_ons_and_buildpacks() -> None:
    app = {
        "name": "shop",
        "addons": ["heroku-postgresql:mini", {"plan": "heroku-redis"}, "papertrail"],
        "buildpacks": [{"url": "heroku/ruby"}],
    }
    text = json.dumps(app, indent=2)
    found = _values("app.json", text, "config")
    assert {"heroku-addon:heroku-postgresql", "heroku-addon:heroku-redis"} <= found
    assert "buildpack:heroku/ruby" in found
    stack, _ = _named({"app.json": text})
    assert {"Heroku", "PostgreSQL", "Redis", "Papertrail (logs)"} <= stack
    # an Expo app.json is not a Heroku app
    expo = json.dumps({"expo": {"name": "app", "slug": "app"}})
    assert parse_manifest("app.json", expo).signals == []


def test_docker_login_to_a_registry_url_names_the_registry() -> None:
    step = (
        "on: push\njobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: printf "$T" | docker login https://ghcr.io -u me --password-stdin\n'
    )
    assert "ghcr.io" in _values(".github/workflows/push.yml", step, "registry")


def test_saas_keys_are_read_through_the_prefix_a_front_end_build_exposes() -> None:
    env = "VITE_STRIPE_PUBLISHABLE_KEY=pk_test\nNEXT_PUBLIC_POSTHOG_KEY=phc\nSLACK_BOT_TOKEN=\n"
    stack, _ = _named({".env.example": env})
    assert {"Stripe", "PostHog", "Slack API"} <= stack
    # a prefix that only looks like one (VITEST_) is not stripped
    assert "Stripe" not in _named({".env": "VITEST_STRIPE=1\n"})[0]
