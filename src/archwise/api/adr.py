"""Public API of the ADR capability: read, write, check and publish decision records.

The model types are imported lazily so that the `adr` drop-in starts without pydantic.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archwise.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from archwise.adr.collection import LintConfig, Record
    from archwise.adr.model import (
        FORMATS,
        LIFECYCLE,
        Adr,
        ConvertReport,
        DueRecord,
        Finding,
        Format,
        Link,
        Option,
        Summary,
    )
    from archwise.registry.search import TextIndex

__all__ = [
    "FORMATS",
    "LIFECYCLE",
    "Adr",
    "ConvertReport",
    "DueRecord",
    "Finding",
    "Format",
    "Link",
    "Option",
    "Summary",
    "TextIndex",
    "adr_autocomplete",
    "adr_tools_main",
    "completion_script",
    "convert",
    "due",
    "export",
    "find_dir",
    "graph",
    "index",
    "init",
    "link",
    "lint",
    "list_records",
    "new",
    "parse_text",
    "render_text",
    "set_status",
    "show",
    "supersede",
    "text_index",
]

_MODEL_NAMES = {
    "Adr",
    "ConvertReport",
    "DueRecord",
    "Finding",
    "Format",
    "Link",
    "Option",
    "Summary",
    "FORMATS",
    "LIFECYCLE",
}


def __getattr__(name: str) -> Any:
    if name == "TextIndex":
        from archwise.registry.search import TextIndex

        return TextIndex
    if name in _MODEL_NAMES:
        from archwise.adr import model

        return getattr(model, name)
    raise AttributeError(name)


def adr_tools_main(argv: Sequence[str]) -> int:
    """Run the adr-tools compatible `adr` command with these arguments; return its exit status."""
    from archwise.adr.dropin import main

    return main(argv)


def adr_autocomplete(words: Sequence[str]) -> str | None:
    """adr-tools' `_adr_autocomplete`: the commands (or subcommands) completing the words."""
    from archwise.adr.dropin import autocomplete

    return autocomplete(words)


def completion_script(shell: str) -> str:
    """Shell completion for the `adr` drop-in: `bash`, `zsh` or `fish`."""
    from archwise.adr.adrtools import template_dir

    names = {"bash": "adr.bash", "zsh": "_adr", "fish": "adr.fish"}
    if shell not in names:
        raise InputError(f"unknown shell {shell!r}; valid: bash, zsh, fish", field="shell")
    path = template_dir() / "completions" / names[shell]
    return path.read_text(encoding="utf-8")


def find_dir(adr_dir: str | Path | None = None, cwd: Path | None = None) -> Path:
    """The ADR folder: the one given, else the workspace's, else adr-tools' search from cwd."""
    return _locate(adr_dir, cwd)[0]


def _locate(adr_dir: str | Path | None = None, cwd: Path | None = None) -> tuple[Path, str]:
    """The ADR folder and how it was chosen (`--dir`, config, `.adr-dir`, found, default)."""
    from archwise.adr.adrtools import find_adr_dir
    from archwise.fileio import boundary
    from archwise.workspace import ADR_DIR_FILE, CONFIG_FILE, STATE_DIR, open_workspace

    here = Path(cwd or Path.cwd())
    if adr_dir is not None:
        given = here / adr_dir
        if given.exists() and not given.is_dir():
            raise InputError("expected the ADR folder, got a file", file=given, field="--dir")
        return given, "given with --dir"
    ws = open_workspace(here, walk=cwd is None)
    if ws.config.get("adr_dir"):
        return ws.adr_dir(), f"adr_dir in {ws.root / STATE_DIR / CONFIG_FILE}"
    if (ws.root / ADR_DIR_FILE).is_file():
        return ws.adr_dir(), f"named by {ws.root / ADR_DIR_FILE}"
    rel = find_adr_dir(here)
    found = here / rel
    if boundary() is not None and not ws.contains(found):
        # adr-tools' search climbed out of a server's workspace: use the workspace's own folder.
        return ws.adr_dir(), "the workspace's own folder (the search left the server's workspace)"
    if rel != "doc/adr" or found.is_dir():
        how = "named by a .adr-dir file" if rel != "doc/adr" else "doc/adr found from here"
        return found, how
    folder = ws.adr_dir()
    if folder.is_dir():
        return folder, f"{folder.relative_to(ws.root).as_posix()} found in {ws.root}"
    return folder, "the default (no --dir, adr_dir, .adr-dir or doc/adr)"


