"""The recommendation as pydantic models: `model_dump(mode="json")` is the --json contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from archwise.schema import Model


class _Out(Model):
    model_config = ConfigDict(extra="forbid")


class CriterionScore(_Out):
    """One criterion of one candidate: its 0..1 score, weight and the reason."""

    criterion: str
    score: float
    weight: float
    contribution: float = Field(description="weight x score / total weight")
    reason: str
    rule: str
    unknown: list[str] = Field(default_factory=list, description="requirement paths not known")


class Ranked(_Out):
    """A scored candidate of one decision."""

    name: str
    score: float
    reasons: list[str]
    criteria: list[CriterionScore] = Field(default_factory=list)


class Excluded(_Out):
    """A candidate removed by a hard constraint, with the reasons."""

    name: str
    reasons: list[str]
    why: str = Field("", description="the first reason, in one line")


class WeightChange(_Out):
    """How one requirement moved one criterion's weight (the explain trace)."""

    criterion: str
    delta: float
    weight_after: float
    rule: str
    when: str
    because: str


class Sensitivity(_Out):
    """How far one weight must move before the winner changes."""

    criterion: str
    weight: float
    change_to_flip: float | None = Field(description="signed weight change; None: never flips")
    relative: float | None = Field(description="|change| / weight")
    flips_to: str | None


class Decision(_Out):
    """One topic's decision: ranked candidates, the choice and how sure it is."""

    topic: str
    ranked: list[Ranked]
    chosen: str | None
    confidence: float
    margin: float
    fragile: bool
    excluded: list[Excluded] = Field(default_factory=list)
    weights: dict[str, float] = Field(default_factory=dict)
    weight_trace: list[WeightChange] = Field(default_factory=list)
    sensitivity: list[Sensitivity] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list, description="requirements that would matter")
    relevant: bool = True
    in_recommendation: str | None = Field(
        None,
        description="the recommended option's component for this topic (its profile may differ)",
    )
    needed: bool = Field(True, description="false: the design has no component for this topic")
    need_state: Literal["yes", "no", "unknown"] = "yes"
    relevance: str = ""
    trigger: str = Field("", description="what would create the need (when needed is false)")


class CostLine(_Out):
    """One billable line of an option's monthly cost."""

    component: str
    price: str
    item: str
    quantity_low: float
    quantity_high: float
    usd_low: float
    usd_high: float
    note: str | None = None


class CostRange(_Out):
    """A monthly cost range in US dollars (730 hours a month)."""

    low: float
    high: float
    lines: list[CostLine] = Field(default_factory=list)
    unpriced: list[str] = Field(default_factory=list, description="components with no price rule")
    reference: str | None = Field(
        None,
        description="set when the option is provider-neutral: the figures are this provider's "
        "list prices, shown as a reference",
    )
    unpriced_reasons: dict[str, str] = Field(
        default_factory=dict, description="why a component is left unpriced (kb unpriced data)"
    )
    prices_checked: str | None = Field(None, description="the oldest source date of the prices")
    assumptions: list[str] = Field(default_factory=list)
    provider: str | None = Field(None, description="the provider whose prices were used")
    now: float | None = Field(
        None,
        description="monthly cost at the stated load, unrounded: the tiers' sum, capacity "
        "plan's total now (high is it rounded up)",
    )
    horizon: float | None = Field(None, description="monthly cost at the 24-month horizon")
    tiers: list[dict[str, Any]] = Field(
        default_factory=list, description="the tier model: the same tiers as `capacity plan`"
    )
    warnings: list[str] = Field(default_factory=list)


class ScalesTo(_Out):
    """How far an option goes before it must change."""

    text: str
    connections_per_node: float | None = None
    rps_per_node: float | None = None
    limit: float | None = Field(None, description="the binding number")
    unit: str = "concurrent connections"


class CheckResult(_Out):
    """A principle check: passed, failed or unknown, with its message."""

    id: str
    principle: str
    subject: str
    status: Literal["pass", "fail", "unknown"]
    severity: Literal["info", "warning", "error"]
    message: str


class Service(_Out):
    """An extra service an option adds (e.g. a connection gateway) and its components."""

    role: str
    components: dict[str, str]
    why: str


