"""Round-twelve brief mechanisms: consistency, realtime, residency, hosting and milestones said otherwise.

Sentences written for the test (not taken from any benchmark brief).
"""

from __future__ import annotations

import pytest

from ._brief import near
from ._brief import values as _values

CONSISTENCY = "non_functional.consistency"
REALTIME = "functional.realtime"
RESIDENCY = "non_functional.data_residency"
CLOUD = "constraints.cloud"
DEPLOYMENT = "constraints.deployment"
MVP = "constraints.timeline.mvp_months"
PRODUCTION = "constraints.timeline.production_months"


@pytest.mark.parametrize(
    "text",
    [
        "A kayak on a given morning can be rented to one family only.",
        "Each repair ticket can only be picked up by one mechanic.",
        "A locker code can only ever belong to one parcel.",
        "Every invoice number is issued to one customer only.",
        "One delivery only take by one courier.",
        "No tutor may be given two pupils in the same hour.",
        "No court may be booked by two teams for the same hour.",
        "Never two nurse same patient on the round.",
        "Each gift card code is issued once and only once, and can be redeemed one time only.",
        "Double booking of a meeting room must be impossible.",
        "The cash drawer total has to match the till receipts at closing.",
        "The points balance of each member must match the ledger exactly.",
    ],
)
def test_a_business_rule_of_one_holder_or_matching_totals_is_strong(text: str) -> None:
    assert _values(text)[CONSISTENCY] == "strong"


@pytest.mark.parametrize(
    "text",
    [
        "The front desk is staffed by one receptionist only on Sundays.",
        "The new logo must match our brand colours.",
        "Two volunteers never work the same shift alone, says the policy.",
    ],
)
def test_one_user_per_login_or_a_design_that_matches_is_no_consistency(text: str) -> None:
    assert _values(text).get(CONSISTENCY) != "strong"


def test_a_lag_said_to_be_allowed_is_eventual() -> None:
    text = "The stock level shown in the shop may be up to 10 minutes old."
    assert _values(text)[CONSISTENCY] == "eventual"


@pytest.mark.parametrize(
    "text",
    [
        "Fans can watch the runners move along the course on the map.",
        "On the plan each table goes green for all waiters the moment it is paid.",
        "The drivers' phones get the new pickup the second dispatch enters it.",
        "Kitchen tablets receive each order instantly.",
    ],
)
def test_a_view_that_moves_or_changes_colour_at_once_is_realtime(text: str) -> None:
    assert _values(text)[REALTIME] is True


def test_a_chat_line_stamp_starts_a_new_sentence() -> None:
    text = (
        "[03/02/27 10.01] Ana: The board in the depot must update by itself\n"
        "[03/02/27 10.02] Ana: We ship around 900 parcels per day\n"
    )
    assert _values(text)[REALTIME] is True


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("4. Servers: Austria only. The works council insists.", ["at"]),
        ("Data: Brazil only", ["br"]),
        ("Records must be held in-country under the 2023 data law of Rwanda.", ["rw"]),
    ],
)
def test_a_holder_label_with_only_or_in_country_with_its_country_is_residency(
    text: str, codes: list[str]
) -> None:
    assert _values(text)[RESIDENCY] == codes


@pytest.mark.parametrize(
    "text",
    [
        "Servers: Germany (two at Hetzner).",
        "Our sales reps work in-country and travel to Rwanda often.",
    ],
)
def test_a_place_without_a_restriction_is_no_residency(text: str) -> None:
    assert RESIDENCY not in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "It will live in the university's Azure tenancy.",
        "Everything goes into the county's Microsoft Azure tenancy.",
    ],
)
def test_a_provider_tenancy_places_the_system(text: str) -> None:
    got = _values(text)
    assert got[CLOUD] == "azure"
    assert got[DEPLOYMENT] == "cloud"


def test_a_day_with_a_dot_before_its_month_is_a_date() -> None:
    text = (
        "Stand: 2. Februar 2027\n\n"
        "| Phase | Termin |\n|---|---|\n"
        "| Pilot | 1. Mai 2027 |\n| Rollout, all regions | 1. Oktober 2027 |\n"
    )
    got = _values(text)
    assert near(got[MVP], 2.89)
    assert near(got[PRODUCTION], 7.92)


def test_a_numbered_step_is_no_date() -> None:
    assert MVP not in _values("Steps:\n1. March 2027 is when the pilot starts, maybe.")


def test_a_weak_milestone_a_month_later_follows_the_mvp() -> None:
    text = "Date: 1 March 2027. Pilot by the end of April, all five depots a month later."
    got = _values(text)
    assert near(got[MVP], 1.97)
    assert near(got[PRODUCTION], 2.97)


def test_easter_is_its_sunday_the_next_one() -> None:
    got = _values("Date: 10 June 2027. Pilot by Easter, all the branches by Christmas 2028.")
    assert near(got[MVP], 10.22)  # Easter Sunday 2028 is 16 April
    assert near(got[PRODUCTION], 18.53)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Records stay in the country (Malawi).", ["mw"]),
        ("We are a Kenyan charity.\n\nAll donor data must stay in-country.", ["ke"]),
        ("Our clinics are in Malawi. Patient files have to remain onshore.", ["mw"]),
    ],
)
def test_in_country_is_the_country_the_clause_or_the_brief_names(
    text: str, codes: list[str]
) -> None:
    assert _values(text)[RESIDENCY] == codes


