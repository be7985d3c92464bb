"""The built-in rules and prices: every expression parses, every reference resolves."""

from __future__ import annotations

from typing import Any

import pytest

from archwise.kb.schemas.rule import CRITERIA, Rule
from archwise.recommend import expr, sources
from archwise.recommend.rulebook import RuleBook


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return sources.rulebook(sources.knowledge())


def _expressions(rule: Rule) -> list[str]:
    out: list[Any] = [rule.when, rule.exclude, rule.applies, rule.fails]
    out += [c.if_ for c in rule.cases] + [c.score for c in rule.cases]
    out += list(rule.variables.values()) + [i.quantity for i in rule.items]
    if rule.profile:
        p = rule.profile
        out += [p.when] + [a.when for a in p.prefer] + [a.applies for a in p.prefer]
        out += [n.applies for n in p.needs] + [r.when for r in p.roles]
        out += [a.applies for r in p.roles for a in r.prefer]
    return [e for e in out if isinstance(e, str)]


def test_every_expression_parses(book: RuleBook) -> None:
    problems = []
    for rule in book.rules:
        for text in _expressions(rule):
            why = expr.check(text)
            if why:
                problems.append(f"{rule.id}: {text!r}: {why}")
    assert problems == []


def test_cost_rules_use_known_prices(book: RuleBook) -> None:
    for rule in book.of("cost"):
        for item in rule.items:
            assert item.price in book.prices, f"{rule.id}: no price {item.price}"


def test_every_criterion_has_a_general_rule(book: RuleBook) -> None:
    general = {r.criterion for r in book.of("criterion") if not r.topics}
    assert general == set(CRITERIA)


def test_profiles_phases_and_ids(book: RuleBook) -> None:
    assert 2 <= len(book.of("profile")) <= 3
    assert [r.phase.order for r in book.of("phase") if r.phase] == [1, 2, 3]
    ids = [r.id for r in book.rules]
    assert len(ids) == len(set(ids))


def test_prices_are_dated_and_positive(book: RuleBook) -> None:
    for price in book.prices.values():
        # Zero is a real list price (Cloudflare does not meter CDN egress); negative never is.
        assert price.usd >= 0 and price.source.checked.year >= 2025
        assert price.usd > 0 or price.meter == "transfer", price.key
