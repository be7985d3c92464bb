"""Install the archwise skill for a coding agent into a repository, and take it out again."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from archwise.agent.targets import (
    TARGETS,
    Artifact,
    artifacts,
    canonical_json,
    find_block,
    render_block,
)
from archwise.errors import InputError
from archwise.fileio import atomic_write, read_text

MANIFEST = ".archwise/agent-install.json"

Action = Literal["create", "update", "unchanged", "conflict", "remove", "kept", "gone"]


@dataclass
class Step:
    """What happens (or happened) to one artifact."""

    path: str
    kind: str
    action: Action
    detail: str = ""


@dataclass
class Outcome:
    """The result of an install or uninstall: each step, and whether anything was written."""

    target: str
    root: str
    steps: list[Step] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def conflicts(self) -> list[Step]:
        """The steps refused because the user changed what archwise wrote."""
        return [s for s in self.steps if s.action in {"conflict", "kept"}]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_root(root: Path) -> Path:
    if not root.exists():
        raise InputError("repository folder does not exist", file=root)
    if not root.is_dir():
        raise InputError("expected the repository's folder, got a file", file=root)
    return root.resolve()


def _inside(root: Path, rel: str) -> Path:
    """The artifact's path, refusing one that a symlink would carry outside the repository."""
    p = root / rel
    resolved = p.resolve()
    if resolved != root and root not in resolved.parents:
        raise InputError(
            f"{rel} leads outside the repository (through a symbolic link); not writing there",
            file=p,
        )
    if p.exists() and not p.is_file():
        raise InputError(f"{rel} exists and is not a regular file", file=p)
    return p


