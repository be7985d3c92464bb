"""Render the ADR model as Markdown in each supported format, and say what a format cannot hold."""

from __future__ import annotations

from archwise.adr.model import Adr, Format, Link, Option

SUPERSEDED_BY = ("superseded by", "superceded by")

# What each format can hold; convert reports any non-empty field outside the target's set.
HOLDS: dict[Format, frozenset[str]] = {
    "spec": frozenset(
        {
            "number", "title", "status", "date", "deciders", "context", "decision",
            "alternatives", "consequences", "implementation_notes", "success_metrics",
            "review_date", "links", "fields", "extra_sections",
        }
    ),
    "nygard": frozenset(
        {"number", "title", "status", "date", "context", "decision", "consequences", "links",
         "fields", "extra_sections"}
    ),
    "madr2": frozenset(
        {"number", "title", "status", "date", "deciders", "context", "drivers", "decision",
         "chosen", "alternatives", "consequences", "links", "fields", "extra_sections"}
    ),
    "madr3": frozenset(
        {"number", "title", "status", "date", "deciders", "consulted", "informed", "tags",
         "context", "drivers", "decision", "chosen", "alternatives", "consequences",
         "confirmation", "links", "fields", "extra_sections"}
    ),
    "madr4": frozenset(
        {"number", "title", "status", "date", "deciders", "consulted", "informed", "tags",
         "context", "drivers", "decision", "chosen", "alternatives", "consequences",
         "confirmation", "links", "fields", "extra_sections"}
    ),
    "log4brains": frozenset(
        {"title", "status", "date", "deciders", "tags", "context", "drivers", "decision",
         "chosen", "alternatives", "consequences", "links", "fields", "extra_sections"}
    ),
}  # fmt: skip


def lost_fields(adr: Adr, target: Format) -> list[str]:
    """Fields with content that the target format has no place for."""
    holds = HOLDS[target]
    lost: list[str] = []
    for name in Adr.model_fields:
        if name in {"format", "path", "preamble", "front_matter"} or name in holds:
            continue
        value = getattr(adr, name)
        if value:
            lost.append(name)
    if "alternatives" in holds and target != "spec" and any(o.why_not for o in adr.alternatives):
        lost.append("alternatives.why_not")
    if target == "spec" and adr.chosen and (adr.chosen.pros or adr.chosen.cons):
        lost.append("chosen.pros_cons")
    if adr.preamble:
        lost.append("preamble (the text before the title)")
    lost += [f"front matter {key!r}" for key in adr.front_matter]
    return lost


def _md_link(link: Link) -> str:
    return f"{link.kind} [{link.title}]({link.href})"


def _is_superseded_by(link: Link) -> bool:
    return link.kind.lower().startswith(SUPERSEDED_BY)


def _bullets(items: list[str], mark: str = "-") -> str:
    return "\n".join(f"{mark} {item}" for item in items)


def _join(blocks: list[str]) -> str:
    return "\n\n".join(b for b in blocks if b) + "\n"


def _extras(adr: Adr, level: str = "##") -> tuple[str, list[str]]:
    lead = ""
    out: list[str] = []
    for s in adr.extra_sections:
        if not s.heading:
            lead = s.body
        else:
            out.append(f"{level} {s.heading}\n\n{s.body}" if s.body else f"{level} {s.heading}")
    return lead, out


def _consequence_groups(adr: Adr) -> str:
    c = adr.consequences
    parts: list[str] = []
    if c.text:
        parts.append(c.text)
    for label, items in (
        ("Positive", c.positive),
        ("Negative", c.negative),
        ("Neutral", c.neutral),
    ):
        if items:
            parts.append(f"**{label}**:\n{_bullets(items)}")
    for label, items in c.other.items():
        parts.append(f"**{label}**:\n{_bullets(items)}")
    return "\n\n".join(parts)


def _inline(items: list[str]) -> str:
    return "; ".join(items)


