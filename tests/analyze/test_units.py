"""Pure logic: line counting, manifests, globs, graphs, cycles and metrics."""

from __future__ import annotations

import pytest

from archwise.analyze import graph as g
from archwise.analyze.detect import Matcher, glob_regex
from archwise.analyze.imports import expand_use
from archwise.analyze.languages import BY_NAME, language_for
from archwise.analyze.lines import count
from archwise.analyze.manifests import image_name, parse_manifest


def test_python_lines_docstrings_and_strings() -> None:
    text = '''"""Module doc."""

import os  # trailing comment is code

x = "# not a comment"
y = """
multi-line string that is code
"""
# a comment

def f():
    r"""Doc
    string."""
    return 1
'''
    c = count(text, BY_NAME["Python"])
    assert (c.lines, c.code, c.comment, c.blank) == (14, 7, 4, 3)


def test_c_like_block_comments_and_strings() -> None:
    text = 'int a = 1; /* c1\n c2 */\nchar *s = "/* not */";\n// line\n\n/* x */ int b;\n'
    c = count(text, BY_NAME["C"])
    assert (c.lines, c.code, c.comment, c.blank) == (6, 3, 2, 1)


def test_unterminated_block_comment_runs_to_end() -> None:
    c = count("a();\n/* open\nstill\n", BY_NAME["JavaScript"])
    assert (c.code, c.comment) == (1, 2)


def test_types_and_abstractness() -> None:
    c = count(
        "class A(ABC):\n  pass\nclass B(A):\n  pass\nclass P(Protocol): ...\n", BY_NAME["Python"]
    )
    assert (c.types, c.abstract_types) == (3, 2)
    go = count("type S struct{}\ntype I interface{ M() }\n", BY_NAME["Go"])
    assert (go.types, go.abstract_types) == (2, 1)


def test_language_for_names() -> None:
    assert language_for("Dockerfile").name == "Dockerfile"  # type: ignore[union-attr]
    assert language_for("x.TSX").name == "TypeScript"  # type: ignore[union-attr]
    assert language_for("README") is None


def test_manifests_with_lines() -> None:
    info = parse_manifest(
        "requirements-dev.txt", "# c\nDjango>=4\n-r base.txt\npsycopg2-binary==2.9\n"
    )
    assert [(s.value, s.line) for s in info.signals] == [("Django", 2), ("psycopg2-binary", 4)]
    gm = parse_manifest(
        "go.mod", "module x.io/y\n\nrequire (\n\tgithub.com/a/b v1.0.0\n)\nrequire c.io/d v2.0.0\n"
    )
    assert gm.go_module == "x.io/y"
    assert [(s.value, s.line) for s in gm.signals] == [("github.com/a/b", 4), ("c.io/d", 6)]
    gr = parse_manifest(
        "build.gradle.kts",
        'dependencies {\n  implementation("org.postgresql:postgresql:42.7.1")\n}\n',
    )
    assert [(s.value, s.line) for s in gr.signals] == [("org.postgresql:postgresql", 2)]
    cs = parse_manifest(
        "a/App.csproj", '<Project>\n<PackageReference Include="Npgsql" Version="8" />\n</Project>'
    )
    assert [(s.kind, s.value, s.line) for s in cs.signals] == [("nuget", "Npgsql", 2)]
    mix = parse_manifest(
        "mix.exs",
        'defmodule A.MixProject do\n  defp deps do\n    [\n      {:phoenix, "~> 1.7"},\n'
        '      {:ecto_sql, "~> 3.10"}\n    ]\n  end\nend\n',
    )
    assert [(s.kind, s.value, s.line) for s in mix.signals] == [
        ("hex", "phoenix", 4),
        ("hex", "ecto_sql", 5),
    ]
    gem = parse_manifest("Gemfile", "source 'x'\ngem 'pg', '~> 1.5'\n")
    assert [(s.value, s.line) for s in gem.signals] == [("pg", 2)]
    k8s = parse_manifest(
        "deploy/app.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - image: ghcr.io/acme/api:1.2\n          env:\n            - name: REDIS_URL\n",
    )
    assert [(s.kind, s.value, s.line) for s in k8s.signals] == [
        ("k8s", "apps/Deployment", 2),
        ("docker_image", "ghcr.io/acme/api", 9),
        ("env", "REDIS_URL", 11),
    ]
    assert [d.name for d in k8s.deployables] == ["api"]


