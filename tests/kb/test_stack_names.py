"""The catalogue's names read as plain data equal what the analyzer's validated loader reads."""

from __future__ import annotations

from archwise.analyze.catalog import load_catalog
from archwise.kb.stack_names import stack_names


def test_every_catalogue_entry_is_read_with_its_category_and_aliases() -> None:
    loaded = [(e.name, e.category, tuple(e.aliases)) for e in load_catalog()]
    assert list(stack_names()) == loaded
    assert len(loaded) > 3000
