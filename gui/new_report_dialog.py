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


def next_free_year(wanted: int, existing: set[int], latest: int) -> int:
    """`wanted` if no report has it, else the nearest later free year (up to `latest`), else an earlier one."""
    later = [year for year in range(wanted, latest + 1) if year not in existing]
    earlier = [year for year in range(wanted - 1, MIN_YEAR - 1, -1) if year not in existing]
    return (later or earlier or [wanted])[0]


class NewReportDialog(QDialog):
    """`organs_by_year`: the 发文机关 of each year's report (newest first); the preview shows those of the
    chosen basis, so it never shows another year's order."""

    def __init__(self, year: int, organs_by_year: dict[int, list[str]], parent: QWidget | None = None,
                 basis_year: int | None = None):
        super().__init__(parent)
        earlier_years = list(organs_by_year)
        self._organs_by_year = organs_by_year
        self.setWindowTitle(self.tr("新建报告"))
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, latest_year())
        self.year.setValue(next_free_year(year, set(earlier_years), latest_year()))
        self.year.setSuffix(self.tr(" 年度"))
        self.basis = QComboBox()
        self.basis.addItem(self.tr("按模板（五个规定部分，附写作提示）"), None)
        for earlier in earlier_years:
            self.basis.addItem(self.tr("以{0}年度报告为基础（沿用机关、结构）").format(earlier), earlier)
        if earlier_years:
            self.basis.setCurrentIndex(max(1, self.basis.findData(basis_year)))
        self.copy_text = QCheckBox(self.tr("同时复制正文（只复制结构时，上年内容仍可在右侧对照）"))
        newest = organs_by_year[earlier_years[0]] if earlier_years else []
        self._template_organs = " ".join(newest)  # a template report starts with the newest report's organs
        self.organs = QLineEdit(self._template_organs)
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
        self.organs.textEdited.connect(lambda text: setattr(self, "_template_organs", text))
        self._sync()

    def _sync(self) -> None:
        basis = self.basis.currentData()
        from_template = basis is None
        self.copy_text.setEnabled(not from_template)
        self.organs.setEnabled(from_template)
        if from_template:
            self.organs.setText(self._template_organs)
        else:  # the organs the new report will really have: those of the basis, in their order
            self.organs.setText(" ".join(self._organs_by_year[basis]))

    def choice(self) -> dict:
        """Archive.new_report keyword arguments."""
        return {"year": self.year.value(), "organs": parse_organs(self.organs.text()),
                "from_year": self.basis.currentData(), "copy_text": self.copy_text.isChecked()}
