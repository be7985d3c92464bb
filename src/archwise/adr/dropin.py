"""The `adr` command: a drop-in for adr-tools with the same commands, messages and files."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from archwise.adr import adrtools as at
from archwise.adr.files import adr_lock, create, read, write
from archwise.errors import EXIT_BAD_INPUT, InputError
from archwise.fileio import read_bytes

COMMANDS = ("init", "generate", "new", "help", "list", "link", "upgrade-repository", "config")

HELP: dict[str, str] = {
    "init": """usage: adr init [DIRECTORY]

Creates the folder of decision records and its first record, which records
the decision to keep architecture decision records.

Without DIRECTORY the records go in `doc/adr`. With DIRECTORY, its name is
also written to `.adr-dir` so later commands find it.
""",
    "new": """usage: adr new [-s SUPERSEDED] [-l TARGET:LINK:REVERSE-LINK] TITLE_TEXT...

Creates the next numbered record; the TITLE_TEXT words, joined by spaces, are
its title. The file is opened in $VISUAL (else $EDITOR) and its name is then
printed on stdout, so scripts can use it.

The template is $ADR_TEMPLATE if set, else `templates/template.md` in the ADR
folder, else a template in the style of Michael Nygard's article.

Options:

-s SUPERSEDED   A number or part of a file name of an earlier record that the
                new one supersedes. Each record gets a link to the other and
                the earlier record loses its "Accepted" status.

-l TARGET:LINK:REVERSE-LINK
                Links the new record to record TARGET (number or part of a
                file name): LINK is written in the new record, REVERSE-LINK in
                TARGET.

Both options can be repeated.

E.g.:

    adr new Use MySQL Database
    adr new -s 12 Use PostgreSQL Database
    adr new -s 3 -s 4 -l "5:Amends:Amended by" Use Riak CRDTs to cope with scale
""",
    "link": """usage: adr link SOURCE LINK TARGET REVERSE-LINK

Links two records: LINK is written in SOURCE and points to TARGET, REVERSE-LINK
is written in TARGET and points to SOURCE. SOURCE and TARGET are numbers or
parts of file names.

E.g. to record that ADR 12 amends ADR 10:

    adr link 12 Amends 10 "Amended by"
""",
    "list": """usage: adr list

Lists the architecture decision records
""",
    "generate": """usage: adr generate [REPORT [OPTION ...]]

Writes a report about the decision records on stdout. `adr generate` alone
lists the reports; `adr help generate REPORT` explains one.
""",
    "help": """usage: adr help [COMMAND [SUBCOMMAND...]]

Shows the help of COMMAND (and SUBCOMMAND), or lists the commands.
""",
    "upgrade-repository": """usage: adr upgrade-repository

Rewrites the records in the current format (dates as YYYY-MM-DD).
""",
    "config": """usage: adr config [-q]

Prints where the commands and the templates live, as shell assignments.
""",
    "generate toc": """usage: adr generate toc [-i INTRO] [-o OUTRO] [-p LINK_PREFIX]

Writes a Markdown table of contents of the records on stdout.

Options:

-i INTRO  a Markdown file printed before the list.
-o OUTRO  a Markdown file printed after the list.
-p LINK_PREFIX
          text put in front of every link.
""",
    "generate graph": """usage: adr generate graph [-p LINK_PREFIX] [-e LINK-EXTENSION]

Writes the records and the links between them as a Graphviz graph on stdout,
e.g. `adr generate graph | dot -Tsvg > graph.svg`.

Options:

-e LINK-EXTENSION
        extension of the documents the nodes link to (default `.html`).

-p LINK_PREFIX
        text put in front of every link.
