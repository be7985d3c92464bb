"""The built-in knowledge base: every file validates, and the spec's names are all present."""

from __future__ import annotations

import re

import pytest

from archwise.errors import Problem
from archwise.kb.loader import DATA_DIR, load_kb, validate
from archwise.kb.schemas import KINDS
from archwise.kb.schemas.technology import Technology

# Every technology the spec names, plus the ones a user expects beside them (issue 2).
SPEC_TECHNOLOGIES = [
    "PostgreSQL",
    "MySQL",
    "MongoDB",
    "DynamoDB",
    "Neo4j",
    "Dgraph",
    "TimescaleDB",
    "InfluxDB",
    "Redis",
    "Cassandra",
    "CockroachDB",
    "Cosmos DB",
    "Hono",
    "Express",
    "Fastify",
    "NestJS",
    "Axum",
    "Actix-web",
    "Rocket",
    "React",
    "Solid",
    "Svelte",
    "Next.js",
    "Vercel",
    "Cloudflare Workers",
    "AWS Lambda",
    "Kubernetes",
    "ECS",
    "Heroku",
    "Render",
    "Railway",
    "VMs / bare metal",
    "RabbitMQ",
    "SQS",
    "Kafka",
    "Kinesis",
    "EventBridge",
    "Memcached",
    "OpenTelemetry",
    "Prometheus",
    "Grafana",
    "Terraform",
    "Pulumi",
    "Docker",
    "Kong",
    "AWS API Gateway",
    "API Gateway WebSocket API",
    "Nginx",
    "S3",
    "CloudFront",
    "Cloudflare",
    "TypeScript",
    "Rust",
    "Python",
    "Go",
    "Java",
    "C#",
    "Kotlin",
    "Node.js",
    "tokio-tungstenite",
    "WebSocket",
    "Server-Sent Events",
    "Socket.IO",
    "PgBouncer",
]
EXPECTED_BESIDE = [
    "Django",
    "FastAPI",
    "Flask",
    "Spring Boot",
    "Gin",
    "Echo",
    "ASP.NET Core",
    "Ruby on Rails",
    "Phoenix",
    "SQLite",
    "MariaDB",
    "Elasticsearch",
    "OpenSearch",
    "ScyllaDB",
    "ClickHouse",
    "Valkey",
    "NATS",
    "Pulsar",
    "Google Pub/Sub",
    "Fly.io",
    "Cloud Run",
    "Nomad",
    "AWS App Runner",
    "Vue",
    "Angular",
    "Astro",
    "Jaeger",
    "Loki",
    "Datadog",
    "GitHub Actions",
    "GitLab CI",
]
SPEC_ALIASES = {
    "Postgres": "PostgreSQL",
    "DGraph": "Dgraph",
    "k8s": "Kubernetes",
    "actix web": "Actix-web",
    ".NET": "C#",
    "golang": "Go",
    "SSE": "Server-Sent Events",
}


@pytest.fixture(scope="module")
def builtin_problems() -> list[Problem]:
    return validate().problems


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_builtin_file_of_kind_validates(kind: str, builtin_problems: list[Problem]) -> None:
    folder = str(DATA_DIR / kind)
    problems = [p for p in builtin_problems if p.file is None or p.file.startswith(folder)]
    assert problems == [], "\n".join(str(p) for p in problems)


def test_at_least_eighty_technologies() -> None:
    assert len(load_kb().technologies) >= 80


@pytest.mark.parametrize("name", SPEC_TECHNOLOGIES + EXPECTED_BESIDE)
def test_named_technology_present(name: str) -> None:
    assert name in load_kb().technologies


def test_spellings_resolve() -> None:
    kb = load_kb()
    for spelling, canonical in SPEC_ALIASES.items():
        assert kb.get(spelling).name == canonical


def test_languages_carry_the_language_facts() -> None:
    kb = load_kb()
    languages = [t for t in kb.candidates("language") if isinstance(t, Technology)]
    assert {"TypeScript", "Rust", "Python", "Go", "Java", "C#"} <= {t.name for t in languages}
    for lang in languages:
        assert lang.category == "language"
        assert lang.type_safety is not None, lang.name
        assert lang.libraries, lang.name
    rust = kb.technologies["Rust"]
    stack = {lib for libs in rust.libraries.values() for lib in libs}
    assert {
        "tokio",
        "axum",
        "actix-web",
        "sqlx",
        "diesel",
        "serde",
        "bincode",
        "tracing",
        "thiserror",
        "anyhow",
    } <= stack
    assert any("MVP" in w for w in rust.weaknesses)


