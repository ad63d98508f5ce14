"""The machine-readable last line every bench prints, which bench/run_all.py parses into its table.

One JSON object after the marker: the bench's name and its rows. A row is one figure: what it
measures, the figure, the baseline it is compared with (measured in the same run), the goal as text
and whether it is met (None when the row has no goal).
"""
from __future__ import annotations

import json

MARKER = "BENCH-RESULT "


def row(measure: str, figure: float, unit: str = "ms", baseline: str = "", baseline_figure: float | None = None,
        goal: str = "", met: bool | None = None) -> dict:
    return {"measure": measure, "figure": round(figure, 2), "unit": unit, "baseline": baseline,
            "baseline_figure": None if baseline_figure is None else round(baseline_figure, 2),
            "goal": goal, "met": met}


def emit(bench: str, rows: list[dict]) -> None:
    """Print the result line; last, so that run_all.py finds it."""
    print(MARKER + json.dumps({"bench": bench, "rows": rows}, ensure_ascii=False), flush=True)


def parse(output: str) -> dict | None:
    """The result in a bench's output, or None when it printed none (it failed or was skipped)."""
    for line in reversed(output.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER):])
    return None
