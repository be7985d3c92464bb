"""The task graph file (`--tasks`): models, and its loading with located errors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from archwise import yamlio
from archwise.errors import InputError, Problem
from archwise.schema import Model

TASK_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"


class _Strict(Model):
    model_config = ConfigDict(extra="forbid")


class Estimate(_Strict):
    """A three-point estimate in working days (PERT)."""

    optimistic: float = Field(ge=0)
    likely: float = Field(ge=0)
    pessimistic: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.optimistic <= self.likely <= self.pessimistic:
            raise ValueError("expected optimistic <= likely <= pessimistic")
        return self

    @property
    def mean(self) -> float:
        """PERT mean: (o + 4m + p) / 6."""
        return (self.optimistic + 4 * self.likely + self.pessimistic) / 6

    @property
    def variance(self) -> float:
        """PERT variance: ((p - o) / 6) squared."""
        return ((self.pessimistic - self.optimistic) / 6) ** 2


class TaskSpec(_Strict):
    """One task: a single duration or a three-point estimate, its dependencies and role."""

    id: str = Field(pattern=TASK_ID)
    name: str = Field(min_length=1)
    duration_days: float | None = Field(None, ge=0, description="working days")
    estimate: Estimate | None = None
    depends_on: list[str] = Field(default_factory=list)
    role: str | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _one_duration(self) -> TaskSpec:
        if self.duration_days is None and self.estimate is None:
            raise ValueError("give duration_days or an estimate {optimistic, likely, pessimistic}")
        if self.duration_days is not None and self.estimate is not None:
            raise ValueError("give duration_days or an estimate, not both")
        return self

    @property
    def duration(self) -> float:
        """Expected duration in working days (the PERT mean for three-point estimates)."""
        if self.estimate is not None:
            return self.estimate.mean
        return float(self.duration_days or 0.0)

    @property
    def variance(self) -> float:
        """Variance of the duration (zero for a single estimate)."""
        return self.estimate.variance if self.estimate is not None else 0.0


class TaskFile(_Strict):
    """A whole task graph file."""

    tasks: list[TaskSpec] = Field(min_length=1)


@dataclass(frozen=True)
class TaskGraph:
    """Validated tasks in file order, with every dependency known and no cycle."""

    tasks: tuple[TaskSpec, ...]
    file: str | None = None
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index:
            object.__setattr__(self, "index", {t.id: i for i, t in enumerate(self.tasks)})

    def task(self, task_id: str) -> TaskSpec:
        """Return the task with this id."""
        return self.tasks[self.index[task_id]]


def find_cycle(ids: list[str], deps: dict[str, list[str]]) -> list[str] | None:
    """Return one dependency cycle as a list of ids (first repeated at the end), or None."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(ids, white)
    for root in ids:
        if colour[root] != white:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = [root]
        colour[root] = grey
        while stack:
            node, i = stack[-1]
            children = [d for d in deps.get(node, []) if d in colour]
            if i < len(children):
                stack[-1] = (node, i + 1)
                child = children[i]
                if colour[child] == grey:
                    start = path.index(child)
                    return [*path[start:], child]
                if colour[child] == white:
                    colour[child] = grey
                    stack.append((child, 0))
                    path.append(child)
            else:
                colour[node] = black
                stack.pop()
                path.pop()
    return None


def check_graph(raw: Any, spec: TaskFile, file: str | None) -> TaskGraph:
    """Check ids, dependencies and cycles of a parsed task file; raise located problems."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, task in enumerate(spec.tasks):
        if task.id in seen:
            problems.append(
                Problem(
                    f"duplicate task id '{task.id}' (first used by tasks[{seen[task.id]}])",
                    file,
                    yamlio.line_of(raw, ("tasks", i, "id")),
                    f"tasks[{i}].id",
                )
            )
        else:
            seen[task.id] = i
    for i, task in enumerate(spec.tasks):
        for j, dep in enumerate(task.depends_on):
            if dep not in seen:
                close = difflib.get_close_matches(dep, list(seen), n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(
                    Problem(
                        f"unknown dependency '{dep}'{hint}",
                        file,
                        yamlio.line_of(raw, ("tasks", i, "depends_on", j)),
                        f"tasks[{i}].depends_on",
                    )
                )
    if not problems:
        ids = [t.id for t in spec.tasks]
        cycle = find_cycle(ids, {t.id: t.depends_on for t in spec.tasks})
        if cycle is not None:
            first = seen[cycle[0]]
            problems.append(
                Problem(
                    "dependency cycle: " + " -> ".join(cycle) + " (a task cannot wait for itself)",
                    file,
                    yamlio.line_of(raw, ("tasks", first, "depends_on")),
                    f"tasks[{first}].depends_on",
                )
            )
    if problems:
        raise InputError(problems=problems)
    return TaskGraph(tasks=tuple(spec.tasks), file=file)


def parse_tasks(text: str, *, file: str | None = None) -> TaskGraph:
    """Parse and check a task graph from YAML text."""
    raw = yamlio.parse(text, file=file)
    if raw is None:
        raise InputError("task file is empty", file=file)
    if not isinstance(raw, dict):
        raise InputError("a task file is a mapping with a 'tasks' list", file=file, line=1)
    spec = yamlio.validate(TaskFile, raw, file=file)
    return check_graph(raw, spec, file)


def load_tasks(path: str | Path) -> TaskGraph:
    """Read, validate and check a task graph file."""
    from archwise.fileio import read_text

    text = read_text(path, what="task file")
    return parse_tasks(text, file=str(path))


def graph_from_specs(tasks: list[TaskSpec]) -> TaskGraph:
    """Build and check a task graph from task models (no file)."""
    spec = TaskFile(tasks=tasks)
    return check_graph({}, spec, None)
