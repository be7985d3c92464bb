"""The price tables: dated, sourced, reviewed on time, one provider per key, tiers that add up."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from archwise.api.capacity import PROVIDERS
from archwise.kb.loader import load_kb
from archwise.kb.schemas.price import Price


@pytest.fixture(scope="module")
def prices() -> list[Price]:
    return cast(list[Price], load_kb([]).documents("prices"))


def test_every_table_is_within_its_review_date(prices: list[Price]) -> None:
    """A table older than its review date fails: prices drift, so they must be re-read."""
    today = dt.date.today()
    stale = [p.key for p in prices if p.review_by is None or p.review_by < today]
    assert stale == [], f"re-read these price pages and move review_by: {stale[:10]}"


def test_each_key_starts_with_its_provider(prices: list[Price]) -> None:
    for p in prices:
        assert p.key.split(".")[0] == {"fly": "fly"}.get(p.provider, p.provider), p.key
        assert p.source.url and p.source.url.startswith("https://"), p.key


def test_every_provider_has_a_table(prices: list[Price]) -> None:
    assert {p.provider for p in prices} == set(PROVIDERS)


def test_the_big_three_price_what_the_kb_recommends(prices: list[Price]) -> None:
    served = {(p.provider, s) for p in prices for s in p.serves}
    for provider in ("aws", "gcp", "azure"):
        for role in ("compute", "egress", "cdn", "object-storage", "Redis", "PostgreSQL"):
            assert (provider, role) in served, (provider, role)


def test_volume_tiers_are_marginal() -> None:
    p = Price.model_validate(
        {
            "key": "aws.x",
            "provider": "aws",
            "service": "s",
            "item": "i",
            "unit": "gb-transferred",
            "usd": 0.085,
            "free": 1024,
            "tiers": [{"up_to": 10240, "usd": 0.085}, {"up_to": None, "usd": 0.08}],
            "source": {"title": "t", "checked": "2026-12-07"},
        }
    )
    assert p.monthly_usd(1000) == 0
    assert p.monthly_usd(1024 + 10240) == pytest.approx(10240 * 0.085)
    assert p.monthly_usd(1024 + 10240 + 1024) == pytest.approx(10240 * 0.085 + 1024 * 0.08)


def test_tiers_must_ascend() -> None:
    with pytest.raises(ValueError, match="ascend"):
        Price.model_validate(
            {
                "key": "aws.x",
                "provider": "aws",
                "service": "s",
                "item": "i",
                "unit": "gb-transferred",
                "usd": 1,
                "tiers": [{"up_to": None, "usd": 1}, {"up_to": 5, "usd": 2}],
                "source": {"title": "t", "checked": "2026-12-07"},
            }
        )


def test_every_built_in_price_says_how_it_was_checked(prices: list[Price]) -> None:
    """Verified or corroborated figures name the page read; estimates say why they are."""
    unchecked = [p.key for p in prices if p.check is None]
    assert unchecked == [], f"mark these verified, corroborated or estimated: {unchecked[:10]}"
    for p in prices:
        assert p.check is not None
        if p.check.status != "estimated":
            assert p.check.read_from and p.check.read_from.startswith("https://"), p.key
    statuses = {p.check.status for p in prices if p.check is not None}
    assert {"verified", "estimated"} <= statuses


def test_a_verified_price_must_name_the_page_it_was_read_on() -> None:
    base = {
        "key": "aws.x",
        "provider": "aws",
        "service": "s",
        "item": "i",
        "unit": "hour",
        "usd": 1,
        "source": {"title": "t", "checked": "2026-12-07"},
    }
    with pytest.raises(ValueError, match="read_from"):
        Price.model_validate({**base, "check": {"status": "verified", "note": "read it"}})
    ok = Price.model_validate({**base, "check": {"status": "estimated", "note": "not found"}})
    assert ok.check is not None and ok.check.status == "estimated"


RUNNING_TOPICS = {"database", "cache", "messaging", "deployment", "realtime"}


def test_every_component_the_recommender_can_choose_is_priced_or_unpriced_with_a_reason() -> None:
    """A managed-only technology is priced on each provider that sells it, or says why not."""
    kb = load_kb([])
    prices = cast(list[Price], kb.documents("prices"))
    priced_providers = {p.provider for p in prices}
    served = {(p.provider, s) for p in prices for s in p.serves}
    excused = {
        (prov, u.name)  # type: ignore[attr-defined]
        for u in kb.documents("unpriced")
        for prov in u.providers  # type: ignore[attr-defined]
    }
    missing = []
    for t in kb.documents("technologies"):
        if not set(t.topics) & RUNNING_TOPICS:  # type: ignore[attr-defined]
            continue
        if t.self_hostable and not t.managed_only:  # type: ignore[attr-defined]
            continue  # priced as self-hosted on the provider's VMs, with a warning
        sellers = {m.provider for m in t.managed} & priced_providers  # type: ignore[attr-defined]
        for prov in sorted(sellers):
            if (prov, t.name) not in served and (prov, t.name) not in excused:  # type: ignore[attr-defined]
                missing.append(f"{prov}: {t.name}")  # type: ignore[attr-defined]
    assert missing == [], f"price these or add them to kb/data/unpriced with a reason: {missing}"


def test_the_named_gaps_of_the_last_round_are_priced() -> None:
    kb = load_kb([])
    served = {(p.provider, s) for p in kb.documents("prices") for s in p.serves}  # type: ignore[attr-defined]
    for pair in [
        ("azure", "Azure App Service"),
        ("railway", "Railway"),
        ("aws", "Redshift"),
        ("aws", "Timestream"),
        ("aws", "AWS Step Functions"),
    ]:
        assert pair in served, pair
