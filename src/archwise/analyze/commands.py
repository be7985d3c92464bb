"""The tools a script runs and the tool sections a shared config file holds (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

# words that run the next word (npx mkdocs, sudo hugo); their options are skipped too
_PREFIXES = frozenset(
    {
        "sudo",
        "time",
        "exec",
        "env",
        "command",
        "nohup",
        "then",
        "do",
        "else",
        "!",
        "npx",
        "pnpx",
        "bunx",
        "uvx",
        "php",
        "node",
        "deno",
    }
)
# two-word runners: `uv run X`, `poetry run X`, `bundle exec X`, `pnpm exec X`, `pipx run X`
_RUNNERS = frozenset(
    {
        ("uv", "run"),
        ("uv", "tool"),
        ("poetry", "run"),
        ("pdm", "run"),
        ("hatch", "run"),
        ("rye", "run"),
        ("pipenv", "run"),
        ("pipx", "run"),
        ("bundle", "exec"),
        ("pnpm", "exec"),
        ("pnpm", "dlx"),
        ("yarn", "dlx"),
        ("yarn", "exec"),
        ("npm", "exec"),
        ("bun", "x"),
        ("go", "tool"),
        ("dotnet", "tool"),
        ("mise", "exec"),
        ("mise", "x"),
        ("devbox", "run"),
        ("nix", "develop"),
        ("coverage", "run"),
    }
)
# options of a prefix or runner that take a value (npx -p pkg, uv run --with x, mise exec --)
_VALUED = frozenset(
    {"-p", "--package", "--with", "--from", "-c", "--group", "--extra", "--source", "--rcfile"}
)
_PYTHONS = frozenset({"python", "python3", "py"})
# runners that are tools of their own, named beside the command they run
_TOOL_RUNNERS = frozenset({"coverage"})
_SPLIT = re.compile(r"&&|\|\||[;|`]|\$\(|\(|\)")
_WORD = re.compile(r"^[A-Za-z][\w.+\-]*$")


def _words(segment: str) -> list[str]:
    return [w.strip("\"'") for w in segment.split()]


def _command(words: list[str]) -> Iterator[str]:
    """The command of one simple command, and 'command subcommand' when it has one."""
    i = 0
    while i < len(words):
        w = words[i]
        if "=" in w and not w.startswith("-") and re.match(r"^[A-Za-z_]\w*=", w):
            i += 1  # FOO=bar cmd
        elif w in _PREFIXES or (i + 1 < len(words) and (w, words[i + 1]) in _RUNNERS):
            if w in _TOOL_RUNNERS and w not in _PREFIXES:
                yield w  # a runner that is a tool of its own (coverage run pytest)
            i += 1 if w in _PREFIXES else 2
            while i < len(words) and words[i].startswith("-"):
                i += 2 if words[i] in _VALUED else 1
        elif w in _PYTHONS and i + 2 < len(words) and words[i + 1] == "-m":
            i += 2  # python -m mkdocs
        elif w in _PYTHONS and i + 1 < len(words) and words[i + 1].endswith(".py"):
            i += 1  # python manage.py test: the script is the command
        else:
            break
    if i >= len(words):
        return
    word = words[i].rsplit("/", 1)[-1].lower()  # vendor/bin/phpstan, ./node_modules/.bin/x
    if words[i].startswith("${") or not _WORD.match(word):
        return
    if "@" in word:
        word = word.split("@", 1)[0]
    yield word
    for nxt in words[i + 1 : i + 4]:
        if nxt.startswith("-"):
            continue
        sub = nxt.lower()
        if _WORD.match(sub):
            yield f"{word} {sub}"
        break


def commands(script: str) -> Iterator[tuple[str, int]]:
    """(command, line within the script) of each command a shell script runs, first words."""
    line_no, joined, start = 0, "", 1
    for raw in script.splitlines():
        line_no += 1
        stripped = raw.split(" #", 1)[0].strip()
        if stripped.startswith("#"):
            continue
        if not joined:
            start = line_no
        joined += " " + stripped.rstrip("\\")
        if stripped.endswith("\\"):
            continue
        for segment in _SPLIT.split(joined):
            for cmd in _command(_words(segment)):
                yield cmd, start
        joined = ""


# the keys of CI, task-runner and hook files whose values are shell commands
_SCRIPT_KEYS = frozenset(
    {
        "run",
        "script",
        "scripts",
        "before_script",
        "after_script",
        "before_install",
        "install",
        "command",
        "commands",
        "cmd",
        "cmds",
        "entry",
        "bash",
        "sh",
        "pwsh",
        "powershell",
        "inlinescript",
    }
)


def yaml_scripts(node: Any, under_script: bool = False) -> Iterator[str]:
    """Every string value a CI, Taskfile or hook document runs as a shell command."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from yaml_scripts(value, str(key).lower() in _SCRIPT_KEYS)
    elif isinstance(node, list):
        for item in node:
            yield from yaml_scripts(item, under_script)
    elif isinstance(node, str) and under_script:
        yield node


def script_commands(texts: Iterable[str], text: str) -> Iterator[tuple[str, int]]:
    """Commands of scripts taken from a file's text, with their line in that file."""
    for script in texts:
        first = script.strip().split("\n", 1)[0].strip()
        at = text.find(first) if first else -1
        base = text.count("\n", 0, at) + 1 if at >= 0 else 1
        for cmd, line in commands(script):
            yield cmd, base + line - 1 if at >= 0 else base


_MAKE_RULE = re.compile(r"^[^\s#=:][^=:]*:(?!=)")


def recipe_commands(text: str, tabbed: bool) -> Iterator[tuple[str, int]]:
    """Commands of a Makefile's (tab-indented) or justfile's (indented) recipes."""
    in_recipe = False
    for i, raw in enumerate(text.splitlines(), 1):
        if _MAKE_RULE.match(raw):
            in_recipe = True
            continue
        indented = raw.startswith("\t") if tabbed else raw[:1] in (" ", "\t")
        if not indented:
            in_recipe = bool(in_recipe and not raw.strip())
            continue
        if in_recipe:
            line = raw.strip().lstrip("@-+ ")
            for cmd, _ in commands(line):
                yield cmd, i


def table_keys(data: dict[str, Any], prefix: str, path: tuple[str, ...]) -> Iterator[str]:
    """`prefix:a.b` for each key of the table at `path` in a parsed document (tool sections)."""
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        dotted = ".".join(path)
        for key in node:
            yield f"{prefix}:{dotted + '.' if dotted else ''}{str(key).lower()}"
