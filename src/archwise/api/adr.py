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
    from archwise.adr.collection import Record
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
    "adr_tools_main",
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
    if name in _MODEL_NAMES:
        from archwise.adr import model

        return getattr(model, name)
    raise AttributeError(name)


def adr_tools_main(argv: Sequence[str]) -> int:
    """Run the adr-tools compatible `adr` command with these arguments; return its exit status."""
    from archwise.adr.dropin import main

    return main(argv)


def find_dir(adr_dir: str | Path | None = None, cwd: Path | None = None) -> Path:
    """The ADR folder: the one given, else the workspace's, else adr-tools' search from cwd."""
    from archwise.adr.adrtools import find_adr_dir
    from archwise.workspace import ADR_DIR_FILE, open_workspace

    here = Path(cwd or Path.cwd())
    if adr_dir is not None:
        return here / adr_dir
    ws = open_workspace(here)
    if ws.config.get("adr_dir") or (ws.root / ADR_DIR_FILE).is_file():
        return ws.adr_dir()
    rel = find_adr_dir(here)
    found = here / rel
    if rel != "doc/adr" or found.is_dir():
        return found
    return ws.adr_dir()


def _today(today: dt.date | None = None) -> dt.date:
    env = os.environ.get("ADR_DATE")
    if today is not None:
        return today
    if env:
        try:
            return dt.date.fromisoformat(env)
        except ValueError:
            raise InputError("ADR_DATE must be a date as YYYY-MM-DD", field="ADR_DATE") from None
    return dt.date.today()


def _date_text(date: str | None) -> str:
    return date or os.environ.get("ADR_DATE") or dt.date.today().isoformat()


def _scan(adr_dir: str | Path | None) -> tuple[Path, list[Record]]:
    from archwise.adr.collection import scan

    d = find_dir(adr_dir)
    return d, scan(d)


def _resolve(records: list[Record], ref: str | int, folder: Path) -> Record:
    text = str(ref).strip()
    if text.isdigit():
        hits = [r for r in records if r.adr.number == int(text)]
        if hits:
            return hits[0]
    for r in records:
        stem = r.rel.rsplit("/", 1)[-1]
        if text and (text in (r.rel, stem) or text in r.rel):
            return r
    known = ", ".join(str(r.adr.number) for r in records if r.adr.number is not None)[:200]
    raise NotFoundError(
        f"no record {text!r} in {folder}" + (f"; records: {known}" if known else "")
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
    if not _valid_date(day):
        raise InputError(f"date {day!r} is not YYYY-MM-DD", field="date")
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
        number = at.next_number(folder)
        if target_fmt == "log4brains":
            stem = dt.date.fromisoformat(day).strftime("%Y%m%d")
            name = f"{stem}-{at.slugify(slug_title or clean, 200) or 'decision'}.md"
            record_number: int | None = None
        else:
            name = at.safe_file_name(number, slug_title or clean)
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
        for ref in supersede:
            old = _resolve(records, ref, folder)
            old_path = folder / old.rel
            write(
                old_path,
                edit.supersede(read(old_path), old.adr.format, heading, _rel(old_path, path)),
            )
            text = edit.add_link(
                text,
                target_fmt,
                "Supersedes",
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


def _valid_date(day: str) -> bool:
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return False
    return True


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


def list_records(status: str | None = None, adr_dir: str | Path | None = None) -> list[Summary]:
    """The records of the folder in number order, optionally only those with a status."""
    from archwise.adr.model import Summary

    _, records = _scan(adr_dir)
    want = status.lower() if status else None
    return [
        Summary(
            number=r.adr.number,
            title=r.adr.title,
            status=r.adr.lifecycle_status,
            date=r.adr.date,
            review_date=r.adr.review_date,
            format=r.adr.format,
            path=r.rel,
            links=r.adr.links,
        )
        for r in records
        if want is None or r.adr.lifecycle_status == want
    ]


def show(ref: str | int, adr_dir: str | Path | None = None) -> Adr:
    """One record, parsed, by number or (part of) file name."""
    folder, records = _scan(adr_dir)
    return _resolve(records, ref, folder).adr


def set_status(ref: str | int, status: str, adr_dir: str | Path | None = None) -> Path:
    """Change a record's status (one of the lifecycle words); return its path."""
    from archwise.adr import edit
    from archwise.adr.files import adr_lock, read, write
    from archwise.adr.model import LIFECYCLE

    word = status.strip().lower()
    if word not in LIFECYCLE:
        raise InputError(f"status {status!r}; valid: {', '.join(LIFECYCLE)}", field="status")
    folder, records = _scan(adr_dir)
    rec = _resolve(records, ref, folder)
    path = folder / rec.rel
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
    with adr_lock(folder):
        ta, tb = read(pa), read(pb)
        write(pa, edit.supersede(ta, a.adr.format, edit.heading_text(tb), _rel(pa, pb)))
        write(
            pb, edit.add_link(tb, b.adr.format, "Supersedes", edit.heading_text(ta), _rel(pb, pa))
        )


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
    """Every problem in the collection, as findings (empty when clean)."""
    from archwise.adr.collection import lint as run_lint

    folder, records = _scan(adr_dir)
    return run_lint(records, _today(today), folder)


def index(readme: str | Path | None = None, adr_dir: str | Path | None = None) -> Path:
    """Write the table of contents between the markers of a README; return the README's path."""
    from archwise.adr.collection import index_markdown, inject_index
    from archwise.adr.files import read, write

    folder, records = _scan(adr_dir)
    target = Path(readme) if readme is not None else folder / "README.md"
    prefix = os.path.relpath(folder, target.parent).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    current = read(target) if target.is_file() else None
    write(target, inject_index(current, index_markdown(records, prefix)))
    return target


def graph(fmt: str = "mermaid", adr_dir: str | Path | None = None) -> str:
    """The records and their links as Mermaid (`mermaid`) or Graphviz (`dot`)."""
    from archwise.adr.collection import graph as draw

    if fmt not in {"mermaid", "dot"}:
        raise InputError(f"unknown graph format {fmt!r}; valid: mermaid, dot", field="format")
    _, records = _scan(adr_dir)
    return draw(records, fmt)


def due(today: dt.date | None = None, adr_dir: str | Path | None = None) -> list[DueRecord]:
    """Records whose Review Date has passed."""
    from archwise.adr.collection import due as find_due

    _, records = _scan(adr_dir)
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
    from archwise.adr.render import lost_fields, render

    target = _check_format(to)
    folder, records = _scan(adr_dir)
    chosen = [_resolve(records, r, folder) for r in refs] if refs else records
    report = ConvertReport(target=target)
    dest = Path(out_dir) if out_dir is not None else folder
    for r in chosen:
        lost = lost_fields(r.adr, target)
        if lost:
            report.dropped[r.rel] = lost
        path = dest / r.rel
        write(path, render(r.adr, target))
        report.written.append(str(path))
    return report


def export(adr_dir: str | Path | None = None) -> list[Adr]:
    """Every record, fully parsed, for JSON export."""
    _, records = _scan(adr_dir)
    return [r.adr for r in records]
