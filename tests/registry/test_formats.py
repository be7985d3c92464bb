"""Radar formats: ThoughtWorks CSV/JSON and Backstage parsing, errors with locations, rendering."""

from __future__ import annotations

import json

import pytest

from archwise.errors import InputError
from archwise.registry.formats import detect_format, moved, parse, render
from archwise.registry.models import RadarItem, RadarMove

CSV = (
    "name,ring,quadrant,isNew,description\n"
    'Kafka,Adopt,platforms,TRUE,"events, streams"\n'
    "Mongo,hold,data,false,\n"
)


def test_thoughtworks_csv_is_read_with_its_flags() -> None:
    radar = parse(CSV, "thoughtworks-csv", file="r.csv", date="2026-05-01")
    assert [(i.name, i.ring, i.is_new) for i in radar.items] == [
        ("Kafka", "adopt", True),
        ("Mongo", "hold", False),
    ]
    assert radar.items[0].description == "events, streams"
    assert radar.items[0].date == "2026-05-01"


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("name,ring,quadrant\nKafka,maybe,tools\n", 2, "ring"),
        ("name,ring,quadrant,isNew\nKafka,adopt,tools,perhaps\n", 2, "isNew"),
        ("name,ring,quadrant\nKafka,adopt,tools\nkafka,hold,tools\n", 3, "name"),
        ("name,quadrant\nKafka,tools\n", 1, None),
        ("name,ring,quadrant\n,adopt,tools\n", 2, "name"),
    ],
)
def test_csv_errors_name_line_and_field(text: str, line: int, field: str | None) -> None:
    with pytest.raises(InputError) as caught:
        parse(text, "thoughtworks-csv", file="r.csv", date="2026-05-01")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.field) == ("r.csv", line, field)


def test_thoughtworks_json_accepts_booleans_and_strings() -> None:
    text = json.dumps(
        [
            {"name": "Rust", "ring": "assess", "quadrant": "languages", "isNew": True},
            {"name": "Go", "ring": "trial", "quadrant": "languages", "isNew": "FALSE"},
        ]
    )
    radar = parse(text, "thoughtworks-json", date="2026-05-01")
    assert [(i.name, i.is_new) for i in radar.items] == [("Rust", True), ("Go", False)]
    with pytest.raises(InputError):
        parse('{"name": "x"}', "thoughtworks-json", date="2026-05-01")
    with pytest.raises(InputError):
        parse("[1, 2", "thoughtworks-json", date="2026-05-01")


BACKSTAGE = {
    "title": "Company radar",
    "quadrants": [{"id": "infra", "name": "Infrastructure"}],
    "rings": [
        {"id": "use", "name": "ADOPT", "color": "#93c47d"},
        {"id": "hold", "name": "HOLD", "color": "#efafa9"},
    ],
    "entries": [
        {
            "id": "k8s",
            "key": "k8s",
            "title": "Kubernetes",
            "quadrant": "infra",
            "timeline": [
                {"moved": 1, "ringId": "use", "date": "2026-03-01", "description": "proven"},
                {"moved": 0, "ringId": "hold", "date": "2025-01-01T00:00:00Z", "description": ""},
            ],
        }
    ],
}


def test_backstage_timeline_becomes_moves_oldest_first() -> None:
    radar = parse(json.dumps(BACKSTAGE), "backstage", file="b.json", date="2026-05-01")
    (item,) = radar.items
    assert (item.name, item.ring, item.quadrant, item.date) == (
        "Kubernetes",
        "adopt",
        "Infrastructure",
        "2026-03-01",
    )
    assert [(m.from_ring, m.ring, m.date) for m in radar.moves] == [
        (None, "hold", "2025-01-01"),
        ("hold", "adopt", "2026-03-01"),
    ]


def test_backstage_unknown_ring_is_located() -> None:
    doc = json.loads(json.dumps(BACKSTAGE))
    doc["entries"][0]["timeline"][0]["ringId"] = "someday"
    with pytest.raises(InputError) as caught:
        parse(json.dumps(doc), "backstage", file="b.json", date="2026-05-01")
    assert caught.value.problems[0].field == "entries[0].timeline[0].ringId"


def test_backstage_export_has_newest_step_first_with_direction() -> None:
    items = [
        RadarItem(name="Kubernetes", ring="adopt", quadrant="Infrastructure", date="2026-03-01")
    ]
    moves = [
        RadarMove(name="Kubernetes", ring="hold", date="2025-01-01"),
        RadarMove(name="Kubernetes", ring="adopt", from_ring="hold", date="2026-03-01"),
    ]
    doc = json.loads(render(items, moves, "backstage", title="T"))
    assert [r["id"] for r in doc["rings"]] == ["adopt", "trial", "assess", "hold"]
    assert doc["quadrants"] == [{"id": "infrastructure", "name": "Infrastructure"}]
    (entry,) = doc["entries"]
    assert entry["quadrant"] == "infrastructure" and entry["id"] == entry["key"] == "kubernetes"
    assert [(t["ringId"], t["moved"]) for t in entry["timeline"]] == [("adopt", 1), ("hold", 0)]


def test_directions_and_detection() -> None:
    assert moved("hold", "adopt") == 1 and moved("trial", "hold") == -1 and moved(None, "hold") == 0
    assert detect_format("x.csv", "[]") == "thoughtworks-csv"
    assert detect_format("x.json", " [ ]") == "thoughtworks-json"
    assert detect_format("x.json", "{}") == "backstage"
