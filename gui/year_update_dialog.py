"""年份更新: after starting a year from last year's text, review every year mention and shift the ticked ones.

Mentions inside a 文号, a citation 〔2024〕, a 《…》 title, or far from the report year are listed unticked
with the reason, so the clerk sees them but nothing changes there unless they tick it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.replace import YearMention, apply_year_updates, place_label, year_mentions
from gui.errors import guarded
from gui.replace_dialog import ReportAccess

COLUMNS = ("位置", "原文", "改为", "上下文", "说明")


class YearUpdateDialog(QDialog):
    @classmethod
    def run(cls, access: ReportAccess, old_year: int, new_year: int, after_copy: bool, parent: QWidget) -> None:
        """Review and apply; after copying last year's text it is offered only when there are years to change."""
        dialog = cls(access, old_year, new_year, after_copy, parent)
        if dialog.mentions:
            dialog.exec()
        elif not after_copy and dialog.report is not None:
            QMessageBox.information(parent, dialog.tr("年份更新"), dialog.tr("报告中没有找到需要核对的年份。"))
        dialog.deleteLater()

    def __init__(self, access: ReportAccess, old_year: int, new_year: int, after_copy: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("年份更新"))
        self._access = access
        self.report = access.load()
        self.mentions: list[YearMention] = (year_mentions(self.report, old_year, new_year, titles_updated=after_copy)
                                             if self.report is not None else [])
        intro = QLabel(self.tr("报告中共有 {0} 处年份。勾选的将由 {1} 年起算改为 {2} 年起算（每处加 {3} 年）；"
                               "文号、引用〔〕、书名号《》中的年份和较早的年份默认不改，请逐项核对。")
                       .format(len(self.mentions), old_year, new_year, new_year - old_year))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.mentions), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, mention in enumerate(self.mentions):
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
        values = (place_label(self.report, mention.match.slot), mention.old, mention.new, mention.context,
                  mention.reason)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, column, item)
        first = self.table.item(row, 0)
        first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        first.setCheckState(Qt.CheckState.Checked if mention.safe else Qt.CheckState.Unchecked)

    def _tick(self, rule) -> None:
        for row, mention in enumerate(self.mentions):
            state = Qt.CheckState.Checked if rule(mention) else Qt.CheckState.Unchecked
            self.table.item(row, 0).setCheckState(state)

    def ticked(self) -> list[YearMention]:
        return [m for row, m in enumerate(self.mentions)
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    @guarded
    def apply(self) -> None:
        chosen = self.ticked()
        if chosen and self.report is not None:
            self._access.store(apply_year_updates(self.report, chosen),
                               self.tr("年份更新之前（{0}处）").format(len(chosen)))
        self.accept()
