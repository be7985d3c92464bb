"""Markup named from the files that carry it (issue 16, task i16g): pages, server templates and
stylesheets of the software's own, two files or more; not those of docs, samples or tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.analyze.languages import extension_of, language_for

from .repos import write
from .test_catalog_breadth import _stack


@pytest.mark.parametrize(
    ("name", "extension", "language"),
    [
        ("show.blade.php", ".blade.php", "Template"),
        ("Show.Blade.PHP", ".blade.php", "Template"),
        ("Kernel.php", ".php", "PHP"),
        (".blade.php", ".php", "PHP"),
        ("index.html.heex", ".heex", "Template"),
        ("base.html.twig", ".twig", "Template"),
        ("layout.gohtml", ".gohtml", "Template"),
        ("LICENSE", "", None),
    ],
)
def test_a_compound_template_extension_is_one_extension(
    name: str, extension: str, language: str | None
) -> None:
    assert extension_of(name) == extension
    lang = language_for(name)
    assert (lang.name if lang else None) == language


def test_server_templates_and_a_stylesheet_name_html_and_css(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}\n',
            "app/Http/Controllers/HomeController.php": "<?php\nclass HomeController {}\n",
            "resources/views/home.blade.php": "<h1>{{ $title }}</h1>\n",
            "resources/views/layout.blade.php": "<main>@yield('content')</main>\n",
            "resources/css/app.css": "h1 { color: red; }\n",
            "resources/css/print.css": "main { margin: 0; }\n",
        },
    )
    stack, _ = _stack(root)
    assert {"PHP", "Laravel", "HTML", "CSS"} <= stack


def test_one_page_is_not_a_language_of_the_software(tmp_path: Path) -> None:
    files = {
        "package.json": '{"devDependencies": {"vite": "^5.0.0"}}\n',
        "index.html": '<div id="app"></div><script type="module" src="/src/main.js"></script>\n',
        "src/main.js": "document.getElementById('app').textContent = 'hi'\n",
        "src/view.js": "export const view = 1\n",
    }
    assert "HTML" not in _stack(write(tmp_path / "one", files))[0]
    files["404.html"] = "<p>Not found</p>\n"
    assert "HTML" in _stack(write(tmp_path / "two", files))[0]


def test_pages_of_docs_samples_and_test_fixtures_name_no_markup(tmp_path: Path) -> None:
    root = write(
        tmp_path / "svc",
        {
            "go.mod": "module example.com/svc\n\ngo 1.22\n",
            "main.go": "package main\n\nfunc main() {}\n",
            "docs/index.html": "<h1>Docs</h1>\n",
            "docs/guide.html": "<h1>Guide</h1>\n",
            "docs/site.css": "body { margin: 0; }\n",
            "docs/print.css": "body { margin: 1em; }\n",
            "examples/widget/page.html": "<p>example</p>\n",
            "examples/widget/other.html": "<p>example</p>\n",
            "internal/parse/testdata/page.html": "<p>fixture</p>\n",
            "tests/pages/sample.html": "<p>test page</p>\n",
            "tests/pages/other.html": "<p>test page</p>\n",
        },
    )
    stack, _ = _stack(root)
    assert "Go" in stack
    assert not {"HTML", "CSS"} & stack