def render_spec(adr: Adr) -> str:
    """The spec's template: `# ADR-NNN: Title`, bold header fields, then the sections."""
    # A record without a number keeps a plain title: converting never invents a number.
    title = f"ADR-{adr.number:03d}: {adr.title}" if adr.number is not None else adr.title
    head = [f"# {title}", ""]
    fields: list[str] = []
    sup = [lk for lk in adr.links if _is_superseded_by(lk)]
    status = adr.status or ""
    if sup and (not adr.status or adr.lifecycle_status == "superseded"):
        status = f"{sup[0].kind} [{sup[0].title}]({sup[0].href})"
        if adr.status and adr.status.lower() not in {"superseded", "superceded"}:
            status = adr.status
            sup = []
    else:
        sup = []
    if status:
        fields.append(f"**Status**: {status}")
    if adr.date:
        fields.append(f"**Date**: {adr.date}")
    if adr.deciders:
        fields.append(f"**Deciders**: {', '.join(adr.deciders)}")
    for key, value in adr.fields.items():
        fields.append(f"**{key}**: {value}")
    # A one-paragraph context stays in the header as the spec shows it; longer ones get a section.
    long_context = "\n\n" in adr.context
    if adr.context and not long_context:
        fields.append(f"**Context**: {adr.context}")
    blocks = [head[0], "\n".join(fields)]
    lead, extras = _extras(adr)
    blocks.append(lead)
    if long_context:
        blocks.append(f"## Context\n\n{adr.context}")
    if adr.decision:
        blocks.append(f"## Decision\n\n{adr.decision}")
    if adr.alternatives:
        opts = []
        for i, o in enumerate(adr.alternatives, start=1):
            lines = [f"### Option {i}: {o.name}"]
            if o.description:
                lines.append(o.description)
            if o.pros:
                lines.append(f"- **Pros**: {_inline(o.pros)}")
            if o.cons:
                lines.append(f"- **Cons**: {_inline(o.cons)}")
            if o.neutral:
                lines.append(f"- **Neutral**: {_inline(o.neutral)}")
            if o.why_not:
                lines.append(f"- **Why not chosen**: {o.why_not}")
            opts.append("\n".join(lines))
        blocks.append("## Alternatives Considered\n\n" + "\n\n".join(opts))
    if not adr.consequences.is_empty():
        blocks.append(f"## Consequences\n\n{_consequence_groups(adr)}")
    if adr.implementation_notes:
        blocks.append(f"## Implementation Notes\n\n{adr.implementation_notes}")
    if adr.success_metrics:
        blocks.append(f"## Success Metrics\n\n{_bullets(adr.success_metrics)}")
    if adr.review_date:
        blocks.append(f"## Review Date\n\n{adr.review_date}")
    other_links = [lk for lk in adr.links if lk not in sup]
    if other_links:
        blocks.append("## Links\n\n" + _bullets([_md_link(lk) for lk in other_links]))
    blocks.extend(extras)
    return _join(blocks)


def render_nygard(adr: Adr) -> str:
    """Nygard's format as adr-tools writes it: `# N. Title`, `Date:`, `## Status` with links."""
    blocks = [f"# {adr.number}. {adr.title}" if adr.number is not None else f"# {adr.title}"]
    header = []
    if adr.date:
        header.append(f"Date: {adr.date}")
    for key, value in adr.fields.items():
        header.append(f"{key}: {value}")
    blocks.append("\n".join(header))
    lead, extras = _extras(adr)
    blocks.append(lead)
    status_lines = [adr.status] if adr.status else []
    status_lines += [_md_link(lk) for lk in adr.links]
    blocks.append("## Status\n\n" + "\n\n".join(status_lines) if status_lines else "## Status")
    if adr.context:
        blocks.append(f"## Context\n\n{adr.context}")
    if adr.decision:
        blocks.append(f"## Decision\n\n{adr.decision}")
    if not adr.consequences.is_empty():
        blocks.append(f"## Consequences\n\n{_consequence_groups(adr)}")
    blocks.extend(extras)
    return _join(blocks)


def _madr_status(adr: Adr) -> tuple[str, list[Link]]:
    status = adr.status or ""
    rest = list(adr.links)
    sup = [lk for lk in adr.links if _is_superseded_by(lk)]
    if sup and (not status or status.lower() in {"superseded", "superceded"}):
        word = status or "superseded"
        status = f"{word} by [{sup[0].title}]({sup[0].href})"
        rest.remove(sup[0])
    return status, rest


def _options(adr: Adr) -> list[Option]:
    return ([adr.chosen] if adr.chosen else []) + list(adr.alternatives)


