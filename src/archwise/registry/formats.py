"""Radar exchange formats: ThoughtWorks build-your-own-radar CSV and JSON, Backstage tech-radar.

Pure text in, text out. ThoughtWorks blips are `name, ring, quadrant, isNew, description`; the
Backstage loader response is `{title, quadrants[{id, name}], rings[{id, name, color}],
entries[{id, key, title, quadrant, description, timeline[{moved, ringId, date, description}]}]}`
with the newest timeline step first and `moved` 1 (inwards, towards adopt), -1 (outwards) or 0.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Literal

from archwise.errors import InputError
from archwise.registry.models import RINGS, RadarImport, RadarItem, RadarMove, Ring

Format = Literal["thoughtworks-csv", "thoughtworks-json", "backstage"]
FORMATS: tuple[Format, ...] = ("thoughtworks-csv", "thoughtworks-json", "backstage")
TW_COLUMNS = ("name", "ring", "quadrant", "isNew", "description")
RING_COLOURS = {"adopt": "#5ba300", "trial": "#009eb0", "assess": "#c7ba00", "hold": "#e09b96"}
TRUE_WORDS = {"true", "yes", "y", "1", "new"}
FALSE_WORDS = {"false", "no", "n", "0", "", "no change", "moved in", "moved out"}
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def detect_format(filename: str, text: str) -> Format:
    """The format of a radar file from its name and content."""
    if filename.lower().endswith(".csv"):
        return "thoughtworks-csv"
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "thoughtworks-json"
    if stripped.startswith("{"):
        return "backstage"
    return "thoughtworks-csv"


def check_format(fmt: str) -> Format:
    """The format name, validated."""
    for known in FORMATS:
        if fmt == known:
            return known
    raise InputError(f"unknown radar format {fmt!r}; valid: {', '.join(FORMATS)}", field="format")


def slug(text: str) -> str:
    """A lower-case identifier made of letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def _ring(value: Any, file: str | None, line: int | None, field: str) -> Ring:
    word = str(value or "").strip().casefold()
    for ring in RINGS:
        if word == ring:
            return ring
    raise InputError(
        f"ring {value!r} is not one of {', '.join(RINGS)}", file=file, line=line, field=field
    )


def _flag(value: Any, file: str | None, line: int | None, field: str) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value if value is not None else "").strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InputError(f"{value!r} is not TRUE or FALSE", file=file, line=line, field=field)


def _name(value: Any, file: str | None, line: int | None) -> str:
    name = str(value or "").strip()
    if not name:
        raise InputError("a blip needs a name", file=file, line=line, field="name")
    if len(name) > 200:
        raise InputError("name longer than 200 characters", file=file, line=line, field="name")
    return name


def _date(value: Any, file: str | None, line: int | None, field: str) -> str:
    found = DATE.match(str(value or "").strip())
    if not found:
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD)", file=file, line=line, field=field)
    return found.group(1)


def parse(text: str, fmt: Format, *, file: str | None = None, date: str) -> RadarImport:
    """Read a radar file; ThoughtWorks blips are dated `date` (their format carries no date)."""
    if fmt == "thoughtworks-csv":
        return _parse_tw_rows(_csv_rows(text, file), file, date)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", file=file, line=exc.lineno) from None
    if fmt == "thoughtworks-json":
        if not isinstance(doc, list):
            raise InputError("expected a JSON list of blips", file=file)
        return _parse_tw_rows([(None, r) for r in doc], file, date)
    return _parse_backstage(doc, file)


