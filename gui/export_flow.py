"""导出 Word/PDF: one confirmation of the remaining errors and missing fonts, choose file and variant, write on
the archive's writer thread together with a snapshot of what was exported, and open the file if asked.

The questions are small methods (`confirm_*`, `ask_*`, `choose_target`, `open_file`) so that tests can
answer them without a modal dialog; `export_to()` is the flow after the file has been chosen.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog,
                               QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget)

from core import fonts
from core.docx_export import VARIANT_LABELS, ExportFailed, default_file_name
from core.errors import AppError
from gui.errors import accept_cancel_buttons, ask, error_text, show_error
from gui.export_confirm import CHECK, EXPORT, confirm_export

DOCX_FILTER = "Word 文档 (*.docx)"
FORMATS = {".docx": "Word 文档（.docx）", ".pdf": "PDF（.pdf，不需要 Word 即可打印）"}
FILE_FILTERS = {".docx": DOCX_FILTER, ".pdf": "PDF 文件 (*.pdf)"}  # the file chooser's, per format
TITLE = "导出 Word/PDF"  # the action's text without its “…” (gui/window_actions.py)


def _pdf_writer():
    """The PDF is drawn by Qt (gui.pdf_export); the archive's export_report takes it as its writer."""
    from gui.pdf_export import export_pdf
    return export_pdf


class ExportDialog(QDialog):
    """File name, variant and 导出后打开 in one small dialog."""

    def __init__(self, default_path: Path, variant: str, open_after: bool, parent: QWidget | None = None,
                 with_figures: bool = False):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr(TITLE))
        self.path_edit = QLineEdit(str(default_path))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.variant_box = QComboBox()
        for key, label in VARIANT_LABELS.items():
            self.variant_box.addItem(self.tr(label), key)
        self.variant_box.setCurrentIndex(max(0, self.variant_box.findData(variant)))
        self.format_box = QComboBox()
        for suffix, label in FORMATS.items():
            self.format_box.addItem(self.tr(label), suffix)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.open_after_box = QCheckBox(self.tr("导出后打开文件"))
        self.open_after_box.setChecked(open_after)
        self.figures_box = QCheckBox(self.tr("附主要数据对照表"))
        self.figures_box.setChecked(with_figures)
        self.figures_box.setToolTip(self.tr("在落款后另起一页，附“附件：主要数据对照表”（本年、上年、增减）"))
        buttons = accept_cancel_buttons(self, self.tr("导出"))
        form = QFormLayout(self)
        form.addRow(self.tr("保存为："), path_row)
        form.addRow(self.tr("格式："), self.format_box)
        form.addRow(self.tr("样式："), self.variant_box)
        form.addRow("", self.figures_box)
        form.addRow("", self.open_after_box)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr(TITLE), self.path_edit.text(),
                                              self.tr(FILE_FILTERS[self.format_box.currentData()]))
        if path:
            self.path_edit.setText(path)

    def _format_changed(self) -> None:
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() in FORMATS:
            self.path_edit.setText(str(path.with_suffix(self.format_box.currentData())))

    def choice(self) -> tuple[Path, str, bool]:
        path = Path(self.path_edit.text().strip())
        suffix = self.format_box.currentData()
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path, self.variant_box.currentData(), self.open_after_box.isChecked()


