"""文件 ▸ 导入档案…: take an archive file (what 导出档案 writes on another PC) into the open archive.

The file is read and compared with this archive on the writer thread (core/archive/merge.py); a preview
lists every report of the file with what will happen — 新增, 相同，跳过, or, when both have the report
and it differs, the clerk's choice between keeping this archive's (the default) and the file's (this
archive's text is kept as a historical version first). Nothing changes before 导入 is pressed; a file
that cannot be used is explained and changes nothing.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHeaderView, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.archive.merge import DIFFERENT, DUPLICATE, NEW, SAME, MergeItem
from gui.errors import accept_cancel_buttons, show_error

KEEP, REPLACE = 0, 1  # the choices of a differing report, in the order of its combo box


def _tr(text: str) -> str:
    return QCoreApplication.translate("ArchiveImport", text)


def _when(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class MergePreviewDialog(QDialog):
    """Every report of the file and what 导入 will do with it; replacing() is the clerk's choice."""

    COLUMNS = ("年度", "发文机关", "本机档案中", "文件中", "处理")

    def __init__(self, items: list[MergeItem], file_name: str, in_trash: int, parent: QWidget | None = None,
                 backed_up: bool = True):
        """backed_up: the archive is a file, copied before a replace (a server's is not: core/archive/server.py)."""
        super().__init__(parent)
        self.setObjectName("mergePreview")
        self.setWindowTitle(self.tr("导入档案“{0}”").format(file_name))
        self.items = sorted(items, key=lambda item: -item.year)  # as the archive list: newest first
        self.choices: dict[int, QComboBox] = {}
        table = QTableWidget(len(self.items), len(self.COLUMNS))
        table.setObjectName("mergeTable")
        table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        for row, item in enumerate(self.items):
            self._fill_row(table, row, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = accept_cancel_buttons(self, self.tr("导入"))
        buttons.buttons()[0].setEnabled(any(i.state in (NEW, DIFFERENT) for i in items))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self._summary(in_trash)))
        layout.addWidget(table, 1)
        if any(i.state == DIFFERENT for i in items):
            note = QLabel(self.tr("同一年度、同一发文机关的报告在档案中只能有一份，不能两份都保留。"
                                  "选“用文件中的替换”时，本机原来的内容先自动保存为历史版本（可在“历史版本”中取回）。")
                          + (self.tr("本机档案文件也会先备份。") if backed_up else ""))
            note.setObjectName("hint")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 420)

    def _summary(self, in_trash: int) -> str:
        count = {state: sum(1 for i in self.items if i.state == state) for state in (NEW, SAME, DIFFERENT)}
        text = self.tr("文件中有 {0} 份报告：本机没有的 {1} 份，内容相同的 {2} 份，内容不同的 {3} 份。").format(
            len(self.items), count[NEW], count[SAME], count[DIFFERENT])
        if in_trash:
            text += self.tr("文件回收站中的 {0} 份不导入。").format(in_trash)
        if not self.items:
            text = self.tr("文件中没有报告，没有可导入的内容。")
        return text

    def _fill_row(self, table: QTableWidget, row: int, item: MergeItem) -> None:
        mine = self.tr("{0} 字，{1} 修改").format(item.target_chars, _when(item.target_updated)) \
            if item.target_id is not None else self.tr("（没有）")
        theirs = self.tr("{0} 字，{1} 修改").format(item.source_chars, _when(item.source_updated))
        organs = "、".join(item.organs) or self.tr("（未填发文机关）")
        for column, text in enumerate((self.tr("{0}年").format(item.year), organs, mine, theirs)):
            cell = QTableWidgetItem(text)
            cell.setToolTip(item.title)
            table.setItem(row, column, cell)
        if item.state == DIFFERENT:
            choice = QComboBox()
            choice.addItems([self.tr("不同：保留本机的"), self.tr("不同：用文件中的替换")])
            self.choices[row] = choice
            table.setCellWidget(row, 4, choice)
            return
        what = {NEW: self.tr("新增"), SAME: self.tr("相同，跳过"),
                DUPLICATE: self.tr("文件中重复，跳过")}[item.state]
        table.setItem(row, 4, QTableWidgetItem(what))

    def replacing(self) -> list:
        """The keys of the differing reports the clerk chose to take from the file."""
        return [self.items[row].key for row, choice in self.choices.items() if choice.currentIndex() == REPLACE]


def import_archive(window) -> None:
    """文件 ▸ 导入档案…: choose the file, read and compare it on the writer thread, then preview."""
    if window.archive is None:
        return
    chosen, _ = QFileDialog.getOpenFileName(window, _tr("导入档案"), window.settings.last_import_dir,
                                            _tr("法治年报档案 (*.sqlite3);;所有文件 (*)"))
    if not chosen:
        return
    path = Path(chosen)
    window.settings.last_import_dir = str(path.parent)

    def read(target):  # on the Database's writer thread, after what was typed
        from core.archive.merge import plan_merge, read_source, refuse_same_archive
        refuse_same_archive(path, target)
        source = read_source(path)
        return source, plan_merge(target, source)
    window.statusBar().showMessage(_tr("正在读取档案文件…"))
    window.database.run(read, lambda result: _preview(window, result, None),
                        lambda error: _preview(window, None, error))


def _preview(window, result, error) -> None:
    window.statusBar().clearMessage()
    if error is not None:
        show_error(window, error, _tr("导入档案失败"))
        return
    source, items = result
    dialog = MergePreviewDialog(items, source.name, source.in_trash, window,
                                backed_up=window.archive.path is not None)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    replacing = dialog.replacing()

    def merge(target):
        from core.archive.merge import describe_merge, merge_into
        return describe_merge(merge_into(target, source, replacing))
    window.statusBar().showMessage(_tr("正在导入档案…"))
    window.database.run(merge, lambda summary: _done(window, summary, None),
                        lambda failure: _done(window, None, failure))


def _done(window, summary: str | None, error: Exception | None) -> None:
    window.statusBar().clearMessage()
    if error is not None:
        show_error(window, error, _tr("导入档案失败"))
        return
    if window.report_id() is None:
        window.reports.show_archive()
    else:  # typed while merging: written (or kept as a version) before reloading
        window.reports.reload()
    window.statusBar().showMessage(summary.splitlines()[0], 15000)
    box = QMessageBox(QMessageBox.Icon.Information, _tr("导入档案"), summary, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("mergeDone")
    box.open()
