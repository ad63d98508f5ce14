"""The 数据 tab: last year's values and the change, typed like a spreadsheet, saved, refused in Chinese."""
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from core.archive import Archive
from core.figures import Figure
from core.outline import Organ
from gui.figures_tab import CHANGE, NOTE, PREVIOUS, VALUE


def two_years(db_path) -> int:
    with Archive(db_path) as archive:
        last = archive.new_report(2024, [Organ("景毛乡人民政府")])
        archive.set_figures(last, [Figure("contracts_reviewed", "", "", Decimal(950)),
                                   Figure("documents_reviewed", "", "", Decimal(30)),
                                   Figure("head_appearance_rate", "", "", Decimal("97.1"))])
        return archive.new_report(2025, from_year=2024)


@pytest.fixture
def on_figures_tab(open_window, db_path):
    """(2025's report id, a window showing its 数据 tab, the tab); 2024 has three figures."""
    report_id = two_years(db_path)
    window = open_window()
    window.tabs.setCurrentWidget(window.tabs.figures_tab)
    return report_id, window, window.tabs.figures_tab


def row_of(tab, key: str) -> int:
    return [f.key for f in tab.figures()].index(key)


def type_into(qtbot, table, row: int, text: str) -> None:
    table.setCurrentCell(row, VALUE)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on a cell starts editing it
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter commits (queued by Qt) and moves down
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)


def test_typed_values_show_the_change_and_are_saved(on_figures_tab, db_path, qtbot):
    report_id, window, tab = on_figures_tab
    assert window.tabs.tabText(1) == "数据"
    table, row = tab.table, row_of(tab, "contracts_reviewed")
    assert table.item(row, PREVIOUS).text() == "950 份" and table.item(row, VALUE).text() == ""

    type_into(qtbot, table, row, "959")
    assert table.item(row, CHANGE).text() == "+9 份"
    assert table.currentRow() == row + 1  # Enter went to the row below, like a spreadsheet
    type_into(qtbot, table, row + 1, "28")
    rate = row_of(tab, "head_appearance_rate")
    type_into(qtbot, table, rate, "95")
    assert table.item(rate, CHANGE).text() == "−2.1 个百分点"
    table.setCurrentCell(rate, VALUE)
    assert tab.trend.points == [(2024, Decimal("97.1")), (2025, Decimal(95))]
    assert "负责人出庭应诉率" in tab.trend_title.text()

    assert window.database.write_everything()
    with Archive(db_path) as archive:
        stored = {c.figure.key: c for c in archive.figure_table(report_id)}
    assert stored["contracts_reviewed"].figure.value == 959
    assert stored["documents_reviewed"].change_text == "−2 件"
    assert stored["head_appearance_rate"].change_text == "−2.1 个百分点"


def test_tab_goes_from_the_value_to_the_note(on_figures_tab, qtbot):
    _, _, tab = on_figures_tab
    tab.table.setCurrentCell(0, VALUE)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.keyClick(tab.table.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: tab.table.currentColumn() != VALUE)
    assert tab.table.currentColumn() == NOTE


def test_a_bad_value_is_explained_and_not_saved(on_figures_tab, db_path, qtbot):
    report_id, window, tab = on_figures_tab
    rate = row_of(tab, "head_appearance_rate")
    type_into(qtbot, tab.table, rate, "120")
    assert "不能超过 100%" in tab.message.text() and "未保存" in tab.message.text()
    type_into(qtbot, tab.table, 0, "abc")
    assert "不是数字" in tab.message.text()
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        assert all(f.value is None for f in archive.figures(report_id))


def test_figures_stated_in_the_text_fill_empty_cells_when_confirmed(open_window, db_path):
    from core.outline import Block
    from tests.support.gui import answer_next_dialog
    report_id = two_years(db_path)
    window = open_window()
    measures = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    with Archive(db_path) as archive:  # the text as the clerk typed it, stored
        archive.save_chapter(measures.chapter.id, [Block(0, "", "全年审查合同959份，出具法律意见书124份。")])
    window.tabs.load(report_id)
    tab = window.tabs.figures_tab
    window.tabs.setCurrentWidget(tab)
    answer_next_dialog("填入")
    tab.from_text_button.click()
    row = row_of(tab, "contracts_reviewed")
    assert tab.table.item(row, VALUE).text() == "959" and tab.table.item(row, CHANGE).text() == "+9 份"
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        values = {f.key: f.value for f in archive.figures(report_id)}
    assert (values["contracts_reviewed"], values["legal_opinions"]) == (959, 124)


def test_insert_figure_types_the_fragment_at_the_cursor(on_figures_tab, db_path, qtbot):
    from tests.support.gui import stored_text
    report_id, window, tab = on_figures_tab
    type_into(qtbot, tab.table, row_of(tab, "contracts_reviewed"), "959")
    menu = window.insert_figure_menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["请先在正文中点到要插入的位置", "合法性审查合同  959 份"]
    assert not menu.actions()[1].isEnabled()
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    window.tabs.setCurrentWidget(page)
    page.editor.setFocus()
    menu.aboutToShow.emit()
    [action] = menu.actions()
    action.trigger()
    assert page.editor.toPlainText() == "审查合同959份"
    assert window.database.write_everything()
    assert "审查合同959份" in stored_text(db_path, report_id)


def test_a_figure_of_the_users_own_is_added_and_kept(on_figures_tab, db_path, qtbot):
    from tests.support.gui import answer_next_dialog
    report_id, window, tab = on_figures_tab
    type_into(qtbot, tab.table, row_of(tab, "contracts_reviewed"), "959")

    def fill(dialog):
        dialog.label.setText("网格员人数")
        dialog.unit.setCurrentText("人")
        dialog.accept()
    answer_next_dialog(then=fill)
    tab.add_button.click()
    row = tab.table.rowCount() - 1
    assert tab.table.item(row, 0).text() == "网格员人数" and tab.table.currentRow() == row
    type_into(qtbot, tab.table, row, "40")
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        figures = {f.key: f for f in archive.figures(report_id)}
    assert figures["custom_1"].label == "网格员人数" and figures["custom_1"].value == 40
    assert figures["contracts_reviewed"].value == 959  # typed before the row was added: still there


def test_figures_stored_elsewhere_meanwhile_are_not_overwritten(open_window, db_path, qtbot):
    report_id = two_years(db_path)
    window = open_window()
    tab = window.tabs.figures_tab
    with Archive(db_path) as other:  # the command line or a second window, after this one loaded
        other.set_figures(report_id, [Figure("fines", "", "", Decimal(31500))])
    type_into(qtbot, tab.table, row_of(tab, "contracts_reviewed"), "959")
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        values = {f.key: f.value for f in archive.figures(report_id)}
    assert values["contracts_reviewed"] == 959 and values["fines"] == 31500
