"""A small, fixed knowledge base for unit tests of the engine (independent of the real data)."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.technology import Technology

FIXTURES = Path(__file__).parent / "fixtures" / "kb"

Entry = Technology | Pattern


class FixtureKB:
    """Technologies and patterns from tests/recommend/fixtures/kb, with an optional radar."""

    def __init__(self, rings: dict[str, str] | None = None) -> None:
        y = YAML(typ="safe")
        techs = y.load((FIXTURES / "technologies" / "fixture.yaml").read_text(encoding="utf-8"))
        pats = y.load((FIXTURES / "patterns" / "fixture.yaml").read_text(encoding="utf-8"))
        self.entries: list[Entry] = [Technology.model_validate(t) for t in techs]
        self.entries += [Pattern.model_validate(p) for p in pats]
        self.rings = rings or {}

    def candidates(self, topic: str) -> list[Entry]:
        """Entries for a topic, sorted by name."""
        found = [e for e in self.entries if topic in e.topics]
        return sorted(found, key=lambda e: e.name.casefold())

    def find(self, name: str) -> Entry | None:
        """An entry by name or alias."""
        key = name.casefold()
        for e in self.entries:
            if key in {e.name.casefold(), *(a.casefold() for a in e.aliases)}:
                return e
        return None

    def ring(self, name: str) -> str | None:
        """The radar ring of an entry."""
        return self.rings.get(name)