def _today(today: dt.date | None = None) -> dt.date:
    env = os.environ.get("ADR_DATE")
    if today is not None:
        return today
    if env:
        from archwise.bounds import parse_date

        return parse_date(env, field="ADR_DATE")
    return dt.date.today()


def _date_text(date: str | None) -> str:
    return date or os.environ.get("ADR_DATE") or dt.date.today().isoformat()


def _scan(adr_dir: str | Path | None, strict: bool = False) -> tuple[Path, list[Record]]:
    """The records; a missing folder (or, when strict, one without records) is bad input."""
    from archwise.adr.collection import scan

    d, how = _locate(adr_dir)
    if not d.is_dir():
        raise InputError(f"no ADR folder at {d} (chosen by {how})", file=d)
    records = scan(d)
    if strict and not records:
        raise InputError(f"no records in the ADR folder {d} (chosen by {how})", file=d)
    return d, records


def _resolve(records: list[Record], ref: str | int, folder: Path) -> Record:
    """The record a reference names exactly: number, id, file, file name, name or slug."""
    from archwise.adr import ident
    from archwise.adr.parse import LINK_ID

    text = str(ref).strip().replace("\\", "/")
    m = LINK_ID.match(text)
    if text.isdigit() or m:
        number = int(text) if text.isdigit() else int(m.group(1)) if m else -1
        hits = [r for r in records if r.adr.number == number]
    else:
        hits = []
    if not hits and text:
        for r in records:
            name = ident.record_name(r.rel)
            keys = {r.rel, r.adr.id, name, ident.stem(name), ident.slug(name)}
            if text in keys or text.removeprefix("./") in keys:
                hits.append(r)
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = ", ".join(r.rel for r in hits)
        raise InputError(f"reference {text!r} is ambiguous: {listed}", field="record")
    known = ", ".join(r.adr.id for r in records)[:200]
    raise NotFoundError(
        f"no record {text!r} in {folder}" + (f"; records: {known}" if known else "")
    )


def _lint_config() -> LintConfig:
    """The project's ADR vocabulary and lint rules, from `adr:` in .archwise/config.yaml."""
    from archwise.adr.collection import LINT_CODES, LintConfig
    from archwise.adr.model import LIFECYCLE
    from archwise.adr.vocab import vocabulary
    from archwise.workspace import CONFIG_FILE, STATE_DIR, open_workspace

    ws = open_workspace()
    section = ws.config.get("adr") or {}
    cfg_file = ws.root / STATE_DIR / CONFIG_FILE

    def bad(message: str, where: str) -> InputError:
        return InputError(message, file=cfg_file, field=where)

    if not isinstance(section, dict):
        raise bad("must be a mapping (statuses, fields, lint)", "adr")
    unknown = set(section) - {"statuses", "fields", "lint", "supersede_spelling"}
    if unknown:
        raise bad(f"unknown key {sorted(unknown)[0]!r}; valid: statuses, fields, lint", "adr")
    statuses = section.get("statuses") or {}
    if not isinstance(statuses, dict):
        raise bad("must map a status word to one of " + ", ".join(LIFECYCLE), "adr.statuses")
    for word, canonical in statuses.items():
        if str(canonical).lower() not in LIFECYCLE:
            raise bad(f"{canonical!r} is not one of {', '.join(LIFECYCLE)}", f"adr.statuses.{word}")
    rules = section.get("lint") or {}
    if not isinstance(rules, dict):
        raise bad("must be a mapping (disable, enable, severity, require_status)", "adr.lint")
    for key in ("disable", "enable"):
        for code in rules.get(key) or []:
            if code not in LINT_CODES:
                raise bad(
                    f"unknown rule {code!r}; valid: {', '.join(sorted(LINT_CODES))}",
                    f"adr.lint.{key}",
                )
    severity = rules.get("severity") or {}
    for code, level in severity.items():
        if code not in LINT_CODES or level not in {"error", "warning"}:
            raise bad(f"{code}: {level!r} must be a rule and error or warning", "adr.lint.severity")
    require = rules.get("require_status")
    return LintConfig(
        vocabulary=vocabulary({str(k): str(v).lower() for k, v in statuses.items()}),
        fields={str(f) for f in section.get("fields") or []},
        disable={str(c) for c in rules.get("disable") or []},
        enable={str(c) for c in rules.get("enable") or []},
        severity={str(k): str(v) for k, v in severity.items()},
        require_status=bool(require) if require is not None else None,
    )


