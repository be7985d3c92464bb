"""The registry radar: each technology's ring, who uses it, what is on hold yet used, and moves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from archwise.registry.models import RINGS, RadarBlip, RadarItem, RadarMove, RadarView


def build_view(
    items: list[RadarItem],
    moves: list[RadarMove],
    usage: Mapping[str, tuple[str, list[dict[str, Any]]]],
    ring_of: Callable[[str], str | None] = lambda _name: None,
) -> RadarView:
    """Combine the radar's blips, its moves and the stacks in use into one view.

    A technology in use that the registry radar does not place gets its ring from ring_of
    (the organisation radar of the workspace), else it is listed as unplaced.
    """
    history: dict[str, list[RadarMove]] = {}
    for move in moves:
        history.setdefault(move.name.casefold(), []).append(move)
    blips: list[RadarBlip] = []
    placed: set[str] = set()
    for item in items:
        key = item.name.casefold()
        placed.add(key)
        users = _users(usage.get(key))
        blips.append(
            RadarBlip(
                name=item.name,
                ring=item.ring,
                quadrant=item.quadrant,
                description=item.description,
                is_new=item.is_new,
                date=item.date,
                users=users,
                on_hold_but_used=item.ring == "hold" and bool(users),
                history=sorted(history.get(key, []), key=lambda m: m.date),
            )
        )
    unplaced: list[RadarBlip] = []
    for key, (name, uses) in usage.items():
        if key in placed:
            continue
        ring = ring_of(name)
        users = _users((name, uses))
        blip = RadarBlip(
            name=name,
            ring=ring if ring in RINGS else None,
            quadrant=str(uses[0].get("category", "")) if uses else "",
            description="",
            is_new=False,
            date=None,
            users=users,
            on_hold_but_used=ring == "hold" and bool(users),
            history=[],
        )
        (blips if blip.ring else unplaced).append(blip)
    order: dict[str, int] = {ring: i for i, ring in enumerate(RINGS)}
    blips.sort(key=lambda b: (order.get(b.ring or "", 9), b.name.casefold()))
    unplaced.sort(key=lambda b: b.name.casefold())
    return RadarView(
        rings=list(RINGS),
        blips=blips,
        unplaced=unplaced,
        flagged=[b.name for b in blips if b.on_hold_but_used],
        moves=sorted(moves, key=lambda m: m.date, reverse=True),
    )


def _users(entry: tuple[str, list[dict[str, Any]]] | None) -> list[str]:
    if entry is None:
        return []
    return sorted({str(u["repository"]) for u in entry[1]})
