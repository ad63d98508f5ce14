"""Autosave: pending writes keyed by what they save, written 1 s after the last change or on demand.

A chapter save takes a few milliseconds (bench/bench_gui.py measures it), so writes run on the GUI
thread between keystrokes: there is exactly one writer and no locking. A failed write stays pending
and is retried; the user sees one message per failure streak, not one per retry.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 1000  # well inside the promise: in the database within 2 s of the last keystroke
RETRY_MS = 5000


class Autosaver(QObject):
    status_changed = Signal(str)
    failed = Signal(object)  # the exception of the first failure in a streak
    saved = Signal(object)  # the key of each successful write

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], None]] = {}
        self._failing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def schedule(self, key: Hashable, save: Callable[[], None]) -> None:
        """Write later with `save()`; a newer schedule for the same key replaces the older one."""
        self._pending[key] = save
        if not self._failing:
            self.status_changed.emit(self.tr("正在保存…"))
            self._timer.start(DELAY_MS)

    def has_pending(self) -> bool:
        return bool(self._pending)

    def discard(self, key: Hashable) -> None:
        self._pending.pop(key, None)

    def flush(self) -> bool:
        """Write everything pending now; False (and still pending) when a write failed."""
        self._timer.stop()
        if not self._pending:
            return True
        error = None
        for key, save in list(self._pending.items()):
            try:
                save()
            except Exception as err:  # noqa: BLE001 — kept pending, reported once, retried
                error = error or err
                continue
            self._pending.pop(key, None)
            self.saved.emit(key)
        if error is None:
            self._failing = False
            self.status_changed.emit(self.tr("已保存 {0}").format(datetime.now().strftime("%H:%M:%S")))
            return True
        self.status_changed.emit(self.tr("未能保存，稍后自动重试"))
        self._timer.start(RETRY_MS)
        if not self._failing:
            self._failing = True
            self.failed.emit(error)
        return False
