"""A user operation started twice in a row — a double click, a shortcut pressed twice — while the first is
still queued or running happens once (gui/database.py's user operations), and the clerk is told why."""
from __future__ import annotations

import shutil
import sqlite3
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from core.archive import Archive
from core.outline import BODY, Block
from tests.support.gui import answer_next_dialog, chapter_tab, message_boxes, seed_report, settle


@contextmanager
def answering_dialogs():
    """Say yes to every modal dialog opened meanwhile (the second of a double trigger, on the old code);
    yields the list of their titles."""
    answered: list[str] = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            answered.append(dialog.windowTitle())
            yes = dialog.defaultButton() if isinstance(dialog, QMessageBox) else None
            yes.click() if yes is not None else dialog.accept()  # a question's default button is its yes
    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    try:
        yield answered
    finally:
        timer.stop()


def double_click(button) -> None:
    """A double click on a push button clicks it twice (Qt turns the second press into a click too)."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def status_lines(window) -> list[str]:
    lines: list[str] = []
    window.statusBar().messageChanged.connect(lines.append)
    return lines


def test_a_double_click_on_the_start_page_makes_one_report(open_window, db_path, qtbot):
    window = open_window()
    assert window.stack.currentWidget() is window.start_page
    lines = status_lines(window)
    with answering_dialogs():
        double_click(window.start_page.new_button)
        settle(qtbot, window)
    with Archive(db_path) as archive:
        assert len(archive.list_reports()) == 1
    assert any(line.startswith("正在新建报告") for line in lines)
    assert message_boxes("errorBox") == []


def test_export_pressed_twice_exports_once(open_window, db_path, qtbot, tmp_path, monkeypatch):
    from gui.export_confirm import EXPORT
    from gui.export_flow import ExportFlow
    target = tmp_path / "报告.docx"  # the flow's questions answered as the clerk would
    monkeypatch.setattr(ExportFlow, "confirm_export", lambda self, errors, missing: EXPORT)
    monkeypatch.setattr(ExportFlow, "choose_target", lambda self, report: (target, "red", False, False))
    monkeypatch.setattr(ExportFlow, "ask_overwrite", lambda self, path: True)
    report_id = seed_report(db_path, blocks=[Block(BODY, "", "第一段。")])
    window = open_window()
    settle(qtbot, window)
    lines = status_lines(window)
    window.export_action.trigger()
    window.export_action.trigger()  # Ctrl+E again before the first export was done
    settle(qtbot, window)
    with Archive(db_path) as archive:
        assert [s.label for s in archive.list_snapshots(report_id)] == ["导出 Word（红头文件，报告.docx）"]
    assert "正在导出，请稍候…" in lines
    assert target.exists() and message_boxes("errorBox") == []


def test_delete_pressed_twice_asks_and_deletes_once(open_window, db_path, qtbot):
    report_id = seed_report(db_path)
    window = open_window()
    settle(qtbot, window)
    with answering_dialogs() as answered:
        window.delete_action.trigger()
        window.delete_action.trigger()  # again before the first was done: no second question
        settle(qtbot, window)
    assert answered == ["删除报告"]
    with Archive(db_path) as archive:
        assert [r.id for r in archive.list_reports(deleted=True)] == [report_id]
    assert message_boxes("errorBox") == []


def test_fix_clicked_twice_fixes_once_without_a_wrong_note(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[Block(BODY, "", "加强学习,提高能力。")])
    window = open_window()
    window.check_action.trigger()
    settle(qtbot, window)
    panel = window.check_panel
    panel.select_row([f.rule for f in panel.findings()].index("halfwidth-punct"))
    fix = panel.findChild(QPushButton, "checkFix")
    double_click(fix)
    settle(qtbot, window)
    assert "加强学习，提高能力。" in chapter_tab(window, "measures").editor.toPlainText()
    assert "已被改动" not in panel.findChild(QLabel, "checkSummary").text()  # the second click was dropped
    with Archive(db_path) as archive:
        assert "加强学习，提高能力。" in [b.plain for c in archive.load_report(report_id).chapters
                                 for b in c.blocks]


# --- 撤销 in the 检查 panel --------------------------------------------------------------------------

def test_an_undo_that_failed_is_still_offered(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[])
    with Archive(db_path) as archive:
        archive.update_report(report_id, doc_number="景政发【2025】7号")
    window = open_window()
    window.check_action.trigger()
    settle(qtbot, window)
    panel = window.check_panel
    panel.findChild(QPushButton, "checkFixAll").click()
    settle(qtbot, window)
    undo = panel.findChild(QPushButton, "checkUndo")
    backups = db_path.parent / "backups"
    shutil.rmtree(backups, ignore_errors=True)
    backups.write_text("")  # the backup before the restore cannot be made (as on a full disk)
    undo.click()
    qtbot.waitUntil(lambda: any("无法先备份档案" in b.text() for b in message_boxes("errorBox")), timeout=20000)
    assert window.archive.load_report(report_id).doc_number == "景政发〔2025〕7号"  # nothing was restored
    assert undo.isEnabled()  # and 撤销 can be tried again
    for box in message_boxes("errorBox"):
        box.close()
    backups.unlink()
    double_click(undo)  # the second click, while the first restore is queued, is dropped
    settle(qtbot, window)
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).doc_number == "景政发【2025】7号"
        assert [s.label for s in archive.list_snapshots(report_id)] == ["恢复版本“全部修正之前”之前", "全部修正之前"]
    assert not undo.isEnabled() and message_boxes("errorBox") == []


# --- feedback while an operation runs ------------------------------------------------------------

def test_a_long_export_says_so_and_shows_a_busy_cursor(open_window, db_path, qtbot, tmp_path, monkeypatch):
    from gui.export_confirm import EXPORT
    from gui.export_flow import ExportFlow
    target = tmp_path / "报告.docx"
    monkeypatch.setattr(ExportFlow, "confirm_export", lambda self, errors, missing: EXPORT)
    monkeypatch.setattr(ExportFlow, "choose_target", lambda self, report: (target, "red", False, False))
    seed_report(db_path, blocks=[Block(BODY, "", "第一段。")])
    window = open_window()
    settle(qtbot, window)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file: the export waits for it
    try:
        window.export_action.trigger()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "正在导出…", timeout=4000)
        cursor = QApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BusyCursor
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    settle(qtbot, window)
    assert target.exists() and message_boxes("errorBox") == []
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage().startswith("已导出")


def test_a_file_to_import_is_read_beside_the_window_which_says_so(open_window, sample_path, qtbot):
    """A .doc goes through LibreOffice (seconds): the window must not freeze (Windows: 「未响应」)."""
    window = open_window()
    seen: list[tuple[str, object]] = []  # each status line with the cursor shown then
    window.statusBar().messageChanged.connect(lambda line: seen.append(
        (line, QApplication.overrideCursor() and QApplication.overrideCursor().shape())))
    summaries: list[str] = []
    answer_next_dialog(then=lambda dialog: (summaries.append(dialog.windowTitle()), dialog.accept()))
    window.import_from(sample_path)
    assert summaries == []  # it returned at once: the reading goes on beside the event loop
    assert ("正在导入…", Qt.CursorShape.BusyCursor) in seen
    qtbot.waitUntil(lambda: bool(summaries), timeout=10000)
    settle(qtbot, window)
    assert window.tabs.report.year == 2024
    assert QApplication.overrideCursor() is None and message_boxes("errorBox") == []


def test_a_second_import_while_the_file_is_read_is_dropped(open_window, sample_path, qtbot):
    window = open_window()
    lines = status_lines(window)
    with answering_dialogs() as answered:
        window.import_from(sample_path)
        window.import_from(sample_path)  # e.g. 导入 pressed again while the first file is still being read
        qtbot.waitUntil(lambda: bool(answered), timeout=10000)
        settle(qtbot, window)
    assert "正在导入，请稍候…" in lines
    assert len(answered) == 1 and window.tabs.report.year == 2024


def test_opening_a_report_behind_a_long_export_says_why_it_waits(open_window, db_path, qtbot, tmp_path,
                                                                 monkeypatch):
    import threading
    from gui.export_confirm import EXPORT
    from gui.export_flow import ExportFlow
    target = tmp_path / "报告.docx"
    monkeypatch.setattr(ExportFlow, "confirm_export", lambda self, errors, missing: EXPORT)
    monkeypatch.setattr(ExportFlow, "choose_target", lambda self, report: (target, "red", False, False))
    first = seed_report(db_path, year=2023, blocks=[Block(BODY, "", "第一段。")])
    second = seed_report(db_path, year=2024)
    window = open_window()
    window.open_report(first)
    settle(qtbot, window)
    seen: list[tuple[str, object]] = []
    window.statusBar().messageChanged.connect(lambda line: seen.append(
        (line, QApplication.overrideCursor() and QApplication.overrideCursor().shape())))
    blocker = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file: the export waits for it
    release = threading.Timer(0.5, lambda: (blocker.execute("ROLLBACK"), blocker.close()))
    try:
        window.export_action.trigger()
        release.start()
        window.open_report(second)  # waits for the export queued before it
    finally:
        release.join()
    settle(qtbot, window)
    assert ("正在等待前面的操作完成…", Qt.CursorShape.WaitCursor) in seen
    assert window.report_id() == second and target.exists()
    assert QApplication.overrideCursor() is None and message_boxes("errorBox") == []
