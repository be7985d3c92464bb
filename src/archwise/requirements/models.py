"""The requirements file (archwise.yaml) as pydantic models: every field optional means unknown."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from archwise.requirements.rules import ArchitectureRules
from archwise.schema import Model

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
TeamStructure = Literal["single-team", "feature-teams", "component-teams", "platform-and-product"]

NonNegInt = Annotated[int, Field(ge=0)]
PosInt = Annotated[int, Field(ge=1)]
NonNegFloat = Annotated[float, Field(ge=0)]
PosFloat = Annotated[float, Field(gt=0)]
Text = Annotated[str, Field(min_length=1)]


class Strict(Model):
    """A section of the file: unknown keys are errors, absent keys are unknown."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Data(Strict):
    """What data the system keeps, its shape and for how long."""

    model: DataModel | None = Field(None, description="primary data model")
    also: list[DataModel] | None = Field(
        None, description="further data models the system needs, same values as model"
    )
    schema_style: SchemaStyle | None = Field(
        None,
        alias="schema",
        description="how stable the schema is: fixed, evolving (planned migrations) or flexible",
    )
    complex_queries: bool | None = Field(None, description="joins, aggregations, ad-hoc queries")
    size_gb: NonNegFloat | None = Field(None, description="data size today, GB")
    growth_gb_per_month: NonNegFloat | None = Field(None, description="data growth, GB per month")
    retention_days: NonNegInt | None = Field(
        None, description="how long data is kept, days (the retention policy)"
    )
    files: bool | None = Field(None, description="binary attachments (object storage)")


class Functional(Strict):
    """What the system does."""

    workflows: list[Text] | None = Field(None, description="core user workflows, one line each")
    critical_features: list[Text] | None = Field(None, description="must-have features")
    nice_to_have: list[Text] | None = Field(None, description="features that can wait")
    realtime: bool | None = Field(None, description="server push to clients (WebSocket, SSE)")
    clients: list[Client] | None = Field(None, description="kinds of clients")
    transactions: Transactions | None = Field(
        None,
        description="transaction scope: none, single-service, or multi-service (spans several "
        "services or stores)",
    )
    search: bool | None = Field(None, description="full-text search over the data")
    analytics: bool | None = Field(None, description="ad-hoc reporting or BI over the data")
    data: Data | None = Field(None, description="what data is stored and for how long")
    integrations: list[Text] | None = Field(
        None, description="external systems it must talk to (empty list: none)"
    )


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

    p50_ms: PosFloat | None = Field(None, description="median latency target, milliseconds")
    p95_ms: PosFloat | None = Field(None, description="95th percentile latency, milliseconds")
    p99_ms: PosFloat | None = Field(None, description="99th percentile latency, milliseconds")
    p999_ms: PosFloat | None = Field(None, description="99.9th percentile latency, milliseconds")


class Spike(Strict):
    """A traffic spike: sized as a peak (pre-scaled or admission-controlled), never as growth."""

    multiple: Annotated[float, Field(ge=1)] | None = Field(
        None, description="peak load during the spike as a multiple of the normal peak (>= 1)"
    )
    duration_minutes: PosFloat | None = Field(None, description="how long the spike lasts, minutes")


class NonFunctional(Strict):
    """How well the system must do it."""

    users: Users | None = Field(None, description="how many users, now and in 1-2 years")
    throughput: Throughput | None = Field(None, description="request and event rates")
    latency: Latency | None = Field(None, description="latency targets as percentiles")
    availability_percent: Annotated[float, Field(gt=0, le=100)] | None = Field(
        None, description="availability target, percent (99.9 allows ~43 min downtime a month)"
    )
    consistency: Consistency | None = Field(
        None, description="strong, eventual, or hybrid (strong for some data only)"
    )
    workload: Workload | None = Field(None, description="read-heavy, write-heavy or balanced")
    traffic: Traffic | None = Field(None, description="traffic shape: steady, spiky or seasonal")
    spike: Spike | None = Field(
        None, description="with traffic: spiky, how high and how long the spikes are"
    )
    compliance: (
        list[Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]] | None
    ) = Field(
        None,
        description="regimes, lower-case: gdpr | hipaa | soc2 | pci-dss | iso27001 | ... "
        "(empty list: none)",
    )
    multi_region: bool | None = Field(None, description="served from several regions at once")
    regions: list[Text] | None = Field(None, description="where the users are")
    data_residency: list[Text] | None = Field(None, description="regions the data must stay in")
    rpo_minutes: NonNegFloat | None = Field(
        None, description="recovery point objective: data loss tolerated on disaster, minutes"
    )
    rto_minutes: NonNegFloat | None = Field(
        None, description="recovery time objective: time to recover from disaster, minutes"
    )


class Team(Strict):
    """Who builds and runs it."""

    engineers: PosInt | None = Field(None, description="engineers working on the system")
    teams: PosInt | None = Field(None, description="number of teams")
    structure: TeamStructure | None = Field(
        None,
        description="how the teams are organised: single-team, feature-teams, component-teams "
        "or platform-and-product",
    )
    roles: dict[str, NonNegInt] | None = Field(
        None, description="engineers per role (backend, frontend, full-stack, sre, ...)"
    )
    expertise: dict[str, Level] | None = Field(
        None, description="strong | some | learning | none, per language or technology"
    )
    hiring: bool | None = Field(
        None, description="the team can hire for skills it lacks within the timeline"
    )


class Timeline(Strict):
    """When it must be delivered."""

    mvp_months: PosFloat | None = Field(None, description="months until a first usable release")
    production_months: PosFloat | None = Field(
        None, description="months until production readiness"
    )


