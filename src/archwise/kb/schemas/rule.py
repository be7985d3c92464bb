"""A recommendation rule: how requirements move weights, how facts become scores, and checks."""

# Every condition and score is an expression of `archwise.recommend.expr` (no eval): dotted paths
# into the requirements (`non_functional.consistency`), `entry.<fact>` for the candidate being
# scored, `chosen.<topic>.<fact>` for what earlier decisions picked, derived and sizing names, and
# a few functions (`ring`, `expertise`, `named`, `known`, `min`, `max`, `ceil`, `default`, ...).

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from archwise.kb.schemas.technology import Topic
from archwise.schema import Model

Criterion = Literal[
    "data_model_fit",
    "consistency",
    "scale_shape",
    "operational_complexity",
    "team_expertise",
    "ecosystem",
    "performance_need",
    "type_safety",
    "deployment_target",
    "cost",
    "maturity",
]
CRITERIA: tuple[str, ...] = Criterion.__args__  # type: ignore[attr-defined]

RuleKind = Literal[
    "derive",
    "constraint",
    "weight",
    "criterion",
    "fit",
    "relevance",
    "link",
    "check",
    "profile",
    "sizing",
    "cost",
    "phase",
    "settings",
]
Expr = str


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Case(_Strict):
    """One case of a criterion: the first whose `if` holds gives the score and the reason."""

    if_: Expr = Field("true", alias="if")
    score: Expr | float = Field(description="0..1, or an expression giving 0..1")
    reason: str = Field(min_length=1, description="text; {expression} parts are filled in")


class Adjustment(_Strict):
    """A nudge to one criterion score of the entries that match, when the requirements hold."""

    topics: list[Topic] = Field(default_factory=list, description="empty: every topic")
    when: Expr = "true"
    applies: Expr = Field("true", description="condition on the entry")
    criterion: Criterion
    adjust: float = Field(ge=-1, le=1)
    because: str = Field(min_length=1)


class NeedReason(_Strict):
    """One requirement that creates the need for an optional topic, in words."""

    when: Expr
    why: str = Field(min_length=1, description="text; {expression} parts are filled in")


class Need(_Strict):
    """What a profile insists on for a topic: candidates for which `applies` fails are out."""

    topics: list[Topic] = Field(min_length=1)
    applies: Expr
    because: str = Field(min_length=1)


class Note(_Strict):
    """A pro or con that holds only when its condition does."""

    text: str = Field(min_length=1)
    when: Expr = "true"


class Role(_Strict):
    """An extra service an option adds (e.g. a gateway), decided with its own weights."""

    name: str = Field(min_length=1)
    when: Expr = "true"
    topics: list[Topic] = Field(min_length=1)
    weights: dict[Criterion, float] = Field(default_factory=dict)
    prefer: list[Adjustment] = Field(default_factory=list)
    separate: bool = Field(False, description="a separate service even on the main stack")
    why: str = Field(min_length=1)


class Profile(_Strict):
    """A whole-system tradeoff profile: how it reweighs and nudges each decision."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    order: int = 0
    when: Expr = "true"
    title_topics: list[Topic] = Field(min_length=1, description="components named in the title")
    summary: str = Field(min_length=1)
    weights: dict[Criterion, float] = Field(default_factory=dict, description="added to weights")
    prefer: list[Adjustment] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list, description="what makes the profile distinct")
    roles: list[Role] = Field(default_factory=list)
    follow_first_choices: bool = Field(
        False, description="keep a topic's first choice unless the profile's pick clearly wins"
    )
    varies: list[Topic] | None = Field(
        None,
        description="the topics the profile may answer differently from their first choices; "
        "every other topic keeps its first choice unless the profile's needs exclude it "
        "(None: every topic may vary)",
    )
    pros: list[str | Note] = Field(default_factory=list)
    cons: list[str | Note] = Field(default_factory=list)


class CostItem(_Strict):
    """One billable line: a price key and an expression for the quantity."""

    price: str = Field(pattern=r"^[a-z0-9][a-z0-9_.:+-]*$")
    quantity: Expr | float
    note: str | None = None


class Phase(_Strict):
    """A delivery phase of the evolution path, with success metrics derived from requirements."""

    name: str = Field(min_length=1)
    order: int
    months: str = Field(description="text with {expression} parts, e.g. '1-{mvp}'")
    trigger: str = Field(min_length=1, description="text with {expression} parts")
    load_fraction: float = Field(gt=0, le=1, description="share of target concurrency")
    latency_factor: float = Field(gt=0, description="p99 target multiplier")
    availability: bool = False
    moves_option: bool = Field(False, description="this phase moves to the next option")
    actions: list[str] = Field(default_factory=list)


class Rule(_Strict):
    """One rule of the recommendation engine; `kind` says which fields it uses."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    kind: RuleKind
    summary: str | None = None
    topics: list[Topic] = Field(default_factory=list, description="empty: every topic")
    when: Expr = Field("true", description="condition on the requirements")
    # constraint / link: entries for which `exclude` holds are removed with `reason`
    exclude: Expr | None = None
    reason: str | None = None
    blocks_required: bool = Field(
        False,
        description="constraint: a required technology it excludes is a feasibility conflict",
    )
    # weight: add to (or set) the weight of a criterion
    criterion: Criterion | None = None
    add: float | None = None
    set: float | None = Field(None, ge=0)
    because: str | None = None
    # relevance: what would create the need when the topic is not needed
    trigger: str | None = None
    needs_topics: list[Topic] = Field(
        default_factory=list,
        description="relevance: where `when` holds, needed only when one of these topics is",
    )
    needed_by: list[NeedReason] = Field(
        default_factory=list,
        description="relevance: the requirements that each create the need; the topic is needed "
        "when one holds, and the decision names those that do (instead of `when`)",
    )
    # criterion: how an entry's facts become a 0..1 score
    cases: list[Case] = Field(default_factory=list)
    # fit: a nudge for matching entries
    applies: Expr | None = None
    adjust: float | None = Field(None, ge=-1, le=1)
    # check: a principle check that can fail
    principle: str | None = None
    scope: Literal["requirements", "option", "component"] | None = None
    fails: Expr | None = None
    severity: Literal["info", "warning", "error"] = "warning"
    message: str | None = None
    penalty: float = Field(0.0, ge=0, le=1)
    # profile / sizing / cost / phase / settings
    profile: Profile | None = None
    variables: dict[str, Expr | float] = Field(default_factory=dict)
    items: list[CostItem] = Field(default_factory=list)
    phase: Phase | None = None
    settings: dict[str, float | str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Rule:
        needed: dict[str, tuple[str, ...]] = {
            "constraint": ("exclude", "reason"),
            "link": ("exclude", "reason"),
            "weight": ("criterion", "because"),
            "criterion": ("criterion", "cases"),
            "fit": ("criterion", "applies", "adjust", "because"),
            "check": ("principle", "scope", "fails", "message"),
            "profile": ("profile",),
            "sizing": ("variables",),
            "derive": ("variables",),
            "cost": ("applies", "items"),
            "phase": ("phase",),
            "settings": ("settings",),
        }
        missing = [f for f in needed.get(self.kind, ()) if not getattr(self, f)]
        if missing:
            raise ValueError(f"a {self.kind} rule needs {', '.join(missing)}")
        if self.needed_by and (
            self.kind != "relevance" or self.when != "true" or self.needs_topics
        ):
            raise ValueError("needed_by belongs to a relevance rule without when or needs_topics")
        if self.kind == "weight" and (self.add is None) == (self.set is None):
            raise ValueError("a weight rule needs exactly one of add or set")
        return self
