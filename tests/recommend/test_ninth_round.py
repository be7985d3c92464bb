"""The ninth round: hard problems led by evidence, link kinds and allowances, stated budgets."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest

from archwise.api.recommend import recommend
from archwise.kb.loader import load_kb
from archwise.recommend import archetypes
from archwise.recommend.engine import context
from archwise.recommend.expr import allowance_gb_per_day, gb_per_day, link_mbps
from archwise.recommend.feasibility import metered_conflict, propagation_conflict
from archwise.recommend.models import ArchetypeMatch, HardProblem
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook
from archwise.requirements.models import Requirements


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def _req(*workflows: str, **extra: Any) -> dict[str, Any]:
    return {"functional": {"workflows": list(workflows)}, "constraints": {"cloud": "aws"}, **extra}


def _entry(id_: str, strength: float, *problems: str) -> ArchetypeMatch:
    return ArchetypeMatch(
        id=id_,
        kind="concern",
        name=id_,
        why=[],
        strength=strength,
        hard_problems=[HardProblem(problem=p, addressed_by=["x"]) for p in problems],
    )


def test_the_lead_ranks_each_problem_by_its_entrys_strength_halved_per_further_problem() -> None:
    # Eleventh round (i14d): no longer every headline first; a strong entry's second problem may
    # come before a weak one's headline, and a problem below a fifth of the first is not led.
    found = [
        _entry("weak", 1.0, "W1: detail", "W2"),
        _entry("strong", 9.0, "S1", "S2", "S3"),
        _entry("middle", 4.0, "M1"),
    ]
    led = archetypes.lead(found, 4)
    assert [hp.problem for hp in led] == ["S1", "S2", "M1", "S3"]
    assert [hp.archetype for hp in led] == ["strong", "strong", "middle", "strong"]
    line = archetypes.hard_problems_line(archetypes.lead(found, 3), found) or ""
    # A problem by its headline; entries left out of the lead are named as worth a look.
    assert line.startswith("The hard problems here: S1 (addressed by x); S2 (addressed by x); M1")
    assert line.endswith("Also worth a look: weak")


def test_more_words_of_evidence_rank_a_concern_higher() -> None:
    text = [
        "Retries after a timeout must never charge a card twice; duplicates are dropped",
        "Reports are exported as CSV",
    ]
    req = Requirements.model_validate({"name": "Acme", "functional": {"workflows": text}})
    ctx = context(req, load_kb(), 2026, _book())
    strength = {m.archetype.id: m.strength for m in ctx.matches}
    assert "duplicate-safe-requests" in strength
    assert strength["duplicate-safe-requests"] == max(strength.values())


def test_the_recommendation_leads_with_at_most_the_setting_of_hard_problems() -> None:
    rec = recommend(Path(__file__).parents[2] / "benchmarks/advice/scenarios/merchant-ledger.yaml")
    cap = int(_book().setting("hard_problems_lead", 6))
    listed = sum(len(a.hard_problems) for a in rec.archetypes)
    assert 0 < len(rec.hard_problems) <= cap < listed
    assert {hp.archetype for hp in rec.hard_problems} <= {a.id for a in rec.archetypes}


def test_a_geostationary_hop_cannot_meet_a_round_trip_shorter_than_its_own() -> None:
    req = _req(
        "The platform reaches shore only through a geostationary satellite link",
        "A valve command must be acknowledged within 150 ms round trip",
    )
    (conflict,) = propagation_conflict(req, _book())
    assert conflict.numbers["link_round_trip_ms"] >= 470
    assert conflict.numbers["target_ms"] == 150
    assert any("at the site" in r for r in conflict.relax)


@pytest.mark.parametrize(
    "workflows",
    [
        # A low orbit service's round trip fits 200 ms.
        ("Buoys send over a low Earth orbit satellite service", "pages answer within 200 ms"),
        # A loose target over a geostationary hop.
        ("Ships use a VSAT link", "a position report reaches shore within 2000 ms"),
        # An interval is not a bound.
        ("Ships use a VSAT link", "the sensor samples every 10 ms"),
        # No link kind is named.
        ("Sites use a satellite link", "commands are acknowledged within 150 ms"),
    ],
)
def test_a_link_kind_within_its_round_trip_or_no_bound_is_no_conflict(
    workflows: tuple[str, ...],
) -> None:
    assert propagation_conflict(_req(*workflows), _book()) == []


def test_counts_a_day_times_sizes_each_and_rates_in_any_unit_are_read() -> None:
    assert gb_per_day(["Each camera takes 300 photos a day of 4 MB each"]) == pytest.approx(1.2)
    assert link_mbps(["the radio link runs at 9600 baud"]) == pytest.approx(0.0096)
    assert link_mbps(["a LoRa link carries 5 kbit/s"]) == pytest.approx(0.005)
    assert link_mbps(["a modem of 2400 bps"]) == pytest.approx(0.0024)


def test_a_metered_allowance_is_read_only_with_a_link_and_a_period() -> None:
    plan = ["each sends through a satellite messaging plan allowing 20 MB a month per camera"]
    assert allowance_gb_per_day(plan) == pytest.approx(0.02 / 30.44)
    # A customer's plan of a SaaS is no link; an allowance without a period is no rate.
    assert allowance_gb_per_day(["the Pro plan allows 10 GB a month of uploads"]) is None
    assert allowance_gb_per_day(["the SIM plan allows 500 MB"]) is None


def test_more_data_a_day_than_a_metered_allowance_is_a_conflict_unless_reduced_on_site() -> None:
    lines = (
        "Each camera takes 300 photos a day of 4 MB each",
        "Each camera sends through a satellite messaging plan allowing 20 MB a month",
    )
    (conflict,) = metered_conflict(_req(*lines), _book())
    assert conflict.numbers["gb_per_day"] == pytest.approx(1.2)
    assert "times less" in conflict.why
    reduced = (*lines, "Cameras classify photos on the device and send only the detections")
    assert metered_conflict(_req(*reduced), _book()) == []


VIDEO = """\
name: Riverside
summary: People watch our channels' live video streams and replays on phones and smart TVs.
functional:
  workflows:
  - Viewers watch live streams of matches in HD on phones and TVs
  - Replays of each match are watched on demand the week after
  realtime: false
  clients: [web, ios, android]
