"""The archive file itself: a second window is told and can only look; a vanished archive is noticed
before writing and saved elsewhere; a remembered archive that is missing is never silently replaced by
an empty one; a window that changed something leaves a backup when it closes."""
from __future__ import annotations

import json
import os
import socket
from datetime import datetime

import pytest
from PySide6.QtWidgets import QPushButton

from core import backups
from core.archive import Archive
from core.archive_lock import lock_path, read_owner
from core.errors import ReadOnlyArchive
from gui.archive_opener import plan_opening
from gui.single_instance import ask_to_raise
from tests.support.gui import (answer_next_dialog, chapter_tab, commit_text, message_boxes, seed_report,
                               settle, stored_text)


def test_a_second_window_is_told_who_has_the_archive_and_can_open_it_read_only(open_window, db_path, qtbot):
    seed_report(db_path)
    first = open_window()
    assert read_owner(db_path) is None  # this process's own lock is not "another window"
    lock = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
    assert lock["pid"] == os.getpid() and lock["host"] == socket.gethostname()

    lock["pid"] = os.getppid()  # as if another window (a live process on this computer) held it
    lock_path(db_path).write_text(json.dumps(lock), encoding="utf-8")
    seen = {}

    def read_only(box):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "只读打开").click()
    answer_next_dialog(then=read_only)
    plan = plan_opening(first, str(db_path), "")
    assert plan.read_only and "已在本机上的法治年报" in seen["text"]

    from gui.main_window import MainWindow
    window = MainWindow(first.settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_archive(str(plan.path), read_only=True)
    editor = chapter_tab(window, "measures").editor
    before = editor.toPlainText()
    commit_text(editor, "只读窗口里输入的字")
    assert editor.toPlainText() == before and editor.isReadOnly()
    assert "只读" in window.save_label.text() and not window.new_action.isEnabled()
    with pytest.raises(ReadOnlyArchive):
        window.archive.take_snapshot(window.report_id(), "不应写入")


def test_a_stale_lock_is_ignored(db_path):
    Archive(db_path).close()
    dead = {"pid": 2 ** 22 + 17, "host": socket.gethostname(), "since": datetime.now().isoformat(),
            "refreshed": datetime.now().isoformat()}
    lock_path(db_path).write_text(json.dumps(dead), encoding="utf-8")
    assert read_owner(db_path) is None
    old = {**dead, "pid": os.getppid(), "host": "另一台电脑", "refreshed": "2020-01-01T08:00:00"}
    lock_path(db_path).write_text(json.dumps(old), encoding="utf-8")
    assert read_owner(db_path) is None  # not refreshed for ten minutes: that window is gone


def test_a_second_start_can_bring_the_first_window_forward(open_window, db_path, qtbot):
    seed_report(db_path)
    first = open_window()
    with qtbot.waitSignal(first.session.raise_requested, timeout=3000):
        assert ask_to_raise(db_path)


def test_a_remembered_archive_that_is_missing_is_not_replaced_by_an_empty_one(open_window, db_path, qtbot):
    seed_report(db_path)
    window = open_window()
    remembered = window.settings.last_archive
    assert remembered == str(db_path)
    window.close()
    for suffix in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    for backup in backups.list_backups(db_path):
        backup.unlink()

    seen = {}

    def quit_(box):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "退出").click()
    answer_next_dialog(then=quit_)
    assert plan_opening(None, str(db_path), remembered) is None
    assert "找不到档案文件" in seen["text"] and "上次就是在这里打开的档案" in seen["text"]
    assert not db_path.exists()


def test_a_missing_archive_with_backups_is_restored_from_the_newest(open_window, db_path, qtbot):
    seed_report(db_path)
    with Archive(db_path) as archive:
        archive.backup("manual")
    db_path.unlink()
    with pytest.raises(Exception, match="备份"):
        Archive(db_path)  # the command line refuses too, and creates nothing
    assert not db_path.exists()
    answer_next_dialog("用最近的备份恢复")
    plan = plan_opening(None, str(db_path), "")
    assert plan.path == db_path and not plan.read_only
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]


