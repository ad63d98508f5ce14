"""Benchmark: in-process export of a report ten times the sample (≈65,000 characters) against pandoc
writing the same text to .docx (whole process), measured in the same run. Goal: ours ≤ 0.5× pandoc.
Also the page model alone: a 10-page report laid out (goal ≪ 100 ms) and the big report.

    python bench/bench_export.py [--repeat N]
"""
from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.outline import report_text  # noqa: E402
from bench_result import emit, row  # noqa: E402
from core.docx_export import export_report  # noqa: E402
from core.pages import layout_report  # noqa: E402
from tests.support.reports import sample_report  # noqa: E402

TARGET_CHARS = 65_000  # the "ten times the sample" (its 6.5 kB file), in characters


def big_report():
    report = sample_report()
    copies = -(-TARGET_CHARS // report.char_count())
    chapters = [copy.deepcopy(c) for _ in range(copies) for c in report.chapters]
    report.chapters = chapters
    return report


def ten_page_report():
    """The sample with its chapters repeated until it lays out on about ten pages."""
    report = sample_report()
    chapters = copy.deepcopy(report.chapters)
    while len(layout_report(report, "red").pages) < 10:
        report.chapters += copy.deepcopy(chapters[1:2])
    return report


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report = big_report()
    print(f"report: {report.char_count()} characters, {len(report.chapters)} chapters")
    ten_pages = ten_page_report()
    pages = len(layout_report(ten_pages, "red").pages)
    model = best_of(args.repeat * 5, lambda: layout_report(ten_pages, "red"))
    print(f"page model, {pages}-page report ({ten_pages.char_count()} characters): {model * 1000:8.1f} ms")
    drawn = best_of(args.repeat * 5, lambda: [p.lines for p in layout_report(ten_pages, "red").pages])
    print(f"page model + every line positioned (preview):    {drawn * 1000:8.1f} ms  (goal < 100 ms)")
    rows = [row(f"page model + lines, {pages} pages", drawn * 1000, "ms", "page model alone", model * 1000,
                "< 100 ms", drawn * 1000 < 100)]
    big_pages = len(layout_report(report, "red").pages)
    model_big = best_of(args.repeat, lambda: layout_report(report, "red"))
    print(f"page model, big report ({big_pages} pages):              {model_big * 1000:8.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours = best_of(args.repeat, lambda: export_report(report, folder / "ours.docx", "red"))
        print(f"ours   (in-process export_report, red): {ours * 1000:8.1f} ms")
        pandoc = shutil.which("pandoc")
        if not pandoc:
            print("pandoc not found: no baseline")
            emit("bench_export", rows + [row("export_report (.docx), big report", ours * 1000)])
            return 0
        text = folder / "report.txt"
        text.write_text(report_text(report).replace("\n", "\n\n"), encoding="utf-8")
        theirs = best_of(args.repeat, lambda: subprocess.run(
            [pandoc, str(text), "-f", "markdown", "-o", str(folder / "pandoc.docx")], check=True))
        print(f"pandoc (whole process, same text):      {theirs * 1000:8.1f} ms")
        print(f"ratio ours/pandoc: {ours / theirs:.2f} (goal ≤ 0.5)")
    emit("bench_export", rows + [row("export_report (.docx), big report", ours * 1000, "ms", "pandoc, same text",
                                     theirs * 1000, "≤ 0.5×", ours <= 0.5 * theirs)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
