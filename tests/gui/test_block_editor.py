"""The heading of an item is stored, like its level: the editor keeps the split it was given, lets the
clerk change it, and takes the first sentence only when a paragraph becomes an item."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from core.outline import BODY, ITEM2, ITEM3, Block
from gui.block_editor import BlockEditor
from tests.support.gui import commit_text

IMPORTED = [Block(ITEM2, "加强组织领导", "，健全工作机制。成立小组。"),  # bold lead without a full stop
            Block(BODY, "", "各村配套建立工作机制。"),
            Block(ITEM3, "", "没有小标题的条目。其后的句子。"),
            Block(ITEM2, "规范执法行为。强化监督。", "落实执法公示制度。")]


@pytest.fixture
def editor(qtbot):
    widget = BlockEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    widget.setFocus()
    return widget


def put_cursor(editor, paragraph: int, position: int) -> None:
    block = editor.document().findBlockByNumber(paragraph)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + position)
    editor.setTextCursor(cursor)


def test_loaded_headings_come_back_unchanged(editor):
    editor.set_blocks(IMPORTED)
    assert editor.blocks() == IMPORTED


def test_typing_elsewhere_keeps_every_heading(editor, qtbot):
    editor.set_blocks(IMPORTED)
    put_cursor(editor, 1, len("各村配套建立工作机制。"))
    commit_text(editor, "各组同步落实。")
    qtbot.keyClicks(editor, "OK")
    put_cursor(editor, 0, len("加强组织领导，健全工作机制。"))  # in the run-in text of the first item
    commit_text(editor, "明确分工。")
    assert editor.blocks() == [Block(ITEM2, "加强组织领导", "，健全工作机制。明确分工。成立小组。"),
                               Block(BODY, "", "各村配套建立工作机制。各组同步落实。OK"), *IMPORTED[2:]]


def test_typing_inside_a_heading_extends_it_and_undo_restores(editor, qtbot):
    editor.set_blocks(IMPORTED)
    put_cursor(editor, 0, 2)
    commit_text(editor, "和改进")
    assert editor.blocks()[0] == Block(ITEM2, "加强和改进组织领导", "，健全工作机制。成立小组。")
    put_cursor(editor, 0, len("加强和改进组织领导"))  # the heading's open end
    commit_text(editor, "工作")
    assert editor.blocks()[0].heading == "加强和改进组织领导工作"
    editor.undo()
    editor.undo()
    assert editor.blocks() == IMPORTED


def test_the_input_method_preedit_then_commit_lands_in_the_heading(editor):
    editor.set_blocks(IMPORTED)
    put_cursor(editor, 0, 2)
    preedit = QInputMethodEvent("zuzhi", [])
    QApplication.sendEvent(editor, preedit)
    assert editor.blocks() == IMPORTED  # a preedit is not text yet
    commit_text(editor, "党的")
    assert editor.blocks()[0] == Block(ITEM2, "加强党的组织领导", "，健全工作机制。成立小组。")


def test_a_typed_number_makes_the_first_sentence_the_heading(editor, qtbot):
    editor.set_blocks([])
    commit_text(editor, "（一）")
    commit_text(editor, "加强领导。健全机制")  # one input-method commit with a sentence end inside
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "2.")
    for ch in "学法。用法":  # key by key: the heading closes at the 。
        commit_text(editor, ch)
    assert editor.blocks() == [Block(ITEM2, "加强领导。", "健全机制"), Block(ITEM3, "学法。", "用法")]
    undone = []
    for _ in range(5):
        editor.undo()
        undone.append(editor.blocks()[-1])
    assert undone == [Block(ITEM3, "学法。", "用"), Block(ITEM3, "学法。", ""), Block(ITEM3, "学法", ""),
                      Block(ITEM3, "学", ""), Block(ITEM2, "加强领导。", "健全机制")]
    editor.undo()  # the recognition: the typed number is back as text
    assert editor.blocks()[-1] == Block(BODY, "", "2.")


def test_a_number_typed_before_body_text_takes_its_first_sentence(editor, qtbot):
    editor.set_blocks([Block(BODY, "", "健全机制。成立小组。")])
    put_cursor(editor, 0, 0)
    commit_text(editor, "（二）")
    assert editor.blocks() == [Block(ITEM2, "健全机制。", "成立小组。")]


def test_set_heading_at_the_cursor_and_clear_it_with_undo(editor, qtbot):
    editor.set_blocks(IMPORTED)
    put_cursor(editor, 2, len("没有小标题的条目"))
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # 设为小标题
    assert editor.blocks()[2] == Block(ITEM3, "没有小标题的条目", "。其后的句子。")
    put_cursor(editor, 0, 0)
    cursor = editor.textCursor()
    cursor.setPosition(cursor.position() + len("加强组织领导，健全工作机制。"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.heading_actions.set_action.trigger()  # the selection's end
    assert editor.blocks()[0] == Block(ITEM2, "加强组织领导，健全工作机制。", "成立小组。")
    put_cursor(editor, 3, 3)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.blocks()[3] == Block(ITEM2, "", "规范执法行为。强化监督。落实执法公示制度。")
    editor.undo()
    editor.undo()
    editor.undo()
    assert editor.blocks() == IMPORTED
    editor.redo()
    assert editor.blocks()[2] == Block(ITEM3, "没有小标题的条目", "。其后的句子。")


def test_heading_commands_emit_edited_so_autosave_stores_them(editor, qtbot):
    editor.set_blocks(IMPORTED)
    put_cursor(editor, 0, 2)
    with qtbot.waitSignal(editor.edited, timeout=1000):
        editor.set_heading_end()
    assert editor.blocks()[0].heading == "加强"


def test_levels_keep_the_heading_and_body_text_has_none(editor, qtbot):
    editor.set_blocks(IMPORTED)
    put_cursor(editor, 0, 0)
    editor.set_level(ITEM3)  # item to item: the heading stays
    assert editor.blocks()[0] == Block(ITEM3, "加强组织领导", "，健全工作机制。成立小组。")
    editor.set_level(BODY)
    assert editor.blocks()[0] == Block(BODY, "", "加强组织领导，健全工作机制。成立小组。")
    editor.set_level(ITEM2)  # a paragraph that becomes an item: its first sentence
    assert editor.blocks()[0] == Block(ITEM2, "加强组织领导，健全工作机制。", "成立小组。")
    editor.undo()
    editor.undo()
    editor.undo()
    assert editor.blocks() == IMPORTED


def test_enter_inside_a_heading_leaves_the_moved_part_as_body_text(editor, qtbot):
    editor.set_blocks(IMPORTED[:1])
    put_cursor(editor, 0, 2)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.blocks() == [Block(ITEM2, "加强", ""), Block(BODY, "", "组织领导，健全工作机制。成立小组。")]
    editor.undo()
    assert editor.blocks() == IMPORTED[:1]


def test_paste_into_a_heading_stays_in_the_heading(editor):
    editor.set_blocks(IMPORTED[:1])
    put_cursor(editor, 0, 2)
    editor.insert_paragraphs("党的")
    assert editor.blocks() == [Block(ITEM2, "加强党的组织领导", "，健全工作机制。成立小组。")]


def test_an_imported_heading_is_printed_the_same_after_editing_the_chapter(open_window, db_path, tmp_path):
    import docx

    from core.archive import Archive
    from core.docx_export import export_report
    from tests.support.gui import chapter_tab, seed_report

    report_id = seed_report(db_path, blocks=IMPORTED)
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    put_cursor(editor, 1, 0)
    commit_text(editor, "同时，")
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        report = archive.load_report(report_id)
    measures = next(c for c in report.chapters if c.template_key == "measures")
    assert measures.blocks == [IMPORTED[0], Block(BODY, "", "同时，各村配套建立工作机制。"), *IMPORTED[2:]]
    export_report(report, tmp_path / "out.docx", "plain")
    runs = [r.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs for r in p.runs]
    assert "（一）加强组织领导" in runs and "，健全工作机制。成立小组。" in runs  # the 楷体 span, then 仿宋


def test_margin_numbers_follow_every_kind_of_change(editor, qtbot):
    """Typing only rechecks the paragraph it touched; whatever the change, the numbers must equal a
    count from scratch."""
    from core.outline import block_numbers

    def from_scratch():
        return block_numbers([Block(level) for level in editor.levels()])

    def select(first: int, last: int, end: int) -> None:
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().findBlockByNumber(first).position())
        cursor.setPosition(editor.document().findBlockByNumber(last).position() + end, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)

    editor.set_blocks(IMPORTED)
    steps = [
        lambda: (put_cursor(editor, 1, 3), commit_text(editor, "新增")),  # typing in body text
        lambda: (select(0, 1, 2), editor.set_level(ITEM3)),  # two paragraphs change level at once
        lambda: (put_cursor(editor, 2, 0), qtbot.keyClick(editor, Qt.Key.Key_Backspace)),  # merge
        lambda: (put_cursor(editor, 1, 0), commit_text(editor, "（三）")),  # a typed number becomes a level
        lambda: (select(1, 2, 1), editor.insert_paragraphs("（一）甲。\n乙")),  # same count, new levels
        lambda: qtbot.keyClick(editor, Qt.Key.Key_Return),
    ]
    for step in steps:
        step()
        assert editor.numbers() == from_scratch()
    while editor.document().isUndoAvailable():
        editor.undo()
        assert editor.numbers() == from_scratch()
    while editor.document().isRedoAvailable():
        editor.redo()
        assert editor.numbers() == from_scratch()
