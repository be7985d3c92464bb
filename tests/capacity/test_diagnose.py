"""Bottleneck diagnosis against the knowledge base's bottleneck classes."""

from __future__ import annotations

from archwise.capacity.diagnose import diagnose
from archwise.capacity.models import MetricsFile, metric_names
from archwise.kb.loader import load_kb
from archwise.kb.schemas.bottleneck import Bottleneck


def _classes() -> list[Bottleneck]:
    return [d for d in load_kb().documents("bottlenecks") if isinstance(d, Bottleneck)]


def test_kb_has_the_spec_classes_and_every_signal_names_a_real_metric() -> None:
    classes = _classes()
    assert {b.id for b in classes} == {"database", "cpu", "memory", "network", "io"}
    known = metric_names()
    for b in classes:
        for s in b.signals:
            assert s.metric in known, f"{b.id}: {s.metric}"


def test_database_saturation_ranks_first_with_evidence() -> None:
    m = MetricsFile.model_validate(
        {
            "cpu": {"utilisation_percent": 55},
            "connection_pool": {"in_use": 50, "size": 50, "wait_p99_ms": 340},
            "database": {"query_latency_p99_ms": 820, "cpu_percent": 91},
            "memory": {"used_percent": 60, "gc_time_percent": 3},
            "errors": {"rate_percent": 2.4},
        }
    )
    d = diagnose(m, _classes())
    assert d.findings[0].id == "database"
    metrics = {e.metric for e in d.findings[0].evidence}
    assert {"connection_pool.use_percent", "database.query_latency_p99_ms"} <= metrics
    assert any("Indexing" in s["action"] for s in d.findings[0].solutions)
    assert "Memory" in d.healthy and "CPU" in d.healthy
    assert "Network" in d.unmeasured_classes
    assert any("error rate 2.4%" in c for c in d.context)


def test_gc_pressure_points_at_memory_and_disk_queue_at_io() -> None:
    m = MetricsFile.model_validate(
        {
            "memory": {"gc_time_percent": 28, "oom_kills": 2},
            "disk": {"queue_depth": 12, "write_latency_ms": 45},
            "cpu": {"utilisation_percent": 40},
        }
    )
    ids = [f.id for f in diagnose(m, _classes()).findings]
    assert ids[:2] == ["memory", "io"] or ids[:2] == ["io", "memory"]
    assert "cpu" not in ids


def test_quiet_metrics_find_nothing() -> None:
    m = MetricsFile.model_validate({"cpu": {"utilisation_percent": 20}})
    assert diagnose(m, _classes()).findings == []
