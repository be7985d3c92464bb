"""Bottleneck diagnosis: observed metrics against the knowledge base's bottleneck signals."""

from __future__ import annotations

from dataclasses import dataclass, field

from archwise.capacity.models import MetricsFile
from archwise.kb.schemas.bottleneck import Bottleneck, Signal


@dataclass
class Evidence:
    """One signal that fired: the metric, its value, the threshold and the symptom."""

    metric: str
    value: float
    op: str
    threshold: float
    severity: float
    symptom: str


@dataclass
class Finding:
    """A bottleneck class with its score, evidence, symptoms and solutions."""

    id: str
    name: str
    score: float
    confidence: float
    evidence: list[Evidence]
    symptoms: list[str]
    solutions: list[dict[str, str | None]]
    not_measured: list[str] = field(default_factory=list)


@dataclass
class Diagnosis:
    """Ranked bottlenecks (strongest first) plus what the metrics say overall."""

    service: str | None
    window: str | None
    findings: list[Finding]
    healthy: list[str]
    context: list[str]
    unmeasured_classes: list[str]


def _fires(sig: Signal, value: float) -> bool:
    if sig.op == ">":
        return value > sig.threshold
    if sig.op == ">=":
        return value >= sig.threshold
    if sig.op == "<":
        return value < sig.threshold
    return value <= sig.threshold


def _severity(sig: Signal, value: float) -> float:
    """0.5 at the threshold rising to 1.0 at the 'severe' level (linear, clipped)."""
    if sig.severe is None or sig.severe == sig.threshold:
        return 1.0
    frac = (value - sig.threshold) / (sig.severe - sig.threshold)
    return 0.5 + 0.5 * max(0.0, min(1.0, frac))


def diagnose(metrics: MetricsFile, classes: list[Bottleneck]) -> Diagnosis:
    """Score each bottleneck class by the weighted severity of the signals that fire."""
    values = metrics.flat()
    findings: list[Finding] = []
    healthy: list[str] = []
    unmeasured: list[str] = []
    for b in classes:
        measured = [s for s in b.signals if s.metric in values]
        missing = [s.metric for s in b.signals if s.metric not in values]
        if not measured:
            unmeasured.append(b.name)
            continue
        ev = [
            Evidence(
                s.metric,
                values[s.metric],
                s.op,
                s.threshold,
                round(_severity(s, values[s.metric]), 3),
                s.symptom,
            )
            for s in measured
            if _fires(s, values[s.metric])
        ]
        if not ev:
            healthy.append(b.name)
            continue
        weights = {s.metric: s.weight for s in b.signals}
        score = sum(weights[e.metric] * e.severity for e in ev)
        measured_weight = sum(s.weight for s in measured)
        ev.sort(key=lambda e: -weights[e.metric] * e.severity)
        findings.append(
            Finding(
                id=b.id,
                name=b.name,
                score=round(score, 3),
                confidence=round(sum(weights[e.metric] for e in ev) / measured_weight, 3),
                evidence=ev,
                symptoms=list(b.symptoms),
                solutions=[{"action": s.action, "when": s.when} for s in b.solutions],
                not_measured=missing,
            )
        )
    findings.sort(key=lambda f: (-f.score, f.id))
    return Diagnosis(
        service=metrics.service,
        window=metrics.window,
        findings=findings,
        healthy=healthy,
        context=_context(values),
        unmeasured_classes=unmeasured,
    )


def _context(values: dict[str, float]) -> list[str]:
    out: list[str] = []
    err = values.get("errors.rate_percent")
    if err is not None:
        out.append(f"error rate {err:g}%" + (" (elevated)" if err >= 1 else ""))
    p99 = values.get("latency.p99_ms")
    target = values.get("latency.target_p99_ms")
    if p99 is not None and target is not None:
        verdict = "misses" if p99 > target else "meets"
        out.append(f"p99 latency {p99:g} ms {verdict} the {target:g} ms target")
    timeouts = values.get("errors.timeouts_percent")
    if timeouts:
        out.append(f"{timeouts:g}% of requests time out: a saturated dependency is likely")
    return out
