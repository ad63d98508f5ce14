"""The 数据 tab: this year's key figures beside last year's with the change, edited like a spreadsheet
(Tab to the next cell, Enter to the row below), and a small trend of the selected figure over all years.

The tab only shows and edits; it says `changed` and ReportTabs hands the figures to the autosaver.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.errors import AppError
from core.figures import (Figure, FigureComparison, change_text, custom_key, difference, format_number,
                          format_value, parse_value)
from gui.add_figure_dialog import AddFigureDialog
from gui.errors import ask

if TYPE_CHECKING:  # the text patterns load when figures are taken from the text, not with the tab
    from core.figure_text import Proposal

LABEL, VALUE, UNIT, PREVIOUS, CHANGE, NOTE = range(6)
EDITABLE = (VALUE, NOTE)
ERROR_COLOR = QColor("#fde2e1")
TREND_HEIGHT = 130
History = Callable[[str], list[tuple[int, Decimal]]]
Proposals = Callable[[], list["Proposal"]]


class FigureTable(QTableWidget):
    """A table edited like a spreadsheet: Enter moves down, Tab to the next editable cell."""

    def closeEditor(self, editor, hint):
        Hint = QAbstractItemDelegate.EndEditHint
        step = {Hint.SubmitModelCache: None, Hint.EditNextItem: 1, Hint.EditPreviousItem: -1}
        if hint not in step:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, Hint.NoHint)
        row, column = self.currentRow(), self.currentColumn()
        if step[hint] is None:  # Enter / Return: the row below, same column
            if row + 1 < self.rowCount():
                self.setCurrentCell(row + 1, column)
            return
        self._edit_next(row, column, step[hint])

    def _edit_next(self, row: int, column: int, step: int) -> None:
        """Tab / Shift+Tab: the next editable cell in reading order."""
        cells = [(r, c) for r in range(self.rowCount()) for c in EDITABLE]
        position = next((i for i, cell in enumerate(cells) if cell == (row, column)), 0)
        target = position + step
        if 0 <= target < len(cells):
            self.setCurrentCell(*cells[target])
            self.edit(self.currentIndex())

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        super().keyPressEvent(event)


class TrendChart(QWidget):
    """One figure over the years: a line through a dot per year, with the year and the value."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[tuple[int, Decimal]] = []
        self.unit = ""
        self.setFixedHeight(TREND_HEIGHT)

    def set_points(self, points: list[tuple[int, Decimal]], unit: str) -> None:
        self.points, self.unit = points, unit
        self.update()

    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(48, 24, -48, -26)
        if len(self.points) < 1:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("选中一项数据，这里显示历年变化。"))
            return
        values = [float(v) for _, v in self.points]
        low, high = min(values), max(values)  # the change matters, not the distance from zero
        span = high - low
        if not span:
            low, span = low - 1, 2.0
        step = area.width() / max(1, len(self.points) - 1)

        def at(i: int, value: float) -> QPointF:
            x = area.left() + (step * i if len(self.points) > 1 else area.width() / 2)
            return QPointF(x, area.bottom() - (value - low) / span * area.height())
        painter.setPen(QPen(QColor("#b0b0b0"), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.setPen(QPen(QColor("#c0392b"), 2))
        for i in range(1, len(values)):
            painter.drawLine(at(i - 1, values[i - 1]), at(i, values[i]))
        for i, (year, value) in enumerate(self.points):
            point = at(i, float(value))
            painter.setPen(QPen(QColor("#c0392b"), 2))
            painter.setBrush(QColor("#c0392b"))
            painter.drawEllipse(point, 3.5, 3.5)
            painter.setPen(self.palette().text().color())
            text = format_number(value) + ("%" if self.unit == "%" else "")
            painter.drawText(QRectF(point.x() - 40, point.y() - 22, 80, 18), Qt.AlignmentFlag.AlignCenter, text)
            painter.drawText(QRectF(point.x() - 40, area.bottom() + 6, 80, 18), Qt.AlignmentFlag.AlignCenter,
                             self.tr("{0}年").format(year))


class FiguresTab(QWidget):
    changed = Signal()  # a value or note was typed and is valid: save the figures

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[FigureComparison] = []
        self._values: list[Decimal | None] = []
        self._history: History = lambda _key: []
        self._proposals: Proposals = list
        self._year = 0
        self._filling = False
        self.table = FigureTable(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("指标"), self.tr("本年"), self.tr("单位"), self.tr("上年"),
                                              self.tr("变化"), self.tr("说明")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_trend(row))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.trend_title = QLabel()
        self.trend = TrendChart()
        self.from_text_button = QPushButton(self.tr("从正文中提取…"))
        self.from_text_button.setToolTip(self.tr("找出正文中写到的数据（如“审查合同959份”），核对后填入空着的格子"))
        self.from_text_button.clicked.connect(self._fill_from_text)
        self.add_button = QPushButton(self.tr("添加指标…"))
        self.add_button.setToolTip(self.tr("添加标准指标以外、本乡镇需要逐年对照的数据"))
        self.add_button.clicked.connect(self._add_figure)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("填写本年数据，与上年对照；Tab 到下一格，回车到下一行。正文中的数字与这里不一致时，"
                              "“检查”会提示。"))
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.from_text_button)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.trend_title)
        layout.addWidget(self.trend)

    def show_figures(self, year: int, rows: list[FigureComparison], history: History,
                     proposals: Proposals) -> None:
        """rows: the table; history(key): (year, value) over the archive; proposals(): figures the text states."""
        self._year, self._rows, self._history, self._proposals = year, list(rows), history, proposals
        self._values = [r.figure.value for r in rows]
        self._edited: set[str] = set()  # keys changed in this window: the only ones it writes
        self._filling = True
        self.table.setRowCount(len(rows))
        for row, comparison in enumerate(rows):
            f = comparison.figure
            cells = (f.label, format_number(f.value), f.unit, format_value(comparison.previous, f.unit),
                     comparison.change_text, f.note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column not in EDITABLE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column in (VALUE, PREVIOUS, CHANGE):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._filling = False
        self.message.clear()
        if rows:
            self.table.setCurrentCell(0, VALUE)
            self._show_trend(0)

    def set_read_only(self, read_only: bool) -> None:
        self.from_text_button.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                   QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)

    def figures(self) -> list[Figure]:
        """The figures as typed (valid values only)."""
        return [Figure(r.figure.key, r.figure.label, r.figure.unit, value, self._note(row))
                for row, (r, value) in enumerate(zip(self._rows, self._values))]

    def edited_figures(self) -> list[Figure]:
        """What the autosaver writes: only the figures changed here, so that figures another window or
        the command line stored meanwhile are not overwritten with what this window loaded."""
        return [f for f in self.figures() if f.key in self._edited]

    def _fill_from_text(self) -> None:
        """Propose the figures the text states for the empty rows; fill them when the clerk agrees."""
        rows = {r.figure.key: i for i, r in enumerate(self._rows) if self._values[i] is None}
        found = [p for p in self._proposals() if p.figure.key in rows]
        if not found:
            self.message.setText(self.tr("正文中没有找到尚未填写的数据。"))
            return
        lines = "\n".join(f"{p.figure.label}：{format_value(p.figure.value, p.figure.unit)}（原文：…{p.excerpt}）"
                          for p in found)
        if not ask(self, self.tr("从正文中提取"), self.tr("正文中写到以下数据，填入空着的格子吗？\n\n{0}\n\n"
                                                         "填入后请再核对一遍。").format(lines), self.tr("填入")):
            return
        for p in found:
            self.table.item(rows[p.figure.key], VALUE).setText(format_number(p.figure.value))

    def _add_figure(self) -> None:
        dialog = AddFigureDialog(self)
        if not dialog.exec():
            return
        label, unit = dialog.chosen()
        key = custom_key({r.figure.key for r in self._rows})
        rows = [FigureComparison(figure, r.previous) for figure, r in zip(self.figures(), self._rows)]
        edited = self._edited | {key}
        self.show_figures(self._year, rows + [FigureComparison(Figure(key, label, unit), None)], self._history,
                          self._proposals)
        self._edited = edited
        self.table.setCurrentCell(len(rows), VALUE)
        self.changed.emit()

    def _note(self, row: int) -> str:
        item = self.table.item(row, NOTE)
        return item.text().strip() if item else ""

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row = item.row()
        if item.column() == VALUE:
            figure = self._rows[row].figure
            try:
                value = parse_value(item.text(), figure)
            except AppError as err:
                item.setBackground(ERROR_COLOR)
                self.message.setText(self.tr("{0} 这一格未保存，请改正。").format(err.message))
                return
            item.setBackground(self.table.palette().base())
            self.message.clear()
            self._values[row] = value
            self._set_cell(row, CHANGE, change_text(difference(value, self._rows[row].previous), figure.unit))
            self._show_trend(row)
        self._edited.add(self._rows[row].figure.key)
        self.changed.emit()

    def _set_cell(self, row: int, column: int, text: str) -> None:
        self._filling = True
        self.table.item(row, column).setText(text)
        self._filling = False

    def _show_trend(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        figure = self._rows[row].figure
        points = [(y, v) for y, v in self._history(figure.key) if y != self._year]
        if self._values[row] is not None:
            points.append((self._year, self._values[row]))
        self.trend_title.setText(self.tr("历年“{0}”（{1}）").format(figure.label, figure.unit))
        self.trend.set_points(sorted(points), figure.unit)
