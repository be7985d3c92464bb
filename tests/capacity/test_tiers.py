"""The tier model: stated numbers win, each engine's own model, each provider's own prices."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
from typer.testing import CliRunner

from archwise.capacity.tiers import Component, Design, infer_provider, price_design
from archwise.capacity.workload import derive_workload
from archwise.kb.loader import load_kb
from archwise.kb.schemas.price import Price
from tests.conftest import invoke


@pytest.fixture(scope="module")
def prices() -> list[Price]:
    return cast(list[Price], load_kb([]).documents("prices"))


def _req(**nf: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "t",
        "non_functional": {
            "users": {"concurrent": 1000},
            "throughput": {"peak_rps": 200, "average_rps": 60, "writes_per_second": 20},
            "availability_percent": 99.9,
        },
        "functional": {"data": {"size_gb": 100}},
    }
    for k, v in nf.items():
        section, key = k.split("__")
        base.setdefault(section, {})[key] = v
    return base


def _design(req: dict[str, Any], provider: str, prices: list[Price], **comps: str) -> Design:
    kb = load_kb([])
    out = []
    for topic, name in comps.items():
        t = kb.find(name)
        out.append(
            Component(
                topic,
                name,
                getattr(t, "category", None),
                managed_only=bool(getattr(t, "managed_only", False)),
                self_hostable=bool(getattr(t, "self_hostable", True)),
            )
        )
    return price_design(out, provider, derive_workload(req), prices)


def _tier(d: Design, kind: str) -> Any:
    return next(t for t in d.tiers if t.kind == kind)


def test_stated_storage_wins_over_any_bound(prices: list[Price]) -> None:
    req = _req(
        functional__data={"size_gb": 2000, "growth_gb_per_month": 100, "retention_days": 3650}
    )
    wl = derive_workload(req)
    assert wl.now.data_gb == 2000 and wl.horizon.data_gb == 2000 + 100 * 24
    assert wl.storage_stated
    unstated = derive_workload(_req(functional__data={"retention_days": 30}))
    assert not unstated.storage_stated
    assert any("upper bound" in n for n in unstated.notes)


def test_files_go_to_object_storage_not_the_database(prices: list[Price]) -> None:
    req = _req(functional__data={"size_gb": 1_800_000, "files": True})
    req["assumptions"] = {"blob_fraction": 0.999}
    d = _design(req, "aws", prices, deployment="VMs / bare metal", database="PostgreSQL")
    store = _tier(d, "storage")
    assert store.price_items[0] == "aws.s3.standard"
    assert d.storage_gb_now == pytest.approx(1_800_000)
    assert "aws.rds.gp3" in _tier(d, "database").price_items
    db_gb = next(x for x in d.lines if x.price == "aws.rds.gp3").quantity_now
    assert db_gb == pytest.approx(1800 * 2)  # 0.1% in the database, on two copies


def test_dynamodb_is_priced_in_request_units_not_vcpus(prices: list[Price]) -> None:
    d = _design(_req(), "aws", prices, deployment="AWS Lambda", database="DynamoDB")
    db = _tier(d, "database")
    assert set(db.price_items) == {
        "aws.dynamodb.on-demand.reads",
        "aws.dynamodb.on-demand.writes",
        "aws.dynamodb.storage",
    }
    assert db.nodes_now is None and "request units" in db.model


def test_a_big_working_set_gets_a_cache_cluster(prices: list[Price]) -> None:
    req = _req(functional__data={"size_gb": 40_000})  # 4 TB hot at 10%
    d = _design(req, "aws", prices, deployment="VMs / bare metal", cache="Redis")
    cache = _tier(d, "cache")
    memory = {p.key: p.memory_gib or 0 for p in prices}
    held = sum(memory[x.price] * x.quantity_now for x in d.lines if x.tier == "cache")
    assert held >= 4000 / 0.8  # replicas on top of the shards that hold the working set
    assert cache.nodes_now >= 20


def test_each_provider_prices_only_its_own_services(prices: list[Price]) -> None:
    gcp = _design(_req(), "gcp", prices, deployment="Cloud Run", database="PostgreSQL")
    assert all(x.price.startswith("gcp.") for x in gcp.lines)
    assert _tier(gcp, "app").price_items[0].startswith("gcp.run.")
    az = _design(_req(), "azure", prices, deployment="Azure Functions")
    assert {"azure.functions.executions", "azure.functions.gb-second"} <= {
        x.price for x in az.lines
    }
    cf = _design(_req(), "cloudflare", prices, deployment="Cloudflare Workers")
    assert all(x.price.startswith("cloudflare.") for x in cf.lines)


def test_a_service_the_provider_does_not_sell_is_unpriced_with_a_warning(
    prices: list[Price],
) -> None:
    d = _design(_req(), "gcp", prices, deployment="Cloud Run", database="DynamoDB")
    assert "DynamoDB" in d.unpriced
    assert any("DynamoDB" in w and "unpriced" in w for w in d.warnings)
    assert not any(x.price.startswith("aws.") for x in d.lines)


def test_nats_is_self_hosted_not_priced_as_kafka(prices: list[Price]) -> None:
    req = _req(non_functional__throughput={"peak_rps": 200, "events_per_second": 500})
    d = _design(req, "aws", prices, deployment="VMs / bare metal", messaging="NATS")
    broker = _tier(d, "broker")
    assert not any("msk" in k for k in broker.price_items)
    assert broker.price_items[0].startswith("aws.ec2.")
    assert any("self-hosted" in w for w in d.warnings)


def test_spikes_are_a_peak_not_growth(prices: list[Price]) -> None:
    steady = derive_workload(_req())
    spiky = derive_workload(
        _req(
            non_functional__traffic="spiky",
            non_functional__spike={"multiple": 5, "duration_minutes": 20},
        )
    )
    assert spiky.now.peak_rps == 5 * steady.now.peak_rps
    assert spiky.now.requests_month == steady.now.requests_month  # volume is not multiplied
    assert spiky.horizon.peak_rps == spiky.now.peak_rps  # and never grows by it
    assert spiky.spike and "pre-scale" in spiky.spike and "admission control" in spiky.spike


def test_residency_prices_one_cell_per_region(prices: list[Price]) -> None:
    one = _design(_req(), "aws", prices, deployment="VMs / bare metal", database="PostgreSQL")
    two = _design(
        _req(non_functional__data_residency=["eu", "us"]),
        "aws",
        prices,
        deployment="VMs / bare metal",
        database="PostgreSQL",
    )
    assert two.cells == 2
    assert _tier(two, "database").nodes_now == 2 * _tier(one, "database").nodes_now
    assert any(t.name == "replication" for t in two.tiers)


def test_provider_inference(prices: list[Price]) -> None:
    def comps(*names: str) -> list[Component]:
        return [Component("deployment", names[0])] + [Component("database", n) for n in names[1:]]

    assert infer_provider(comps("Cloud Run", "PostgreSQL"), prices, None)[0] == "gcp"
    assert infer_provider(comps("Cloudflare Workers"), prices, None)[0] == "cloudflare"
    assert infer_provider(comps("VMs / bare metal", "PostgreSQL"), prices, "azure")[0] == "azure"


def test_a_busy_database_gets_a_large_size_not_an_outgrown_one(prices: list[Price]) -> None:
    req = _req(non_functional__throughput={"peak_rps": 20000, "writes_per_second": 5000})
    d = _design(req, "aws", prices, deployment="VMs / bare metal", database="PostgreSQL")
    assert not any("exceed the largest" in w for w in d.warnings)
    assert "xlarge" in (_tier(d, "database").size or "")


def test_budget_is_checked_against_both_ends(tmp_path: Path, cli: CliRunner) -> None:
    f = tmp_path / "archwise.yaml"
    f.write_text(
        "name: Rota\nnon_functional:\n  users: {concurrent: 200}\n  availability_percent: 99.9\n"
        "constraints:\n  budget: {infra_usd_per_month: 20}\n  cloud: aws\n",
        encoding="utf-8",
    )
    import json

    doc = json.loads(invoke(cli, "recommend", str(f), "--json").stdout)
    for o in doc["options"]:
        budget = next(c for c in o["checks"] if c["id"] == "budget")
        cost = o["cost_usd_per_month"]
        assert (budget["status"] == "fail") == (cost["high"] > 20)
        if budget["status"] == "fail":
            assert "dominant lines" in budget["message"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("functional:\n  data: {size_gb: -5}\n", "functional.data.size_gb"),
        ("non_functional:\n  spike: {multiple: 0.5}\n", "non_functional.spike.multiple"),
        ("assumptions: {cdn_hit_ratio: 1.5}\n", "assumptions.cdn_hit_ratio"),
        ("assumptions: {bytes_per_thing: 3}\n", "assumptions.bytes_per_thing"),
    ],
)
def test_bad_input_is_exit_2_with_the_located_field(
    tmp_path: Path, cli: CliRunner, text: str, field: str
) -> None:
    f = tmp_path / "archwise.yaml"
    f.write_text("name: x\n" + text, encoding="utf-8")
    res = invoke(cli, "capacity", "plan", str(f), "--json")
    assert res.exit_code == 2
    assert field in res.output and "archwise.yaml:" in res.output


def test_unknown_provider_is_bad_input(tmp_path: Path, cli: CliRunner) -> None:
    f = tmp_path / "archwise.yaml"
    f.write_text("name: x\nnon_functional:\n  users: {concurrent: 10}\n", encoding="utf-8")
    res = invoke(cli, "capacity", "plan", str(f), "--provider", "oracle", "--json")
    assert res.exit_code == 2
    assert "unknown provider 'oracle'" in res.output


@pytest.mark.parametrize("cloud", ["gcp", "azure"])
def test_recommend_prices_options_on_the_stated_cloud_only(
    tmp_path: Path, cli: CliRunner, cloud: str
) -> None:
    import json

    f = tmp_path / "archwise.yaml"
    f.write_text(
        "name: Shop\nfunctional:\n  data: {model: relational, size_gb: 50}\n"
        "non_functional:\n  users: {concurrent: 2000}\n  throughput: {peak_rps: 300}\n"
        f"constraints:\n  deployment: cloud\n  cloud: {cloud}\n",
        encoding="utf-8",
    )
    doc = json.loads(invoke(cli, "recommend", str(f), "--json").stdout)
    for o in doc["options"]:
        cost = o["cost_usd_per_month"]
        assert cost["provider"] == cloud
        assert all(line["price"].startswith(f"{cloud}.") for line in cost["lines"])
        for name in cost["unpriced"]:
            assert any(name in w for w in cost["warnings"])


def test_recommend_capacity_plan_and_plan_show_the_same_tiers(workspace: Path) -> None:
    from archwise.api.capacity import plan_capacity
    from archwise.api.plan import plan
    from archwise.api.recommend import recommend
    from tests.conftest import EXAMPLES

    chat = EXAMPLES / "chat-system.yaml"
    rec = recommend(chat)
    chosen = next(o for o in rec.options if o.name == rec.recommendation.option)
    cap = plan_capacity(chat)
    rec_tiers = [(t["name"], t["cost_usd_month_now"]) for t in chosen.cost_usd_per_month.tiers]
    assert rec_tiers == [(t.name, t.cost_usd_month_now) for t in cap.tiers]
    assert cap.provider == chosen.cost_usd_per_month.provider
    assert cap.total_usd_month_horizon == chosen.cost_usd_per_month.horizon
    assert cap.total_usd_month_now == chosen.cost_usd_per_month.now
    delivery = plan(chat, samples=0)
    assert delivery.costs is not None and delivery.costs["horizon"] == cap.total_usd_month_horizon


def test_archetype_assumption_keys_are_the_requirements_keys() -> None:
    """One vocabulary: what an archetype may default is what a requirements file may state."""
    from typing import get_args

    from archwise.capacity.workload import DEFAULTS
    from archwise.kb.schemas.archetype import AssumptionKey
    from archwise.requirements.models import Assumptions

    assert set(get_args(AssumptionKey)) == set(Assumptions.model_fields) == set(DEFAULTS)


def test_option_cost_lines_follow_the_contract(cli: CliRunner) -> None:
    import json

    from tests.conftest import EXAMPLES

    doc = json.loads(invoke(cli, "recommend", str(EXAMPLES / "chat-system.yaml"), "--json").stdout)
    for o in doc["options"]:
        lines = o["cost_lines"]
        assert lines and {"item", "price", "usd_month"} <= set(lines[0])
        prov = o["cost_usd_per_month"]["provider"]
        assert all(x["price"].startswith(f"{prov}.") for x in lines)
        assert sum(x["usd_month"] for x in lines) <= o["cost_usd_per_month"]["high"]


@pytest.mark.parametrize("provider", ["aws", "gcp", "azure"])
def test_an_in_memory_store_as_the_database_holds_all_the_data_with_replicas(
    prices: list[Price], provider: str
) -> None:
    """Redis chosen as the primary database is sized for the whole data set, not a working set."""
    req = _req(functional__data={"size_gb": 300, "growth_gb_per_month": 10})
    dep = {"aws": "VMs / bare metal", "gcp": "Cloud Run", "azure": "Azure Functions"}[provider]
    d = _design(req, provider, prices, deployment=dep, database="Redis")
    db = _tier(d, "database")
    assert "in-memory" in db.model
    by_key = {p.key: p for p in prices}
    held_now = 0.0
    for x in d.lines:
        if x.tier != "database":
            continue
        p = by_key[x.price]
        if p.meter == "node" and p.memory_gib:
            held_now += p.memory_gib * x.quantity_now * (2 if p.ha else 1)
        elif p.meter == "memory":
            held_now += x.quantity_now * (2 if p.ha else 1)  # GB provisioned (gb-hour)
    # all 300 GB in memory (80% usable) on a primary and a replica
    assert held_now >= 2 * 300 / 0.8 * 0.99, (provider, held_now)
    assert any("replica" in a for a in db.assumptions)
    assert not d.unpriced


def test_an_in_memory_database_is_not_priced_again_as_its_own_cache(prices: list[Price]) -> None:
    req = _req(functional__data={"size_gb": 50})
    d = _design(req, "aws", prices, deployment="VMs / bare metal", database="Redis", cache="Redis")
    assert [t.kind for t in d.tiers].count("cache") == 0
    assert any("no separate cache" in w for w in d.warnings)


@pytest.mark.parametrize("provider", ["aws", "gcp", "azure", "cloudflare"])
def test_a_static_site_is_delivered_by_the_cdn_with_no_servers(
    prices: list[Price], provider: str
) -> None:
    req = _req(functional__data={"size_gb": 2, "files": True})
    d = _design(req, provider, prices, deployment="Static Site Hosting")
    assert d.unpriced == []
    app = _tier(d, "app")
    assert app.nodes_now is None and app.cost_usd_month_now == 0 and "no servers" in app.model
    cdn = _tier(d, "cdn")
    assert "pages" in cdn.model
    assert all(t.kind != "egress" for t in d.tiers)  # the pages leave through the CDN


def test_a_few_dollars_a_month_is_not_rounded_up_to_fifty(prices: list[Price]) -> None:
    """A $20-a-month nonprofit's range is shown to the dollar, not in $50 steps."""
    from archwise.recommend.pricing import cost_range

    req = _req(functional__data={"size_gb": 2, "files": True})
    req["non_functional"]["users"] = {"concurrent": 20}
    req["non_functional"]["throughput"] = {"peak_rps": 5, "average_rps": 0.1}
    comp = Component("deployment", "Fly.io", "deployment")
    costs = cost_range([comp], req, prices, provider="fly")
    assert 0 < costs.high <= 20, costs.high
    assert costs.high < 50


