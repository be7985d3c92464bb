"""The polyglot fixture repository: exact stack, graph, cycles and metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise import yamlio
from archwise.analyze.engine import Analysis, ChecklistItem, TechRule, analyze
from archwise.kb.schemas.checklist import Checklist
from archwise.kb.schemas.technology import Technology
from tests.analyze.repos import KB_FIXTURE, POLYGLOT, write


def fixture_rules() -> tuple[list[TechRule], list[ChecklistItem]]:
    data = yamlio.to_plain(yamlio.load(KB_FIXTURE / "technologies" / "fixture.yaml"))
    techs = [Technology.model_validate(x) for x in data]
    cl = yamlio.load_model(Checklist, KB_FIXTURE / "checklists" / "observability.yaml")
    return (
        [TechRule(t.name, t.category, t.detect) for t in techs],
        [ChecklistItem(i.id, i.text, i.required, i.detect) for i in cl.items],
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("poly"), POLYGLOT)


@pytest.fixture(scope="module")
def result(repo: Path) -> Analysis:
    techs, items = fixture_rules()
    return analyze(repo, techs, items, depth=3, git=False)


def test_exact_stack_with_lines(result: Analysis) -> None:
    stack = {d.name: [(e.file, e.line, e.via) for e in d.evidence] for d in result.stack}
    assert sorted(stack) == [
        "Docker",
        "FastAPI",
        "GitHub Actions",
        "Go",
        "OpenTelemetry",
        "PostgreSQL",
        "Python",
        "React",
        "Redis",
        "Rust",
        "Terraform",
        "Tokio",
    ]
    assert stack["PostgreSQL"][:3] == [
        ("gosvc/go.mod", 6, "go github.com/jackc/pgx/v5"),
        ("jv/pom.xml", 5, "maven org.postgresql:postgresql"),
        ("pyproject.toml", 3, "pypi psycopg"),
    ]
    assert stack["PostgreSQL"][3] == ("docker-compose.yml", 7, "image postgres")
    assert next(d for d in result.stack if d.name == "PostgreSQL").count == 7
    assert stack["Redis"][0] == ("pyproject.toml", 3, "pypi redis")
    assert stack["Tokio"] == [("rs/Cargo.toml", 6, "cargo tokio")]
    assert stack["OpenTelemetry"] == [("web/package.json", 1, "npm @opentelemetry/api")]
    assert stack["Terraform"] == [("infra/main.tf", None, "file")]
    assert stack["GitHub Actions"] == [(".github/workflows/ci.yml", None, "file")]


def test_ignored_and_vendored_files_are_not_counted(result: Analysis) -> None:
    paths = {f.path for f in result.files}
    assert "ignored/secret.py" not in result.all_paths
    assert "debug.log" not in result.all_paths
    assert not any(p.startswith("node_modules/") for p in paths)
    assert ("node_modules/", "vendored or generated folder, skipped") in [
        (n.path, n.reason) for n in result.notes
    ]


def test_exact_languages(result: Analysis) -> None:
    by = {}
    for f in result.files:
        row = by.setdefault(f.language, [0, 0, 0, 0])
        row[0] += 1
        row[1] += f.counts.code
        row[2] += f.counts.comment
        row[3] += f.counts.blank
    assert by["Python"] == [7, 16, 2, 7]
    assert by["TypeScript"] == [3, 9, 2, 0]
    assert by["Go"] == [2, 9, 1, 4]
    assert by["Rust"] == [2, 5, 0, 0]
    assert by["Java"] == [3, 9, 0, 4]


def test_exact_file_graph_every_language(result: Analysis) -> None:
    edges = sorted((i.source, i.target, i.file, i.line) for i in result.imports)
    assert edges == [
        (
            "com.acme.app.Main",
            "com.acme.core.Service",
            "jv/src/main/java/com/acme/app/Main.java",
            3,
        ),
        ("gosvc", "gosvc/internal/store", "gosvc/main.go", 5),
        # `pub mod ops;` is containment; `use crate::ops::add` is the dependency
        ("rs/src/lib", "rs/src/ops", "rs/src/lib.rs", 2),
        ("shop.api.routes", "shop.services.orders", "shop/api/routes.py", 2),
        ("shop.services.orders", "shop.api.routes", "shop/services/orders.py", 2),
        ("shop.services.orders", "shop.db.repo", "shop/services/orders.py", 1),
        ("web/src/app", "web/src/lib/math", "web/src/app.tsx", 1),
        ("web/src/app", "web/src/util/format", "web/src/app.tsx", 2),
        ("web/src/lib/math", "web/src/util/format", "web/src/lib/math.ts", 1),
    ]
    assert result.engines == {
        "shop": "grimp",
        "Go": "tree-sitter",
        "Java": "tree-sitter",
        "Rust": "tree-sitter",
        "TypeScript": "tree-sitter",
    }


def test_cycle_and_cut(result: Analysis) -> None:
    assert [(c, a, e) for c, a, e in result.cycles] == [
        (
            ["shop.api.routes", "shop.services.orders"],
            [("shop.services.orders", "shop.api.routes")],
            True,
        )
    ]


def test_metrics_at_depth_two(repo: Path) -> None:
    techs, items = fixture_rules()
    a = analyze(repo, techs, items, depth=2, git=False)
    m = {r.module: r for r in a.metrics}
    assert a.graph is not None
    assert sorted(a.graph.edges) == [
        ("gosvc", "gosvc/internal"),
        ("shop.api", "shop.services"),
        ("shop.services", "shop.api"),
        ("shop.services", "shop.db"),
    ]
    assert (m["shop.services"].fan_in, m["shop.services"].fan_out) == (1, 2)
    assert m["shop.services"].instability == round(2 / 3, 4)
    assert (m["shop.db"].types, m["shop.db"].abstract_types, m["shop.db"].abstractness) == (
        2,
        1,
        0.5,
    )
    assert m["shop.db"].instability == 0.0 and m["shop.db"].distance == 0.5
    assert (m["com.acme"].types, m["com.acme"].abstract_types) == (3, 1)
    assert m["gosvc/internal"].abstractness == 1.0


def test_services_and_observability(result: Analysis) -> None:
    # the Python app at the root is listed too; db and cache run images built elsewhere
    assert [(s.name, s.folder, s.built) for s in result.services] == [
        (result.root.name, "", True),
        ("gosvc", "gosvc", True),
        ("cache", "", False),
        ("db", "", False),
    ]
    assert [(e.source, e.target, e.via) for e in result.service_edges] == [
        ("gosvc", "db", "env PGHOST")
    ]
    items = {
        r.id: (r.present, [(e.file, e.line) for e in r.evidence])
        for r in result.observability["gosvc"]
    }
    assert items == {
        "tracing": (False, []),
        "structured-logs": (True, [("gosvc/go.mod", 7)]),
        "dashboards": (False, []),
        "log-levels": (None, []),
    }


def test_layered_style_signal(result: Analysis) -> None:
    assert result.style[0].style == "layered"
    assert "2 of 3 imports between tiers point downward" in result.style[0].evidence


def test_exact_stack_with_the_real_knowledge_base(repo: Path) -> None:
    from archwise.api.analyze import analyze as api_analyze

    doc = api_analyze(repo, save=False, depth=3)
    # AWS (the terraform provider) is named by its service S3; Node.js is not named for a React
    # front end's package.json alone (no server framework runs on it)
    assert [s["name"] for s in doc["stack"]] == [
        "Cargo",
        "Docker",
        "Docker Compose",
        "FastAPI",
        "GitHub Actions",
        "Go",
        "Go modules",
        "Java",
        "Maven",
        "npm",
        "OpenTelemetry",
        "pgx",  # the Go service's PostgreSQL driver
        "PostgreSQL",
        "psycopg",  # the Python app's PostgreSQL driver, named beside it as pgx is
        "Python",
        "React",
        "Redis",
        "Rust",
        "S3",  # aws_s3_bucket resource
        "Terraform",
        "Tokio",
        "TypeScript",
        "Zap",
    ]
    pg = next(s for s in doc["stack"] if s["name"] == "PostgreSQL")
    assert [(e["file"], e["line"]) for e in pg["evidence"]][:4] == [
        ("gosvc/go.mod", 6),
        ("jv/pom.xml", 5),
        ("pyproject.toml", 3),
        ("docker-compose.yml", 7),
    ]
    items = {i["id"]: i["present"] for i in doc["observability"]["gosvc"]}
    assert items["structured-logs"] is True and items["tracing"] is False
    assert items["escalation-policy"] is None


def test_automatic_depth_per_top_level_name(repo: Path) -> None:
    a = analyze(repo, [], git=False)
    assert a.graph is not None
    assert a.graph.depth == {"com": 3, "gosvc": 2, "rs": 3, "shop": 2, "web": 3}
    assert a.graph.nodes == [
        "com.acme.app",
        "com.acme.core",
        "gosvc",
        "gosvc/internal",
        "rs/src/lib",
        "rs/src/ops",
        "shop",
        "shop.api",
        "shop.db",
        "shop.services",
        "web/src/app",
        "web/src/lib",
        "web/src/util",
    ]


def test_hotspots_from_git_churn(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        from tests.conftest import require_in_ci

        require_in_ci("git is not installed")
    root = write(tmp_path / "g", {"a.py": "x = 1\n", "b.py": "if x:\n    y = 1\n"})

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "one")
    for i in range(3):
        (root / "a.py").write_text(f"x = {i}\nif x:\n    pass\nfor y in z:\n    pass\n")
        git("commit", "-qam", f"a{i}")
    a = analyze(root, [])
    assert a.churn_source == "git log"
    assert [(h["file"], h["churn"], h["complexity"], h["score"]) for h in a.hotspots] == [
        ("a.py", 4, 3, 12),
        ("b.py", 1, 2, 2),
    ]


def test_progress_is_reported_to_the_end(repo: Path) -> None:
    calls: list[tuple[int, int]] = []
    analyze(repo, [], git=False, progress=lambda done, total, _p: calls.append((done, total)))
    # 26 counted source files plus two manifests without a language (go.mod, .env)
    assert calls and calls[-1][0] == calls[-1][1] == 28


def test_python_src_layout_and_same_package_name_in_two_services(tmp_path: Path) -> None:
    root = write(
        tmp_path / "mono",
        {
            "lib/src/corelib/__init__.py": "",
            "lib/src/corelib/text.py": "def up(s):\n    return s.upper()\n",
            "services/my-api/app/__init__.py": "",
            "services/my-api/app/main.py": "from app import db\nfrom corelib import text\n",
            "services/my-api/app/db.py": "x = 1\n",
            "services/worker/app/__init__.py": "",
            "services/worker/app/main.py": "from app.jobs import run\n",
            "services/worker/app/jobs.py": "def run():\n    pass\n",
        },
    )
    a = analyze(root, [], depth=4, git=False)
    assert a.engines["corelib"] == "grimp"
    assert sorted((i.source, i.target) for i in a.imports) == [
        ("services.my_api.app.main", "corelib.text"),
        ("services.my_api.app.main", "services.my_api.app.db"),
        ("services.worker.app.main", "services.worker.app.jobs"),
    ]
