"""CLI verbs: recommend, explain, compare, evaluate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archwise.cli._common import JsonOpt, console, emit_json, esc, handle_errors, styled

if TYPE_CHECKING:
    from archwise.api.recommend import Decision, Recommendation

FileArg = Annotated[Path, typer.Argument(help="The requirements file (archwise.yaml).")]
TopicOpt = Annotated[
    str | None,
    typer.Option("--topic", "-t", help="Show one decision, e.g. database, realtime, language."),
]
WeightsOpt = Annotated[
    str | None,
    typer.Option(
        "--weights",
        "-w",
        help="Override criterion weights: 'cost=3,maturity=2' or a YAML file of criterion: weight.",
    ),
]
KbOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb", help="A knowledge-base folder that adds or overrides entries (repeatable)."
    ),
]
RadarOpt = Annotated[
    Path | None,
    typer.Option("--radar", help="The organisation's tech radar (adopt/trial/assess/hold)."),
]


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""
    app.command("recommend")(recommend)
    app.command("explain")(explain)
    app.command("compare")(compare)
    app.command("evaluate")(evaluate)


@handle_errors
def recommend(
    file: FileArg,
    topic: TopicOpt = None,
    weights: WeightsOpt = None,
    kb: KbOpt = None,
    radar: RadarOpt = None,
    prices: Annotated[
        Path | None, typer.Option("--prices", help="A price table that replaces entries by key.")
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Also save the result in the workspace store.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Options with tradeoffs, the recommendation with its evolution path, and the reasons."""
    from archwise.api import recommend as api

    rec = api.recommend(
        file, topic=topic, weights=weights, kb_dirs=kb or [], radar=radar, prices=prices
    )
    if save:
        api.snapshot(rec)
    if json_output:
        emit_json(rec)
        return
    _render(rec)


