"""文件 ▸ 备份与恢复: the backups beside the archive with their time and the reports in them; back up now,
back up to another place (a USB stick), or put a backup back (after confirmation; the window does it)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from core import backups
from core.outline import format_date
from gui.database import user_operation
from gui.errors import ask
from gui.tables import list_table

PATH_ROLE = Qt.ItemDataRole.UserRole


class BackupDialog(QDialog):
    restore_requested = Signal(object)  # the backup's Path: the window closes, restores and reopens

    def __init__(self, database, parent: QWidget | None = None):
        """`database`: gui/database.py's Database; a backup is made behind what was typed."""
        super().__init__(parent)
        self.database = database
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(860, 520)
        intro = QLabel(self.tr("备份保存在档案旁的 backups 文件夹中：每天第一次打开、关闭窗口（有修改时）、"
                               "导入覆盖、恢复版本和彻底删除之前都会自动备份。保留最近 10 份，以及一年内每月一份。"))
        intro.setWordWrap(True)
        self.table = list_table([self.tr("时间"), self.tr("原因"), self.tr("包含的报告")], stretch=2)
        self.table.setObjectName("backupList")
        self.table.itemSelectionChanged.connect(lambda: self.restore_button.setEnabled(self.selected() is not None))
        backup_now = QPushButton(self.tr("立即备份"))
        backup_now.clicked.connect(self.backup_now)
        backup_to = QPushButton(self.tr("备份到…"))
        backup_to.setToolTip(self.tr("把档案复制到其他位置，如U盘"))
        backup_to.clicked.connect(self.backup_to)
        self.restore_button = QPushButton(self.tr("恢复此备份…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (backup_now, backup_to):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        found = [backups.describe(p) for p in reversed(backups.list_backups(self.database.archive.path))]
        self.table.setRowCount(len(found))
        for row, info in enumerate(found):
            cells = (f"{format_date(info.when)} {info.when:%H:%M}", info.reason, "；".join(info.reports) or "（空）")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                item.setToolTip(text)
                self.table.setItem(row, column, item)

    def selected(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(PATH_ROLE)) if items else None

    @user_operation("备份")
    def backup_now(self) -> None:
        self.database.run(lambda archive: archive.backup("manual"), lambda _path: self.refresh())

    def backup_to(self) -> None:
        name = f"{self.database.archive.path.stem}-备份-{datetime.now():%Y%m%d}.sqlite3"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("备份到"), str(Path.home() / name),
                                                self.tr("法治年报档案 (*.sqlite3)"))
        if target:
            self.database.run(lambda archive: archive.save_copy_as(Path(target)), lambda _none: ask(
                self, self.tr("备份到"), self.tr("已把档案复制到：\n{0}").format(target), self.tr("好"),
                self.tr("关闭")))

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        question = self.tr("用 {0} 的备份（{1}）替换当前档案吗？\n\n当前档案会先备份一份（可在本列表中再恢复回来），"
                           "原文件也会改名保留在档案旁边。").format(backups.time_label(backup),
                                                                backups.reason_label(backup))
        if ask(self, self.tr("恢复备份"), question, self.tr("恢复")):
            self.accept()
            self.restore_requested.emit(backup)
