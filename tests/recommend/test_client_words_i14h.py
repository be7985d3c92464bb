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
