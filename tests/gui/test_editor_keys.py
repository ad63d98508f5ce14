"""Tab / Shift+Tab change the level as in Word outlines; Ctrl+B/I/U explain that 公文 formatting is automatic."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtTest import QTest

from core.archive import Archive
from core.outline import BODY, ITEM2, ITEM3, ITEM4, Block
from tests.support.gui import chapter_tab, seed_report


def test_tab_and_shift_tab_change_the_level_instead_of_typing_a_tab(open_window, db_path):
    seed_report(db_path, blocks=[Block(BODY, "", "健全组织。成立领导小组。")])
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    levels = []
    for key, modifier in ((Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),) * 4 + (
            (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),) * 4:
        QTest.keyClick(editor, key, modifier)
        levels.append(editor.blocks()[0].level)
    assert levels == [ITEM2, ITEM3, ITEM4, ITEM4, ITEM3, ITEM2, BODY, BODY]
    assert "\t" not in editor.toPlainText()
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    editor.undo()  # a level change is one undo step
    assert editor.blocks()[0].level == BODY
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        report = archive.load_report(archive.list_reports()[0].id)
    measures = next(c for c in report.chapters if c.template_key == "measures")
    assert measures.blocks == [Block(ITEM2, "健全组织。", "成立领导小组。")]


def test_bold_italic_underline_explain_in_the_status_bar(open_window, db_path):
    seed_report(db_path)
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    before = editor.toPlainText()
    for key in (Qt.Key.Key_I, Qt.Key.Key_U):  # Ctrl+B is 设为小标题 (tests/gui/test_block_editor.py)
        window.statusBar().clearMessage()
        QTest.keyClick(editor, key, Qt.KeyboardModifier.ControlModifier)
        assert "自动设置" in window.statusBar().currentMessage()
    assert editor.toPlainText() == before


def test_undo_goes_back_in_word_steps_and_never_empties_the_loaded_chapter(open_window, db_path):
    seed_report(db_path, blocks=[Block(BODY, "", "原有的一段。")])
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setText("粘贴的第一段。\n粘贴的第二段。")
    editor.insertFromMimeData(mime)
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    QTest.keyClicks(editor, "ab")
    steps = []
    for _ in range(4):
        QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        steps.append((editor.toPlainText(), editor.levels()))
    pasted = "原有的一段。粘贴的第一段。\n粘贴的第二段。"
    assert steps == [(pasted, [BODY, ITEM2]), (pasted, [BODY, BODY]), ("原有的一段。", [BODY]),
                     ("原有的一段。", [BODY])]
