"""Word import speed: import_file on a generated 60-page .docx (≈ 60×22×28 characters, auto-numbered
headings and items; goal ≤ 1 s).

Prints the median of several runs beside a baseline measured in the same run on the same file —
python-docx merely opening it and listing its paragraphs' text — because this machine is shared.

    python bench/bench_docx_import.py [--runs N] [--pages N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from bench_archive import timed  # noqa: E402  (median of runs, in ms)
from bench_result import emit, row  # noqa: E402
from core.importing import import_file  # noqa: E402
from tests.support.docx_fixtures import long_report  # noqa: E402

GOAL_MS = 1000


def python_docx_open(path: Path) -> int:
    return sum(len(p.text) for p in docx.Document(str(path)).paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = long_report(Path(tmp) / "long.docx", pages=args.pages)
        result = import_file(path)
        report = result.report
        items = sum(1 for c in report.chapters for b in c.blocks if b.level)
        print(f"file: {path.stat().st_size // 1024} KB, {report.char_count()} characters, "
              f"{len(report.chapters)} chapters, {items} items")
        baseline = timed(lambda: python_docx_open(path), args.runs)
        ours = timed(lambda: import_file(path), args.runs)
    verdict = "OK" if ours <= GOAL_MS else "SLOW"
    print(f"baseline  python-docx open + paragraph text: {baseline:8.1f} ms")
    print(f"import    import_file (read + recognise):    {ours:8.1f} ms   goal ≤ {GOAL_MS} ms  {verdict}"
          f"   ({ours / baseline:.2f}× baseline)")
    emit("bench_docx_import", [row(f"import a {args.pages}-page .docx", ours, "ms", "python-docx open + text",
                                   baseline, "≤ 1× baseline", ours <= baseline)])


if __name__ == "__main__":
    main()
