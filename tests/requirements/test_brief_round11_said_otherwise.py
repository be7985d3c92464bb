"""Round-eleven brief mechanisms: realtime, consistency, timelines, clients and regimes said otherwise.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.errors import InputError
from archwise.kb.loader import read_valid
from archwise.requirements.brief_time import MilestoneLexicon

from ._brief import near
from ._brief import values as _values

CONSISTENCY = "non_functional.consistency"
REALTIME = "functional.realtime"
CLIENTS = "functional.clients"
COMPLIANCE = "non_functional.compliance"
MVP = "constraints.timeline.mvp_months"
PRODUCTION = "constraints.timeline.production_months"


@pytest.mark.parametrize(
    "text",
    [
        "The standings board has to reorder itself as the points come in.",
        "Guests want the menu page showing sold-out dishes without anyone pressing refresh.",
        "When a lane is taken the tablet has to change by itself right then.",
        "New tickets must appear on the workshop screen at once, mechanics must not press any "
        "button to see them.",
        "Visitors follow the boats on the race page, positions updating without a reload.",
        "The club wants live results for the gala.",
        "Parents check the live queue from the car park.",
    ],
)
def test_a_view_that_updates_itself_is_realtime(text: str) -> None:
    assert _values(text)[REALTIME] is True


@pytest.mark.parametrize(
    "text",
    [
        "On prize night everyone votes at once and the site crawls.",
        "We go live with the new results site in March.",
        "Drivers refresh the page on their own phones when they like.",
    ],
)
def test_a_crowd_at_once_or_a_launch_is_not_realtime(text: str) -> None:
    assert _values(text).get(REALTIME) is not True


def test_nothing_needing_to_be_instant_is_not_realtime() -> None:
    assert _values("In the claims tool nothing has to be instant.")[REALTIME] is False


@pytest.mark.parametrize(
    "text",
    [
        "A pitch sold at the gate must not be sold again online.",
        "Never double-book a court.",
        "Allocating the same kennel twice is what we must avoid.",
        "If two members tap the last spot together, only one of them gets it.",
        "A raffle prize can only go to one winner.",
        "We cannot have two cleaners assigned the same room.",
        "Every checkout must see the latest shelf count.",
    ],
)
def test_a_unit_never_given_twice_in_other_words_is_strong(text: str) -> None:
    assert _values(text)[CONSISTENCY] == "strong"


@pytest.mark.parametrize(
    "text",
    [
        "Last winter we sold the same cabin twice.",
        "This must never happen again, said the auditor about the outage.",
    ],
)
def test_a_past_double_or_an_incident_is_no_consistency(text: str) -> None:
    assert CONSISTENCY not in _values(text)


@pytest.mark.parametrize(
    ("text", "mvp", "production"),
    [
        (
            "Date: 4 January 2027. A minimum viable shop for one region by the end of Q1 2027; "
            "the full thing by the end of Q3 2027.",
            2.83,
            8.84,
        ),
        ("A basic version in 4 weeks, the rest a month after that.", 0.92, 1.92),
        (
            "Sent 11 January 2027. Something we can run in one depot by February, and all six "
            "depots by April.",
            0.69,
            2.61,
        ),
    ],
)
def test_milestones_said_otherwise(text: str, mvp: float, production: float) -> None:
    got = _values(text)
    assert near(got[MVP], mvp)
    assert near(got[PRODUCTION], production)


def test_a_dateline_below_the_salutation_dates_the_brief() -> None:
    text = (
        "Subject: booking\n\nDear team,\n\nLinz, 1 February 2027\n\n"
        "We want the whole city in operation by the end of Q2 2027.\n"
    )
    assert near(_values(text)[PRODUCTION], 4.9)


def test_milestone_words_must_be_regular_expressions(tmp_path: Path) -> None:
    bad = tmp_path / "brief_milestones.yaml"
    bad.write_text("mvp: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(InputError, match="regular expression"):
        read_valid(bad, MilestoneLexicon, "brief milestones")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Riders book on the website; Android we skip for now.", ["web"]),
        ("It's web first; the Android + iOS apps can come later, not now.", ["web"]),
        ("The new portal replaces the legacy desktop client; staff use a web console.", ["web"]),
        ("The dispatcher's console (web, on the office PCs) shows the queue.", ["web"]),
    ],
)
def test_clients_by_kind(text: str, want: list[str]) -> None:
    got = _values(text)[CLIENTS]
    assert isinstance(got, list)
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Entry is cash at the door, so none of that PCI stuff applies. GDPR applies.", ["gdpr"]),
        (
            "The vendor is SOC 2 certified — that's Acme's own audit, nothing we have to do. "
            "HIPAA applies.",
            ["hipaa"],
        ),
        (
            "HIPAA applies. The cafeteria till is in PCI scope, but this system holds no card "
            "data, so PCI is not a requirement here.",
            ["hipaa"],
        ),
    ],
)
def test_a_regime_that_does_not_apply_here_is_dropped(text: str, want: list[str]) -> None:
    got = _values(text)[COMPLIANCE]
    assert isinstance(got, list)
    assert sorted(got) == want


def test_nothing_else_being_live_denies_nothing() -> None:
    text = (
        "The pickup board shows each order the moment it is ready. Nothing else needs to be live."
    )
    assert _values(text)[REALTIME] is True


def test_an_update_as_things_happen_reaches_a_board_named_by_what_it_shows() -> None:
    text = "The results boards in the hall update as results are declared."
    assert _values(text)[REALTIME] is True


def test_an_update_every_night_is_a_batch_not_realtime() -> None:
    text = "The dashboard updates automatically every night for the managers."
    assert REALTIME not in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "Never oversell the ferry.",
        "No two guests may hold the same room.",
        "The shelf app must always show the current stock.",
    ],
)
def test_oversales_and_reads_of_the_latest_are_strong(text: str) -> None:
    assert _values(text)[CONSISTENCY] == "strong"


def test_a_dry_run_is_the_mvp_and_a_year_first_date_dates_the_brief() -> None:
    got = _values("Memo 2027/01/04\n\nA dry run at one site in 6 weeks, all sites by May.")
    assert near(got[MVP], 1.38)
    assert near(got[PRODUCTION], 3.84)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Partners pull data through our API.", ["partner-api"]),
        ("The shops connect their tills through an integration API.", ["partner-api"]),
        ("We will offer an API for the clubs.", ["partner-api"]),
    ],
)
def test_other_organisations_using_an_api_are_a_partner_api(text: str, want: list[str]) -> None:
    assert _values(text)[CLIENTS] == want


def test_our_own_app_calling_an_api_is_no_partner_api() -> None:
    assert CLIENTS not in _values("The app talks to the backend via a GraphQL API.")


def test_a_month_and_year_under_a_date_label_dates_the_brief() -> None:
    got = _values("Date: December 2026\n\nPilot by March, everything by the end of June 2027.")
    assert got[MVP] == 3
    assert got[PRODUCTION] == 6


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Payments go through Stripe (Stripe handles PCI). GDPR applies.", ["gdpr"]),
        ("Using hosted fields keeps us out of PCI scope. GDPR applies.", ["gdpr"]),
        ("Our hosting provider is ISO/IEC 27001 certified. We need GDPR compliance.", ["gdpr"]),
        ("We handle PCI ourselves and must be PCI DSS compliant.", ["pci-dss"]),
    ],
)
def test_a_regime_another_party_carries_is_not_the_systems(text: str, want: list[str]) -> None:
    assert _values(text)[COMPLIANCE] == want


@pytest.mark.parametrize(
    "text",
    [
        "A ticket can only be used once.",
        "A ticket scanned at one gate must be rejected at every other gate.",
        "The wallet balance must never go negative.",
        "Overselling is not acceptable.",
    ],
)
def test_single_use_and_balances_kept_above_zero_are_strong(text: str) -> None:
    assert _values(text)[CONSISTENCY] == "strong"


def test_a_board_refreshing_every_few_seconds_is_realtime() -> None:
    assert _values("The departures board refreshes every few seconds for passengers.")[REALTIME]


def test_a_certificate_bidders_must_hold_is_not_the_systems_regime() -> None:
    text = (
        "Suppliers shall hold a valid ISO/IEC 27001 certificate. The platform must comply with "
        "GDPR."
    )
    assert _values(text)[COMPLIANCE] == ["gdpr"]


def test_a_supplier_making_the_system_compliant_keeps_the_regime() -> None:
    text = "The supplier must ensure the platform complies with GDPR."
    assert _values(text)[COMPLIANCE] == ["gdpr"]
