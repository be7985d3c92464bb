"""A technology radar drawn as SVG: four quadrants, four rings, numbered blips, moved markers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any

RINGS = ("adopt", "trial", "assess", "hold")
QUADRANTS = ("Techniques", "Platforms", "Tools", "Languages & Frameworks")
# Where a blip without a quadrant goes, by its knowledge-base category.
BY_CATEGORY = {
    "pattern": "Techniques",
    "architecture": "Techniques",
    "language": "Languages & Frameworks",
    "framework": "Languages & Frameworks",
    "backend_framework": "Languages & Frameworks",
    "frontend_framework": "Languages & Frameworks",
    "library": "Languages & Frameworks",
    "database": "Platforms",
    "cache": "Platforms",
    "messaging": "Platforms",
    "deployment": "Platforms",
    "cloud": "Platforms",
    "realtime": "Platforms",
    "search": "Platforms",
    "storage": "Platforms",
}
# The radar file's quadrant names, folded into the four drawn.
ALIASES = {
    "techniques": "Techniques",
    "platforms": "Platforms",
    "data": "Platforms",
    "tools": "Tools",
    "languages": "Languages & Frameworks",
    "frameworks": "Languages & Frameworks",
    "languages & frameworks": "Languages & Frameworks",
}
SIZE = 520
RADII = (0.0, 0.38, 0.62, 0.82, 1.0)


@dataclass
class Placed:
    """A blip with its number and position on the chart."""

    number: int
    name: str
    ring: str
    quadrant: str
    description: str
    moved_from: str | None
    used: bool
    href: str
    x: float
    y: float


def quadrant_of(blip: dict[str, Any]) -> str:
    """The quadrant a blip is drawn in: its own, else one chosen from its category."""
    q = str(blip.get("quadrant") or "").strip()
    if q:
        return ALIASES.get(q.casefold(), q)
    return BY_CATEGORY.get(str(blip.get("category") or ""), "Tools")


def place(blips: list[dict[str, Any]]) -> tuple[list[str], list[Placed]]:
    """Quadrant names (at most four, the rest folded into the last) and positioned blips."""
    named = [quadrant_of(b) for b in blips]
    quadrants = [q for q in QUADRANTS if q in named]
    quadrants += [q for q in dict.fromkeys(named) if q not in quadrants]
    if len(quadrants) < 4:
        quadrants += [q for q in QUADRANTS if q not in quadrants][: 4 - len(quadrants)]
    quadrants = quadrants[:4]
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (b, q) in enumerate(zip(blips, named, strict=True)):
        qi = quadrants.index(q) if q in quadrants else 3
        ring = str(b.get("ring") or "")
        ri = RINGS.index(ring) if ring in RINGS else 3
        cells.setdefault((qi, ri), []).append(i)
    placed: list[Placed] = []
    number = 0
    half = SIZE / 2
    for qi in range(4):
        for ri in range(4):
            members = cells.get((qi, ri), [])
            inner, outer = RADII[ri], RADII[ri + 1]
            for k, i in enumerate(members):
                b = blips[i]
                number += 1
                # Spread the cell's blips across its angle and two radial lanes; stay off the axes.
                angle = math.radians(qi * 90 + 8 + 74 * (k + 0.5) / max(1, len(members)))
                lane = 0.35 if k % 2 == 0 else 0.7
                r = (inner + (outer - inner) * lane) * (half - 14)
                placed.append(
                    Placed(
                        number=number,
                        name=str(b.get("name", "")),
                        ring=RINGS[ri],
                        quadrant=quadrants[qi],
                        description=str(b.get("description") or ""),
                        moved_from=b.get("moved_from"),
                        used=bool(b.get("used")),
                        href=str(b.get("href") or ""),
                        x=half + r * math.cos(angle),
                        y=half - r * math.sin(angle),
                    )
                )
    return quadrants, placed


def draw(blips: list[dict[str, Any]], title: str = "Technology radar") -> dict[str, Any]:
    """The radar's SVG markup (escaped) and the numbered legend rows for the page."""
    quadrants, placed = place(blips)
    half = SIZE / 2
    # A chart of links is a group of links; one without is a single image.
    role = "group" if any(p.href for p in placed) else "img"
    parts = [
        f'<svg class="radar-svg" viewBox="0 0 {SIZE} {SIZE}" role="{role}" '
        f'aria-labelledby="radar-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="radar-title">{escape(title)}: {len(placed)} technologies in four rings'
        "</title>",
    ]
    for ri in range(4, 0, -1):
        r = RADII[ri] * (half - 14)
        parts.append(f'<circle class="ring" cx="{half}" cy="{half}" r="{r:.1f}"/>')
    parts.append(f'<line x1="{half}" y1="8" x2="{half}" y2="{SIZE - 8}"/>')
    parts.append(f'<line x1="8" y1="{half}" x2="{SIZE - 8}" y2="{half}"/>')
    for ri, ring in enumerate(RINGS):
        r = (RADII[ri] + RADII[ri + 1]) / 2 * (half - 14)
        parts.append(
            f'<text class="ring-label" x="{half + r:.1f}" y="{half - 4}" '
            f'text-anchor="middle">{ring}</text>'
        )
    corners: list[tuple[int, int, str]] = [
        (SIZE - 8, 18, "end"),
        (8, 18, "start"),
        (8, SIZE - 8, "start"),
        (SIZE - 8, SIZE - 8, "end"),
    ]
    for (x, y, anchor), name in zip(corners, quadrants, strict=True):
        parts.append(
            f'<text class="quadrant-label" x="{x}" y="{y}" text-anchor="{anchor}">'
            f"{escape(name)}</text>"
        )
    for p in placed:
        label = f"{p.number}. {p.name} ({p.ring})"
        if p.moved_from:
            label += f", moved from {p.moved_from}"
        if p.description:
            label += f": {p.description}"
        css = f"blip-{p.ring}" + (" blip-moved" if p.moved_from else "")
        if p.moved_from:
            shape = f'<path class="{css}" d="M{p.x:.1f},{p.y - 10:.1f} l9,15 h-18 z"/>'
        else:
            shape = f'<circle class="{css}" cx="{p.x:.1f}" cy="{p.y:.1f}" r="8"/>'
        number = (
            f'<text x="{p.x:.1f}" y="{p.y + 3.5:.1f}" text-anchor="middle" '
            f'class="blip-num">{p.number}</text>'
        )
        inner = f"<title>{escape(label)}</title>{shape}{number}"
        if p.href:
            parts.append(f'<a href="{escape(p.href, quote=True)}">{inner}</a>')
        else:
            parts.append(f"<g>{inner}</g>")
    parts.append("</svg>")
    legend: dict[str, list[Placed]] = {q: [] for q in quadrants}
    for p in placed:
        legend[p.quadrant].append(p)
    return {"svg": "".join(parts), "legend": legend, "count": len(placed)}
