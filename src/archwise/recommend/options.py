"""Whole-system options from profiles: components, services, cost, scale limit, checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from archwise.kb.schemas.rule import Profile, Role
from archwise.kb.schemas.technology import Technology
from archwise.recommend import pricing
from archwise.recommend.models import CheckResult, CostRange, ScalesTo
from archwise.recommend.rulebook import Context, Entry, KBLike, RuleBook, evaluate, fill
from archwise.recommend.scoring import Tilt, decide

# Earlier decisions constrain later ones (a framework follows its language), hence this order.
TOPIC_ORDER = (
    "decomposition",
    "language",
    "backend_framework",
    "frontend_framework",
    "database",
    "cache",
    "messaging",
    "realtime",
    "deployment",
    "communication",
    "data_patterns",
    "patterns",
)
RUNNING = {
    "database",
    "cache",
    "messaging",
    "search",
    "deployment",
    "realtime",
    "api_gateway",
    "cloud_service",
}


@dataclass
class Composition:
    """The components one profile picks, and the extra services it adds."""

    profile: Profile
    components: dict[str, Entry]
    services: list[tuple[Role, dict[str, Entry]]] = field(default_factory=list)
    # topic -> (exclusion reasons by name, the ranked names with their notes) under the profile
    trace: dict[str, tuple[dict[str, list[str]], list[tuple[str, float, list[str]]]]] = field(
        default_factory=dict
    )
    # topic -> why a component was swapped after composing (the budget), said in its deviation
    swapped: dict[str, str] = field(default_factory=dict)

    def names(self) -> dict[str, str]:
        """Component names by topic."""
        return {t: e.name for t, e in self.components.items()}

    def all_entries(self) -> list[tuple[str, str, Entry]]:
        """(role, topic, entry) for the main system and every service."""
        out = [("main", t, e) for t, e in self.components.items()]
        for role, comps in self.services:
            out += [(role.name, t, e) for t, e in comps.items()]
        return out


def compose(
    profile: Profile,
    topics: Sequence[str],
    ctx: Context,
    book: RuleBook,
    override: Mapping[str, float] | None,
    first: Mapping[str, str | None] | None = None,
) -> Composition:
    """Pick each topic's component under a profile's weights, then its extra services."""
    margin = book.setting("first_choice_margin", 0.05)
    tilt = Tilt(
        profile.name,
        {str(k): v for k, v in profile.weights.items()},
        profile.prefer,
        profile.needs,
    )
    chosen: dict[str, dict[str, Any]] = {}
    comps: dict[str, Entry] = {}
    trace: dict[str, tuple[dict[str, list[str]], list[tuple[str, float, list[str]]]]] = {}
    for topic in topics:
        decision, scored = decide(
            topic, ctx, book, chosen=chosen, tilts=[tilt], override=override, full=False
        )
        pick = next((x.entry for x in scored if x.entry.name == decision.chosen), None)
        top = (first or {}).get(topic)
        theirs = next((x for x in scored if x.entry.name == top), None)
        if pick is not None and theirs is not None and theirs.entry is not pick:
            mine = next(x.total for x in scored if x.entry is pick)
            if profile.varies is not None and topic not in profile.varies:
                # Not what the profile is about: the topic's own answer stays (one story).
                pick = theirs.entry
            elif profile.follow_first_choices and mine - theirs.total <= margin:
                # One answer per topic where the profile has no clear reason to differ.
                pick = theirs.entry
        trace[topic] = (
            {e.name: e.reasons for e in decision.excluded},
            [(x.entry.name, x.total, x.notes) for x in scored],
        )
        if pick is not None:
            comps[topic] = pick
            chosen[topic] = ctx.facts_of(pick)
    comp = Composition(profile, comps, trace=trace)
    for role in profile.roles:
        when, _ = evaluate(role.when, ctx.env())
        if not when:
            continue
        role_chosen = {k: v for k, v in chosen.items() if k not in role.topics}
        picks: dict[str, Entry] = {}
        role_tilt = Tilt(role.name, {str(k): v for k, v in role.weights.items()}, role.prefer)
        for topic in role.topics:
            _, scored = decide(
                topic,
                ctx,
                book,
                chosen=role_chosen,
                tilts=[tilt, role_tilt],
                override=override,
                full=False,
            )
            if scored:
                picks[topic] = scored[0].entry
                role_chosen[topic] = ctx.facts_of(scored[0].entry)
        if picks and (role.separate or any(comps.get(t) is not e for t, e in picks.items())):
            comp.services.append((role, picks))
    return comp


def provider(comp: Composition, ctx: Context) -> str:
    """The one provider an option lives in: on premises, a cloud, or provider-neutral."""
    cons = ctx.requirements.get("constraints") or {}
    if cons.get("deployment") == "on-prem":
        return "on-prem"
    tied: list[str] = []
    for _, _, e in comp.all_entries():
        if isinstance(e, Technology) and e.managed_only and e.managed:
            offered = [m.provider for m in e.managed]
            cloud = cons.get("cloud")
            tied.append(cloud if cloud in offered else offered[0])
    if tied:
        return max(sorted(set(tied)), key=tied.count)
    cloud = cons.get("cloud")
    if ctx.derived.get("cloud_lacks_residency"):
        return "neutral"
    return str(cloud) if cloud in ("aws", "gcp", "azure") else "neutral"


def deviations(comp: Composition, first: Mapping[str, str | None]) -> dict[str, str]:
    """Why each of an option's components differs from its topic's first choice, one line each."""
    out: dict[str, str] = {}
    label = comp.profile.name
    for topic, entry in comp.components.items():
        top = first.get(topic)
        if top is None or top == entry.name:
            continue
        if topic in comp.swapped:
            out[topic] = comp.swapped[topic]
            continue
        excluded, ranked = comp.trace.get(topic, ({}, []))
        if top in excluded:
            out[topic] = f"{top} does not fit the {label} option: {excluded[top][0]}"
            continue
        scores = {n: (t, notes) for n, t, notes in ranked}
        mine, notes = scores.get(entry.name, (0.0, []))
        theirs = scores.get(top, (0.0, []))[0]
        because = notes[0] if notes else comp.profile.summary.rstrip(".").lower()
        out[topic] = (
            f"the {label} option: {because} ({entry.name} {mine:.2f} against {theirs:.2f} "
            f"for {top})"
        )
    return out


def within_budget(
    comp: Composition, costs: CostRange, ctx: Context, book: RuleBook
) -> tuple[Composition, CostRange]:
    """Over the budget, the next platform of nearly the same score that fits it, if one does."""
    budget = ((ctx.requirements.get("constraints") or {}).get("budget") or {}).get(
        "infra_usd_per_month"
    )
    topic = "deployment"
    now = comp.components.get(topic)
    if budget is None or now is None or costs.high <= budget or comp.services:
        return comp, costs
    margin = book.setting("budget_swap_margin", 0.05)
    ranked = comp.trace.get(topic, ({}, []))[1]
    mine = next((t for n, t, _ in ranked if n == now.name), None)
    if mine is None:
        return comp, costs
    for name, total, _ in ranked:
        entry = ctx.kb.find(name)
        if name == now.name or entry is None or mine - total > margin:
            continue
        alt = replace(comp, components={**comp.components, topic: entry}, swapped={})
        alt_costs = cost(alt, ctx, book)
        if alt_costs.unpriced or alt_costs.high > budget:
            continue
        alt.swapped[topic] = (
            f"{name} fits the ${budget:,.0f}/month budget ({_usd(alt_costs)}); {now.name} "
            f"would cost {_usd(costs)} ({name} {total:.2f} against {mine:.2f} for {now.name})"
        )
        return alt, alt_costs
    return comp, costs


def _usd(costs: CostRange) -> str:
    """A monthly cost range as text ($16 or $40-45)."""
    if round(costs.low) == round(costs.high):
        return f"${costs.high:,.0f}"
    return f"${costs.low:,.0f}-{costs.high:,.0f}"


def connection_holders(comp: Composition) -> list[Entry]:
    """The entries that hold client connections: a service's, a managed gateway, or the app."""
    serving = [c for _, c in comp.services if "realtime" in c]
    if serving:
        return [e for comps in serving for e in comps.values()]
    rt = comp.components.get("realtime")
    if rt is None:
        # No realtime transport: requests come and go, nothing holds a connection open.
        return []
    if isinstance(rt, Technology) and rt.managed_only:
        return [rt]
    return [
        e for t, e in comp.components.items() if t in {"backend_framework", "language", "realtime"}
    ]


