"""Archive speed on a full-size archive: 30 years × 3 organs of ≈8,000-character reports.

Prints the median of several runs for: open, import the sample, open (load) a report, save one edited
chapter, list; beside a baseline in the same run — the same report read with bare sqlite3 — because
this machine is noisy. Targets: save ≤ 10 ms (one transaction, one commit), open a report ≤ 30 ms,
list ≤ 50 ms, import 10,000 paragraphs ≤ 2 s (one transaction) — beside the same rows inserted with bare
sqlite3 in one transaction.

    python bench/bench_archive.py [--keep DIR]
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.archive import Archive  # noqa: E402
from core.importing import import_file, store_import  # noqa: E402
from core.outline import BODY, ITEM2, Block, Organ  # noqa: E402
from bench_result import emit, row  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "jingmao-township-2024.txt"
ORGANS = ["中共{}乡委员会", "{}乡人民政府", "{}镇人民政府"]
TOWNS = ["甲", "乙", "丙"]
PARAGRAPH = ("坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，严格落实法治政府建设"
             "各项任务，健全依法决策机制，规范行政执法行为，推进政务公开，化解矛盾纠纷。")


def full_size_blocks(chapter_index: int) -> list[Block]:
    """About 1,600 characters a chapter, so five chapters make ≈8,000."""
    blocks = []
    for k in range(4):
        blocks.append(Block(ITEM2, f"第{chapter_index}部分第{k + 1}项工作。", ""))
        blocks.append(Block(BODY, "", PARAGRAPH * 5))
    return blocks


def build_archive(path: Path) -> Archive:
    archive = Archive(path)
    for year in range(1996, 2026):  # 30 years
        for town, pattern in zip(TOWNS, ORGANS):
            report_id = archive.new_report(year, organs=[Organ(pattern.format(town))])
            for i, chapter in enumerate(archive.load_report(report_id).chapters[1:6], start=1):
                archive.save_chapter(chapter.id, full_size_blocks(i))
    return archive


def timed(fn, runs: int = 15) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def big_report(paragraphs: int = 10_000):
    from core.outline import Chapter, Report
    per_chapter = paragraphs // 5
    return Report(year=2020, title="一万段的报告", organs=[Organ("甲乡人民政府")],
                  chapters=[Chapter(f"第{c}部分", None, [Block(ITEM2 if i % 10 == 0 else BODY, "", f"{i}" + PARAGRAPH)
                                                       for i in range(per_chapter)]) for c in range(5)])


def bench_big_import(folder: Path) -> list:
    """Storing an imported report of 10,000 paragraphs (one transaction), against bare sqlite3 inserting
    the same rows into the same schema in one transaction."""
    report = big_report()
    db = folder / "big-import.sqlite3"
    archives = []

    def fresh_import():
        db.unlink(missing_ok=True)
        archives.append(Archive(db))
        archives[-1].import_report(report, False, "big.docx")
    ours = timed(fresh_import, runs=3)  # (includes opening the fresh archive)
    replaced = timed(lambda: archives[-1].import_report(report, True, "big.docx"), runs=3)
    for archive in archives:
        archive.close()
    raw = sqlite3.connect(db, isolation_level=None)
    chapter_id = raw.execute("SELECT id FROM chapters LIMIT 1").fetchone()[0]
    rows = [(chapter_id, i, b.level, b.heading, b.text) for c in report.chapters for i, b in enumerate(c.blocks)]

    def bare_insert():
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany("INSERT INTO blocks (chapter_id, position, level, heading, text) VALUES (?,?,?,?,?)", rows)
        raw.execute("ROLLBACK")
    base = timed(bare_insert, runs=3)
    raw.close()
    return [("import 10,000 paragraphs (new report)", ours, 2000),
            ("import 10,000 paragraphs over that year (replace)", replaced, None),
            ("baseline: bare sqlite3 insert of those rows", base, None)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="build the archive in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-archive-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "archive.sqlite3"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    build_archive(db).close()
    print(f"built 90 reports in {time.perf_counter() - start:.1f} s at {db}")

    archive_open = timed(lambda: Archive(db).close(), runs=5)
    archive = Archive(db)
    summaries = archive.list_reports()
    report_id = summaries[len(summaries) // 2].id
    report = archive.load_report(report_id)
    chars = report.char_count()
    chapter = report.chapters[1]
    edited = list(chapter.blocks)

    def save_edit():
        edited[1] = Block(BODY, "", edited[1].text + "新")
        archive.save_chapter(chapter.id, edited)

    raw = sqlite3.connect(db)

    def raw_read():
        raw.execute("SELECT b.level, b.heading, b.text FROM blocks b JOIN chapters c ON c.id = b.chapter_id "
                    "WHERE c.report_id = ? ORDER BY c.position, b.position", (report_id,)).fetchall()

    rows = [
        ("open the archive (checks, no migration)", archive_open, None),
        ("list reports", timed(archive.list_reports), 50),
        (f"open a report ({chars} chars)", timed(lambda: archive.load_report(report_id)), 30),
        ("save one edited chapter", timed(save_edit), 10),
        ("baseline: bare sqlite3 read of the same report", timed(raw_read), None),
    ]
    rows += bench_big_import(folder)
    if SAMPLE.exists():
        sample_db = folder / "import.sqlite3"
        sample_db.unlink(missing_ok=True)
        with Archive(sample_db) as fresh:
            rows.append(("import the sample (.txt, parse + store)",
                         timed(lambda: store_import(fresh, import_file(SAMPLE), replace=True), runs=5),
                         None))
    print(f"{'operation':50} {'median ms':>10} {'target':>8}")
    for name, ms, target in rows:
        verdict = "" if target is None else ("  ok" if ms <= target else "  OVER")
        print(f"{name:50} {ms:10.2f} {'' if target is None else f'≤{target}':>8}{verdict}")
    raw.close()
    archive.close()
    baseline = rows[4][1]
    emit("bench_archive", [row(name, ms, "ms", "bare sqlite3 read" if i < 4 else "", baseline if i < 4 else None,
                               "" if target is None else f"≤ {target} ms", None if target is None else ms <= target)
                           for i, (name, ms, target) in enumerate(rows) if i != 4])


if __name__ == "__main__":
    main()
