"""Pricing an option: its components on its own provider, through capacity's tier model."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from archwise.capacity.tiers import Component, Design, infer_provider, price_design
from archwise.capacity.workload import derive_workload
from archwise.kb.schemas.price import Price, Unpriced
from archwise.kb.schemas.technology import Technology
from archwise.recommend.models import CostLine, CostRange

Entry = Any  # a Technology or a Pattern of the knowledge base


def components_of(entries: Sequence[tuple[str, str, Entry]]) -> list[Component]:
    """The running components of an option as the tier model sees them (main system first)."""
    out: list[Component] = []
    seen: set[tuple[str, str]] = set()
    for role, topic, e in sorted(entries, key=lambda x: x[0] != "main"):
        if not isinstance(e, Technology) or (topic, e.name) in seen:
            continue
        seen.add((topic, e.name))
        out.append(
            Component(
                topic=topic,
                name=e.name,
                category=e.category,
                role=role,
                managed_only=e.managed_only,
                self_hostable=e.self_hostable,
                data_models=tuple(e.data_models),
                deployment_targets=tuple(e.deployment_targets),
                connections_per_node=e.max_connections_per_node,
            )
        )
    return out


def archetype_defaults(matches: Sequence[Any]) -> dict[str, float]:
    """Workload assumptions of the matched archetypes, the best match first."""
    out: dict[str, float] = {}
    for m in matches:
        for key, a in m.archetype.assumptions.items():
            out.setdefault(str(key), float(a.value))
    return out


def design_of(
    components: Sequence[Component],
    requirements: Mapping[str, Any],
    prices: Sequence[Price],
    *,
    provider: str | None = None,
    archetype: Mapping[str, float] | None = None,
    connections_per_node: float | None = None,
    load: float = 1.0,
    unpriced: Sequence[Unpriced] = (),
) -> tuple[Design, str]:
    """The priced tiers of a design, and why its provider is the one used."""
    cloud = ((requirements.get("constraints") or {}).get("cloud")) or None
    why = "the option's provider"
    if provider is None:
        provider, why = infer_provider(components, prices, cloud)
    wl = derive_workload(requirements, archetype, connections_per_node=connections_per_node)
    if load != 1.0:
        wl = wl.at(load)
    return price_design(components, provider, wl, prices, unpriced), why


def cost_range(
    components: Sequence[Component],
    requirements: Mapping[str, Any],
    prices: Sequence[Price],
    *,
    provider: str | None = None,
    archetype: Mapping[str, float] | None = None,
    connections_per_node: float | None = None,
    low_load: float = 0.1,
    step: float = 50.0,
    unpriced: Sequence[Unpriced] = (),
) -> CostRange:
    """Monthly cost range: low at the launch load, high at the stated load; tiers included."""
    high, why = design_of(
        components,
        requirements,
        prices,
        provider=provider,
        archetype=archetype,
        connections_per_node=connections_per_node,
        unpriced=unpriced,
    )
    low, _ = design_of(
        components,
        requirements,
        prices,
        provider=high.provider,
        archetype=archetype,
        connections_per_node=connections_per_node,
        load=low_load,
    )
    lows = {(x.tier, x.price): x for x in low.lines}
    lines = []
    for x in high.lines:
        lo = lows.get((x.tier, x.price))
        lines.append(
            CostLine(
                component=x.component,
                price=x.price,
                item=x.item,
                quantity_low=lo.quantity_now if lo else 0.0,
                quantity_high=x.quantity_now,
                usd_low=lo.usd_now if lo else 0.0,
                usd_high=x.usd_now,
                note=f"{x.tier}: {x.note}",
            )
        )
    total_low = sum(x.usd_low for x in lines)
    lo_step, hi_step = _step(total_low, step), _step(high.total_now, step)
    return CostRange(
        low=float(math.floor(total_low / lo_step) * lo_step),
        high=float(math.ceil(high.total_now / hi_step) * hi_step),
        lines=lines,
        unpriced=high.unpriced,
        unpriced_reasons=high.unpriced_reasons,
        prices_checked=high.prices_checked,
        assumptions=[f"provider: {high.provider} ({why})", *high.assumptions],
        provider=high.provider,
        now=high.total_now,
        horizon=high.total_horizon,
        tiers=[asdict(t) for t in high.tiers],
        warnings=high.warnings,
    )


def reference_note(provider: str) -> str:
    """What a provider-neutral option's figures are: one provider's list prices, for reference."""
    return (
        f"provider-neutral option: priced on {provider.upper()} list prices as a reference "
        "(it runs on any cloud)"
    )


def _step(total: float, step: float) -> float:
    """The rounding step for a total: the configured one, finer for small totals (a $4 bill
    is not shown as $50)."""
    for nice, below in ((1.0, 20.0), (5.0, 100.0)):
        if nice < step and total < below:
            return nice
    return step


def dominant_lines(costs: CostRange, n: int = 3) -> str:
    """The lines that dominate the high end, as 'item $x' phrases."""
    top = sorted(costs.lines, key=lambda x: -x.usd_high)[:n]
    return ", ".join(f"{x.component} {x.item} ${x.usd_high:,.0f}" for x in top if x.usd_high > 0)


def flat_lines(costs: CostRange) -> list[dict[str, Any]]:
    """The contract's flat cost lines of an option: one per priced item at the stated load."""
    return [
        {
            "item": x.item,
            "price": x.price,
            "usd_month": x.usd_high,
            "quantity": x.quantity_high,
            "component": x.component,
            "note": x.note,
        }
        for x in costs.lines
    ]