def per_node_limit(comp: Composition, kb: KBLike) -> tuple[int | None, str | None]:
    """The smallest connections-per-node limit among the holders, and whose it is."""
    # A holder without the fact (a language, a framework) takes the limit of the knowledge
    # base's realtime libraries written in its language: what its runtime holds per node.
    limits: list[tuple[int, str]] = []
    for e in connection_holders(comp):
        if isinstance(e, Technology) and e.max_connections_per_node:
            limits.append((e.max_connections_per_node, e.name))
            continue
        lang = e.name if isinstance(e, Technology) and e.category == "language" else None
        lang = lang or (e.language if isinstance(e, Technology) else None)
        if lang is None:
            continue
        known = [
            (c.max_connections_per_node, f"{lang}, as {c.name}")
            for c in kb.candidates("realtime")
            if isinstance(c, Technology)
            and c.max_connections_per_node
            and c.language is not None
            and c.language.casefold() == lang.casefold()
        ]
        if known:
            limits.append(max(known))
    if not limits:
        return None, None
    value, name = min(limits)
    return value, name


def sizing(
    comp: Composition, ctx: Context, book: RuleBook, load: float
) -> tuple[dict[str, Any], list[str]]:
    """Sizing variables of an option at a load fraction, and which requirements were assumed."""
    limit, _ = per_node_limit(comp, ctx.kb)
    variables: dict[str, Any] = {
        "load": load,
        "conn_per_node": limit,
        "profile": comp.profile.name,
        "services": len(comp.services),
    }
    assumed: set[str] = set()
    for rule in book.of("sizing"):
        for name, text in rule.variables.items():
            value, unk = evaluate(text, ctx.env(**variables))
            variables[name] = value
            assumed |= unk
    return variables, sorted(assumed)


