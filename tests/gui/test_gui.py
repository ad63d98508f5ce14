"""The drafting window, driven offscreen on a real archive file."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from core.archive import Archive
from core.outline import BODY, ITEM2, ITEM3, Block
from gui.main_window import MainWindow
from gui.start_page import default_report_year
from tests.support.gui import (answer_next_dialog, chapter_tab, commit_text, message_boxes, seed_report,
                               settle, stored_text)


def test_start_page_on_empty_archive_creates_report_from_template(open_window, db_path, qtbot):
    window = open_window()
    assert window.stack.currentWidget() is window.start_page
    year = default_report_year()
    assert window.start_page.new_button.text() == f"新建{year}年度报告"

    window.start_page.new_button.click()
    settle(qtbot, window)

    assert window.stack.currentWidget() is window.splitter
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels == ["基本信息", "数据", "导语", "一、主要举措和成效", "二、不足和原因", "三、第一责任人职责",
                      "四、下一年度安排", "五、其他情况"]
    assert str(year) in window.windowTitle() and "法治年报" in window.windowTitle()
    page = chapter_tab(window, "measures")
    assert page.editor.placeholderText().startswith(f"本部分写{year}年推进法治政府建设的主要举措和成效")
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [year]


def test_typing_chinese_and_setting_levels_shows_live_numbers(open_window, db_path, qtbot):
    seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "measures").editor

    commit_text(editor, "（一）")  # recognised as the level, not kept as text
    commit_text(editor, "健全组织机构。调整领导小组")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    commit_text(editor, "各村同步建立工作机制")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    commit_text(editor, "规范执法行为。")
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.numbers() == ["（一）", "", "（二）"]

    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert editor.numbers() == ["1.", "", "（一）"]  # renumbered live
    editor.undo()
    assert editor.numbers() == ["（一）", "", "（二）"]
    editor.redo()
    editor.undo()

    assert window.database.write_everything()
    assert editor.blocks() == [Block(ITEM2, "健全组织机构。", "调整领导小组"),
                               Block(BODY, "", "各村同步建立工作机制"), Block(ITEM2, "规范执法行为。", "")]
    assert "（一）" not in stored_text(db_path)  # numbers are generated, never stored
    qtbot.waitUntil(lambda: window.count_label.text() == "本部分 30 字 · 全文 30 字", timeout=2000)


def test_typed_arabic_prefix_becomes_level_and_undo_restores_it(open_window, db_path, qtbot):
    seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "plans").editor
    qtbot.keyClicks(editor, "3.")
    commit_text(editor, "加强学习")
    assert editor.blocks() == [Block(ITEM3, "加强学习", "")]
    editor.undo()  # the typing
    editor.undo()  # the recognition: the typed number is back as text
    assert editor.toPlainText() == "3." and editor.levels() == [BODY]


def test_editor_recognises_the_number_forms_the_import_does(open_window, db_path):
    seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    editor.insert_paragraphs("一）破损括号。\n( 二 )半角括号。\n３．全角数字。\n（ 1 ）带空格。\n2024年全年。")
    assert editor.blocks() == [Block(ITEM2, "破损括号。", ""), Block(ITEM2, "半角括号。", ""),
                               Block(ITEM3, "全角数字。", ""), Block(4, "带空格。", ""),
                               Block(BODY, "", "2024年全年。")]


def test_paste_keeps_paragraphs_and_drops_formatting(open_window, db_path):
    seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    mime = QMimeData()
    mime.setHtml("<p><b>（一）强化领导。</b>成立小组。</p><p style='color:red'>　　第二段。</p>")
    mime.setText("（一）强化领导。成立小组。\r\n\r\n　　第二段。\r\n(2)细化分工。")
    editor.insertFromMimeData(mime)
    assert editor.blocks() == [Block(ITEM2, "强化领导。", "成立小组。"), Block(BODY, "", "第二段。"),
                               Block(4, "细化分工。", "")]
    assert editor.document().toHtml().count("font-weight") <= 2  # no formatting came in with the paste


def test_autosave_then_reopen_in_fresh_window(open_window, db_path, qtbot):
    seed_report(db_path, blocks=[])
    window = open_window()
    commit_text(chapter_tab(window, "shortcomings").editor, "执法力量不足。")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存 "), timeout=3000)
    assert "执法力量不足。" in stored_text(db_path)
    window.close()

    again = open_window()
    assert "执法力量不足。" in chapter_tab(again, "shortcomings").editor.toPlainText()


def test_closing_with_unsaved_typing_saves_it(open_window, db_path):
    seed_report(db_path, blocks=[])
    window = open_window()
    commit_text(chapter_tab(window, "other").editor, "无。")
    assert window.database.edits.has_pending()
    window.close()
    assert "无。" in stored_text(db_path)


def test_tab_switch_saves_at_once(open_window, db_path, qtbot):
    seed_report(db_path, blocks=[])
    window = open_window()
    commit_text(chapter_tab(window, "intro").editor, "现将有关情况报告如下：")
    window.tabs.setCurrentIndex(0)
    assert not window.database.edits.waiting()  # the write is queued now, not when a timer fires
    qtbot.waitUntil(lambda: not window.database.edits.has_pending())
    assert "现将有关情况报告如下：" in stored_text(db_path)


def test_metadata_form_saves_and_validates_doc_number(open_window, db_path):
    report_id = seed_report(db_path)
    window = open_window()
    form = window.tabs.form
    form.doc_number.setText("景发[2025]07号")
    assert "〔" in form.doc_number_hint.text()
    form.doc_number.setText("景发〔2025〕7号")
    assert form.doc_number_hint.text() == ""
    form.title.setText("景毛乡人民政府关于2024年度法治政府建设情况的报告")
    assert "景毛乡人民政府关于2024年度" in window.windowTitle()
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        report = archive.load_report(report_id)
    assert (report.doc_number, report.title) == ("景发〔2025〕7号", "景毛乡人民政府关于2024年度法治政府建设情况的报告")


def test_a_loaded_doc_number_is_checked_when_the_form_shows(open_window, db_path, qtbot):
    report_id = seed_report(db_path)
    with Archive(db_path) as archive:
        archive.update_report(report_id, doc_number="景发[2025]07号")
    window = open_window()
    window.tabs.setCurrentWidget(window.tabs.form)
    qtbot.waitUntil(lambda: "〔" in window.tabs.form.doc_number_hint.text())


def test_doc_number_hint_applies_the_checks_rules(open_window, db_path):
    seed_report(db_path)
    form = open_window().tabs.form
    form.doc_number.setText("景政报〔2025〕1号")  # an upward report's 文号 need not contain 发
    assert form.doc_number_hint.text() == ""
    form.doc_number.setText("景发〔2025〕第7号")
    assert "不加“第”" in form.doc_number_hint.text()


def test_new_from_previous_year_shows_last_years_chapter(open_window, db_path, qtbot):
    seed_report(db_path, 2024, [Block(ITEM2, "健全组织。", "成立领导小组。"), Block(BODY, "", "各村配套。")])
    window = open_window()
    window.reports.create_report(year=2025, organs=[], from_year=2024, copy_text=False)
    settle(qtbot, window)

    assert window.tabs.report.year == 2025
    page = chapter_tab(window, "measures")
    assert page.editor.toPlainText() == ""
    assert page.pane.isVisibleTo(page)
    assert page.pane.text() == "（一）健全组织。成立领导小组。\n各村配套。"

    page.pane.select_all()
    page.pane._insert.click()
    assert page.editor.blocks() == [Block(ITEM2, "健全组织。", "成立领导小组。"), Block(BODY, "", "各村配套。")]


def test_save_a_version_and_restore_it(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[Block(BODY, "", "第一稿。")])
    window = open_window()
    editor = chapter_tab(window, "measures").editor

    answer_next_dialog(text="报县委前")
    window.reports.save_version()
    editor.selectAll()
    commit_text(editor, "第二稿。")

    seen = {}

    def restore_in_dialog(dialog):
        dialog.table.selectRow(0)
        seen["diff"] = dialog.diff.toPlainText()
        answer_next_dialog("恢复")
        dialog.restore_button.click()
        dialog.accept()

    answer_next_dialog(then=restore_in_dialog)
    window.show_versions()  # “第二稿” is written first, so the diff is against the current text
    settle(qtbot, window)

    # Chinese is compared by characters: 一 struck out, 二 added, within the one paragraph.
    assert "一、2024年度推进法治政府建设的主要举措和成效\n第一二稿。" in seen["diff"]

    assert chapter_tab(window, "measures").editor.toPlainText() == "第一稿。"
    with Archive(db_path) as archive:
        labels = [s.label for s in archive.list_snapshots(report_id)]
    assert labels[0] == "恢复版本“报县委前”之前" and "报县委前" in labels


def test_reorder_chapters(open_window, db_path, qtbot):
    report_id = seed_report(db_path)
    window = open_window()
    chapter_tab(window, "shortcomings")
    window.move_up_action.trigger()
    assert window.tabs.tabText(3) == "一、不足和原因" and window.tabs.tabText(4) == "二、主要举措和成效"
    window.tabs.tabBar().moveTab(2, 1)  # dragging before 基本信息 and 数据 is refused
    assert window.tabs.tabText(1) == "数据"
    window.tabs.tabBar().moveTab(1, 0)
    assert window.tabs.tabText(0) == "基本信息"
    settle(qtbot, window)
    with Archive(db_path) as archive:
        keys = [c.template_key for c in archive.load_report(report_id).chapters]
    assert keys[:3] == ["intro", "shortcomings", "measures"]


def test_add_rename_and_remove_chapter_keeps_content_in_a_version(open_window, db_path, qtbot):
    report_id = seed_report(db_path)
    window = open_window()
    chapter_tab(window, "other")
    answer_next_dialog(text="附件说明")
    window.add_chapter_action.trigger()
    settle(qtbot, window)
    assert window.tabs.current_page().chapter.title == "附件说明"
    commit_text(window.tabs.current_editor(), "见附件。")
    answer_next_dialog("删除")
    window.remove_chapter_action.trigger()
    settle(qtbot, window)
    assert "附件说明" not in [p.chapter.title for p in window.tabs.pages()]
    with Archive(db_path) as archive:
        snapshot = archive.list_snapshots(report_id)[0]
        kept = archive.load_snapshot(snapshot.id)
    assert any(b.plain == "见附件。" for c in kept.chapters for b in c.blocks)


def test_delete_to_trash_and_undelete(open_window, db_path, qtbot):
    report_id = seed_report(db_path)
    window = open_window()
    answer_next_dialog("移到回收站")
    window.delete_action.trigger()
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.start_page
    with Archive(db_path) as archive:
        assert [r.id for r in archive.list_reports(deleted=True)] == [report_id]
    window.reports.undelete_report(report_id)
    settle(qtbot, window)
    assert window.report_id() == report_id


def test_find_and_search_across_years(open_window, db_path, qtbot):
    seed_report(db_path, 2023, [Block(BODY, "", "开展行政调解工作。")])
    seed_report(db_path, 2024, [Block(BODY, "", "完善合法性审查。")])
    window = open_window()
    assert window.tabs.report.year == 2024
    assert window.tabs.find("合法性审查")
    assert window.tabs.current_editor().textCursor().selectedText() == "合法性审查"
    assert not window.tabs.find("不存在的词")

    from gui.search_dialog import SearchDialog
    dialog = SearchDialog(window.database, window)
    dialog.hit_activated.connect(window.reports.open_hit)
    dialog.query.setText("行政调解")
    dialog.run()
    settle(qtbot, window)
    assert dialog.results.topLevelItemCount() == 1
    item = dialog.results.topLevelItem(0)
    dialog.results.itemActivated.emit(item, 0)
    assert window.tabs.report.year == 2023
    assert window.tabs.current_editor().textCursor().selectedText() == "行政调解"
    assert dialog.parentWidget() is None  # a child window would stay on top of the report it opened


def test_search_window_closes_with_the_main_window(open_window, db_path, qtbot):
    seed_report(db_path, 2023)
    window = open_window()
    window.reports.search_all()
    from gui.search_dialog import SearchDialog
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SearchDialog))
    assert dialog.isVisible()
    window.close()
    assert not dialog.isVisible()


def test_import_shows_summary_and_asks_before_replacing(open_window, db_path, sample_path, qtbot):
    window = open_window()
    answer_next_dialog("确认导入")
    window.import_from(sample_path)
    settle(qtbot, window)
    assert window.tabs.report.year == 2024 and window.tabs.report.doc_number == "景发〔2025〕7号"
    report_id = window.report_id()

    answer_next_dialog("确认导入")
    answer_next_dialog("覆盖")  # the same year is there: asked first, then replaced
    window.import_from(sample_path)
    settle(qtbot, window)
    with Archive(db_path) as archive:
        assert len(archive.list_reports()) == 1
        assert archive.list_snapshots(report_id)[0].label.startswith("导入")


def test_failed_import_shows_chinese_message_and_stores_nothing(open_window, db_path, tmp_path, qtbot):
    window = open_window()
    bad = tmp_path / "notes.txt"
    bad.write_text("", encoding="utf-8")
    window.import_from(bad)
    qtbot.waitUntil(lambda: bool(message_boxes("errorBox")), timeout=10000)
    boxes = message_boxes("errorBox")
    assert "空的" in boxes[0].text()
    boxes[0].close()
    with Archive(db_path) as archive:
        assert archive.list_reports() == []


def test_locked_database_shows_message_keeps_text_and_saves_later(open_window, db_path):
    seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "measures").editor
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        commit_text(editor, "锁定期间输入的文字")
        assert not window.database.write_everything()
        boxes = message_boxes("errorBox")
        assert boxes and "占用" in boxes[0].text()
        assert editor.toPlainText() == "锁定期间输入的文字"
        assert window.save_label.text() == "未能保存，稍后自动重试"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert window.database.write_everything()
    assert "锁定期间输入的文字" in stored_text(db_path)


def test_layout_and_last_report_come_back(open_window, db_path):
    first = seed_report(db_path, 2023)
    seed_report(db_path, 2024)
    window = open_window()
    window.open_report(first)
    window.splitter.setSizes([333, 900])
    window.pane_action.setChecked(False)
    window.close()

    again = open_window()
    assert again.report_id() == first
    assert again.splitter.sizes()[0] == 333
    assert not again.pane_action.isChecked()


def test_check_panel_sees_typed_text_and_jumps_to_it(open_window, db_path, qtbot):
    seed_report(db_path, blocks=[])
    window = open_window()
    page = chapter_tab(window, "measures")
    editor = page.editor
    commit_text(editor, "健全机制。完善制度")
    window.check_action.trigger()  # F7: typed text is saved first, then checked
    settle(qtbot, window)
    assert window.check_panel.isVisibleTo(window)
    assert not window.database.edits.has_pending()
    assert "健全机制。完善制度" in stored_text(db_path)

    window.tabs.setCurrentIndex(0)
    window.check_panel.jump_requested.emit(page.chapter_id, 0, 2, 4)
    assert window.tabs.current_editor() is editor and editor.textCursor().selectedText() == "机制"
    window.check_panel.field_requested.emit("doc_number")
    assert window.tabs.currentWidget() is window.tabs.form


def test_export_writes_typed_text_first(open_window, db_path):
    seed_report(db_path, blocks=[])
    window = open_window()
    commit_text(chapter_tab(window, "other").editor, "无其他需要报告的情况。")
    seen = {}

    def look_then_cancel(dialog):
        seen["stored"] = stored_text(db_path)
        dialog.reject()
    answer_next_dialog(then=look_then_cancel)
    window.export_action.trigger()
    assert "无其他需要报告的情况。" in seen["stored"]


def test_version_diff_marks_changed_characters_and_whole_paragraphs():
    from core.outline import Chapter, Report
    from core.report_diff import ADDED, REMOVED, report_diff_html
    old = Report(2024, chapters=[Chapter("主要举措和成效", "measures", [Block(ITEM2, "健全机制。", "细化分工。"),
                                                                   Block(BODY, "", "删去的一段。")])])
    new = Report(2024, chapters=[Chapter("主要举措和成效", "measures", [Block(ITEM2, "健全机制。", "明确分工。"),
                                                                   Block(BODY, "", "全年召开专题会议四次。")])])
    html = report_diff_html(old, new, "版本", "当前")
    assert f'<span style="{REMOVED}">细化</span><span style="{ADDED}">明确</span>' in html
    assert f'<span style="{REMOVED}">删去的一段。</span>' in html
    assert f'<span style="{ADDED}">全年召开专题会议四次。</span>' in html


def test_tab_labels_stay_short_with_the_full_title_as_tooltip(open_window, db_path):
    report_id = seed_report(db_path)
    with Archive(db_path) as archive:
        archive.add_chapter(report_id, "2024年度关于开展法治宣传教育进机关进乡村进社区的情况")
    window = open_window()
    label, tip = window.tabs.tabText(8), window.tabs.tabToolTip(8)
    assert label == "六、关于开展法治宣传…" and tip == "六、2024年度关于开展法治宣传教育进机关进乡村进社区的情况"


def test_an_archive_that_cannot_be_opened_is_explained_and_left_alone(qtbot, tmp_path, settings):
    not_ours = tmp_path / "notes.sqlite3"
    not_ours.write_bytes(b"this is not a database")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def read_and_close(box):
        seen["text"] = box.text()
        box.accept()
    answer_next_dialog(then=read_and_close)
    assert not window.open_archive(str(not_ours))
    assert "不是法治年报的数据库" in seen["text"]
    assert not_ours.read_bytes() == b"this is not a database"
    assert not window.new_action.isEnabled()


def test_the_form_keeps_an_early_years_report_year(open_window, db_path):
    """The form's year range is the archive's (core.outline MIN_YEAR…latest_year()), so a 1995 report is
    not clamped to another year when its 基本信息 is edited."""
    report_id = seed_report(db_path, year=1995)
    window = open_window()
    form = window.tabs.form
    assert form.year.value() == 1995
    form.title.setText("1995年度依法行政工作报告")
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).year == 1995


def test_doc_number_hint_does_not_move_the_fields_below(open_window, db_path, qtbot):
    seed_report(db_path)
    window = open_window()
    form = window.tabs.form
    window.tabs.setCurrentWidget(form)
    form.doc_number.setText("景发〔2025〕7号")
    qtbot.waitUntil(lambda: form.title.isVisible())
    top = form.title.mapTo(form, form.title.rect().topLeft()).y()
    for typed in ("景发[2025]07号", "景发〔2025〕第7号", "景发〔2025〕7号"):
        form.doc_number.setText(typed)
        QApplication.processEvents()
        form.widget().layout().activate()
        assert form.title.mapTo(form, form.title.rect().topLeft()).y() == top
