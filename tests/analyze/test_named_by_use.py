"""Names a reader gives by what a tree does with a package, not by its being declared (round 9)."""

from __future__ import annotations

from pathlib import Path

from tests.analyze.repos import analysed, write


def _stack(root: Path) -> set[str]:
    return {s["name"] for s in analysed(root)["stack"]}


def test_ts_node_is_named_where_a_script_or_prisma_s_seed_runs_it(tmp_path: Path) -> None:
    declared = {
        "package.json": '{"name": "api", "dependencies": {"express": "^4"},'
        ' "devDependencies": {"ts-node": "^10", "typescript": "^5"}}',
        "src/index.ts": "import express from 'express';\n",
    }
    assert "ts-node" not in _stack(write(tmp_path / "declared", declared))
    seeded = dict(declared)
    seeded["package.json"] = (
        '{"name": "api", "dependencies": {"express": "^4"},'
        ' "prisma": {"seed": "ts-node --transpile-only prisma/seed.ts"},'
        ' "devDependencies": {"ts-node": "^10", "typescript": "^5"}}'
    )
    assert "ts-node" in _stack(write(tmp_path / "seeded", seeded))


def test_rust_logging_is_named_by_the_logger_not_the_facade(tmp_path: Path) -> None:
    crate = '[package]\nname = "{name}"\nversion = "0.1.0"\n\n[dependencies]\n{deps}\n'
    facade = {
        "Cargo.toml": crate.format(name="lib", deps='log = "0.4"'),
        "src/lib.rs": "pub fn f() {}\n",
    }
    assert "log crate" not in _stack(write(tmp_path / "facade", facade))
    logger = {
        "Cargo.toml": crate.format(name="app", deps='log = "0.4"\nenv_logger = "0.11"'),
        "src/main.rs": "fn main() {}\n",
    }
    assert "log crate" in _stack(write(tmp_path / "logger", logger))


def test_a_symfony_api_doc_bundle_is_not_laravel_s_generator(tmp_path: Path) -> None:
    files = {
        "composer.json": '{"require": {"symfony/framework-bundle": "^7.0",'
        ' "nelmio/api-doc-bundle": "^4.0"}}',
        "src/Kernel.php": "<?php\nnamespace App;\nclass Kernel {}\n",
    }
    stack = _stack(write(tmp_path / "shop", files))
    assert "NelmioApiDocBundle" in stack
    assert "L5-Swagger" not in stack
