"""Run every benchmark in bench/ and print one table: what each measures, its figure beside the
baseline measured in the same run, the goal and whether it is met — a regression shows at a glance.

Each bench runs as its own process (a fresh interpreter, as a clerk starts the app) and ends its
output with a machine-readable line (bench/bench_result.py), which this script parses.

    python bench/run_all.py [--quick] [--only NAME ...] [--write-readme]

--quick      fewer runs and smaller inputs: the whole run in a few minutes on a 2-core machine
--write-readme  put the table into bench/README.md as the last figures
"""
from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

from bench_result import parse

BENCH = Path(__file__).resolve().parent
README = BENCH / "README.md"
TABLE_START, TABLE_END = "<!-- last figures: start -->", "<!-- last figures: end -->"

# bench → (arguments for a full run, arguments for --quick)
BENCHES = {
    "bench_gui": ([], ["--runs", "16"]),
    "bench_archive": ([], []),
    "bench_text_import": ([], ["--quick", "--runs", "1"]),
    "bench_docx_import": ([], ["--runs", "5"]),
    "bench_checks": ([], ["--runs", "5"]),
    "bench_export": ([], ["--repeat", "1"]),
    "bench_preview": ([], []),
    "bench_soak": ([], ["--rounds", "3", "--save-kills", "5"]),
    "bench_postgres": ([], []),
}


def skip_reason(name: str) -> str | None:
    if name == "bench_postgres" and not os.environ.get("TEST_POSTGRES_URL"):
        return "no TEST_POSTGRES_URL (bash .ci/postgres.sh start)"
    return None


def run(name: str, quick: bool) -> tuple[dict | None, str, float]:
    """The bench's parsed result, its output's tail when it gave none, and its wall time in seconds."""
    full, fast = BENCHES[name]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    began = time.perf_counter()
    done = subprocess.run([sys.executable, str(BENCH / f"{name}.py"), *(fast if quick else full)],
                          capture_output=True, text=True, env=env, cwd=BENCH.parent)
    result = parse(done.stdout)
    tail = "" if result else (done.stdout + done.stderr).strip().splitlines()[-1:] or ["no output"]
    return result, (tail[0] if tail else ""), time.perf_counter() - began


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:,.2f} {unit}" if value < 10 else f"{value:,.0f} {unit}"


def table_rows(name: str, result: dict | None, problem: str) -> list[list[str]]:
    if result is None:
        return [[name, problem, "", "", "", "", ""]]
    rows = []
    for r in result["rows"]:
        ratio = f"{r['figure'] / r['baseline_figure']:.2f}×" if r["baseline_figure"] else ""
        met = {True: "ok", False: "**OVER**", None: ""}[r["met"]]
        baseline = f"{r['baseline']} {figure(r['baseline_figure'], r['unit'])}".strip()
        rows.append([name, r["measure"], figure(r["figure"], r["unit"]), baseline, ratio, r["goal"], met])
    return rows


def markdown(rows: list[list[str]]) -> str:
    header = ["bench", "measures", "figure", "baseline (same run)", "ratio", "goal", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_readme(table: str, quick: bool) -> None:
    text = README.read_text(encoding="utf-8")
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    stamp = f"{datetime.date.today().isoformat()}, `python bench/run_all.py{' --quick' if quick else ''}`"
    README.write_text(f"{before}{TABLE_START}\nLast run: {stamp}.\n\n{table}\n{TABLE_END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller inputs (a few minutes)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run only these benches")
    parser.add_argument("--write-readme", action="store_true", help="store the table in bench/README.md")
    args = parser.parse_args()
    rows, failed = [], False
    for name in args.only or BENCHES:
        reason = skip_reason(name)
        if reason:
            rows += [[name, f"skipped: {reason}", "", "", "", "", ""]]
            continue
        result, problem, seconds = run(name, args.quick)
        print(f"{name}: {seconds:.0f} s{'' if result else ' — FAILED: ' + problem}", file=sys.stderr, flush=True)
        failed |= result is None
        rows += table_rows(name, result, f"failed: {problem}")
    table = markdown(rows)
    print(table)
    if args.write_readme:
        write_readme(table, args.quick)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