def test_a_size_capped_at_a_few_instances_is_not_used_beyond_them(prices: list[Price]) -> None:
    """App Service Basic runs at most three instances: a 13-instance app uses Premium v3."""
    req = _req(non_functional__throughput={"peak_rps": 400, "average_rps": 120})
    req["assumptions"] = {"service_time_ms": 20}
    d = _design(req, "azure", prices, deployment="Azure App Service")
    app = _tier(d, "app")
    assert app.nodes_now > 3 and "b1" not in app.price_items[0]
    small = _design(
        _req(non_functional__throughput={"peak_rps": 5}),
        "azure",
        prices,
        deployment="Azure App Service",
    )
    assert _tier(small, "app").price_items == ["azure.appservice.b1"]


def test_bigtable_nodes_follow_its_documented_read_and_write_throughput(
    prices: list[Price],
) -> None:
    req = _req(
        non_functional__throughput={
            "peak_rps": 20000,
            "average_rps": 15000,
            "writes_per_second": 20000,
        }
    )
    req["assumptions"] = {"read_write_ratio": 0.05}
    d = _design(req, "gcp", prices, deployment="Cloud Run", database="Bigtable")
    # 20,000 / 14,000 + 1,000 / 17,000 = 1.49 nodes busy, / 0.7 -> 3
    assert _tier(d, "database").nodes_now == 3