def _check_format(fmt: str) -> Format:
    from archwise.adr.model import FORMATS

    for known in FORMATS:
        if fmt == known:
            return known
    raise InputError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}", field="format")


def _default_format(records: list[Record]) -> Format:
    from collections import Counter

    from archwise.workspace import open_workspace

    configured = open_workspace().config.get("adr_format")
    if configured:
        return _check_format(str(configured))
    if records:
        return Counter(r.adr.format for r in records).most_common(1)[0][0]
    return "spec"


def parse_text(text: str, path: str | None = None) -> Adr:
    """Parse ADR Markdown in any supported format."""
    from archwise.adr.parse import parse

    return parse(text, path)


def render_text(adr: Adr, fmt: str | None = None) -> str:
    """Render a record as Markdown in a format (its own by default)."""
    from archwise.adr.render import render

    return render(adr, _check_format(fmt) if fmt else None)


def init(directory: str | None = None, *, fmt: str | None = None, date: str | None = None) -> Path:
    """Create the ADR folder and its first record (the decision to record decisions)."""
    from archwise.adr import adrtools as at
    from archwise.adr.files import write

    here = Path.cwd()
    if directory:
        (here / directory).mkdir(parents=True, exist_ok=True)
        write(here / ".adr-dir", directory + "\n")
        folder = here / directory
    else:
        folder = find_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if fmt in (None, "nygard"):
        return new(
            "Record architecture decisions",
            fmt="nygard",
            template=str(at.template_dir() / "init.md"),
            adr_dir=folder,
            date=date,
            status="Accepted",
            slug_title="record-architecture-decisions",
        )
    return new(
        "Record architecture decisions", fmt=fmt, adr_dir=folder, date=date, status="Accepted"
    )


def _skeleton(title: str, fmt: Format, date: str, status: str) -> Adr:
    from archwise.adr.collection import add_months, parse_date
    from archwise.adr.model import Adr, Consequences, Option

    day = parse_date(date) or dt.date.today()
    return Adr(
        title=title,
        status=status,
        date=date,
        deciders=["Who took part in the decision"],
        context="What problem are we solving, and which forces and constraints shape it?",
        drivers=["A force or concern that the decision must satisfy"] if fmt != "spec" else [],
        decision="What we decided, stated specifically enough to check later.",
        chosen=Option(name="The chosen option") if fmt not in {"spec", "nygard"} else None,
        alternatives=[
            Option(
                name="An option we did not choose",
                pros=["What it does well"],
                cons=["What it costs or risks"],
                why_not="The specific reason it lost",
            )
        ],
        consequences=Consequences(
            positive=["What becomes easier"],
            negative=["What becomes harder, and the tradeoff we accept"],
            neutral=["What changes without being better or worse"],
        ),
        implementation_notes="- Technical details, and the migration path if there is one",
        success_metrics=["How we will know this was the right decision"],
        review_date=add_months(day, 3).isoformat(),
        format=fmt,
    )


