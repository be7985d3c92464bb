"""The recommendation: decisions per topic, options, the choice now and the evolution path."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel

from archwise import __version__
from archwise.errors import InputError
from archwise.kb.schemas.rule import CRITERIA, Note
from archwise.kb.schemas.technology import TOPICS
from archwise.recommend import archetypes, pricing
from archwise.recommend import options as opt
from archwise.recommend.feasibility import cloud_residency_gaps, feasibility, latency_reach
from archwise.recommend.models import (
    CheckResult,
    Choice,
    CostRange,
    Decision,
    EvolutionStep,
    Feasibility,
    Option,
    Question,
    Recommendation,
    RequirementsRef,
    Service,
)
from archwise.recommend.rulebook import Context, KBLike, RuleBook, evaluate, fill
from archwise.recommend.scoring import blocked_required, decide, score_entry, weights_for
from archwise.requirements.models import Requirements
from archwise.schema import plain

QuestionSource = Callable[[Requirements, Sequence[str]], list[Question]]


def context(req: Requirements, kb: KBLike, year: int, book: RuleBook) -> Context:
    """The evaluation context of a requirements file, with the derived names computed."""
    ctx = Context(plain(req, by_alias=True), kb, year)
    ctx.derive(book)
    # A cloud with no region where the data must stay cannot host the options: they go neutral.
    ctx.derived["cloud_lacks_residency"] = bool(cloud_residency_gaps(ctx.requirements, book))
    if ctx.derived.get("cloud") not in ("aws", "gcp", "azure"):
        # 'any' (or nothing) leaves the choice open: options are priced and composed on AWS.
        ctx.derived["cloud"] = "aws"
    ctx.matches = archetypes.match(book.archetypes, ctx, book.concepts)
    archetypes.apply(ctx.matches, ctx, book)
    return ctx


def _notes(items: Sequence[str | Note], env: Any) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(fill(item, env))
            continue
        when, _ = evaluate(item.when, env)
        if when:
            out.append(fill(item.text, env))
    return out


def check_override(weights: Mapping[str, float]) -> dict[str, float]:
    """Validate user weights: known criteria, non-negative numbers."""
    out: dict[str, float] = {}
    for key, value in weights.items():
        if key not in CRITERIA:
            raise InputError(
                f"unknown criterion '{key}'; valid: {', '.join(CRITERIA)}", field="weights"
            )
        if value < 0:
            raise InputError(f"weight of {key} must be >= 0, got {value}", field="weights")
        out[key] = float(value)
    return out


def decisions(
    ctx: Context,
    book: RuleBook,
    topics: Sequence[str],
    override: Mapping[str, float] | None = None,
) -> dict[str, Decision]:
    """Each topic decided in dependency order (later topics see earlier choices)."""
    chosen: dict[str, dict[str, Any]] = {}
    out: dict[str, Decision] = {}
    for topic in opt.TOPIC_ORDER:
        if topic not in topics:
            continue
        decision, scored = decide(topic, ctx, book, chosen=chosen, override=override)
        pick = next((x.entry for x in scored if x.entry.name == decision.chosen), None)
        if pick is not None:
            chosen[topic] = ctx.facts_of(pick)
        out[topic] = decision
    return out


def _option_score(
    comp: opt.Composition, ctx: Context, book: RuleBook, override: Mapping[str, float] | None
) -> float:
    """How well an option's components fit the requirements' own weights (no profile tilt)."""
    chosen: dict[str, dict[str, Any]] = {}
    totals: list[float] = []
    for topic in opt.TOPIC_ORDER:
        entry = comp.components.get(topic)
        if entry is None:
            continue
        weights, _, _ = weights_for(topic, ctx, book, (), override)
        totals.append(score_entry(entry, topic, weights, ctx, book, chosen=chosen).total)
        chosen[topic] = ctx.facts_of(entry)
    return sum(totals) / len(totals) if totals else 0.0


def _title(comp: opt.Composition) -> str:
    """The option's architecture in a few names: its style first, then what sets it apart."""
    parts = [comp.components[t].name for t in comp.profile.title_topics if t in comp.components]
    # A profile whose defining component was excluded (no microservices for a small team) is
    # named by what it does run, never by a leftover such as its communication style alone.
    if comp.profile.title_topics[0] not in comp.components:
        parts = [comp.components[t].name for t in _ARCHITECTURE if t in comp.components] + parts
    for role, picks in comp.services:
        lead = next(iter(picks.values()))
        parts.append(f"{lead.name} {role.name}")
    return " + ".join(dict.fromkeys(parts))


