"""历史版本: the saved versions of a report, what changed since each, and restoring one."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from gui.database import user_operation
from gui.errors import ask, guarded
from gui.tables import list_table
from core.report_diff import report_diff_html

ID_ROLE = Qt.ItemDataRole.UserRole


class VersionsDialog(QDialog):
    restored = Signal()

    def __init__(self, database, report_id: int, parent: QWidget | None = None):
        """`database`: gui/database.py's Database; the diff is against the text as typed."""
        super().__init__(parent)
        self.database, self.report_id = database, report_id
        self.setWindowTitle(self.tr("历史版本"))
        self.resize(1100, 680)
        self.table = list_table([self.tr("时间"), self.tr("说明"), self.tr("字数")], stretch=1)
        self.table.itemSelectionChanged.connect(self._show_diff)
        self.diff = QTextBrowser()
        self.diff.setOpenLinks(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("已保存的版本（最新的在上）：")))
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.diff)
        splitter.setSizes([380, 720])
        self.restore_button = QPushButton(self.tr("恢复此版本…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("右侧显示从所选版本到当前文本的改动。")))
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        report_id = self.report_id  # after what is queued (a 保存版本 a moment ago): waited for
        versions = self.database.wait_for(lambda archive: archive.list_snapshots(report_id))
        self.table.setRowCount(len(versions))
        for row, info in enumerate(versions):
            kind = self.tr("（自动）") if info.automatic else ""
            cells = (f"{info.created_at:%Y-%m-%d %H:%M:%S}", info.label + kind, str(info.char_count))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, info.id)
                self.table.setItem(row, column, item)
        if versions:
            self.table.selectRow(0)
        else:
            self.diff.setHtml(self.tr("<p>还没有保存过版本。用“保存版本”（Ctrl+Shift+S）给当前文本留一个底稿。</p>"))

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    @guarded
    def _show_diff(self) -> None:
        snapshot_id = self.selected_id()
        self.restore_button.setEnabled(snapshot_id is not None)
        if snapshot_id is None:
            return
        report_id = self.report_id  # the current text, once what was typed is written: waited for
        version, current = self.database.wait_for(
            lambda archive: (archive.load_snapshot(snapshot_id), archive.load_report(report_id)))
        label = self.table.item(self.table.currentRow(), 1).text()
        self.diff.setHtml(report_diff_html(version, current, self.tr("版本“{0}”").format(label),
                                           self.tr("当前文本")))

    @user_operation("恢复版本")
    @guarded
    def _restore(self) -> None:
        snapshot_id = self.selected_id()
        if snapshot_id is None:
            return
        question = self.tr("用所选版本替换当前的全部内容吗？\n\n当前内容会先自动保存为一个版本，随时可以再恢复回来。")
        if not ask(self, self.tr("恢复版本"), question, self.tr("恢复")):
            return
        self.database.run(lambda archive: archive.restore_snapshot(snapshot_id),
                          lambda _before: self._restored())

    def _restored(self) -> None:
        self.restored.emit()
        self.refresh()
