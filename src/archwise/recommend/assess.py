"""Single-entry assessments (proven over novel) and side-by-side comparisons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from archwise.errors import InputError
from archwise.kb.schemas.technology import TOPICS
from archwise.recommend import engine
from archwise.recommend.models import Assessment, CheckResult, Comparison, CriterionScore
from archwise.recommend.rulebook import Entry, KBLike, RuleBook, evaluate, fill
from archwise.recommend.scoring import decide
from archwise.requirements.models import Requirements

PROVEN = "proven over novel"


def assess(entry: Entry, kb: KBLike, book: RuleBook, *, year: int) -> Assessment:
    """Run the proven-over-novel checks on one entry; red flags are the failed ones."""
    ctx = engine.context(Requirements(name=entry.name), kb, year, book)
    f = ctx.facts_of(entry)
    results: list[CheckResult] = []
    for rule in book.of("check"):
        if rule.scope != "component" or rule.principle != PROVEN:
            continue
        env = ctx.env(
            entry=f, topic=entry.topics[0] if entry.topics else "", role="main", option={}
        )
        when, _ = evaluate(rule.when, env)
        if when is False:
            continue
        failed, _ = evaluate(rule.fails or "false", env)
        status: Literal["pass", "fail", "unknown"] = (
            "unknown" if failed is None else ("fail" if failed else "pass")
        )
        text = rule.message if status != "pass" else (rule.summary or rule.message)
        results.append(
            CheckResult(
                id=rule.id,
                principle=PROVEN,
                subject=entry.name,
                status=status,
                severity=rule.severity,
                message=fill(text or "", env),
            )
        )
    flags = [c.message for c in results if c.status == "fail"]
    verdict: Literal["proven", "caution", "novel"]
    if any(
        c.status == "fail" and (c.severity == "error" or c.id.endswith(".age")) for c in results
    ):
        verdict = "novel"
    elif flags:
        verdict = "caution"
    else:
        verdict = "proven"
    facts = {
        k: str(f[k])
        for k in (
            "first_stable_release",
            "first_described",
            "maintenance",
            "community",
            "hiring",
            "ecosystem",
            "learning_curve",
            "license",
            "ops_complexity",
            "lock_in",
        )
        if f.get(k) is not None
    }
    return Assessment(
        name=entry.name,
        kind=str(f["kind"]),
        age_years=f.get("age"),
        verdict=verdict,
        checks=results,
        red_flags=flags,
        facts=facts,
    )


def compare_entries(
    names: Sequence[str],
    topic: str,
    req: Requirements | None,
    kb: KBLike,
    book: RuleBook,
    *,
    year: int,
    override: Mapping[str, float] | None = None,
) -> Comparison:
    """Score the named entries for a topic on every criterion (with or without requirements)."""
    if topic not in TOPICS:
        raise InputError(f"unknown topic '{topic}'; valid: {', '.join(TOPICS)}", field="--for")
    candidates = {e.name for e in kb.candidates(topic)}
    for n in names:
        if n not in candidates:
            raise InputError(
                f"{n} is not a candidate for {topic}; candidates: {', '.join(sorted(candidates))}",
                field="--for",
            )
    ctx = engine.context(req or Requirements(name="no requirements"), kb, year, book)
    decision, _ = decide(
        topic, ctx, book, override=engine.check_override(override or {}), only=names
    )
    criteria: dict[str, dict[str, CriterionScore]] = {}
    for ranked in decision.ranked:
        for c in ranked.criteria:
            criteria.setdefault(c.criterion, {})[ranked.name] = c
    return Comparison(
        topic=topic,
        names=list(names),
        criteria=criteria,
        totals={r.name: r.score for r in decision.ranked},
        excluded=[e for e in decision.excluded if e.name in names],
        winner=decision.ranked[0].name if decision.ranked else None,
    )
