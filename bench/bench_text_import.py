"""Text import of the shared sample (parse + store in a fresh archive: goal ≤ 50 ms, beside the same
paragraphs inserted with bare sqlite3 in one transaction), and on hostile input: one long line (40,000
and 80,000 characters, then 5 MB), which took 17 s, 70 s and forever while recognition was quadratic;
goal: linear, the 5 MB line < 10 s.

Prints the median of several runs beside a baseline measured in the same run on the same file —
reading and decoding its bytes — because this machine is shared. Linear time shows as a steady
ratio to the baseline as the line grows.

    python bench/bench_text_import.py [--runs N]
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_archive import timed  # noqa: E402  (median of runs, in ms)
from bench_result import emit, row  # noqa: E402
from core.archive import Archive  # noqa: E402
from core.importing import import_file, store_import  # noqa: E402

GOAL_5MB_MS = 10_000
GOAL_SAMPLE_MS = 50
SAMPLE = ROOT.parent / "shared" / "samples" / "jingmao-township-2024.txt"
SENTENCE = "2024年3月，我乡依法行政，推进法治政府建设，全年办理案件12件。"
TITLE = "石桥镇人民政府关于2024年度法治政府建设情况的报告"


def one_line_file(folder: Path, characters: int) -> Path:
    path = folder / f"line-{characters}.txt"
    line = (SENTENCE * (characters // len(SENTENCE) + 1))[:characters]
    path.write_text(TITLE + "\n" + line + "\n", encoding="utf-8")
    return path


def fresh_runs(folder: Path, runs: int, store) -> float:
    """Median ms of store(path) into a new file each run (creating the file is not timed)."""
    samples = []
    for i in range(runs):
        path = folder / f"{store.__name__}-{i}.sqlite3"
        samples.append(store(path))
    return statistics.median(samples)


def archive_import(path: Path) -> float:
    with Archive(path) as archive:
        began = time.perf_counter()
        store_import(archive, import_file(SAMPLE), replace=False)
        return (time.perf_counter() - began) * 1000


def bare_insert(path: Path) -> float:
    """The sample's paragraphs in one transaction with bare sqlite3: the floor for storing them."""
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE blocks (id INTEGER PRIMARY KEY, position INTEGER, text TEXT)")
        db.commit()
        began = time.perf_counter()
        db.executemany("INSERT INTO blocks (position, text) VALUES (?, ?)", enumerate(lines))
        db.commit()
        return (time.perf_counter() - began) * 1000


def sample_row(folder: Path, runs: int) -> dict:
    baseline = fresh_runs(folder, max(runs, 5), bare_insert)
    ours = fresh_runs(folder, max(runs, 5), archive_import)
    print(f"the sample .txt, parse + store in a fresh archive: {ours:6.1f} ms (goal ≤ {GOAL_SAMPLE_MS} ms) | "
          f"bare sqlite3 insert of its lines, one transaction: {baseline:6.1f} ms")
    return row("the sample .txt, parse + store", ours, "ms", "bare sqlite3 insert", baseline,
               f"≤ {GOAL_SAMPLE_MS} ms", ours <= GOAL_SAMPLE_MS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="skip the 5 MB line")
    args = parser.parse_args()
    five_mb = 5_000_000 // len(SENTENCE.encode()) * len(SENTENCE)
    rows = []
    sizes = (40_000, 80_000) if args.quick else (40_000, 80_000, five_mb)
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(sample_row(Path(tmp), args.runs))
        for characters in sizes:
            path = one_line_file(Path(tmp), characters)
            baseline = timed(lambda p=path: p.read_bytes().decode("utf-8"), args.runs)
            ours = timed(lambda p=path: import_file(p), args.runs)
            goal = f"goal < {GOAL_5MB_MS} ms {'OK' if ours < GOAL_5MB_MS else 'SLOW'}" if characters == five_mb else ""
            print(f"{characters:>9} characters ({path.stat().st_size / 1e6:4.1f} MB): read+decode "
                  f"{baseline:8.1f} ms   import_file {ours:8.1f} ms ({ours / baseline:6.1f}× baseline)  {goal}")
            rows.append(row(f"one-line .txt, {characters:,} chars", ours, "ms", "read + decode", baseline,
                            f"< {GOAL_5MB_MS} ms" if characters == five_mb else "",
                            ours < GOAL_5MB_MS if characters == five_mb else None))
    emit("bench_text_import", rows)


if __name__ == "__main__":
    main()
