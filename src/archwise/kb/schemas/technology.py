"""A technology entry of the knowledge base: the facts the decision frameworks need."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from archwise.schema import Model

Topic = Literal[
    "language",
    "database",
    "cache",
    "messaging",
    "backend_framework",
    "frontend_framework",
    "deployment",
    "decomposition",
    "communication",
    "data_patterns",
    "patterns",
    "realtime",
]
TOPICS: tuple[str, ...] = Topic.__args__  # type: ignore[attr-defined]

Category = Literal[
    "language",
    "runtime",
    "database",
    "cache",
    "messaging",
    "search",
    "backend_framework",
    "frontend_framework",
    "deployment",
    "cloud_service",
    "object_storage",
    "cdn",
    "realtime",
    "observability",
    "iac",
    "ci",
    "api_gateway",
    "library",
    "tooling",
]
DataModelName = Literal[
    "relational", "document", "graph", "time-series", "key-value", "wide-column", "search", "blob"
]
ConsistencyName = Literal["strong", "eventual", "tunable"]
ScalingShape = Literal[
    "vertical", "read-replicas", "sharding", "horizontal", "serverless", "edge", "single-node"
]
DeploymentTarget = Literal[
    "serverless", "containers", "edge", "vm", "bare-metal", "browser", "mobile"
]
Provider = Literal[
    "aws",
    "gcp",
    "azure",
    "cloudflare",
    "vercel",
    "netlify",
    "fly",
    "heroku",
    "render",
    "railway",
    "digitalocean",
    "vendor",
    "other",
]
Capability = Literal[
    "bidirectional",
    "server-push",
    "durable-delivery",
    "acknowledged-delivery",
    "durable-log",
    "replay",
    "per-key-ordering",
    "idempotent-producer",
    "transactions-in-log",
    "fan-out",
    "consumer-groups",
    "in-memory",
    "transactions",
    "unique-constraints",
    "multi-region-consistency",
    "installable-on-premises",
    "embedded",
    "kernel-bypass",
    "static-hosting",
    "specialist",
    "orchestrator",
    "request-validation",
    "app-platform",
    "per-service-scaling",
    "standard-wire-protocol",
    "inbound-udp",
    "indexed-documents",
]
Score = Annotated[int, Field(ge=1, le=5)]


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Source(_Strict):
    """Where a fact comes from and when it was last checked."""

    title: str = Field(min_length=1)
    url: str | None = None
    checked: dt.date


class Managed(_Strict):
    """A managed offering of a technology."""

    provider: Provider
    name: str = Field(min_length=1)


class Detect(_Strict):
    """How `archwise analyze` recognises the technology in a repository."""

    pypi: list[str] = Field(default_factory=list, description="Python distributions")
    npm: list[str] = Field(default_factory=list, description="npm packages (globs allowed)")
    go: list[str] = Field(default_factory=list, description="Go module path prefixes (direct)")
    cargo: list[str] = Field(default_factory=list, description="Rust crates")
    maven: list[str] = Field(
        default_factory=list, description="group:artifact, or plugin:ID for Gradle plugins"
    )
    nuget: list[str] = Field(default_factory=list, description="NuGet ids, or sdk:NAME")
    rubygems: list[str] = Field(default_factory=list, description="gems")
    hex: list[str] = Field(default_factory=list, description="Hex packages")
    docker_images: list[str] = Field(default_factory=list, description="image names, no tag")
    files: list[str] = Field(default_factory=list, description="path globs that prove use")
    env_prefixes: list[str] = Field(default_factory=list, description="environment prefixes")
    extensions: list[str] = Field(default_factory=list, description="source file extensions")


class Technology(_Strict):
    """One technology and the facts archwise decides with."""

    name: str = Field(min_length=1, description="canonical name, e.g. PostgreSQL")
    aliases: list[str] = Field(default_factory=list, description="other spellings, lower-case ok")
    category: Category
    capabilities: list[Capability] = Field(
        default_factory=list,
        description="what it can do; a requirement needing one excludes the rest",
    )
    topics: list[Topic] = Field(default_factory=list, description="decisions it is a candidate for")
    summary: str = Field(min_length=1)
    language: str | None = Field(None, description="implementation language for frameworks")
    also_languages: list[str] = Field(
        default_factory=list,
        description="other languages a framework is written in as a first-class choice "
        "(Spring Boot: Kotlin)",
    )
    compatible_with: list[str] = Field(
        default_factory=list,
        description="engines whose dialect, drivers and skills carry over (Aurora: PostgreSQL)",
    )
    data_models: list[DataModelName] = Field(default_factory=list)
    consistency: list[ConsistencyName] = Field(default_factory=list)
    acid: bool | None = None
    scaling: list[ScalingShape] = Field(default_factory=list)
    deployment_targets: list[DeploymentTarget] = Field(default_factory=list)
    ops_complexity: Score = Field(description="1 nothing to run .. 5 a team to run it")
    managed: list[Managed] = Field(default_factory=list, description="managed offerings")
    self_hostable: bool = True
    managed_only: bool = False
    first_stable_release: int = Field(
        ge=1960, le=2100, description="year of the first stable release"
    )
    license: str = Field(min_length=1)
    open_source: bool
    maintenance: Literal["active", "maintenance", "inactive"] = "active"
    ecosystem: Score = Field(description="libraries, integrations, tooling")
    community: Score = Field(description="size and activity of the community")
    hiring: Score = Field(description="how easy it is to hire practitioners")
    performance: Score
    learning_curve: Score = Field(description="1 gentle .. 5 steep")
    type_safety: Score | None = Field(None, description="for languages and frameworks")
    cost: Score = Field(3, description="1 cheap .. 5 expensive to run at moderate scale")
    lock_in: Score | None = Field(
        None, description="vendor lock-in: 1 portable, runs anywhere .. 5 tied to one provider"
    )
    max_execution_minutes: float | None = Field(
        None,
        gt=0,
        description="the longest one invocation may run (function platforms); a job that the "
        "requirements say takes longer excludes it",
    )
    min_delivery_latency_ms: float | None = Field(
        None,
        gt=0,
        description="the lowest typical publish-to-consume latency (brokers); an event-driven "
        "system whose p99 target is below it excludes it",
    )
    max_connection_minutes: float | None = Field(
        None,
        gt=0,
        description="the longest one long-lived connection (WebSocket, stream) stays open before "
        "the platform closes it",
    )
    max_connections_per_node: int | None = Field(
        None, ge=1, description="realistic concurrent connections one node holds (realtime)"
    )
    max_writes_per_second: float | None = Field(
        None,
        gt=0,
        description="the sustained small writes a second its one primary takes on the largest "
        "common node (databases with a single writer); a stated write rate above it excludes it",
    )
    max_storage_tb: float | None = Field(
        None,
        gt=0,
        description="the most data one primary, or its managed volume, holds in TB; structured "
        "data (files apart) already above it excludes it",
    )
    sharded_by: str | None = Field(
        None,
        description="what spreads its data across nodes when that is not built in (an extension, "
        "a proxy, the application); unset when it shards on its own or not at all",
    )
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    best_for: list[str] = Field(default_factory=list)
    libraries: dict[str, list[str]] = Field(
        default_factory=dict, description="recommended libraries by role (runtime, web, db, ...)"
    )
    related: list[str] = Field(default_factory=list, description="names of related entries")
    detect: Detect = Field(default_factory=Detect)
    sources: list[Source] = Field(min_length=1)
