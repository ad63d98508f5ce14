"""年份更新: after starting a year from last year's text, review every year mention and shift the ticked ones.

Mentions inside a 文号, a citation 〔2024〕, a 《…》 title, or far from the report year are listed unticked
with the reason, so the clerk sees them but nothing changes there unless they tick it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.replace import YearMention, apply_year_updates, place_label, year_mentions
from gui.errors import guarded
from gui.replace_dialog import ReportAccess

COLUMNS = ("位置", "原文", "改为", "上下文", "说明")


class YearUpdateDialog(QDialog):
    def __init__(self, access: ReportAccess, old_year: int, new_year: int, titles_updated: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("年份更新"))
        self._access = access
        self._report = access.load()
        self._mentions: list[YearMention] = (year_mentions(self._report, old_year, new_year, titles_updated)
                                             if self._report is not None else [])
        intro = QLabel(self.tr("报告中共有 {0} 处年份。勾选的将由 {1} 年起算改为 {2} 年起算（每处加 {3} 年）；"
                               "文号、引用〔〕、书名号《》中的年份和较早的年份默认不改，请逐项核对。")
                       .format(len(self._mentions), old_year, new_year, new_year - old_year))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self._mentions), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, mention in enumerate(self._mentions):
            self._fill_row(row, mention)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        select_safe = QPushButton(self.tr("恢复默认勾选"))
        select_safe.clicked.connect(lambda: self._tick(lambda m: m.safe))
        select_none = QPushButton(self.tr("全部不勾选"))
        select_none.clicked.connect(lambda: self._tick(lambda m: False))
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(self.tr("更新所勾选的年份"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("不更新"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(select_safe)
        row.addWidget(select_none)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(1000, 560)

    def _fill_row(self, row: int, mention: YearMention) -> None:
        values = (place_label(self._report, mention.match.slot), mention.old, mention.new, mention.context,
                  mention.reason)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, column, item)
        first = self.table.item(row, 0)
        first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        first.setCheckState(Qt.CheckState.Checked if mention.safe else Qt.CheckState.Unchecked)

    def _tick(self, rule) -> None:
        for row, mention in enumerate(self._mentions):
            state = Qt.CheckState.Checked if rule(mention) else Qt.CheckState.Unchecked
            self.table.item(row, 0).setCheckState(state)

    def ticked(self) -> list[YearMention]:
        return [m for row, m in enumerate(self._mentions)
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    @guarded
    def apply(self) -> None:
        chosen = self.ticked()
        if chosen and self._report is not None:
            self._access.store(apply_year_updates(self._report, chosen),
                               self.tr("年份更新之前（{0}处）").format(len(chosen)))
        self.accept()
