"""Second wave of the twelfth round (i14h): hard problems said the way a client says them."""

from __future__ import annotations

import pytest

from tests.recommend.test_concerns import _ctx, _matched


@pytest.mark.parametrize(
    "text",
    [
        "A season card lent to a friend shows up at two lifts ten minutes apart and must be blocked",
        "Members lend their key fob to friends to get into the gym at the door",
        "Staff badges used at two entrances minutes apart are flagged by the gate software",
        "Annual passes are not transferable; the gate shows the holder's photo",
    ],
)
def test_a_pass_used_by_someone_else_is_recognised(text: str) -> None:
    assert "pass-sharing" in _matched(_ctx([text]))


@pytest.mark.parametrize(
    "text",
    [
        "Customers send a gift card to a friend by e-mail",
        "Shoppers pay by card and can invite friends for a discount",
        "Tickets are scanned at the door of the venue",
    ],
)
def test_a_card_or_a_ticket_alone_is_not_pass_sharing(text: str) -> None:
    assert "pass-sharing" not in _matched(_ctx([text]))


def test_a_back_dated_change_names_recalculation_and_adjustments() -> None:
    text = ["A new commission rate is often agreed in March and backdated to the start of January"]
    [match] = [m for m in _ctx([text[0]]).matches if m.archetype.id == "effective-dated-rules"]
    problems = " ".join(p.problem for p in match.archetype.hard_problems).lower()
    assert "retroactive" in problems and "adjustment" in problems and "clawback" in problems


@pytest.mark.parametrize(
    "text",
    [
        "Every season the federation adds a question to the inspection form, while last season's app is still in use",
        "Suppliers rename columns in their price files without telling us",
    ],
)
def test_a_form_or_file_whose_fields_change_is_schema_evolution(text: str) -> None:
    ctx = _ctx([text], functional={"clients": ["android", "partner-api"]})
    assert "schema-evolution" in _matched(ctx)


@pytest.mark.parametrize(
    "text",
    [
        "Pupils pay from their prepaid balance at the till, and the till keeps selling when the internet is down",
        "The bus readers take card payments offline and upload them at the depot",
    ],
)
def test_spending_where_the_server_cannot_be_reached_is_offline_spending(text: str) -> None:
    assert "offline-spending" in _matched(_ctx([text]))


def test_an_offline_app_without_money_is_not_offline_spending() -> None:
    text = "Inspectors fill in forms offline and sync when the connection returns"
    assert "offline-spending" not in _matched(_ctx([text]))


@pytest.mark.parametrize(
    "text",
    [
        "A builder invites its subcontractors into the project, and a subcontractor works for several builders",
        "Each firm's workspace lets in guest users from the client's company, who sign in once to see every firm",
    ],
)
def test_people_from_other_organisations_inside_a_workspace_are_recognised(text: str) -> None:
    assert "outside-members" in _matched(_ctx([text]))


def test_inviting_colleagues_is_not_a_cross_organisation_guest() -> None:
    text = "An admin invites colleagues from the same company into the workspace"
    assert "outside-members" not in _matched(_ctx([text]))


@pytest.mark.parametrize(
    "text",
    [
        "Support agents see only the last four digits of a customer's card",
        "The data team analyses claims, but analysts must never see the patients' names",
    ],
)
def test_data_used_without_seeing_who_it_is_about_is_recognised(text: str) -> None:
    assert "masked-personal-data" in _matched(_ctx([text]))


def test_a_report_without_people_is_not_masked_personal_data() -> None:
    text = "Managers see reports of stock per warehouse; old reports are removed after a year"
    assert "masked-personal-data" not in _matched(_ctx([text]))
