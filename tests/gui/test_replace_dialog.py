"""查找和替换 (Ctrl+H) and 年份更新 in the real window on a real archive."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.archive import Archive
from core.outline import BODY, ITEM2, Block, Chapter, Report
from gui.replace_dialog import ReplaceDialog
from gui.year_update_dialog import YearUpdateDialog
from tests.support.gui import chapter_tab, seed_report, settle
from tests.support.gui import answer_next_dialog, commit_text, message_boxes, stored_text

BLOCKS = [Block(ITEM2, "健全组织。", "2024年成立领导小组，投入20240元。"),
          Block(BODY, "", "按景发〔2024〕3号文件，2024年度考核优秀。")]


def open_replace(window, qtbot) -> ReplaceDialog:
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReplaceDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    return dialog


def fill(dialog, find: str, replacement: str) -> None:
    dialog.find_edit.setText(find)
    dialog.replace_edit.setText(replacement)


def test_ctrl_h_replaces_everywhere_in_one_step_with_a_version_and_undo(open_window, db_path, qtbot):
    report_id = seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    dialog = open_replace(window, qtbot)
    fill(dialog, "2024", "2025")
    dialog.replace_all_button.click()
    settle(qtbot, window)

    with Archive(db_path) as archive:
        report = archive.load_report(report_id)
        versions = archive.list_snapshots(report_id)
    assert report.title == "2025年度法治政府建设情况报告"
    assert "2025年成立领导小组，投入20240元。" in stored_text(db_path)  # not inside 20240
    assert "景发〔2025〕3号" in stored_text(db_path)  # 全部替换 changes what it finds
    assert versions[0].label.startswith("替换“2024”为“2025”之前") and versions[0].automatic
    assert "已替换" in dialog.status.text()
    page = chapter_tab(window, "measures")
    assert "2025年成立领导小组" in page.editor.toPlainText()  # the window shows the stored text
    assert window.tabs.form.title.text() == "2025年度法治政府建设情况报告"

    dialog.undo_button.click()
    settle(qtbot, window)
    assert "2024年成立领导小组" in stored_text(db_path)
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).title == "2024年度法治政府建设情况报告"


def test_replace_one_shows_each_match_and_replaces_only_the_shown_one(open_window, db_path, qtbot):
    seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    chapter_tab(window, "measures")
    dialog = open_replace(window, qtbot)
    dialog.this_chapter.setChecked(True)
    fill(dialog, "2024年", "2025年")
    dialog.find_button.click()
    assert "共 3 处，已显示第 1 处" in dialog.status.text() and "标题" in dialog.status.text()
    dialog.replace_button.click()  # the chapter's title first, then its paragraphs in order
    settle(qtbot, window)
    page = window.tabs.current_page()
    assert page.chapter.template_key == "measures" and page.chapter.title.startswith("2025年度")
    assert page.editor.textCursor().selectedText() == "2024年"
    assert "第1段" in dialog.status.text()

    dialog.replace_button.click()
    settle(qtbot, window)
    assert "2025年成立领导小组" in stored_text(db_path) and "2024年度考核" in stored_text(db_path)
    dialog.replace_button.click()
    settle(qtbot, window)
    assert "2025年度考核" in stored_text(db_path)
    assert "没有更多" in dialog.status.text()
    with Archive(db_path) as archive:  # the title is outside the chosen part
        assert archive.load_report(archive.list_reports()[0].id).title.startswith("2024")


def test_undo_is_refused_after_the_report_was_edited(open_window, db_path, qtbot):
    seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    dialog = open_replace(window, qtbot)
    fill(dialog, "领导小组", "工作专班")
    dialog.replace_all_button.click()
    settle(qtbot, window)
    editor = chapter_tab(window, "measures").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    commit_text(editor, "新写的一句。")
    dialog.undo_button.click()
    settle(qtbot, window)
    assert "历史版本" in dialog.status.text()
    assert "工作专班" in stored_text(db_path) and "新写的一句。" in stored_text(db_path)


def test_year_update_is_offered_when_copying_last_years_text(open_window, db_path, qtbot):
    seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    seen = {}

    def review_and_apply(dialog):
        assert isinstance(dialog, YearUpdateDialog)
        seen["ticked"] = [(m.old, m.new) for m in dialog.ticked()]
        seen["rows"] = dialog.table.rowCount()
        dialog.apply_button.click()
    answer_next_dialog(then=review_and_apply)
    window.reports.create_report(year=2025, organs=[], from_year=2024, copy_text=True)
    settle(qtbot, window)

    assert seen["ticked"] == [("2024", "2025"), ("2024", "2025")]  # not 〔2024〕, not the amount 20240
    assert seen["rows"] == 3
    with Archive(db_path) as archive:
        new_id = next(r.id for r in archive.list_reports() if r.year == 2025)
        text = "\n".join(b.plain for c in archive.load_report(new_id).chapters for b in c.blocks)
        assert archive.list_snapshots(new_id)[0].label.startswith("年份更新之前")
    assert "2025年成立领导小组，投入20240元。" in text
    assert "按景发〔2024〕3号文件，2025年度考核优秀。" in text
    assert "2025年成立领导小组" in chapter_tab(window, "measures").editor.toPlainText()


def test_ctrl_h_again_reuses_the_dialog_and_takes_the_selected_text(open_window, db_path, qtbot):
    seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    first = open_replace(window, qtbot)
    editor = chapter_tab(window, "measures").editor
    assert editor.select_in_paragraph(0, 5, 10)  # 「2024年」 after the heading 健全组织。
    second = open_replace(window, qtbot)
    assert second is first
    assert second.find_edit.text() == "2024年"
    assert len([w for w in QApplication.topLevelWidgets() if isinstance(w, ReplaceDialog) and w.isVisible()]) == 1


def test_report_removed_by_another_window_is_explained_not_crashed(open_window, db_path, qtbot):
    report_id = seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    dialog = open_replace(window, qtbot)
    fill(dialog, "2024", "2025")
    with Archive(db_path) as other_window:
        other_window.delete_report(report_id)
        other_window.purge_report(report_id)
    dialog.replace_all_button.click()
    settle(qtbot, window)
    boxes = message_boxes("errorBox")
    assert boxes and "没有编号为" in boxes[0].text()


def test_after_switching_reports_the_dialog_does_not_touch_the_other_one(open_window, db_path, qtbot):
    first_id = seed_report(db_path, 2024, BLOCKS)
    second_id = seed_report(db_path, 2025, BLOCKS)
    window = open_window()
    window.open_report(first_id)
    dialog = open_replace(window, qtbot)
    fill(dialog, "领导小组", "工作专班")
    window.open_report(second_id)
    dialog.replace_all_button.click()
    settle(qtbot, window)
    assert "另一份报告" in dialog.status.text() and not dialog.replace_all_button.isEnabled()
    assert "工作专班" not in stored_text(db_path, first_id) + stored_text(db_path, second_id)


def test_year_update_from_the_menu_says_when_there_is_nothing_to_change(open_window, db_path):
    with Archive(db_path) as archive:
        archive.create_report(Report(year=2024, title="景毛乡法治政府建设情况报告", chapters=[
            Chapter("其他需要报告的情况", "other", [Block(BODY, "", "全年开展普法活动12场。")])]))
    window = open_window()
    seen = {}

    def read(box):
        seen["text"] = box.text()
        box.accept()
    answer_next_dialog(then=read)
    window.year_update_action.trigger()
    assert seen["text"] == "报告中没有找到需要核对的年份。"


def test_text_typed_just_before_replacing_is_kept_and_replaced_too(open_window, db_path, qtbot):
    seed_report(db_path, 2024, BLOCKS)
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    commit_text(editor, "刚输入：2024年底前完成。")  # not yet written by the autosave timer
    dialog = open_replace(window, qtbot)
    fill(dialog, "2024年", "2025年")
    dialog.replace_all_button.click()
    settle(qtbot, window)
    assert "刚输入：2025年底前完成。" in stored_text(db_path)
    assert "刚输入：2025年底前完成。" in chapter_tab(window, "measures").editor.toPlainText()
