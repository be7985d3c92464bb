"""Seventh round of recognition: counter-evidence, contradictions and owned sites in feasibility."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from archwise.kb.loader import load_kb
from archwise.kb.schemas.archetype import Archetype, Signal
from archwise.recommend import archetypes
from archwise.recommend.engine import context
from archwise.recommend.feasibility import availability_conflict
from archwise.recommend.rulebook import Context, RuleBook
from archwise.recommend.sources import rulebook
from archwise.requirements.models import Requirements


@functools.lru_cache(maxsize=1)
def _book() -> tuple[Any, RuleBook]:
    kb = load_kb()
    return kb, rulebook(kb)


def _ctx(workflows: list[str], **extra: Any) -> Context:
    functional = {"workflows": workflows, **extra.pop("functional", {})}
    req = Requirements.model_validate({"name": "Acme", "functional": functional, **extra})
    kb, book = _book()
    return context(req, kb, 2026, book)


def _ids(ctx: Context) -> list[str]:
    return [m.archetype.id for m in ctx.matches]


# Counter-evidence: a signal below zero is evidence against an archetype, shown as such.


def test_a_signal_weight_is_evidence_or_counter_evidence_never_zero() -> None:
    assert Signal(words=["radio"], weight=-1.5, why="audio").weight == -1.5
    with pytest.raises(ValidationError):
        Signal(words=["radio"], weight=0, why="nothing")


def test_audio_streams_and_episodes_are_not_read_as_video() -> None:
    files = {"functional": {"data": {"files": True}}}
    radio = _ctx(
        [
            "Listeners play the live stream and listen again to the last 90 days of episodes",
            "The community radio station uploads each show as an MP3 overnight",
        ],
        **files,
    )
    assert "video-streaming" not in _ids(radio)
    video = _ctx(
        [
            "Subscribers watch the live stream of each match in HD and replay the episodes",
            "Every video is transcoded into a bitrate ladder",
        ],
        **files,
    )
    assert "video-streaming" in _ids(video)
    # When both are said, the evidence against is listed beside the evidence for.
    both = _ctx(
        [
            "Viewers watch the live stream of every video lecture and replay episodes",
            "Each lecture is also published as a podcast",
        ],
        **files,
    )
    match = next(m for m in both.matches if m.archetype.id == "video-streaming")
    assert any(w.startswith("against: the media is audio") for w in match.why)


# Contradictions: an archetype's promise against what the requirements also ask.

_VAULT = [
    "Items are encrypted on the device before upload; the server stores only ciphertext",
    "Server-side full-text search over vault item contents from the web admin",
]


def test_a_promise_the_requirements_contradict_is_a_conflict() -> None:
    ctx = _ctx(_VAULT)
    assert "end-to-end-encryption" in _ids(ctx)
    found = archetypes.contradictions(ctx.matches, ctx.requirements, _book()[1].concepts)
    assert len(found) == 1
    assert "end-to-end encryption" in found[0].why and "server-side" in found[0].why
    assert found[0].requirements == ["functional.workflows", "functional.critical_features"]
    assert any("recovery key" in r for r in found[0].relax)


def test_the_promise_alone_or_server_work_alone_is_no_conflict() -> None:
    book = _book()[1]
    promise = _ctx(["Items are encrypted on the device before upload; only the user can read them"])
    assert "end-to-end-encryption" in _ids(promise)
    assert not archetypes.contradictions(promise.matches, promise.requirements, book.concepts)
    # Server-side search of content is ordinary when nothing promised the operator cannot read it.
    plain = _ctx(["Server-side full-text search over the contents of every stored document"])
    assert "end-to-end-encryption" not in _ids(plain)
    assert not archetypes.contradictions(plain.matches, plain.requirements, book.concepts)


def test_the_engine_reports_the_contradiction_first(tmp_path: Path) -> None:
    from archwise.api.recommend import recommend

    path = tmp_path / "vault.yaml"
    lines = "\n".join(f"    - {w}" for w in _VAULT)
    path.write_text(
        f"name: Keyring\nsummary: A family password manager.\nfunctional:\n  workflows:\n{lines}\n",
        encoding="utf-8",
    )
    verdict = recommend(path).feasibility
    assert verdict.feasible is False
    assert "end-to-end encryption" in verdict.conflicts[0].why


def test_an_unknown_concept_in_a_contradiction_is_bad_input(tmp_path: Path) -> None:
    from archwise.errors import InputError

    folder = tmp_path / "kb" / "archetypes"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "- id: mine\n  kind: concern\n  name: Mine\n  summary: A test concern.\n"
        "  signals:\n    - {words: [sealed], why: words}\n    - {words: [vault], why: words}\n"
        "  hard_problems:\n    - {problem: P, addressed_by: [x], why: y}\n"
        "  contradictions:\n    - {concepts: [server-reads-contnt], why: w, relax: [r]}\n"
        "  sources:\n    - {title: t, checked: 2026-12-07}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        rulebook(load_kb([tmp_path / "kb"]))
    text = str(err.value) + " ".join(str(p) for p in err.value.problems)
    assert "mine" in text and "server-reads-content" in text


def test_a_contradiction_needs_evidence_and_a_way_out() -> None:
    base: dict[str, Any] = {
        "id": "x",
        "kind": "concern",
        "name": "X",
        "summary": "S",
        "signals": [{"words": ["a"], "why": "w"}, {"words": ["b"], "why": "w"}],
        "hard_problems": [{"problem": "P", "addressed_by": ["x"], "why": "y"}],
        "sources": [{"title": "t", "checked": "2026-12-07"}],
    }
    with pytest.raises(ValidationError):
        Archetype.model_validate({**base, "contradictions": [{"why": "w", "relax": ["r"]}]})
    with pytest.raises(ValidationError):
        Archetype.model_validate(
            {**base, "contradictions": [{"words": ["w"], "why": "w", "relax": []}]}
        )


# Owned sites: two data centres are two failure domains, as two regions are.


def _five_nines(deployment: str) -> dict[str, Any]:
    return {
        "non_functional": {"availability_percent": 99.999},
        "constraints": {
            "team": {"engineers": 40},
            "ops": {"on_call": "24x7"},
            "deployment": deployment,
        },
    }


def test_two_owned_data_centres_carry_more_than_one_region_promises() -> None:
    book = _book()[1]
    assert not availability_conflict(_five_nines("on-prem"), book, ["two-data-centres"])
    # One owned site, or a cloud deployment that names data centres, is still bounded.
    assert availability_conflict(_five_nines("on-prem"), book, [])
    assert availability_conflict(_five_nines("cloud"), book, ["two-data-centres"])


def test_two_data_centres_are_recognised_with_split_brain_named() -> None:
    ctx = _ctx(["Every wager is recorded in both data centres before the receipt is printed"])
    assert "two-data-centres" in _ids(ctx)
    found = archetypes.report(ctx.matches, ctx)
    sites = next(a for a in found if a.id == "two-data-centres")
    assert sites.hard_problems[0].problem.startswith("Split brain")


# One plain line of a recurring idea is enough (written before the engine ran on them; misses
# worked into the lexicon: API versions, stock across channels, figures by the morning, search by
# photo, one editor at a time, quotes valid for a period, stops away, 2G phones).
@pytest.mark.parametrize(
    ("line", "concern"),
    [
        (
            "Search results must show a changed product within seconds of the edit",
            "search-index-freshness",
        ),
        (
            "Partners integrate against version 2 of our API and we must keep it working for a year",
            "schema-evolution",
        ),
        (
            "Each school can add its own fields and steps to the enrolment form",
            "tenant-customisation",
        ),
        ("Every prize draw must be provably random and auditable", "certified-randomness"),
        (
            "Stock in 200 stores and on the website must agree so we never sell what is gone",
            "no-oversell",
        ),
        ("Staff see yesterday's figures by 6 am", "batch-window"),
        ("Users search by uploading a photo of the item", "similarity-search"),
        ("Only one person can edit a record at a time", "concurrent-updates"),
        ("A quote is valid for 30 days and then the price may change", "price-at-acceptance"),
        ("Customers get a text when their parcel is 10 stops away", "arrival-prediction"),
        ("Farmers submit forms on cheap Android phones with 2G", "offline-devices"),
        (
            "The assistant finds a free slot across the Outlook calendars of all five interviewers",
            "calendar-availability",
        ),
        (
            "Farmers see field health from satellite images delivered every five days",
            "raster-imagery",
        ),
        ("Riders tapping in all day are never charged more than the daily cap", "usage-caps"),
        (
            "Each new sensor gets its own certificate when it is first switched on",
            "device-provisioning",
        ),
        (
            "Developers test with production-like data, but names must be masked",
            "test-data-masking",
        ),
        (
            "A customer who upgrades mid-month pays the difference for the days left",
            "deferred-charges",
        ),
        (
            "Operators are warned when the process drifts out of control",
            "statistical-process-control",
        ),
        (
            "Lawyers check every new client against all past clients for conflicts",
            "all-pairs-comparison",
        ),
        (
            "The app must show the same balance on phone and web a second after a payment",
            "shared-state-sync",
        ),
        ("Orders placed before 3 pm ship the same day", "hard-cutoff"),
        ("Traders submit nominations before gate closure at 09:30 each day", "hard-cutoff"),
        (
            "Rescue teams share their positions with the control room every 30 seconds",
            "live-location",
        ),
        (
            "Posts in 40 languages are checked for hate speech before they appear",
            "abuse-moderation",
        ),
        ("A support agent can see what the customer sees on their screen", "support-impersonation"),
        (
            "Exports of a million rows run in the background and the user gets a link by email",
            "async-exports",
        ),
        ("Every medicine dose is scanned against the patient's wristband", "safety-warnings"),
        (
            "Faces and plates in bodycam footage are blurred before release to the press",
            "redaction",
        ),
        ("Evidence items are signed over from officer to lab to court", "trace-and-recall"),
        ("Members open the gym door with a QR code on their phone", "ticket-validation"),
        ("Fans order drinks from their seats and collect them at half-time", "traffic-spikes"),
        ("eBooks can be read offline for 21 days, then the loan expires", "leased-resources"),
        ("Each email is scanned for phishing before delivery", "upload-malware"),
        (
            "A customer's DNS change reaches all 300 edge servers within 30 seconds",
            "control-data-plane",
        ),
        ("Doctors dictate notes that are transcribed and checked", "recognition-errors"),
        (
            "Quotes from 30 insurers are requested in parallel and shown within 10 seconds",
            "provider-fan-out",
        ),
        (
            "A workflow waits up to 30 days for the customer to sign and then reminds them",
            "multi-step-process",
        ),
        (
            "Doctors must see the latest lab result even when the lab system is slow",
            "outside-dependencies",
        ),
        ("The system runs in our data centre and in Azure at the same time", "hybrid-connectivity"),
        ("Prices shown to a business customer depend on their contract", "contract-pricing"),
        ("Customers chat with an agent, and a bot answers first", "llm-features"),
        ("Each delivery driver gets a route of 120 stops planned overnight", "optimisation-solver"),
        (
            "Customers can return items within 30 days and are refunded when the parcel arrives",
            "returns-refunds",
        ),
        ("A hotel room can be held for 15 minutes while the guest pays", "no-oversell"),
        ("The service must keep running if one availability zone fails", "high-availability"),
        ("New features are released to 5% of users first", "controlled-experiments"),
    ],
)
def test_one_line_of_a_recurring_idea_is_enough(line: str, concern: str) -> None:
    assert concern in _ids(_ctx([line]))


def test_a_static_site_of_media_files_needs_no_database() -> None:
    from archwise.recommend.scoring import relevance

    site = {
        "summary": "The one volunteer who looks after our community website with a very small budget",
        "constraints": {"team": {"engineers": 1}, "budget": {"infra_usd_per_month": 25}},
    }
    pages = ["Visitors read the show pages and the schedule; an editor updates them"]
    media = {"data": {"model": "blob", "size_gb": 100, "files": True}}
    ctx = _ctx(pages, functional=media, **site)
    assert "static-content-site" in _ids(ctx)
    needed, because, _ = relevance("database", ctx, _book()[1])
    assert needed == "no" and "object storage" in because
    # Relational data of some size still needs one.
    rows = {"data": {"model": "relational", "size_gb": 100}}
    needed, _, _ = relevance("database", _ctx(pages, functional=rows, **site), _book()[1])
    assert needed != "no"


def test_every_and_everyone_are_not_data_kept_for_ever() -> None:
    said = [
        "A checksum for every image is verified at ingest and the report goes out for everyone",
        "Scans are kept for ten years",
    ]
    files = {"functional": {"data": {"files": True}}}
    assert "long-term-preservation" not in _ids(_ctx(said, **files))
    kept = ["A checksum for every image is verified at ingest", "Scans are kept forever"]
    assert "long-term-preservation" in _ids(_ctx(kept, **files))
