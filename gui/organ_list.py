"""The issuing organs of a report, in order (the first is the lead organ of a joint report)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCompleter, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from core.outline import Organ


class OrganList(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._list = QListWidget()
        self._list.setMaximumHeight(self.fontMetrics().height() * 5)
        self._list.itemChanged.connect(lambda _item: self.changed.emit())
        self._entry = QLineEdit()
        self._entry.setPlaceholderText(self.tr("输入机关全称，如“景毛乡人民政府”，按回车添加"))
        self._entry.returnPressed.connect(self._add)
        buttons = QVBoxLayout()
        for label, slot in ((self.tr("添加"), self._add), (self.tr("删除"), self._remove),
                            (self.tr("上移"), lambda: self._move(-1)), (self.tr("下移"), lambda: self._move(1))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self._list)
        left.addWidget(self._entry)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)

    def set_known(self, organs: list[Organ]) -> None:
        """Names offered while typing: every organ in the archive."""
        self._entry.setCompleter(QCompleter([o.name for o in organs], self))

    def set_organs(self, organs: list[Organ]) -> None:
        self._list.blockSignals(True)
        self._list.clear()
        for organ in organs:
            self._append(organ)
        self._list.blockSignals(False)

    def organs(self) -> list[Organ]:
        items = (self._list.item(i) for i in range(self._list.count()))
        return [Organ(item.text().strip(), item.data(Qt.ItemDataRole.UserRole) or "")
                for item in items if item.text().strip()]

    def _append(self, organ: Organ) -> None:
        item = QListWidgetItem(organ.name)
        item.setData(Qt.ItemDataRole.UserRole, organ.short_name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._list.addItem(item)

    def _add(self) -> None:
        name = self._entry.text().strip()
        if not name or name in [o.name for o in self.organs()]:
            return
        self._append(Organ(name))
        self._entry.clear()
        self.changed.emit()

    def _remove(self) -> None:
        row = self._list.currentRow()
        if row >= 0:
            self._list.takeItem(row)
            self.changed.emit()

    def _move(self, delta: int) -> None:
        row = self._list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self._list.count():
            return
        item = self._list.takeItem(row)
        self._list.insertItem(target, item)
        self._list.setCurrentRow(target)
        self.changed.emit()