def test_realtime_connection_numbers_from_the_spec() -> None:
    kb = load_kb()
    assert kb.technologies["Node.js"].max_connections_per_node == 50_000
    assert kb.technologies["tokio-tungstenite"].max_connections_per_node == 100_000
    assert {"WebSocket", "Server-Sent Events", "tokio-tungstenite"} <= {
        e.name for e in kb.candidates("realtime")
    }


def test_every_technology_is_fully_described() -> None:
    for tech in load_kb().technologies.values():
        assert tech.strengths and tech.weaknesses and tech.best_for, tech.name
        assert tech.lock_in is not None, tech.name
        assert any(s.url and s.url.startswith("https://") for s in tech.sources), tech.name
        if tech.managed_only:
            assert tech.managed and not tech.self_hostable, tech.name


_PACKAGE = re.compile(r"^[@A-Za-z0-9][A-Za-z0-9_.\-/@*~]*$")
_MAVEN = re.compile(r"^[A-Za-z0-9_.\-*]+:[A-Za-z0-9_.\-*]+$")


def test_detect_rules_are_well_formed() -> None:
    for tech in load_kb().technologies.values():
        d = tech.detect
        rules = d.model_dump()
        assert any(rules.values()), f"{tech.name} has no detect rules"
        for key in ("pypi", "npm", "go", "cargo", "nuget", "rubygems", "hex", "docker_images"):
            for name in rules[key]:
                assert _PACKAGE.match(name) and name == name.strip(), (tech.name, key, name)
                assert ":" not in name, (tech.name, key, name)
        for coord in d.maven:
            assert _MAVEN.match(coord), (tech.name, coord)
        for glob in d.files:
            # a leading "/" anchors a glob at the repository's root (the analyzer's convention)
            assert not glob.startswith("//") and "\\" not in glob, (tech.name, glob)
        for ext in d.extensions:
            assert re.match(r"^\.[a-z0-9]+$", ext), (tech.name, ext)
        for prefix in d.env_prefixes:
            assert re.match(r"^[A-Z][A-Z0-9_]*$", prefix), (tech.name, prefix)
        for image in d.docker_images:
            assert ":" not in image, (tech.name, image)


SPEC_PATTERNS = [
    "Monolith",
    "Modular Monolith",
    "Microservices",
    "Serverless Functions",
    "Monolith First",
    "REST",
    "GraphQL",
    "gRPC",
    "Message Queue",
    "Event Streaming",
    "Event-Driven Architecture",
    "Database per Service",
    "Shared Database",
    "CQRS",
    "Event Sourcing",
    "Read Replicas",
    "Sharding",
    "Connection Pooling",
    "Caching Layers",
    "Cache-Aside",
    "Write-Through Cache",
    "Write-Behind Cache",
    "API Gateway",
    "Backends for Frontends",
    "Circuit Breaker",
    "Saga",
    "Strangler Fig",
    "Vertical Scaling",
    "Horizontal Scaling",
]


@pytest.mark.parametrize("name", SPEC_PATTERNS)
def test_named_pattern_present(name: str) -> None:
    assert name in load_kb().patterns


def test_pattern_facts_from_the_spec() -> None:
    kb = load_kb()
    assert kb.patterns["Shared Database"].anti_pattern_for == ["Microservices"]
    assert set(kb.patterns["Saga"].variants) == {"choreography", "orchestration"}
    assert len(kb.patterns["Strangler Fig"].steps) == 4
    breaker = kb.patterns["Circuit Breaker"].libraries
    assert "Polly" in breaker["dotnet"] and "opossum" in breaker["node"]
    assert {"L1 (application)", "L2 (distributed)", "L3 (CDN)"} == set(
        kb.patterns["Caching Layers"].variants
    )
    assert kb.get("BFF").name == "Backends for Frontends"
    assert kb.get("api gateway").name == "API Gateway"
    assert {p.name for p in kb.candidates("decomposition")} >= {"Monolith", "Microservices"}


def test_stores_describe_their_data() -> None:
    for tech in load_kb().technologies.values():
        if tech.category in {"database", "cache", "search"}:
            assert tech.data_models, tech.name
            assert tech.consistency, tech.name
            assert tech.acid is not None, tech.name
            assert tech.scaling, tech.name
        if tech.category in {"database", "messaging", "deployment"}:
            assert "database" in tech.topics or tech.category != "database", tech.name
            assert tech.deployment_targets, tech.name
