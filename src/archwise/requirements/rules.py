"""The `architecture` section of archwise.yaml: layer and dependency rules checked against code."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from archwise.schema import Model


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Layer(_Strict):
    """A named layer and the module patterns that belong to it (top layers first)."""

    name: str = Field(min_length=1)
    modules: list[str] = Field(min_length=1, description="module paths or globs")


class ForbiddenDependency(_Strict):
    """Modules matching `from` may not import modules matching `to`."""

    source: list[str] = Field(alias="from", min_length=1)
    target: list[str] = Field(alias="to", min_length=1)
    reason: str | None = None


class ArchitectureRules(_Strict):
    """Rules the code must keep: layers, forbidden edges, independence, cycles, technologies."""

    root: str | None = Field(None, description="source root to analyse, relative to the file")
    depth: int | None = Field(None, ge=1, description="module grouping depth")
    layers: list[Layer] | None = None
    forbidden: list[ForbiddenDependency] | None = None
    independent: list[list[str]] | None = Field(
        None, description="groups that may not import each other"
    )
    acyclic: bool | None = Field(None, description="no import cycles between modules")
    allowed_technologies: list[str] | None = Field(None, description="only these may be used")
    respect_radar: bool | None = Field(None, description="technologies on hold are violations")
    baseline: str | None = Field(None, description="baseline file of accepted violations")
    exclude: list[str] | None = Field(
        None, description="modules left out of every rule (patterns, e.g. generated code)"
    )
    include_tests: bool | None = Field(
        None, description="check test and example code too (left out by default)"
    )