def _budget_on_stated_numbers(
    verdict: Feasibility,
    built: Sequence[tuple[Option, opt.Composition]],
    ctx: Context,
    book: RuleBook,
) -> tuple[Feasibility, list[str]]:
    """A budget overrun that only an archetype's typical assumptions cause is a warning."""
    budget = (ctx.requirements.get("constraints") or {}).get("budget") or {}
    limit = budget.get("infra_usd_per_month")
    budget_conflicts = [
        c for c in verdict.conflicts if "cheapest_design_usd_per_month" in c.numbers
    ]
    stated_req, spike_in_peak = _spike_in_stated_peak(ctx.requirements)
    typical = bool(pricing.archetype_defaults(ctx.matches))
    if not budget_conflicts or limit is None or not (typical or spike_in_peak):
        return verdict, []
    # Infeasible must follow from what the requirements state: the same designs priced on the
    # file's own numbers (an archetype's typical bitrate or message rate left out, a spike the
    # stated peak already holds not multiplied again) decide.
    margin = book.setting("feasibility.budget_margin", 2.0)
    stated = [
        opt.cost(comp, ctx, book, typical=False, requirements=stated_req).low
        for option, comp in built
        if option.cost_usd_per_month.lines
    ]
    if not stated or min(stated) > float(limit) * margin:
        return verdict, []
    kept = [c for c in verdict.conflicts if c not in budget_conflicts]
    why = (
        "with a spike multiple that the stated peak already holds (non_functional.spike.multiple"
        " is about peak_rps / average_rps, so it reads as relative to the average)"
        if spike_in_peak
        else "with the typical assumptions of the kind of system recognised"
    )
    notes = [
        f"budget: {c.why} {why}; on the stated numbers alone the cheapest design costs about"
        f" ${min(stated):,.0f}/month, so state `assumptions:` or the spike relative to the"
        " normal peak to decide"
        for c in budget_conflicts
    ]
    return Feasibility(feasible=not kept, conflicts=kept), notes


def _spike_in_stated_peak(req: Mapping[str, Any]) -> tuple[Mapping[str, Any], bool]:
    """The requirements without a spike whose multiple is the stated peak over the average.

    The schema reads `spike.multiple` relative to the normal peak; a multiple within a fifth of
    peak_rps / average_rps was written relative to the average, so the stated peak is the spike.
    """
    nf = req.get("non_functional") or {}
    spike = nf.get("spike") or {}
    throughput = nf.get("throughput") or {}
    multiple, peak, average = (
        spike.get("multiple"),
        throughput.get("peak_rps"),
        throughput.get("average_rps"),
    )
    if not multiple or not peak or not average or multiple <= 1:
        return req, False
    ratio = float(peak) / float(average)
    if ratio <= 1 or abs(float(multiple) - ratio) > 0.2 * ratio:
        return req, False
    return {**req, "non_functional": {k: v for k, v in nf.items() if k != "spike"}}, True


# What names an architecture when a profile's own lead component is missing.
_ARCHITECTURE = ("decomposition", "deployment")


