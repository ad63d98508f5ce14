"""Word import speed: import_file on a generated 60-page .docx (≈ 60×22×28 characters, auto-numbered
headings and items; goal ≤ 1 s).

Prints the median of several runs beside a baseline measured in the same run on the same file —
python-docx merely opening it and listing its paragraphs' text — because this machine is shared.

    python bench/bench_docx_import.py [--runs N] [--pages N]
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from bench_result import emit, row  # noqa: E402
from core.importing import import_file  # noqa: E402
from tests.support.docx_fixtures import long_report  # noqa: E402

GOAL_MS = 1000


def python_docx_open(path: Path) -> int:
    return sum(len(p.text) for p in docx.Document(str(path)).paragraphs)


def interleaved(baseline, ours, runs: int) -> tuple[float, float]:
    """Medians (ms) of the two run in turns, so that the machine's load falls on both alike, each as the
    window runs it: with Python's automatic garbage collection off (gui/main_thread_gc.py collects on
    the GUI thread's timer), after a collection of what the previous run left. Run one after the other
    with automatic collection, the ratio moved between 0.86× and 1.07× with whichever side's run
    happened to trigger the collector's full passes."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for samples, work in zip(times, (baseline, ours)):
            gc.collect()
            gc.disable()
            start = time.perf_counter()
            work()
            samples.append((time.perf_counter() - start) * 1000)
            gc.enable()
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = long_report(Path(tmp) / "long.docx", pages=args.pages)
        result = import_file(path)
        report = result.report
        items = sum(1 for c in report.chapters for b in c.blocks if b.level)
        print(f"file: {path.stat().st_size // 1024} KB, {report.char_count()} characters, "
              f"{len(report.chapters)} chapters, {items} items")
        python_docx_open(path)  # both warmed up: python-docx's first Document() builds its element classes
        baseline, ours = interleaved(lambda: python_docx_open(path), lambda: import_file(path), args.runs)
    verdict = "OK" if ours <= GOAL_MS else "SLOW"
    print(f"baseline  python-docx open + paragraph text: {baseline:8.1f} ms")
    print(f"import    import_file (read + recognise):    {ours:8.1f} ms   goal ≤ {GOAL_MS} ms  {verdict}"
          f"   ({ours / baseline:.2f}× baseline)")
    emit("bench_docx_import", [row(f"import a {args.pages}-page .docx", ours, "ms", "python-docx open + text",
                                   baseline, "≤ 1× baseline", ours <= baseline)])


if __name__ == "__main__":
    main()