def _csv_rows(text: str, file: str | None) -> list[tuple[int | None, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty CSV file", file=file, line=1) from None
    keys = [h.strip() for h in header]
    folded = {k.casefold() for k in keys}
    missing = [c for c in ("name", "ring", "quadrant") if c not in folded]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected {','.join(TW_COLUMNS)}",
            file=file,
            line=1,
        )
    rows: list[tuple[int | None, dict[str, Any]]] = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rows.append((reader.line_num, dict(zip(keys, cells, strict=False))))
    return rows


def _get(row: dict[str, Any], key: str) -> Any:
    for k, v in row.items():
        if str(k).casefold() == key.casefold():
            return v
    return None


def _parse_tw_rows(rows: list[tuple[int | None, Any]], file: str | None, date: str) -> RadarImport:
    items: list[RadarItem] = []
    seen: set[str] = set()
    for index, (line, row) in enumerate(rows):
        where = line if line is not None else None
        if not isinstance(row, dict):
            raise InputError(f"blip {index + 1} is not an object", file=file, line=where)
        name = _name(_get(row, "name"), file, where)
        if name.casefold() in seen:
            raise InputError(f"{name!r} appears twice", file=file, line=where, field="name")
        seen.add(name.casefold())
        status = _get(row, "status")
        flag = _get(row, "isNew")
        if flag is None and status is not None:
            flag = str(status).strip().casefold() == "new"
        items.append(
            RadarItem(
                name=name,
                ring=_ring(_get(row, "ring"), file, where, "ring"),
                quadrant=str(_get(row, "quadrant") or "").strip()[:100],
                description=str(_get(row, "description") or ""),
                is_new=_flag(flag, file, where, "isNew"),
                date=date,
            )
        )
    return RadarImport(items=items)


def _parse_backstage(doc: Any, file: str | None) -> RadarImport:
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise InputError("expected an object with 'entries' (Backstage tech-radar)", file=file)
    rings: dict[str, Ring] = {}
    for index, ring in enumerate(doc.get("rings") or []):
        if not isinstance(ring, dict) or "id" not in ring:
            raise InputError("a ring needs an id", file=file, field=f"rings[{index}]")
        name = ring.get("name") or ring["id"]
        word = str(ring["id"]).casefold()
        matched = word if word in RINGS else str(name).casefold()
        rings[str(ring["id"])] = _ring(matched, file, None, f"rings[{index}]")
    quadrants = {
        str(q["id"]): str(q.get("name") or q["id"])
        for q in doc.get("quadrants") or []
        if isinstance(q, dict) and "id" in q
    }
    items: list[RadarItem] = []
    moves: list[RadarMove] = []
    for index, entry in enumerate(doc["entries"]):
        where = f"entries[{index}]"
        if not isinstance(entry, dict):
            raise InputError("an entry must be an object", file=file, field=where)
        name = _name(entry.get("title") or entry.get("id") or entry.get("key"), file, None)
        timeline = entry.get("timeline")
        if not isinstance(timeline, list) or not timeline:
            raise InputError("an entry needs a timeline", file=file, field=f"{where}.timeline")
        steps: list[tuple[str, Ring, str, int]] = []
        for t_index, step in enumerate(timeline):
            field = f"{where}.timeline[{t_index}]"
            if not isinstance(step, dict):
                raise InputError("a timeline step must be an object", file=file, field=field)
            ring_id = str(step.get("ringId", ""))
            ring = rings.get(ring_id) or _ring(ring_id, file, None, f"{field}.ringId")
            day = _date(step.get("date"), file, None, f"{field}.date")
            direction = step.get("moved", 0)
            steps.append(
                (
                    day,
                    ring,
                    str(step.get("description") or ""),
                    direction if direction in (-1, 0, 1) else 0,
                )
            )
        steps.sort(key=lambda s: s[0])
        previous = _before(steps[0][1], steps[0][3])
        for day, ring, text, _direction in steps:
            moves.append(
                RadarMove(
                    name=name,
                    ring=ring,
                    from_ring=previous,
                    date=day,
                    description=text,
                    source="backstage",
                )
            )
            previous = ring
        quadrant = str(entry.get("quadrant") or "")
        last = steps[-1]
        items.append(
            RadarItem(
                name=name,
                ring=last[1],
                quadrant=quadrants.get(quadrant, quadrant)[:100],
                description=str(entry.get("description") or ""),
                is_new=len(steps) == 1,
                date=last[0],
            )
        )
    return RadarImport(title=str(doc.get("title") or ""), items=items, moves=moves)


def _before(ring: Ring, direction: int) -> Ring | None:
    """The ring a first timeline step came from: the neighbour its `moved` points away from."""
    index = RINGS.index(ring) + direction
    return RINGS[index] if direction and 0 <= index < len(RINGS) else None


def moved(from_ring: str | None, ring: str) -> int:
    """Backstage's direction of a move: 1 towards adopt, -1 towards hold, 0 none."""
    if from_ring is None or from_ring == ring:
        return 0
    return 1 if RINGS.index(ring) < RINGS.index(from_ring) else -1


def render(
    items: list[RadarItem], moves: list[RadarMove], fmt: Format, *, title: str = "archwise"
) -> str:
    """Write blips (and their history, for Backstage) in a radar format."""
    ordered = sorted(items, key=lambda i: (RINGS.index(i.ring), i.name.casefold()))
    if fmt == "thoughtworks-csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(TW_COLUMNS)
        for item in ordered:
            writer.writerow(
                [item.name, item.ring, item.quadrant, _tw_flag(item.is_new), item.description]
            )
        return out.getvalue()
    if fmt == "thoughtworks-json":
        rows = [
            {
                "name": i.name,
                "ring": i.ring,
                "quadrant": i.quadrant,
                "isNew": _tw_flag(i.is_new),
                "description": i.description,
            }
            for i in ordered
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(_backstage(ordered, moves, title), indent=2, ensure_ascii=False) + "\n"


def _tw_flag(value: bool) -> str:
    return "TRUE" if value else "FALSE"


def _backstage(items: list[RadarItem], moves: list[RadarMove], title: str) -> dict[str, Any]:
    by_name: dict[str, list[RadarMove]] = {}
    for move in moves:
        by_name.setdefault(move.name.casefold(), []).append(move)
    quadrant_names = sorted({i.quadrant for i in items if i.quadrant}, key=str.casefold)
    entries = []
    for item in items:
        history = sorted(by_name.get(item.name.casefold(), []), key=lambda m: m.date)
        if not history or history[-1].ring != item.ring:
            history.append(
                RadarMove(
                    name=item.name,
                    ring=item.ring,
                    from_ring=history[-1].ring if history else None,
                    date=item.date,
                    description=item.description,
                )
            )
        timeline = [
            {
                "moved": moved(m.from_ring, m.ring),
                "ringId": m.ring,
                "date": m.date,
                "description": m.description,
            }
            for m in reversed(history)
        ]
        key = slug(item.name)
        entries.append(
            {
                "id": key,
                "key": key,
                "title": item.name,
                "quadrant": slug(item.quadrant) if item.quadrant else "",
                "description": item.description,
                "timeline": timeline,
            }
        )
    return {
        "title": title,
        "quadrants": [{"id": slug(q), "name": q} for q in quadrant_names],
        "rings": [{"id": r, "name": r.upper(), "color": RING_COLOURS[r]} for r in RINGS],
        "entries": entries,
    }
