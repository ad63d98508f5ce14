"""Helpers shared by the window tests (no tests here): type as an input method does, answer dialogs."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QInputDialog, QMessageBox

from core.archive import Archive
from core.outline import ITEM2, Block


def commit_text(widget, text: str) -> None:
    """Chinese arrives as a committed input-method string (拼音), not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def stored_text(db_path, report_id: int | None = None) -> str:
    """Everything stored for a report, read through a second connection as another process would."""
    with Archive(db_path) as archive:
        report_id = report_id or archive.list_reports()[0].id
        report = archive.load_report(report_id)
        return "\n".join(b.plain for c in report.chapters for b in c.blocks)


def answer_next_dialog(button_text: str | None = None, text: str | None = None, then=None) -> None:
    """When the next modal dialog opens: fill `text` (input dialogs), click `button_text` or accept."""
    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        if then is not None:
            then(dialog)
            return
        if isinstance(dialog, QInputDialog) and text is not None:
            dialog.setTextValue(text)
            dialog.accept()
            return
        if button_text is not None:
            buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text() == button_text]
            if not buttons:  # an earlier dialog is still closing
                QTimer.singleShot(20, answer)
                return
            buttons[0].click()
        elif isinstance(dialog, (QDialog, QMessageBox)):
            dialog.accept()
    QTimer.singleShot(0, answer)


def message_boxes(object_name: str) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == object_name and w.isVisible()]


def chapter_tab(window, template_key):
    """Show the chapter tab of `template_key` and put the focus in its editor."""
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == template_key)
    window.tabs.setCurrentWidget(page)
    page.editor.setFocus()
    return page


def seed_report(db_path, year=2024, blocks=None):
    """A report from the template whose 主要举措和成效 holds `blocks` (one （一） item by default)."""
    with Archive(db_path) as archive:
        report_id = archive.new_report(year)
        report = archive.load_report(report_id)
        measures = next(c for c in report.chapters if c.template_key == "measures")
        default = [Block(ITEM2, "健全组织。", "成立领导小组。")]
        archive.save_chapter(measures.id, default if blocks is None else blocks)
        return report_id


def settle(qtbot, window) -> None:
    """Until the operations a menu queued on the window's Database (gui/database.py) have run and
    handed their outcome back to the window, as a user would wait for the result to show."""
    qtbot.waitUntil(lambda: not window.database.busy, timeout=20000)