""",
}


class _Out:
    def __init__(self) -> None:
        self.buf = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None

    def write(self, text: str) -> None:
        data = at.encode(text)
        if self.buf is not None:
            self.buf.write(data)
            self.buf.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def _usage_list() -> str:
    lines = ["usage: adr help COMMAND [ARG] ...", "COMMAND is one of: "]
    lines += [f"  {c}" for c in COMMANDS]
    lines.append("Run 'adr help COMMAND' for help on a specific command.")
    return "\n".join(lines) + "\n"


def _getopts(args: Sequence[str], spec: str, cmd: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Parse options like bash's getopts: they come first; `--` or a non-option ends them."""
    with_arg = {spec[i] for i in range(len(spec)) if i + 1 < len(spec) and spec[i + 1] == ":"}
    opts: list[tuple[str, str]] = []
    i = 0
    args = list(args)
    while i < len(args):
        a = args[i]
        if a == "--":
            i += 1
            break
        if not a.startswith("-") or a == "-":
            break
        j = 1
        while j < len(a):
            c = a[j]
            if c not in spec or c == ":":
                _err(f"{cmd}: illegal option -- {c}\n")
                raise at.AdrToolsError("Not implemented: ?")
            if c in with_arg:
                if j + 1 < len(a):
                    opts.append((c, a[j + 1 :]))
                elif i + 1 < len(args):
                    i += 1
                    opts.append((c, args[i]))
                else:
                    _err(f"{cmd}: option requires an argument -- {c}\n")
                    raise at.AdrToolsError("Not implemented: ?")
                break
            opts.append((c, ""))
            j += 1
        i += 1
    return opts, args[i:]