def test_a_static_hosts_plan_fee_is_the_app_tiers_and_its_functions_are_not_cdn_requests(
    prices: list[Price],
) -> None:
    req = _req(non_functional__throughput={"peak_rps": 50, "average_rps": 10})
    req["assumptions"] = {"response_kb": 100}
    d = _design(req, "netlify", prices, deployment="Netlify")
    assert _tier(d, "app").price_items == ["netlify.pro.member"]
    assert _tier(d, "cdn").price_items == ["netlify.bandwidth"]


def test_a_design_names_the_price_items_that_are_only_estimates(prices: list[Price]) -> None:
    d = _design(_req(), "aws", prices, deployment="VMs / bare metal", database="PostgreSQL")
    by_key = {p.key: p for p in prices}
    used = {x.price for x in d.lines}
    want = sorted(k for k in used if by_key[k].check and by_key[k].check.status == "estimated")
    assert d.estimated_prices == want and want
    assert any("estimates not confirmed" in w for w in d.warnings)


def test_search_with_no_managed_offering_is_self_hosted_on_the_providers_vms(
    prices: list[Price],
) -> None:
    req = _req(functional__search=True)
    d = _design(req, "gcp", prices, deployment="Cloud Run", database="PostgreSQL")
    search = _tier(d, "search")
    assert search.price_items and all(k.startswith("gcp.") for k in search.price_items)
    assert "self-hosted" in search.model and d.unpriced == []


