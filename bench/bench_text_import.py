"""Text import on hostile input: one long line (40,000 and 80,000 characters, then 5 MB), which took
17 s, 70 s and forever while recognition was quadratic; goal: linear, the 5 MB line < 10 s.

Prints the median of several runs beside a baseline measured in the same run on the same file —
reading and decoding its bytes — because this machine is shared. Linear time shows as a steady
ratio to the baseline as the line grows.

    python bench/bench_text_import.py [--runs N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_archive import timed  # noqa: E402  (median of runs, in ms)
from core.importing import import_file  # noqa: E402

GOAL_5MB_MS = 10_000
SENTENCE = "2024年3月，我乡依法行政，推进法治政府建设，全年办理案件12件。"
TITLE = "石桥镇人民政府关于2024年度法治政府建设情况的报告"


def one_line_file(folder: Path, characters: int) -> Path:
    path = folder / f"line-{characters}.txt"
    line = (SENTENCE * (characters // len(SENTENCE) + 1))[:characters]
    path.write_text(TITLE + "\n" + line + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    five_mb = 5_000_000 // len(SENTENCE.encode()) * len(SENTENCE)
    with tempfile.TemporaryDirectory() as tmp:
        for characters in (40_000, 80_000, five_mb):
            path = one_line_file(Path(tmp), characters)
            baseline = timed(lambda p=path: p.read_bytes().decode("utf-8"), args.runs)
            ours = timed(lambda p=path: import_file(p), args.runs)
            goal = f"goal < {GOAL_5MB_MS} ms {'OK' if ours < GOAL_5MB_MS else 'SLOW'}" if characters == five_mb else ""
            print(f"{characters:>9} characters ({path.stat().st_size / 1e6:4.1f} MB): read+decode "
                  f"{baseline:8.1f} ms   import_file {ours:8.1f} ms ({ours / baseline:6.1f}× baseline)  {goal}")


if __name__ == "__main__":
    main()
