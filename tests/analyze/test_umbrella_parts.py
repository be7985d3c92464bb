"""A framework's default parts are the framework: not named beside it, named without it."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import analysed as _doc
from tests.analyze.repos import write

RAILS_VIEWS = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\n",
    "config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n",
    "app/views/orders/index.html.erb": "<h1><%= @orders.size %></h1>\n",
    "app/views/orders/show.html.erb": "<h1><%= @order.id %></h1>\n",
    "app/views/layouts/application.html.erb": "<html><%= yield %></html>\n",
}


def test_rails_default_templates_are_rails(tmp_path: Path) -> None:
    names = {s["name"] for s in _doc(write(tmp_path / "shop", RAILS_VIEWS))["stack"]}
    assert "Ruby on Rails" in names
    assert "ERB" not in names


def test_erb_without_rails_is_named(tmp_path: Path) -> None:
    files = {k: v for k, v in RAILS_VIEWS.items() if k != "config/application.rb"}
    files["Gemfile"] = "source 'https://rubygems.org'\ngem 'sinatra'\n"
    names = {s["name"] for s in _doc(write(tmp_path / "shop", files))["stack"]}
    assert "ERB" in names