@pytest.mark.parametrize(
    "text",
    [
        "We run clinics in Malawi and Zambia. All patient data must stay in-country.",
        "Offices in the EU and in Malawi. Data must stay in-country.",
        "Our servers are in-country.",
    ],
)
def test_in_country_with_two_countries_or_no_rule_gives_no_residency(text: str) -> None:
    assert RESIDENCY not in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "The booking tool will run on a PC in our office.",
        "It sits on a server in the back room next to the boiler.",
        "Store it on our QNAP NAS, please.",
        "It goes on the college's Proxmox cluster.",
    ],
)
def test_a_machine_of_ones_own_is_on_prem(text: str) -> None:
    assert _values(text)[DEPLOYMENT] == "on-prem"


@pytest.mark.parametrize(
    "text",
    [
        "The wall screen in the gym shows the rankings, re-sorting after every heat.",
        "The treasurer's dashboard must update as soon as a donation comes in.",
    ],
)
def test_an_update_after_each_event_is_realtime(text: str) -> None:
    assert _values(text)[REALTIME] is True


def test_an_update_after_each_day_is_no_realtime() -> None:
    assert REALTIME not in _values("The summary page is refreshed after each day of the fair.")


def test_a_month_in_brackets_after_an_event_is_its_date() -> None:
    text = "Date: 1 February 2027. Pilot in March, go-live before the ski season (November 2027)."
    assert near(_values(text)[PRODUCTION], 8.97)


def test_the_step_after_then_is_the_next_milestone() -> None:
    text = (
        "Today is 1 February 2027. A trial during the Easter holidays, then go-live for the "
        "autumn term on 6 September 2027."
    )
    got = _values(text)
    assert near(got[MVP], 1.81)  # Easter Sunday 2027 is 28 March
    assert near(got[PRODUCTION], 7.13)


def test_a_strong_milestone_keeps_its_own_weak_word() -> None:
    assert near(_values("Date: 1 February 2027. The MVP should be live by May.")[MVP], 2.92)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Canadian-hosted, please.", ["ca"]),
        ("The backups must be Irish-based.", ["ie"]),
        ("The audit office requires that data is not copied outside Norway.", ["no"]),
        ("We are a Namibian co-op. Member data can't go abroad.", ["na"]),
        ("We are a Namibian co-op. Member records must not leave the country.", ["na"]),
    ],
)
def test_a_place_as_how_it_is_hosted_or_a_ban_on_going_abroad_is_residency(
    text: str, codes: list[str]
) -> None:
    assert _values(text)[RESIDENCY] == codes


@pytest.mark.parametrize(
    "text",
    [
        "We are a Canadian-based charity with 40 staff.",
        "We are a Namibian co-op. Our servers are not in-country yet.",
        "We are a Namibian co-op. The data isn't abroad yet.",
    ],
)
def test_an_organisation_based_somewhere_or_a_fact_is_no_residency(text: str) -> None:
    assert RESIDENCY not in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "The waiting-room screen lists who is next, and it updates when a client checks in.",
        "The scoreboard should refresh whenever a judge submits a mark.",
        "The volunteers' map shows the dots change as drivers arrive.",
    ],
)
def test_an_update_on_each_event_is_realtime(text: str) -> None:
    assert _values(text)[REALTIME] is True


def test_prices_that_rise_as_customers_book_are_no_realtime() -> None:
    assert REALTIME not in _values("Prices go up as customers book.")


@pytest.mark.parametrize(
    "text",
    [
        "There is a spare server at head office it can run on.",
        "The county's IT team will put it in their server room.",
        "It should sit on the surgery server like the booking system.",
        "Hosted in the regional water board's data centre.",
        "Hosting: on our own premises.",
        "It will go on the university's private cloud.",
    ],
)
def test_a_server_of_the_organisation_is_on_prem(text: str) -> None:
    assert _values(text)[DEPLOYMENT] == "on-prem"


@pytest.mark.parametrize(
    "text",
    [
        "Shoppers on their premises use the kiosk.",
        "It runs in the vendor's data centre in Madrid as SaaS.",
    ],
)
def test_someone_elses_premises_or_a_vendors_data_centre_is_not_on_prem(text: str) -> None:
    assert _values(text).get(DEPLOYMENT) != "on-prem"


@pytest.mark.parametrize(
    "text",
    [
        "We don't want to look after our own servers any more.",
        "Nothing goes on our premises; somebody else hosts it.",
        "Hosted by a hosting company in Leeds.",
        "Cloud hosting is fine by us.",
        "Hosting: cloud (any big provider).",
        "We rent a virtual server for the website already and this can go there.",
        "Put it on a VPS.",
    ],
)
def test_hosting_by_someone_else_is_cloud(text: str) -> None:
    assert _values(text)[DEPLOYMENT] == "cloud"


def test_ones_own_server_is_still_on_prem() -> None:
    assert _values("The app runs on our own server in the shop.")[DEPLOYMENT] == "on-prem"


def test_data_that_never_touches_our_servers_says_nothing_of_hosting() -> None:
    text = "Card numbers never touch our servers; the payment page is the bank's."
    assert DEPLOYMENT not in _values(text)


def test_someone_elses_hosting_company_says_nothing_of_ours() -> None:
    assert DEPLOYMENT not in _values("Her shop ran fine for years, says her hosting company.")
