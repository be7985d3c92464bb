"""End-to-end: the real `archwise capacity` commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EXAMPLES, invoke

FIX = Path(__file__).parent / "fixtures"
LT = FIX / "loadtests"


def _json(cli: CliRunner, *args: str) -> dict:  # type: ignore[type-arg]
    res = invoke(cli, *args, "--json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_size_shows_each_number_and_what_binds(cli: CliRunner) -> None:
    res = invoke(
        cli,
        "capacity",
        "size",
        "--rate",
        "1000/s",
        "--service",
        "50ms",
        "--p99",
        "250ms",
        "--headroom",
        "0.3",
        "--n-plus",
        "2",
    )
    assert res.exit_code == 0, res.output
    assert "72 servers (headroom binds)" in res.output
    d = _json(
        cli,
        "capacity",
        "size",
        "--rate",
        "1000/s",
        "--service",
        "50ms",
        "--p99",
        "250ms",
        "--n-plus",
        "2",
    )
    steps = {s["name"]: s["servers"] for s in d["steps"]}
    assert steps == {"latency": 53, "headroom": 72, "redundancy": 55, "recommended": 72}
    assert d["binding"] == "headroom"


def test_impossible_target_is_reported_not_looped(cli: CliRunner) -> None:
    d = _json(cli, "capacity", "size", "--rate", "1000/s", "--service", "50ms", "--p99", "200ms")
    assert d["possible"] is False and d["servers"] is None
    assert "service time alone is 230.3 ms" in d["reason"]


def test_bad_rate_is_exit_2(cli: CliRunner) -> None:
    res = invoke(cli, "capacity", "size", "--rate", "lots", "--service", "50ms", "--p99", "1s")
    assert res.exit_code == 2
    assert "1000/s" in res.output


def test_fit_locust_ramp_with_chart(cli: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "usl.svg"
    d = _json(
        cli,
        "capacity",
        "fit",
        str(LT / "locust_stats_history.csv"),
        "--bootstrap",
        "50",
        "--chart",
        str(chart),
    )
    assert len(d["points"]) == 5
    assert d["fit"]["sigma"] >= 0 and d["fit"]["lam"] > 0
    assert chart.read_text().startswith("<?xml")


def test_fit_several_wrk_runs_needs_three_levels(cli: CliRunner) -> None:
    two = invoke(cli, "capacity", "fit", str(LT / "wrk_c2.txt"), str(LT / "wrk_c8.txt"))
    assert two.exit_code == 2
    assert "3 or more concurrency levels" in two.output
    d = _json(
        cli,
        "capacity",
        "fit",
        str(LT / "wrk_c2.txt"),
        str(LT / "wrk_c4.txt"),
        str(LT / "wrk_c8.txt"),
        "--bootstrap",
        "20",
    )
    assert [p[0] for p in d["points"]] == [2.0, 4.0, 8.0]


def test_charts_are_deterministic(cli: CliRunner, tmp_path: Path) -> None:
    outs = []
    for name in ("a.png", "b.png"):
        res = invoke(
            cli,
            "capacity",
            "fit",
            str(LT / "jmeter.jtl"),
            "--bootstrap",
            "20",
            "--chart",
            str(tmp_path / name),
        )
        assert res.exit_code == 0, res.output
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1] and outs[0][:4] == b"\x89PNG"


def test_loadtest_command_json(cli: CliRunner) -> None:
    d = _json(cli, "capacity", "loadtest", str(LT / "k6_summary_export.json"))
    assert d["tool"] == "k6" and d["latency_ms"]["p95"] == 104.9


def test_plan_chat_requirements(cli: CliRunner, workspace: Path) -> None:
    d = _json(cli, "capacity", "plan", str(EXAMPLES / "chat-system.yaml"), "--start", "2027-01-01")
    first = d["resources"][0]["options"][0]
    assert first["per_node"] == 50000
    assert (first["nodes_now"], first["nodes_horizon"]) == (4, 30)
    assert first["breaks_on"] == "2027-08-09"
    assert d["stations"][0]["name"] == "database writes"
    again = _json(
        cli, "capacity", "plan", str(EXAMPLES / "chat-system.yaml"), "--start", "2027-01-01"
    )
    assert again == d


def test_plan_model_with_growth_chart(cli: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "growth.png"
    res = invoke(cli, "capacity", "plan", str(FIX / "chat-capacity.yaml"), "--chart", str(chart))
    assert res.exit_code == 0, res.output
    assert "per-node ceiling reached: 2027-08-09" in res.output
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_plan_model_typo_is_located(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text("name: x\ndemand:\n  now: 10\n  growth_percent_per_mnth: 3\n")
    res = invoke(cli, "capacity", "plan", str(bad), "--json")
    assert res.exit_code == 2
    err = json.loads(res.stdout)["error"]["problems"][0]
    assert err["line"] == 4 and "growth_percent_per_month" in err["message"]


def test_diagnose(cli: CliRunner, tmp_path: Path) -> None:
    m = tmp_path / "metrics.yaml"
    m.write_text(
        "service: chat-api\n"
        "cpu: {utilisation_percent: 93, run_queue_per_core: 2.5}\n"
        "database: {query_latency_p99_ms: 40}\n"
        "memory: {used_percent: 50}\n"
    )
    d = _json(cli, "capacity", "diagnose", str(m))
    assert d["findings"][0]["id"] == "cpu"
    assert d["findings"][0]["evidence"][0]["metric"] == "cpu.utilisation_percent"
    res = invoke(cli, "capacity", "diagnose", str(m))
    assert "Horizontal scaling" in res.output


def test_simulate_is_seeded(cli: CliRunner) -> None:
    a = _json(
        cli,
        "capacity",
        "simulate",
        str(FIX / "chat-capacity.yaml"),
        "--customers",
        "20000",
        "--seed",
        "3",
    )
    b = _json(
        cli,
        "capacity",
        "simulate",
        str(FIX / "chat-capacity.yaml"),
        "--customers",
        "20000",
        "--seed",
        "3",
    )
    assert a == b
    assert len(a["stations"]) == 2 and a["chain"]["end_to_end_s"]["p99"] > 0


def test_every_capacity_command_has_help(cli: CliRunner) -> None:
    for cmd in ("size", "latency", "fit", "loadtest", "plan", "diagnose", "simulate"):
        res = invoke(cli, "capacity", cmd, "--help")
        assert res.exit_code == 0 and len(res.output) > 100, cmd


def test_plan_requirements_without_users_names_file_and_field(
    cli: CliRunner, tmp_path: Path
) -> None:
    req = tmp_path / "archwise.yaml"
    req.write_text("name: x\n")
    res = invoke(cli, "capacity", "plan", str(req), "--json")
    assert res.exit_code == 2
    problem = json.loads(res.stdout)["error"]["problems"][0]
    assert problem["file"] == str(req)
    assert problem["field"] == "non_functional.users.concurrent"


def test_plan_a_throughput_stated_system_without_users(cli: CliRunner, tmp_path: Path) -> None:
    """Requirements that state peak requests but no users get the same tiers recommend prices."""
    req = tmp_path / "archwise.yaml"
    req.write_text(
        "name: x\n"
        "functional: {data: {size_gb: 200}}\n"
        "non_functional:\n"
        "  throughput: {peak_rps: 3000, average_rps: 1000, writes_per_second: 300}\n"
        "  availability_percent: 99.9\n"
        "constraints: {cloud: gcp}\n"
    )
    out = _json(cli, "capacity", "plan", str(req))
    assert out["provider"] == "gcp"
    assert {"app", "database"} <= {t["kind"] for t in out["tiers"]}
    assert any("peak of 3,000 requests/s" in a for a in out["assumptions"])


def test_svg_charts_are_byte_stable(cli: CliRunner, tmp_path: Path) -> None:
    outs = []
    for name in ("a.svg", "b.svg"):
        res = invoke(
            cli,
            "capacity",
            "plan",
            str(FIX / "chat-capacity.yaml"),
            "--chart",
            str(tmp_path / name),
        )
        assert res.exit_code == 0, res.output
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    assert b"2027-08-09" in outs[0]


def test_plan_option_picks_kb_technologies(cli: CliRunner, workspace: Path) -> None:
    d = _json(
        cli,
        "capacity",
        "plan",
        str(EXAMPLES / "chat-system.yaml"),
        "--start",
        "2027-01-01",
        "--option",
        "Node.js",
    )
    first = d["resources"][0]["options"][0]
    assert first["technology"] == "Node.js"
    assert first["per_node_source"] == "KB: Node.js max_connections_per_node"
    assert first["per_node"] == 50000


def test_plan_on_a_provider_with_no_database_sizes(cli: CliRunner, tmp_path: Path) -> None:
    """A design whose database the provider does not price is planned, not refused."""
    req = tmp_path / "archwise.yaml"
    req.write_text(
        "name: x\n"
        "functional: {data: {size_gb: 20, model: relational}}\n"
        "non_functional:\n"
        "  users: {concurrent: 500}\n"
        "  throughput: {peak_rps: 100, writes_per_second: 10}\n"
    )
    out = _json(cli, "capacity", "plan", str(req), "--provider", "cloudflare")
    assert out["provider"] == "cloudflare"
    assert any("no vCPU station" in a for a in out["assumptions"])
