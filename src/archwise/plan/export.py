"""Plan exports as text: Mermaid Gantt, iCalendar (RFC 5545) and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math

from archwise.plan.schedule import Schedule, ScheduledTask
from archwise.plan.workdays import add_workdays

# Relative Gantt charts (no --start) are drawn from this Monday, with week numbers on the axis.
NOMINAL_START = dt.date(2001, 1, 1)


def _mermaid_text(text: str) -> str:
    return (
        text.replace(":", " -")
        .replace("#", "")
        .replace(";", ",")
        .replace("<", "‹")
        .replace(">", "›")
        .strip()
    )


def mermaid_gantt(schedule: Schedule, *, title: str = "Delivery plan") -> str:
    """A Mermaid `gantt` block: sections by role, critical tasks marked, weekends excluded."""
    start = schedule.start or NOMINAL_START
    lines = [
        "gantt",
        f"    title {_mermaid_text(title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat " + ("%d %b" if schedule.start else "week %W"),
        "    excludes weekends",
    ]
    sections: dict[str, list[ScheduledTask]] = {}
    for t in schedule.tasks:
        sections.setdefault(t.role or "milestones", []).append(t)
    for role in sorted(sections, key=lambda r: (r == "milestones", r)):
        lines.append(f"    section {_mermaid_text(role)}")
        for t in sections[role]:
            begin = add_workdays(start, math.floor(t.es + 1e-9)).isoformat()
            tags = []
            if t.critical:
                tags.append("crit")
            if t.milestone:
                tags.append("milestone")
            tag = ", ".join([*tags, _mermaid_id(t.id)])
            days = 0 if t.milestone else max(1, math.ceil(t.duration_days - 1e-9))
            lines.append(f"    {_mermaid_text(t.name)} :{tag}, {begin}, {days}d")
    return "\n".join(lines) + "\n"


def _mermaid_id(task_id: str) -> str:
    return "t_" + "".join(c if c.isalnum() else "_" for c in task_id)


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current = " "
            size = 1
            limit = 75
        current += ch
        size += n
    out.append(current)
    return out


def ics(schedule: Schedule, *, subject: str, levelled: bool = False) -> str:
    """An iCalendar file: one all-day event per task, stable UIDs, CRLF lines folded at 75."""
    if schedule.start is None:
        raise ValueError("an iCalendar export needs a start date")
    stamp = schedule.start.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//archwise//delivery plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_escape(subject)}",
    ]
    for t in schedule.tasks:
        first = t.levelled_start_date if levelled else t.start_date
        last = t.levelled_finish_date if levelled else t.finish_date
        if first is None or last is None:
            continue
        uid = hashlib.sha256(f"{subject}\0{t.id}".encode()).hexdigest()[:20]
        desc = [f"Task {t.id}", f"{t.duration_days:g} working days"]
        if t.role:
            desc.append(f"role: {t.role}")
        if t.depends_on:
            desc.append("after: " + ", ".join(t.depends_on))
        desc.append("critical path" if t.critical else f"slack: {t.slack:g} days")
        summary = ("Milestone: " if t.milestone else "") + t.name
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@archwise",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(last + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(summary)}",
            f"DESCRIPTION:{_ics_escape(chr(10).join(desc))}",
            "TRANSP:TRANSPARENT",
        ]
        if t.role:
            lines.append(f"CATEGORIES:{_ics_escape(t.role)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    out: list[str] = []
    for line in lines:
        out += fold(line)
    return "\r\n".join(out) + "\r\n"


CSV_FIELDS = (
    "id",
    "name",
    "role",
    "duration_days",
    "depends_on",
    "es",
    "ef",
    "ls",
    "lf",
    "slack",
    "critical",
    "start_date",
    "finish_date",
    "lane",
    "levelled_start_date",
    "levelled_finish_date",
)


def to_csv(schedule: Schedule) -> str:
    """One row per task for spreadsheets (dates ISO 8601, dependencies space-separated)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for t in schedule.tasks:
        row = t.model_dump(mode="json")
        row["depends_on"] = " ".join(t.depends_on)
        row["critical"] = "yes" if t.critical else "no"
        w.writerow(["" if row.get(k) is None else row[k] for k in CSV_FIELDS])
    return buf.getvalue()