class ExportFlow(QObject):
    exported = Signal(str)  # the written file
    failed = Signal(str)  # the Chinese message
    check_requested = Signal()  # 「去检查」 in the confirmation: show the 检查 panel instead of exporting

    def __init__(self, database, settings, parent_widget: QWidget):
        """`database`: gui/database.py's Database; the export is queued behind what was typed."""
        super().__init__(parent_widget)
        self.database, self.settings, self.parent_widget = database, settings, parent_widget
        self.busy = False

    # --- the flow -------------------------------------------------------------------------------------

    def export(self, report_id: int) -> None:
        try:  # the confirmation is about the text as typed: waited for
            report = self.database.wait_for(lambda archive: archive.load_report(report_id))
            if not self._confirmed(report):
                return
            target = self.choose_target(report)
            if target:
                self.export_to(report_id, *target)
        except AppError as err:
            self._fail(str(err))

    def export_to(self, report_id: int, path: Path, variant: str, open_after: bool,
                  with_figures: bool = False) -> None:
        """Write the report to `path` and keep what was exported as a version — one archive step on its
        writer thread; `exported`/`failed` report the outcome."""
        path = Path(path)
        if path.exists() and not self.ask_overwrite(path):
            return
        self.busy = True
        kind = "PDF" if path.suffix.lower() == ".pdf" else "Word"
        font_set, label = self._font_set_name(), f"导出 {kind}（{VARIANT_LABELS[variant]}，{path.name}）"
        writer = _pdf_writer() if kind == "PDF" else None  # the PDF is drawn by Qt (gui.pdf_export)

        def finished(error):
            self._on_finished(path, error, variant, open_after, report_id, with_figures)
        self.database.run(lambda archive: archive.export_report(report_id, path, variant, font_set, label,
                                                                with_figures=with_figures, writer=writer),
                          lambda _none: finished(None), finished)

    def _on_finished(self, path: Path, error, variant: str, open_after: bool, report_id: int,
                     with_figures: bool = False):
        self.busy = False
        if error is not None:
            message = error_text(error)
            other = self.ask_other_name(path, message)
            if other:
                self.export_to(report_id, other, variant, open_after, with_figures)
            else:
                self._fail(message)
            return
        self.settings.last_export_dir = str(path.parent)
        self.settings.export_variant = variant
        self.settings.open_after_export = open_after
        self.settings.export_figures_table = with_figures
        if open_after:
            self.open_file(path)
        self.exported.emit(str(path))

    def _fail(self, message: str) -> None:
        self.failed.emit(message)

    def _font_set_name(self) -> str:
        name = self.settings.font_set
        return name if name in fonts.FONT_SETS else fonts.DEFAULT_FONT_SET

    # --- questions before exporting -------------------------------------------------------------------

    def _confirmed(self, report) -> bool:
        """One question for the 错误 the check still finds and the fonts this PC lacks."""
        from core.checks import describe_errors, run_checks
        errors = describe_errors(report, run_checks(report))
        missing = fonts.missing_fonts(self._font_set_name(), set(QFontDatabase.families()))
        outcome = self.confirm_export(errors, missing)
        if outcome == CHECK:
            self.check_requested.emit()
        return outcome == EXPORT

    def confirm_export(self, errors: str, missing: list[tuple[str, str]]) -> str:
        """EXPORT, CHECK or CANCEL (gui.export_confirm); `errors` from core.checks.describe_errors,
        `missing` from core.fonts.missing_fonts."""
        return confirm_export(self.parent_widget, errors, missing)

    def choose_target(self, report) -> tuple[Path, str, bool, bool] | None:
        """File, variant, 导出后打开, 附主要数据对照表 — or None when cancelled."""
        folder = Path(self.settings.last_export_dir or Path.home())
        dialog = ExportDialog(folder / default_file_name(report), self.settings.export_variant,
                              self.settings.open_after_export, self.parent_widget,
                              self.settings.export_figures_table)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return (*dialog.choice(), dialog.figures_box.isChecked())

    def ask_overwrite(self, path: Path) -> bool:
        text = self.tr("文件 {0} 已存在。\n\n要覆盖它吗？").format(path)
        return ask(self.parent_widget, self.tr("覆盖文件"), text, self.tr("覆盖"))

    def ask_other_name(self, path: Path, message: str) -> Path | None:
        """After a failed write (locked by Word/WPS, read-only folder): say so, offer another name."""
        if not ask(self.parent_widget, self.tr("导出失败"), message, self.tr("换个文件名…")):
            return None
        suffix = path.suffix.lower() if path.suffix.lower() in FILE_FILTERS else ".docx"
        other, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr(TITLE),
                                               str(path.with_name(path.stem + "（新）" + suffix)),
                                               self.tr(FILE_FILTERS[suffix]))
        return Path(other) if other else None

    def open_file(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(self.parent_widget, ExportFailed(
                f"文件已导出到 {path}，但没有程序能打开它。请在文件夹中用 Word 或 WPS 打开。"))
