"""成文日期/印发日期: typed in the ways clerks write dates, or picked from a Chinese calendar."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from core.archive import Archive
from gui.date_field import DateField, calendar_start
from tests.support.gui import seed_report
from tests.support.gui import commit_text


@pytest.fixture
def field(qtbot):
    """A date field between two line edits in an active window, so Tab and clicks move focus."""
    window = QWidget()
    before, after = QLineEdit(), QLineEdit()
    picker = DateField()
    layout = QVBoxLayout(window)
    for widget in (before, picker, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.windowHandle().requestActivate()
    picker.after, picker.holder = after, window  # the test keeps the window alive
    picker.setFocus()
    return picker


def test_typed_dash_date_is_kept_and_tab_moves_on(field, qtbot):
    with qtbot.waitSignal(field.changed):
        QTest.keyClicks(field.edit, "2026-1-22")
    assert field.date() == date(2026, 1, 22)
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.after.hasFocus()
    assert field.edit.text() == "2026年1月22日"  # written the GB/T 9704 way once left


def test_chinese_date_from_the_input_method_survives_a_click_elsewhere(field):
    commit_text(field.edit, "2026年3月5日")
    field.after.setFocus()  # as a mouse click on another field does
    assert field.date() == date(2026, 3, 5) and field.edit.text() == "2026年3月5日"


def test_dotted_date_then_clearing_returns_to_not_filled(field, qtbot):
    QTest.keyClicks(field.edit, "2026.1.22")
    assert field.date() == date(2026, 1, 22)
    with qtbot.waitSignal(field.changed):
        field.edit.clear()  # the clear button does this
        field.edit.textEdited.emit("")
    assert field.date() is None
    assert "未填写" in field.edit.placeholderText()


def test_text_that_is_no_date_is_kept_marked_and_changes_nothing(field):
    field.set_date(date(2026, 1, 22))
    field.edit.selectAll()
    commit_text(field.edit, "明年春天")
    field.after.setFocus()
    assert field.edit.text() == "明年春天"
    assert field.date() == date(2026, 1, 22)
    assert "不是日期" in field.edit.toolTip() and "border" in field.edit.styleSheet()


def test_calendar_is_chinese_and_opens_near_the_report_year(field, qtbot):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        field.report_year = 2019
        field.button.menu().aboutToShow.emit()
        assert field.calendar.selectedDate() == QDate(2020, 1, 1)
        assert field.calendar.locale().language() == QLocale.Language.Chinese
        assert field.calendar.locale().monthName(1) == "一月"
    finally:
        QLocale.setDefault(QLocale.system())
    with qtbot.waitSignal(field.changed):
        field.calendar.clicked.emit(QDate(2020, 1, 22))
    assert field.date() == date(2020, 1, 22) and field.edit.text() == "2020年1月22日"


def test_calendar_start_is_today_while_the_report_is_current():
    assert calendar_start(2025, today=date(2026, 1, 10)) == date(2026, 1, 10)
    assert calendar_start(2025, today=date(2025, 12, 30)) == date(2025, 12, 30)
    assert calendar_start(2019, today=date(2026, 1, 10)) == date(2020, 1, 1)


def test_typed_date_reaches_the_database(open_window, db_path):
    report_id = seed_report(db_path, 2025)
    window = open_window()
    window.tabs.show_field("written_date")
    form = window.tabs.form
    commit_text(form.written_date.edit, "2026-1-22")
    form.cc.setFocus()
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).written_date == date(2026, 1, 22)
