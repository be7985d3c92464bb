"""PyPI's and npm's long tail, chosen from popularity data (issue 16, eighth round)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archwise.analyze.catalog import DATA_DIR
from archwise.kb.loader import load_kb

from .repos import catalogue_file as _file
from .repos import write
from .test_catalog_breadth import _stack

NEW = ("popular_pypi", "popular_npm")


@pytest.mark.parametrize("stem", NEW)
def test_the_new_files_load_and_add_no_name_or_package_twice(stem: str) -> None:
    mine = _file(stem).technologies
    assert len(mine) >= 50
    others = [
        e for f in DATA_DIR.glob("*.yaml") if f.stem != stem for e in _file(f.stem).technologies
    ]
    names = {n.casefold() for e in others for n in (e.name, *e.aliases)}
    for t in load_kb(()).technologies.values():
        names |= {n.casefold() for n in (t.name, *t.aliases)}
    pypi = {re.sub(r"[-_.]+", "-", p).lower() for e in others for p in e.pypi}
    npm = {p.lower() for e in others for p in e.npm}
    for e in mine:
        assert not {n.casefold() for n in (e.name, *e.aliases)} & names, e.name
        assert not {re.sub(r"[-_.]+", "-", p).lower() for p in e.pypi} & pypi, e.name
        assert not {p.lower() for p in e.npm} & npm, e.name
        # type packages, stubs and shims are never an entry's evidence
        assert not [p for p in e.npm if p.startswith("@types/")], e.name
        assert not [p for p in e.pypi if p.startswith("types-") or p.endswith("-stubs")], e.name


def test_a_repository_using_the_new_packages_is_recognised(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "pyproject.toml": """
                [project]
                name = "reports"
                dependencies = [
                    "pymupdf>=1.24", "lark>=1.1", "networkx>=3", "litellm>=1.40",
                    "typing-extensions>=4", "types-requests", "urllib3>=2", "six",
                ]
                [dependency-groups]
                dev = ["syrupy>=4", "pytest>=8", "import-linter>=2"]
            """,
            "reports/__init__.py": "",
            "reports/render.py": "import fitz\nimport lark\n\n\ndef render():\n    return fitz, lark\n",
            "web/package.json": """
                {"name": "web", "private": true,
                 "dependencies": {"react": "^18.3.0", "katex": "^0.16.0", "effect": "^3.0.0",
                                  "inquirer": "^9.2.0", "tslib": "^2.6.0",
                                  "next-themes": "^0.3.0", "react-hot-toast": "^2.4.0"},
                 "devDependencies": {"fast-check": "^3.19.0", "@types/node": "^20.0.0",
                                     "typescript": "^5.4.0"}}
            """,
            "web/src/index.ts": "export const theme = 'dark';\n",
        },
    )
    stack, _ = _stack(root)
    assert {"PyMuPDF", "Lark", "NetworkX", "LiteLLM", "syrupy", "Import Linter"} <= stack
    assert {"KaTeX", "Effect", "Inquirer", "fast-check", "React"} <= stack
    # type packages, shims, plumbing and one-widget helpers from the same top lists name nothing
    assert not {
        "typing-extensions",
        "types-requests",
        "urllib3",
        "six",
        "tslib",
        "next-themes",
        "react-hot-toast",
    } & {s.casefold() for s in stack}
    assert "@types/node" not in stack


def test_a_type_stub_or_utility_package_alone_names_nothing(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "requirements.txt": "types-PyYAML\ntyping-extensions\ncharset-normalizer\nidna\n",
            "app.py": "print('hi')\n",
        },
    )
    stack, housekeeping = _stack(root)
    assert stack <= {"Python", "pip"}, stack
    assert not housekeeping