@pytest.mark.parametrize(("size_gb", "separate"), [(10, False), (200, True)])
def test_a_relational_database_serves_a_small_search_index_itself(
    prices: list[Price], size_gb: int, separate: bool
) -> None:
    req = _req(functional__search=True, functional__data={"size_gb": size_gb})
    comps = [
        Component("deployment", "Cloud Run", "container_platform"),
        Component("database", "PostgreSQL", "database", data_models=("relational",)),
    ]
    d = price_design(comps, "gcp", derive_workload(req), prices)
    search = _tier(d, "search")
    if separate:  # a 60 GB index: a search engine earns its cost
        assert search.price_items and search.cost_usd_month_now > 0
    else:  # a 3 GB index: PostgreSQL's full-text index, nothing extra priced
        assert search.price_items == [] and search.cost_usd_month_now == 0
        assert "PostgreSQL's own full-text index" in search.model


def test_a_static_sites_search_index_ships_with_the_site(prices: list[Price]) -> None:
    req = _req(functional__search=True, functional__data={"size_gb": 1})
    d = _design(req, "aws", prices, deployment="Static Site Hosting")
    search = _tier(d, "search")
    assert search.price_items == [] and "built with the static site" in search.model
    big = _req(functional__search=True, functional__data={"size_gb": 50})
    assert _tier(
        _design(big, "aws", prices, deployment="Static Site Hosting"), "search"
    ).price_items


