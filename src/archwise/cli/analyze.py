"""CLI verbs: `archwise analyze` (scan a repository) and `archwise check` (rules and ADR drift)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from archwise.cli._common import (
    JsonOpt,
    console,
    emit_json,
    err_console,
    esc,
    finite,
    handle_errors,
    real_console,
)
from archwise.errors import EXIT_PROBLEMS

PathArg = Annotated[Path, typer.Argument(help="Folder to analyse (default: the current one).")]
KbOpt = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base folder with more detect rules (repeatable)."),
]
PROGRESS_AFTER = 300  # files: smaller scans finish before a bar would help


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    if not enabled or not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        console=real_console(err_console),
        transient=True,
    )
    task: list[Any] = []

    def update(done: int, total: int, _path: str) -> None:
        if total < PROGRESS_AFTER:
            return
        if not task:
            bar.start()
            task.append(bar.add_task("scan", total=total))
        bar.update(task[0], completed=done)

    try:
        yield update
    finally:
        bar.stop()


def _cut(rows: list[Any], shown: int) -> str | None:
    """The caption of a table cut to its first rows, or None when all are shown."""
    if len(rows) <= shown:
        return None
    return f"{shown} of {len(rows)} shown; --json lists all"


def _render_services(doc: dict[str, Any]) -> None:
    from rich.table import Table

    built = [s for s in doc["services"] if s.get("built", True)]
    if not built:
        return
    st = Table("service", "folder", "from", "languages", "stack", title="Services")
    for s in built:
        stack = ", ".join(s.get("stack") or [])
        st.add_row(
            s["name"],
            s["folder"] or ".",
            f"{s['kind']} {s['file']}",
            ", ".join(s.get("languages") or []),
            stack,
        )
    console.print(st)
    backing = [s["name"] for s in doc["services"] if not s.get("built", True)]
    if backing:
        console.print(f"[bold]Backing services[/]: {esc(', '.join(backing))}", markup=True)
    for e in doc.get("service_edges") or []:
        console.print(f"  {e['source']} -> {e['target']} ({e['via']})")


def _render_analysis(doc: dict[str, Any]) -> None:
    from rich.table import Table

    t = doc["totals"]
    console.print(
        f"[bold]{esc(doc['root'])}[/]: {esc(doc['files']['counted'])} files counted of "
        f"{esc(doc['files']['listed'])}, {esc(t['code'])} code lines, {esc(t['comment'])} comment, "
        f"{esc(t['blank'])} blank",
        markup=True,
    )
    langs = doc["languages"]
    table = Table(
        "language", "files", "code", "comment", "blank", title="Languages", caption=_cut(langs, 15)
    )
    for r in langs[:15]:
        table.add_row(
            r["language"], str(r["files"]), str(r["code"]), str(r["comment"]), str(r["blank"])
        )
    console.print(table)
    if doc["stack"]:
        st = Table("technology", "category", "evidence", title="Stack")
        for s in doc["stack"]:
            ev = s["evidence"][0]
            where = f"{ev['file']}:{ev['line']}" if ev["line"] else ev["file"]
            st.add_row(s["name"], s["category"], f"{where} ({ev['via']})")
        console.print(st)
    if doc.get("housekeeping"):
        names = ", ".join(h["name"] for h in doc["housekeeping"])
        console.print(f"[dim]Repository housekeeping (not stack): {esc(names)}[/]", markup=True)
    _render_services(doc)
    graph = doc.get("graph")
    if graph:
        if graph.get("tests_excluded"):
            console.print(
                f"[dim]{esc(graph['tests_excluded'])} test and example "
                "modules left out of the graph "
                "(--include-tests adds them)[/]",
                markup=True,
            )
        console.print(
            f"[bold]Modules[/] at depth {esc(graph['depth'])}: {len(graph['modules'])} modules, "
            f"{esc(graph['edge_count'])} dependencies ("
            + ", ".join(f"{esc(k)}: {esc(v)}" for k, v in graph["engines"].items())
            + ")",
            markup=True,
        )
        mt = Table(
            "module",
            "fan-in",
            "fan-out",
            "I",
            "A",
            "D",
            title="Coupling (worst distance first)",
            caption=_cut(graph["modules"], 10),
        )
        for m in sorted(graph["modules"], key=lambda m: -m["distance"])[:10]:
            mt.add_row(
                m["module"],
                str(m["fan_in"]),
                str(m["fan_out"]),
                f"{m['instability']:.2f}",
                f"{m['abstractness']:.2f}",
                f"{m['distance']:.2f}",
            )
        console.print(mt)
        for c in graph["cycles"]:
            cuts = ", ".join(
                f"{b['source']} -> {b['target']} ({b['file']}:{b['line']})" for b in c["break"]
            )
            console.print(
                f"[yellow]cycle[/] {esc(', '.join(c['modules']))}; break: "
                f"{esc(cuts)} {esc('[' + str(c['method']) + ']')}",
                markup=True,
            )
    if doc["hotspots"]["files"]:
        source = doc["hotspots"]["churn_source"]
        how = "churn from git log x complexity" if source != "none" else "complexity (no history)"
        console.print(f"[bold]Hotspots[/] by {esc(how)}:", markup=True)
        for h in doc["hotspots"]["files"][:5]:
            churn = f"{h['churn']} commits, " if h["churn"] is not None else ""
            console.print(
                f"  {h['file']}: {churn}complexity {h['complexity']}, {h['code']} code lines"
            )
        if _cut(doc["hotspots"]["files"], 5):
            console.print(f"  [dim]{esc(_cut(doc['hotspots']['files'], 5))}[/]", markup=True)
    for s in doc["style"]:
        console.print(
            f"[bold]Style[/] {esc(s['style'])} ({s['score']:.2f}): {esc('; '.join(s['evidence']))}",
            markup=True,
        )
    for svc, items in doc["observability"].items():
        marks = " ".join(
            f"[green]✔ {esc(i['id'])}[/]" if i["present"] else f"[red]✘ {esc(i['id'])}[/]"
            for i in items
            if i["present"] is not None
        )
        console.print(f"[bold]Observability[/] {esc(svc)}: {marks}", markup=True)
    if doc["notes"]:
        console.print(
            f"[dim]{esc(doc['files']['notes'])} notes (skipped or "
            "repaired files); --json lists them[/]",
            markup=True,
        )
    if "diff" in doc:
        d = doc["diff"]
        if d is None:
            console.print(f"[dim]{esc(doc.get('diff_note'))}[/]", markup=True)
        else:
            console.print(
                f"[bold]Since snapshot {esc(doc['diff_since']['snapshot'])}[/]: "
                f"stack +{esc(d['stack']['added'])} -{esc(d['stack']['removed'])}; "
                f"code {esc(d['code_lines']['before'])} -> {esc(d['code_lines']['after'])}; "
                f"edges +{len(d['edges']['added'])} -{len(d['edges']['removed'])}; "
                f"cycles +{len(d['cycles']['added'])} -{len(d['cycles']['removed'])}",
                markup=True,
            )


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""

    @app.command("analyze")
    @handle_errors
    def analyze_cmd(  # noqa: PLR0917, RUF100
        path: PathArg = Path("."),
        depth: Annotated[
            int | None,
            typer.Option(
                "--depth", help="Group modules at this depth (default: auto).", min=1, max=64
            ),
        ] = None,
        diff: Annotated[
            bool, typer.Option("--diff", help="Show what changed since the last snapshot.")
        ] = False,
        no_save: Annotated[
            bool, typer.Option("--no-save", help="Do not store a snapshot of this run.")
        ] = False,
        max_file_mb: Annotated[
            float | None,
            typer.Option(
                "--max-file-mb",
                help="Skip files larger than this (default 2).",
                min=0.001,
                max=1024.0,
                callback=finite,
            ),
        ] = None,
        jobs: Annotated[
            int | None,
            typer.Option(
                "--jobs", "-j", help="Worker processes reading files (default 1).", min=1, max=64
            ),
        ] = None,
        include_tests: Annotated[
            bool,
            typer.Option(
                "--include-tests", help="Graph test and example code too (left out by default)."
            ),
        ] = False,
        diagram: Annotated[
            str | None,
            typer.Option("--diagram", help="Print the services and modules as mermaid or dot."),
        ] = None,
        kb: KbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Scan a repository: languages, lines, stack, services, module graph, style, health."""
        from archwise.api.analyze import analyze

        max_bytes = int(max_file_mb * 1_048_576) if max_file_mb else None
        with _progress(not json_output) as progress:
            doc = analyze(
                path,
                depth=depth,
                kb_dirs=kb or [],
                max_bytes=max_bytes,
                progress=progress,
                save=not no_save,
                diff=diff,
                jobs=jobs,
                include_tests=include_tests,
                diagram=diagram,
            )
        if json_output:
            emit_json(doc)
        elif diagram is not None:
            typer.echo(doc["diagram"]["text"], nl=False)
        else:
            _render_analysis(doc)

    @app.command("check")
    @handle_errors
    def check_cmd(  # noqa: PLR0917, RUF100
        path: PathArg = Path("."),
        rules: Annotated[
            Path | None,
            typer.Option(
                "--rules", help="Rules file (default: the architecture section of archwise.yaml)."
            ),
        ] = None,
        baseline: Annotated[
            Path | None, typer.Option("--baseline", help="Baseline of accepted violations (JSON).")
        ] = None,
        update_baseline: Annotated[
            bool,
            typer.Option("--update-baseline", help="Accept today's violations into the baseline."),
        ] = False,
        radar: Annotated[
            Path | None,
            typer.Option(
                "--radar", help="Organisation radar file (default: ARCHWISE_RADAR, config)."
            ),
        ] = None,
        kb: KbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Check architecture rules and accepted ADRs against the code; exit 1 on problems."""
        from archwise.api.analyze import check

        with _progress(not json_output) as progress:
            result = check(
                path,
                rules_file=rules,
                baseline=baseline,
                update_baseline=update_baseline,
                kb_dirs=kb or [],
                radar=radar,
                progress=progress,
                require_rules=True,
            )
        if json_output:
            emit_json(result)
        else:
            for v in result["violations"] + result["drift"]:
                where = (
                    f"{v['file']}:{v['line']}: "
                    if v["file"] and v["line"]
                    else (f"{v['file']}: " if v["file"] else "")
                )
                console.print(
                    f"{esc(where)}[red]{esc(v['rule'])}[/] {esc(v['message'])}",
                    soft_wrap=True,
                    markup=True,
                )
            b = result["baseline"]
            if b["accepted"]:
                console.print(
                    f"[dim]{esc(b['accepted'])} violations accepted by the "
                    f"baseline {esc(b['file'])}[/]",
                    markup=True,
                )
            if b["fixed"]:
                console.print(
                    f"[green]{len(b['fixed'])} baseline entries are fixed[/]; "
                    "run with --update-baseline to ratchet the baseline down",
                    markup=True,
                )
            for u in result["adrs"]["unreadable_assertions"]:
                console.print(
                    f"[yellow]{esc(u['adr'])}:{esc(u['line'])}[/] cannot check "
                    f"'{esc(u['assertion'])}': {esc(u['why'])}",
                    markup=True,
                )
            a = result["adrs"]
            verdict = "[green]passed[/]" if result["passed"] else "[red]failed[/]"
            console.print(
                f"check {verdict}: {len(result['violations'])} rule violations, "
                f"{len(result['drift'])} drifted decisions ({a['counted']} accepted ADRs, "
                f"{a['assertions']} assertions)",
                markup=True,
            )
        if not result["passed"]:
            raise typer.Exit(EXIT_PROBLEMS)
