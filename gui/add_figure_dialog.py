"""「添加指标…」: the name and unit of a figure of the user's own (网格员人数, 人)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from core.figures import UNITS


class AddFigureDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加指标"))
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("如：网格员人数"))
        self.unit = QComboBox()
        self.unit.addItems(UNITS)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("名称："), self.label)
        form.addRow(self.tr("单位："), self.unit)
        form.addRow(buttons)

    def _accept_if_named(self) -> None:
        if self.label.text().strip():
            self.accept()
        else:
            self.label.setFocus()

    def chosen(self) -> tuple[str, str]:
        return self.label.text().strip(), self.unit.currentText()
