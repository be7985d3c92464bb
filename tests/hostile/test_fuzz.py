"""Fuzzing every front end with hostile names, option values and file contents (hypothesis).

Every CLI command gets generated arguments in a workspace full of traps (a FIFO, symlink loops,
a link out of the workspace, a file where a folder is expected); each run must end with exit
0, 1 or 2, print no traceback, keep --json output one JSON document, and write nothing when it
exits 2. The MCP and web servers get generated calls and requests, must never fail with a
server error or touch anything outside the workspace, and must still answer afterwards.
Examples are derandomized so CI sees the same runs every time; the budget is bounded by
max_examples, and every run by a timeout.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.hostile.helpers import mcp_session, release_fifos, within

RUN_TIMEOUT_S = 60.0
# Runs per command: three, one for the commands that compute a whole recommendation or scan.
EXAMPLES_PER_COMMAND = 3
HEAVY_COMMANDS = {"demo", "report", "discover", "recommend", "explain", "plan", "analyze", "check"}
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Long-running front ends and the network are fuzzed through their servers, not the CLI.
SKIPPED_COMMANDS = {"mcp", "serve", "push"}
# Never generated: a hostile store URL would reach for a database server.
SKIPPED_OPTIONS = {"--db", "--help", "-h"}

NON_UTF8 = os.fsdecode(b"name-\xff\xfe.yaml")
NAMES = [
    "archwise.yaml",
    "tasks.yaml",
    "input.yaml",
    "fifo.yaml",
    "loop1",
    "afile",
    "afile/under.md",
    "afolder",
    "out-link.md",
    "../outside.yaml",
    "../../etc",
    "/dev/null",
    "/dev/zero",
    "docs/adr",
    "n" * 300 + ".md",
    "[/red]markup.md",
    "-",
    "",
    " ",
    NON_UTF8,
    "out.md",
    "out.ics",
    "out.png",
]
NUMBERS = ["nan", "inf", "-inf", "-1", "0", "1e309", "1e9", "1000000000", "0.5", "2", "-0"]
DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "2026-01-05", "tomorrow"]
WORDS = ["database", "PostgreSQL", "accepted", "spec", "md", "json", "1", "x" * 2000, "é\u2603"]


def _values() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NAMES + NUMBERS + DATES + WORDS),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=12,
        ),
    )


CONTENTS = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    st.sampled_from(
        [
            "name: x\nnon_functional: {latency: {p99_ms: .nan}}\n",
            "a: &a [*a, *a]\n",
            "name: " + "9" * 5000 + "\n",
            "tasks:\n  - {id: a, duration_days: 1e309}\n",
            "- - - - - - - - - - - - - - - - - - - - - - - -\n" * 20,
            "# 1. Title\n\nDate: 9999-12-31\n\n## Status\n\nAccepted\n",
        ]
    ),
)


def _commands() -> list[tuple[tuple[str, ...], list[tuple[str, bool]], int]]:
    """Every leaf command: its words, its options (name, is a flag) and its argument count."""
    import typer.main

    from archwise.cli.main import full_app

    out = []

    def walk(cmd: Any, words: tuple[str, ...]) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in sorted(cmd.commands.items()):
                walk(sub, (*words, name))
            return
        if words[0] in SKIPPED_COMMANDS:
            return
        options = [
            (p.opts[0], bool(p.is_flag))
            for p in cmd.params
            if p.param_type_name == "option" and p.opts[0] not in SKIPPED_OPTIONS
        ]
        arguments = sum(1 for p in cmd.params if p.param_type_name == "argument")
        out.append((words, options, arguments))

    walk(typer.main.get_command(full_app()), ())
    return out


COMMANDS = _commands()


def _trap_tree(root: Path) -> Path:
    """A workspace inside root, with traps, and a file outside it that must never change."""
    (root / "outside.yaml").write_text("name: outside\n", encoding="utf-8")
    ws = root / "ws"
    (ws / "docs" / "adr").mkdir(parents=True)
    shutil.copy(EXAMPLES / "chat-system.yaml", ws / "archwise.yaml")
    shutil.copy(EXAMPLES / "chat-tasks.yaml", ws / "tasks.yaml")
    (ws / "docs" / "adr" / "0001-use-postgresql.md").write_text(
        "# 1. Use PostgreSQL\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n"
        "## Decision\n\nPostgreSQL.\n\n## Consequences\n\nFine.\n",
        encoding="utf-8",
    )
    (ws / "docs" / "adr" / "0002-leak.md").symlink_to(root / "outside.yaml")
    os.mkfifo(ws / "docs" / "adr" / "0003-pipe.md")
    os.mkfifo(ws / "fifo.yaml")
    (ws / "loop1").symlink_to(ws / "loop2")
    (ws / "loop2").symlink_to(ws / "loop1")
    (ws / "out-link.md").symlink_to(root / "outside.yaml")
    (ws / "afile").write_text("x\n", encoding="utf-8")
    (ws / "afolder").mkdir()
    return ws


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under root with its size and modification time (links not followed).

    An existing store folder counts only by its presence: opening SQLite leaves journal files.
    """
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if ".archwise" in dirnames:
            dirnames.remove(".archwise")
            out[os.path.join(dirpath, ".archwise")] = (0, 0)
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st_ = os.lstat(p)
            out[p] = (st_.st_size, st_.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def trap_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz")
    ws = _trap_tree(root)
    yield root
    release_fifos(ws)


@contextlib.contextmanager
def _inside(ws: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(ws)
    try:
        yield
    finally:
        os.chdir(old)


def _check_cli_run(ws: Path, words: tuple[str, ...], args: list[str], content: str | bytes) -> None:
    from archwise.cli.main import app

    target = ws / "input.yaml"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8", errors="surrogateescape")
    outside = ws.parent / "outside.yaml"
    outside_before = outside.read_bytes()
    before = _snapshot(ws)
    argv = [*words, *args]
    with _inside(ws):
        result = within(RUN_TIMEOUT_S, lambda: CliRunner().invoke(app, argv, catch_exceptions=True))
    shown = f"archwise {argv!r}\n{result.output[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{shown}\nraised {result.exception!r}") from result.exception
    assert result.exit_code in {0, 1, 2}, shown
    assert "Traceback" not in result.output, shown
    if "--json" in args and result.stdout.strip():
        json.loads(result.stdout)
    if result.exit_code == 2:
        after = _snapshot(ws)
        changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
        assert not changed, f"{shown}\nwrote on exit 2: {sorted(changed)}"
    assert outside.read_bytes() == outside_before, shown


def _arguments(options: list[tuple[str, bool]], arguments: int) -> st.SearchStrategy[list[str]]:
    """Generated positionals, then a few of the command's options with hostile values."""
    values = _values()
    positional = st.lists(st.sampled_from(NAMES) | values, max_size=max(arguments, 1))

    def option(pair: tuple[str, bool]) -> st.SearchStrategy[list[str]]:
        name, flag = pair
        return st.just([name]) if flag else values.map(lambda v: [name, v])

    chosen = (
        st.lists(st.sampled_from(options).flatmap(option), max_size=3) if options else st.just([])
    )
    json_flag = st.sampled_from([[], ["--json"]])
    return st.tuples(positional, chosen, json_flag).map(
        lambda t: [*t[0], *(x for pair in t[1] for x in pair), *t[2]]
    )


@pytest.mark.parametrize(
    ("words", "options", "arguments"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS]
)
def test_fuzz_every_cli_command(
    trap_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    words: tuple[str, ...],
    options: list[tuple[str, bool]],
    arguments: int,
) -> None:
    for var in ("EDITOR", "VISUAL"):
        monkeypatch.delenv(var, raising=False)
    ws = trap_root / "ws"

    runs = 1 if words[0] in HEAVY_COMMANDS or words[-1] == "structurizr" else EXAMPLES_PER_COMMAND

    @settings(FUZZ, max_examples=runs)
    @given(args=_arguments(options, arguments), content=CONTENTS)
    def run(args: list[str], content: str | bytes) -> None:
        _check_cli_run(ws, words, args, content)

    run()


# --- the MCP server ----------------------------------------------------------------------------

PATH_ARGS = st.sampled_from([*NAMES, "../outside.yaml", "/etc/passwd", "~/x", ".", "a/../../b"])
# Outputs the report tool must refuse before it assembles anything (assembling takes seconds).
BAD_OUTPUTS = st.sampled_from(
    [
        "archwise.yaml",
        ".",
        "afolder",
        "afile/x.md",
        "fifo.yaml",
        "../outside.yaml",
        "out-link.md",
        "n" * 300 + ".md",
        "/dev/null",
        "docs/adr",
    ]
)
TOOL_CALLS = st.one_of(
    st.fixed_dictionaries(
        {
            "action": st.sampled_from(["check", "set", "brief", "schema"]),
            "file": PATH_ARGS,
            "values": st.dictionaries(
                st.sampled_from(["name", "summary", "non_functional.latency.p99_ms", "x.y"]),
                st.one_of(_values(), st.floats(), st.integers()),
                max_size=2,
            ),
            "text": st.text(max_size=40),
        }
    ).map(lambda a: ("requirements", a)),
    st.fixed_dictionaries(
        {
            "action": st.sampled_from(["new", "status", "list", "show", "lint"]),
            "title": _values(),
            "ref": _values(),
            "status": st.sampled_from(["accepted", "bogus", ""]),
        }
    ).map(lambda a: ("adr", a)),
    st.fixed_dictionaries(
        {"file": PATH_ARGS, "format": st.sampled_from(["md", "json"]), "output": BAD_OUTPUTS}
    ).map(lambda a: ("report", a)),
    st.fixed_dictionaries({"file": PATH_ARGS, "tasks": PATH_ARGS, "start": st.sampled_from(DATES)})
    .filter(lambda a: a["file"] != "archwise.yaml" or a["tasks"] != "tasks.yaml")
    .map(lambda a: ("plan", a)),
    st.fixed_dictionaries(
        {
            "action": st.sampled_from(["size", "fit", "plan", "diagnose"]),
            "rate": _values(),
            "service": _values(),
            "target": _values(),
            "file": PATH_ARGS,
        }
    ).map(lambda a: ("capacity", a)),
    st.fixed_dictionaries(
        {
            "action": st.sampled_from(["start", "status", "record_adr"]),
            "title": _values(),
            "file": PATH_ARGS,
            "requirements": PATH_ARGS,
        }
    ).map(lambda a: ("session", a)),
    st.fixed_dictionaries({"action": st.just("analyze"), "path": PATH_ARGS})
    .filter(lambda a: a["path"] not in {".", "docs/adr"})
    .map(lambda a: ("codebase", a)),
)


@settings(FUZZ, max_examples=5)
@given(calls=st.lists(TOOL_CALLS, min_size=6, max_size=10))
def test_fuzz_mcp_server(calls: list[tuple[str, dict[str, Any]]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = _trap_tree(root)
        try:
            steps: list[tuple[str, str, dict[str, Any]]] = [
                ("tool", name, args) for name, args in calls
            ]
            steps += [("resource", "archwise://adr", {}), ("resource", "archwise://report", {})]
            steps.append(("tool", "requirements", {"action": "schema"}))
            crashes = _Crashes()
            server_log = logging.getLogger("mcp.server")
            server_log.addHandler(crashes)
            try:
                results = within(RUN_TIMEOUT_S * 3, lambda: mcp_session(ws, steps))
            finally:
                server_log.removeHandler(crashes)
            # An archwise error reaches the client as its message; anything else is logged by
            # the SDK as an unexpected exception, with a traceback on the server's side.
            assert not crashes.records, [r.getMessage() for r in crashes.records]
            for (_, name, args), (_error, text) in zip(steps, results, strict=True):
                assert "name: outside" not in text, (name, args)
            assert not results[-1][0], "the server still answers"
            assert sorted(p.name for p in root.iterdir()) == ["outside.yaml", "ws"]
            assert (root / "outside.yaml").read_text(encoding="utf-8") == "name: outside\n"
        finally:
            release_fifos(ws)


class _Crashes(logging.Handler):
    """Collects the MCP SDK's reports of tools and resources that raised unexpectedly."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


# --- the web server ----------------------------------------------------------------------------

URLS = [
    "/",
    "/requirements",
    "/recommendation",
    "/capacity",
    "/plan",
    "/adr",
    "/adr/1",
    "/adr/2",
    "/adr/3",
    "/radar",
    "/api/requirements",
    "/api/adrs",
    "/api/adrs/2",
    "/api/adrs/99999999999999999999",
    "/static/app.css",
    "/static/../app.py",
    "/adr/%ff",
]


LOOPBACK_HOSTS = ["127.0.0.1", "localhost:8000", "[::1]:80", "LocalHost"]


@settings(FUZZ, max_examples=40)
@given(
    url=st.sampled_from(URLS),
    method=st.sampled_from(["GET", "POST"]),
    host=st.sampled_from([*LOOPBACK_HOSTS, "evil.example", "", "é", "127.1", "localhost.evil"]),
    cookie=st.binary(max_size=40),
    form=st.dictionaries(
        st.sampled_from(["status", "csrf_token", "field", "value", "token"]),
        st.text(max_size=30),
        max_size=3,
    ),
)
def test_fuzz_web_server(
    web_fuzz_client: TestClient,
    url: str,
    method: str,
    host: str,
    cookie: bytes,
    form: dict[str, str],
) -> None:
    headers: dict[str, Any] = {
        "Host": host.encode("utf-8"),
        "Cookie": b"archwise_session=" + cookie,
    }
    response = within(
        RUN_TIMEOUT_S,
        lambda: web_fuzz_client.request(method, url, headers=headers, data=form or None),
    )
    assert response.status_code < 500, (method, url, host, cookie, form, response.text[:300])
    if host not in LOOPBACK_HOSTS:
        assert response.status_code == 400, host
    assert "name: outside" not in response.text
    assert web_fuzz_client.get("/static/app.css").status_code == 200


@pytest.fixture(scope="module")
def web_fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from archwise.web.app import create_app

    root = tmp_path_factory.mktemp("webfuzz")
    ws = _trap_tree(root)
    try:
        client = TestClient(
            create_app(ws, token="fuzz-token-0123456789"), base_url="http://127.0.0.1"
        )
        for url in URLS:  # warm the page cache once, so examples measure the guards
            client.get(url)
        yield client
    finally:
        release_fifos(ws)
