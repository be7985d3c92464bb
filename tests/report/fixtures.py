"""A recommendation in the recommend contract's shape: the spec's Option 1 -> Option 2 answer."""

from __future__ import annotations

from typing import Any

MONOLITH = "Monolith + WebSockets + PostgreSQL"
GATEWAY = "Microservices + Rust WebSocket gateway"


def spec_recommendation() -> dict[str, Any]:
    """The chat example's recommendation as the spec writes it."""
    return {
        "requirements": {"name": "Real-time chat", "file": "chat-system.yaml"},
        "generated_by": "archwise 0.1.0",
        "decisions": {
            "database": {
                "chosen": "PostgreSQL",
                "confidence": 0.8,
                "ranked": [
                    {"name": "PostgreSQL", "score": 0.9, "reasons": []},
                    {"name": "MySQL", "score": 0.7, "reasons": []},
                ],
            },
            "cache": {
                "chosen": "Redis",
                "confidence": 0.7,
                "ranked": [{"name": "Redis", "score": 0.8, "reasons": []}],
            },
        },
        "options": [
            {
                "name": MONOLITH,
                "profile": "simplest-viable",
                "summary": "One Hono service.",
                "components": {
                    "language": "TypeScript",
                    "backend_framework": "Hono",
                    "database": "PostgreSQL",
                    "cache": "Redis",
                    "realtime": "WebSockets",
                    "deployment": "AWS ECS",
                },
                "services": [],
                "pros": ["Simple to develop and debug"],
                "cons": ["Sticky sessions needed"],
                "operational_burden": "low",
                "why_not": "",
                "cost_usd_per_month": {"low": 1500, "high": 2500},
                "scales_to": {"text": "~50k concurrent connections per node"},
                "score": 0.81,
            },
            {
                "name": GATEWAY,
                "profile": "scale-out",
                "summary": "Rust gateway, Kafka.",
                "components": {
                    "language": "TypeScript",
                    "backend_framework": "Hono",
                    "database": "PostgreSQL",
                    "messaging": "Kafka",
                    "realtime": "WebSockets",
                    "deployment": "Kubernetes",
                },
                "services": [
                    {
                        "role": "connection gateway",
                        "why": "Holds 100k connections",
                        "components": {"language": "Rust", "realtime": "tokio-tungstenite"},
                    }
                ],
                "pros": ["Handles many more connections"],
                "cons": ["Learning curve (Rust)"],
                "operational_burden": "high",
                "why_not": "Team is learning Rust",
                "cost_usd_per_month": {"low": 3500, "high": 4500},
                "scales_to": {"text": "100k connections per gateway node"},
                "score": 0.72,
            },
        ],
        "recommendation": {
            "option": MONOLITH,
            "why": ["Team expertise (TypeScript)", "Lowest operational burden"],
            "confidence": 0.7,
            "evolution": [
                {
                    "phase": "Monolith MVP",
                    "months": "1-3",
                    "trigger": "Start",
                    "to": MONOLITH,
                    "actions": ["Build with Hono + WebSockets + PostgreSQL + Redis"],
                    "success_metrics": ["1k concurrent users, p99 < 200ms"],
                },
                {
                    "phase": "Production hardening",
                    "months": "4-6",
                    "trigger": "MVP validated",
                    "to": MONOLITH,
                    "actions": ["Add monitoring (OpenTelemetry + Grafana)"],
                    "success_metrics": ["10k concurrent users, p99 < 100ms, 99.9% uptime"],
                },
                {
                    "phase": "Scale with Rust gateway",
                    "months": "7+",
                    "trigger": "Connection limits near (~50k concurrent on Node)",
                    "to": GATEWAY,
                    "actions": ["Extract WebSocket handling to a Rust service"],
                    "success_metrics": ["100k concurrent users, p99 < 100ms"],
                },
            ],
        },
        "questions": [],
        "warnings": [],
    }
