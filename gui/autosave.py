"""Autosave: pending writes keyed by what they save, written 0.6 s after the last change — but never
later than 1.5 s after the first unsaved one, however steadily the user types — or on demand.

Saving a 30,000-character chapter takes ≈25 ms (the full-text index is rebuilt for it; see
bench/bench_gui.py), longer than a keystroke may wait. So each write happens in two steps: on the GUI
thread `prepare()` copies the text out of the editor (≈1 ms) and returns a `write(archive)` that
touches only that copy; `write()` runs on the one writer thread of gui/database.py's Database, which
owns this autosaver and queues every other archive operation behind the writes started here.

A failed write stays pending and is retried; the user sees one message per failure streak.
"""
from __future__ import annotations

from concurrent.futures import Executor, Future, wait
from datetime import datetime
from typing import Callable, Hashable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from core.errors import EditConflict

DELAY_MS = 600  # a pause in typing writes soon
MAX_WAIT_MS = 1500  # steady typing writes too: in the database within 2 s of any keystroke
RETRY_MS = 5000

Write = Callable[[object], None]  # write(archive), on the writer thread
Prepare = Callable[[], Write]


class Autosaver(QObject):
    status_changed = Signal(str)
    failed = Signal(object)  # the exception of the first failure in a streak
    saved = Signal(object)  # the key of each successful write
    conflicted = Signal(object)  # an EditConflict: the text was kept as a version, not retried
    _finished = Signal(object)  # a Future, from the writer thread, queued to the GUI thread

    def __init__(self, writer: Executor, archive, parent: QObject | None = None):
        """`writer`: the Database's one writer thread; `archive`: what each write(archive) gets."""
        super().__init__(parent)
        self._writer, self._archive = writer, archive
        self._pending: dict[Hashable, Prepare] = {}
        self._in_flight: list[Future] = []
        self._failing = False
        self.last_error = None  # the latest failure, shown once per streak
        self._timer = QTimer(self)  # restarted by every change (debounce), or the retry after a failure
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.start_writes())
        self._deadline = QTimer(self)  # started by the first unsaved change, not restarted by the next
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self.start_writes())
        # Queued even when a write finished before start_writes() added its callback: the outcome (and
        # `saved`, which may queue more work) never runs inside the start_writes() that queued it.
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def schedule(self, key: Hashable, prepare: Prepare) -> None:
        """Save later; a newer schedule for the same key replaces the older one."""
        self._pending[key] = prepare
        if not self._failing:
            self.status_changed.emit(self.tr("正在保存…"))
            self._timer.start(DELAY_MS)
            if not self._deadline.isActive():
                self._deadline.start(MAX_WAIT_MS)

    def write_soon(self) -> None:
        """Start writing what is pending now, without waiting for it (focus lost, tab switched)."""
        if self._pending:
            self.start_writes()

    def waiting(self) -> bool:
        """Changes waiting for the timer (not yet handed to the writer)."""
        return bool(self._pending)

    def has_pending(self) -> bool:
        """Changes not yet confirmed written: scheduled, being written, or written but not yet reported."""
        return bool(self._pending) or any(not _handled(f) for f in self._in_flight)

    def discard(self, key: Hashable) -> None:
        self._pending.pop(key, None)

    def write_and_wait(self) -> bool:
        """Write everything now and wait for it (only the Database calls this: it owns the ordering);
        False (still pending) when a write failed."""
        self._timer.stop()
        self._deadline.stop()
        if not self.has_pending():
            return True
        self._wait_in_flight()  # writes already running first: a failed one is pending again, retried now
        self.start_writes()
        errors = self._wait_in_flight()
        return self._report(next((e for e in errors if e is not None), None))

    def _wait_in_flight(self) -> list:
        """Wait for the writes started so far and settle them here, not later through the queued signal,
        so that the caller sees their outcome now."""
        futures, self._in_flight = self._in_flight, []
        wait(futures)
        return [self._settle_future(f) for f in futures if not _handled(f)]

    # --- the writer ----------------------------------------------------------------------------

    def start_writes(self) -> list[Future]:
        """Queue every pending write now; the writes not yet settled (these and earlier ones)."""
        self._deadline.stop()
        futures = []
        for key, prepare in list(self._pending.items()):
            del self._pending[key]
            try:
                write = prepare()
            except Exception as err:  # noqa: BLE001 — e.g. the editor is gone; reported like a failed write
                self._report(err)
                continue
            future = self._writer.submit(self._run, key, write)
            future.add_done_callback(self._emit_finished)
            futures.append(future)
        self._in_flight = [f for f in self._in_flight if not _handled(f)] + futures
        return list(self._in_flight)

    def _run(self, key, write: Write):
        try:
            write(self._archive)
        except Exception as err:  # noqa: BLE001 — handed back to the GUI thread
            return key, write, err
        return key, write, None

    def _emit_finished(self, future: Future) -> None:
        self._finished.emit(future)

    def _on_finished(self, future: Future) -> None:
        if _handled(future):
            return  # write_and_wait() already settled it
        error = self._settle_future(future)
        if error is not None or not self.has_pending():
            self._report(error)

    def _settle_future(self, future: Future):
        future.handled = True
        return self._settle(*future.result())

    def _settle(self, key, write: Write, error):
        """Record one finished write; a failed one becomes pending again unless newer text is.
        A conflict is not a failure to retry: the archive kept the text as a version."""
        if error is None:
            self.saved.emit(key)
        elif isinstance(error, EditConflict):
            self.conflicted.emit(error)
            return None
        elif key not in self._pending:
            self._pending[key] = lambda: write
        return error

    def _report(self, error) -> bool:
        if error is None:
            if not self._pending:
                self._failing = False
                self.status_changed.emit(self.tr("已保存 {0}").format(datetime.now().strftime("%H:%M:%S")))
            return not self._pending
        self.last_error = error
        self.status_changed.emit(self.tr("未能保存，稍后自动重试"))
        self._timer.start(RETRY_MS)
        if not self._failing:
            self._failing = True
            self.failed.emit(error)
        return False


def _handled(future: Future) -> bool:
    return getattr(future, "handled", False)
