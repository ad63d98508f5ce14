"""Every public Archive method is one transaction: a kill, a full disk or a failing row leaves a chapter
or a report exactly as it was before the call or as it is after it, never between. Real SQLite files;
the kills are SIGKILLs of forked processes in the middle of their writes."""
from __future__ import annotations

import functools
import inspect
import os
import random
import signal
import sys
import time
from decimal import Decimal

import pytest

from core.archive import Archive
from core.errors import WriteFailed
from core.figures import Figure
from core.importing import store_import
from core.importing.recognize import ImportResult
from core.outline import BODY, ITEM2, Block, Chapter, Organ, Report
from tests.conftest import fill_disk

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
TEXT = "坚持以习近平法治思想为指导，健全依法决策机制，规范行政执法行为，推进政务公开。"


def paragraphs(tag: str, count: int, repeat: int = 3) -> list[Block]:
    return [Block(ITEM2, f"{tag}第{i}项。", TEXT * repeat) if i % 4 == 0
            else Block(BODY, "", f"{tag}{i}" + TEXT * repeat) for i in range(count)]


def big_report(year: int, chapters: int = 6, per_chapter: int = 150) -> Report:
    return Report(year=year, title=f"{year}年度报告", organs=[Organ("甲乡人民政府")],
                  chapters=[Chapter(f"第{c}部分", None, paragraphs(f"{c}-", per_chapter)) for c in range(chapters)])


def stored_blocks(db_path, chapter_id) -> list[Block]:
    with Archive(db_path) as archive:
        report = archive.load_report(archive.list_reports()[0].id)
    return next(c.blocks for c in report.chapters if c.id == chapter_id)


# --- one transaction per method ----------------------------------------------------------------

def _count_begins(archive: Archive) -> list[str]:
    """Every BEGIN the archive's connections send to SQLite, as SQLite sees them."""
    from sqlalchemy import event
    seen = []
    archive._engine.dispose()  # new connections get the trace
    event.listen(archive._engine, "connect",
                 lambda dbapi, _rec: dbapi.set_trace_callback(
                     lambda sql: seen.append(sql) if sql.upper().startswith("BEGIN") else None))
    return seen


@pytest.mark.sqlite_only
def test_every_public_method_is_exactly_one_transaction(archive, tmp_path):
    report_id = archive.new_report(2023, organs=[Organ("甲乡人民政府")])
    chapter_id = archive.load_report(report_id).chapters[1].id
    snapshot_id = archive.take_snapshot(report_id, "v1")
    earlier = archive.load_snapshot(snapshot_id)
    spare = archive.new_report(2022)
    archive.delete_report(spare)
    calls = {
        "list_reports": lambda: archive.list_reports(),
        "load_report": lambda: archive.load_report(report_id),
        "load_for_editing": lambda: archive.load_for_editing(report_id),
        "find_report": lambda: archive.find_report(2023),
        "same_report_id": lambda: archive.same_report_id(Report(2023)),
        "previous_report": lambda: archive.previous_report(report_id),
        "list_organs": lambda: archive.list_organs(),
        "create_report": lambda: archive.create_report(Report(2021)),
        "new_report": lambda: archive.new_report(2024, from_year=2023, copy_text=True),
        "import_report": lambda: archive.import_report(big_report(2023, 2, 5), True, "x.docx"),
        "replace_content": lambda: archive.replace_content(report_id, earlier, "替换之前"),
        "update_report": lambda: archive.update_report(report_id, doc_number="甲发〔2024〕1号"),
        "delete_report": lambda: archive.delete_report(report_id),
        "undelete_report": lambda: archive.undelete_report(report_id),
        "purge_report": lambda: archive.purge_report(spare),
        "save_chapter": lambda: archive.save_chapter(chapter_id, paragraphs("a", 3)),
        "add_chapter": lambda: archive.add_chapter(report_id, "附加"),
        "rename_chapter": lambda: archive.rename_chapter(chapter_id, "改名"),
        "move_chapter": lambda: archive.move_chapter(chapter_id, 3),
        "set_chapter_template_key": lambda: archive.set_chapter_template_key(chapter_id, "measures"),
        "remove_chapter": lambda: archive.remove_chapter(archive.load_report(report_id).chapters[-1].id),
        "take_snapshot": lambda: archive.take_snapshot(report_id, "v2"),
        "list_snapshots": lambda: archive.list_snapshots(report_id),
        "load_snapshot": lambda: archive.load_snapshot(snapshot_id),
        "restore_snapshot": lambda: archive.restore_snapshot(snapshot_id),
        "apply_fixes": lambda: archive.apply_fixes(report_id, None, "全部修正之前"),
        "export_report": lambda: archive.export_report(report_id, tmp_path / "r.docx", "red", "gb2312", "导出"),
        "search": lambda: archive.search("法治思想"),
        # key figures (core/archive/figures.py)
        "figures": lambda: archive.figures(report_id),
        "previous_figures": lambda: archive.previous_figures(report_id),
        "figure_table": lambda: archive.figure_table(report_id),
        "set_figures": lambda: archive.set_figures(report_id, [Figure("grid", "网格员", "人", Decimal(3))]),
        "remove_figure": lambda: archive.remove_figure(report_id, "grid"),
        "figure_history": lambda: archive.figure_history(report_id, "grid"),
        # presence (core/archive/presence.py)
        "touch_presence": lambda: archive.touch_presence("w1", "党政办-1", report_id, "一、主要举措和成效"),
        "others_present": lambda: archive.others_present(report_id, "w2"),
        "leave_presence": lambda: archive.leave_presence("w1"),
        "report_state": lambda: archive.report_state(report_id),
    }
    no_transaction = {"close", "backup", "backup_if_due", "save_copy_as"}  # file copies, no SQL transaction
    public = {name for name, _ in inspect.getmembers(Archive, inspect.isfunction) if not name.startswith("_")}
    assert public - no_transaction == set(calls), "every public method is listed here"
    begins = _count_begins(archive)
    counts = {}
    for name, call in calls.items():
        if name == "remove_chapter":  # its argument is read first
            target = archive.load_report(report_id).chapters[-1].id
            call = functools.partial(archive.remove_chapter, target)
        begins.clear()
        call()
        counts[name] = list(begins)
    assert {name: len(sent) for name, sent in counts.items() if len(sent) != 1} == {}
    writes = {name for name, sent in counts.items() if sent[0].upper() == "BEGIN IMMEDIATE"}
    assert writes == {"create_report", "new_report", "import_report", "replace_content", "update_report",
                      "delete_report", "undelete_report", "purge_report", "save_chapter", "add_chapter",
                      "rename_chapter", "move_chapter", "set_chapter_template_key", "remove_chapter",
                      "take_snapshot", "restore_snapshot", "apply_fixes", "export_report", "set_figures",
                      "remove_figure", "touch_presence", "leave_presence"}


