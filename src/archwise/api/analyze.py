"""Public API of codebase analysis: `analyze` a tree and `check` it against rules and ADRs."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from archwise.errors import InputError

SNAPSHOT_KIND = "analyze"
DIAGRAMS = ("mermaid", "dot")
DEFAULT_BASELINE = "archwise-baseline.json"

Progress = Callable[[int, int, str], None]

__all__ = ["DEFAULT_BASELINE", "Progress", "analyze", "check"]


def _root(path: str | Path) -> Path:
    root = Path(path).expanduser()
    if not root.exists():
        raise InputError("no such folder", file=root, field="PATH")
    if not root.is_dir():
        raise InputError("expected a folder to analyse, got a file", file=root, field="PATH")
    return root.resolve()


def _kb(kb_dirs: Sequence[Path], radar: Path | None = None) -> Any:
    from archwise.kb.loader import load_kb

    return load_kb(tuple(kb_dirs), radar)


# one merged rule list per knowledge base object and catalogue files' state: the engine
# compiles a rule list's matcher once (by the rules' identity), so a process analysing many
# trees (the web server, the benchmarks, the tests) pays for the compile once
_RULES: dict[tuple[Any, ...], tuple[Any, list[Any]]] = {}
_RULES_LOCK = threading.Lock()


def _tech_rules(kb: Any, kb_dirs: Sequence[Path] = ()) -> list[Any]:
    """The KB's technologies and the stack catalogue, merged under the KB's canonical names."""
    from archwise.analyze.catalog import catalogue_files
    from archwise.kb.loader import file_stamps

    key = (id(kb), file_stamps(catalogue_files(tuple(kb_dirs))))
    with _RULES_LOCK:
        hit = _RULES.get(key)
    if hit is not None and hit[0] is kb:
        return hit[1]
    rules = _stored_rules(kb, kb_dirs, key[1])
    with _RULES_LOCK:
        if len(_RULES) >= 4:
            _RULES.pop(next(iter(_RULES)))
        _RULES[key] = (kb, rules)  # the knowledge base is kept, so its id stays its own
    return rules


def _stored_rules(kb: Any, kb_dirs: Sequence[Path], stamps: tuple[Any, ...]) -> list[Any]:
    """The merged rules from the per-user cache, keyed by the code, the knowledge base's
    technologies and the catalogue files' stamps; merged and stored on a miss.

    Loading 5,000 catalogue entries and merging them was most of a one-shot `archwise analyze`
    on a small tree; the merged rules are plain dataclasses, quick to unpickle."""
    import hashlib

    from archwise.cache import cache_dir, code_stamp, load_pickle, save_pickle

    folder = cache_dir("tech-rules")
    path = None
    if folder is not None:
        pkg = Path(__file__).resolve().parent.parent
        code = code_stamp(pkg / "api", pkg / "analyze", pkg / "kb", pkg / "kb" / "schemas")
        digest = hashlib.sha256(code.encode())
        digest.update(repr(stamps).encode())
        for t in sorted(kb.technologies.values(), key=lambda t: str(t.name)):
            digest.update(repr((t.name, t.category, t.aliases, t.detect)).encode())
        path = folder / f"{digest.hexdigest()}.pickle"
        hit = load_pickle(path)
        if isinstance(hit, list):
            return hit
    rules = _merged_rules(kb, kb_dirs)
    if path is not None:
        save_pickle(path, rules)
    return rules


def _merged_rules(kb: Any, kb_dirs: Sequence[Path] = ()) -> list[Any]:
    from archwise.analyze.catalog import load_catalog
    from archwise.analyze.detect import Rules
    from archwise.analyze.engine import TechRule

    merged: dict[str, tuple[str, Rules]] = {}
    spelled: dict[str, str] = {}
    for t in kb.technologies.values():
        rules = Rules()
        rules.merge(t.detect)
        merged[t.name] = (t.category, rules)
        spelled[t.name.casefold()] = t.name
        for a in t.aliases:
            spelled.setdefault(a.casefold(), t.name)
    for e in load_catalog(tuple(kb_dirs)):
        # the KB's spelling when it has the entry; an alias is not enough (the KB calls Docker
        # Compose "Docker", the catalogue keeps them apart)
        name = e.name
        for candidate in (e.name, *e.aliases):
            entry = kb.find(candidate)
            if entry is not None and str(entry.name).casefold() == candidate.casefold():
                name = str(entry.name)
                break
        if name not in merged:
            merged[name] = (e.category, Rules())
        merged[name][1].merge(e)
        spelled[e.name.casefold()] = name
        for a in e.aliases:
            spelled.setdefault(a.casefold(), name)
    # hidden_by and only_with name technologies as the catalogue spells them
    for _cat, rules in merged.values():
        rules.hidden_by = [spelled.get(n.casefold(), n) for n in rules.hidden_by]
        rules.only_with = [spelled.get(n.casefold(), n) for n in rules.only_with]
    return [TechRule(name, cat, rules) for name, (cat, rules) in sorted(merged.items())]


def _checklist(kb: Any) -> list[Any]:
    from archwise.analyze.engine import ChecklistItem

    for doc in kb.documents("checklists"):
        if getattr(doc, "id", None) == "observability":
            return [ChecklistItem(i.id, i.text, i.required, i.detect) for i in doc.items]
    return []


def _run(
    root: Path,
    kb: Any,
    depth: int | None,
    max_bytes: int | None,
    progress: Progress | None,
    jobs: int | None = None,
    *,
    kb_dirs: Sequence[Path] = (),
    include_tests: bool = False,
    exclude: Sequence[str] = (),
) -> Any:
    from archwise.analyze.engine import analyze as run
    from archwise.analyze.scan import MAX_FILE_BYTES

    if depth is not None and depth < 1:
        raise InputError("depth must be 1 or more", field="--depth")
    return run(
        root,
        _tech_rules(kb, kb_dirs),
        _checklist(kb),
        depth=depth,
        max_bytes=max_bytes or MAX_FILE_BYTES,
        progress=progress,
        jobs=jobs,
        include_tests=include_tests,
        exclude=exclude,
    )


def _store(root: Path, db: str | None) -> Any:
    """The store of the workspace holding root; a folder outside the current workspace that
    has none of its own is recorded in the current one, so nothing is written into it."""
    from archwise.store import open_store
    from archwise.workspace import REQUIREMENTS_FILE, STATE_DIR, find_root, open_workspace

    current = open_workspace()
    if current.contains(root):
        return open_store(db, workspace=current)
    own = find_root(root, walk=True)
    if (own / REQUIREMENTS_FILE).is_file() or (own / STATE_DIR).is_dir():
        return open_store(db, workspace=open_workspace(root, walk=True))
    return open_store(db, workspace=current)


def analyze(
    path: str | Path = ".",
    *,
    depth: int | None = None,
    kb_dirs: Sequence[Path] = (),
    max_bytes: int | None = None,
    progress: Progress | None = None,
    save: bool = True,
    diff: bool = False,
    db: str | None = None,
    jobs: int | None = None,
    include_tests: bool = False,
    diagram: str | None = None,
) -> dict[str, Any]:
    """Analyse a tree and save a snapshot; with diff, add what changed since the last one.

    include_tests: test and example code joins the module graph; diagram ('mermaid' or 'dot'):
    the document gains the services-and-modules diagram in that language.
    """
    from archwise.analyze.report import diff as diff_docs
    from archwise.analyze.report import to_document

    root = _root(path)
    kb = _kb(kb_dirs)
    if jobs is not None and jobs < 1:
        raise InputError("jobs must be 1 or more", field="--jobs")
    if diagram is not None and diagram not in DIAGRAMS:
        raise InputError(
            f"unknown diagram {diagram!r}; use {' or '.join(DIAGRAMS)}", field="--diagram"
        )
    doc = to_document(
        _run(
            root,
            kb,
            depth,
            max_bytes,
            progress,
            jobs,
            kb_dirs=kb_dirs,
            include_tests=include_tests,
        )
    )
    if diagram is not None:
        from archwise.analyze.diagram import render

        doc["diagram"] = {"language": diagram, "text": render(doc, diagram)}
    if diff or save:
        store = _store(root, db)
        subject = str(root)
        if diff:
            last = store.latest_snapshot(SNAPSHOT_KIND, subject)
            if last is None:
                doc["diff"] = None
                doc["diff_note"] = "no earlier snapshot of this tree; this run is the first"
            else:
                doc["diff"] = diff_docs(last.payload, doc)
                doc["diff_since"] = {"snapshot": last.id, "created_at": last.created_at}
        if save:
            doc["snapshot"] = store.save_snapshot(SNAPSHOT_KIND, subject, _payload(doc))
    return doc


def _payload(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in ("diff", "diff_since", "diff_note", "diagram")}


def _load_rules(root: Path, rules_file: Path | None) -> tuple[Any, Path | None]:
    from archwise import yamlio
    from archwise.requirements.rules import ArchitectureRules

    candidates = [rules_file] if rules_file is not None else [root / "archwise.yaml"]
    for file in candidates:
        if file is None:
            continue
        if not file.exists():
            if rules_file is not None:
                raise InputError("rules file not found", file=file, field="--rules")
            continue
        data = yamlio.load(file, what="rules file")
        if not isinstance(data, dict):
            raise InputError("rules file must be a mapping", file=file, line=1)
        if "architecture" not in data and rules_file is not None:
            unknown = sorted(str(k) for k in data if k not in ArchitectureRules.model_fields)
            if len(unknown) == len(data):
                raise InputError(
                    "no `architecture:` section; put the rules under `architecture:` or at the "
                    "top level of their own file (layers, forbidden, independent, acyclic, ...)",
                    file=file,
                    line=1,
                    field="architecture",
                )
        node = data.get("architecture", data if rules_file is not None else None)
        if node is None:
            return ArchitectureRules(), file
        if not isinstance(node, dict):
            raise InputError(
                "must be a mapping of rules",
                file=file,
                line=yamlio.line_of(data, ("architecture",)),
                field="architecture",
            )
        return yamlio.validate(ArchitectureRules, node, file=file), file
    return ArchitectureRules(), None


def _read_baseline(file: Path) -> dict[str, int]:
    from archwise.fileio import read_text

    try:
        data = json.loads(read_text(file, what="baseline file"))
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", file=file) from None
    accepted = data.get("violations") if isinstance(data, dict) else None
    if not isinstance(accepted, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v >= 0 for k, v in accepted.items()
    ):
        raise InputError(
            'expected {"version": 1, "violations": {FINGERPRINT: COUNT}}', file=file, line=1
        )
    return dict(accepted)


def _adr_claims(root: Path) -> list[Any]:
    from archwise.adr.collection import is_record_name
    from archwise.analyze.drift import read_claims
    from archwise.fileio import read_text
    from archwise.workspace import Workspace, open_workspace

    # the checked folder's own records first; else those of the workspace around it
    folder = Workspace(root=root).adr_dir()
    if not folder.is_dir():
        folder = open_workspace(root, walk=True).adr_dir()
    if not folder.is_dir():
        return []
    out = []
    for file in sorted(folder.rglob("*.md")):
        if not is_record_name(file.name):
            continue  # READMEs, indexes and templates are not decisions
        try:
            rel = file.resolve().relative_to(root).as_posix()
        except ValueError:
            rel = str(file)
        try:
            out.append(read_claims(read_text(file, what="ADR"), rel))
        except InputError:
            continue
    return out


_RULE_KEYS = (
    "layers",
    "forbidden",
    "independent",
    "acyclic",
    "allowed_technologies",
    "respect_radar",
)


NOTHING_TO_CHECK = (
    "nothing to check: no architecture rules (layers, forbidden, independent, acyclic, "
    "allowed_technologies, respect_radar) and no accepted ADR with assertions; add an "
    "`architecture:` section (see docs/analyze.md)"
)


def _nothing_to_check(rules: Any, claims: list[Any]) -> bool:
    """True when a check would check nothing: no rules and no accepted ADR assertions."""
    if any(getattr(rules, k) for k in _RULE_KEYS):
        return False
    return not any(c.counts and c.assertions for c in claims)


def _patterns_match(rules: Any, rules_path: Path | None, analysis: Any) -> None:
    """A module pattern that matches no module is a typo that would make its rule pass."""
    from archwise import yamlio
    from archwise.analyze.graph import matches

    modules = list(analysis.modules)
    if analysis.graph is not None:
        modules += analysis.graph.nodes
    if not modules:
        return
    checks: list[tuple[tuple[str | int, ...], str]] = []
    for i, ly in enumerate(rules.layers or []):
        checks += [(("layers", i, "modules", j), p) for j, p in enumerate(ly.modules)]
    for i, fd in enumerate(rules.forbidden or []):
        checks += [(("forbidden", i, "from", j), p) for j, p in enumerate(fd.source)]
        checks += [(("forbidden", i, "to", j), p) for j, p in enumerate(fd.target)]
    for i, group in enumerate(rules.independent or []):
        checks += [(("independent", i, j), p) for j, p in enumerate(group)]
    bad = [(loc, p) for loc, p in checks if not any(matches(m, p) for m in modules)]
    if not bad:
        return
    data = None
    if rules_path is not None:
        data = yamlio.load(rules_path, what="rules file")
        if isinstance(data, dict) and "architecture" in data:
            data = data["architecture"]
    from archwise.errors import Problem

    problems = []
    for loc, p in bad:
        line = yamlio.line_of(data, loc) if data is not None else None
        field = ".".join(str(x) for x in loc)
        problems.append(
            Problem(
                f"pattern {p!r} matches no module (a typo would make this rule pass); "
                f"modules look like: {', '.join(sorted(modules)[:3])}",
                str(rules_path) if rules_path else None,
                line,
                field,
            )
        )
    raise InputError(problems=problems)


def check(
    path: str | Path = ".",
    *,
    rules_file: Path | None = None,
    baseline: Path | None = None,
    update_baseline: bool = False,
    kb_dirs: Sequence[Path] = (),
    radar: Path | None = None,
    progress: Progress | None = None,
    require_rules: bool = False,
) -> dict[str, Any]:
    """Check a tree against its architecture rules and accepted ADRs; `passed` is the verdict.

    With nothing to check (no rules, no accepted ADR assertions) `passed` is None and
    `nothing_checked` says why; require_rules makes that bad input instead (the CLI's choice).
    """
    from archwise.analyze.check import apply_baseline, baseline_of, check_rules
    from archwise.analyze.drift import check_drift
    from archwise.fileio import atomic_write

    root = _root(path)
    rules, rules_path = _load_rules(root, rules_file)
    if radar is None:
        from archwise.workspace import open_workspace

        radar = open_workspace(root, walk=True).radar_file()
    kb = _kb(kb_dirs, radar)
    scan_root = root
    if rules.root:
        base = rules_path.parent if rules_path is not None else root
        scan_root = _root(base / rules.root)
    analysis = _run(
        scan_root,
        kb,
        rules.depth,
        None,
        progress,
        kb_dirs=kb_dirs,
        include_tests=bool(rules.include_tests),
        exclude=rules.exclude or (),
    )
    adr_claims = _adr_claims(root)
    empty = _nothing_to_check(rules, adr_claims)
    if empty and require_rules:
        raise InputError(
            NOTHING_TO_CHECK, file=rules_path or root / "archwise.yaml", field="architecture"
        )
    _patterns_match(rules, rules_path, analysis)

    def canonical(name: str) -> str | None:
        entry = kb.find(name)
        return str(entry.name) if entry is not None else None

    violations = check_rules(analysis, rules, ring=kb.ring, canonical=lambda n: canonical(n) or n)
    layers = [(ly.name, ly.modules) for ly in rules.layers or []]
    claims = adr_claims
    drift, unreadable = check_drift(
        analysis, claims, _tech_rules(kb, kb_dirs), canonical=canonical, layers=layers
    )
    base_file = baseline
    if base_file is None and rules.baseline:
        base = rules_path.parent if rules_path is not None else root
        base_file = base / rules.baseline
    if base_file is None:
        base_file = root / DEFAULT_BASELINE
    accepted_map: dict[str, int] = {}
    if update_baseline:
        accepted_map = baseline_of(violations)
        payload = {"version": 1, "violations": accepted_map}
        atomic_write(base_file, json.dumps(payload, indent=2) + "\n")
    elif base_file.exists():
        accepted_map = _read_baseline(base_file)
    new, accepted, fixed = apply_baseline(violations, accepted_map)
    counted = [c for c in claims if c.counts]
    return {
        "root": str(root),
        "rules": str(rules_path) if rules_path else None,
        "baseline": {
            "file": str(base_file) if (update_baseline or base_file.exists()) else None,
            "accepted": accepted,
            "fixed": fixed,
            "updated": update_baseline,
        },
        "violations": [v.to_dict() for v in new],
        "drift": [v.to_dict() for v in drift],
        "adrs": {
            "read": len(claims),
            "counted": len(counted),
            "assertions": sum(len(c.assertions) for c in counted),
            "ignored": [
                {"file": c.file, "status": c.status}
                for c in claims
                if not c.counts and c.assertions
            ],
            "unreadable_assertions": unreadable,
        },
        "passed": None if empty else (not new and not drift),
        "nothing_checked": NOTHING_TO_CHECK if empty else None,
    }
