"""The price tables: dated, sourced, reviewed on time, one provider per key, tiers that add up."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from archwise.kb.loader import load_kb
from archwise.kb.schemas.price import Price

PROVIDERS = {"aws", "gcp", "azure", "cloudflare", "vercel", "netlify", "render", "fly", "heroku"}


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
    assert {p.provider for p in prices} == PROVIDERS


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