def cost(
    comp: Composition,
    ctx: Context,
    book: RuleBook,
    typical: bool = True,
    requirements: Mapping[str, Any] | None = None,
) -> CostRange:
    """Monthly cost range of an option's tiers on its provider (capacity's tier model).

    typical=False prices the stated numbers only, without the matched archetypes' assumptions;
    requirements, when given, are priced instead of the context's.
    """
    high_vars, _ = sizing(comp, ctx, book, 1.0)
    if high_vars.get("priced") is False:
        return CostRange(
            low=0.0,
            high=0.0,
            unpriced=sorted(
                {e.name for _, _, e in comp.all_entries() if isinstance(e, Technology)}
            ),
            assumptions=["not priced: the price table holds cloud list prices, not own hardware"],
        )
    limit, _ = per_node_limit(comp, ctx.kb)
    where = provider(comp, ctx)
    costs = pricing.cost_range(
        pricing.components_of(comp.all_entries()),
        ctx.requirements if requirements is None else requirements,
        list(book.prices.values()),
        provider=None if where in ("neutral", "on-prem") else where,
        archetype=pricing.archetype_defaults(ctx.matches) if typical else {},
        connections_per_node=float(limit) if limit else None,
        low_load=book.setting("low_load_fraction", 0.1),
        step=book.setting("cost_round_usd", 50.0),
        unpriced=book.unpriced,
    )
    if where == "neutral" and costs.provider:
        costs.reference = pricing.reference_note(costs.provider)
    return costs


