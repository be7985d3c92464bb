"""Shared helpers of the recommendation tests: the recommendation of a file, computed once."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CHAT = ROOT / "examples" / "chat-system.yaml"


@functools.lru_cache(maxsize=64)
def recommendation(path: str, weights: str | None = None) -> dict[str, Any]:
    """The --json document of `archwise recommend PATH` (in-process, cached per file)."""
    from archwise.api.recommend import recommend

    return recommend(path, weights=weights).model_dump(mode="json")


@pytest.fixture(scope="module")
def chat() -> dict[str, Any]:
    """The recommendation for the spec's worked example."""
    return recommendation(str(CHAT))
