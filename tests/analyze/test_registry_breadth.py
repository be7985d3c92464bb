"""RubyGems, Composer, crates, Hex and pub breadth, and their manifests' gaps (issue 16, ninth round)."""

from __future__ import annotations

import functools
from pathlib import Path

from archwise.analyze.catalog import DATA_DIR
from archwise.analyze.manifests import is_manifest, parse_manifest
from archwise.kb.loader import load_kb

from .repos import catalogue_file as _file
from .repos import write
from .test_catalog_breadth import _stack

NEW = {
    "more_ruby": "rubygems",
    "more_php": "composer",
    "more_rust": "cargo",
    "more_elixir": "hex",
    "more_dart": "pub",
}


@functools.cache
def _others() -> tuple[dict[str, str], dict[str, str], set[tuple[str, str]]]:
    """Outside the new files (catalogue first, then KB, as the loader resolves names): each
    name's category, each name's or alias's technology, and each package of these kinds."""
    category: dict[str, str] = {}
    owner: dict[str, str] = {}
    packages: set[tuple[str, str]] = set()
    rest = [
        e
        for f in sorted(DATA_DIR.glob("*.yaml"))
        if f.stem not in NEW
        for e in _file(f.stem).technologies
    ]
    for e in rest:
        category.setdefault(e.name.casefold(), str(e.category))
        for a in (e.name, *e.aliases):
            owner.setdefault(a.casefold(), e.name)
        packages |= {(k, p.lower()) for k in NEW.values() for p in getattr(e, k)}
    for t in load_kb(()).technologies.values():
        category.setdefault(t.name.casefold(), "kb")
        for a in (t.name, *t.aliases):
            owner.setdefault(a.casefold(), t.name)
    return category, owner, packages


def test_the_new_files_load_and_name_no_technology_twice() -> None:
    canonical, owner, packages = _others()
    for stem, kind in NEW.items():
        mine = _file(stem).technologies
        assert len(mine) >= 60, stem
        assert sum(1 for e in mine if getattr(e, kind)) >= 50, stem
        for e in mine:
            # a name already catalogued is the same technology (its canonical name and
            # category: the entry adds this ecosystem's packages); an alias never points at
            # another one, and no package is mapped twice
            key = e.name.casefold()
            if key in owner:
                assert owner[key] == e.name, e.name
                assert canonical.get(key) in (e.category, "kb"), e.name
            for alias in e.aliases:
                assert owner.get(alias.casefold(), e.name) == e.name, (e.name, alias)
            for k in NEW.values():
                for p in getattr(e, k):
                    assert (k, p.lower()) not in packages, (e.name, p)


