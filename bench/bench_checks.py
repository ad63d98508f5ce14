"""Check speed: run_checks on a report ten times the shared sample's length (goal ≤ 100 ms).

Prints the median of several runs beside a baseline measured in the same run on the same text —
merely iterating over every character in Python — because this machine is shared and noisy.
Also times apply_all_fixes, which the 全部修正 button runs once.

    python bench/bench_checks.py [--runs N]
"""
from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_archive import timed  # noqa: E402  (median of runs, in ms)
from bench_result import emit, row  # noqa: E402
from core.checks import apply_all_fixes, run_checks  # noqa: E402
from core.importing import import_file  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "jingmao-township-2024.txt"
GOAL_MS = 100
TIMES = 10


def ten_times_the_sample():
    report = import_file(SAMPLE).report
    for chapter in report.chapters:
        chapter.blocks = [copy.copy(b) for _ in range(TIMES) for b in chapter.blocks]
    return report


def all_text(report) -> str:
    return "".join([report.title] + [c.title + "".join(b.plain for b in c.blocks) for c in report.chapters])


def iterate_characters(text: str) -> int:
    count = 0
    for ch in text:
        if ch:
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    report = ten_times_the_sample()
    text = all_text(report)
    findings = run_checks(report)
    baseline = timed(lambda: iterate_characters(text), args.runs)
    checks = timed(lambda: run_checks(report), args.runs)
    fix_all = timed(lambda: apply_all_fixes(report), max(3, args.runs // 5))
    print(f"report: {len(text)} characters, {sum(len(c.blocks) for c in report.chapters)} paragraphs, "
          f"{len(findings)} findings")
    print(f"baseline (iterate over every character): {baseline:7.1f} ms")
    print(f"run_checks:                              {checks:7.1f} ms  ({checks / baseline:.1f}× baseline; "
          f"goal ≤ {GOAL_MS} ms: {'met' if checks <= GOAL_MS else 'NOT met'})")
    print(f"apply_all_fixes (全部修正, once):          {fix_all:7.1f} ms")
    emit("bench_checks", [row("run_checks, 10× the sample", checks, "ms", "iterate every character", baseline,
                              f"≤ {GOAL_MS} ms", checks <= GOAL_MS),
                          row("apply_all_fixes, 10× the sample", fix_all, "ms", "iterate every character", baseline)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
