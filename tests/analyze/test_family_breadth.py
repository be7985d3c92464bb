"""Families by ecosystem, tenth round: the new file loads, adds no duplicate, and is used (issue 16)."""

from __future__ import annotations

from pathlib import Path

from archwise.analyze.catalog import DATA_DIR
from archwise.kb.stack_catalog import load_catalog

from .repos import catalogue_file, write
from .test_catalog_breadth import _stack

KINDS = ("pypi", "npm", "go", "maven", "rubygems", "hex", "composer")


def test_the_catalogue_loads_with_the_families_and_maps_no_package_twice() -> None:
    mine = catalogue_file("more_families").technologies
    assert len(mine) >= 200
    assert {e.name for e in mine} <= {e.name for e in load_catalog()}
    elsewhere = {
        (k, p.lower())
        for f in sorted(DATA_DIR.glob("*.yaml"))
        if f.stem != "more_families"
        for e in catalogue_file(f.stem).technologies
        for k in KINDS
        for p in getattr(e, k)
    }
    for e in mine:
        for k in KINDS:
            for p in getattr(e, k):
                assert (k, p.lower()) not in elsewhere, (e.name, p)
    # every ecosystem the round covered has a family in the file
    for k in KINDS:
        assert sum(1 for e in mine if getattr(e, k)) >= 10, k


def test_a_repository_using_the_families_is_recognised(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "web/pyproject.toml": """
                [project]
                name = "shop"
                dependencies = ["Django>=5.0", "django-tenants>=3.6", "django-hijack>=3.4",
                                "sorl-thumbnail>=12", "python-dateutil>=2.9"]
                [project.optional-dependencies]
                dev = ["django-test-plus>=2.2", "pytest-vcr>=1.0"]
            """,
            "web/manage.py": "import django\n",
            "web/shop/settings.py": "INSTALLED_APPS = ['django_tenants', 'hijack']\n",
            "ui/package.json": """
                {"name": "ui", "dependencies": {"react": "^18.3.0", "react-icons": "^5.2.0",
                 "nanostores": "^0.10.0", "clsx": "^2.1.0"},
                 "devDependencies": {"webpack-bundle-analyzer": "^4.10.0"}}
            """,
            "ui/src/index.jsx": "import React from 'react';\n",
            "edge/go.mod": """
                module example.com/edge

                go 1.22

                require (
                \tgithub.com/go-chi/chi/v5 v5.0.12
                \tgithub.com/nicksnyder/go-i18n/v2 v2.4.0
                \tgithub.com/hashicorp/golang-lru/v2 v2.0.7
                \tgithub.com/google/uuid v1.6.0
                )
            """,
            "edge/main.go": "package main\n\nfunc main() {}\n",
            "billing/pom.xml": """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>x</groupId><artifactId>billing</artifactId><version>1</version>
                  <dependencies>
                    <dependency><groupId>org.zalando</groupId>
                      <artifactId>logbook-spring-boot-starter</artifactId></dependency>
                    <dependency><groupId>org.togglz</groupId>
                      <artifactId>togglz-spring-boot-starter</artifactId></dependency>
                  </dependencies>
                </project>
            """,
            "billing/src/main/java/x/App.java": "package x;\nclass App {}\n",
            "shop/Gemfile": """
                source "https://rubygems.org"
                gem "rails", "~> 7.2"
                gem "pretender"
                gem "request_store"
                group :development do gem "better_errors" end
            """,
            "shop/config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n",
            "admin/composer.json": """
                {"require": {"php": ">=8.2", "laravel/framework": "^11.0",
                             "wireui/wireui": "^2.0", "spatie/laravel-flare": "^1.0"}}
            """,
            "admin/artisan": "#!/usr/bin/env php\n<?php\n",
            "hub/mix.exs": """
                defmodule Hub.MixProject do
                  use Mix.Project
                  def project, do: [app: :hub, deps: deps()]
                  defp deps, do: [{:phoenix, "~> 1.7"}, {:backpex, "~> 0.8"}, {:xandra, "~> 0.18"}]
                end
            """,
            "hub/lib/hub.ex": "defmodule Hub do\nend\n",
        },
    )
    stack, housekeeping = _stack(root)
    named = stack | housekeeping
    assert {"django-tenants", "django-hijack", "sorl-thumbnail", "django-test-plus", "VCR"} <= named
    assert {"React Icons", "Nano Stores", "webpack-bundle-analyzer"} <= named, named
    assert {"go-i18n", "golang-lru"} <= named, named
    assert {"Zalando Logbook", "Togglz"} <= named, named
    assert {"Pretender", "WireUI", "Flare", "Backpex", "Cassandra"} <= named, named
    # a developer helper is listed apart from the stack
    assert "webpack-bundle-analyzer" in housekeeping and "better_errors" in housekeeping
    assert "webpack-bundle-analyzer" not in stack