def _madr_body(adr: Adr, version: Format, rest_links: list[Link]) -> list[str]:
    blocks: list[str] = []
    lead, extras = _extras(adr)
    blocks.append(lead)
    if adr.context:
        blocks.append(f"## Context and Problem Statement\n\n{adr.context}")
    if adr.drivers:
        blocks.append(f"## Decision Drivers\n\n{_bullets(adr.drivers, '*')}")
    options = _options(adr)
    if options:
        blocks.append(f"## Considered Options\n\n{_bullets([o.name for o in options], '*')}")
    outcome: list[str] = []
    if adr.decision and adr.chosen and not adr.decision.lower().startswith("chosen option"):
        outcome.append(f'Chosen option: "{adr.chosen.name}", because {adr.decision}')
    elif adr.decision:
        outcome.append(adr.decision)
    elif adr.chosen:
        outcome.append(f'Chosen option: "{adr.chosen.name}"')
    c = adr.consequences
    if version in {"madr2", "log4brains"}:
        if c.positive:
            outcome.append(f"### Positive Consequences\n\n{_bullets(c.positive, '*')}")
        if c.negative:
            outcome.append(f"### Negative Consequences\n\n{_bullets(c.negative, '*')}")
    else:
        items = [f"Good, because {p}" for p in c.positive]
        items += [f"Neutral, because {p}" for p in c.neutral]
        items += [f"Bad, because {p}" for p in c.negative]
        if items or c.text:
            body = "\n\n".join(x for x in (c.text, _bullets(items, "*")) if x)
            outcome.append(f"### Consequences\n\n{body}")
        if version == "madr4" and adr.confirmation:
            outcome.append(f"### Confirmation\n\n{adr.confirmation}")
    if outcome:
        blocks.append("## Decision Outcome\n\n" + "\n\n".join(outcome))
    if version == "madr3" and adr.confirmation:
        blocks.append(f"## Validation\n\n{adr.confirmation}")
    detailed = [o for o in options if o.description or o.pros or o.cons or o.neutral]
    if detailed:
        parts = []
        for o in detailed:
            lines = [f"### {o.name}"]
            if o.description:
                lines += ["", o.description]
            args = [f"Good, because {p}" for p in o.pros]
            args += [f"Neutral, because {p}" for p in o.neutral]
            args += [f"Bad, because {p}" for p in o.cons]
            if args:
                lines += ["", _bullets(args, "*")]
            parts.append("\n".join(lines))
        blocks.append("## Pros and Cons of the Options\n\n" + "\n\n".join(parts))
    if rest_links:
        blocks.append("## Links\n\n" + _bullets([_md_link(lk) for lk in rest_links], "*"))
    blocks.extend(extras)
    return blocks


def render_madr2(adr: Adr, *, bullet: str = "*", version: Format = "madr2") -> str:
    """MADR 2 (and log4brains): `# Title` and a bullet-list header."""
    status, rest = _madr_status(adr)
    header: list[str] = []
    if status:
        header.append(f"{bullet} Status: {status}")
    if adr.deciders:
        header.append(f"{bullet} Deciders: {', '.join(adr.deciders)}")
    if adr.date:
        header.append(f"{bullet} Date: {adr.date}")
    if adr.tags:
        header.append(f"{bullet} Tags: {', '.join(adr.tags)}")
    for key, value in adr.fields.items():
        header.append(f"{bullet} {key}: {value}")
    blocks = [f"# {adr.title}", "\n".join(header), *_madr_body(adr, version, rest)]
    return _join(blocks)


def _yaml_scalar(value: str) -> str:
    if not value or value[0] in "[{>|*&!%@`'\"#-?:," or ": " in value or " #" in value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(_yaml_scalar(i) if "," not in i else f'"{i}"' for i in items) + "]"


def render_madr3(adr: Adr, version: Format = "madr3") -> str:
    """MADR 3 and 4: YAML front matter, `# Title`, then the MADR sections."""
    status, rest = _madr_status(adr)
    front: list[str] = []
    if status:
        front.append(f"status: {_yaml_scalar(status)}")
    if adr.date:
        front.append(f"date: {_yaml_scalar(adr.date)}")
    who = "decision-makers" if version == "madr4" else "deciders"
    if adr.deciders:
        front.append(f"{who}: {_yaml_list(adr.deciders)}")
    if adr.consulted:
        front.append(f"consulted: {_yaml_list(adr.consulted)}")
    if adr.informed:
        front.append(f"informed: {_yaml_list(adr.informed)}")
    if adr.tags:
        front.append(f"tags: {_yaml_list(adr.tags)}")
    for key, value in adr.fields.items():
        front.append(f"{key.lower().replace(' ', '-')}: {_yaml_scalar(value)}")
    head = "---\n" + "\n".join(front) + "\n---\n" if front else ""
    return head + _join([f"# {adr.title}", *_madr_body(adr, version, rest)])


def render(adr: Adr, fmt: Format | None = None) -> str:
    """Render a record in the given format (its own format by default)."""
    target = fmt or adr.format
    if target == "spec":
        return render_spec(adr)
    if target == "nygard":
        return render_nygard(adr)
    if target == "madr2":
        return render_madr2(adr)
    if target == "log4brains":
        return render_madr2(adr, bullet="-", version="log4brains")
    return render_madr3(adr, version=target)
