"""A date field as a clerk expects it: type 2026年1月22日, 2026-1-22 or 2026.1.22, or pick from a calendar.

A line edit, not a QDateEdit: typed text goes where it is typed, Tab moves on, leaving the field keeps what
was typed, and an empty field is 未填写. The calendar is Chinese whatever the system locale and opens at the
date shown, else at today when that suits the report's year, else at January after the report's year (when
such reports are written).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget,
                               QWidgetAction)

from core.outline import format_date

CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
INVALID_STYLE = "QLineEdit { border: 1px solid #c0392b; }"


def parse_date(text: str) -> date | None:
    """The importer's reading of a typed date; the importer loads when a date is first typed, not at start."""
    from core.importing.recognize import parse_date as parse
    return parse(text)


def calendar_start(report_year: int | None, today: date | None = None) -> date:
    """Where the calendar opens for an empty field: today, or January after the report's year."""
    today = today or date.today()
    if report_year is None or today.year in (report_year, report_year + 1):
        return today
    return date(report_year + 1, 1, 1)


class DateField(QWidget):
    changed = Signal()  # the date value changed (typed, picked or cleared)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: date | None = None
        self.report_year: int | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("未填写（如 2026年1月22日 或 2026-1-22）"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(self._on_typed)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(CHINESE)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._on_picked)
        self.calendar.activated.connect(self._on_picked)
        popup = QMenu(self)
        holder = QWidgetAction(popup)
        holder.setDefaultWidget(self.calendar)
        popup.addAction(holder)
        popup.aboutToShow.connect(self._open_calendar_at_value)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(self.tr("从日历中选择"))
        self.button.setMenu(popup)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the text to the next field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("未填写（如 2026年1月22日 或 2026-1-22）") + 60)

    def focusInEvent(self, event) -> None:
        # Not setFocusProxy: a proxy that is a child makes Tab come back to it instead of moving on.
        self.edit.setFocus(event.reason())

    # --- value ---------------------------------------------------------------------------------

    def date(self) -> date | None:
        return self._value

    def set_date(self, value: date | None) -> None:
        """Show a stored value (no `changed`)."""
        self._value = value
        self.edit.setText(format_date(value))
        self._mark_valid(True)

    def _on_typed(self, text: str) -> None:
        """While typing: the value follows as soon as the text is a date or empty; otherwise it waits."""
        value = parse_date(text)
        if value is None and text.strip():
            return
        self._set_value(value)

    def _tidy(self) -> None:
        """On leaving the field (Tab, Enter, a click elsewhere): write the date the standard way, or
        mark text that is not a date (it is kept, the stored date stays as it was)."""
        text = self.edit.text()
        value = parse_date(text)
        if value is None and text.strip():
            self._mark_valid(False)
            return
        self._set_value(value)
        if self.edit.text() != format_date(value):
            self.edit.setText(format_date(value))
        self._mark_valid(True)

    def _set_value(self, value: date | None) -> None:
        self._mark_valid(True)
        if value != self._value:
            self._value = value
            self.changed.emit()

    def _mark_valid(self, ok: bool) -> None:
        self.edit.setStyleSheet("" if ok else INVALID_STYLE)
        self.edit.setToolTip("" if ok else self.tr(
            "“{0}”不是日期，未保存。请写成 2026年1月22日、2026-1-22 或 2026.1.22，或点右侧按钮从日历中选择；"
            "清空则为未填写。").format(self.edit.text()))

    # --- calendar ------------------------------------------------------------------------------

    def _open_calendar_at_value(self) -> None:
        shown = self._value or parse_date(self.edit.text()) or calendar_start(self.report_year)
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _on_picked(self, picked: QDate) -> None:
        value = date(picked.year(), picked.month(), picked.day())
        self.edit.setText(format_date(value))
        self._set_value(value)
        self.button.menu().hide()
        self.edit.setFocus()