def build_options(
    ctx: Context,
    book: RuleBook,
    topics: Sequence[str],
    override: Mapping[str, float] | None,
    first: Mapping[str, str | None] | None = None,
) -> list[tuple[Option, opt.Composition]]:
    """One option per applicable profile, dropping profiles that give the same system."""
    out: list[tuple[Option, opt.Composition]] = []
    seen: set[tuple[tuple[str, str], ...]] = set()
    rules = sorted(
        (r for r in book.of("profile") if r.profile),
        key=lambda r: (r.profile.order, r.id),  # type: ignore[union-attr]
    )
    profiles = []
    for rule in rules:
        assert rule.profile is not None
        when, _ = evaluate(rule.profile.when, ctx.env())
        if when is not False:
            profiles.append(rule.profile)
    comps = [opt.compose(p, topics, ctx, book, override, first) for p in profiles]
    distinct = {_key(c) for c in comps if c.components}
    if len(distinct) < 2:
        # Keeping every first choice made the profiles one system: let those that repeat another
        # vary every topic, so there is still an alternative to weigh (it carries deviations).
        kept: set[tuple[tuple[str, str], ...]] = set()
        for i, c in enumerate(comps):
            if _key(c) in kept and profiles[i].varies is not None:
                free = profiles[i].model_copy(update={"varies": None})
                comps[i] = opt.compose(free, topics, ctx, book, override, first)
            kept.add(_key(comps[i]))
    by_key: dict[tuple[tuple[str, str], ...], Option] = {}
    for composed in comps:
        if not composed.components:
            continue
        # Over the budget, a platform of nearly the same score that fits it is taken instead.
        comp, costs = opt.within_budget(composed, opt.cost(composed, ctx, book), ctx, book)
        profile = comp.profile
        key = _key(comp)
        if key in seen:
            # The same system reached from another profile: its tradeoffs hold for it too.
            same = by_key[key]
            env = _option_env(comp, ctx)
            same.pros = list(dict.fromkeys(same.pros + _notes(profile.pros, env)))
            same.cons = list(dict.fromkeys(same.cons + _notes(profile.cons, env)))
            continue
        seen.add(key)
        results = opt.checks(comp, ctx, book)
        results += _budget_check(costs, ctx, book)
        score = _option_score(comp, ctx, book, override) - opt.penalty(results, book)
        over = any(c.id == "budget" and c.status == "fail" for c in results)
        score -= book.setting("budget_penalty", 0.05) if over else 0.0
        missing = [t for t in topics if t not in comp.components]
        # Which option is recommended weighs the topics' first choices, team fit most.
        for topic in opt.deviations(comp, first or {}):
            score -= book.setting(
                f"deviation_penalty.{topic}", book.setting("deviation_penalty", 0.03)
            )
        score -= book.setting("missing_component_penalty", 0.1) * len(missing)
        scale = opt.scales_to(comp, ctx.kb)
        env = _option_env(comp, ctx)
        pros = _notes(profile.pros, env)
        pros += _team_pros(comp, ctx)
        cons = _notes(profile.cons, env)
        if scale.limit is not None:
            cons.append(f"Scaling is bounded at {scale.text}")
        cons += [c.message for c in results if c.status == "fail" and c.severity != "info"]
        cons += [
            f"no {t.replace('_', ' ')} candidate fits this option's constraints" for t in missing
        ]
        option = Option(
            name=_title(comp),
            profile=profile.name,
            summary=fill(profile.summary, env),
            components=comp.names(),
            services=[
                Service(role=r.name, components={t: e.name for t, e in p.items()}, why=r.why)
                for r, p in comp.services
            ],
            pros=list(dict.fromkeys(pros)),
            cons=list(dict.fromkeys(cons)),
            operational_burden=opt.burden(comp, book),
            cost_usd_per_month=costs,
            cost_lines=pricing.flat_lines(costs),
            scales_to=scale,
            checks=results,
            score=round(score, 4),
        )
        out.append((option, comp))
        by_key[key] = option
    return out


def _option_env(comp: opt.Composition, ctx: Context) -> Any:
    """The environment an option's pros and cons are evaluated in."""
    scale = opt.scales_to(comp, ctx.kb)
    facts = {t: ctx.facts_of(e) for t, e in comp.components.items()}
    # A service only one provider runs (managed-only) is what locks an option in.
    managed_only = sorted(str(f.get("name")) for f in facts.values() if f.get("managed_only"))
    return ctx.env(
        limit=scale.limit, option=comp.names(), option_facts=facts, managed_only=managed_only
    )


def _key(comp: opt.Composition) -> tuple[tuple[str, str], ...]:
    """What makes two compositions the same system: their components and services."""
    return tuple(sorted(comp.names().items())) + tuple(
        (r.name, e.name) for r, p in comp.services for e in p.values()
    )


def _budget_check(costs: CostRange, ctx: Context, book: RuleBook) -> list[CheckResult]:
    """Both ends of the cost range against the stated budget, naming the lines that dominate."""
    budget = ((ctx.requirements.get("constraints") or {}).get("budget") or {}).get(
        "infra_usd_per_month"
    )
    if budget is None:
        return []
    status: Literal["pass", "fail"] = "fail" if costs.high > budget else "pass"
    if costs.low > budget:
        verb = "over"
    elif costs.high > budget:
        verb = "over at the stated load (within only at launch), against"
    else:
        verb = "within"
    top = pricing.dominant_lines(costs)
    return [
        CheckResult(
            id="budget",
            principle="budget",
            subject="infrastructure cost",
            status=status,
            severity="warning",
            message=f"Costs ${costs.low:,.0f}-{costs.high:,.0f}/month, {verb} the "
            f"${budget:,.0f}/month budget"
            + (f"; dominant lines: {top}" if status == "fail" and top else ""),
        )
    ]


