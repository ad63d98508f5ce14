"""The archive facade on real SQLite files: reports, chapters, snapshots, trash, search, failures."""
import sqlite3

import pytest

from core.archive import Archive
from core.errors import AppError, NotFoundError, WriteFailed
from core.importing import import_file, store_import
from core.outline import BODY, ITEM2, ITEM3, Block, Organ

ORGANS = [Organ("中共甲乡委员会", "甲发"), Organ("甲乡人民政府")]


def test_new_report_from_template(archive):
    report = archive.load_report(archive.new_report(2024, organs=ORGANS))
    assert [c.template_key for c in report.chapters] == [
        "intro", "measures", "shortcomings", "first_responsibility", "plans", "other"]
    assert report.chapters[1].title == "2024年度推进法治政府建设的主要举措和成效"
    assert report.chapters[4].title == "2025年度推进法治政府建设的主要安排"
    assert report.organ_names == ["中共甲乡委员会", "甲乡人民政府"]
    assert report.status == "draft"


def test_save_chapter_then_reopen_the_file(db_url):
    with Archive(db_url) as archive:
        report = archive.load_report(archive.new_report(2024, organs=ORGANS))
        blocks = [Block(ITEM2, "健全工作组织。", "调整充实领导机构。"), Block(BODY, "", "正文。")]
        archive.save_chapter(report.chapters[1].id, blocks, title="主要举措和成效")
    with Archive(db_url) as archive:
        chapter = archive.load_report(report.id).chapters[1]
    assert chapter.blocks == blocks and chapter.title == "主要举措和成效"


def test_chapters_add_rename_move_remove(archive):
    report_id = archive.new_report(2024)
    added = archive.add_chapter(report_id, "附加部分", position=1)
    archive.rename_chapter(added, "改名部分")
    report = archive.load_report(report_id)
    assert [c.title for c in report.chapters][:2] == ["导语", "改名部分"]
    archive.move_chapter(added, 6)
    assert archive.load_report(report_id).chapters[-1].title == "改名部分"
    archive.save_chapter(added, [Block(BODY, "", "要保留的内容。")])
    snapshot_id = archive.remove_chapter(added)
    assert "改名部分" not in [c.title for c in archive.load_report(report_id).chapters]
    kept = archive.load_snapshot(snapshot_id)
    assert kept.chapters[-1].blocks[0].text == "要保留的内容。"


def test_snapshot_and_restore(archive):
    report_id = archive.new_report(2024)
    chapter_id = archive.load_report(report_id).chapters[1].id
    archive.save_chapter(chapter_id, [Block(BODY, "", "第一稿。")])
    first = archive.take_snapshot(report_id, "第一稿")
    archive.save_chapter(chapter_id, [Block(BODY, "", "第二稿。")])
    archive.update_report(report_id, doc_number="甲发〔2025〕3号")
    before_restore = archive.restore_snapshot(first)
    restored = archive.load_report(report_id)
    assert restored.chapters[1].blocks[0].text == "第一稿。"
    assert restored.doc_number == ""
    infos = archive.list_snapshots(report_id)
    assert [i.label for i in infos][:2] == ["恢复版本“第一稿”之前", "第一稿"]
    assert infos[0].automatic and not infos[1].automatic
    assert archive.load_snapshot(before_restore).chapters[1].blocks[0].text == "第二稿。"


def test_new_from_previous_year(archive, sample_path):
    store_import(archive, import_file(sample_path))
    bare = archive.load_report(archive.new_report(2025, from_year=2024))
    assert bare.organ_names == ["中共景毛乡委员会", "景毛乡人民政府"]
    assert bare.title == "中共景毛乡委员会 景毛乡人民政府 2025年法治政府建设年度报告"
    assert bare.chapters[-1].title == "2026年推进法治政府建设的主要安排和具体计划"
    assert all(not c.blocks for c in bare.chapters)
    assert bare.doc_number == ""
    archive.delete_report(bare.id)
    copied = archive.load_report(archive.new_report(2025, from_year=2024, copy_text=True))
    assert copied.chapters[2].blocks == archive.load_report(archive.find_report(2024)).chapters[2].blocks
    assert archive.previous_report(copied.id).year == 2024


def test_trash_and_undelete(archive):
    report_id = archive.new_report(2024)
    archive.delete_report(report_id)
    assert archive.list_reports() == []
    assert [r.id for r in archive.list_reports(deleted=True)] == [report_id]
    with pytest.raises(NotFoundError):
        archive.load_report(report_id)
    archive.undelete_report(report_id)
    assert [r.id for r in archive.list_reports()] == [report_id]
    with pytest.raises(AppError, match="回收站"):
        archive.purge_report(report_id)
    archive.delete_report(report_id)
    archive.purge_report(report_id)
    assert archive.list_reports(deleted=True) == []


def test_find_report_by_year_or_id(archive):
    first = archive.new_report(2023)
    assert archive.find_report("2023") == first
    assert archive.find_report(str(first)) == first
    archive.new_report(2023)
    with pytest.raises(NotFoundError, match="2 份报告"):
        archive.find_report(2023)
    with pytest.raises(NotFoundError):
        archive.find_report("abc")


def test_wrong_year_is_refused(archive):
    with pytest.raises(AppError, match="年份"):
        archive.new_report(1985)


def test_import_over_existing_year_needs_replace_and_snapshots(archive, sample_path):
    result = import_file(sample_path)
    report_id, replaced = store_import(archive, result)
    assert not replaced
    with pytest.raises(AppError, match="--replace"):
        store_import(archive, import_file(sample_path))
    chapter = archive.load_report(report_id).chapters[1]
    archive.save_chapter(chapter.id, [Block(BODY, "", "手工修改。")])
    again, replaced = store_import(archive, import_file(sample_path), replace=True)
    assert (again, replaced) == (report_id, True)
    snapshot = archive.list_snapshots(report_id)[0]
    assert snapshot.automatic and "导入" in snapshot.label
    assert archive.load_snapshot(snapshot.id).chapters[1].blocks[0].text == "手工修改。"


def test_full_text_search(archive, sample_path):
    store_import(archive, import_file(sample_path))
    hits = archive.search("放管服")
    assert [(h.year, h.chapter_title) for h in hits] == [(2024, "推进法治政府主要举措和成效")]
    assert "放管服" in hits[0].snippet
    assert archive.search("普法")  # two characters: below the trigram size
    assert archive.search("没有这句话的内容") == []
    chapter = archive.load_report(hits[0].report_id).chapters[2]
    archive.save_chapter(chapter.id, [Block(ITEM3, "新写的内容。", "")])
    assert archive.search("放管服") == []
    assert archive.search("新写的内容")


def test_locked_database_gives_a_clear_message_and_keeps_the_data(db_path):
    with Archive(db_path, busy_timeout_s=0.2) as archive:
        report = archive.load_report(archive.new_report(2024))
        chapter_id = report.chapters[1].id
        archive.save_chapter(chapter_id, [Block(BODY, "", "已保存的内容。")])
        other = sqlite3.connect(db_path)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(WriteFailed, match="占用"):
                archive.save_chapter(chapter_id, [Block(BODY, "", "新内容。")])
        finally:
            other.rollback()
            other.close()
        assert archive.load_report(report.id).chapters[1].blocks[0].text == "已保存的内容。"
        archive.save_chapter(chapter_id, [Block(BODY, "", "新内容。")])
        assert archive.load_report(report.id).chapters[1].blocks[0].text == "新内容。"