def test_image_names() -> None:
    assert image_name("postgres:16-alpine") == "postgres"
    assert image_name("docker.io/library/redis@sha256:abc") == "redis"
    assert image_name("localhost:5000/team/app:1") == "localhost:5000/team/app"


def test_glob_regex_semantics() -> None:
    import re

    rx = re.compile(glob_regex("*.tf"), re.M)
    assert rx.search("infra/main.tf") and not rx.search("main.tfvars")
    rx = re.compile(glob_regex(".github/workflows/*.yml"), re.M)
    assert rx.search(".github/workflows/ci.yml") and not rx.search("x/.github/workflows/ci.yml")
    rx = re.compile(glob_regex("**/dashboards/*.json"), re.M)
    assert rx.search("ops/dashboards/api.json") and rx.search("dashboards/a.json")


def test_expand_rust_use_trees() -> None:
    assert expand_use("crate::a::{b, c::{D, E as F}, self}") == [
        "crate::a::b",
        "crate::a::c::D",
        "crate::a::c::E",
        "crate::a",
    ]


def test_tarjan_and_exact_feedback_arcs() -> None:
    adj = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": []}
    assert g.strongly_connected(adj) == [["a", "b", "c"], ["d", "e"]]
    # two 2-cycles: any answer cuts two edges; the lightest pair (1 + 1 imports) wins
    weights = {("a", "b"): 1, ("b", "a"): 5, ("b", "c"): 1, ("c", "b"): 5}
    arcs, exact = g.feedback_arcs(["a", "b", "c"], weights)
    assert exact and arcs == [("a", "b"), ("b", "c")]


def test_feedback_arcs_brute_force_agrees() -> None:
    import itertools
    import random

    rnd = random.Random(7)
    for _ in range(30):
        nodes = [f"n{i}" for i in range(6)]
        weights = {
            (s, t): rnd.randint(1, 3)
            for s in nodes
            for t in nodes
            if s != t and rnd.random() < 0.35
        }
        arcs, exact = g.feedback_arcs(nodes, weights)
        best = min(
            len([e for e in weights if order.index(e[0]) > order.index(e[1])])
            for order in itertools.permutations(nodes)
        )
        assert exact and len(arcs) == best
        rest = {e: w for e, w in weights.items() if e not in arcs}
        assert g.strongly_connected({n: [t for s, t in rest if s == n] for n in nodes}) == []


def test_heuristic_beyond_exact_limit_breaks_all_cycles() -> None:
    nodes = [f"m{i:02d}" for i in range(20)]
    weights = {(nodes[i], nodes[(i + 1) % 20]): 1 for i in range(20)}
    weights.update({(nodes[i], nodes[(i + 7) % 20]): 1 for i in range(0, 20, 3)})
    arcs, exact = g.feedback_arcs(nodes, weights)
    assert not exact
    rest = [e for e in weights if e not in arcs]
    assert g.strongly_connected({n: [t for s, t in rest if s == n] for n in nodes}) == []


def test_metrics_martin() -> None:
    imports = [
        g.Import("app.ui.x", "app.core.y", "ui/x.py", 1),
        g.Import("app.db.z", "app.core.y", "db/z.py", 3),
        g.Import("app.ui.x", "app.db.z", "ui/x.py", 2),
    ]
    mg = g.build(["app.ui.x", "app.core.y", "app.db.z"], imports, 2)
    m = {r.module: r for r in g.metrics(mg, {"app.core": (4, 3)})}
    assert (m["app.core"].fan_in, m["app.core"].fan_out, m["app.core"].instability) == (2, 0, 0.0)
    assert m["app.core"].abstractness == 0.75 and m["app.core"].distance == 0.25
    assert m["app.ui"].instability == 1.0 and m["app.ui"].distance == 0.0
    assert m["app.db"].instability == 0.5


def test_auto_depth() -> None:
    assert g.auto_depth(["django", "django.db.models", "django.http"]) == 2
    assert g.auto_depth(["src/api/a", "src/db/b"]) == 2


