"""What a front end shows of a recommendation's hard problems: the lead, then the rest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def hard_problems_shown(rec: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The hard problems a recommendation (as JSON data) leads with, and what is also worth a look.

    `lead` is the recommendation's ranked `hard_problems` (the strongest evidence first, capped
    as the CLI's opening line), each with the name of the archetype it comes from. `also` holds,
    in the order the archetypes matched, each archetype's problems the lead leaves out, and the
    matched archetypes none of whose problems lead (the names the CLI lists after "Also worth a
    look", marked `led: false`), with the evidence that matched them.
    """
    archetypes = [a for a in rec.get("archetypes") or [] if isinstance(a, Mapping)]
    names = {str(a.get("id")): str(a.get("name") or a.get("id")) for a in archetypes}
    lead: list[dict[str, Any]] = []
    for hp in rec.get("hard_problems") or []:
        source = str(hp.get("archetype") or "")
        lead.append({**hp, "archetype_name": names.get(source, source)})
    led = {str(hp.get("problem")) for hp in lead}
    shown = {str(hp.get("archetype")) for hp in lead}
    also: list[dict[str, Any]] = []
    for a in archetypes:
        rest = [hp for hp in a.get("hard_problems") or [] if str(hp.get("problem")) not in led]
        if rest or str(a.get("id")) not in shown:
            also.append({**a, "hard_problems": rest, "led": str(a.get("id")) in shown})
    return {"lead": lead, "also": also}