def test_fly_machines_host_what_fly_does_not_sell(prices: list[Price]) -> None:
    req = _req(non_functional__throughput={"peak_rps": 200, "events_per_second": 500})
    d = _design(req, "fly", prices, deployment="Fly.io", messaging="NATS", cache="Redis")
    assert d.unpriced == []
    assert all(k.startswith("fly.") for t in d.tiers for k in t.price_items)


def test_a_per_gb_cache_runs_as_many_instances_as_its_instance_limit_needs(
    prices: list[Price],
) -> None:
    # 4 TB of data, a tenth hot: 400 GB / 80% = 500 GB, over Memorystore's 300 GB an instance.
    req = _req(functional__data={"size_gb": 4000})
    d = _design(req, "gcp", prices, deployment="Cloud Run", database="Spanner", cache="Redis")
    cache = _tier(d, "cache")
    assert cache.nodes_now == 2
    assert "300 GB per instance" in " ".join(cache.assumptions)
    assert any("2 instances" in w and "Redis" in w for w in d.warnings)
    small = _design(_req(), "gcp", prices, deployment="Cloud Run", cache="Redis")
    assert _tier(small, "cache").nodes_now == 1


def test_a_cache_that_does_not_cluster_fits_the_data_on_one_node(prices: list[Price]) -> None:
    # 3 GB hot: four 1 GB Render Key Value instances are not one cache; one 5 GB instance is.
    req = _req(functional__data={"size_gb": 30})
    req["non_functional"]["availability_percent"] = 99.5
    d = _design(req, "render", prices, deployment="Render", database="PostgreSQL", cache="Redis")
    cache = _tier(d, "cache")
    assert (cache.nodes_now, cache.size) == (1, "pro instance")
    # Beyond the largest node, the client shards over instances, and the output says so.
    big = _req(functional__data={"size_gb": 200})
    big["non_functional"]["availability_percent"] = 99.5
    d = _design(big, "render", prices, deployment="Render", cache="Redis")
    assert _tier(d, "cache").nodes_now == 3
    assert any("client-side" in w for w in d.warnings)