def _requirement_checks(ctx: Context, book: RuleBook) -> list[CheckResult]:
    """Checks on the requirements themselves (scope `requirements`)."""
    out: list[CheckResult] = []
    for rule in book.of("check"):
        if rule.scope != "requirements":
            continue
        env = ctx.env()
        when, _ = evaluate(rule.when, env)
        if when is False:
            continue
        failed, _ = evaluate(rule.fails or "false", env)
        status: Literal["pass", "fail", "unknown"] = "fail" if failed else "pass"
        text = rule.message if status == "fail" else (rule.summary or rule.id)
        out.append(
            CheckResult(
                id=rule.id,
                principle=rule.principle or "",
                subject=str(ctx.requirements.get("name", "")),
                status=status,
                severity=rule.severity,
                message=fill((text or "").strip(), env),
            )
        )
    return out


def _team_pros(comp: opt.Composition, ctx: Context) -> list[str]:
    fn = ctx.functions()["expertise"]
    out = []
    for _, _, e in opt._unique(comp.all_entries()):
        if fn(ctx.facts_of(e)) == "strong":
            out.append(f"Team expertise ({e.name})")
    return out


def _human(n: float) -> str:
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g}M"
    if n >= 1000 and n % 100 == 0:
        return f"{n / 1000:g}k"
    return f"{round(n):,}"


def evolution(
    chosen: Option,
    nxt: Option | None,
    ctx: Context,
    book: RuleBook,
    trigger: str = "",
) -> list[EvolutionStep]:
    """The phases from the chosen option, each with a trigger, actions and success metrics."""
    nf = ctx.requirements.get("non_functional") or {}
    users = (nf.get("users") or {}).get("concurrent")
    p99 = (nf.get("latency") or {}).get("p99_ms")
    avail = nf.get("availability_percent")
    steps: list[EvolutionStep] = []
    phases = sorted((r.phase for r in book.of("phase") if r.phase), key=lambda p: p.order)
    for ph in phases:
        if ph.moves_option and nxt is None:
            continue
        target = nxt if ph.moves_option and nxt is not None else chosen
        env = ctx.env(
            limit=chosen.scales_to.limit,
            limit_text=chosen.scales_to.text,
            trigger=trigger,
            current=chosen.name,
            next=nxt.name if nxt else None,
        )
        metrics: list[str] = []
        if users:
            metrics.append(
                f"{_human(max(users * ph.load_fraction, min(users, 10)))} concurrent users"
            )
        if p99:
            metrics.append(f"p99 < {p99 * ph.latency_factor:g}ms")
        if ph.availability and avail:
            metrics.append(f"{avail:g}% uptime")
        steps.append(
            EvolutionStep(
                phase=ph.name,
                months=fill(ph.months, env),
                trigger=fill(ph.trigger, env),
                to=target.name,
                actions=[fill(a, env) for a in ph.actions],
                success_metrics=metrics,
            )
        )
    return steps


def split_trigger_met(ctx: Context, book: RuleBook) -> list[str]:
    """The facts showing the split-into-services trigger already holds (empty: not met)."""
    cons = ctx.requirements.get("constraints") or {}
    team = cons.get("team") or {}
    engineers = team.get("engineers")
    teams = team.get("teams")
    at = int(book.setting("team_trigger_engineers", 10))
    teams_at = int(book.setting("team_trigger_teams", 3))
    if engineers is None or engineers < at:
        return []
    if cons.get("domain") != "clear" or cons.get("independent_scaling") is not True:
        return []
    if teams is not None and teams < teams_at:
        return []
    facts = [f"{engineers} engineers"]
    if teams is not None:
        facts.append(f"{teams} teams")
    return [*facts, "clear domain boundaries", "parts need independent scaling"]


