"""Diagrams and charts drawn as inline SVG in Python: no JavaScript, nothing fetched."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from typing import Any

from archwise.report.c4 import C4Model, Element, Relation

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 210, 104, 100, 80, 24
FILL = {
    "person": "#08427b",
    "system": "#1168bd",
    "container": "#438dd5",
    "database": "#438dd5",
    "queue": "#438dd5",
    "external": "#8c8c8c",
}
FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class _Placed:
    element: Element
    x: float
    y: float


def _lines(text: str, width: int, most: int) -> list[str]:
    out = textwrap.wrap(text, width) if text else []
    if len(out) > most:
        out = [
            *out[: most - 1],
            textwrap.shorten(" ".join(out[most - 1 :]), width, placeholder="…"),
        ]
    return out


def _node(p: _Placed) -> str:
    e = p.element
    x, y = p.x, p.y
    parts = [f'<g class="node {e.kind}" data-id="{escape(e.id)}">']
    fill = FILL[e.kind]
    if e.kind == "database":
        parts.append(
            f'<path d="M{_f(x)},{_f(y + 10)} a{BOX_W / 2},10 0 0,0 {BOX_W},0 '
            f'v{BOX_H - 20} a{BOX_W / 2},10 0 0,1 -{BOX_W},0 z" fill="{fill}" stroke="#2e6295"/>'
        )
        parts.append(
            f'<ellipse cx="{_f(x + BOX_W / 2)}" cy="{_f(y + 10)}" rx="{BOX_W / 2}" ry="10" '
            f'fill="{fill}" stroke="#2e6295"/>'
        )
    else:
        rx = 28 if e.kind == "person" else 6
        parts.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{BOX_W}" height="{BOX_H}" rx="{rx}" '
            f'fill="{fill}" stroke="#0b3d6e"/>'
        )
    cx = x + BOX_W / 2
    ty = y + 24
    parts.append(
        f'<text x="{_f(cx)}" y="{_f(ty)}" text-anchor="middle" {FONT} font-size="13" '
        f'font-weight="bold" fill="#fff">{escape(textwrap.shorten(e.name, 30, placeholder="…"))}'
        "</text>"
    )
    sub = (
        f"[{e.technology}]" if e.technology else f"[{e.kind.replace('system', 'software system')}]"
    )
    tech = _lines(sub, 36, 2)
    for k, line in enumerate(tech):
        parts.append(
            f'<text x="{_f(cx)}" y="{_f(ty + 16 + 13 * k)}" text-anchor="middle" {FONT} '
            f'font-size="10" fill="#e8f0fa">{escape(line)}</text>'
        )
    below = ty + 16 + 13 * len(tech) + 8
    for k, line in enumerate(_lines(e.description, 36, 2)):
        parts.append(
            f'<text x="{_f(cx)}" y="{_f(below + 13 * k)}" text-anchor="middle" {FONT} '
            f'font-size="10" fill="#fff">{escape(line)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _clip(ax: float, ay: float, bx: float, by: float) -> tuple[float, float]:
    """Where the segment from box centre a towards b leaves box a."""
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ax, ay
    sx = (BOX_W / 2) / abs(dx) if dx else float("inf")
    sy = (BOX_H / 2) / abs(dy) if dy else float("inf")
    s = min(sx, sy)
    return ax + dx * s, ay + dy * s


def boxes(
    title: str,
    layers: list[list[Element]],
    relations: list[Relation],
    boundary: tuple[str, set[str]] | None = None,
) -> str:
    """A layered box-and-arrow diagram (C4 style); boundary draws a dashed box around ids."""
    layers = [layer for layer in layers if layer]
    widest = max((len(layer) for layer in layers), default=1)
    width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X
    top = MARGIN + 30
    placed: dict[str, _Placed] = {}
    for row, layer in enumerate(layers):
        row_w = len(layer) * BOX_W + (len(layer) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for col, e in enumerate(layer):
            placed[e.id] = _Placed(e, x0 + col * (BOX_W + GAP_X), top + row * (BOX_H + GAP_Y))
    height = top + len(layers) * (BOX_H + GAP_Y) - GAP_Y + MARGIN
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" width="{_f(width)}" height="{_f(height)}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#555"/></marker></defs>',
        f'<text x="{MARGIN}" y="{MARGIN + 8}" {FONT} font-size="15" font-weight="bold" '
        f'fill="#222">{escape(title)}</text>',
    ]
    if boundary is not None:
        label, ids = boundary
        inside = [placed[i] for i in ids if i in placed]
        if inside:
            x1 = min(p.x for p in inside) - 14
            y1 = min(p.y for p in inside) - 26
            x2 = max(p.x for p in inside) + BOX_W + 14
            y2 = max(p.y for p in inside) + BOX_H + 14
            out.append(
                f'<rect class="boundary" x="{_f(x1)}" y="{_f(y1)}" width="{_f(x2 - x1)}" '
                f'height="{_f(y2 - y1)}" fill="none" stroke="#888" stroke-dasharray="6 4"/>'
            )
            out.append(
                f'<text x="{_f(x1 + 8)}" y="{_f(y1 + 16)}" {FONT} font-size="11" fill="#555">'
                f"{escape(label)} [software system]</text>"
            )
    for r in relations:
        a, b = placed.get(r.source), placed.get(r.target)
        if a is None or b is None:
            continue
        ax, ay = a.x + BOX_W / 2, a.y + BOX_H / 2
        bx, by = b.x + BOX_W / 2, b.y + BOX_H / 2
        x1, y1 = _clip(ax, ay, bx, by)
        x2, y2 = _clip(bx, by, ax, ay)
        out.append(
            f'<line class="edge" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
            'stroke="#555" stroke-width="1.3" marker-end="url(#arrow)"/>'
        )
        label = r.label + (f" [{r.technology}]" if r.technology else "")
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        out.append(
            f'<text x="{_f(mx)}" y="{_f(my - 3)}" text-anchor="middle" {FONT} font-size="10" '
            f'fill="#333" paint-order="stroke" stroke="#fff" stroke-width="3">'
            f"{escape(textwrap.shorten(label, 44, placeholder='…'))}</text>"
        )
    out += [_node(p) for p in placed.values()]
    out.append("</svg>")
    return "".join(out)


def context_svg(model: C4Model) -> str:
    """The system context view."""
    return boxes(
        f"System context: {model.system.name}",
        [model.people, [model.system], model.externals],
        model.context_relations(),
    )


def container_svg(model: C4Model) -> str:
    """The container view inside the system boundary."""
    front = [c for c in model.containers if c.kind == "container"]
    stores = [c for c in model.containers if c.kind in ("database", "queue")]
    title = f"Containers: {model.system.name}"
    if model.deployment:
        title += f" (on {model.deployment})"
    return boxes(
        title,
        [model.people, front, stores, model.externals],
        model.relations,
        boundary=(model.system.name, {c.id for c in model.containers}),
    )


def gantt_svg(tasks: list[dict[str, Any]], duration: float, title: str) -> str:
    """A Gantt chart over working days: critical tasks red, slack shaded, milestones diamonds."""
    label_w, row_h, chart_w = 250, 22, 620
    scale = chart_w / max(duration, 1.0)
    height = MARGIN * 2 + 40 + row_h * len(tasks) + 20
    width = label_w + chart_w + MARGIN * 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gantt" role="img" '
        f'viewBox="0 0 {width} {_f(height)}" width="{width}" height="{_f(height)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{MARGIN}" y="{MARGIN + 8}" {FONT} font-size="14" font-weight="bold">'
        f"{escape(title)}</text>",
    ]
    y0 = MARGIN + 30
    x0 = MARGIN + label_w
    step = 5 if duration <= 60 else 10 if duration <= 150 else 20
    day = 0
    while day <= duration + 1e-9:
        x = x0 + day * scale
        out.append(
            f'<line x1="{_f(x)}" y1="{y0}" x2="{_f(x)}" y2="{_f(y0 + row_h * len(tasks))}" '
            'stroke="#e3e3e3"/>'
        )
        out.append(
            f'<text x="{_f(x)}" y="{_f(y0 + row_h * len(tasks) + 14)}" text-anchor="middle" '
            f'{FONT} font-size="9" fill="#666">{day}</text>'
        )
        day += step
    for k, t in enumerate(tasks):
        y = y0 + k * row_h
        name = str(t.get("name") or t.get("id"))
        role = f" ({t['role']})" if t.get("role") else ""
        out.append(
            f'<text x="{MARGIN}" y="{_f(y + 15)}" {FONT} font-size="11" fill="#222">'
            f"{escape(textwrap.shorten(name + role, 40, placeholder='…'))}</text>"
        )
        es, dur, slack = float(t["es"]), float(t["duration_days"]), float(t["slack"])
        colour = "#c0392b" if t.get("critical") else "#2e86c1"
        if t.get("milestone"):
            cx, cy = x0 + es * scale, y + row_h / 2
            out.append(
                f'<path class="milestone" d="M{_f(cx)},{_f(cy - 7)} l7,7 l-7,7 l-7,-7 z" '
                f'fill="{colour}"/>'
            )
            continue
        out.append(
            f'<rect class="bar" x="{_f(x0 + es * scale)}" y="{_f(y + 4)}" '
            f'width="{_f(max(dur * scale, 1))}" height="{row_h - 8}" fill="{colour}" rx="2"/>'
        )
        if slack > 0:
            out.append(
                f'<rect class="slack" x="{_f(x0 + (es + dur) * scale)}" y="{_f(y + 8)}" '
                f'width="{_f(slack * scale)}" height="{row_h - 16}" fill="#d6eaf8"/>'
            )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    title: str, items: list[tuple[str, float]], unit: str = "", highlight: str | None = None
) -> str:
    """A horizontal bar chart of labelled values."""
    label_w, row_h, chart_w = 230, 26, 420
    top = max((v for _, v in items), default=1.0) or 1.0
    height = MARGIN * 2 + 30 + row_h * len(items)
    width = label_w + chart_w + 120
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{MARGIN}" y="{MARGIN + 8}" {FONT} font-size="14" font-weight="bold">'
        f"{escape(title)}</text>",
    ]
    for k, (label, value) in enumerate(items):
        y = MARGIN + 26 + k * row_h
        w = chart_w * value / top
        colour = "#c0392b" if label == highlight else "#2e86c1"
        out.append(
            f'<text x="{MARGIN}" y="{_f(y + 16)}" {FONT} font-size="11">'
            f"{escape(textwrap.shorten(label, 36, placeholder='…'))}</text>"
        )
        out.append(
            f'<rect class="bar" x="{MARGIN + label_w}" y="{_f(y + 4)}" width="{_f(max(w, 1))}" '
            f'height="{row_h - 8}" fill="{colour}" rx="2"/>'
        )
        out.append(
            f'<text x="{_f(MARGIN + label_w + w + 6)}" y="{_f(y + 16)}" {FONT} font-size="11">'
            f"{escape(_num(value) + unit)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _num(v: float) -> str:
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}"


PHASE_FILL = ("#2e86c1", "#48c9b0", "#f5b041", "#af7ac5", "#95a5a6")


def phases_svg(phases: list[dict[str, Any]], title: str) -> str:
    """Delivery phases on a month axis; an open-ended phase fades out to the right."""
    weeks_per_month = 52 / 12
    known = [float(p["end_week"]) for p in phases if p.get("end_week") is not None]
    span = (max(known) if known else 12.0) * 1.35
    chart_w, row_h, label_w = 760, 58, 0
    scale = chart_w / span
    height = MARGIN * 2 + 40 + row_h + 30
    width = chart_w + MARGIN * 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart phases" role="img" '
        f'viewBox="0 0 {width} {_f(height)}" width="{width}" height="{_f(height)}">',
        f"<title>{escape(title)}</title>",
        '<defs><linearGradient id="fade" x1="0" x2="1" y1="0" y2="0">'
        '<stop offset="0" stop-color="#95a5a6"/><stop offset="1" stop-color="#95a5a6" '
        'stop-opacity="0"/></linearGradient></defs>',
        f'<text x="{MARGIN}" y="{MARGIN + 8}" {FONT} font-size="14" font-weight="bold">'
        f"{escape(title)}</text>",
    ]
    y = MARGIN + 30
    x0 = MARGIN + label_w
    for k, p in enumerate(phases):
        start = float(p.get("start_week") or 0.0)
        end = p.get("end_week")
        stop = float(end) if end is not None else span
        fill = PHASE_FILL[k % len(PHASE_FILL)] if end is not None else "url(#fade)"
        x = x0 + start * scale
        w = max((stop - start) * scale, 2)
        out.append(
            f'<rect class="phase" x="{_f(x)}" y="{y}" width="{_f(w)}" height="{row_h}" '
            f'fill="{fill}" stroke="#fff"/>'
        )
        metric = ", ".join(m["text"] for m in p.get("success_metrics") or [])
        out.append(
            f'<text x="{_f(x + 6)}" y="{y + 18}" {FONT} font-size="12" font-weight="bold" '
            f'fill="#111">{escape(str(p["name"]))} (months {escape(str(p.get("months")))})</text>'
        )
        for j, line in enumerate(_lines(metric, max(int(w / 6.2), 8), 2)):
            out.append(
                f'<text x="{_f(x + 6)}" y="{y + 34 + 13 * j}" {FONT} font-size="10" '
                f'fill="#111">{escape(line)}</text>'
            )
    month = 0
    while month * weeks_per_month <= span:
        x = x0 + month * weeks_per_month * scale
        out.append(
            f'<text x="{_f(x)}" y="{y + row_h + 16}" text-anchor="middle" {FONT} font-size="9" '
            f'fill="#666">{month}</text>'
        )
        month += 1 if span < 60 else 3
    out.append(
        f'<text x="{_f(x0 + chart_w)}" y="{y + row_h + 30}" text-anchor="end" {FONT} '
        'font-size="9" fill="#666">months</text>'
    )
    out.append("</svg>")
    return "".join(out)
