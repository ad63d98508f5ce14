"""The open archive's life in the window: opening it (read-only when another window edits it), the
lock beside it, the day's backup after the report shows, a backup on close when something changed,
saving it elsewhere when its file vanished, and bringing this window forward when a second start asks.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

if TYPE_CHECKING:
    from core.archive_lock import ArchiveLock


# The opening behind the first read waits for the report's first frame (importing SQLAlchemy beside the
# GUI thread's own work halves its speed: ≈50 ms later on screen), but never longer than this: a GUI
# thread that blocks on the writer meanwhile (closing at once) must not wait for ever.
OPENING_HOLDS_OFF_S = 0.5


class CurrentArchive:
    """Stands for whichever Archive the session holds now: the panels get this by constructor, so that
    另存档案 (a new file) and restoring a backup (the archive reopened) need no re-wiring. A read while the
    archive opens behind the first read waits for it."""

    def __init__(self, session: "ArchiveSession"):
        self._session = session

    def __getattr__(self, name: str):
        if self._session.archive is None:
            self._session.wait_until_open()
        return getattr(self._session.archive, name)


class ArchiveSession(QObject):
    raise_requested = Signal()  # a second start asked this window to come to the front

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.archive = None
        self.current = CurrentArchive(self)  # what the panels are given: follows `archive` when it changes
        self._lock: ArchiveLock | None = None
        self._first_read_of: tuple[int, int] | None = None  # the file the first read read (its identity)
        self._may_open = threading.Event()  # the first read's report is on screen: open behind it
        self._opened = threading.Event()  # not opening behind a first read (any more)
        self._opened.set()
        self._server = None  # a gui.single_instance.RaiseServer while the archive is held
        self._heartbeat = QTimer(self)
        self._heartbeat.timeout.connect(lambda: self._lock and self._lock.refresh())
        self.raise_requested.connect(self._bring_window_forward)

    def _bring_window_forward(self) -> None:
        window = self.parent()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    @property
    def read_only(self) -> bool:
        return self.archive is not None and self.archive.read_only

    def open(self, path: str | Path | None, read_only: bool = False, new_over_backups: bool = False):
        """Open the archive (raises AppError with the reason); the day's backup is left for later."""
        from core.archive import Archive  # SQLAlchemy and Alembic load here, after the window shows
        self.archive = Archive(path, read_only=read_only, daily_backup=False,
                               new_over_backups=new_over_backups)
        if not read_only and self.archive.path is not None:  # path None: on a server, no lock file
            self._hold(self.archive.path)
        return self.archive

    def read_first(self, path: Path, last_report_id: int | None):
        """Start-up's first read of the archive at `path` (core.archive.first_read), with the archive held
        first, so that a second start finds it in use. None: open it the usual way (nothing is held then).
        Otherwise open_held() must follow, on the writer thread."""
        from core import storage  # with the first read: the window's frame is on screen by now
        from core.archive.first_read import read_first
        self._hold(path)
        self._first_read_of = storage.file_identity(path)
        first = read_first(path, last_report_id)
        if first is None:
            self._let_go()
            return None
        self._may_open.clear()
        self._opened.clear()
        QTimer.singleShot(0, self._may_open.set)  # the event loop's next turn: the report is on screen
        return first

    def open_held(self, path: Path):
        """On the writer thread, behind the first read: open the held archive (SQLAlchemy loads here),
        only if it is still the file that was read — never a new empty one in place of a vanished file.
        Set before the writes queued behind run; the GUI thread looks at it only once told."""
        try:
            self._may_open.wait(OPENING_HOLDS_OFF_S)
            from core import storage
            from core.archive import Archive
            from core.errors import ArchiveVanished
            if storage.file_identity(path) != self._first_read_of:
                raise ArchiveVanished(QCoreApplication.translate(
                    "archive_session", "档案文件 {0} 在打开的过程中被删除、移走或换成了另一个文件。为免写错地方，"
                    "没有打开它。请找回原文件后重新启动法治年报。").format(path))
            self.archive = Archive(path, daily_backup=False)
            return self.archive
        finally:
            self._opened.set()

    def wait_until_open(self) -> None:
        """A read on the GUI thread while the archive opens behind the first read: let it open, wait."""
        self._may_open.set()
        self._opened.wait()

    def _hold(self, path: Path) -> None:
        from gui.single_instance import RaiseServer  # QtNetwork loads after the window shows
        from core.archive_lock import HEARTBEAT_S, ArchiveLock  # after the window shows
        self._lock = ArchiveLock(path)
        self._lock.acquire()
        self._heartbeat.start(HEARTBEAT_S * 1000)
        self._server = RaiseServer(path, self)
        self._server.raise_requested.connect(self.raise_requested)

    def _let_go(self) -> None:
        self._heartbeat.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._server is not None:
            self._server.close()
            self._server = None

    def save_elsewhere(self, target: Path):
        """Copy the archive as this window sees it to `target` and go on there (the file vanished)."""
        from core.archive import Archive
        self.archive.save_copy_as(target)
        old, self.archive = self.archive, Archive(target, daily_backup=False)
        old.close()
        self._let_go()
        self._hold(self.archive.path)
        return self.archive

    def backup_on_close(self) -> None:
        """A backup when this window changed something; a failure must not keep the window open."""
        if self.archive is not None and self.archive.changed and not self.read_only:
            try:
                self.archive.backup("close")
            except Exception:  # noqa: BLE001 — the archive itself is intact; a backup is a bonus here
                pass

    def close(self) -> None:
        self._let_go()
        if self.archive is not None:
            self.archive.close()