def _getopt_permute(args: Sequence[str], spec: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Parse options like util-linux getopt: options may appear anywhere."""
    opts: list[tuple[str, str]] = []
    rest: list[str] = []
    i = 0
    args = list(args)
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i + 1 :]
            break
        if a.startswith("-") and len(a) > 1 and a[1] in spec:
            if len(a) > 2:
                opts.append((a[1], a[2:]))
            elif i + 1 < len(args):
                i += 1
                opts.append((a[1], args[i]))
            else:
                raise at.AdrToolsError(f"getopt: option requires an argument -- '{a[1]}'")
        elif a.startswith("-") and len(a) > 1:
            raise at.AdrToolsError(f"getopt: invalid option -- '{a[1]}'")
        else:
            rest.append(a)
        i += 1
    return opts, rest


def _editor(path: str) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "true"
    if editor == "true":
        return
    argv = [editor] if shutil.which(editor) else shlex.split(editor)
    rc = subprocess.call([*argv, path])
    if rc != 0:
        raise at.AdrToolsError("", rc)


def new_record(
    title_words: Sequence[str],
    *,
    supersede: Sequence[str] = (),
    links: Sequence[str] = (),
    template: str | None = None,
    cwd: Path | None = None,
    date: str | None = None,
    edit: bool = True,
) -> str:
    """`adr new`: create the next record under the lock; return its path as adr-tools prints it."""
    here = Path(cwd or Path.cwd())
    adr_dir = at.find_adr_dir(here)
    dstdir = here / adr_dir
    template_file = template or os.environ.get("ADR_TEMPLATE") or ""
    if not template_file:
        candidate = dstdir / "templates" / "template.md"
        template_file = str(candidate) if candidate.is_file() else ""
    title = " ".join(title_words)
    if not title:
        raise at.AdrToolsError("ERROR: no title given", stdout=True)
    if template_file:
        tpath = Path(template_file) if Path(template_file).is_absolute() else here / template_file
        try:
            template_text = at.decode(read_bytes(tpath, what="template"))
        except InputError:
            raise at.AdrToolsError(
                f"sed: can't read {template_file}: No such file or directory"
            ) from None
    else:
        template_text = at.template_text("nygard.md")
    day = date or os.environ.get("ADR_DATE") or dt.date.today().strftime("%Y-%m-%d")
    safe_title = at.clean_title(title)
    dstdir.mkdir(parents=True, exist_ok=True)
    with adr_lock(dstdir):
        scheme = at.folder_scheme(dstdir)
        number = scheme.next_number
        name = scheme.record_path(at.scheme_file_name(scheme, number, title))
        dstfile = f"{adr_dir}/{name}"
        by, forward = "Superseded by", "Supersedes"
        if supersede:
            paths = at.list_records(adr_dir, here)
            by, forward = at.text_wording(read(here / p) for p in paths if (here / p).is_file())
        create(here / dstfile, at.fill_template(template_text, number, safe_title, day))
        for ref in supersede:
            paths = at.list_records(adr_dir, here)
            target = at.resolve(ref, paths)
            _add_link(here, target, by, dstfile)
            tfile = here / target
            write(tfile, at.remove_status(read(tfile), "Accepted"))
            _add_link(here, dstfile, forward, target)
        for spec in links:
            parts = spec.split(":")
            ref, forward, reverse = [*parts, "", "", ""][:3]
            paths = at.list_records(adr_dir, here)
            target = at.resolve(ref, paths)
            _add_link(here, dstfile, forward, target)
            _add_link(here, target, reverse, dstfile)
    if edit:
        _editor(dstfile)
    return dstfile


def _add_link(here: Path, source: str, link_type: str, target: str) -> None:
    src = here / source
    text = at.add_link(read(src), link_type, os.path.basename(target), at.title_of(here / target))
    write(src, text)


def link_records(
    source: str, forward: str, target: str, reverse: str, cwd: Path | None = None
) -> None:
    """`adr link`: add LINK to SOURCE and REVERSE-LINK to TARGET."""
    here = Path(cwd or Path.cwd())
    adr_dir = at.find_adr_dir(here)
    with adr_lock(here / adr_dir):
        paths = at.list_records(adr_dir, here)
        src = at.resolve(source, paths)
        dst = at.resolve(target, paths)
        _add_link(here, src, forward, dst)
        _add_link(here, dst, reverse, src)


def _cmd_init(args: list[str], out: _Out) -> int:
    here = Path.cwd()
    if args and args[0]:
        (here / args[0]).mkdir(parents=True, exist_ok=True)
        write(here / ".adr-dir", args[0] + "\n")
    path = new_record(
        ["record-architecture-decisions"], template=str(at.template_dir() / "init.md"), edit=False
    )
    out.write(path + "\n")
    return 0


def _cmd_new(args: list[str], out: _Out) -> int:
    opts, rest = _getopts(args, "s:l:", "/usr/libexec/adr-tools/adr-new")
    supersede = [v for k, v in opts if k == "s"]
    links = [v for k, v in opts if k == "l"]
    out.write(new_record(rest, supersede=supersede, links=links) + "\n")
    return 0


def _cmd_link(args: list[str], out: _Out) -> int:
    names = ("SOURCE", "LINK", "TARGET", "REVERSE-LINK")
    for i, n in enumerate(names):
        if len(args) <= i or not args[i]:
            raise at.AdrToolsError(f"/usr/libexec/adr-tools/adr-link: line {17 + i}: {i + 1}: {n}")
    link_records(args[0], args[1], args[2], args[3])
    return 0


def _cmd_list(args: list[str], out: _Out) -> int:
    adr_dir = at.find_adr_dir()
    out.write("".join(p + "\n" for p in at.list_records(adr_dir)))
    return 0


def _records() -> tuple[list[str], Path]:
    here = Path.cwd()
    return at.list_records(at.find_adr_dir(here), here), here


def _read_optional(name: str | None) -> str | None:
    if not name:
        return None
    p = Path(name)
    with contextlib.suppress(OSError, InputError):
        if p.is_file() and p.stat().st_size > 0:
            return at.decode(read_bytes(p, what=name))
    return None


def _cmd_generate(args: list[str], out: _Out) -> int:
    if not args:
        out.write("graph\ntoc\n")
        return 0
    kind, rest = args[0], args[1:]
    if kind == "toc":
        opts, _ = _getopt_permute(rest, "iop")
        values = dict(opts)
        paths, here = _records()
        titles = list(at.iter_titles(paths, here))
        out.write(
            at.toc(
                paths,
                titles,
                intro=_read_optional(values.get("i")),
                outro=_read_optional(values.get("o")),
                prefix=values.get("p", ""),
            )
        )
        return 0
    if kind == "graph":
        opts, _ = _getopts(rest, "e:p:", "/usr/libexec/adr-tools/_adr_generate_graph")
        values = dict(opts)
        paths, here = _records()
        graph_titles: list[str] = []
        links: list[list[tuple[int, str]]] = []
        for p in paths:
            text = read(here / p)
            graph_titles.append(at.decode(at.encode(text.split("\n", 1)[0])[2:]))
            links.append(at.links_of(text))
        out.write(
            at.graph(
                paths,
                graph_titles,
                links,
                prefix=values.get("p", ""),
                extension=values.get("e", ".html"),
            )
        )
        return 0
    helper = f"/usr/libexec/adr-tools/_adr_generate_{kind}"
    raise at.AdrToolsError(
        f"/usr/libexec/adr-tools/adr-generate: line 33: {helper}: No such file or directory", 127
    )


def _cmd_help(args: list[str], out: _Out) -> int:
    key = " ".join(args)
    if not args or key not in HELP:
        out.write(_usage_list())
        return 0
    text = HELP[key]
    if key == "generate":
        text += "\nSubcommands:\n  adr generate toc\n  adr generate graph\n"
    out.write(text)
    return 0


def _cmd_config(args: list[str], out: _Out) -> int:
    quiet = "-q" in args
    lines = []
    if not quiet:
        lines.append(
            "# This script returns the configuration values for adr-tools. "
            "It does not change these values."
        )
    lines.append(f'adr_bin_dir="{Path(sys.argv[0]).resolve().parent}"')
    lines.append(f'adr_template_dir="{at.template_dir()}"')
    out.write("\n".join(lines) + "\n")
    return 0


def _cmd_upgrade(args: list[str], out: _Out) -> int:
    paths, here = _records()
    for p in paths:
        f = here / p
        if f.is_file():
            write(f, at.upgrade(read(f)))
    return 0


def autocomplete(words: Sequence[str]) -> str | None:
    """adr-tools' `_adr_autocomplete adr WORD [SUBWORD]`: the completions, or None for no output.

    Like adr-tools, a word that completes to nothing prints an empty line.
    """
    args = list(words)
    if len(args) == 1 and " " in args[0]:
        args = args[0].split()
    command = args[1] if len(args) > 1 else ""
    sub = args[2] if len(args) > 2 else ""
    if len(args) <= 2:
        found = sorted(c for c in COMMANDS if c.startswith(command))
        if not found or found[0] != command:
            return " ".join(found)
    choices = SUBCOMMANDS.get(command, ())
    if choices:
        found = sorted(c for c in choices if c.startswith(sub))
        if not found or found[0] != sub:
            return " ".join(found)
    return None


SUBCOMMANDS: dict[str, tuple[str, ...]] = {"generate": ("graph", "toc"), "help": COMMANDS}


DISPATCH = {
    "init": _cmd_init,
    "new": _cmd_new,
    "link": _cmd_link,
    "list": _cmd_list,
    "generate": _cmd_generate,
    "help": _cmd_help,
    "config": _cmd_config,
    "upgrade-repository": _cmd_upgrade,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `adr` command; return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = _Out()
    if not args or args[0] not in DISPATCH:
        out.write(_usage_list())
        return 1
    try:
        return DISPATCH[args[0]](args[1:], out)
    except at.AdrToolsError as exc:
        msg = str(exc)
        if msg:
            if exc.stdout:
                out.write(msg + "\n")
            else:
                _err(msg + "\n")
        return exc.status
    except InputError as exc:
        _err(f"adr: {exc}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        _err(f"adr: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 1