def _load_manifest(root: Path) -> dict[str, Any]:
    p = root / MANIFEST
    if not p.exists():
        return {"version": 1, "targets": {}}
    try:
        data = json.loads(read_text(p, what="install record"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=p, line=exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
        raise InputError("not an archwise install record", file=p, field="targets")
    return data


def _save_manifest(root: Path, data: dict[str, Any]) -> None:
    p = root / MANIFEST
    if not data["targets"]:
        if p.exists():
            p.unlink()
            _prune_dirs(root, p.parent)
        return
    atomic_write(p, json.dumps(data, indent=2, sort_keys=True) + "\n")


def _prune_dirs(root: Path, folder: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _read_json(p: Path) -> dict[str, Any]:
    text = read_text(p, what="JSON file")
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=p, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise InputError("expected a JSON object at the top", file=p)
    return data


def _get(data: dict[str, Any], key: tuple[str, ...]) -> Any:
    node: Any = data
    for part in key:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _current(p: Path, art: Artifact) -> str | None:
    """The text of what this artifact covers as it stands now, or None when absent."""
    if not p.exists():
        return None
    if art.kind == "file":
        return read_text(p)
    if art.kind == "json-key":
        value = _get(_read_json(p), art.key)
        return None if value is None else canonical_json(value)
    found = find_block(read_text(p), art.comment)
    return None if found is None else found[2]


def _desired(art: Artifact) -> str:
    return canonical_json(art.value) if art.kind == "json-key" else art.content


def _write(p: Path, art: Artifact) -> None:
    if art.kind == "file":
        atomic_write(p, art.content)
        return
    if art.kind == "json-key":
        data = _read_json(p) if p.exists() else {}
        node = data
        for part in art.key[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise InputError(f"{part} is not a JSON object", file=p, field=part)
        node[art.key[-1]] = art.value
        atomic_write(p, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    text = read_text(p) if p.exists() else ""
    block = render_block(art.content, art.comment)
    found = find_block(text, art.comment)
    if found is None:
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        text = f"{text}{sep}{block}"
    else:
        text = text[: found[0]] + block + text[found[1] :]
    atomic_write(p, text)


def _remove(root: Path, p: Path, art: Artifact, created: bool) -> None:
    if art.kind == "file":
        p.unlink()
    elif art.kind == "json-key":
        data = _read_json(p)
        parents = [data]
        for part in art.key[:-1]:
            parents.append(parents[-1][part])
        del parents[-1][art.key[-1]]
        for depth in range(len(art.key) - 1, 0, -1):
            if not parents[depth]:
                del parents[depth - 1][art.key[depth - 1]]
        if not data and created:
            p.unlink()
        else:
            atomic_write(p, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        text = read_text(p)
        found = find_block(text, art.comment)
        if found is not None:
            before, after = text[: found[0]].rstrip("\n"), text[found[1] :].lstrip("\n")
            rest = f"{before}\n{after}".strip("\n")
            if not rest and created:
                p.unlink()
            else:
                atomic_write(p, rest + "\n" if rest else "")
    if not p.exists():
        _prune_dirs(root, p.parent)


def install(target: str, root: Path, *, dry_run: bool = False) -> Outcome:
    """Write the target's files; refuse everything when a file the user changed is in the way."""
    if target not in TARGETS:
        raise InputError(
            f"unknown agent '{target}'; choose one of {', '.join(TARGETS)}", field="--for"
        )
    root = _check_root(root)
    manifest = _load_manifest(root)
    recorded = {e["label"]: e for e in manifest["targets"].get(target, [])}
    out = Outcome(target, str(root), dry_run=dry_run)
    plan: list[tuple[Artifact, Path, bool]] = []
    for art in artifacts(target):
        p = _inside(root, art.path)
        now = _current(p, art)
        want = _desired(art)
        rec = recorded.get(art.label)
        if now == want:
            out.steps.append(Step(art.label, art.kind, "unchanged"))
            plan.append((art, p, False))
        elif now is None:
            out.steps.append(Step(art.label, art.kind, "create"))
            plan.append((art, p, True))
        elif rec is not None and _sha(now) == rec["sha256"]:
            out.steps.append(Step(art.label, art.kind, "update", "newer archwise content"))
            plan.append((art, p, True))
        else:
            why = (
                "changed since archwise wrote it"
                if rec is not None
                else "exists and was not written by archwise"
            )
            out.steps.append(Step(art.label, art.kind, "conflict", why))
    if out.conflicts or dry_run:
        return out
    entries = []
    for art, p, needs_write in plan:
        existed = p.exists()
        if needs_write:
            _write(p, art)
            out.written = True
        rec = recorded.get(art.label)
        created = rec["created"] if rec is not None else not existed
        entries.append(
            {
                "label": art.label,
                "path": art.path,
                "kind": art.kind,
                "sha256": _sha(_desired(art)),
                "created": created,
                "key": list(art.key),
                "comment": art.comment,
            }
        )
    if manifest["targets"].get(target) != entries:
        manifest["targets"][target] = entries
        _save_manifest(root, manifest)
        out.written = True
    return out


def uninstall(
    root: Path, targets: list[str] | None = None, *, dry_run: bool = False
) -> list[Outcome]:
    """Remove what install wrote for these targets (all recorded ones by default)."""
    root = _check_root(root)
    manifest = _load_manifest(root)
    chosen = targets or sorted(manifest["targets"])
    for t in chosen:
        if t not in TARGETS:
            raise InputError(
                f"unknown agent '{t}'; choose one of {', '.join(TARGETS)}", field="--for"
            )
    outcomes = []
    for target in chosen:
        out = Outcome(target, str(root), dry_run=dry_run)
        remaining = []
        for entry in manifest["targets"].get(target, []):
            art = Artifact(
                entry["path"],
                entry["kind"],
                key=tuple(entry.get("key", ())),
                comment=entry.get("comment", "#"),
            )
            p = _inside(root, entry["path"])
            now = _current(p, art)
            if now is None:
                out.steps.append(Step(entry["label"], entry["kind"], "gone"))
                continue
            if _sha(now) != entry["sha256"]:
                out.steps.append(
                    Step(entry["label"], entry["kind"], "kept", "changed since archwise wrote it")
                )
                remaining.append(entry)
                continue
            out.steps.append(Step(entry["label"], entry["kind"], "remove"))
            if not dry_run:
                _remove(root, p, art, bool(entry.get("created")))
                out.written = True
        if not dry_run:
            if remaining:
                manifest["targets"][target] = remaining
            else:
                manifest["targets"].pop(target, None)
        outcomes.append(out)
    if not dry_run:
        _save_manifest(root, manifest)
    return outcomes