@handle_errors
def explain(
    file: FileArg,
    topic: Annotated[str, typer.Option("--topic", "-t", help="The decision to explain.")],
    weights: WeightsOpt = None,
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """The full scoring trace of one decision: weights, constraints, every criterion score."""
    from archwise.api import recommend as api

    decision, found = api.explanation(file, topic, weights=weights, kb_dirs=kb or [], radar=radar)
    if json_output:
        emit_json(
            {
                **decision.model_dump(mode="json"),
                "archetypes": [a.model_dump(mode="json") for a in found],
            }
        )
        return
    for a in found:
        console.print(
            f"[bold]{esc(a.kind.replace('workload', 'archetype'))}[/] {esc(a.name)}: "
            f"{esc('; '.join(a.why))}",
            soft_wrap=True,
            markup=True,
        )
    _render_trace(decision)


@handle_errors
def compare(
    names: Annotated[list[str], typer.Argument(help="Two or three technologies or patterns.")],
    topic: Annotated[str, typer.Option("--for", help="The decision they compete for.")],
    requirements: Annotated[
        Path | None,
        typer.Option("--requirements", "-r", help="Score against this requirements file."),
    ] = None,
    weights: WeightsOpt = None,
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Compare candidates side by side for one topic, criterion by criterion."""
    from rich.table import Table

    from archwise.api import recommend as api

    result = api.compare(
        names,
        topic,
        requirements_file=requirements,
        weights=weights,
        kb_dirs=kb or [],
        radar=radar,
    )
    if json_output:
        emit_json(result)
        return
    shown = [n for n in result.names if n in result.totals]
    table = Table(title=f"{' vs '.join(result.names)} for {topic}")
    table.add_column("criterion")
    table.add_column("weight", justify="right")
    for n in shown:
        table.add_column(n, justify="right")
    for crit, by_name in result.criteria.items():
        first = next(iter(by_name.values()))
        table.add_row(crit, f"{first.weight:g}", *[f"{by_name[n].score:.2f}" for n in shown])
    table.add_row(
        styled("[bold]total[/]"), "", *[styled(f"[bold]{result.totals[n]:.3f}[/]") for n in shown]
    )
    console.print(table)
    for ex in result.excluded:
        console.print(
            f"[red]excluded[/] {esc(ex.name)}: {esc('; '.join(ex.reasons))}",
            soft_wrap=True,
            markup=True,
        )
    if result.winner:
        console.print(f"★ [bold]{esc(result.winner)}[/] scores highest", markup=True)
    for crit, by_name in result.criteria.items():
        for n in shown:
            console.print(
                f"  [dim]{esc(crit)} · {esc(n)}:[/] {esc(by_name[n].reason)}",
                soft_wrap=True,
                markup=True,
            )


@handle_errors
def evaluate(
    name: Annotated[str, typer.Argument(help="A technology or pattern name (or alias).")],
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Proven over novel: age, maintenance, community and hiring, with red flags."""
    from archwise.api import recommend as api

    result = api.evaluate(name, kb_dirs=kb or [], radar=radar)
    if json_output:
        emit_json(result)
        return
    colour = {"proven": "green", "caution": "yellow", "novel": "red"}[result.verdict]
    age = f", {result.age_years} years" if result.age_years is not None else ""
    console.print(
        f"[bold]{esc(result.name)}[/] ({esc(result.kind)}{esc(age)}): "
        f"[{colour}]{esc(result.verdict)}[/]",
        markup=True,
    )
    for check in result.checks:
        mark = {"pass": "[green]✓[/]", "fail": "[red]✗[/]", "unknown": "[yellow]?[/]"}[check.status]
        console.print(f"  {mark} {esc(check.message)}", soft_wrap=True, markup=True)
    if result.red_flags:
        console.print("[bold red]Red flags[/]", markup=True)
        for flag in result.red_flags:
            console.print(f"  - {flag}", soft_wrap=True)


def _money(low: float, high: float) -> str:
    return f"${low:,.0f}-{high:,.0f}"


def _render(rec: Recommendation) -> None:
    from rich.table import Table

    choice = rec.recommendation
    console.print(
        f"[bold]{esc(rec.requirements.name)}[/] ({esc(rec.requirements.file)})", markup=True
    )
    if choice.option:
        console.print(
            f"\n★ [bold green]Recommended: {esc(choice.option)}[/] "
            f"(confidence {choice.confidence:.2f})",
            soft_wrap=True,
            markup=True,
        )
        for line in choice.why:
            console.print(f"  - {line}", soft_wrap=True)
        if choice.evolution:
            evo = Table(title="Evolution path")
            for col in ("phase", "months", "trigger", "option", "success metrics"):
                evo.add_column(col)
            for step in choice.evolution:
                evo.add_row(
                    step.phase,
                    step.months,
                    step.trigger,
                    step.to,
                    ", ".join(step.success_metrics),
                )
            console.print(evo)
    options = Table(title="Options")
    for col in ("option", "profile", "burden", "cost $/month", "scales to", "score"):
        options.add_column(col)
    for o in rec.options:
        star = "★ " if o.name == choice.option else ""
        options.add_row(
            star + o.name,
            o.profile,
            o.operational_burden,
            _money(o.cost_usd_per_month.low, o.cost_usd_per_month.high)
            + (
                f"\n({(o.cost_usd_per_month.provider or '').upper()} prices, a reference)"
                if o.cost_usd_per_month.reference
                else ""
            ),
            o.scales_to.text,
            f"{o.score:.3f}",
        )
    console.print(options)
    for o in rec.options:
        console.print(f"\n[bold]{esc(o.name)}[/] — {esc(o.summary)}", soft_wrap=True, markup=True)
        parts = ", ".join(f"{t}: {n}" for t, n in o.components.items())
        console.print(f"  components: {parts}", soft_wrap=True)
        for s in o.services:
            svc = ", ".join(f"{t}: {n}" for t, n in s.components.items())
            console.print(f"  + {s.role}: {svc} ({s.why})", soft_wrap=True)
        console.print(f"  [green]pros:[/] {esc('; '.join(o.pros))}", soft_wrap=True, markup=True)
        console.print(f"  [red]cons:[/] {esc('; '.join(o.cons))}", soft_wrap=True, markup=True)
        cost = o.cost_usd_per_month
        if cost.tiers and cost.now is not None and cost.horizon is not None:
            tiers = ", ".join(
                f"{t['name']} ${t['cost_usd_month_now'] or 0:,.0f}" for t in cost.tiers
            )
            console.print(
                f"  tiers on {cost.provider}: ${cost.now:,.0f}/month now, "
                f"${cost.horizon:,.0f} at the horizon ({tiers})",
                soft_wrap=True,
                markup=False,
            )
        if o.why_not:
            console.print(
                f"  [yellow]why not now:[/] {esc(o.why_not)}", soft_wrap=True, markup=True
            )
    decisions = Table(title="Decisions")
    for col in ("topic", "chosen", "in ★ option", "confidence", "runner-up", "excluded"):
        decisions.add_column(col)
    for topic, d in rec.decisions.items():
        runner = f"{d.ranked[1].name} ({d.ranked[1].score:.2f})" if len(d.ranked) > 1 else "-"
        chosen = esc(d.chosen) if d.chosen else ("[dim]n/a[/]" if not d.relevant else "-")
        fragile = " [yellow]fragile[/]" if d.fragile else ""
        decisions.add_row(
            topic,
            styled(chosen + fragile),
            d.in_recommendation or "-",
            f"{d.confidence:.2f}",
            runner,
            str(len(d.excluded)),
        )
    console.print(decisions)
    if rec.questions:
        console.print("[bold]Questions that would change or firm up this answer[/]", markup=True)
        for q in rec.questions[:8]:
            console.print(
                f"  ? {esc(q.question)} [dim]({esc(q.why)})[/]", soft_wrap=True, markup=True
            )
    for w in rec.warnings:
        console.print(f"[yellow]warning:[/] {esc(w)}", soft_wrap=True, markup=True)


def _render_trace(d: Decision) -> None:
    from rich.table import Table

    console.print(
        f"[bold]{esc(d.topic)}[/]: {esc(d.chosen or '-')} (confidence {d.confidence:.2f})",
        markup=True,
    )
    if not d.needed:
        console.print(
            f"[yellow]not needed[/]: {esc(d.relevance)}; needed when {esc(d.trigger)}",
            soft_wrap=True,
            markup=True,
        )
    trace = Table(title="How the requirements set the weights")
    for col in ("criterion", "change", "weight", "because", "rule"):
        trace.add_column(col)
    for w in d.weight_trace:
        trace.add_row(w.criterion, f"{w.delta:+g}", f"{w.weight_after:g}", w.because, w.rule)
    console.print(trace)
    for ex in d.excluded:
        console.print(
            f"[red]excluded[/] {esc(ex.name)}: {esc('; '.join(ex.reasons))}",
            soft_wrap=True,
            markup=True,
        )
    for r in d.ranked:
        console.print(f"\n[bold]{esc(r.name)}[/] {r.score:.3f}", markup=True)
        for c in r.criteria:
            console.print(
                f"  {c.criterion:<24} {c.score:.2f} x{c.weight:<4g} {c.reason}", soft_wrap=True
            )
    if d.sensitivity:
        sens = Table(title="Sensitivity: weight change that flips the winner")
        for col in ("criterion", "weight", "change", "flips to"):
            sens.add_column(col)
        for s in d.sensitivity:
            change: Any = "never" if s.change_to_flip is None else f"{s.change_to_flip:+.2f}"
            sens.add_row(s.criterion, f"{s.weight:g}", change, s.flips_to or "-")
        console.print(sens)
    if d.unknown:
        console.print(
            f"[yellow]unknown deciding requirements:[/] {esc(', '.join(d.unknown))}", markup=True
        )