non_functional:
  users: {total: 3000000, concurrent: 300000}
  throughput: {peak_rps: 3000, average_rps: 300}
constraints:
  team: {engineers: 8, expertise: {go: strong}}
  budget: {infra_usd_per_month: 20000}
  deployment: cloud
  cloud: aws
"""


def test_an_overrun_only_typical_assumptions_cause_is_a_warning_not_a_conflict(
    tmp_path: Path,
) -> None:
    path = tmp_path / "video.yaml"
    path.write_text(VIDEO)
    rec = recommend(path)
    assert rec.feasibility.feasible
    assert any(w.startswith("budget:") and "assumptions:" in w for w in rec.warnings)
    # The same bitrate stated by the file decides: the overrun is a conflict again.
    path.write_text(VIDEO + "assumptions:\n  egress_mbps_per_viewer: 5\n")
    stated = recommend(path)
    assert not stated.feasibility.feasible
    assert "cheapest_design_usd_per_month" in stated.feasibility.conflicts[0].numbers


def _matched(*workflows: str) -> set[str]:
    req = Requirements.model_validate(
        {"name": "Acme", "functional": {"workflows": list(workflows)}}
    )
    return {m.archetype.id for m in context(req, load_kb(), 2026, _book()).matches}


# Each trade's concern from a line in that trade's words (not the dev set's), and a near miss.
TRADES: list[tuple[str, str, str]] = [
    (
        "dunning-collections",
        "When a member's monthly direct debit bounces we try again after three days and send a reminder",
        "Members pay a monthly direct debit",
    ),
    (
        "credit-decisioning",
        "Every car loan application gets a credit check with the bureau before an offer is made",
        "Customers check the status of their car loan application",
    ),
    (
        "controlled-medicines",
        "Ward nurses record every dose of opioids given, with a second nurse as witness",
        "Ward nurses record every dose given",
    ),
    (
        "ad-insertion",
        "Each viewer of the free channel sees ads picked for their region inserted into the stream",
        "Each viewer of the free channel picks a region",
    ),
    (
        "blind-review",
        "Grant panel members must not see the applicant's name or institution while scoring",
        "Grant panel members score each application",
    ),
    (
        "rater-quality",
        "Annotators label each image, and a senior annotator checks a sample for agreement",
        "Annotators upload each image",
    ),
    (
        "store-fulfilment",
        "The stock counts in our shops are often wrong, so the website may list items no longer there",
        "The website lists items from our shops",
    ),
    (
        "multi-step-process",
        "A trip books a ferry crossing and a cabin; if one fails the other is cancelled",
        "A trip books a ferry crossing",
    ),
    (
        "industrial-ot",
        "The packaging line's PLCs must stay separated from the office network",
        "The packaging line prints labels from the office",
    ),
]


@pytest.mark.parametrize(("concern", "line", "near"), TRADES)
def test_a_trades_own_words_name_its_concern_and_a_near_miss_does_not(
    concern: str, line: str, near: str
) -> None:
    assert concern in _matched(line), line
    assert concern not in _matched(near), near


FAMILIES = Path(__file__).resolve().parents[2] / "benchmarks" / "advice-dev15" / "families.tsv"


def _names(keywords: str, text: str) -> bool:
    req = Requirements.model_validate({"name": "Acme", "functional": {"workflows": [text]}})
    ctx = context(req, load_kb(), 2026, _book())
    texts = " ".join(
        t
        for a in archetypes.report(ctx.matches, ctx, [])
        for hp in a.hard_problems
        for t in (hp.problem, *hp.addressed_by)
    ).casefold()
    return any(
        re.search(r"(?<![a-z0-9])" + re.escape(k.casefold()), texts) for k in keywords.split("|")
    )


@pytest.mark.parametrize("line", FAMILIES.read_text().splitlines())
def test_each_trades_problem_is_named_from_one_plain_line(line: str) -> None:
    keywords, text = line.split("\t")
    assert _names(keywords, text), text


@pytest.mark.parametrize(
    ("spike", "peak", "average", "dropped"),
    [
        (4000, 200_000, 50, True),  # the stated peak is the spike over the average
        (5, 12_000, 2_500, True),  # 4.8 is within a fifth of 5
        (3, 12_000, 2_500, False),  # relative to the normal peak, as the schema reads it
        (100, 5_000, 4_000, False),
    ],
)
def test_a_spike_multiple_the_stated_peak_already_holds_is_not_multiplied_again(
    spike: float, peak: float, average: float, dropped: bool
) -> None:
    from archwise.recommend.engine import _spike_in_stated_peak

    req = {
        "non_functional": {
            "spike": {"multiple": spike, "duration_minutes": 60},
            "throughput": {"peak_rps": peak, "average_rps": average},
        }
    }
    stated, was = _spike_in_stated_peak(req)
    assert was is dropped
    assert ("spike" not in stated["non_functional"]) is dropped
    assert req["non_functional"]["spike"]["multiple"] == spike  # the input is not changed
