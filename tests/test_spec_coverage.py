"""Every part of the spec (architect-SKILL.md) is reachable as an archwise command.

The table below is the proof: each row names a spec section, the command that reaches it and a few
distinctive facts from the spec that the command's output must carry. docs/spec-coverage.md is the
same table for users.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, invoke

CHAT = str(EXAMPLES / "chat-system.yaml")
TASKS = str(EXAMPLES / "chat-tasks.yaml")


@dataclass(frozen=True)
class Item:
    """One spec item: the command that reaches it and the facts its output must contain."""

    section: str
    argv: tuple[str, ...]
    facts: tuple[str, ...]
    setup: tuple[tuple[str, ...], ...] = ()
    files: dict[str, str] = field(default_factory=dict)
    read: str | None = None
    exit_code: int = 0


METRICS = (
    "service: chat-api\n"
    "cpu: {utilisation_percent: 93, run_queue_per_core: 2.5}\n"
    "database: {query_latency_p99_ms: 600}\n"
    "connection_pool: {use_percent: 99}\n"
    "memory: {used_percent: 50}\n"
)

SPEC: tuple[Item, ...] = (
    # Quick Start and Progress Tracking
    Item(
        "Quick Start + Progress Tracking: core phases and activeForm",
        ("session", "start", "Chat", "--json"),
        (
            '"content": "Discovery", "status": "in_progress", "activeForm": "Gathering requirements"',
            "Evaluating constraints",
            "Designing solutions",
            "Documenting architecture",
        ),
    ),
    Item(
        "Progress Tracking: Codebase Analysis when a codebase exists",
        ("session", "start", "Chat", "--codebase", ".", "--json"),
        ('"content": "Codebase Analysis"', "Analyzing codebase"),
    ),
    Item(
        "Progress Tracking edge case: partial analysis (no codebase yet)",
        ("session", "start", "Chat", "--json"),
        ("Codebase Analysis: no codebase yet",),
    ),
    Item(
        "Progress Tracking edge case: small questions skip to Solution Design",
        ("session", "start", "Q", "--small", "--json"),
        ('"phase": "solution-design"', "small question"),
    ),
    Item(
        "Progress Tracking: Review & Refinement inserted before Documentation",
        ("session", "review", "too costly", "--json"),
        ("Review & Refinement", "Refining architecture"),
        setup=(("session", "start", "Q", "--small"),),
    ),
    Item(
        "Progress Tracking edge case: iteration cycles (Review & Refinement more than once)",
        ("session", "review", "second round: latency", "--json"),
        ("Review & Refinement: first round: cost", "Review & Refinement: second round: latency"),
        setup=(("session", "start", "Q", "--small"), ("session", "review", "first round: cost")),
    ),
    Item(
        "Progress Tracking edge case: optional ADR",
        ("session", "skip-adr", "--reason", "a small internal choice", "--json"),
        ("a small internal choice",),
        setup=(("session", "start", "Q", "--small"),),
    ),
    Item(
        "Quick Start 1-6: the whole workflow on the chat example, phase by phase",
        ("session", "status", "--json"),
        (
            '"phase": "documentation"',
            '"content": "Constraint Evaluation", "status": "completed"',
            '"content": "Solution Design", "status": "completed"',
            '"content": "Documentation", "status": "in_progress"',
            "no ADR written for this decision",
        ),
        setup=(
            ("session", "start", "Chat", "-r", CHAT),
            *(
                ("session", "waive", unknown, "--reason", "not known yet")
                for unknown in (
                    "non_functional.throughput.peak_rps",
                    "non_functional.throughput.writes_per_second",
                    "functional.transactions",
                    "constraints.technologies.in_use",
                )
            ),
            ("session", "advance"),
            ("session", "advance"),
            ("session", "record-options"),
            ("session", "advance"),
        ),
    ),
    Item(
        "Progress Tracking: todos as TodoWrite",
        ("session", "todos", "--format", "todowrite"),
        ('"activeForm": "Gathering requirements"', '"status": "pending"'),
        setup=(("session", "start", "Chat"),),
    ),
    # Core principles
    Item(
        "Proven over Novel: framework and red flags",
        ("kb", "show", "proven-over-novel", "--kind", "principles", "--json"),
        ("three years", "community", "hire", "total", "early adopter", "written in X", "everyone"),
    ),
    Item(
        "Proven over Novel: the checklist behind the principle",
        ("kb", "show", "proven-over-novel", "--kind", "checklists", "--json"),
        ('"kind": "checklist"', "justification"),
    ),
    Item(
        "Principles and checklists are listed by id",
        ("kb", "list", "--kind", "principles", "--json"),
        (
            "proven-over-novel",
            "complexity-budget",
            "unix-philosophy",
            "observability-first",
            "modern-by-default",
            "evolutionary-architecture",
        ),
    ),
    Item(
        "Proven over Novel: applied to one technology",
        ("evaluate", "Kafka", "--json"),
        ("Kafka", "hiring"),
    ),
    Item(
        "Complexity Budget: 10x rule, questions, GraphQL example",
        ("kb", "show", "complexity-budget", "--json"),
        ("10x", "GraphQL", "over-fetching", "maintenance", "incident", "It is modern"),
    ),
    Item(
        "Unix Philosophy: module design checklist",
        ("kb", "show", "module-design", "--json"),
        ("single", "one sentence", '\\"and\\"', "isolation", "interface"),
    ),
    Item(
        "Observability First: the principle",
        ("kb", "show", "observability-first", "--json"),
        ("metrics", "distributed tracing", "SLO-based alerts", "runbook", "dashboard"),
    ),
    Item(
        "Observability First: required for every service",
        ("kb", "show", "observability", "--json"),
        ("RED", "correlation", "Structured", "SLO", "runbook", "Dashboards"),
    ),
    Item(
        "Modern by Default: modern patterns and legacy respect",
        ("kb", "show", "modern-by-default", "--json"),
        ("strict", "Rust", "Kubernetes", "Terraform", "OpenTelemetry", "Event-driven", "rewrite"),
    ),
    Item(
        "Evolutionary Architecture: key practices",
        ("kb", "show", "evolutionary-architecture", "--json"),
        ("Version", "deprecation", "feature flags", "migration path", "release", "compatibility"),
    ),
    # Database selection
    Item(
        "Database decision matrix and the four decision factors",
        ("kb", "show", "database-selection", "--json"),
        (
            "Need ACID + complex queries + proven at scale? PostgreSQL",
            "Need flexibility + horizontal scaling + managed? DynamoDB",
            "Need document model + rich queries + open source? MongoDB",
            "Need high write throughput + wide column? Cassandra",
            "Need caching + pub/sub + simple data? Redis",
            "Neo4j, Dgraph",
            "TimescaleDB, InfluxDB",
            "PostgreSQL, CockroachDB",
            "MongoDB, Cosmos DB",
            "CQRS",
            "managed service",
        ),
    ),
    Item(
        "Database decision matrix: PostgreSQL",
        ("kb", "show", "PostgreSQL", "--json"),
        ("ACID", "complex queries", "proven at scale", "read-replicas"),
    ),
    Item(
        "Database decision matrix: DynamoDB",
        ("kb", "show", "DynamoDB", "--json"),
        ("key-value", "eventual", "horizontal"),
    ),
    Item(
        "Database decision matrix: MongoDB",
        ("kb", "show", "MongoDB", "--json"),
        ("Document", "rich queries", "horizontal"),
    ),
    Item(
        "Database decision matrix: Cassandra",
        ("kb", "show", "Cassandra", "--json"),
        ("Write-heavy", "wide-column"),
    ),
    Item(
        "Database decision matrix: Redis",
        ("kb", "show", "Redis", "--json"),
        ("Caching", "pub/sub", "key-value"),
    ),
    Item(
        "Database selection: data model fit (graph, time-series)",
        ("kb", "list", "--category", "database", "--json"),
        ("Neo4j", "Dgraph", "TimescaleDB", "InfluxDB", "CockroachDB", "Cosmos DB", "MySQL"),
    ),
    Item(
        "Database selection: factors applied to the chat example",
        ("explain", CHAT, "--topic", "database", "--json"),
        ("PostgreSQL", "consistency"),
    ),
    # Framework selection
    Item(
        "Framework selection: TypeScript backends",
        ("kb", "list", "--topic", "backend_framework", "--json"),
        ("Hono", "Express", "Fastify", "NestJS", "Axum", "Actix-web", "Rocket"),
    ),
    Item(
        "Framework selection: Hono best for new projects, serverless",
        ("kb", "show", "Hono", "--json"),
        ("edge", "serverless"),
    ),
    Item(
        "Framework selection: Express best for",
        ("kb", "show", "Express", "--json"),
        ("proven", "Express experience"),
    ),
    Item(
        "Framework selection: Fastify best for",
        ("kb", "show", "Fastify", "--json"),
        ("performance", "raw request throughput"),
    ),
    Item(
        "Framework selection: NestJS best for",
        ("kb", "show", "NestJS", "--json"),
        ("structure", "Large teams and complex domains"),
    ),
    Item(
        "Framework selection: Axum best for",
        ("kb", "show", "Axum", "--json"),
        ("tokio", "type-safe routing"),
    ),
    Item(
        "Framework selection: Actix-web best for",
        ("kb", "show", "Actix-web", "--json"),
        ("mature", "raw performance is critical"),
    ),
    Item(
        "Framework selection: Rocket best for",
        ("kb", "show", "Rocket", "--json"),
        ("built in", "Rapid development"),
    ),
    Item(
        "Framework selection: frontend",
        ("kb", "list", "--topic", "frontend_framework", "--json"),
        ("React", "Solid", "Svelte", "Next.js"),
    ),
    Item(
        "Framework selection: React + TanStack Router",
        ("kb", "show", "React", "--json"),
        ("TanStack",),
    ),
    Item(
        "Framework selection: decision criteria, side by side",
        ("compare", "Hono", "Express", "Fastify", "--for", "backend_framework", "--json"),
        ("team_expertise", "performance"),
    ),
    # Infrastructure selection
    Item(
        "Infrastructure: serverless, containers, PaaS, VMs",
        ("kb", "list", "--topic", "deployment", "--json"),
        (
            "Vercel",
            "Cloudflare Workers",
            "AWS Lambda",
            "Kubernetes",
            "ECS",
            "Heroku",
            "Render",
            "Railway",
            "VMs / bare metal",
        ),
    ),
    Item(
        "Infrastructure: containers best for medium-large multi-service systems",
        ("kb", "show", "Kubernetes", "--json"),
        ("Portable", "proven at very large scale", "operational complexity", "multi-service"),
    ),
    Item(
        "Infrastructure: PaaS best for startups, MVPs, small teams",
        ("kb", "show", "Heroku", "--json"),
        ("Start-ups, MVPs and small teams", "Expensive", "limited control"),
    ),
    Item(
        "Infrastructure: VMs best for special requirements, very large scale",
        ("kb", "show", "VMs / bare metal", "--json"),
        ("Full control", "cost-effective", "operational burden", "very large"),
    ),
    Item(
        "Infrastructure: serverless tradeoffs",
        ("kb", "show", "AWS Lambda", "--json"),
        ("Cold start", "lock-in"),
    ),
    # Service decomposition and communication
    Item(
        "Service decomposition: monolith first, then extract",
        ("kb", "show", "service-extraction", "--json"),
        ("10x", "cadence", "team", "Rust", "bounded context"),
    ),
    Item(
        "When to use microservices",
        ("kb", "show", "microservices-readiness", "--json"),
        ("10", "domain", "scaling", "polyglot", "5", "Premature"),
    ),
    Item(
        "Communication: synchronous",
        ("kb", "show", "REST", "--json"),
        ("Circuit Breaker", "timeouts", "backoff"),
    ),
    Item(
        "Communication: synchronous tradeoffs",
        ("kb", "show", "gRPC", "--json"),
        ("HTTP/2", "cascading", "Deadlines", "circuit breakers"),
    ),
    Item(
        "Communication: asynchronous queues and streams",
        ("kb", "show", "Message Queue", "--json"),
        ("RabbitMQ", "SQS"),
    ),
    Item(
        "Communication: event streams",
        ("kb", "show", "Event Streaming", "--json"),
        ("Kafka", "Kinesis", "replay", "ordering"),
    ),
    Item(
        "Communication: event-driven best practices",
        ("kb", "show", "Event-Driven Architecture", "--json"),
        ("schema registry", "correlation", "idempotent", "out-of-order"),
    ),
    # Data management
    Item(
        "Data management: database per service",
        ("kb", "show", "Database per Service", "--json"),
        ("joins", "API"),
    ),
    Item(
        "Data management: shared database anti-pattern and migration path",
        ("kb", "show", "Shared Database", "--json"),
        ("monolith", "service layer"),
    ),
    Item(
        "Data management: CQRS",
        ("kb", "show", "CQRS", "--json"),
        ("read-optimised", "normalised"),
    ),
    Item(
        "Data management: Event Sourcing",
        ("kb", "show", "Event Sourcing", "--json"),
        ("replay", "Audit", "temporal"),
    ),
    # Scalability planning
    Item(
        "Performance modelling: key metrics and the capacity planning process",
        ("kb", "show", "capacity-planning", "--json"),
        (
            "p50, p95 and p99",
            "requests per second",
            "4xx and 5xx",
            "queue depths",
            "Baseline",
            "gradual ramp, spike, sustained",
            "Find limits",
            "Model growth",
            "30-50%",
        ),
    ),
    Item(
        "Capacity planning: headroom 30-50% and percentile targets",
        ("capacity", "size", "--rate", "1000/s", "--service", "20ms", "--p99", "200ms", "--json"),
        ('"headroom": 0.3', '"servers"', "erlang-c"),
    ),
    Item(
        "Capacity planning process: model growth from business metrics",
        ("capacity", "plan", CHAT, "--json"),
        ("concurrent users", "1000000", "headroom"),
    ),
    Item(
        "Bottleneck identification: symptoms and solutions",
        ("capacity", "diagnose", "metrics.yaml", "--json"),
        ("database", "cpu", "Read replicas", "PgBouncer", "Horizontal scaling"),
        files={"metrics.yaml": METRICS},
    ),
    Item(
        "Bottleneck identification: the five classes",
        ("kb", "list", "--kind", "bottlenecks", "--json"),
        ('"database"', '"cpu"', '"memory"', '"network"', '"io"'),
    ),
    Item(
        "Bottleneck identification: network symptoms and solutions",
        ("kb", "show", "network", "--kind", "bottlenecks", "--json"),
        ("bandwidth", "Compression", "CDN", "HTTP/2", "gRPC"),
    ),
    Item(
        "Scaling strategies: vertical",
        ("kb", "show", "Vertical Scaling", "--json"),
        ("single point of failure", "code changes"),
    ),
    Item(
        "Scaling strategies: horizontal requirements",
        ("kb", "show", "horizontal-scaling", "--kind", "checklists", "--json"),
        ("stateless", "load balancer", "30-50%"),
    ),
    Item(
        "Caching layers L1/L2/L3 and strategies",
        ("kb", "show", "Caching Layers", "--json"),
        (
            "L1",
            "L2",
            "L3",
            "Memcached",
            "CloudFront",
            "Cache-aside",
            "write-through",
            "write-behind",
        ),
    ),
    Item(
        "Database scaling: connection pooling",
        ("kb", "show", "Connection Pooling", "--json"),
        ("PgBouncer",),
    ),
    Item(
        "Database scaling: sharding keys",
        ("kb", "show", "Sharding", "--json"),
        ("customer", "geography", "hash"),
    ),
    # ADRs
    Item(
        "ADR template (the spec's format)",
        ("adr", "new", "--dir", "docs/adr", "--format", "spec", "Use Redis PubSub"),
        (
            "**Status**: Proposed",
            "**Deciders**",
            "## Alternatives Considered",
            "**Why not chosen**",
            "**Neutral**",
            "## Implementation Notes",
            "## Success Metrics",
            "## Review Date",
        ),
        read="docs/adr/0001-use-redis-pubsub.md",
    ),
    # Questions to ask
    Item(
        "Questions: functional, non-functional, constraints, technology, risk",
        ("questions", CHAT, "--all", "--json"),
        (
            "core user workflows",
            "p99 < 500 ms",
            "99.9%",
            "GDPR, HIPAA, SOC 2",
            "existing systems",
            "budget for infrastructure",
            "deploy (multiple times a day",
            "on-call",
            "over its alternatives",
            "blast radius",
            "rollback",
            "cost of being wrong",
        ),
    ),
    Item(
        "Technology selection questions checklist",
        ("kb", "show", "technology-selection", "--json"),
        ("popular", "lock-in", "hire", "total cost"),
    ),
    Item(
        "Risk assessment per decision",
        ("risks", "list", CHAT, "--json"),
        ("blast", "rollback"),
    ),
    # Common architectural patterns
    Item(
        "API Gateway",
        ("kb", "show", "API Gateway", "--json"),
        ("Kong", "AWS API Gateway", "Nginx", "single point of failure", "latency"),
    ),
    Item(
        "Backends for Frontends",
        ("kb", "show", "BFF", "--json"),
        ("optimised API", "Duplicated", "independently"),
    ),
    Item(
        "Circuit Breaker: implementation and libraries",
        ("kb", "show", "Circuit Breaker", "--json"),
        ("half-open", "threshold", "Hystrix", "Polly", "Resilience4j", "opossum"),
    ),
    Item(
        "Saga: choreography and orchestration",
        ("kb", "show", "Saga", "--json"),
        ("horeography", "rchestration", "eventual consistency"),
    ),
    Item(
        "Strangler Fig: four steps",
        ("kb", "show", "Strangler Fig", "--json"),
        (
            "Route all traffic through a proxy or facade",
            "Build new features in the new system",
            "Gradually migrate existing features",
            "Sunset the legacy system",
        ),
    ),
    # Rust-specific
    Item(
        "Rust: when to choose, stack, operations, tradeoffs vs TypeScript",
        ("kb", "show", "Rust", "--json"),
        (
            "Performance-critical",
            "Resource-constrained",
            "CRUD",
            "tokio",
            "axum",
            "actix-web",
            "sqlx",
            "diesel",
            "serde",
            "bincode",
            "tracing",
            "tracing-subscriber",
            "thiserror",
            "anyhow",
            "sccache",
            "mold",
            "cargo-bloat",
            "static binary",
            "5-10x lower memory",
            "2-10x faster",
            "borrow checker",
        ),
    ),
    Item(
        "Rust: project structure",
        ("kb", "show", "rust-project-structure", "--json"),
        ("Cargo.toml", "crates/api", "crates/domain", "crates/persistence", "crates/common"),
    ),
    Item(
        "TypeScript side of the Rust tradeoff",
        ("kb", "show", "TypeScript", "--json"),
        ("npm", "hire", "garbage-collection", "REPL"),
    ),
    # Implementation guidance
    Item(
        "Phased delivery: MVP, Beta, Production, Optimization",
        ("plan", CHAT, "--no-recommend", "--samples", "0", "--json"),
        (
            "MVP",
            "Beta",
            "Production",
            "Optimization",
            "problem-solution fit",
            "product-market fit",
            "disaster recovery",
            "Cost optimisation",
        ),
    ),
    Item(
        "Phased delivery: one phase's weeks and focus",
        ("kb", "show", "MVP", "--kind", "phases", "--json"),
        ('"weeks_min": 2', '"weeks_max": 4', "problem-solution fit", "Manual processes"),
    ),
    Item(
        "Phased delivery: Beta 4-8 weeks",
        ("kb", "show", "Beta", "--kind", "phases", "--json"),
        ('"weeks_min": 4', '"weeks_max": 8', "product-market fit", "Automated deployment"),
    ),
    Item(
        "Phased delivery: Production 8-12 weeks",
        ("kb", "show", "Production", "--kind", "phases", "--json"),
        ('"weeks_min": 8', '"weeks_max": 12', "Scale and optimize", "disaster recovery"),
    ),
    Item(
        "Phased delivery: Optimization, ongoing",
        ("kb", "show", "Optimization", "--kind", "phases", "--json"),
        (
            "Efficiency and experience",
            "Performance tuning",
            "Cost optimisation",
            "Feature refinement",
        ),
    ),
    Item(
        "Critical path analysis questions",
        ("kb", "show", "critical-path", "--json"),
        ("Blocking", "Parallel", "Resource", "Risk", "Decision"),
    ),
    Item(
        "Monitoring and observability: metrics, logs, traces, alerts",
        ("kb", "show", "observability", "--json"),
        ("Business metrics", "JSON", "log levels", "OpenTelemetry", "Escalation", "Actionable"),
    ),
    # The chat example
    Item(
        "Chat example: requirements load and are complete enough",
        ("check-requirements", CHAT, "--json"),
        ('"valid": true',),
    ),
    Item(
        "Chat example: functional and non-functional requirements, constraints",
        ("questions", CHAT, "--all", "--json"),
        (
            '"value": 100000',
            '"value": 1000000',
            '"value": 100.0',
            '"value": 99.9',
            '"value": "strong"',
            "gdpr",
            '"value": 30',
            '"value": 5',
            '"value": 5000.0',
            '"typescript": "strong"',
            '"rust": "learning"',
            '"full-stack": 1',
            "Create channels and direct messages",
        ),
    ),
    Item(
        "Chat example: Rust WebSocket gateway handles 100k connections per server",
        ("kb", "show", "tokio-tungstenite", "--json"),
        ('"max_connections_per_node": 100000', "gateway"),
    ),
    Item(
        "Chat example: three options and the recommendation with phases",
        ("recommend", CHAT, "--json"),
        (
            "PostgreSQL",
            "Redis",
            "Kafka",
            "Rust",
            "DynamoDB",
            "AWS Lambda",
            "API Gateway WebSocket API",
            "simplest-viable",
            "scale-out",
            "fully-managed",
            "cost_usd_per_month",
            "Phase 1: MVP",
            "1k concurrent users",
            "p99 < 200ms",
            "10k concurrent users",
            "99.9% uptime",
            "100k concurrent users",
            "50,000 concurrent connections",
        ),
    ),
    Item(
        "Chat example: implementation plan months 1-3 (task graph)",
        ("plan", CHAT, "--tasks", TASKS, "--samples", "0", "--json"),
        (
            "Basic auth (JWT)",
            "WebSocket connection handling",
            "PostgreSQL schema",
            "Channels and DMs",
            "User presence",
            "Security audit",
            "Load testing",
        ),
    ),
    Item(
        "Chat example: months 4-6 (scale)",
        ("recommend", CHAT, "--json"),
        (
            "Phase 2: Production hardening",
            "rate limiting",
            "hot queries",
            "Add a caching layer",
            "Prepare for horizontal scaling",
        ),
    ),
    Item(
        "Chat example: ADR-001 Redis PubSub and its alternatives",
        ("kb", "show", "Pub/Sub Fan-out", "--json"),
        (
            "Redis",
            "1-5 ms",
            "Sentinel",
            "Persist messages",
            "Sticky",
            "Kafka",
            "polling",
            "10 ms",
            "30%",
        ),
    ),
    # Critical rules
    Item(
        "Critical Rules: ALWAYS and NEVER",
        ("kb", "show", "critical-rules", "--json"),
        (
            "clarified",
            "Two or three",
            "documented",
            "future scale",
            "operational capacity",
            "Budget and timeline",
            "Discovery",
            "Bleeding-edge",
            "beyond the current",
            "not analysed",
            "Operational complexity",
            "latency, scale and availability",
        ),
    ),
    Item(
        "Critical Rules: never design without the non-functional requirements",
        ("recommend", "archwise.yaml", "--json"),
        (
            "Not enough information",
            "provisional",
            "How many users are active at the same time now",
            '"status": "fail"',
        ),
        files={"archwise.yaml": "name: Mini\n"},
    ),
    Item(
        "Critical Rules: never skip a phase transition (advance is refused while blocked)",
        ("session", "advance", "--json"),
        ("no requirements file is attached", "archwise session attach"),
        setup=(("session", "start", "Chat"),),
        exit_code=2,
    ),
    Item(
        "Critical Rules applied to a recommendation",
        ("recommend", CHAT, "--json"),
        ('"principles"', "proven over novel", "never design without the non-functional"),
    ),
)


def _text(output: str) -> str:
    """The output with JSON re-encoded so non-ASCII characters read as themselves."""
    try:
        return json.dumps(json.loads(output), ensure_ascii=False)
    except ValueError:
        return output


@pytest.mark.parametrize("item", SPEC, ids=[i.section for i in SPEC])
def test_spec_item_is_reachable(
    item: Item, cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, content in item.files.items():
        (tmp_path / name).write_text(content)
    for argv in item.setup:
        assert invoke(cli, *argv).exit_code == 0, argv
    result = invoke(cli, *item.argv)
    assert result.exit_code == item.exit_code, result.output
    text = _text(result.stdout)
    if item.read is not None:
        text += (tmp_path / item.read).read_text()
    missing = [f for f in item.facts if f.casefold() not in text.casefold()]
    assert not missing, f"{' '.join(item.argv)} lacks {missing}"


def test_every_section_of_the_spec_has_a_row() -> None:
    """The spec's level-2 and level-3 headings each map to at least one row of the table."""
    covered = " ".join(i.section for i in SPEC).casefold()
    needed = (
        "quick start",
        "progress tracking",
        "proven over novel",
        "complexity budget",
        "unix philosophy",
        "observability first",
        "modern by default",
        "evolutionary architecture",
        "database",
        "framework selection",
        "infrastructure",
        "service decomposition",
        "microservices",
        "communication",
        "data management",
        "capacity planning",
        "bottleneck",
        "scaling strategies",
        "caching layers",
        "database scaling",
        "adr template",
        "questions",
        "api gateway",
        "backends for frontends",
        "circuit breaker",
        "saga",
        "strangler fig",
        "rust",
        "phased delivery",
        "critical path",
        "monitoring",
        "chat example",
        "critical rules",
    )
    assert [n for n in needed if n not in covered] == []


def test_the_user_page_lists_every_row() -> None:
    """docs/spec-coverage.md carries every row of the table, with its command."""
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "spec-coverage.md").read_text()
    missing = [i.section for i in SPEC if f"| {i.section} | `archwise {i.argv[0]}" not in page]
    assert missing == []