# --- failures inside a transaction -------------------------------------------------------------

def test_a_failing_row_rolls_back_the_whole_save(archive):
    chapter_id = archive.load_report(archive.new_report(2024)).chapters[1].id
    before = paragraphs("旧", 10)
    archive.save_chapter(chapter_id, before)
    with pytest.raises(WriteFailed, match="数据不符合要求"):
        archive.save_chapter(chapter_id, paragraphs("新", 10) + [Block(9, "", "层级不存在")])
    assert archive.load_report(archive.find_report(2024)).chapters[1].blocks == before


def test_a_half_done_import_leaves_nothing_and_the_import_can_be_repeated(archive):
    broken = big_report(2023, chapters=4, per_chapter=5)
    broken.chapters[2].blocks.append(Block(9, "", "第三部分里的坏段落"))
    with pytest.raises(WriteFailed):
        store_import(archive, ImportResult(broken, [], "2023.docx"))
    assert archive.list_reports() == [] and archive.list_organs() == []
    report_id, replaced = store_import(archive, ImportResult(big_report(2023, 4, 5), [], "2023.docx"))
    assert not replaced and len(archive.load_report(report_id).chapters) == 4


def test_a_full_disk_during_a_save_leaves_the_old_chapter(small_disk):
    db_path = small_disk / "archive.sqlite3"
    with Archive(db_path) as archive:
        chapter_id = archive.load_report(archive.new_report(2024)).chapters[1].id
        before = paragraphs("旧", 60)
        archive.save_chapter(chapter_id, before)
        filler = fill_disk(small_disk, leave_bytes=128 * 1024)  # room for some rows, not for the save
        with pytest.raises(WriteFailed, match="磁盘空间已满"):
            archive.save_chapter(chapter_id, paragraphs("新", 60, repeat=8))
        assert archive.load_report(archive.find_report(2024)).chapters[1].blocks == before
        filler.unlink()
    assert stored_blocks(db_path, chapter_id) == before


# --- kills ------------------------------------------------------------------------------------

def _fork(work) -> tuple[int, int]:
    """Run work() in a forked child; returns (pid, read end of a pipe the child writes b"." to)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            work(lambda: os.write(write, b"."))
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@POSIX_ONLY
def test_killed_during_save_chapter_the_chapter_is_whole(db_path):
    with Archive(db_path) as archive:
        chapter_id = archive.load_report(archive.new_report(2024)).chapters[1].id
        versions = [paragraphs("甲", 10), paragraphs("乙", 14)]
        archive.save_chapter(chapter_id, versions[0])
    rng = random.Random(9)

    def save_forever(tell):
        with Archive(db_path) as child:
            for i in range(10**6):
                child.save_chapter(chapter_id, versions[i % 2])
                tell()

    for _ in range(15):
        pid, ready = _fork(save_forever)
        os.read(ready, 1)  # it is saving now
        time.sleep(rng.uniform(0, 0.05))
        _kill(pid)
        os.close(ready)
        assert stored_blocks(db_path, chapter_id) in versions


@POSIX_ONLY
def test_killed_during_an_import_the_report_is_all_there_or_not_at_all(db_path):
    report = big_report(2023)
    Archive(db_path).close()
    rng = random.Random(4)

    def import_once(tell):
        with Archive(db_path) as child:
            tell()
            store_import(child, ImportResult(report, [], "2023.docx"))
            tell()

    started = time.perf_counter()
    pid, done = _fork(import_once)
    os.read(done, 1)
    os.read(done, 1)
    duration = time.perf_counter() - started
    os.waitpid(pid, 0)
    with Archive(db_path) as archive:
        expected = archive.load_report(archive.list_reports()[0].id)
        archive.delete_report(expected.id)
        archive.purge_report(expected.id)
    outcomes = set()
    for _ in range(12):
        pid, ready = _fork(import_once)
        os.read(ready, 1)
        time.sleep(rng.uniform(0, duration))
        _kill(pid)
        os.close(ready)
        with Archive(db_path) as archive:
            reports = archive.list_reports()
            if reports:
                stored = archive.load_report(reports[0].id)
                assert [(c.title, c.blocks) for c in stored.chapters] == \
                    [(c.title, c.blocks) for c in expected.chapters]
                archive.delete_report(stored.id)
                archive.purge_report(stored.id)
                outcomes.add("after")
            else:
                assert archive.list_organs() in ([], [Organ("甲乡人民政府")])
                outcomes.add("before")
    with Archive(db_path) as archive:  # and importing again works
        assert store_import(archive, ImportResult(report, [], "2023.docx"))[1] is False
    assert "before" in outcomes