@pytest.mark.parametrize(
    ("value", "kind", "hit"),
    [
        ("psycopg2_binary", "pypi", True),
        ("github.com/jackc/pgx/v5", "go", True),
        ("pgxx", "pypi", False),
    ],
)
def test_package_matching(value: str, kind: str, hit: bool) -> None:
    from archwise.analyze.manifests import Signal
    from archwise.kb.schemas.technology import Detect

    m = Matcher(
        [("PostgreSQL", "database", Detect(pypi=["psycopg2-binary"], go=["github.com/jackc/pgx"]))]
    )
    found = m.detect([Signal(kind, value, "f", 1)], [])
    assert bool(found) is hit


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("Rust", 'let u = r#"http://x"#; // c\n/* a\nb */ let v = 1;\n', (3, 2, 1)),
        ("Lua", "x = 1 -- c\n--[[ a\nb ]]\ny = 'a--b'\n", (4, 2, 2)),
        ("HTML", "<p>a</p>\n<!-- c\nd -->\n<i>x</i>\n", (4, 2, 2)),
        ("Ruby", "a = 1\n=begin\nx\n=end\nb = '#not'\n# c\n", (6, 2, 4)),
        ("Go", "s := `raw // not\ncomment`\n// yes\n", (3, 2, 1)),
        ("Python", "s = 'a\\'# x'  # real\nt = \"\"  # e\n", (2, 2, 0)),
        # a last line without a newline that is all comment is a comment line, not code
        ("Python", "x = 1\n# c", (2, 1, 1)),
        ("C", "int x;\n/* a\n b */", (3, 1, 2)),
    ],
)
def test_comment_forms(lang: str, text: str, expected: tuple[int, int, int]) -> None:
    c = count(text, BY_NAME[lang])
    assert (c.lines, c.code, c.comment) == expected
    assert c.code + c.comment + c.blank == c.lines


def test_counts_always_add_up() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ab #/*'\"\\\n-<!>`r{}="))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=60), st.sampled_from(["Python", "C", "Rust", "Lua", "HTML"]))
    def check(text: str, lang: str) -> None:
        c = count(text, BY_NAME[lang])
        assert c.code + c.comment + c.blank == c.lines
        assert min(c.code, c.comment, c.blank) >= 0
        if text and not text.endswith("\n"):
            # the newline a last line lacks changes nothing
            n = count(text + "\n", BY_NAME[lang])
            assert (n.lines, n.code, n.comment, n.blank) == (c.lines, c.code, c.comment, c.blank)

    check()


def test_sifting_never_loses_to_plain_greedy_and_finds_optimum_often() -> None:
    import random

    rnd = random.Random(3)
    hits = 0
    for _ in range(40):
        nodes = [f"n{i}" for i in range(9)]
        weights = {(s, t): 1 for s in nodes for t in nodes if s != t and rnd.random() < 0.3}

        def back(order: list[str], weights: dict[tuple[str, str], int] = weights) -> int:
            pos = {n: i for i, n in enumerate(order)}
            return sum(1 for s, t in weights if pos[s] > pos[t])

        greedy = g._greedy_order(nodes, weights)
        sifted = g._sift(greedy, weights)
        exact = g._exact_order(nodes, weights)
        assert back(sifted) <= back(greedy)
        assert back(sifted) >= back(exact)
        hits += back(sifted) == back(exact)
    assert hits >= 30


@pytest.mark.parametrize(
    ("glob", "path", "hit"),
    [
        ("**/Dockerfile", "Dockerfile", True),
        ("**/Dockerfile", "svc/Dockerfile", True),
        ("**/k8s/**/*.yaml", "k8s/app.yaml", True),
        ("**/k8s/**/*.yaml", "deploy/k8s/base/app.yaml", True),
        ("**/k8s/**/*.yaml", "k8s.yaml", False),
        ("*.tf", "main.tf", True),
    ],
)
def test_file_rules_match_at_the_root_and_below(glob: str, path: str, hit: bool) -> None:
    from archwise.kb.schemas.technology import Detect

    m = Matcher([("T", "tooling", Detect(files=[glob]))])
    assert bool(m.detect([], ["README.md", path])) is hit
