"""The one question before exporting: the 错误 the check still finds and the 公文 fonts this PC lacks, in
one dialog with 「仍然导出」, 「去检查」 and 「取消」 (issue 12.6 — it used to ask twice).

The fonts only change how the file looks on this PC (the file still names the standard fonts), so they
are told as a note; the errors are what the clerk may want to fix first, hence 「去检查」.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

EXPORT, CHECK, CANCEL = "export", "check", "cancel"


class ExportConfirmDialog(QDialog):
    """`errors`: core.checks.describe_errors text ("" if none); `missing`: core.fonts.missing_fonts."""

    def __init__(self, errors: str, missing: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportConfirmDialog")
        self.setWindowTitle(self.tr("导出前请确认"))
        self.outcome = CANCEL
        layout = QVBoxLayout(self)
        for name, text in (("errorsLabel", errors), ("fontsLabel", self._fonts_text(missing))):
            if text:
                label = QLabel(text)
                label.setObjectName(name)
                label.setWordWrap(True)
                layout.addWidget(label)
        question = self.tr("建议先在“检查”中改正。仍要导出吗？") if errors else self.tr("继续导出吗？")
        layout.addWidget(QLabel(question))
        buttons = QDialogButtonBox()
        export = buttons.addButton(self.tr("仍然导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        if errors:
            check = buttons.addButton(self.tr("去检查"), QDialogButtonBox.ButtonRole.ActionRole)
            check.setToolTip(self.tr("打开“检查”面板，逐条查看并改正"))
            check.clicked.connect(lambda: self._finish(CHECK))
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        export.clicked.connect(lambda: self._finish(EXPORT))
        buttons.rejected.connect(self.reject)
        export.setDefault(True)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)  # the lines of describe_errors are long
        self.resize(600, self.heightForWidth(600))  # wrapped labels: no gap above the buttons

    def _fonts_text(self, missing: list[tuple[str, str]]) -> str:
        if not missing:
            return ""
        lines = "\n".join(self.tr("  · {0}：本机没有，Word/WPS 将改用 {1}").format(family, instead)
                          for family, instead in missing)
        return self.tr("本机缺少公文字体：\n{0}\n文件中仍写明标准字体，在装有这些字体的电脑上打开或打印即为标准样式。"
                       ).format(lines)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.accept()


def confirm_export(parent: QWidget | None, errors: str, missing: list[tuple[str, str]]) -> str:
    """EXPORT, CHECK (go to the 检查 panel) or CANCEL; EXPORT at once when there is nothing to say."""
    if not errors and not missing:
        return EXPORT
    dialog = ExportConfirmDialog(errors, missing, parent)
    dialog.exec()
    return dialog.outcome
