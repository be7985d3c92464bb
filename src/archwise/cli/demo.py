"""CLI verb: `archwise demo` runs the main job on the bundled real-time chat example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from archwise.cli._common import JsonOpt, console, emit_json, esc, handle_errors, styled


def _money(value: Any) -> str:
    return f"${float(value):,.0f}"


def _render(result: dict[str, Any]) -> None:
    from rich.table import Table

    rec = result["recommendation"]
    chosen = rec["recommendation"]["option"]
    console.rule(styled(f"[bold]archwise demo[/]: {esc(result['example'])}"))
    questions = result["questions"]
    console.print(
        f"\n[bold]1. Requirements[/] valid; {esc(questions['answered'])} questions answered, "
        f"{esc(questions['open'])} still open. Most decisive open ones:",
        markup=True,
    )
    for q in questions["questions"][:3]:
        console.print(f"   - {esc(q['question'])}  [dim]({esc(q['field'])})[/]", markup=True)

    console.print(f"\n[bold]2. Recommendation[/] ★ [bold green]{esc(chosen)}[/]", markup=True)
    feasible = rec.get("feasibility") or {}
    if feasible.get("feasible") is False:
        for c in feasible.get("conflicts") or []:
            console.print(f"   [red]infeasible[/]: {esc(c['why'])}", soft_wrap=True, markup=True)
    else:
        console.print("   feasible: no conflict between the requirements")
    from archwise.api.recommend import hard_problems_shown

    problems = hard_problems_shown(rec)
    if problems["lead"]:
        console.print("   [bold]The hard problems here[/]", markup=True)
    for n, hp in enumerate(problems["lead"], 1):
        console.print(
            f"     {esc(str(n))}. {esc(hp['problem'])} ({esc(', '.join(hp['addressed_by'][:3]))})"
            f" [dim]({esc(hp['archetype_name'])})[/]",
            soft_wrap=True,
            markup=True,
        )
    also = [a["name"] for a in problems["also"] if not a["led"]]
    if also:  # as the CLI's opening line: the kinds of system none of whose problems lead
        console.print(f"   Also worth a look: {esc(', '.join(also))}", soft_wrap=True, markup=True)
    for why in [w for w in rec["recommendation"]["why"] if not w.startswith("The hard")][:4]:
        console.print(f"   - {why}")
    skipped = [t for t, d in rec["decisions"].items() if d.get("needed") is False]
    if skipped:
        console.print(f"   not needed now: {', '.join(skipped)}", soft_wrap=True)
    table = Table(title="Options", show_lines=False)
    for col in ("option", "profile", "cost / month", "scales to"):
        table.add_column(col)
    for opt in rec["options"]:
        cost = opt["cost_usd_per_month"]
        mark = "★ " if opt["name"] == chosen else ""
        table.add_row(
            mark + opt["name"],
            opt["profile"],
            f"{_money(cost['low'])}-{_money(cost['high'])}"
            + (
                f"\n({str(cost.get('provider') or '').upper()} prices, a reference)"
                if cost.get("reference")
                else ""
            ),
            str(opt.get("scales_to", {}).get("text", ""))
            if isinstance(opt.get("scales_to"), dict)
            else str(opt.get("scales_to", "")),
        )
    console.print(table)
    for step in rec["recommendation"]["evolution"]:
        metrics = "; ".join(step.get("success_metrics", []))
        console.print(f"   {step['phase']} (months {step['months']}): {step['to']} — {metrics}")

    cap = result["capacity"]
    console.print(
        f"\n[bold]3. Capacity[/] {cap['demand_now']:,.0f} -> {cap['demand_horizon']:,.0f} "
        f"{esc(cap['demand_unit'])} by {esc(cap['horizon_date'])}",
        markup=True,
    )
    for res in cap["resources"]:
        for opt in res["options"][:2]:
            breaks = next(
                (e for e in opt.get("events", []) if e["event"] == "per-node ceiling reached"), None
            )
            line = (
                f"   {opt['name']}: {opt['nodes_now']} nodes now, {opt['nodes_horizon']} at the "
                f"horizon ({opt['per_node']:,.0f} per node)"
            )
            if breaks:
                line += f"; as provisioned it breaks on {breaks['date']}"
            console.print(line)

    sched = result["plan"].get("schedule") or {}
    console.print("\n[bold]4. Delivery[/]", markup=True)
    for phase in result["plan"]["phases"]:
        metric = "; ".join(m.get("text", "") for m in phase.get("success_metrics", []))
        console.print(f"   {phase['name']} (months {phase['months']}): {metric}")
    if sched:
        path = " -> ".join(sched["critical_paths"][0])
        mc = sched.get("monte_carlo") or {}
        console.print(
            f"   MVP critical path: {path}; {sched['duration_days']:.0f} working days"
            + (f", finish {sched['finish_date']}" if sched.get("finish_date") else "")
            + (f" (P80 {mc['p80_days']:.0f} days)" if mc.get("p80_days") else "")
        )

    adr = result["adr"]
    where = (
        esc(adr["file"])
        if result["written"]
        else f"{esc(adr['file'])} (not written; --write DIR writes it)"
    )
    console.print(f"\n[bold]5. ADR[/] {where}", markup=True)
    for line in adr["text"].splitlines()[:12]:
        console.print(f"   [dim]{esc(line)}[/]", markup=True, highlight=False)
    if result["written"]:
        console.print(f"\nWrote a workspace to explore in {result['workspace']}:")
        for name in result["written"]:
            console.print(f"   {name}")
    else:
        console.print(
            "\nNext: [bold]archwise demo --write chat-demo[/] writes this as a workspace "
            "(with the HTML architecture document); [bold]archwise "
            "new[/] starts your own.",
            markup=True,
        )


def register(app: typer.Typer) -> None:
    """Add `archwise demo` to the app."""

    @app.command("demo")
    @handle_errors
    def demo(
        write: Annotated[
            Path | None,
            typer.Option("--write", help="Write the demo workspace into this new folder."),
        ] = None,
        start: Annotated[
            str | None, typer.Option("--start", help="Plan start date (YYYY-MM-DD).")
        ] = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Run requirements, recommendation, capacity, plan and ADR on the chat example."""
        from archwise.api.demo import run_demo
        from archwise.errors import InputError

        begin = None
        if start:
            try:
                begin = dt.date.fromisoformat(start)
            except ValueError:
                raise InputError(f"expected YYYY-MM-DD, got {start!r}", field="--start") from None
        with console.status("running the chat example...", spinner="dots"):
            result = run_demo(write, start=begin)
        if json_output:
            emit_json(result)
        else:
            _render(result)
