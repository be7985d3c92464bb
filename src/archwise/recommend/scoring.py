"""One decision: hard constraints, weights from requirements, explained scores, sensitivity."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from archwise.kb.schemas.rule import Adjustment, Need, Rule
from archwise.kb.schemas.technology import TOPICS
from archwise.recommend import expr
from archwise.recommend.feasibility import residency_blocked, residency_gaps, unusable_required
from archwise.recommend.models import (
    CriterionScore,
    Decision,
    Excluded,
    Ranked,
    Sensitivity,
    WeightChange,
)
from archwise.recommend.rulebook import (
    Context,
    Entry,
    RuleBook,
    base_weights,
    evaluate,
    fill,
    named,
)

NEUTRAL = 0.5


@dataclass
class Tilt:
    """What a profile, a role or an archetype adds to a decision: weights, nudges, exclusions."""

    label: str = ""
    weights: Mapping[str, float] = field(default_factory=dict)
    prefer: Sequence[Adjustment] = ()
    needs: Sequence[Need] = ()
    # (topics, names, why): candidates an expert would refuse here (an archetype's anti-patterns)
    refuse: Sequence[tuple[Sequence[str], Sequence[str], str]] = ()
    kind: str = "profile"


@dataclass(slots=True)
class Crit:
    """One criterion score of one candidate (the light form of CriterionScore)."""

    criterion: str
    score: float
    weight: float
    contribution: float
    reason: str
    rule: str
    unknown: list[str]


@dataclass
class Scored:
    """A candidate with its per-criterion scores."""

    entry: Entry
    criteria: list[Crit]
    total: float
    notes: list[str]


def _r(x: float) -> float:
    return round(x + 0.0, 4)


def relevance(topic: str, ctx: Context, book: RuleBook) -> tuple[str, str, set[str]]:
    """Whether a topic needs deciding: "yes", "no" (with the reason) or "unknown"."""
    # It reads only the requirements, so every decision of the topic shares one answer.
    needed, because, unknown = ctx.remember(
        ("relevance", topic, ""), lambda: _relevance(topic, ctx, book)
    )
    return needed, because, set(unknown)


def needed_by(rule: Rule, env: expr.Env) -> tuple[bool | None, set[str], list[str]]:
    """Whether any reason of a relevance rule holds, what is unknown, and the reasons that hold."""
    whys: list[str] = []
    unknown: set[str] = set()
    undecided = False
    for reason in rule.needed_by:
        value, unk = evaluate(reason.when, env)
        if value is None:
            undecided = True
            unknown |= unk
        elif value:
            whys.append(fill(reason.why, env))
    if whys:
        return True, set(), whys
    return (None if undecided else False), unknown, whys


def _relevance(topic: str, ctx: Context, book: RuleBook) -> tuple[str, str, set[str]]:
    unknown: set[str] = set()
    because = ""
    needs: list[str] = []
    env = ctx.env()
    if topic in ctx.not_needed:
        return "no", ctx.not_needed[topic][0], unknown
    for rule in book.of("relevance", topic):
        if rule.needs_topics:
            # A dependent topic (a data pattern needs a database) follows the topics it serves,
            # where the rule's condition holds.
            if evaluate(rule.when, env)[0] is False:
                continue
            states = {t: relevance(t, ctx, book)[0] for t in rule.needs_topics}
            if all(v == "no" for v in states.values()):
                return "no", fill(rule.because or rule.id, env), unknown
            if "yes" not in states.values():
                because = rule.because or rule.id
                unknown |= {f"decisions.{t}.needed" for t, v in states.items() if v == "unknown"}
            continue
        if rule.needed_by:
            value, unk, whys = needed_by(rule, env)
            needs += whys
        else:
            value, unk = evaluate(rule.when, env)
        if value is None:
            unknown |= unk
            because = rule.because or rule.summary or rule.id
        elif not value:
            return "no", rule.because or rule.summary or rule.id, unknown
    if unknown:
        return "unknown", f"not known whether it is needed; otherwise: {because}", unknown
    return "yes", ("needed because " + "; ".join(needs)) if needs else "", unknown


def trigger_of(topic: str, ctx: Context, book: RuleBook) -> str:
    """What would create the need for a topic that is not needed now."""
    if topic in ctx.not_needed:
        return ctx.not_needed[topic][1]
    env = ctx.env()
    for rule in book.of("relevance", topic):
        if rule.needs_topics:
            if evaluate(rule.when, env)[0] is False:
                continue
            if all(relevance(t, ctx, book)[0] == "no" for t in rule.needs_topics):
                return fill(rule.trigger or f"one of {', '.join(rule.needs_topics)} is needed", env)
            continue
        value = needed_by(rule, env)[0] if rule.needed_by else evaluate(rule.when, env)[0]
        if not value:
            return fill(rule.trigger or f"a requirement that satisfies: {rule.when}", env)
    return f"a requirement that a {topic.replace('_', ' ')} entry answers"


def exclusions(
    topic: str,
    ctx: Context,
    book: RuleBook,
    chosen: Mapping[str, Mapping[str, Any]],
    tilts: Sequence[Tilt] = (),
) -> tuple[dict[str, list[str]], set[str]]:
    """Reasons each candidate is removed (hard constraints, links to earlier choices)."""
    out: dict[str, list[str]] = {}
    unknown: set[str] = set()
    cands = ctx.candidates(topic)
    required = (
        ((ctx.requirements.get("constraints") or {}).get("technologies") or {}).get("required")
    ) or []
    # A required entry that cannot run where the system runs (a managed-only service on premises)
    # narrows nothing: the feasibility verdict names the conflict and the closest design goes on.
    isolated = "isolated-network" in (ctx.derived.get("concerns") or ())
    blocked = unusable_required(ctx.requirements, ctx.kb, isolated)
    blocked |= residency_blocked(ctx.requirements, ctx.kb, book)
    # ... nor does one a hard constraint of the requirements rules out (Lambda for 2-hour calls)
    ruled_out = {name for name, _, _ in blocked_required(ctx, book)}
    required = [n for n in required if n not in blocked and _canonical(ctx, n) not in ruled_out]
    req_hits = [e.name for e in cands if _is_named(ctx, e, required)]
    # A rule's `when` reads the requirements and earlier choices, never the entry: decide it once.
    active: list[Rule] = []
    env = ctx.env(chosen=chosen, topic=topic)
    for kind in ("constraint", "link"):
        for rule in book.of(kind, topic):
            when, unk = evaluate(rule.when, env)
            if when is None:
                unknown |= unk
            if when:
                active.append(rule)
    for entry in cands:
        reasons: list[str] = []
        env = ctx.env(entry=ctx.facts_of(entry), chosen=chosen, topic=topic)
        for rule in active:
            hit, _ = evaluate(rule.exclude or "false", env)
            if hit:
                reasons.append(fill(rule.reason or rule.id, env))
        for tilt in tilts:
            for need in tilt.needs:
                if topic in need.topics and not evaluate(need.applies, env)[0]:
                    reasons.append(f"the {tilt.label} {tilt.kind} needs {fill(need.because, env)}")
            for topics, names, why in tilt.refuse:
                if (not topics or topic in topics) and named(ctx.facts_of(entry), names):
                    reasons.append(f"{entry.name} is wrong for {tilt.label}: {why}")
        gaps = residency_gaps(entry, ctx.requirements, book)
        if gaps:
            reasons.append(
                f"{entry.name} has no region in {', '.join(gaps)}, where "
                "non_functional.data_residency keeps the data"
            )
        if req_hits and entry.name not in req_hits:
            reasons.append(
                f"constraints.technologies.required names {', '.join(req_hits)} for {topic}"
            )
        if reasons:
            out[entry.name] = reasons
    return out, unknown


_FIELD = re.compile(r"\b(?:functional|non_functional|constraints)(?:\.[a-z_0-9]+)+")


def _canonical(ctx: Context, name: str) -> str:
    found = ctx.kb.find(name)
    return found.name if found is not None else name


def blocked_required(ctx: Context, book: RuleBook) -> list[tuple[str, list[str], str]]:
    """Required technologies a hard constraint removes: (name, fields behind it, reason)."""
    return ctx.remember(("blocked-required", "", ""), lambda: _blocked_required(ctx, book))


def _blocked_required(ctx: Context, book: RuleBook) -> list[tuple[str, list[str], str]]:
    required = (
        ((ctx.requirements.get("constraints") or {}).get("technologies") or {}).get("required")
    ) or []
    out: list[tuple[str, list[str], str]] = []
    if not required:
        return out
    wanted = {_canonical(ctx, n) for n in required}  # each name looked up once, not per entry
    seen: set[tuple[str, str]] = set()
    for topic in TOPICS:
        named_here = [e for e in ctx.candidates(topic) if e.name in wanted]
        if not named_here:
            continue
        env = ctx.env(chosen={}, topic=topic)
        rules = [r for r in book.of("constraint", topic) if r.blocks_required]
        rules = [r for r in rules if evaluate(r.when, env)[0]]
        for entry in named_here:
            env = ctx.env(entry=ctx.facts_of(entry), chosen={}, topic=topic)
            for rule in rules:
                if (entry.name, rule.id) not in seen and evaluate(rule.exclude or "false", env)[0]:
                    seen.add((entry.name, rule.id))
                    fields = list(dict.fromkeys(_FIELD.findall(rule.when)))
                    out.append((entry.name, fields, fill(rule.reason or rule.id, env)))
    return out


def _is_named(ctx: Context, entry: Entry, names: Sequence[str]) -> bool:
    for n in names:
        found = ctx.kb.find(n)
        if found is not None and found.name == entry.name:
            return True
    return False


def weights_for(
    topic: str,
    ctx: Context,
    book: RuleBook,
    tilts: Sequence[Tilt] = (),
    override: Mapping[str, float] | None = None,
) -> tuple[dict[str, float], list[WeightChange], set[str]]:
    """Criterion weights for a topic with the trace of every requirement that moved them."""
    # The weight rules read only the requirements and the topic: run them once per topic.
    got = ctx.remember(("weights", topic, ""), lambda: _rule_weights(topic, ctx, book))
    weights, trace, unknown = dict(got[0]), list(got[1]), set(got[2])
    for tilt in tilts:
        for crit, add in tilt.weights.items():
            before = weights[crit]
            weights[crit] = max(0.0, before + add)
            trace.append(
                WeightChange(
                    criterion=crit,
                    delta=_r(weights[crit] - before),
                    weight_after=_r(weights[crit]),
                    rule=tilt.label,
                    when=tilt.label,
                    because=f"the {tilt.label} profile weighs {crit} differently",
                )
            )
    share = book.setting(f"fit_share.{topic}", 0.0)
    rest = sum(w for c, w in weights.items() if c != "data_model_fit")
    if (
        share
        and not override
        and weights.get("data_model_fit", 0.0) < share * (weights.get("data_model_fit", 0.0) + rest)
    ):
        # A pattern is there for the problem it solves; the rest only breaks ties between them.
        before = weights["data_model_fit"]
        weights["data_model_fit"] = share * rest / (1.0 - share)
        trace.append(
            WeightChange(
                criterion="data_model_fit",
                delta=_r(weights["data_model_fit"] - before),
                weight_after=_r(weights["data_model_fit"]),
                rule=f"settings.fit_share.{topic}",
                when="always",
                because=f"a {topic.replace('_', ' ')} answer must solve a stated problem: "
                f"fit is {share:.0%} of the weight",
            )
        )
    for crit, value in (override or {}).items():
        before = weights[crit]
        weights[crit] = max(0.0, value)
        trace.append(
            WeightChange(
                criterion=crit,
                delta=_r(weights[crit] - before),
                weight_after=_r(weights[crit]),
                rule="override",
                when="--weights",
                because="set by the user",
            )
        )
    return weights, trace, unknown


def _rule_weights(
    topic: str, ctx: Context, book: RuleBook
) -> tuple[dict[str, float], list[WeightChange], set[str]]:
    weights = base_weights()
    trace: list[WeightChange] = []
    unknown: set[str] = set()
    env = ctx.env(topic=topic)
    for rule in book.of("weight", topic):
        value, unk = evaluate(rule.when, env)
        if value is None:
            unknown |= unk
        if not value or rule.criterion is None:
            continue
        before = weights[rule.criterion]
        after = rule.set if rule.set is not None else before + (rule.add or 0.0)
        weights[rule.criterion] = max(0.0, after)
        if rule.when.strip() != "true" or rule.set is None:
            trace.append(
                _change(
                    rule.criterion,
                    before,
                    weights,
                    rule.id,
                    when=rule.when,
                    because=fill(rule.because or "", env),
                )
            )
        else:
            trace.append(
                WeightChange(
                    criterion=rule.criterion,
                    delta=_r(weights[rule.criterion] - before),
                    weight_after=_r(weights[rule.criterion]),
                    rule=rule.id,
                    when="always",
                    because=rule.because or "",
                )
            )
    return weights, trace, unknown


def _change(
    crit: str, before: float, weights: Mapping[str, float], rid: str, *, when: str, because: str
) -> WeightChange:
    return WeightChange(
        criterion=crit,
        delta=_r(weights[crit] - before),
        weight_after=_r(weights[crit]),
        rule=rid,
        when=when,
        because=because,
    )


Active = list[tuple[Adjustment | Rule, set[str]]]


def active_adjustments(
    topic: str,
    ctx: Context,
    book: RuleBook,
    chosen: Mapping[str, Mapping[str, Any]],
    tilts: Sequence[Tilt] = (),
) -> Active:
    """The fit rules and profile nudges whose `when` holds, with the unknowns it depended on."""
    adjustments: list[Adjustment | Rule] = [*book.of("fit", topic)]
    for tilt in tilts:
        adjustments += [a for a in tilt.prefer if not a.topics or topic in a.topics]
    out: Active = []
    env = ctx.env(chosen=chosen, topic=topic)
    for adj in adjustments:
        when, unk = evaluate(adj.when, env)
        if when is None:
            out.append((adj, unk))
        elif when:
            out.append((adj, set()))
    return out


def score_entry(
    entry: Entry,
    topic: str,
    weights: Mapping[str, float],
    ctx: Context,
    book: RuleBook,
    *,
    chosen: Mapping[str, Mapping[str, Any]],
    tilts: Sequence[Tilt] = (),
    active: Active | None = None,
) -> Scored:
    """Score one candidate on every weighted criterion, with the reason for each score."""
    if active is None:
        active = active_adjustments(topic, ctx, book, chosen, tilts)
    f = ctx.facts_of(entry)
    total_w = sum(weights.values()) or 1.0
    criteria: list[Crit] = []
    notes: list[str] = []
    chosen_names = sorted({str(c.get("name")) for c in chosen.values()})
    env = ctx.env(entry=f, chosen=chosen, topic=topic, chosen_names=chosen_names)
    by_criterion: dict[str | None, Active] = {}
    for adj, unk in active:
        by_criterion.setdefault(adj.criterion, []).append((adj, unk))
    total = 0.0
    # Where several requirements may each call for the same candidate (patterns), the nudges add
    # up on a saturating curve instead of stopping at 1: three reasons beat one.
    soft = book.setting(f"soft_fit.{topic}", 0.0)
    for crit, w in weights.items():
        if w <= 0:
            continue
        score, reason, rid, base_unknown = ctx.remember(
            (crit, topic, entry.name), partial(_criterion, crit, topic, env, book)
        )
        unknown = base_unknown
        summed = 0.0
        for adj, unk in by_criterion.get(crit, ()):
            if unk:
                unknown = unknown | unk
                continue
            applies, _ = evaluate(adj.applies or "false", env)
            if applies:
                delta = float(adj.adjust or 0.0)
                summed += delta
                if not soft:
                    score = min(1.0, max(0.0, score + delta))
                text = fill(adj.because or "", env)
                reason += f"; {'+' if delta >= 0 else ''}{delta:g}: {text}"
                notes.append(text)
        if soft and summed:
            score = _saturate(score, summed, soft)
        contribution = w * score / total_w
        total += contribution
        criteria.append(
            Crit(crit, _r(score), _r(w), _r(contribution), reason, rid, sorted(unknown))
        )
    return Scored(entry, criteria, total, notes)


def _saturate(base: float, delta: float, scale: float) -> float:
    """A base score moved by summed nudges toward 1 (or 0) without reaching it: order is kept."""
    if delta > 0:
        return base + (1.0 - base) * (1.0 - math.exp(-delta / scale))
    return base * math.exp(delta / scale)


def _criterion(
    crit: str, topic: str, env: expr.Env, book: RuleBook
) -> tuple[float, str, str, set[str]]:
    rule = book.criterion_rule(crit, topic)
    if rule is None:
        return NEUTRAL, f"no rule scores {crit} for {topic}", "", set()
    unknown: set[str] = set()
    for case in rule.cases:
        cond, unk = evaluate(case.if_, env)
        if cond is None:
            unknown |= unk
            continue
        if not cond:
            continue
        value, unk = evaluate(case.score, env)
        if value is None:
            unknown |= unk
            return NEUTRAL, fill(case.reason, env) + " (input unknown)", rule.id, unknown
        return min(1.0, max(0.0, float(value))), fill(case.reason, env), rule.id, unknown
    return NEUTRAL, f"no case of {rule.id} matched", rule.id, unknown


def sensitivity(ranked: Sequence[Scored], weights: Mapping[str, float]) -> list[Sensitivity]:
    """For each weighted criterion, the smallest weight change that makes another candidate win."""
    if len(ranked) < 2:
        return []
    win = ranked[0]
    win_s = {c.criterion: c.score for c in win.criteria}
    # Each rival's scores and its gap to the winner do not depend on the criterion varied.
    rivals: list[tuple[Scored, dict[str, float], float]] = []
    for other in ranked[1:]:
        o_s = {c.criterion: c.score for c in other.criteria}
        gap = sum(weights[c] * (win_s.get(c, 0.0) - o_s.get(c, 0.0)) for c in win_s)
        rivals.append((other, o_s, gap))
    out: list[Sensitivity] = []
    for crit, w in weights.items():
        if w <= 0:
            continue
        best: tuple[float, str] | None = None
        for other, o_s, gap in rivals:
            diff = win_s.get(crit, 0.0) - o_s.get(crit, 0.0)
            if abs(diff) < 1e-9:
                continue
            change = -gap / diff
            if w + change < 0:
                continue
            if best is None or abs(change) < abs(best[0]):
                best = (change, other.entry.name)
        out.append(
            Sensitivity(
                criterion=crit,
                weight=_r(w),
                change_to_flip=_r(best[0]) if best else None,
                relative=_r(abs(best[0]) / w) if best else None,
                flips_to=best[1] if best else None,
            )
        )
    return out


def decide(
    topic: str,
    ctx: Context,
    book: RuleBook,
    *,
    chosen: Mapping[str, Mapping[str, Any]] | None = None,
    tilts: Sequence[Tilt] = (),
    override: Mapping[str, float] | None = None,
    only: Sequence[str] | None = None,
    full: bool = True,
) -> tuple[Decision, list[Scored]]:
    """Decide one topic: exclude, weigh, score, rank, and say how sure and how fragile it is."""
    chosen = chosen or {}
    tilts = [*ctx.tilts, *tilts]
    needed, rel_text, rel_unknown = relevance(topic, ctx, book)
    excluded, ex_unknown = exclusions(topic, ctx, book, chosen, tilts)
    weights, trace, w_unknown = weights_for(topic, ctx, book, tilts, override)
    cands = ctx.candidates(topic)
    if only is not None:
        wanted = {n.casefold() for n in only}
        cands = [c for c in cands if c.name.casefold() in wanted]
    active = active_adjustments(topic, ctx, book, chosen, tilts)
    scored = [
        score_entry(e, topic, weights, ctx, book, chosen=chosen, active=active)
        for e in cands
        if e.name not in excluded
    ]
    last = len(ctx.preference) + 1
    scored.sort(
        key=lambda s: (
            -_r(s.total),
            ctx.preference.get(s.entry.name, last),
            s.entry.name.casefold(),
        )
    )
    unknown = set(rel_unknown | ex_unknown | w_unknown)
    for s in scored[:2]:
        for c in s.criteria:
            unknown |= set(c.unknown)
    margin = scored[0].total - scored[1].total if len(scored) > 1 else (1.0 if scored else 0.0)
    sens = sensitivity(scored, weights) if full else []
    fragile_at = book.setting("fragile_relative_change", 0.25)
    fragile = any(s.relative is not None and s.relative < fragile_at for s in sens)
    confidence = 0.0
    if scored:
        confidence = min(
            book.setting("confidence_max", 0.95),
            book.setting("confidence_base", 0.55)
            + book.setting("confidence_per_margin", 4.0) * margin,
        )
        total_w = sum(weights.values()) or 1.0
        share = sum(c.weight for c in scored[0].criteria if c.unknown) / total_w
        confidence -= book.setting("confidence_per_unknown_share", 0.5) * share
        confidence -= book.setting("confidence_per_unknown", 0.02) * min(len(unknown), 5)
        if fragile:
            confidence -= book.setting("confidence_fragile_penalty", 0.1)
        confidence = max(0.05, confidence)
    ranked = [
        Ranked(
            name=s.entry.name,
            score=_r(s.total),
            reasons=_reasons(s) if full else [],
            criteria=[_full(c) for c in s.criteria] if full else [],
        )
        for s in scored
    ]
    winner = scored[0] if scored else None
    threshold = book.setting(f"needs_fit.{topic}", 0.0)
    if needed != "no" and scored and threshold:
        # Only an entry that answers a requirement can be chosen; the ranking stays by score.
        winner = next((x for x in scored if _fit(x) >= threshold), None)
        if winner is None:
            needed = "no"
            rel_text = (
                f"no {topic.replace('_', ' ')} entry answers a stated requirement "
                f"(best: {scored[0].entry.name}, fit {_fit(scored[0]):.2f})"
            )
    rel = needed != "no"
    # Only a topic that is needed gets a choice: an unknown need is a question, not a component.
    decision = Decision(
        topic=topic,
        ranked=ranked,
        chosen=winner.entry.name if winner is not None and needed == "yes" else None,
        confidence=_r(confidence),
        margin=_r(margin),
        fragile=fragile,
        excluded=[Excluded(name=n, reasons=r, why=r[0]) for n, r in sorted(excluded.items())],
        weights={k: _r(v) for k, v in weights.items() if v > 0},
        weight_trace=trace,
        sensitivity=sens,
        unknown=sorted(unknown),
        relevant=rel,
        needed=needed == "yes",
        need_state=needed,
        relevance=rel_text,
        trigger="" if needed == "yes" else _trigger(topic, ctx, book, rel_text),
    )
    return decision, scored


def _trigger(topic: str, ctx: Context, book: RuleBook, because: str) -> str:
    if because.startswith(f"no {topic.replace('_', ' ')} entry answers"):
        return f"a requirement that a {topic.replace('_', ' ')} entry answers"
    return trigger_of(topic, ctx, book)


def _fit(s: Scored) -> float:
    return next((c.score for c in s.criteria if c.criterion == "data_model_fit"), 1.0)


def _full(c: Crit) -> CriterionScore:
    return CriterionScore.model_construct(
        criterion=c.criterion,
        score=c.score,
        weight=c.weight,
        contribution=c.contribution,
        reason=c.reason,
        rule=c.rule,
        unknown=c.unknown,
    )


def _reasons(s: Scored) -> list[str]:
    top = sorted(s.criteria, key=lambda c: (-c.contribution, c.criterion))[:3]
    out = [f"{c.criterion} {c.score:.2f} x{c.weight:g}: {c.reason}" for c in top]
    weak = [c for c in s.criteria if c.weight >= 2 and c.score < 0.35]
    out += [f"weak on {c.criterion} ({c.score:.2f}): {c.reason}" for c in weak[:2]]
    return out
