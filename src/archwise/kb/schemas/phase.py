"""A delivery phase of the knowledge base (MVP, Beta, Production, Optimization) and its defaults."""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator

from archwise.schema import Model


class PhaseTargets(Model):
    """How a phase's success metric derives from the requirements' targets."""

    model_config = ConfigDict(extra="forbid")

    users_fraction: float | None = Field(
        None, gt=0, le=1, description="share of non_functional.users.concurrent to carry"
    )
    p99_factor: float | None = Field(
        None, ge=1, description="multiple of non_functional.latency.p99_ms allowed"
    )
    uptime: bool = Field(False, description="the availability target applies in this phase")


class Phase(Model):
    """One phase of the spec's phased delivery approach, with its default length and focus."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="MVP, Beta, Production, Optimization")
    order: int = Field(ge=1, description="position in the delivery sequence")
    weeks_min: float | None = Field(None, gt=0, description="shortest default length, weeks")
    weeks_max: float | None = Field(None, gt=0, description="longest default length; none: ongoing")
    focus: str = Field(min_length=1, description="what the phase validates")
    deliverables: list[str] = Field(min_length=1)
    left_out: list[str] = Field(default_factory=list, description="deliberately not in this phase")
    targets: PhaseTargets = Field(default_factory=PhaseTargets)
    fits: str | None = Field(
        None,
        pattern=r"^(mvp|production|after)$",
        description="the timeline window it is fitted to: mvp_months, production_months, after",
    )
    reference_engineers: int = Field(4, ge=1, description="team size the default lengths assume")
    reference_workflows: int = Field(3, ge=1, description="workflows the default lengths assume")

    @model_validator(mode="after")
    def _range(self) -> Phase:
        if (self.weeks_min is None) != (self.weeks_max is None):
            raise ValueError("give both weeks_min and weeks_max, or neither for an ongoing phase")
        if (
            self.weeks_min is not None
            and self.weeks_max is not None
            and self.weeks_min > self.weeks_max
        ):
            raise ValueError("weeks_min must not exceed weeks_max")
        return self

    @property
    def ongoing(self) -> bool:
        """True for a phase without an end (Optimization)."""
        return self.weeks_max is None