def test_database_nodes_cover_the_storage_one_node_holds(prices: list[Price]) -> None:
    # Spanner: a node stores at most 10 TiB, so 50 TB needs 5 nodes however light the load.
    req = _req(functional__data={"size_gb": 51200})
    d = _design(req, "gcp", prices, deployment="Cloud Run", database="Spanner")
    assert _tier(d, "database").nodes_now == 5
    # Azure SQL General Purpose stores at most 4 TB an instance: 10 TB is three shards.
    req = _req(functional__data={"size_gb": 10000})
    d = _design(req, "azure", prices, deployment="Azure App Service", database="Azure SQL Database")
    db = _tier(d, "database")
    assert db.nodes_now == 3 and "3 shards" in db.model  # the price includes the standby
    assert any("4,096 GB" in w for w in d.warnings)


def test_queue_consumers_run_on_the_designs_own_per_vcpu_platform(prices: list[Price]) -> None:
    req = _req()
    req["non_functional"]["throughput"]["events_per_second"] = 1000
    d = _design(
        req, "azure", prices, deployment="Azure Container Apps", messaging="Azure Event Hubs"
    )
    workers = _tier(d, "worker")
    assert all(k.startswith("azure.containerapps.") for k in workers.price_items)
    assert not any(k.startswith("azure.vm.") for x in d.tiers for k in x.price_items)