def test_an_archive_deleted_while_open_is_noticed_and_saved_elsewhere(open_window, db_path, tmp_path, qtbot):
    seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    commit_text(editor, "档案被删之前写的。")
    assert window.database.write_everything()
    for suffix in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    commit_text(editor, "档案被删之后写的。")
    seen = {}

    def look(box):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "稍后再说").click()
    answer_next_dialog(then=look)
    assert not window.database.write_everything()
    qtbot.waitUntil(lambda: "text" in seen, timeout=3000)
    assert "不见了" in seen["text"] and "另存" in seen["text"]
    assert not db_path.exists()  # nothing was written to a new file at the old path
    assert not window.save_label.text().startswith("已保存")
    assert "档案被删之后写的。" in editor.toPlainText()

    elsewhere = tmp_path / "找回" / "archive.sqlite3"
    elsewhere.parent.mkdir()
    window.save_archive_to(elsewhere)
    assert window.save_label.text().startswith("已保存"), window.database.edits.last_error
    assert "档案被删之前写的。档案被删之后写的。" in stored_text(elsewhere)


def test_a_window_that_changed_something_leaves_a_backup_when_it_closes(open_window, db_path):
    seed_report(db_path, blocks=[])
    window = open_window()
    for backup in backups.list_backups(db_path):
        backup.unlink()
    commit_text(chapter_tab(window, "other").editor, "关闭前写的。")
    window.close()
    found = [p for p in backups.list_backups(db_path) if backups.reason_label(p) == "关闭窗口时"]
    assert len(found) == 1  # (the day's first backup may run meanwhile: it is made on the writer thread)
    with Archive(found[0]) as copy:
        assert "关闭前写的。" in "".join(b.plain for c in copy.load_report(copy.list_reports()[0].id).chapters
                                         for b in c.blocks)


def test_backups_are_listed_with_their_reports_and_one_can_be_restored(open_window, db_path, qtbot):
    seed_report(db_path, 2023)
    window = open_window()
    from gui.backup_dialog import BackupDialog
    dialog = BackupDialog(window.database, window)
    dialog.restore_requested.connect(window.restore_backup)  # as 文件 ▸ 备份与恢复 wires it
    qtbot.addWidget(dialog)
    dialog.backup_now()
    settle(qtbot, window)
    assert dialog.table.rowCount() >= 1
    assert dialog.table.item(0, 1).text() == "手动备份" and "2023年度" in dialog.table.item(0, 2).text()
    window.reports.create_report(year=2024, organs=[], from_year=None, copy_text=False)
    settle(qtbot, window)
    assert {r.year for r in window.archive.list_reports()} == {2023, 2024}

    dialog.table.selectRow(0)
    answer_next_dialog("恢复")
    dialog.restore_selected()
    assert [r.year for r in window.archive.list_reports()] == [2023], [  # as at the backup
        b.text() for b in message_boxes("errorBox")]
    reasons = [backups.reason_label(p) for p in backups.list_backups(db_path)]
    assert "用备份恢复之前" in reasons  # and the replaced state can be restored in turn
    assert list(db_path.parent.glob("archive.sqlite3.replaced-*"))

    usb = db_path.parent / "U盘" / "copy.sqlite3"
    usb.parent.mkdir()
    window.archive.save_copy_as(usb)
    with Archive(usb) as copy:
        assert [r.year for r in copy.list_reports()] == [2023]


def test_panels_opened_before_a_backup_restore_work_on_the_restored_archive(open_window, db_path, qtbot):
    from tests.support.reports import clean_report
    report = clean_report()
    report.doc_number = "景政发【2025】7号"  # a finding 全部修正 can fix
    with Archive(db_path) as archive:
        report_id = archive.create_report(report)
    window = open_window()
    window.check_action.trigger()  # the 检查 panel is built before the archive is reopened
    settle(qtbot, window)
    backup = window.archive.backup("manual")
    answer_next_dialog("恢复")
    window.restore_backup(backup)
    with qtbot.waitSignal(window.check_panel.report_changed):
        window.check_panel.findChild(QPushButton, "checkFixAll").click()
    assert message_boxes("errorBox") == []
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).doc_number == "景政发〔2025〕7号"
