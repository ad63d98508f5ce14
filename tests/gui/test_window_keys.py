"""Issue 12.2: the keys and the 编辑 menu a Word/WPS user expects (Ctrl+P: tests/gui/test_preview.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.support.gui import chapter_tab, seed_report

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_ctrl_y_and_ctrl_shift_z_both_redo(open_window, db_path):
    seed_report(db_path)
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    before = editor.toPlainText()
    # Both, whatever the platform's own Redo key is (with the GNOME theme it is Ctrl+Shift+Z only).
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= {key.toString() for key in window.redo_action.shortcuts()}
    for redo_modifiers, redo_key in ((CTRL, Qt.Key.Key_Y), (CTRL | SHIFT, Qt.Key.Key_Z)):
        editor.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(editor, "ab")
        typed = editor.toPlainText()
        QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
        assert editor.toPlainText() == before
        QTest.keyClick(editor, redo_key, redo_modifiers)
        assert editor.toPlainText() == typed
        QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)


def test_edit_menu_cuts_copies_pastes_and_selects_all_in_the_focused_field(open_window, db_path):
    seed_report(db_path)
    window = open_window()
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("编辑"))
    texts = [a.text() for a in edit_menu.actions()]
    assert {"剪切", "复制", "粘贴", "全选"} <= set(texts)
    editor = chapter_tab(window, "measures").editor
    window.select_all_action.trigger()
    assert editor.textCursor().selectedText().replace("\u2029", "\n") == editor.toPlainText()
    QApplication.clipboard().clear()
    window.copy_action.trigger()
    assert QApplication.clipboard().text().startswith("健全组织。")
    window.cut_action.trigger()
    assert editor.toPlainText() == ""
    window.paste_action.trigger()
    assert "健全组织" in editor.toPlainText()