def choose(
    built: Sequence[tuple[Option, opt.Composition]], ctx: Context, book: RuleBook
) -> tuple[Option | None, Option | None, str]:
    """The option to build now (best score), the one to move to next, and the trigger."""
    # With a per-node limit the next option must scale further; without one, an option that
    # splits into services is next, when the team grows past the microservices threshold. The
    # candidate keeping most of the current components wins (evolution, not a rewrite).
    if not built:
        return None, None, ""
    ranked = sorted(built, key=lambda t: (-t[0].score, t[0].name))
    now, now_comp = ranked[0]
    limit = now.scales_to.limit
    keep = book.setting("continuity_weight", 0.5)
    weight = {t: book.setting(f"continuity.{t}", 0.0) for t in now.components}
    total = sum(weight.values()) or 1.0

    def continuity(o: Option) -> float:
        same = [t for t, n in now.components.items() if o.components.get(t) == n]
        return sum(weight[t] for t in same) / total

    if limit is not None:
        further = [
            o for o, _ in ranked[1:] if o.scales_to.limit is None or o.scales_to.limit > limit
        ]
        trigger = f"load passes {now.scales_to.text}"
    else:
        team_at = int(book.setting("team_trigger_engineers", 10))
        team = ((ctx.requirements.get("constraints") or {}).get("team") or {}).get("engineers")
        split = _splits(now_comp)
        further = [o for o, c in ranked[1:] if _splits(c) and not split]
        trigger = (
            f"the team passes {team_at} engineers and the domain boundaries are clear "
            "(microservices checklist)"
        )
        if team is not None and team >= team_at:
            trigger = (
                "the domain boundaries are clear and parts need independent scaling "
                "(microservices checklist)"
            )
    further.sort(key=lambda o: (-(o.score + keep * continuity(o)), o.name))
    if limit is None and further and split_trigger_met(ctx, book):
        # The trigger for splitting already holds: the split option is the one to build now.
        return further[0], None, trigger
    return now, (further[0] if further else None), trigger


def _splits(comp: opt.Composition) -> bool:
    """Whether an option splits the system into independently deployed services."""
    dec = comp.components.get("decomposition")
    return bool(comp.services) or (dec is not None and getattr(dec, "components_added", 0) >= 2)


def questions_from_unknowns(
    decs: Mapping[str, Decision], extra: Sequence[str] = ()
) -> list[Question]:
    """Questions for the unknown requirements that would move decisions, most decisive first."""
    topics_of: dict[str, set[str]] = {}
    for topic, d in decs.items():
        for path in d.unknown:
            topics_of.setdefault(path, set()).add(topic)
    for path in extra:
        topics_of.setdefault(path, set()).add("cost")
    total = max(1, len(decs))
    out = []
    for path, topics in topics_of.items():
        desc = _describe(path)
        out.append(
            Question(
                id=path,
                field=path,
                question=f"What is {path.replace('_', ' ')}?" + (f" ({desc})" if desc else ""),
                why=f"it moves the {', '.join(sorted(topics))} decision"
                + ("s" if len(topics) > 1 else ""),
                impact=round(min(1.0, len(topics) / total + 0.05), 3),
                topics=sorted(topics),
            )
        )
    out.sort(key=lambda q: (-q.impact, q.field))
    return out


def _describe(path: str) -> str:
    model: Any = Requirements
    info = None
    for part in path.split("."):
        fields = getattr(model, "model_fields", None)
        if not fields:
            return ""
        info = next((f for n, f in fields.items() if part in (n, f.alias)), None)
        if info is None:
            return ""
        model = _inner(info.annotation)
    return (info.description or "") if info else ""


