"""新建报告: a year, and either the template or an earlier year's report as the basis."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from core.outline import MIN_YEAR, Organ, latest_year

ORGAN_SEPARATORS = "、，, \u3000"


def parse_organs(text: str) -> list[Organ]:
    for sep in ORGAN_SEPARATORS:
        text = text.replace(sep, " ")
    return [Organ(name) for name in text.split()]


class NewReportDialog(QDialog):
    def __init__(self, year: int, earlier_years: list[int], organs: list[Organ],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建报告"))
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, latest_year())
        self.year.setValue(year)
        self.year.setSuffix(self.tr(" 年度"))
        self.basis = QComboBox()
        self.basis.addItem(self.tr("按模板（五个规定部分，附写作提示）"), None)
        for earlier in earlier_years:
            self.basis.addItem(self.tr("以{0}年度报告为基础（沿用机关、结构）").format(earlier), earlier)
        if earlier_years:
            self.basis.setCurrentIndex(1)
        self.copy_text = QCheckBox(self.tr("同时复制正文（只复制结构时，上年内容仍可在右侧对照）"))
        self.organs = QLineEdit(" ".join(o.name for o in organs))
        self.organs.setPlaceholderText(self.tr("如：中共景毛乡委员会 景毛乡人民政府（联合行文按顺序，用空格分隔）"))
        self.organs.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 30)
        form = QFormLayout()
        form.addRow(self.tr("报告年度"), self.year)
        form.addRow(self.tr("基础"), self.basis)
        form.addRow("", self.copy_text)
        form.addRow(self.tr("发文机关"), self.organs)
        note = QLabel(self.tr("以往年报告为基础时，发文机关沿用该报告。"))
        note.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.basis.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        from_template = self.basis.currentData() is None
        self.copy_text.setEnabled(not from_template)
        self.organs.setEnabled(from_template)

    def choice(self) -> dict:
        """Archive.new_report keyword arguments."""
        return {"year": self.year.value(), "organs": parse_organs(self.organs.text()),
                "from_year": self.basis.currentData(), "copy_text": self.copy_text.isChecked()}
