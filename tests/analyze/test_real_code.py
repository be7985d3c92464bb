"""Real installed code: the Python graph against grimp's own, line counts against cloc."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

from archwise.analyze.engine import analyze
from tests.conftest import require_in_ci


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        require_in_ci(f"{name} is not installed (pip install '.[dev]')")
    return Path(spec.origin).parent  # type: ignore[union-attr]


def test_python_graph_equals_grimp() -> None:
    import grimp

    package = "django"
    root = _package_dir(package)
    a = analyze(root, [], git=False, include_tests=True)  # grimp graphs django.test too
    theirs = grimp.build_graph(package, cache_dir=None)
    their_edges = {
        (m, t) for m in theirs.modules for t in theirs.find_modules_directly_imported_by(m)
    }
    assert set(a.modules) >= {m for m in theirs.modules}
    python_modules = {m for m in a.modules if m.split(".", 1)[0] == package}
    assert python_modules == set(theirs.modules)
    ours = {(i.source, i.target) for i in a.imports if i.source in python_modules}
    assert ours == their_edges
    assert len(ours) > 500  # a real graph, not an empty one
    assert a.engines[package] == "grimp"


def test_ast_fallback_agrees_with_grimp_on_a_real_package() -> None:
    """The ast reader (used for trees that are not packages) finds the same edges as grimp."""
    import grimp

    from archwise.analyze.pygraph import python_graph

    root = _package_dir("django")
    db_files = sorted(p.relative_to(root).as_posix() for p in (root / "db").rglob("*.py"))
    paths = ["__init__.py", *db_files]
    ours = python_graph(root, paths, use_grimp=False)
    theirs = grimp.build_graph("django", cache_dir=None)
    # only django.db is listed: imports of the rest of django resolve to the top package
    mods = {m for m in theirs.modules if m.startswith("django.db")}
    their_edges = {
        (m, t) for m in mods for t in theirs.find_modules_directly_imported_by(m) if t in mods
    }
    our_edges = {(i.source, i.target) for i in ours.imports if i.target in mods}
    missing = their_edges - our_edges
    extra = our_edges - their_edges
    assert len(missing) <= 0.02 * len(their_edges), sorted(missing)[:10]
    assert len(extra) <= 0.02 * len(their_edges), sorted(extra)[:10]


def test_line_counts_agree_with_cloc() -> None:
    cloc = shutil.which("cloc")
    if cloc is None:
        require_in_ci("cloc is not installed (apt-get install cloc)")
    root = _package_dir("django")
    for sub in ("db", "contrib/admin/static/admin/js"):
        folder = root / sub
        proc = subprocess.run(
            [
                str(cloc),
                "--json",
                "--quiet",
                "--skip-uniqueness",
                "--exclude-dir=vendor",
                str(folder),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(proc.stdout)
        a = analyze(folder, [], git=False, jobs=2)
        single = analyze(folder, [], git=False)
        assert [(f.path, f.counts) for f in a.files] == [(f.path, f.counts) for f in single.files]
        ours: dict[str, list[int]] = {}
        for f in a.files:
            row = ours.setdefault(f.language, [0, 0, 0])
            row[0] += f.counts.code
            row[1] += f.counts.comment
            row[2] += f.counts.blank
        for lang in ("Python", "JavaScript"):
            if lang not in theirs:
                continue
            code, comment, blank = ours[lang]
            t = theirs[lang]
            assert blank == t["blank"], (sub, lang)
            assert code + comment == t["code"] + t["comment"], (sub, lang)
            assert abs(code - t["code"]) <= 0.03 * t["code"], (sub, lang, code, t["code"])