def _inner(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner(arg)
        if found is not None:
            return found
    return None


def recommend(
    req: Requirements,
    kb: KBLike,
    book: RuleBook,
    *,
    year: int,
    file: str | None = None,
    topic: str | None = None,
    override: Mapping[str, float] | None = None,
    questions: QuestionSource | None = None,
) -> Recommendation:
    """The full recommendation for a requirements file (pure: no I/O)."""
    if topic is not None and topic not in TOPICS:
        raise InputError(f"unknown topic '{topic}'; valid: {', '.join(TOPICS)}", field="topic")
    weights = check_override(override or {})
    ctx = context(req, kb, year, book)
    all_decisions = decisions(ctx, book, list(TOPICS), weights)
    relevant = [
        t
        for t in opt.TOPIC_ORDER
        if all_decisions[t].need_state == "yes" and all_decisions[t].chosen
    ]
    built = build_options(
        ctx, book, relevant, weights, {t: d.chosen for t, d in all_decisions.items()}
    )
    now, nxt, trigger = choose(built, ctx, book)
    now_comp = next((c for o, c in built if now is not None and o.name == now.name), None)
    met = split_trigger_met(ctx, book) if nxt is None and now_comp and _splits(now_comp) else []
    warnings: list[str] = []
    opts: list[Option] = []
    first = {t: d.chosen for t, d in all_decisions.items()}
    for option, comp in built:
        option.provider = opt.provider(comp, ctx)
        option.deviations = opt.deviations(comp, first)
        if now is not None and option.name != now.name:
            option.why_not = _why_not(option, now, nxt)
        opts.append(option)
    why: list[str] = []
    steps: list[EvolutionStep] = []
    if now is not None:
        why = _why(now, nxt, opts, all_decisions, trigger)
        steps = evolution(now, nxt, ctx, book, trigger)
        if met:
            why.insert(
                0, f"the trigger for splitting is met now ({', '.join(met)}): start with {now.name}"
            )
            steps.insert(
                0,
                EvolutionStep(
                    phase="Now: split from the start",
                    months="0",
                    trigger=trigger,
                    to=now.name,
                    actions=[
                        "draw service boundaries along the clear domains, one team per service"
                    ],
                    success_metrics=[],
                    met_now=True,
                ),
            )
    verdict = feasibility(
        ctx.requirements,
        ctx.kb,
        book,
        opts,
        concerns=ctx.derived.get("concerns") or (),
        blocked=blocked_required(ctx, book),
        contradicted=archetypes.contradictions(ctx.matches, ctx.requirements, book.concepts),
    )
    verdict, assumed = _budget_on_stated_numbers(verdict, built, ctx, book)
    warnings += assumed
    if not verdict.feasible:
        why.insert(
            0,
            "closest design only: the requirements conflict ("
            + "; ".join(c.why for c in verdict.conflicts)
            + ")",
        )
        for conflict in reversed(verdict.conflicts):
            warnings.insert(0, f"infeasible: {conflict.why}")
    found = archetypes.report(ctx.matches, ctx, list(now.components.values()) if now else [])
    design = (
        archetypes.Design(now.components, now.provider, ctx.kb.find) if now is not None else None
    )
    overlaps = {m.archetype.id: m.archetype.overlaps for m in ctx.matches}
    led = archetypes.lead(found, lead_rule(book), design, overlaps)
    opening = archetypes.hard_problems_line(led, found)
    if opening is not None:
        why.insert(0, opening)
    for line in _outside_kb(ctx):
        warnings.append(line)
        why.append(line)
    reach = latency_reach(ctx.requirements, book)
    if reach is not None:
        warnings.append(f"latency: {reach}")
    for m in ctx.matches:
        if m.archetype.outside_model:
            warnings.append(f"outside what archwise models: {m.archetype.outside_model}")
    if now is not None:
        for t, d in all_decisions.items():
            d.in_recommendation = now.components.get(t)
    shown = {topic: all_decisions[topic]} if topic else all_decisions
    unknown_cost = sorted(
        {
            a.split(" ")[0]
            for o in opts
            for a in o.cost_usd_per_month.assumptions
            if a.endswith("a default was assumed")
        }
    )
    qs = questions_from_unknowns(
        {t: d for t, d in all_decisions.items() if d.relevant}, unknown_cost
    )
    if questions is not None:
        qs = _merge_questions(questions(req, [q.field for q in qs]), qs)
    for t, d in shown.items():
        if d.relevant and not d.ranked and not d.excluded:
            warnings.append(f"{t}: the knowledge base has no candidates for this topic")
        elif d.relevant and not d.ranked:
            warnings.append(f"{t}: every candidate was excluded; relax a constraint")
        if d.fragile and d.chosen:
            warnings.append(f"{t}: {d.chosen} wins narrowly (fragile); see sensitivity")
    if any(d.unknown for d in all_decisions.values() if d.relevant):
        warnings.append("some requirements that drive these decisions are unknown; see questions")
    for o in opts:
        if o.cost_usd_per_month.unpriced and not o.cost_usd_per_month.lines:
            warnings.append(f"{o.name}: {o.cost_usd_per_month.assumptions[0]}")
        elif o.cost_usd_per_month.unpriced:
            said = o.cost_usd_per_month.unpriced_reasons
            named = [f"{n} ({said[n]})" if n in said else n for n in o.cost_usd_per_month.unpriced]
            warnings.append(f"{o.name}: no price for {'; '.join(named)}")
    confidence = 0.0
    if now is not None:
        deciding = [all_decisions[t].confidence for t in relevant]
        confidence = round(sum(deciding) / len(deciding), 4) if deciding else 0.0
    principles = _requirement_checks(ctx, book)
    for c in principles:
        if c.status == "fail":
            warnings.insert(0, c.message)
            confidence = round(confidence * book.setting("confidence_without_nfr", 0.6), 4)
    failing = [c.principle for c in principles if c.status == "fail"]
    if failing and now is not None:
        # The option's own checks may all pass; the design as a whole still fails these.
        why = [
            f"provisional: fails '{', '.join(failing)}'"
            if w == "passes every principle check"
            else w
            for w in why
        ]
    if now is not None:
        principles += next(o.checks for o in opts if o.name == now.name)
    return Recommendation(
        requirements=RequirementsRef(name=req.name, file=file),
        generated_by=f"archwise {__version__}",
        feasibility=verdict,
        archetypes=found,
        hard_problems=led,
        weights_override=weights,
        decisions=shown,
        options=opts,
        recommendation=Choice(
            option=now.name if now else None, why=why, evolution=steps, confidence=confidence
        ),
        principles=principles,
        questions=qs,
        warnings=warnings,
    )


def _outside_kb(ctx: Context) -> list[str]:
    """Technologies the user names that the knowledge base lacks: kept as stated, never replaced."""
    cons = ctx.requirements.get("constraints") or {}
    techs = cons.get("technologies") or {}
    expertise = (cons.get("team") or {}).get("expertise") or {}
    out: list[str] = []
    for name in techs.get("required") or []:
        if ctx.kb.find(name) is None:
            out.append(
                f"{name} is required but not in the knowledge base: it stays your choice; "
                "archwise neither scores nor replaces it"
            )
    unknown = [k for k in expertise if ctx.kb.find(k) is None]
    if unknown:
        out.append(
            f"team expertise in {', '.join(unknown)} is not in the knowledge base: counted for "
            "nothing else (a language never implies a database or a scheduler)"
        )
    return out


def lead_rule(book: RuleBook) -> archetypes.LeadRule:
    """How the lead ranks and cuts the hard problems, from the rule book's settings."""
    return archetypes.LeadRule(
        cap=int(book.setting("hard_problems_lead", 6)),
        quantity_bonus=book.setting("hard_problems_lead.quantity_bonus", 2.0),
        decay=book.setting("hard_problems_lead.decay", 0.5),
        floor=book.setting("hard_problems_lead.floor", 0.2),
    )


def _merge_questions(primary: list[Question], ours: list[Question]) -> list[Question]:
    seen = {q.field for q in primary}
    return primary + [q for q in ours if q.field not in seen]


def _why(
    now: Option,
    nxt: Option | None,
    opts: Sequence[Option],
    decs: Mapping[str, Decision],
    trigger: str,
) -> list[str]:
    out = [f"best fit to the requirements' weights: score {now.score:.3f}"]
    others = [o for o in opts if o.name != now.name]
    if others:
        out.append("ahead of " + "; ".join(f"{o.name} ({o.score:.3f})" for o in others))
    out.append(f"operational burden {now.operational_burden}")
    failed = [c for c in now.checks if c.status == "fail"]
    if not failed:
        out.append("passes every principle check")
    if nxt is not None:
        out.append(f"move to {nxt.name} when {trigger}")
    for topic in ("database", "language", "realtime"):
        d = decs.get(topic)
        if d and d.chosen and d.ranked:
            out.append(
                f"{topic}: {d.chosen} — {d.ranked[0].reasons[0] if d.ranked[0].reasons else ''}"
            )
    return out


def _why_not(option: Option, now: Option, nxt: Option | None) -> str:
    parts = [f"scores {option.score:.3f} against {now.score:.3f} for {now.name}"]
    failed = [c.message for c in option.checks if c.status == "fail" and c.severity != "info"]
    if failed:
        parts.append(failed[0])
    if nxt is not None and option.name == nxt.name:
        parts.append(
            "more than the current scale needs: it is the next step when the trigger is hit"
        )
    elif option.operational_burden != now.operational_burden:
        parts.append(f"operational burden {option.operational_burden}")
    return "; ".join(parts)
