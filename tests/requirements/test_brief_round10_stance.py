"""Round-ten brief mechanisms: values that are not the requirement, on sentences written for the test."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from archwise.requirements.brief_stance import Stance, judge, stances
from archwise.requirements.quantities import parse_quantity

from ._brief import values as _values

COMPLIANCE = "non_functional.compliance"
AVAILABILITY = "non_functional.availability_percent"
TOTAL = "non_functional.users.total"
DAILY = "non_functional.users.daily_active"
BUDGET = "constraints.budget.infra_usd_per_month"
RESIDENCY = "non_functional.data_residency"
EVENTS = "non_functional.throughput.events_per_second"
DURATION = "non_functional.spike.duration_minutes"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Compliance: GDPR. SOC 2? That is the cloud provider's audit, not a requirement on us.",
            ["gdpr"],
        ),
        (
            "We must follow GDPR. ISO 27001 — that's the hosting firm's certification, not ours.",
            ["gdpr"],
        ),
        (
            "GDPR applies to every member. HIPAA does not apply here; we are no covered entity.",
            ["gdpr"],
        ),
        (
            "Card payments are handled by the acquirer; PCI DSS is out of this project's scope. "
            "GDPR applies.",
            ["gdpr"],
        ),
        # a regime asked in a question and answered no
        ("Q: Do we need SOC 2 Type II? A: No, nobody has asked for it.\nGDPR applies.", ["gdpr"]),
        (
            "- Need PCI? — Answer: nope, the terminal vendor does all of it\n- GDPR is a must",
            ["gdpr"],
        ),
        # ruled out once, dropped at a later bare mention too
        (
            "You wondered whether CCPA reaches us; it does not. GDPR does. CCPA covers California "
            "residents.",
            ["gdpr"],
        ),
    ],
)
def test_a_regime_ruled_out_or_another_partys_is_not_required(text: str, want: list[str]) -> None:
    assert _values(text)[COMPLIANCE] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the regime ruled out next to one that is required keeps the required one
        ("GDPR applies, but we do not need HIPAA.", ["gdpr"]),
        # a regime a rule already ruled out still ends the part of the one before it
        ("Regulation: GDPR; PCI DSS does not apply (no card data).", ["gdpr"]),
        ("HIPAA is not applicable; GDPR is mandatory.", ["gdpr"]),
        # ruled out in one place, stated as required in another: required
        (
            "PCI DSS: not applicable for the pilot.\nProduction must be PCI DSS compliant.",
            ["pci-dss"],
        ),
        # a yes answer keeps it
        ("Q: Do we need HIPAA? A: Yes, we hold patient records.", ["hipaa"]),
    ],
)
def test_a_required_regime_stays(text: str, want: list[str]) -> None:
    assert _values(text)[COMPLIANCE] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The vendor's datasheet claims 99.99% availability. For us 99.5% is plenty.", 99.5),
        ("The old booking app ran at 99.9% uptime per its hosting company. We need 99.8%.", 99.8),
        (
            "A consultant wrote 99.999% availability in the draft as an example; the SLA is 99.9%.",
            99.9,
        ),
        ("Our competitor advertises 99.99% uptime.\nOur SLA: 99.5%.", 99.5),
    ],
)
def test_an_availability_that_is_someone_elses_gives_way_to_the_target(
    text: str, want: float
) -> None:
    assert _values(text)[AVAILABILITY] == pytest.approx(want)


@pytest.mark.parametrize(
    "text",
    [
        "The old portal ran at 99.9% uptime per the vendor's status page; nothing is agreed yet.",
        "The broker's brochure promises 99.95% availability.",
    ],
)
def test_an_availability_that_is_someone_elses_alone_gives_none(text: str) -> None:
    assert AVAILABILITY not in _values(text)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Roughly 70 parcels a day come through the depot (parcels, not people).", DAILY),
        ("About 300 boats a day pass the lock. Those are boats, not users.", DAILY),
        ("We registered 12,000 animals last year, animals not customers.", TOTAL),
    ],
)
def test_a_count_said_not_to_be_people_is_no_users(text: str, field: str) -> None:
    assert field not in _values(text)


def test_a_count_per_member_is_not_the_whole() -> None:
    values = _values(
        "Each clinic has 3-4 receptionists who will get an account, about 900 accounts in all."
    )
    assert values[TOTAL] == 900


def test_a_number_after_the_count_ends_what_not_people_refers_to() -> None:
    values = _values(
        "We have 4,500 registered members and 20,000 bookings a year (bookings, not users)."
    )
    assert values[TOTAL] == 4500


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Budget: a one-off investment of $80,000 for the kiosks. Hosting: $600 per month.", 600),
        ("Set-up fee $12,000. After that the servers may cost at most $300 a month.", 300),
        (
            "Budget: capital for the sensors 150 000 EUR (one time). Operation: max. 700 EUR "
            "monthly.",
            700,
        ),
    ],
)
def test_a_one_off_amount_is_no_monthly_budget(text: str, want: float) -> None:
    assert _values(text)[BUDGET] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Records of members must be stored inside Kenya only.", ["ke"]),
        (
            "Customer data must be kept in Austria or in the EU, the lawyer says either is fine.",
            ["eu"],
        ),
        ("Data residency? — Answer: EU only.", ["eu"]),
    ],
)
def test_residency_read_past_whom_the_data_is_about_and_widened(text: str, want: list[str]) -> None:
    assert _values(text)[RESIDENCY] == want


def test_no_rule_on_where_the_data_is_kept_gives_no_residency() -> None:
    values = _values("Where are the servers? We are in Portugal and do not care where they are.")
    assert RESIDENCY not in values


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("We run 1,800 meters, each reporting every 15 minutes.", 2),
        (
            "There are 24 checkpoints, and at the busiest every checkpoint logs one scan every 3 "
            "seconds.",
            8,
        ),
        ("40 pumps, one sample every 10 seconds per pump.", 4),
        ("60 barns across 5 farms each have 5 sensors sending a reading once a minute.", 5),
    ],
)
def test_an_event_rate_from_senders_and_how_often_each_sends(text: str, rate: float) -> None:
    assert _values(text)[EVENTS] == pytest.approx(rate, rel=0.02)


def test_a_count_of_time_is_no_fleet() -> None:
    assert EVENTS not in _values("For 30 minutes, each of the tills rings up a sale every minute.")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("On derby day the load is 4 times normal for the whole evening, roughly 3 hours.", 180),
        ("After a storm warning it is chaos for most of the morning, call it 4 hours.", 240),
        ("When the results go out it is mad for the first hour or so, 10x a normal day.", 60),
    ],
)
def test_a_spike_length_said_loosely(text: str, minutes: float) -> None:
    assert _values(text)[DURATION] == pytest.approx(minutes)


@pytest.mark.parametrize(
    ("text", "want"),
    [("14 thousands", 14000), ("3 hundreds", 300), ("2 billions", 2e9)],
)
def test_a_plural_multiplier_after_digits(text: str, want: float) -> None:
    assert parse_quantity(text)[0] == want


def test_every_stance_entry_judges_known_fields() -> None:
    assert stances()
    assert all(s.stance.fields for s in stances())


def test_a_stance_with_a_bad_pattern_or_field_is_refused() -> None:
    with pytest.raises(ValidationError):
        Stance(name="x", fields=[COMPLIANCE], after="(unclosed")
    with pytest.raises(ValidationError):
        Stance(name="x", fields=["non_functional.nope"], after="no")


def test_judge_names_the_stance() -> None:
    text = "PCI is the acquirer's problem."
    verdict = judge(text, COMPLIANCE, 0, 3, "PCI", [])
    assert verdict is not None
    assert "another party" in verdict.stance.name


@pytest.mark.parametrize(
    ("text", "field", "want"),
    [
        ("Hosting: $60,000 in Azure credits from the startup programme.", BUDGET, None),
        ("Nobody needs five nines here. Target availability 99.9%.", AVAILABILITY, 99.9),
        ("Credits: $20,000 for year one. Infra budget: $450 a month.", BUDGET, 450),
    ],
)
def test_credits_and_a_level_nobody_needs_are_not_the_requirement(
    text: str, field: str, want: float | None
) -> None:
    assert _values(text).get(field) == want


@pytest.mark.parametrize(
    ("text", "field", "want"),
    [
        ("HIPAA is not something we need to worry about; GDPR applies.", COMPLIANCE, ["gdpr"]),
        (
            "GDPR compliance is required; SOC 2 would be nice one day, not now.",
            COMPLIANCE,
            ["gdpr"],
        ),
        ("In 2023 we had 99.2% availability; the goal is 99.9%.", AVAILABILITY, 99.9),
        ("We had to guarantee 99.9% to the bank.", AVAILABILITY, 99.9),
        ("Uptime: their SLA is 99.95%.", AVAILABILITY, None),
    ],
)
def test_a_regime_for_later_and_an_availability_had_or_theirs(
    text: str, field: str, want: object
) -> None:
    assert _values(text).get(field) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Uptime? I would say 99.5 is fine for a laundromat.", 99.5),
        ("Honestly 99.9 would do for an internal tool.", 99.9),
    ],
)
def test_an_availability_said_to_be_enough_without_a_percent_sign(text: str, want: float) -> None:
    assert _values(text)[AVAILABILITY] == want


def test_a_hundredish_count_said_to_be_enough_is_no_availability() -> None:
    assert AVAILABILITY not in _values("Selling 99 tickets is fine for the first night.")


def test_an_answer_that_attributes_the_figure_asked_about() -> None:
    text = 'Q7 "Is 99.99% uptime realistic?" — A: That was the sales deck\'s number. Target: 99.5%.'
    assert _values(text)[AVAILABILITY] == 99.5