def scales_to(comp: Composition, kb: KBLike) -> ScalesTo:
    """How far an option goes before it must change: the binding per-node limit."""
    limit, name = per_node_limit(comp, kb)
    if limit is None:
        return ScalesTo(
            text="no per-node connection limit: scales with the provider's quotas and budget",
            limit=None,
        )
    return ScalesTo(
        text=f"about {limit:,} concurrent connections per node ({name})",
        connections_per_node=float(limit),
        limit=float(limit),
    )


def burden(comp: Composition, book: RuleBook) -> Literal["low", "medium", "high"]:
    """Operational burden from the moving parts that must be run."""
    seen: set[str] = set()
    points = 0.0
    for _, _, e in comp.all_entries():
        if e.name in seen:
            continue
        seen.add(e.name)
        if isinstance(e, Technology):
            if e.category in RUNNING:
                points += e.ops_complexity
        else:
            points += e.components_added
    points += book.setting("burden_per_service", 2.0) * len(comp.services)
    if points <= book.setting("burden_low_max", 8.0):
        return "low"
    if points <= book.setting("burden_medium_max", 14.0):
        return "medium"
    return "high"


def checks(comp: Composition, ctx: Context, book: RuleBook) -> list[CheckResult]:
    """Principle checks over an option and each of its components."""
    out: list[CheckResult] = []
    names = comp.names()
    option = {
        "profile": comp.profile.name,
        "names": sorted({e.name for _, _, e in comp.all_entries()}),
        "services": len(comp.services),
        **{t: ctx.facts_of(e) for t, e in comp.components.items()},
    }
    for rule in book.of("check"):
        if rule.scope == "option":
            subjects: list[tuple[str, dict[str, Any]]] = [
                (
                    comp.profile.name,
                    {"option": option, "components": names, "services": len(comp.services)},
                )
            ]
        elif rule.scope == "component":
            subjects = [
                (e.name, {"entry": ctx.facts_of(e), "topic": t, "role": r, "option": option})
                for r, t, e in _unique(comp.all_entries())
                if not rule.topics or t in rule.topics
            ]
        else:
            continue
        for subject, variables in subjects:
            result = _run_check(rule.id, subject, variables, ctx, book)
            if result is not None:
                out.append(result)
    return out


def _unique(items: list[tuple[str, str, Entry]]) -> list[tuple[str, str, Entry]]:
    seen: set[str] = set()
    out = []
    for r, t, e in items:
        if e.name not in seen:
            seen.add(e.name)
            out.append((r, t, e))
    return out


def _run_check(
    rid: str, subject: str, variables: dict[str, Any], ctx: Context, book: RuleBook
) -> CheckResult | None:
    """Run one check on one subject; None when the check does not apply to it."""
    rule = next(r for r in book.of("check") if r.id == rid)
    env = ctx.env(**variables)
    when, _ = evaluate(rule.when, env)
    if when is False:
        return None
    failed, _ = evaluate(rule.fails or "false", env)
    status: Literal["pass", "fail", "unknown"]
    status = "unknown" if failed is None or when is None else ("fail" if failed else "pass")
    if status == "pass":
        text = fill(rule.summary, env) if rule.summary else f"{subject}: ok"
    else:
        text = fill(rule.message or rule.id, env)
    return CheckResult(
        id=rule.id,
        principle=rule.principle or "",
        subject=subject,
        status=status,
        severity=rule.severity,
        message=text,
    )


def penalty(results: Sequence[CheckResult], book: RuleBook) -> float:
    """Score penalty of an option's failed checks."""
    total = 0.0
    for c in results:
        if c.status != "fail":
            continue
        rule = next((r for r in book.of("check") if r.id == c.id), None)
        if rule is not None:
            total += rule.penalty
    return total
