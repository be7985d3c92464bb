from collections.abc import Iterator
from typing import Any

import pytest
import typer.testing

from tests.store.backends import db_url

__all__ = ["db_url"]

_BUILT: dict[int, tuple[Any, Any]] = {}


@pytest.fixture(autouse=True)
def _build_the_cli_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Typer rebuilds the whole command tree on every in-process invoke; build it once here."""
    real = typer.testing._get_command

    def cached(app: Any) -> Any:
        if id(app) not in _BUILT:
            _BUILT[id(app)] = (app, real(app))
        return _BUILT[id(app)][1]

    monkeypatch.setattr(typer.testing, "_get_command", cached)
    yield
