"""What the window does when the archive itself needs care: a save refused because another window
changed the text (show the newer text, say so), the archive file vanished (offer 另存档案), and
文件 ▸ 备份与恢复 (restore a backup in place of the open archive). It talks to the window by signals."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from core import backups
from core.errors import ArchiveVanished
from gui.errors import ask, guarded, show_error


class ArchiveCare(QObject):
    reload_requested = Signal()  # show what the archive holds now
    closing = Signal()  # the archive is about to be closed and replaced by a backup
    reopen_requested = Signal(str)  # open this path again (after a restore)
    message = Signal(str)  # a line for the status bar

    def __init__(self, window: QWidget, session, database, settings):
        """`database`: gui/database.py's Database (writes, and waiting for them before a swap)."""
        super().__init__(window)
        self.window, self.session, self.database, self.settings = window, session, database, settings
        self._conflict_shown = False

    # --- refused and failed saves ----------------------------------------------------------------

    def on_conflict(self, error) -> None:
        """The text was kept as a version by the archive; show the newer text once for a burst of them."""
        if not self._conflict_shown:
            self._conflict_shown = True
            QTimer.singleShot(0, lambda: self._show_newer(error))

    @guarded
    def _show_newer(self, error) -> None:
        self._conflict_shown = False
        self.reload_requested.emit()  # reloading writes what is pending first
        show_error(self.window, error, self.tr("内容已在别处被修改"))

    def on_save_failed(self, error) -> None:
        if isinstance(error, ArchiveVanished):
            QTimer.singleShot(0, lambda: self._offer_new_location(error))
        else:
            show_error(self.window, error, self.tr("未能保存"))

    @guarded
    def _offer_new_location(self, error) -> None:
        """The archive file was deleted or moved while open: the text stays; save everything elsewhere."""
        if not ask(self.window, self.tr("档案不见了"), str(error), self.tr("另存档案…"), self.tr("稍后再说")):
            return
        target, _ = QFileDialog.getSaveFileName(self.window, self.tr("另存档案"),
                                                str(Path.home() / "法治年报档案.sqlite3"),
                                                self.tr("法治年报档案 (*.sqlite3)"))
        if target:
            self.save_archive_to(Path(target))

    def save_archive_to(self, target: Path) -> None:
        """Go on with a copy of the archive at `target`; what is still unsaved is written there."""
        self.database.wait_for(lambda _gone: None, even_if_unsaved=True)  # nothing writes during the swap
        self.session.save_elsewhere(target)  # the panels hold session.current: they follow the new file
        self.settings.last_archive = str(target)
        if self.database.write_everything():
            self.message.emit(self.tr("档案已另存到 {0}，之后的修改都保存在那里。").format(target))

    # --- backups ------------------------------------------------------------------------------------

    @guarded
    def show_backups(self) -> None:
        from gui.backup_dialog import BackupDialog
        dialog = BackupDialog(self.database, self.window)
        dialog.restore_requested.connect(self.restore_backup)
        dialog.open()

    @guarded
    def restore_backup(self, backup: Path) -> None:
        """Put a backup in place of the open archive; the current one is backed up and kept aside first.
        Waits for the database: nothing may be writing while the file is swapped."""
        path = self.session.archive.path
        self.database.wait_for(lambda archive: archive.backup("before-backup-restore"))
        self.closing.emit()
        self.session.close()
        backups.restore_backup(path, backup, aside="replaced")
        self.reopen_requested.emit(str(path))
        self.message.emit(self.tr("已用 {0} 的备份恢复档案。").format(backups.time_label(backup)))
