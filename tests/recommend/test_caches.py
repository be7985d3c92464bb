"""What the engine remembers to run faster never changes an answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML

from archwise.errors import InputError
from archwise.recommend import engine, expr, sources
from archwise.recommend.expr import Node
from archwise.recommend.rulebook import Context, RuleBook, fill, team_level
from archwise.recommend.scoring import Tilt, relevance, weights_for
from archwise.requirements.models import Requirements
from archwise.schema import plain
from tests.recommend.conftest import ROOT
from tests.recommend.fixture_kb import FixtureKB

SCENARIOS = Path(__file__).parent / "scenarios"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return sources.rulebook(sources.knowledge())


def req(**sections: Any) -> Requirements:
    return Requirements.model_validate({"name": "t", **sections})


def path(name: str) -> Node:
    return Node("path", name)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        (
            "not a == b and c",
            Node(
                "and",
                args=(Node("not", args=(Node("cmp", "==", (path("a"), path("b"))),)), path("c")),
            ),
        ),
        ("not not a", Node("not", args=(Node("not", args=(path("a"),)),))),
        ("a < b < c", Node("cmp", "<", (Node("cmp", "<", (path("a"), path("b"))), path("c")))),
        ("-a * b", Node("arith", "*", (Node("neg", args=(path("a"),)), path("b")))),
        ("a - b - c", Node("arith", "-", (Node("arith", "-", (path("a"), path("b"))), path("c")))),
        (
            "x + a not in b or c",
            Node(
                "or",
                args=(
                    Node(
                        "not",
                        args=(
                            Node(
                                "in", args=(Node("arith", "+", (path("x"), path("a"))), path("b"))
                            ),
                        ),
                    ),
                    path("c"),
                ),
            ),
        ),
        (
            "a or b and not c",
            Node(
                "or",
                args=(path("a"), Node("and", args=(path("b"), Node("not", args=(path("c"),))))),
            ),
        ),
        (
            "f(a, [1, 'x'])",
            Node("call", "f", (path("a"), Node("list", args=(Node("lit", 1), Node("lit", "x"))))),
        ),
    ],
)
def test_operator_precedence(text: str, tree: Node) -> None:
    assert expr.parse(text) == tree


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("a == not b", "unexpected 'not'"),
        ("- not a", "unexpected 'not'"),
        ("not", "unexpected end of expression"),
        ("a not b", "unexpected 'not'"),
        ("f(a b)", "expected ',', got 'b'"),
        ("(a", "unexpected end of expression"),
        ("a $ b", "unexpected character '$ b' at 1"),
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, error: str) -> None:
    assert expr.check(text) == error


def test_list_literals_are_fresh_each_time() -> None:
    env = expr.Env({}, {})
    first = expr.evaluate("[1, 2]", env)
    first.append(3)
    assert expr.evaluate("[1, 2]", env) == [1, 2]


def test_shared_requirement_lookups_still_report_unknowns() -> None:
    resolved: dict[str, Any] = {}
    data = {"a": {"b": 1}}
    for _ in range(2):
        env = expr.Env(data, {}, resolved=resolved)
        assert expr.evaluate("a.b + 1", env) == 2
        assert expr.evaluate("a.c", env) is None
        assert env.unknown == {"a.c"}
    assert resolved == {"a.b": 1, "a.c": None}


def test_fill_templates() -> None:
    env = expr.Env({"n": 12000, "x": 2.5, "xs": ["a", "b"]}, {})
    assert fill("no braces", env) == "no braces"
    assert fill("{n}{x}", env) == "12,0002.5"
    assert fill("{xs} and {missing}.", env) == "a, b and unknown."
    assert fill("{", env) == "{"


def test_rule_lists_are_copies(book: RuleBook) -> None:
    first = book.of("weight", "database")
    first.clear()
    assert book.of("weight", "database")
    assert book.criterion_rule("cost", "database") is book.criterion_rule("cost", "database")


def context(book: RuleBook, **sections: Any) -> Context:
    return engine.context(req(**sections), FixtureKB(), 2026, book)


def test_weights_per_topic_are_remembered_without_tilts_or_overrides(book: RuleBook) -> None:
    ctx = context(book, constraints={"team": {"engineers": 4}})
    plain, trace, _ = weights_for("database", ctx, book)
    tilt = Tilt("bold", {"cost": 5.0})
    tilted, tilted_trace, _ = weights_for("database", ctx, book, [tilt], {"maturity": 0.0})
    assert tilted["cost"] == max(0.0, plain["cost"] + 5.0)
    assert tilted["maturity"] == 0.0
    assert [w.rule for w in tilted_trace[-2:]] == ["bold", "override"]
    plain["cost"] = -1.0
    trace.clear()
    again, again_trace, _ = weights_for("database", ctx, book)
    assert again["cost"] != -1.0
    assert again_trace
    fresh = context(book, constraints={"team": {"engineers": 4}})
    assert weights_for("database", fresh, book)[0] == again


def test_relevance_gives_its_own_set(book: RuleBook) -> None:
    ctx = context(book)
    needed, _, unknown = relevance("realtime", ctx, book)
    assert needed == "unknown"
    unknown.add("x")
    assert "x" not in relevance("realtime", ctx, book)[2]


def test_team_level_matches_the_context_function(book: RuleBook) -> None:
    expertise = {"Type-Script": "strong", "go": "learning"}
    ctx = context(book, constraints={"team": {"engineers": 4, "expertise": expertise}})
    level = ctx.functions()["expertise"]
    for entry in ({"name": "TypeScript"}, {"name": "x", "language": "Go"}, {"name": "Rust"}):
        assert level(entry) == team_level(expertise, entry)


def test_recommendations_do_not_leak_between_calls(book: RuleBook) -> None:
    kb = FixtureKB()
    a = req(
        functional={"realtime": True, "clients": ["web", "ios"]},
        non_functional={"users": {"concurrent": 200000}},
        constraints={"team": {"engineers": 4, "expertise": {"go": "strong"}}},
    )
    b = req(constraints={"deployment": "on-prem"}, functional={"data": {"model": "key-value"}})

    def run(r: Requirements, **kw: Any) -> str:
        return engine.recommend(r, kb, book, year=2026, **kw).model_dump_json()

    first = run(a)
    other = run(b)
    assert run(a) == first
    assert run(b) == other
    assert run(a, override={"cost": 3.0}) != first
    assert run(a) == first


# plain(): the requirements and entries as data without building their pydantic schemas.


def all_requirements() -> list[Requirements]:
    out = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        try:
            out.append(sources.requirements(path))
        except InputError:
            continue  # an example of another kind of file
    yaml = YAML(typ="safe")
    for path in sorted(SCENARIOS.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        out.append(Requirements.model_validate(data["requirements"]))
    return out


def test_plain_requirements_match_model_dump() -> None:
    reqs = all_requirements()
    assert len(reqs) > 20
    for r in reqs:
        dump = r.model_dump(mode="json", by_alias=True)
        assert repr(plain(r, by_alias=True)) == repr(dump), r.name
        assert repr(plain(r)) == repr(r.model_dump(mode="json")), r.name


def test_plain_entries_match_model_dump() -> None:
    entries = [*sources.knowledge().entries(), *FixtureKB().entries]
    assert len(entries) > 100
    for e in entries:
        assert repr(plain(e)) == repr(e.model_dump(mode="json")), e.name


def test_plain_does_not_build_the_schema_and_copies() -> None:
    class Inner(BaseModel):
        model_config = ConfigDict(defer_build=True)
        when: dt.date
        tags: list[str]

    class Outer(BaseModel):
        model_config = ConfigDict(defer_build=True)
        name: str
        parts: list[Inner]
        by: dict[str, list[int]]
        renamed: int = Field(alias="from")

    model = Outer.model_construct(
        name="s",
        parts=[Inner.model_construct(when=dt.date(2024, 1, 2), tags=["t"])],
        by={"k": [1]},
        renamed=3,
    )
    data = plain(model, by_alias=True)
    assert not Outer.__pydantic_complete__, "no serializer was built"
    assert data == {
        "name": "s",
        "parts": [{"when": "2024-01-02", "tags": ["t"]}],
        "by": {"k": [1]},
        "from": 3,
    }
    assert data["parts"][0]["tags"] is not model.parts[0].tags, "new lists, as model_dump"
    assert plain(model)["renamed"] == 3
