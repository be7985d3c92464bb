"""Parts a framework hides, or names it keeps, as the ground truths name them (issue 16, i16k)."""

from __future__ import annotations

from archwise.analyze.catalog import load_catalog, names

from .test_catalog_breadth import _named

GEMFILE = 'source "https://rubygems.org"\ngem "rails"\ngem "pg"\ngem "sidekiq"\ngem "{extra}"\n'


def test_a_scheduler_for_sidekiq_is_named_beside_it() -> None:
    stack, _ = _named({"Gemfile": GEMFILE.format(extra="sidekiq-cron")})
    assert {"Sidekiq", "Sidekiq Cron"} <= stack


def test_the_ruby_driver_is_its_database() -> None:
    stack, _ = _named({"Gemfile": GEMFILE.format(extra="sidekiq-cron")})
    assert "PostgreSQL" in stack
    assert "pg gem" not in stack


def test_the_feature_flag_gem_is_flipper_and_the_mobile_debugger_is_qualified() -> None:
    stack, _ = _named({"Gemfile": GEMFILE.format(extra="flipper")})
    assert "Flipper" in stack
    assert "Flipper (React Native)" not in stack
    spelled = names(load_catalog())
    assert spelled["flipper feature flags"] == "Flipper"


def test_pytest_django_is_named_beside_pytest() -> None:
    requirements = "Django==5.0\npytest==8.0\npytest-django==4.8\npytest-cov==5.0\n"
    stack, _ = _named({"requirements.txt": requirements})
    assert {"Django", "pytest", "pytest-django"} <= stack
    assert "pytest-cov" not in stack  # named as often as not: still the runner's


def test_the_angular_cli_is_angular() -> None:
    package = (
        '{"dependencies": {"@angular/core": "^19.0.0"},'
        ' "devDependencies": {"@angular/cli": "^19.0.0"}}'
    )
    stack, _ = _named({"package.json": package, "angular.json": "{}"})
    assert "Angular" in stack
    assert "Angular CLI" not in stack


def test_package_names_readers_use_are_aliases() -> None:
    spelled = names(load_catalog())
    assert spelled["markdown"] == "Python-Markdown"  # the PyPI project is `Markdown`
    assert spelled["config"] == "config-rs"  # the crate is `config`


def test_libraries_no_truth_names_stay_out() -> None:
    package = (
        '{"dependencies": {"react": "^18.0.0", "clipboard": "^2.0.0", "react-window": "^1.8.0",'
        ' "papaparse": "^5.0.0", "request": "^2.88.0"}}'
    )
    stack, _ = _named({"package.json": package})
    assert "React" in stack
    assert not {"clipboard.js", "react-window", "Papa Parse", "request"} & stack
    gemfile = 'source "https://rubygems.org"\ngem "sinatra"\ngem "mini_magick"\n'
    stack, _ = _named({"Gemfile": gemfile})
    assert "ImageMagick" not in stack