def test_recommend_quotes_why_a_component_is_left_unpriced(tmp_path: Path) -> None:
    from archwise.api.recommend import recommend

    f = tmp_path / "archwise.yaml"
    f.write_text(
        "name: Sales analytics\nfunctional:\n  data: {size_gb: 500}\n"
        "non_functional:\n  users: {concurrent: 200}\n"
        "constraints:\n  cloud: gcp\n  technologies: {required: [BigQuery]}\n",
        encoding="utf-8",
    )
    rec = recommend(f)
    priced = [o for o in rec.options if "BigQuery" in o.cost_usd_per_month.unpriced]
    assert priced
    said = [w for w in rec.warnings if "no price for BigQuery" in w]
    assert said and all("per TiB scanned" in w for w in said)
    assert "per TiB scanned" in priced[0].cost_usd_per_month.unpriced_reasons["BigQuery"]
    assert any(
        "BigQuery: no gcp price" in w and "per TiB scanned" in w
        for w in priced[0].cost_usd_per_month.warnings
    )


def test_a_free_allowance_is_deducted_once_per_design(prices: list[Price]) -> None:
    req = _req()
    req["non_functional"]["throughput"]["events_per_second"] = 1000
    d = _design(
        req, "azure", prices, deployment="Azure Container Apps", messaging="Azure Event Hubs"
    )
    by_key = {p.key: p for p in prices}
    for key in ("azure.containerapps.vcpu-second", "azure.containerapps.gib-second"):
        used = [x for x in d.lines if x.price == key]
        assert {x.tier for x in used} >= {"requests", "workers"}
        p = by_key[key]
        for when in ("now", "horizon"):
            qty = sum(getattr(x, f"quantity_{when}") for x in used)
            usd = sum(getattr(x, f"usd_{when}") for x in used)
            # one grant for the whole account, not one a tier
            assert usd == pytest.approx(p.monthly_usd(qty), abs=0.02)


def test_the_balancers_fixed_fee_is_charged_once_in_the_request_tier(
    prices: list[Price],
) -> None:
    d = _design(_req(), "aws", prices, deployment="VMs / bare metal", database="PostgreSQL")
    alb = next(p for p in prices if p.key == "aws.elb.alb")
    line = next(x for x in d.lines if x.price == alb.key)
    assert line.quantity_now == 1.0
    assert line.usd_now == pytest.approx(alb.monthly_usd(1.0), abs=0.01)


@pytest.mark.parametrize(
    ("provider", "deployment", "cdn"),
    [
        ("aws", "AWS Fargate", "CloudFront"),
        ("gcp", "Cloud Run", "Cloud CDN"),
        ("azure", "Azure Container Apps", "Azure Front Door"),
    ],
)
def test_each_clouds_cdn_charges_its_requests_as_well_as_its_bytes(
    prices: list[Price], provider: str, deployment: str, cdn: str
) -> None:
    req = _req(functional__data={"size_gb": 2000, "files": True})
    req["assumptions"] = {"object_kb": 1000}
    d = _design(req, provider, prices, deployment=deployment, cdn=cdn)
    tier = _tier(d, "cdn")
    meters = {p.key: p.meter for p in prices}
    assert {meters[k] for k in tier.price_items} >= {"transfer", "request"}
    gb = next(x for x in d.lines if x.tier == "cdn" and meters[x.price] == "transfer")
    reqs = next(x for x in d.lines if x.tier == "cdn" and meters[x.price] == "request")
    # one request per object served: GB x 1e6 KB / 1,000 KB objects, in millions
    assert reqs.quantity_now == pytest.approx(gb.quantity_now / 1000, rel=0.01)


def test_a_self_run_database_keeps_three_copies_only_where_availability_needs_failover(
    prices: list[Price],
) -> None:
    # InfluxDB has no managed offering priced on AWS: it runs on the provider's VMs.
    ha = _design(_req(), "aws", prices, deployment="AWS Lambda", database="InfluxDB")
    assert _tier(ha, "database").nodes_now == 3, "99.9%: a quorum of three to fail over"
    low = _req()
    low["non_functional"]["availability_percent"] = 99.0
    one = _design(low, "aws", prices, deployment="AWS Lambda", database="InfluxDB")
    db = _tier(one, "database")
    assert db.nodes_now == 1 and "one copy" in db.model
    assert db.cost_usd_month_now is not None
    assert db.cost_usd_month_now < _tier(ha, "database").cost_usd_month_now / 2
