"""Numbers bound by the cue words around them, number forms, and clauses that state nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from archwise.requirements.brief import extract_brief
from archwise.requirements.brief_cues import Cue, lexicon
from archwise.requirements.quantities import parse_quantity

from ._brief import values as _values

BENCH = Path(__file__).parents[2] / "benchmarks"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("350 000", 350_000),
        ("4 500", 4_500),
        ("25 lakh", 2_500_000),
        ("2 crore", 20_000_000),
        ("a couple of dozen", 24),
        ("a couple of hundred", 200),
        ("1.500", 1_500),
    ],
)
def test_number_forms(text: str, value: float) -> None:
    assert parse_quantity(text)[0] == value


def test_the_lexicon_is_validated_data() -> None:
    fields = {e.cue.field for e in lexicon()}
    assert "non_functional.users.total" in fields and "functional.data.retention_days" in fields
    with pytest.raises(ValidationError, match="unknown requirements field"):
        Cue.model_validate({"field": "non_functional.nope", "kind": "count", "cues": ["x"]})


def test_a_table_row_binds_its_label() -> None:
    text = (
        "| Ref | Requirement | Target |\n|---|---|---|\n"
        "| NFR-01 | Registered citizens | up to 3.5 million |\n"
        "| NFR-05 | Recovery point objective | 15 minutes |\n"
        "| NFR-06 | Recovery time objective | 4 hours |\n"
    )
    found = extract_brief(text).values
    assert found["non_functional.users.total"].value == 3_500_000
    assert found["non_functional.rpo_minutes"].value == 15
    assert found["non_functional.rto_minutes"].value == 240
    assert "Registered" in (found["non_functional.users.total"].note or "")


def test_an_answer_binds_to_its_question() -> None:
    found = _values("Q: Uptime?\nA: 99.9 percent, measured monthly.\n")
    assert found["non_functional.availability_percent"] == 99.9


def test_a_snake_case_label_is_a_cue() -> None:
    found = _values("avg_requests: 150 per second\npeak_requests: 1,200 per second\n")
    assert found["non_functional.throughput.average_rps"] == 150
    assert found["non_functional.throughput.peak_rps"] == 1200


def test_each_number_takes_its_nearest_free_cue() -> None:
    found = _values(
        "The recovery point objective shall not exceed 1 hour and service shall be restored "
        "within 4 hours of a major incident."
    )
    assert found["non_functional.rpo_minutes"] == 60
    assert found["non_functional.rto_minutes"] == 240


def test_rates_per_day_and_averages() -> None:
    found = _values("Tiles served: 20M requests/day on average.\nPeak: ~900 requests/s\n")
    assert found["non_functional.throughput.average_rps"] == pytest.approx(231.48, rel=0.01)
    assert found["non_functional.throughput.peak_rps"] == 900
    sustained = _values("The API must sustain 1,000 requests per second, bursts to 2,500 req/s.")
    assert sustained["non_functional.throughput.average_rps"] == 1000
    assert sustained["non_functional.throughput.peak_rps"] == 2500


@pytest.mark.parametrize(
    "text",
    [
        "The old system used to handle 300 requests/sec and fell over at 450.",
        "If we ever go multi-country we'd keep the data for 10 years in each country.",
        "Their product claims 10 million users.",
    ],
)
def test_past_hypothetical_and_other_peoples_numbers_give_nothing(text: str) -> None:
    found = _values(text)
    assert not {
        k for k in found if k.startswith(("non_functional.throughput", "non_functional.users"))
    }
    assert "functional.data.retention_days" not in found


def test_a_value_ruled_out_is_dropped() -> None:
    found = _values("Compliance: HIPAA, we handle patient data. SOC 2 is not required.")
    assert found["non_functional.compliance"] == ["hipaa"]


def test_the_writer_and_the_team_clause() -> None:
    found = extract_brief("It's me and two other devs; team: 3 (Go + a little Rust).").values
    assert found["constraints.team.engineers"].value == 3
    assert found["constraints.team.expertise"].value == {"go": "strong", "rust": "some"}


def test_every_value_keeps_a_phrase_of_the_brief() -> None:
    folders = [BENCH / name for name in ("briefs-dev", "briefs-dev2", "briefs-dev3")]
    for md in sorted(p for folder in folders for p in folder.glob("*.md")):
        if md.name == "README.md":
            continue
        text = md.read_text(encoding="utf-8")
        for value in extract_brief(text).values.values():
            assert value.phrases, (md.name, value.field)
            for phrase in value.phrases:
                assert phrase in text, (md.name, value.field, phrase)


def test_a_label_names_the_period_of_the_number_after_it() -> None:
    row = "| Metric | Now |\n|---|---|\n| Orders per minute (peak) | 600 |\n"
    assert _values(row)["non_functional.throughput.peak_rps"] == 10
    line = "Peak requests per second: 1,200\n"
    assert _values(line)["non_functional.throughput.peak_rps"] == 1200
    spec = "* Tiles served: 20M requests/day on average, three times that on match days\n"
    assert _values(spec)["non_functional.throughput.average_rps"] == pytest.approx(231.48, 0.01)


def test_of_several_availabilities_a_ruled_out_one_does_not_hide_the_rest() -> None:
    text = "We do NOT need four nines; three nines is plenty."
    assert _values(text)["non_functional.availability_percent"] == 99.9


def test_a_spending_ceiling_outranks_what_is_spent_today() -> None:
    found = extract_brief("i pay 15€/mo for a vps rn and cant go above 40€.").values
    budget = found["constraints.budget.infra_usd_per_month"]
    assert budget.value == 40
    assert "15" in (budget.note or "")  # the other figure is named, not hidden
