"""The kinds of knowledge-base document, each a folder under kb/data/ validated by one model."""

from __future__ import annotations

# kind (folder under kb/data/) -> "module:Model" of one entry; each file holds a list of entries
# or one entry. Imported lazily so loading one kind never imports the others.
KINDS: dict[str, str] = {
    "technologies": "archwise.kb.schemas.technology:Technology",
    "patterns": "archwise.kb.schemas.pattern:Pattern",
    "questions": "archwise.kb.schemas.question:Question",
    "principles": "archwise.kb.schemas.principle:Principle",
    "checklists": "archwise.kb.schemas.checklist:Checklist",
    "bottlenecks": "archwise.kb.schemas.bottleneck:Bottleneck",
    "prices": "archwise.kb.schemas.price:Price",
    "unpriced": "archwise.kb.schemas.price:Unpriced",
    "rules": "archwise.kb.schemas.rule:Rule",
    "phases": "archwise.kb.schemas.phase:Phase",
    "risks": "archwise.kb.schemas.risk:RiskQuestion",
    "archetypes": "archwise.kb.schemas.archetype:Archetype",
    "concepts": "archwise.kb.schemas.concept:Concept",
    "regions": "archwise.kb.schemas.region:ProviderRegions",
    "places": "archwise.kb.schemas.place:Gazetteer",
}
