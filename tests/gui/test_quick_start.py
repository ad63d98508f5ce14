"""The window's start (gui/quick_start.py): the last report shown from the first read, editable at once,
while the archive opens behind it on the writer thread (issue 18.1). What is typed before the archive is
open is saved with the revisions the first read gave; closing at once loses nothing; the archive is held
from the first moment; a file swapped meanwhile is never opened; an archive that needs a migration opens
the usual way."""
from __future__ import annotations

import os
import shutil
import sqlite3

from core.archive import Archive
from core.archive_lock import lock_path
from gui.archive_opener import OpenPlan
from gui.main_window import MainWindow
from gui.quick_start import show_first_read, start
from tests.support.gui import answer_next_dialog, commit_text, seed_report, stored_text

TYPED = "在档案打开之前输入的文字。"


def _window(qtbot, settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _shown_first(qtbot, settings, db_path) -> tuple[MainWindow, list]:
    """The report shown from the first read; the archive not open yet (the writer waits for the loop)."""
    window = _window(qtbot, settings)
    failed: list = []
    assert show_first_read(window, OpenPlan(db_path), lambda: failed.append(True))
    assert window.archive is None
    return window, failed


def _measures(window):
    """The editor of 主要举措和成效, where seed_report put its text, shown."""
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    window.tabs.setCurrentWidget(page)
    return page.editor


def _held_by_this_window(db_path) -> bool:
    return lock_path(db_path).exists() and f'"pid": {os.getpid()}' in lock_path(db_path).read_text()


def _type_at_end(editor, text: str) -> None:
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    commit_text(editor, text)


def test_the_report_can_be_typed_in_before_the_archive_is_open_and_the_text_is_saved(qtbot, settings, db_path):
    seed_report(db_path)
    window, failed = _shown_first(qtbot, settings, db_path)
    editor = _measures(window)
    assert editor.isEnabled() and not editor.isReadOnly() and "成立领导小组" in editor.toPlainText()
    assert not window.export_action.isEnabled()  # the report's actions come with the archive
    _type_at_end(editor, TYPED)
    qtbot.waitUntil(lambda: window.archive is not None, timeout=10000)
    qtbot.waitUntil(lambda: window.export_action.isEnabled(), timeout=10000)
    assert window.database.write_everything()
    assert TYPED in stored_text(db_path)
    _type_at_end(editor, "再输入一句。")  # the revision the first read gave moved on with the save
    assert window.database.write_everything()
    assert stored_text(db_path).endswith(TYPED + "再输入一句。")
    with Archive(db_path) as archive:
        assert archive.list_snapshots(archive.list_reports()[0].id) == []  # no conflict, nothing set aside
    assert not failed


def test_the_archive_is_held_from_the_first_read(qtbot, settings, db_path):
    seed_report(db_path)
    window, _failed = _shown_first(qtbot, settings, db_path)
    assert _held_by_this_window(db_path)  # a second start now asks instead of opening it for writing
    qtbot.waitUntil(lambda: window.archive is not None, timeout=10000)


def test_the_data_tab_fills_once_the_archive_is_open(qtbot, settings, db_path):
    seed_report(db_path)
    window, _failed = _shown_first(qtbot, settings, db_path)
    assert window.tabs.figures_tab.figures() == []
    qtbot.waitUntil(lambda: len(window.tabs.figures_tab.figures()) > 0, timeout=10000)


def test_a_read_while_the_archive_opens_waits_for_it(qtbot, settings, db_path):
    """e.g. the archive list's context menu 新建下一年度报告 at once: it reads the stored reports."""
    seed_report(db_path)
    window, _failed = _shown_first(qtbot, settings, db_path)
    assert [r.year for r in window.database.archive.list_reports()] == [2024]
    assert window.archive is not None


def test_an_opening_that_takes_a_while_says_so_and_then_goes_away(qtbot, settings, db_path):
    """Another program holds the file while the archive opens behind the report: 「正在打开档案…」."""
    seed_report(db_path)
    window, failed = _shown_first(qtbot, settings, db_path)
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE reports SET note = note")
    try:
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "正在打开档案…", timeout=4000)
    finally:
        holder.rollback()
        holder.close()
    qtbot.waitUntil(lambda: window.archive is not None, timeout=10000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=5000)
    assert not failed


def test_closing_before_the_archive_opened_saves_what_was_typed(qtbot, settings, db_path):
    seed_report(db_path)
    window, _failed = _shown_first(qtbot, settings, db_path)
    _type_at_end(_measures(window), TYPED)
    window.close()  # before the event loop turned: the opening still waits for it
    assert TYPED in stored_text(db_path)


def test_a_file_swapped_while_the_archive_opens_is_not_opened(qtbot, settings, db_path, tmp_path):
    seed_report(db_path)
    other = tmp_path / "other.sqlite3"
    seed_report(other, year=2023)
    window, failed = _shown_first(qtbot, settings, db_path)
    shutil.copy(other, tmp_path / "swap.sqlite3")
    (tmp_path / "swap.sqlite3").replace(db_path)  # another file now has the name
    answer_next_dialog()
    qtbot.waitUntil(lambda: bool(failed), timeout=10000)
    assert window.archive is None
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2023]  # the other file, as it was


def test_an_archive_that_needs_a_migration_opens_the_usual_way(qtbot, settings, db_path):
    seed_report(db_path)
    with sqlite3.connect(db_path) as conn:  # the file as version 0003 left it
        conn.execute("DROP TABLE presence")
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    window = _window(qtbot, settings)
    assert not show_first_read(window, OpenPlan(db_path), lambda: None)
    assert not lock_path(db_path).exists()  # nothing held when the first read stands back
    failed: list = []
    start(window, str(db_path), lambda: failed.append(True))
    qtbot.waitUntil(lambda: window.archive is not None, timeout=10000)
    assert not failed and "成立领导小组" in _measures(window).toPlainText()