class Budget(Strict):
    """What it may cost."""

    infra_usd_per_month: NonNegFloat | None = Field(
        None, description="infrastructure budget, US dollars per month"
    )


class Ops(Strict):
    """How it is operated."""

    managed_services_preferred: bool | None = Field(
        None, description="prefer managed services over running them yourselves"
    )
    deploy_frequency: DeployFrequency | None = Field(
        None, description="multiple-per-day | daily | weekly | monthly"
    )
    on_call: OnCall | None = Field(None, description="none | business-hours | 24x7")


class Technologies(Strict):
    """Technologies that must, must not, or already do appear."""

    required: list[Text] | None = Field(
        None, description="must be used (names from the knowledge base)"
    )
    forbidden: list[Text] | None = Field(None, description="must not be used")
    in_use: list[Text] | None = Field(None, description="already used by the organisation")


class ExistingSystem(Strict):
    """A system that exists today and the new one must live with or replace."""

    name: Text = Field(description="name of the existing system")
    kind: SystemKind | None = Field(
        None, description="monolith | service | database | queue | other"
    )
    technology: Text | None = Field(None, description="its main technology")
    keep: bool | None = Field(None, description="false: it is being replaced")


class Constraints(Strict):
    """Technical, business and organisational limits."""

    team: Team | None = Field(None, description="who builds and runs it")
    domain: DomainClarity | None = Field(
        None, description="clear | evolving | unclear (are the bounded contexts known?)"
    )
    independent_scaling: bool | None = Field(
        None, description="do parts of the system need very different scale?"
    )
    polyglot: bool | None = Field(None, description="parts need different languages")
    timeline: Timeline | None = Field(None, description="when it must be delivered")
    budget: Budget | None = Field(None, description="what it may cost")
    deployment: Deployment | None = Field(None, description="cloud | on-prem | hybrid | edge")
    cloud: Cloud | None = Field(None, description="aws | gcp | azure | any")
    ops: Ops | None = Field(None, description="how it is operated")
    technologies: Technologies | None = Field(
        None, description="technologies that must, must not, or already do appear"
    )
    existing_systems: list[ExistingSystem] | None = Field(
        None, description="systems it must integrate with or replace (empty list: none)"
    )
    tech_debt_tolerance: DebtTolerance | None = Field(
        None, description="acceptable technical debt: low | medium | high"
    )
    lock_in_tolerance: DebtTolerance | None = Field(
        None, description="acceptable vendor lock-in: low | medium | high"
    )


Ratio = Annotated[float, Field(ge=0, le=1)]


class Assumptions(Strict):
    """Workload numbers the tier model uses; stated here they override the archetype defaults."""

    service_time_ms: PosFloat | None = Field(
        None, description="mean CPU time of one request in the app tier, milliseconds"
    )
    response_kb: NonNegFloat | None = Field(None, description="mean response size, KB (egress)")
    egress_mbps_per_viewer: NonNegFloat | None = Field(
        None, description="streaming bitrate per concurrent viewer, megabits per second"
    )
    cdn_hit_ratio: Ratio | None = Field(None, description="share of egress served by the CDN")
    fanout_per_message: NonNegFloat | None = Field(
        None, description="recipients of one realtime message"
    )
    messages_per_user_per_minute: NonNegFloat | None = Field(
        None, description="realtime messages a connected user sends a minute"
    )
    connections_per_node: PosFloat | None = Field(
        None, description="concurrent long-lived connections one node holds"
    )
    read_write_ratio: NonNegFloat | None = Field(None, description="database reads per write")
    cache_hit_ratio: Ratio | None = Field(None, description="share of reads the cache serves")
    working_set_fraction: Ratio | None = Field(
        None, description="share of the stored data that is hot (cache size)"
    )
    events_per_request: NonNegFloat | None = Field(
        None, description="broker events produced per request"
    )
    event_kb: NonNegFloat | None = Field(None, description="mean event size on the broker, KB")
    object_kb: PosFloat | None = Field(None, description="mean stored object size, KB")
    requests_per_user_per_minute: NonNegFloat | None = Field(
        None, description="requests a concurrent user makes a minute (when peak_rps is unknown)"
    )
    average_to_peak: Annotated[float, Field(gt=0, le=1)] | None = Field(
        None, description="average load over a month as a share of the peak (monthly volumes)"
    )
    blob_fraction: Ratio | None = Field(
        None, description="share of functional.data.size_gb kept as files in object storage"
    )
    db_service_ms: PosFloat | None = Field(
        None, description="database CPU time of one query, milliseconds"
    )
    broker_retention_days: PosFloat | None = Field(
        None, description="how long the broker keeps events, days"
    )
    search_index_fraction: Ratio | None = Field(
        None, description="search index size as a share of the database's data"
    )
    concurrent_per_daily_active: Ratio | None = Field(
        None, description="share of daily active users online at the peak (no concurrent stated)"
    )
    daily_active_per_user: Ratio | None = Field(
        None, description="share of registered users active on a day (no daily_active stated)"
    )


class Requirements(Strict):
    """A whole requirements file."""

    name: Text = Field(description="name of the system")
    summary: Text | None = Field(None, description="what the system is, in a sentence or two")
    vision: Text | None = Field(None, description="the long-term vision, 1-2 years")
    functional: Functional | None = Field(None, description="what the system does")
    non_functional: NonFunctional | None = Field(None, description="how well it must do it")
    constraints: Constraints | None = Field(
        None, description="technical, business and organisational limits"
    )
    architecture: ArchitectureRules | None = Field(
        None, description="architecture rules checked by `archwise check`"
    )
    assumptions: Assumptions | None = Field(
        None,
        description="workload numbers for costs and capacity (override the archetype defaults)",
    )
