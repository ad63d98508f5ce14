"""基本信息: the report's metadata as a form. Every edit emits `changed`; the owner autosaves."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QScrollArea,
                               QSpinBox, QVBoxLayout, QWidget)

from core.outline import (BANNER_ALL, BANNER_LEAD, FIELD_LABELS, MIN_YEAR, STATUS_LABELS, Organ, Report,
                          latest_year)
from gui.date_field import DateField
from gui.organ_list import OrganList

FORM_MAX_WIDTH = 820


class MetadataForm(QScrollArea):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._loading = False
        self._hint_stale = False  # a loaded 文号 not checked yet (see showEvent)
        inner = QWidget()
        inner.setMaximumWidth(FORM_MAX_WIDTH)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)

        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, latest_year())
        self.year.setSuffix(self.tr(" 年度"))
        self.organs = OrganList()
        self.banner_mode = QComboBox()
        self.banner_mode.addItem(self.tr("只写第一个机关（如“中共××乡委员会文件”）"), BANNER_LEAD)
        self.banner_mode.addItem(self.tr("写全部机关（联合行文）"), BANNER_ALL)
        self.doc_number = QLineEdit()
        self.doc_number.setPlaceholderText(self.tr("如：景发〔2025〕7号；可留空"))
        self.doc_number_hint = QLabel()
        self.doc_number_hint.setObjectName("hint")
        self.doc_number_hint.setWordWrap(True)
        # Always there (empty when all is well) at a fixed height, so the fields below stay where the clerk
        # is about to click (issue 12.6); the whole text is also its tooltip.
        self.doc_number.setFixedHeight(self.doc_number.sizeHint().height())  # the red border adds none
        self.doc_number_hint.setFixedHeight(self.doc_number_hint.fontMetrics().lineSpacing() * 2 + 4)
        self.title = QLineEdit()
        self.recipients = QLineEdit()
        self.recipients.setPlaceholderText(self.tr("如：中共××县委、××县人民政府（不写冒号）"))
        self.signer = QLineEdit()
        self.signer.setPlaceholderText(self.tr("上行文写签发人姓名；可留空"))
        self.written_date = DateField()
        self.signature = QLineEdit()
        self.signature.setPlaceholderText(self.tr("留空时按发文机关署名；多个署名用空格分隔"))
        self.cc = QLineEdit()
        self.printing_organ = QLineEdit()
        self.printing_organ.setPlaceholderText(self.tr("如：××乡党政综合办公室"))
        self.printing_date = DateField()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：（此件公开发布）"))
        self.status = QComboBox()
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)

        fields = ("year", "organs", "banner_mode", "doc_number", None, "title", "recipients", "signer",
                  "signature", "written_date", "cc", "printing_organ", "printing_date", "note", "status")
        for field in fields:  # the widget of a field has the field's name; None: the 文号 hint below it
            widget = self.doc_number_hint if field is None else getattr(self, field)
            form.addRow(self.tr(FIELD_LABELS[field]) if field else "", widget)
        inner.setLayout(form)
        outer = QWidget()
        layout = QVBoxLayout(outer)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(inner)
        layout.addStretch(1)
        self.setWidget(outer)

        for edit in (self.doc_number, self.title, self.recipients, self.signer, self.signature, self.cc,
                     self.printing_organ, self.note):
            edit.textChanged.connect(self._on_change)
        for combo in (self.banner_mode, self.status):
            combo.currentIndexChanged.connect(self._on_change)
        for picker in (self.written_date, self.printing_date):
            picker.changed.connect(self._on_change)
        self.year.valueChanged.connect(self._on_change)
        self.year.valueChanged.connect(self._calendars_follow_year)
        self.organs.changed.connect(self._on_change)

    def set_report(self, report: Report, known_organs: list[Organ]) -> None:
        self._loading = True
        self.year.setValue(report.year)
        self.organs.set_known(known_organs)
        self.organs.set_organs(report.organs)
        self.banner_mode.setCurrentIndex(max(0, self.banner_mode.findData(report.banner_mode)))
        self.doc_number.setText(report.doc_number)
        self.title.setText(report.title)
        self.recipients.setText(report.recipients)
        self.signer.setText(report.signer)
        self.signature.setText(report.signature)
        self.cc.setText(report.cc)
        self.printing_organ.setText(report.printing_organ)
        self.note.setText(report.note)
        self.status.setCurrentIndex(max(0, self.status.findData(report.status)))
        self._calendars_follow_year(report.year)
        self.written_date.set_date(report.written_date)
        self.printing_date.set_date(report.printing_date)
        self._loading = False
        self._hint_stale = True
        if self.isVisible():
            self._show_doc_number_hint()

    def showEvent(self, event) -> None:
        # The loaded 文号 is checked when the form first shows: its rules (core.checks) stay out of the
        # opening of a report, which shows a chapter.
        super().showEvent(event)
        if self._hint_stale:
            self._show_doc_number_hint()

    def _calendars_follow_year(self, year: int) -> None:
        for picker in (self.written_date, self.printing_date):
            picker.report_year = year

    def fields(self) -> dict:
        """The form as Archive.update_report keyword arguments."""
        return {
            "year": self.year.value(), "organs": self.organs.organs(),
            "banner_mode": self.banner_mode.currentData(), "doc_number": self.doc_number.text().strip(),
            "title": self.title.text().strip(), "recipients": self.recipients.text().strip(),
            "signer": self.signer.text().strip(), "signature": self.signature.text().strip(),
            "written_date": self.written_date.date(), "cc": self.cc.text().strip(),
            "printing_organ": self.printing_organ.text().strip(),
            "printing_date": self.printing_date.date(), "note": self.note.text().strip(),
            "status": self.status.currentData(),
        }

    def _on_change(self, *_args) -> None:
        if self._loading:
            return
        self._show_doc_number_hint()
        self.changed.emit()

    def _show_doc_number_hint(self) -> None:
        self._hint_stale = False
        # The same rules the 检查 applies (GB/T 9704-2012 7.2.5), so the form and the check agree.
        from core.checks import doc_number_problems  # only its rules: the checks package loads lazily
        problems = doc_number_problems(self.doc_number.text())
        ok = not problems
        self.doc_number_hint.setText("" if ok else "".join(problems) + self.tr(
            "正确写法如“景发〔2025〕7号”；没有文号可以留空。"))
        self.doc_number_hint.setToolTip(self.doc_number_hint.text())
        self.doc_number.setStyleSheet("" if ok else "QLineEdit { border: 1px solid #c0392b; }")
