"""The CLI skeleton: version, help on every command, light start-up, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import typer.main

from archwise import __version__
from archwise.cli.main import app
from tests.conftest import EXAMPLES, invoke

HEAVY = (
    "numpy",
    "scipy",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "uvicorn",
    "mcp",
    "matplotlib",
    "grimp",
    "tree_sitter",
    "jinja2",
)


def _commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    out: list[list[str]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        out.append(path)
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])

    walk(root, [])
    return out


def test_version(cli) -> None:
    result = invoke(cli, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"archwise {__version__}"


def test_every_command_has_help(cli) -> None:
    root = typer.main.get_command(app)
    for path in _commands():
        result = invoke(cli, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.stdout, path
        cmd = root
        for part in path:
            assert isinstance(cmd, click.Group)
            cmd = cmd.commands[part]
        if path:
            assert (cmd.help or cmd.short_help or "").strip(), f"{' '.join(path)} has no help text"


def test_unknown_command_is_usage_error(cli) -> None:
    result = invoke(cli, "no-such-command")
    assert result.exit_code == 2


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from archwise.cli.main import app\n"
        "import json; print(json.dumps(sorted(m for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(json.loads(out.stdout))
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert heavy == [], f"`archwise --help` imports heavy modules: {heavy}"


def test_warm_json_run_skips_rich_the_parsers_and_the_plugin_scan() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['archwise', 'recommend', sys.argv[1], '--json']\n"
        "from archwise.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import pydantic.plugin._loader as loader\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "seen = sorted(top & {'rich', 'yaml', 'ruamel'})\n"
        "sys.stderr.write(json.dumps({'seen': seen, 'scanned': loader._plugins is not None}))\n"
    )
    example = str(EXAMPLES / "chat-system.yaml")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, example], capture_output=True, text=True, env=env
        )
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout, "the cache never changes the answer"
    assert json.loads(runs[1].stdout)["options"], runs[1].stderr
    assert json.loads(runs[0].stderr)["seen"] == ["ruamel", "yaml"], "the first run parses"
    assert json.loads(runs[1].stderr) == {"seen": [], "scanned": False}


def test_console_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "archwise" in out.stdout


# Commands that do not report: servers, schema printers (always JSON), and actions that print a
# path or a diagram, as adr-tools does. Every other command must take --json.
NOT_REPORTING = {
    "mcp": "a server",
    "serve": "a server",
    "schema requirements": "prints JSON Schema already",
    "kb schema": "prints JSON Schema already",
    "adr init": "prints the path it wrote, like adr-tools",
    "adr new": "prints the path it wrote, like adr-tools",
    "adr status": "an edit",
    "adr supersede": "an edit",
    "adr link": "an edit",
    "adr index": "writes the index into a README",
    "adr graph": "prints Mermaid or Graphviz text",
    "adr completion": "prints a shell script",
    "registry radar export": "prints the chosen radar format",
}


def test_every_reporting_command_takes_json() -> None:
    root = typer.main.get_command(app)
    missing = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
            return
        opts = {o for p in cmd.params for o in getattr(p, "opts", [])}
        name = " ".join(path)
        if "--json" not in opts and name not in NOT_REPORTING:
            missing.append(name)

    walk(root, [])
    assert missing == [], f"reporting commands without --json: {missing}"


def test_command_index_matches_what_the_modules_register() -> None:
    import importlib

    from archwise.cli.main import COMMAND_INDEX, COMMAND_MODULES

    found: dict[str, str] = {}
    for module in COMMAND_MODULES:
        sub = typer.Typer()
        sub.callback()(lambda: None)
        importlib.import_module(module).register(sub)
        for name in typer.main.get_command(sub).commands:  # type: ignore[attr-defined]
            found[name] = module
    assert found == COMMAND_INDEX


def test_a_verb_runs_with_only_its_module_built() -> None:
    for args in (["kb", "list", "--json"], ["--version"], ["evaluate", "PostgreSQL", "--json"]):
        out = subprocess.run(
            [sys.executable, "-m", "archwise.cli.main", *args], capture_output=True, text=True
        )
        assert out.returncode == 0, (args, out.stderr)
    bad = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "recommend"], capture_output=True, text=True
    )
    assert bad.returncode == 2


def test_json_of_a_model_has_the_values_of_its_json_dump(capsys) -> None:
    from pydantic import BaseModel, Field

    from archwise.cli._common import emit_json
    from archwise.jsonable import to_jsonable

    class Out(BaseModel):
        small: float
        named: int = Field(serialization_alias="from")
        text: str

    out = Out(small=2.5e-7, named=3, text="naïve ✓")
    emit_json(out)
    printed = capsys.readouterr().out
    assert printed.endswith("}\n") and "naïve ✓" in printed
    assert (
        json.loads(printed) == to_jsonable(out) == {"small": 2.5e-7, "from": 3, "text": "naïve ✓"}
    )


def test_styled_output_never_shows_raw_markup_tags(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Consoles print literally, so a styled line must ask for markup or its tags show."""
    import re

    raw = re.compile(r"\[/?(bold|dim|green|red|yellow|cyan)[^\]]*\]|\[/\]")
    runs = [
        ("demo",),
        ("capacity", "plan", str(EXAMPLES / "chat-system.yaml")),
        ("agent", "install", "--for", "claude", str(tmp_path)),
    ]
    for args in runs:
        result = invoke(cli, *args)
        assert result.exit_code == 0, result.output
        assert not raw.search(result.output), (args, raw.search(result.output))
