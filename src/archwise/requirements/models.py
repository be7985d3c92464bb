"""The requirements file (archwise.yaml) as pydantic models: every field optional means unknown."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from archwise.requirements.rules import ArchitectureRules

DataModel = Literal[
    "relational", "document", "graph", "time-series", "key-value", "wide-column", "search", "blob"
]
Client = Literal["web", "ios", "android", "desktop", "cli", "iot", "partner-api"]
Level = Literal["strong", "some", "learning", "none"]
Consistency = Literal["strong", "eventual", "hybrid"]
Workload = Literal["read-heavy", "write-heavy", "balanced"]
Traffic = Literal["steady", "spiky", "seasonal"]
Deployment = Literal["cloud", "on-prem", "hybrid", "edge"]
Cloud = Literal["aws", "gcp", "azure", "any"]
DeployFrequency = Literal["multiple-per-day", "daily", "weekly", "monthly"]
OnCall = Literal["none", "business-hours", "24x7"]
Transactions = Literal["none", "single-service", "multi-service"]
DomainClarity = Literal["clear", "evolving", "unclear"]
SchemaStyle = Literal["fixed", "evolving", "flexible"]
SystemKind = Literal["monolith", "service", "database", "queue", "other"]
DebtTolerance = Literal["low", "medium", "high"]

NonNegInt = Annotated[int, Field(ge=0)]
PosInt = Annotated[int, Field(ge=1)]
NonNegFloat = Annotated[float, Field(ge=0)]
PosFloat = Annotated[float, Field(gt=0)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """A section of the file: unknown keys are errors, absent keys are unknown."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Data(Strict):
    """What data the system keeps, its shape and for how long."""

    model: DataModel | None = Field(None, description="primary data model")
    also: list[DataModel] | None = Field(None, description="further data models the system needs")
    schema_style: SchemaStyle | None = Field(
        None, alias="schema", description="how stable the schema is"
    )
    complex_queries: bool | None = Field(None, description="joins, aggregations, ad-hoc queries")
    size_gb: NonNegFloat | None = Field(None, description="data size today, GB")
    growth_gb_per_month: NonNegFloat | None = Field(None, description="data growth, GB per month")
    retention_days: NonNegInt | None = Field(None, description="how long data is kept, days")
    files: bool | None = Field(None, description="binary attachments (object storage)")


class Functional(Strict):
    """What the system does."""

    workflows: list[Text] | None = Field(None, description="core user workflows, one line each")
    critical_features: list[Text] | None = Field(None, description="must-have features")
    nice_to_have: list[Text] | None = Field(None, description="features that can wait")
    realtime: bool | None = Field(None, description="server push to clients (WebSocket, SSE)")
    clients: list[Client] | None = Field(None, description="kinds of clients")
    transactions: Transactions | None = Field(None, description="transaction scope")
    search: bool | None = Field(None, description="full-text search over the data")
    analytics: bool | None = Field(None, description="ad-hoc reporting or BI over the data")
    data: Data | None = None
    integrations: list[Text] | None = Field(None, description="external systems to talk to")


class Users(Strict):
    """How many users, now and in one to two years."""

    concurrent: NonNegInt | None = Field(None, description="concurrent users now")
    concurrent_in_2_years: NonNegInt | None = Field(None, description="concurrent users in 2 years")
    daily_active: NonNegInt | None = Field(None, description="daily active users")
    total: NonNegInt | None = Field(None, description="registered users")


class Throughput(Strict):
    """Request and event rates."""

    peak_rps: NonNegFloat | None = Field(None, description="peak requests per second")
    average_rps: NonNegFloat | None = Field(None, description="average requests per second")
    writes_per_second: NonNegFloat | None = Field(None, description="writes per second at peak")
    events_per_second: NonNegFloat | None = Field(None, description="events or messages per second")


class Latency(Strict):
    """Latency targets as percentiles, in milliseconds."""

    p50_ms: PosFloat | None = None
    p95_ms: PosFloat | None = None
    p99_ms: PosFloat | None = None
    p999_ms: PosFloat | None = None


class NonFunctional(Strict):
    """How well the system must do it."""

    users: Users | None = None
    throughput: Throughput | None = None
    latency: Latency | None = None
    availability_percent: Annotated[float, Field(gt=0, le=100)] | None = Field(
        None, description="availability target, percent"
    )
    consistency: Consistency | None = None
    workload: Workload | None = None
    traffic: Traffic | None = None
    compliance: (
        list[Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]] | None
    ) = Field(None, description="gdpr | hipaa | soc2 | pci-dss | iso27001 | ...")
    multi_region: bool | None = None
    regions: list[Text] | None = Field(None, description="where the users are")
    data_residency: list[Text] | None = Field(None, description="regions the data must stay in")
    rpo_minutes: NonNegFloat | None = Field(None, description="data loss tolerated on disaster")
    rto_minutes: NonNegFloat | None = Field(None, description="time to recover from disaster")


class Team(Strict):
    """Who builds and runs it."""

    engineers: PosInt | None = Field(None, description="engineers working on the system")
    teams: PosInt | None = Field(None, description="number of teams")
    roles: dict[str, NonNegInt] | None = Field(None, description="engineers per role")
    expertise: dict[str, Level] | None = Field(None, description="per language or technology")


class Timeline(Strict):
    """When it must be delivered."""

    mvp_months: PosFloat | None = None
    production_months: PosFloat | None = None


class Budget(Strict):
    """What it may cost."""

    infra_usd_per_month: NonNegFloat | None = None


class Ops(Strict):
    """How it is operated."""

    managed_services_preferred: bool | None = None
    deploy_frequency: DeployFrequency | None = None
    on_call: OnCall | None = None


class Technologies(Strict):
    """Technologies that must, must not, or already do appear."""

    required: list[Text] | None = None
    forbidden: list[Text] | None = None
    in_use: list[Text] | None = Field(None, description="already used by the organisation")


class ExistingSystem(Strict):
    """A system that exists today and the new one must live with or replace."""

    name: Text
    kind: SystemKind | None = None
    technology: Text | None = None
    keep: bool | None = Field(None, description="false: it is being replaced")


class Constraints(Strict):
    """Technical, business and organisational limits."""

    team: Team | None = None
    domain: DomainClarity | None = Field(None, description="are the bounded contexts known?")
    independent_scaling: bool | None = Field(None, description="parts need very different scale")
    polyglot: bool | None = Field(None, description="parts need different languages")
    timeline: Timeline | None = None
    budget: Budget | None = None
    deployment: Deployment | None = None
    cloud: Cloud | None = None
    ops: Ops | None = None
    technologies: Technologies | None = None
    existing_systems: list[ExistingSystem] | None = None
    tech_debt_tolerance: DebtTolerance | None = Field(None, description="acceptable technical debt")


class Requirements(Strict):
    """A whole requirements file."""

    name: Text
    summary: Text | None = None
    vision: Text | None = Field(None, description="the long-term vision, 1-2 years")
    functional: Functional | None = None
    non_functional: NonFunctional | None = None
    constraints: Constraints | None = None
    architecture: ArchitectureRules | None = Field(
        None, description="architecture rules checked by `archwise check`"
    )
