"""The Gantt chart as a PNG, drawn with matplotlib's Agg backend (same input, same bytes)."""

from __future__ import annotations

import io

from archwise.plan.schedule import Schedule

CRITICAL = "#c0392b"
NORMAL = "#2e86c1"
SLACK = "#d6eaf8"


def gantt_png(schedule: Schedule, *, title: str = "Delivery plan") -> bytes:
    """Render bars per task (critical in red, slack shaded) over working days."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib import rcParams

    rcParams["svg.hashsalt"] = "archwise"
    tasks = schedule.tasks
    height = max(2.5, 0.38 * len(tasks) + 1.2)
    fig, ax = plt.subplots(figsize=(10, height), dpi=100)
    try:
        for row, t in enumerate(tasks):
            y = len(tasks) - 1 - row
            if t.milestone:
                ax.plot([t.es], [y], marker="D", color=CRITICAL if t.critical else NORMAL)
                continue
            ax.barh(
                y, t.duration_days, left=t.es, color=CRITICAL if t.critical else NORMAL, height=0.6
            )
            if t.slack > 0:
                ax.barh(y, t.slack, left=t.ef, color=SLACK, height=0.6)
        labels = [f"{t.name} ({t.role})" if t.role else t.name for t in tasks]
        ax.set_yticks(range(len(tasks)))
        ax.set_yticklabels(list(reversed(labels)), fontsize=8)
        ax.set_xlabel(
            f"working days from {schedule.start.isoformat()}" if schedule.start else "working days"
        )
        ax.set_xlim(0, max(schedule.duration_days, 1.0) * 1.02)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_title(
            f"{title}: {schedule.duration_days:g} working days (critical path in red)", fontsize=10
        )
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()
    finally:
        plt.close(fig)