def test_a_repository_using_the_new_packages_is_recognised(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "Gemfile": """
                source "https://rubygems.org"
                gem "rails", "~> 7.1"
                gem "http"
                gem "braintree"
                gem "connection_pool"
                group :test do gem "mutant" end
                gem "rack-test", group: :test
            """,
            "config/application.rb": "module App\n  class Application < Rails::Application\n  end\nend\n",
            "app/models/user.rb": "class User < ApplicationRecord\nend\n",
            "api/composer.json": """
                {"require": {"php": ">=8.2", "laravel/framework": "^11.0",
                             "stancl/tenancy": "^3.8", "tecnickcom/tcpdf": "^6.7",
                             "psr/log": "^3.0", "symfony/http-client": "^7.0"},
                 "require-dev": {"phpspec/prophecy": "^1.19", "nunomaduro/collision": "^8.0"}}
            """,
            "api/artisan": "#!/usr/bin/env php\n<?php\n",
            "api/app/Models/Team.php": "<?php\nnamespace App\\Models;\nclass Team {}\n",
            "core/Cargo.toml": """
                [package]
                name = "core"
                [dependencies]
                apalis = "0.6"
                tokio = { version = "1", features = ["full"] }
                once_cell = "1"
                image = "0.25"
                [target.'cfg(unix)'.build-dependencies]
                bindgen = "0.70"
            """,
            "core/src/lib.rs": "pub fn run() {}\n",
            "hub/mix.exs": """
                defmodule Hub.MixProject do
                  use Mix.Project
                  def project, do: [app: :hub, deps: deps()]
                  defp deps do
                    [{:phoenix, "~> 1.7"}, {:castore, "~> 1.0"}]
                    |> then(fn d ->
                      if Mix.env() == :prod do
                        d
                      end
                    end)
                    |> Kernel.++([{:ash_graphql, "~> 1.4"}, {:benchee, "~> 1.3", only: :dev}])
                  end
                end
            """,
            "hub/lib/hub.ex": "defmodule Hub do\nend\n",
            "mobile/pubspec.yaml": """
                name: mobile
                dependencies:
                  flutter:
                    sdk: flutter
                  rxdart: ^0.28.0
                  image_picker: ^1.1.0
                dev_dependencies:
                  alchemist: ^0.10.0
                  test: ^1.25.0
            """,
            "mobile/lib/main.dart": "void main() {}\n",
        },
    )
    stack, _ = _stack(root)
    assert {"HTTP.rb", "Braintree", "Mutant"} <= stack, stack
    assert {"Tenancy for Laravel", "TCPDF", "Prophecy"} <= stack, stack
    assert {"Apalis", "bindgen"} <= stack, stack
    assert {"AshGraphql", "Benchee"} <= stack, stack
    assert {"RxDart", "Alchemist"} <= stack, stack
    # plumbing, primitives, skeleton parts and one-capability plugins name nothing
    quiet = {
        "connection_pool",
        "Rack::Test",
        "psr/log",
        "Symfony HttpClient",
        "Collision",
        "once_cell",
        "image-rs",
        "castore",
        "image_picker",
        "Dart test",
    }
    assert not quiet & stack, quiet & stack


def test_a_gemspec_and_gems_rb_are_read_for_their_dependencies() -> None:
    assert is_manifest("engines/billing/billing.gemspec")
    assert is_manifest("gems.rb")
    spec = """
Gem::Specification.new do |spec|
  spec.name = "billing"
  spec.add_dependency "stripe", ">= 10"
  spec.add_runtime_dependency("sidekiq")
  # spec.add_dependency "commented"
  s.add_development_dependency %q<rspec>, [">= 0"]
end
"""
    got = [s.value for s in parse_manifest("engines/billing/billing.gemspec", spec).signals]
    assert got == ["stripe", "sidekiq", "rspec"]
    gems = 'gem("sinatra")\ngroup :test do gem "capybara" end\n  gem "pg" # gem "nope"\n'
    assert [s.value for s in parse_manifest("gems.rb", gems).signals] == [
        "sinatra",
        "capybara",
        "pg",
    ]


def test_mix_deps_are_read_past_nested_blocks_and_from_target_lists() -> None:
    text = """
defmodule App.MixProject do
  @dep_version "~> 2.0"
  defp deps do
    [
      {:phoenix, "~> 1.7"},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false}
    ] ++ if System.get_env("CI") do
      []
    end ++ [{:oban, @dep_version}]
  end
  defp target_deps(:app), do: [{:elixirkit, github: "livebook-dev/elixirkit"}]
  defp read do
    {:ok, text} = File.read("VERSION")
    {:error, "not a dependency"}
  end
end
"""
    got = [s.value for s in parse_manifest("mix.exs", text).signals]
    assert got == ["phoenix", "credo", "oban", "elixirkit"]


def test_cargo_target_build_dependencies_and_workspace_tables_are_read() -> None:
    # a workspace pin proves only the features it switches on; the member that uses it names it
    root = """
[workspace]
members = ["crates/*"]
[workspace.dependencies]
sqlx = { version = "0.8", default-features = false, features = ["postgres"] }
my-serde = { package = "serde", version = "1" }
"""
    member = """
[package]
name = "app"
[dependencies]
sqlx.workspace = true
[target.'cfg(unix)'.build-dependencies]
bindgen = "0.70"
"""
    assert [s.value for s in parse_manifest("Cargo.toml", root).signals] == ["sqlx/postgres"]
    assert [s.value for s in parse_manifest("crates/app/Cargo.toml", member).signals] == [
        "sqlx",
        "bindgen",
    ]
