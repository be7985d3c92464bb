"""The top-level verbs of `archwise` and their help, in the order `archwise --help` lists them.

The root help is built from this outline without importing the fourteen command modules or
turning their 73 command signatures into click parameters (ADR-0027); a test holds it equal to
what the modules register, and the help it renders byte for byte equal to the full app's.
Regenerate it with `python -m archwise.cli._outline` after adding a verb or changing its help.
"""

from __future__ import annotations

OUTLINE: tuple[tuple[str, str], ...] = (
    ("demo", "Run requirements, recommendation, capacity, plan and ADR on the chat example."),
    (
        "check-requirements",
        "Validate a requirements file: exit 0 when valid, 2 with the first located error.",
    ),
    ("questions", "List what the requirements file leaves unknown, most decisive question first."),
    (
        "new",
        "Write a new commented archwise.yaml from flags, asking in a terminal for what is missing.",
    ),
    (
        "brief",
        "Show what a free-text brief says about the requirements, with the phrase behind each.",
    ),
    (
        "recommend",
        "Options with tradeoffs, the recommendation with its evolution path, and the reasons.",
    ),
    (
        "explain",
        "The full scoring trace of one decision: weights, constraints, every criterion score.",
    ),
    ("compare", "Compare candidates side by side for one topic, criterion by criterion."),
    ("evaluate", "Proven over novel: age, maintenance, community and hiring, with red flags."),
    (
        "discover",
        "Interview: ask the open requirement questions, most decisive first; saves each answer.",
    ),
    (
        "analyze",
        "Scan a repository: languages, lines, stack, services, module graph, style, health.",
    ),
    ("check", "Check architecture rules and accepted ADRs against the code; exit 1 on problems."),
    ("plan", "Phased delivery plan, critical path, PERT odds and exports (Gantt, ICS, CSV)."),
    (
        "report",
        "Write the architecture document: requirements to ADRs, with diagrams and the plan.",
    ),
    ("mcp", "Serve archwise's tools, resources and prompts to an MCP client (stdio by default)."),
    ("serve", "Serve the workspace in a browser: decisions, capacity, plan, ADRs and the radar."),
    ("push", "Send repositories' ADRs, stack and analysis to a server's registry."),
    ("schema", "Print JSON Schemas of archwise's file formats."),
    ("kb", "The knowledge base: technologies, patterns, principles and the organisation's radar."),
    ("session", "The guided architecture workflow: phases, todos and an audit trail."),
    ("adr", "Architecture Decision Records: create, list, check, index, graph and convert them."),
    (
        "capacity",
        "Capacity planning: size for latency percentiles, fit the Universal Scalability Law to "
        "load tests, plan growth and cost, diagnose bottlenecks, simulate.",
    ),
    ("risks", "The risk register: the Risk Assessment questions for each decision, by exposure."),
    ("export", "Export the architecture to other tools' formats."),
    (
        "registry",
        "The decision registry: ADRs, stacks and analyses of many repositories, and the radar.",
    ),
    (
        "agent",
        "Teach a coding agent the archwise workflow: skill, commands and the MCP server entry.",
    ),
)


def _q(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def source() -> str:
    """This module's source with the outline of the full app, as the command modules define it."""
    import textwrap
    from pathlib import Path

    import typer

    from archwise.cli.main import full_app

    group = typer.main.get_command(full_app())
    assert isinstance(group, typer.core.TyperGroup)
    rows = []
    for name in group.list_commands(typer.Context(group)):
        text = group.commands[name].help or ""
        one = f"    ({_q(name)}, {_q(text)}),"
        if len(one) <= 100:
            rows.append(one)
            continue
        fits = len(_q(text)) + 9 <= 100  # as ruff formats it: one string when it fits
        parts = [text] if fits else textwrap.wrap(text, 88, drop_whitespace=False)
        body = "\n".join(f"        {_q(p)}" for p in parts)
        rows.append(f"    (\n        {_q(name)},\n{body},\n    ),")
    own = Path(__file__).read_text(encoding="utf-8")
    head, rest = own.split("OUTLINE: tuple[tuple[str, str], ...] = (", 1)
    tail = rest.split("\n)\n", 1)[1] if "\n)\n" in rest else rest.split(")\n", 1)[1]
    table = "OUTLINE: tuple[tuple[str, str], ...] = (\n" + "\n".join(rows) + "\n)\n"
    return head + table + tail


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).write_text(source(), encoding="utf-8")
