"""Issue 12.6: the archive list always shows the open report, with a context menu; 新建报告 proposes a
free year and shows the organs the new report will really have."""
from __future__ import annotations

from core.archive import Archive
from core.outline import Organ
from gui.new_report_dialog import NewReportDialog, next_free_year
from tests.support.gui import answer_next_dialog, seed_report, settle


def test_next_free_year():
    assert next_free_year(2025, set(), 2026) == 2025
    assert next_free_year(2025, {2025}, 2026) == 2026
    assert next_free_year(2025, {2025, 2026}, 2026) == 2024


def test_new_report_proposes_a_free_year_and_the_basis_organs(qtbot):
    organs = {2025: ["景毛乡人民政府", "中共景毛乡委员会"], 2024: ["中共景毛乡委员会", "景毛乡人民政府"]}
    dialog = NewReportDialog(2025, organs, basis_year=2024)
    qtbot.addWidget(dialog)
    assert dialog.year.value() != 2025
    assert dialog.basis.currentData() == 2024
    assert dialog.organs.text() == "中共景毛乡委员会 景毛乡人民政府"
    dialog.basis.setCurrentIndex(dialog.basis.findData(2025))
    assert dialog.organs.text() == "景毛乡人民政府 中共景毛乡委员会"


def test_list_highlight_stays_on_the_open_report(open_window, db_path):
    first = seed_report(db_path, 2023)
    seed_report(db_path, 2024)
    window = open_window()
    window.open_report(first)
    tree = window.panel.tree
    year_item = tree.topLevelItem(0)
    tree.setCurrentItem(year_item)  # what a click on 「2024年度」 does to the highlight
    window.panel._on_clicked(year_item)
    assert tree.currentItem().data(0, 256) == first


def test_context_menu_opens_and_builds_the_next_year(open_window, db_path, qtbot):
    with Archive(db_path) as archive:
        older = archive.new_report(2023, organs=[Organ("景毛乡人民政府")])
    seed_report(db_path, 2024)
    window = open_window()
    menu = window.panel.report_menu(older, deleted=False)
    texts = [action.text() for action in menu.actions()]
    assert texts == ["打开", "以此为基础新建下一年…", "导出 Word/PDF…", "删除…"]
    menu.actions()[0].trigger()
    assert window.report_id() == older
    answer_next_dialog("新建")
    window.panel.report_menu(older, deleted=False).actions()[1].trigger()
    settle(qtbot, window)
    assert window.tabs.report.year == 2025  # 2024 exists: the next free year
    assert window.tabs.report.organ_names == ["景毛乡人民政府"]


def test_add_chapter_offers_the_missing_mandated_part_first(open_window, db_path, qtbot):
    report_id = seed_report(db_path, 2024)
    with Archive(db_path) as archive:
        report = archive.load_report(report_id)
        problems = next(c for c in report.chapters if c.template_key == "shortcomings")
        keys = [c.template_key for c in report.chapters]
        archive.remove_chapter(problems.id)
    window = open_window()
    offered = []

    def choose_first(dialog):
        offered.extend(dialog.comboBoxItems())
        dialog.setTextValue(offered[0])
        dialog.accept()
    answer_next_dialog(then=choose_first)
    window.tabs.add_chapter()
    settle(qtbot, window)
    assert offered[0] == problems.title and offered[-1].startswith("其他部分")
    chapters = window.tabs.report.chapters
    assert [c.template_key for c in chapters] == keys
