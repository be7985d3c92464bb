"""Plain-language views of api results for the pages: reasons, confidence, sensitivity, costs."""

from __future__ import annotations

import re
from typing import Any

# "consistency 1.00 x4: offers ..." or "data_model_fit 0.70 x4: ..." -> the words after the colon.
_SCORED = re.compile(r"\b[a-z_]+ -?\d+(?:\.\d+)? x-?\d+(?:\.\d+)?: ")
_SCORE_NOTE = re.compile(r"\s*\((?:score )?-?\d\.\d+\)")
_BONUS = re.compile(r"; [+-]\d+(?:\.\d+)?: ")


def criterion_words(name: str) -> str:
    """A criterion id as words: data_model_fit -> data model fit."""
    return name.replace("_", " ")


def plain(reason: str) -> str:
    """A scoring-trace reason in plain words (the numbers stay in the trace)."""
    text = _SCORED.sub("", reason)
    text = _BONUS.sub("; ", text)
    text = re.sub(r"^score -?\d\.\d+$", "", text)
    return text.strip()


def verdict_reasons(rec: dict[str, Any]) -> list[str]:
    """The recommendation's reasons in words, without one that repeats the hard problems shown."""
    problems = [
        str(h.get("problem", ""))
        for a in rec.get("archetypes") or []
        for h in a.get("hard_problems") or []
        if h.get("problem")
    ]
    out = []
    for reason in (rec.get("recommendation") or {}).get("why") or []:
        text = plain(str(reason))
        if text and not (problems and any(p in text for p in problems)):
            out.append(text)
    return out


def hard_problems(rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The hard problems the recommendation leads with, and the rest ("also worth a look")."""
    from archwise.api.recommend import hard_problems_shown

    return hard_problems_shown(rec)


def confidence(value: float | None) -> dict[str, Any]:
    """A 0..1 confidence as a percentage with a word and what the word means."""
    if value is None:
        return {"percent": None, "word": "unknown", "means": "no confidence was computed"}
    pct = round(max(0.0, min(1.0, float(value))) * 100)
    if value >= 0.67:
        return {"percent": pct, "word": "high", "means": "clearly ahead of the alternatives"}
    if value >= 0.34:
        means = "ahead, but an unknown could change it"
        return {"percent": pct, "word": "moderate", "means": means}
    return {"percent": pct, "word": "low", "means": "the alternatives are close behind"}


def sensitivity(decision: dict[str, Any]) -> str:
    """The decision's nearest flip in words: 'PostgreSQL stays first unless cost matters 2x ...'."""
    chosen = decision.get("chosen")
    if not chosen:
        return ""
    flips = [s for s in decision.get("sensitivity") or [] if s.get("flips_to")]
    if not flips:
        return f"{chosen} stays first whatever weight any single criterion is given."
    nearest = min(flips, key=lambda s: abs(float(s.get("relative") or 0.0)) or 1e9)
    crit = criterion_words(str(nearest.get("criterion", "")))
    weight = float(nearest.get("weight") or 0.0)
    change = float(nearest.get("change_to_flip") or 0.0)
    rival = nearest["flips_to"]
    after = weight + change
    if weight <= 0:
        how = f"{crit} starts to count"
    elif change > 0:
        how = f"{crit} matters {after / weight:.1f} times as much as it does now"
    elif after <= 0.05 * weight:
        how = f"{crit} stops mattering"
    else:
        how = f"{crit} matters only {after / weight:.0%} as much as it does now"
    fragile = " It is a narrow win." if decision.get("fragile") else ""
    return f"{chosen} stays first unless {how}; then {rival} wins.{fragile}"


def needed(decision: dict[str, Any]) -> bool:
    """Whether the topic needs deciding now (bool from the new engine, 'yes'/'no' from the old)."""
    value = decision.get("needed", True)
    if isinstance(value, str):
        return value.strip().lower() not in {"no", "false", "not needed"}
    return bool(value)


def excluded(decision: dict[str, Any]) -> list[dict[str, str]]:
    """Excluded candidates with one reason each (either `why` or the older `reasons` list)."""
    out = []
    for item in decision.get("excluded") or []:
        why = item.get("why") or "; ".join(item.get("reasons") or [])
        out.append({"name": str(item.get("name", "")), "why": str(why)})
    return out


def cost_lines(option: dict[str, Any]) -> list[dict[str, Any]]:
    """An option's cost lines that cost something, each with a low-high monthly range."""
    raw = option.get("cost_lines")
    if raw is None:
        raw = (option.get("cost_usd_per_month") or {}).get("lines") or []
    lines = []
    for line in raw:
        low = line.get("usd_low", line.get("usd_month"))
        high = line.get("usd_high", line.get("usd_month"))
        if not (low or high):
            continue
        lines.append(
            {
                "item": line.get("item") or line.get("price") or "",
                "component": line.get("component", ""),
                "note": line.get("note", ""),
                "low": float(low or 0.0),
                "high": float(high or 0.0),
            }
        )
    return lines


def principle_groups(checks: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Principle checks split into those needing attention (failing or risky) and passing ones."""
    attention = [c for c in checks if c.get("status") != "pass"]
    attention.sort(key=lambda c: (c.get("severity") != "error", c.get("principle", "")))
    return {"attention": attention, "passing": [c for c in checks if c.get("status") == "pass"]}


def money(value: Any) -> str:
    """Dollars with thousands separators and no cents."""
    try:
        return f"${float(value):,.0f}"
    except (TypeError, ValueError):
        return "—"


FILTERS = {
    "plain": plain,
    "verdict_reasons": verdict_reasons,
    "hard_problems": hard_problems,
    "confidence": confidence,
    "sensitivity": sensitivity,
    "needed": needed,
    "excluded": excluded,
    "cost_lines": cost_lines,
    "principle_groups": principle_groups,
    "money": money,
    "criterion": criterion_words,
}
