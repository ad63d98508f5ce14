"""导入: pick a file, read it, show what was recognised, and store it only after 确认."""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (QDialog, QFileDialog, QLabel, QListWidget, QListWidgetItem, QTextBrowser,
                               QVBoxLayout, QWidget)

from core.figure_text import proposed_figures
from core.figures import Figure, format_value
from core.outline import FIELD_LABELS, STATUS_LABELS, numbered_titles
from gui.errors import accept_cancel_buttons, ask


def summary_html(result) -> str:
    """What the import recognised, for the clerk to check before anything is stored."""
    report = result.report
    label = FIELD_LABELS
    rows = [(label["year"], f"{report.year}年"), (label["organs"], "、".join(report.organ_names) or "（未识别）"),
            (label["doc_number"], report.doc_number or "（无）"), (label["title"], report.title or "（未识别）"),
            ("字数", str(report.char_count())), ("条目", f"{result.item_count} 条"),
            (label["status"], STATUS_LABELS.get(report.status, report.status))]
    html = ["<table cellspacing='4'>"]
    html += [f"<tr><td><b>{k}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
    html.append("</table><p><b>各部分：</b></p><ul>")
    for chapter, title in zip(report.chapters, numbered_titles(report.chapters)):
        items = sum(1 for b in chapter.blocks if b.level)
        html.append(f"<li>{escape(title)}（{len(chapter.blocks)} 段，{items} 条）</li>")
    html.append("</ul>")
    if result.notes:
        html.append("<p><b style='color:#b35900'>请核对以下不确定之处：</b></p><ul>")
        html += [f"<li>{escape(note)}</li>" for note in result.notes]
        html.append("</ul>")
    return "".join(html)


class ImportSummaryDialog(QDialog):
    def __init__(self, result, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle(self.tr("导入“{0}”").format(file_name))
        self.resize(640, 520)
        view = QTextBrowser()
        view.setHtml(summary_html(result))
        buttons = accept_cancel_buttons(self, self.tr("确认导入"))
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        self.figures_list = self._figures_list(result.report)
        if self.figures_list.count():
            layout.addWidget(QLabel(self.tr("正文中找到的数据（勾选的填入“数据”页，请核对）：")))
            layout.addWidget(self.figures_list)
        layout.addWidget(buttons)

    def _figures_list(self, report) -> QListWidget:
        """The figures the text states for its year, all ticked; a rate above 100 % is not offered."""
        view = QListWidget()
        view.setObjectName("importFigures")
        for proposal in proposed_figures(report):
            figure = proposal.figure
            if figure.is_rate and figure.value is not None and figure.value > 100:
                continue
            item = QListWidgetItem(self.tr("{0}：{1}（原文“…{2}”）").format(
                figure.label, format_value(figure.value, figure.unit), proposal.excerpt))
            item.setData(Qt.ItemDataRole.UserRole, figure)
            item.setCheckState(Qt.CheckState.Checked)
            view.addItem(item)
        view.setMaximumHeight(view.sizeHintForRow(0) * min(view.count(), 6) + 8 if view.count() else 0)
        return view

    def chosen_figures(self) -> list[Figure]:
        items = (self.figures_list.item(i) for i in range(self.figures_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]


class ImportFlow(QObject):
    """The file is read beside the window (Database.run_aside); a reading error (ImportFailed …) reaches
    the user as a Chinese message. Storing is one Archive call queued on gui/database.py's Database; its
    error reaches the user as a message too. Nothing is stored on error."""

    def __init__(self, database, settings, parent: QWidget, stored: Callable[[int], None]):
        """stored(report_id) runs on the GUI thread once the import is in the archive."""
        super().__init__(parent)
        self.database, self.settings, self.parent_widget, self._stored = database, settings, parent, stored

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("导入以往报告"), self.settings.last_import_dir,
            self.tr("报告文件 (*.docx *.doc *.wps *.txt);;所有文件 (*)"))
        if not path:
            return
        self.settings.last_import_dir = str(Path(path).parent)
        self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Read (beside the window: a .doc/.wps goes through LibreOffice, seconds), then confirm and store."""
        from core.importing import import_file
        self.database.run_aside(lambda: import_file(path), lambda result: self._confirm(path, result))

    def _confirm(self, path: Path, result) -> None:
        """Show what was recognised; once confirmed, store the report and the figures ticked (with replace:
        one Archive call)."""
        from core.importing import existing_report_id
        dialog = ImportSummaryDialog(result, path.name, self.parent_widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        replace = False
        existing = existing_report_id(self.database.archive, result.report)
        if existing is not None:
            question = self.tr("档案中已有{0}年度的报告。\n\n用导入的内容覆盖它吗？"
                               "覆盖前，原来的内容会自动保存为一个历史版本。").format(result.report.year)
            if not ask(self.parent_widget, self.tr("覆盖已有报告"), question, self.tr("覆盖")):
                return
            replace = True
        report, source, figures = result.report, result.source_name, dialog.chosen_figures()
        self.database.run(lambda archive: archive.import_report(report, replace, source, figures),
                          lambda stored: self._stored(stored[0]))