def new(
    title: str,
    *,
    supersede: Sequence[str | int] = (),
    links: Sequence[str] = (),
    template: str | Path | None = None,
    fmt: str | None = None,
    from_recommendation: str | Path | None = None,
    requirements: str | Path | None = None,
    adr_dir: str | Path | None = None,
    date: str | None = None,
    status: str | None = None,
    deciders: Sequence[str] = (),
    slug_title: str | None = None,
) -> Path:
    """Create the next record (safe under concurrency); return its path."""
    from archwise.adr import adrtools as at
    from archwise.adr import edit
    from archwise.adr.collection import scan
    from archwise.adr.files import adr_lock, create, read, write
    from archwise.adr.render import render

    folder = find_dir(adr_dir)
    existing = scan(folder) if folder.is_dir() else []
    from_rec = from_recommendation is not None or requirements is not None
    # A recommendation fills the spec's template completely; other formats would drop parts of it.
    target_fmt = _check_format(fmt) if fmt else ("spec" if from_rec else _default_format(existing))
    day = _date_text(date)
    from archwise.bounds import parse_date

    parse_date(day, field="date")
    adr = None
    if from_rec:
        adr = _adr_from_inputs(from_recommendation, requirements, title or None, day, deciders)
        title = adr.title
    clean = at.clean_title(title).strip()
    if not clean:
        raise InputError("a title is needed", field="title")
    state = status or ("Proposed" if adr is None else adr.status) or "Proposed"
    if target_fmt not in {"spec", "nygard"}:
        state = state.lower()
    links_parsed = [_parse_link_spec(s) for s in links]
    folder.mkdir(parents=True, exist_ok=True)
    with adr_lock(folder):
        records = scan(folder)
        scheme = at.folder_scheme(folder)
        number = scheme.next_number
        words = slug_title or clean
        if target_fmt == "log4brains" or scheme.dated:
            stem = scheme.dated_name(dt.date.fromisoformat(day), "")[:-4]
            name = f"{stem}-{at.slugify(words, 200) or 'decision'}.md"
            record_number: int | None = None
        else:
            name = scheme.record_path(at.scheme_file_name(scheme, number, words))
            record_number = number
        if template is not None:
            tpath = Path(template)
            if not tpath.is_file():
                raise InputError("template not found", file=tpath)
            text = at.fill_template(read(tpath), number, clean, day, state)
        elif adr is not None:
            adr.number = record_number
            adr.status = state
            text = render(adr, target_fmt)
        elif target_fmt == "nygard":
            text = at.fill_template(at.template_text("nygard.md"), number, clean, day, state)
        else:
            skeleton = _skeleton(clean, target_fmt, day, state)
            skeleton.number = record_number
            text = render(skeleton, target_fmt)
        path = folder / name
        if path.exists():
            raise InputError("a record with this file name already exists", file=path)
        heading = edit.heading_text(text)
        by, forward = _wording(records)
        for ref in supersede:
            old = _resolve(records, ref, folder)
            old_path = folder / old.rel
            write(
                old_path,
                edit.supersede(read(old_path), old.adr.format, heading, _rel(old_path, path), by),
            )
            text = edit.add_link(
                text,
                target_fmt,
                forward,
                edit.heading_text(read(old_path)),
                _rel(path, old_path),
            )
        for ref, forward, reverse in links_parsed:
            other = _resolve(records, ref, folder)
            other_path = folder / other.rel
            other_text = read(other_path)
            text = edit.add_link(
                text, target_fmt, forward, edit.heading_text(other_text), _rel(path, other_path)
            )
            write(
                other_path,
                edit.add_link(
                    other_text, other.adr.format, reverse, heading, _rel(other_path, path)
                ),
            )
        create(path, text)
    return path


def _wording(records: list[Record]) -> tuple[str, str]:
    """The supersede link wording the collection already uses, else the default."""
    from archwise.adr.adrtools import supersede_wording

    return supersede_wording(lk.kind for r in records for lk in r.adr.links)


def _rel(src: Path, dst: Path) -> str:
    """The link from record src to record dst (relative, forward slashes)."""
    return os.path.relpath(dst, src.parent).replace(os.sep, "/")


def _parse_link_spec(spec: str) -> tuple[str, str, str]:
    parts = spec.split(":")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise InputError(
            f"link {spec!r} must be TARGET:LINK:REVERSE-LINK, e.g. '5:Amends:Amended by'",
            field="link",
        )
    return parts[0].strip(), parts[1].strip(), parts[2].strip()