class Option(_Out):
    """A whole-system option with its tradeoff profile."""

    name: str
    profile: str
    summary: str
    components: dict[str, str]
    services: list[Service] = Field(default_factory=list)
    pros: list[str]
    cons: list[str]
    operational_burden: Literal["low", "medium", "high"]
    cost_usd_per_month: CostRange
    cost_lines: list[dict[str, Any]] = Field(
        default_factory=list,
        description="the cost lines at the stated load: item, price id (provider first), usd_month",
    )
    scales_to: ScalesTo
    checks: list[CheckResult] = Field(default_factory=list)
    score: float
    why_not: str = ""
    provider: str = Field("neutral", description="aws | gcp | azure | on-prem | neutral | ...")
    deviations: dict[str, str] = Field(
        default_factory=dict, description="topic -> why this differs from the topic's first choice"
    )


class EvolutionStep(_Out):
    """A phase of the evolution path with its trigger and success metrics."""

    phase: str
    months: str
    trigger: str
    to: str
    actions: list[str]
    success_metrics: list[str]
    met_now: bool = Field(False, description="the trigger already holds for these requirements")


class Choice(_Out):
    """The recommended option now and the path from it."""

    option: str | None
    why: list[str]
    evolution: list[EvolutionStep]
    confidence: float


class Conflict(_Out):
    """Requirements that cannot all hold at once, with the numbers and the ways out."""

    requirements: list[str]
    why: str
    numbers: dict[str, float] = Field(default_factory=dict)
    relax: list[str] = Field(default_factory=list)


class Feasibility(_Out):
    """Whether any design meets the requirements as stated."""

    feasible: bool = True
    conflicts: list[Conflict] = Field(default_factory=list)


class HardProblem(_Out):
    """A problem that makes this kind of system hard, and what in the design addresses it."""

    problem: str
    addressed_by: list[str]
    why: str = ""


class LeadProblem(HardProblem):
    """A hard problem the recommendation leads with, and the entry it comes from."""

    archetype: str


class ArchetypeMatch(_Out):
    """A workload archetype or a cross-cutting concern the requirements match, and why."""

    id: str
    kind: Literal["workload", "concern"] = "workload"
    name: str
    why: list[str]
    score: float = 0.0
    # Words of evidence plus twice score/threshold: what ranks the hard problems led with.
    strength: float = 0.0
    # The kinds of evidence the requirements gave (quantity, wording, setting) and how many of
    # their quantities crossed a threshold: quantities and wording lead, settings alone do not.
    evidence: list[str] = Field(default_factory=list)
    quantities: int = 0
    hard_problems: list[HardProblem] = Field(default_factory=list)
    anti_patterns: list[str] = Field(default_factory=list)
    assumptions: dict[str, float] = Field(default_factory=dict)


class Question(_Out):
    """A question whose answer would change or firm up the recommendation."""

    id: str
    field: str
    question: str
    why: str
    impact: float
    topics: list[str]


class RequirementsRef(_Out):
    """Which requirements the recommendation is for."""

    name: str
    file: str | None


class Recommendation(_Out):
    """The full answer of `archwise recommend`."""

    requirements: RequirementsRef
    generated_by: str
    feasibility: Feasibility = Field(default_factory=Feasibility)
    archetypes: list[ArchetypeMatch] = Field(default_factory=list)
    # The hard problems the recommendation leads with (the strongest evidence first, capped).
    hard_problems: list[LeadProblem] = Field(default_factory=list)
    weights_override: dict[str, float] = Field(default_factory=dict)
    decisions: dict[str, Decision]
    options: list[Option]
    recommendation: Choice
    principles: list[CheckResult] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Assessment(_Out):
    """The proven-over-novel assessment of one technology or pattern."""

    name: str
    kind: str
    age_years: int | None
    verdict: Literal["proven", "caution", "novel"]
    checks: list[CheckResult]
    red_flags: list[str]
    facts: dict[str, str]


class Comparison(_Out):
    """Several candidates side by side, criterion by criterion, for one topic."""

    topic: str
    names: list[str]
    criteria: dict[str, dict[str, CriterionScore]]
    totals: dict[str, float]
    excluded: list[Excluded]
    winner: str | None
