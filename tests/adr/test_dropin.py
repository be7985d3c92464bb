"""The `adr` drop-in against adr-tools itself: same scenarios, same output, same files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archwise.adr import adrtools as at
from tests.conftest import require_in_ci

ADR_TOOLS = Path("/usr/bin/adr")
OURS = f'#!/bin/sh\nexec "{sys.executable}" -m archwise.cli.adr_tools "$@"\n'
THEIRS = f'#!/bin/sh\nexec "{ADR_TOOLS}" "$@"\n'

# The scenarios adr-tools documents in its own test suite, as shell scripts run by both tools.
SCENARIOS: dict[str, str] = {
    "create-first-record": """
        adr new The First Decision
        cat doc/adr/0001-the-first-decision.md
    """,
    "create-multiple-records": """
        adr new First Decision
        adr new Second Decision
        adr new Third Decision
        ls doc/adr
    """,
    "init-and-list": """
        adr init
        adr new Use PostgreSQL
        adr list
    """,
    "supersede-one": """
        adr new First Record
        adr new Second Record
        adr new -s 1 Third Record
        cat doc/adr/*.md
    """,
    "supersede-many": """
        adr new First Record
        adr new Second Record
        adr new -s 1 -s 2 Third Record
        cat doc/adr/*.md
    """,
    "link-on-creation": """
        adr new First Record
        adr new Second Record
        adr new -l "1:Amends:Amended by" -l "2:Clarifies:Clarified by" Third Record
        cat doc/adr/*.md
    """,
    "link-command": """
        adr init
        adr new Second Record
        adr new Third Record
        adr link 3 Amends 2 "Amended by"
        adr link 3 Clarifies 1 "Clarified by"
        cat doc/adr/*.md
    """,
    "toc": """
        adr init
        adr new An idea
        adr new -s 2 A better idea
        adr generate toc
    """,
    "toc-intro-outro-prefix": """
        adr init
        adr new An idea
        printf 'An intro.\\n\\nMultiple paragraphs.\\n' > intro.md
        printf 'An outro.\\n' > outro.md
        adr generate toc -i intro.md -o outro.md
        adr generate toc -p foo/doc/adr/
        adr generate toc -i intro.md -p /base/
    """,
    "graph": """
        adr init
        adr new An idea that seems good at the time
        adr new -s 2 A better idea
        adr new This will work
        adr new -s 3 The end
        adr generate graph
        adr generate graph -p http://example.com/ -e .xxx
    """,
    "alternative-directory": """
        adr init alternative-dir
        adr new Example ADR
        cat .adr-dir
        ls alternative-dir
        mkdir -p sub/dir && cd sub/dir && adr new From Below && adr list
    """,
    "search-parent-for-doc-adr": """
        adr init
        mkdir -p src/main/java && cd src/main/java && adr new Deep Record && adr list
    """,
    "funny-characters": """
        adr new Something About Node.JS
        adr new Slash/Slash/Slash/
        adr new -- -Bar-
        adr new "Quotes 'single' and \\"double\\"" '$dollar' '*star*' 'tab	here'
        adr new Ünïcödé ÄÖÜ and Umlauts
        adr new '../../etc/passwd'
        ls doc/adr
        head -1 doc/adr/*.md
    """,
    "missing-title": """
        adr init
        adr new
        echo "status $?"
        adr new ""
        echo "status $?"
        ls doc/adr
    """,
    "project-template": """
        mkdir -p doc/adr/templates
        printf '# NUMBER. TITLE\\n\\nOn DATE, STATUS.\\n\\n## Status\\n\\nSTATUS\\n\\n## Context\\n' > doc/adr/templates/template.md
        adr new Custom Template
        adr new -s 1 Another Custom
        cat doc/adr/0001-custom-template.md doc/adr/0002-another-custom.md
    """,
    "adr-template-variable": """
        printf 'Title: TITLE (NUMBER) DATE\\n' > my-template.md
        ADR_TEMPLATE=my-template.md adr new Env Template
        cat doc/adr/0001-env-template.md
    """,
    "avoid-octal-numbers": """
        mkdir -p doc/adr
        for i in 1 2 3 4 5 6; do printf '# %s. R\n' $i > doc/adr/000$i-r.md; done
        for i in 7 8 9 10; do adr new Record $i; done
        ls doc/adr
    """,
    "upgrade-repository": """
        adr init
        printf '# 2. Old\\n\\nDate: 31/12/2016\\n\\n## Status\\n\\nAccepted\\n' > doc/adr/0002-old.md
        adr upgrade-repository
        cat doc/adr/0002-old.md
    """,
    "help-and-unknown": """
        adr help
        adr help new | head -1
        adr help generate toc | head -1
        adr generate
        adr frobnicate
        echo "status $?"
        adr
        echo "status $?"
    """,
    "references-by-partial-name": """
        adr new First Record
        adr new Second Record
        adr new -s second -l "first:Amends:Amended by" Third Record
        adr link third Clarifies first "Clarified by"
        cat doc/adr/*.md
    """,
    "edit-on-creation": """
        printf '#!/bin/sh\necho "Edited by VISUAL" >> "$1"\n' > fake-visual
        printf '#!/bin/sh\necho "Edited by EDITOR" >> "$1"\n' > fake-editor
        chmod +x fake-visual fake-editor
        VISUAL=./fake-visual adr new Visual Wins
        VISUAL= EDITOR=./fake-editor adr new Editor Used
        VISUAL=./fake-visual EDITOR=./fake-editor adr new Both Set
        tail -1 doc/adr/*.md
    """,
    "list-without-directory": """
        adr list
        echo "status $?"
    """,
}
# `adr help` of adr-tools lists its commands; ours adds `config`, upgrade-compatible.
HELP_EXTRA = "  config\n"


def _run(script: str, tool: str, root: Path) -> tuple[str, dict[str, bytes]]:
    bindir = root / "bin"
    bindir.mkdir(parents=True)
    (bindir / "adr").write_text(tool)
    (bindir / "adr").chmod(0o755)
    work = root / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
        "ADR_DATE": "2024-02-29",
        "VISUAL": "true",
        "PAGER": "cat",
        "LC_ALL": "C.UTF-8",
    }
    env.pop("EDITOR", None)
    proc = subprocess.run(
        ["bash", "-c", textwrap.dedent(script)], cwd=work, env=env, capture_output=True, timeout=120
    )
    # `.archwise/` holds the numbering lock (repository metadata, as `.git/` would), not output.
    files = {
        str(p.relative_to(work)): p.read_bytes()
        for p in sorted(work.rglob("*"))
        if p.is_file() and ".archwise" not in p.relative_to(work).parts
    }
    return proc.stdout.decode("utf-8", "replace") + f"[exit {proc.returncode}]", files


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_same_output_and_files_as_adr_tools(name: str, tmp_path: Path) -> None:
    if not ADR_TOOLS.exists():
        require_in_ci("adr-tools (/usr/bin/adr) is not installed")
    ours_out, ours_files = _run(SCENARIOS[name], OURS, tmp_path / "ours")
    theirs_out, theirs_files = _run(SCENARIOS[name], THEIRS, tmp_path / "theirs")
    if name == "help-and-unknown":
        ours_out = ours_out.replace(HELP_EXTRA, "")
    assert ours_out == theirs_out
    assert ours_files.keys() == theirs_files.keys()
    for key in ours_files:
        assert ours_files[key] == theirs_files[key], key


def test_adr_tools_spelling_of_superseded_is_parsed(tmp_path: Path) -> None:
    text = (
        "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nSuperceded by [2. B](0002-b.md)\n\n## Context\n"
    )
    assert at.links_of(text) == [(2, "Superceded by")]


def test_concurrent_new_gives_consecutive_intact_records(tmp_path: Path) -> None:
    """8 processes each run `adr new` 25 times in one folder: records 1..200, none torn or lost."""
    code = (
        "import sys\n"
        "from archwise.api.adr import adr_tools_main\n"
        "p = sys.argv[1]\n"
        "for i in range(25):\n"
        "    rc = adr_tools_main(['new', f'Process {p} record {i}'])\n"
        "    assert rc == 0, rc\n"
    )
    env = {**os.environ, "ADR_DATE": "2024-01-01", "VISUAL": "true"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(p)], cwd=tmp_path, env=env, stdout=subprocess.PIPE
        )
        for p in range(8)
    ]
    outputs = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        outputs += out.decode().split()
    files = sorted((tmp_path / "doc" / "adr").iterdir())
    assert len(files) == 200 and len(set(outputs)) == 200
    numbers = sorted(int(f.name[:4]) for f in files)
    assert numbers == list(range(1, 201))
    titles = set()
    for f in files:
        text = f.read_text()
        n = int(f.name[:4])
        first, rest = text.split("\n", 1)
        assert first.startswith(f"# {n}. Process ")
        assert (
            rest
            == at.fill_template(at.template_text("nygard.md"), n, "", "2024-01-01").split("\n", 1)[
                1
            ]
        )
        titles.add(first.split(". ", 1)[1])
    assert len(titles) == 200
    assert not list((tmp_path / "doc" / "adr").glob(".*"))


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "a\x00b\x1b[31mred\x07\nnew line",
        "x" * 10_000,
        "\u202eevil\u200f rtl \u200e marks",
        "/absolute/path",
        "...",
        "CON",
    ],
)
def test_untrusted_titles_give_safe_file_names(
    title: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ADR_DATE", "2024-01-01")
    monkeypatch.setenv("VISUAL", "true")
    path = tmp_path / __import__("archwise.adr.dropin", fromlist=["x"]).new_record([title])
    assert path.parent == tmp_path / "doc" / "adr"
    assert path.is_file()
    assert len(path.name.encode()) <= 255
    assert all(c.isascii() and (c.isalnum() or c in "-.") for c in path.name)
    first = path.read_text().split("\n", 1)[0]
    assert "\n" not in first and "\x1b" not in first and "\x00" not in first
    assert not (tmp_path / "etc").exists()


def test_slug_matches_adr_tools_rules() -> None:
    assert at.slugify("Something About Node.JS") == "something-about-node-js"
    assert at.slugify("-Bar-") == "bar"
    assert at.slugify("Ünïcödé") == "n-c-d"
    assert (
        at.fill_template("# NUMBER. TITLE DATE", 3, "UPDATE DATE", "2020-01-01")
        == "# 3. UPDATE DATE 2020-01-01"
    )