def _load_json(path: Path) -> dict[str, Any]:
    from archwise.fileio import read_text

    text = read_text(path, what="recommendation file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    if not isinstance(data, dict) or "recommendation" not in data or "options" not in data:
        raise InputError(
            "not a recommendation: expected an object with 'options' and 'recommendation' "
            "(the output of `archwise recommend --json`)",
            file=path,
            line=1,
        )
    return data


def _load_requirements(path: Path) -> dict[str, Any]:
    from archwise import yamlio

    data = yamlio.to_plain(yamlio.load(path, what="requirements file"))
    if not isinstance(data, dict):
        raise InputError("requirements must be a mapping", file=path, line=1)
    return data


def _adr_from_inputs(
    rec_path: str | Path | None,
    req_path: str | Path | None,
    title: str | None,
    day: str,
    deciders: Sequence[str],
) -> Adr:
    from archwise.adr.recommendation import adr_from_recommendation

    req = _load_requirements(Path(req_path)) if req_path is not None else None
    if rec_path is not None:
        rec = _load_json(Path(rec_path))
        if req is None:
            ref = rec.get("requirements")
            req_file = ref.get("file") if isinstance(ref, dict) else None
            if req_file and Path(str(req_file)).is_file():
                req = _load_requirements(Path(str(req_file)))
    else:
        assert req_path is not None
        rec = _recommend(Path(req_path))
    return adr_from_recommendation(
        rec, req, title=title, date=dt.date.fromisoformat(day), deciders=list(deciders)
    )


def _recommend(req_path: Path) -> dict[str, Any]:
    """Run archwise's recommendation on a requirements file and return its JSON form."""
    import importlib

    try:
        api = importlib.import_module("archwise.api.recommend")
    except ImportError:
        raise InputError(
            "the recommendation engine is not available; pass --from-recommendation FILE.json",
            field="requirements",
        ) from None
    result = api.recommend(req_path)
    dumped = result.model_dump(mode="json") if hasattr(result, "model_dump") else result
    if not isinstance(dumped, dict):
        raise InputError("the recommendation engine returned no recommendation", file=req_path)
    return dumped


def text_index(texts: Sequence[str]) -> TextIndex:
    """A word-prefix search index over texts in memory (the registry's way of matching)."""
    from archwise.registry.search import TextIndex

    return TextIndex(texts)


def list_records(
    status: str | None = None, adr_dir: str | Path | None = None, *, strict: bool = False
) -> list[Summary]:
    """The records of the folder in number order, optionally only those with a status.

    A record's status here is its canonical status in the project's vocabulary.
    """
    from archwise.adr.model import Summary
    from archwise.adr.vocab import state

    _, records = _scan(adr_dir, strict)
    vocab = _lint_config().vocabulary
    want = status.lower() if status else None
    states = [state(r.adr.status, (lk.kind for lk in r.adr.links), vocab) for r in records]
    return [
        Summary(
            number=r.adr.number,
            id=r.adr.id,
            title=r.adr.title,
            status=st,
            date=r.adr.date,
            review_date=r.adr.review_date,
            format=r.adr.format,
            path=r.rel,
            links=r.adr.links,
        )
        for r, st in zip(records, states, strict=True)
        if want is None or st == want
    ]


def show(ref: str | int, adr_dir: str | Path | None = None) -> Adr:
    """One record, parsed, by number, id, file, file name or slug (never part of a name)."""
    folder, records = _scan(adr_dir)
    return _resolve(records, ref, folder).adr


def set_status(ref: str | int, status: str, adr_dir: str | Path | None = None) -> Path:
    """Change a record's status (one of the lifecycle words); return its path."""
    from archwise.adr import edit
    from archwise.adr.files import adr_lock, read, write
    from archwise.adr.model import LIFECYCLE
    from archwise.adr.vocab import normalise

    word = status.strip().lower()
    own = _lint_config().vocabulary
    if word not in LIFECYCLE and normalise(word) not in own:
        raise InputError(f"status {status!r}; valid: {', '.join(LIFECYCLE)}", field="status")
    folder, records = _scan(adr_dir)
    rec = _resolve(records, ref, folder)
    path = folder / rec.rel
    if word not in LIFECYCLE:
        value = status.strip()
    else:
        value = word.capitalize() if rec.adr.format in {"spec", "nygard"} else word
    with adr_lock(folder):
        write(path, edit.set_status(read(path), rec.adr.format, value))
    return path


def supersede(old: str | int, new_ref: str | int, adr_dir: str | Path | None = None) -> None:
    """Record that `new_ref` supersedes `old`, in both files."""
    from archwise.adr import edit
    from archwise.adr.files import adr_lock, read, write

    folder, records = _scan(adr_dir)
    a, b = _resolve(records, old, folder), _resolve(records, new_ref, folder)
    pa, pb = folder / a.rel, folder / b.rel
    by, forward = _wording(records)
    with adr_lock(folder):
        ta, tb = read(pa), read(pb)
        write(pa, edit.supersede(ta, a.adr.format, edit.heading_text(tb), _rel(pa, pb), by))
        write(pb, edit.add_link(tb, b.adr.format, forward, edit.heading_text(ta), _rel(pb, pa)))


def link(
    source: str | int, kind: str, target: str | int, reverse: str, adr_dir: str | Path | None = None
) -> None:
    """Link two records: `kind` in source, `reverse` in target."""
    from archwise.adr import edit
    from archwise.adr.files import adr_lock, read, write

    folder, records = _scan(adr_dir)
    a, b = _resolve(records, source, folder), _resolve(records, target, folder)
    pa, pb = folder / a.rel, folder / b.rel
    with adr_lock(folder):
        ta, tb = read(pa), read(pb)
        write(pa, edit.add_link(ta, a.adr.format, kind, edit.heading_text(tb), _rel(pa, pb)))
        tb = read(pb)
        write(pb, edit.add_link(tb, b.adr.format, reverse, edit.heading_text(ta), _rel(pb, pa)))


def lint(adr_dir: str | Path | None = None, today: dt.date | None = None) -> list[Finding]:
    """Every problem in the collection, as findings (empty when clean).

    A missing folder, or one without records, is bad input: a CI step pointed at the wrong
    path must not pass.
    """
    from archwise.adr.collection import lint as run_lint

    config = _lint_config()
    folder, records = _scan(adr_dir, strict=True)
    return run_lint(records, _today(today), folder, config)


def index(readme: str | Path | None = None, adr_dir: str | Path | None = None) -> Path:
    """Write the table of contents between the markers of a README; return the README's path."""
    from archwise.adr.collection import index_markdown, inject_index
    from archwise.adr.files import read, write

    folder, records = _scan(adr_dir, strict=True)
    target = Path(readme) if readme is not None else folder / "README.md"
    prefix = os.path.relpath(folder, target.parent).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    current = read(target) if target.is_file() else None
    write(target, inject_index(current, index_markdown(records, prefix)))
    return target


def graph(fmt: str = "mermaid", adr_dir: str | Path | None = None, *, strict: bool = False) -> str:
    """The records and their links as Mermaid (`mermaid`) or Graphviz (`dot`)."""
    from archwise.adr.collection import graph as draw

    if fmt not in {"mermaid", "dot"}:
        raise InputError(f"unknown graph format {fmt!r}; valid: mermaid, dot", field="format")
    _, records = _scan(adr_dir, strict)
    return draw(records, fmt, _lint_config().vocabulary)


def due(
    today: dt.date | None = None, adr_dir: str | Path | None = None, *, strict: bool = False
) -> list[DueRecord]:
    """Records whose Review Date has passed."""
    from archwise.adr.collection import due as find_due

    _, records = _scan(adr_dir, strict)
    return find_due(records, _today(today))


def convert(
    to: str,
    refs: Sequence[str | int] = (),
    adr_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
) -> ConvertReport:
    """Rewrite records in another format; report what the target could not hold."""
    from archwise.adr.files import write
    from archwise.adr.model import ConvertReport
    from archwise.adr.parse import parse
    from archwise.adr.render import lost_fields, render

    target = _check_format(to)
    folder, records = _scan(adr_dir, strict=True)
    chosen = [_resolve(records, r, folder) for r in refs] if refs else records
    report = ConvertReport(target=target)
    dest = Path(out_dir) if out_dir is not None else folder
    for r in chosen:
        lost = lost_fields(r.adr, target)
        text = render(r.adr, target)
        # Whatever the renderer did not carry shows up when the result is read back.
        back = parse(text, r.rel)
        lost += [
            f"field {k!r}"
            for k in r.adr.fields
            if k not in back.fields and k.lower().replace(" ", "-") not in back.front_matter
        ]
        headings = {s.heading for s in back.extra_sections}
        lost += [
            f"section {s.heading!r}" if s.heading else "text under the title"
            for s in r.adr.extra_sections
            if s.heading not in headings and s.body
        ]
        if lost:
            report.dropped[r.rel] = list(dict.fromkeys(lost))
        path = dest / r.rel
        write(path, text)
        report.written.append(str(path))
    return report


def export(adr_dir: str | Path | None = None, *, strict: bool = False) -> list[Adr]:
    """Every record, fully parsed, for JSON export."""
    _, records = _scan(adr_dir, strict)
    return [r.adr for r in records]
