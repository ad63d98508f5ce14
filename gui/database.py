"""The one owner of database work in the window (in the spirit of Anki's CollectionOp and Picard's
run_task/to_main): panels hand it what they want done to the archive; it runs that on its one writer
thread, in order, after the text typed so far, and hands the result or the error back on the GUI thread.

Ordering is its business alone. The autosave's writes (gui/autosave.py: what was typed, copied out of
the editors on the GUI thread) go through the same queue, so an operation queued after a keystroke
always finds that keystroke in the database. When typed text could not be written, the operations
queued behind it do not run: the text stays pending (retried) and the user is told.

Work is a function of the archive: `run(lambda archive: archive.apply_fixes(report_id))`. The archive
it receives is the session's current one (gui/archive_session.py), also after 另存档案 or a restore.
Reading what is stored may happen on the GUI thread through `archive` (SQLite/PostgreSQL let readers
run beside the writer); writing never does — tests/gui/test_database_owner.py enforces it.

What a menu item or a button starts is a user operation with a name (`@user_operation("导出")`): one at a
time, so a double click or a second press of its shortcut while the first is still queued, running or
being shown is dropped with a status line instead of exporting, deleting or creating twice. Everything it
queues counts, also from its done callbacks (the merge after the preview). While its work runs longer
than a moment the status bar says 「正在导出…」 and the cursor shows that the program is working.
"""
from __future__ import annotations

import functools
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from core.errors import AppError, EditConflict
from gui.autosave import Autosaver
from gui.errors import show_error

Work = Callable[[Any], Any]  # work(archive) → result, on the writer thread
FEEDBACK_DELAY_MS = 300  # quicker work shows nothing: no flicker of the cursor and the status bar
DROPPED_MESSAGE_MS = 4000


class EditsNotSaved(AppError):
    """The typed text before an operation could not be written; the operation did not run. Why is told
    once per failure streak by the autosave's own message (gui/archive_care.py), not repeated here."""

    def __init__(self, reason: BaseException | None = None):
        super().__init__("这项操作没有执行：刚输入的内容还没能保存到数据库（原因见“未能保存”的提示）。"
                         "您输入的内容仍在编辑器中，会自动重试保存。\n\n状态栏显示“已保存”后，请再试一次。")
        self.reason = reason


class Database(QObject):
    _finished = Signal(object)  # (future, done, failed) from the writer thread, queued to the GUI thread

    def __init__(self, archive, window: QWidget | None = None):
        """`archive`: the session's CurrentArchive (or an Archive); `window` parents the messages."""
        super().__init__(window)
        self.archive = archive  # for reading what is stored; writes go through run()/wait_for()
        self._window = window
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database")
        self._aside: ThreadPoolExecutor | None = None  # run_aside(): reading files, beside the writer
        self.edits = Autosaver(self._writer, archive, self)  # the typed text: schedule, write_soon, discard
        # Queued even when the work finished before run() returned (the future is then done when its
        # callback is added, which emits on the GUI thread): done() always comes from the event loop,
        # never from inside the run() that queued it.
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._running = 0  # operations queued whose outcome is not yet handed back
        self._closed = False
        self._operation: str | None = None  # the user operation whose code runs now: its run()s are its
        self._under_way: Counter[str] = Counter()  # per user operation: its code running, its runs not handed back
        self._working: Counter[str] = Counter()  # per user operation: its runs queued or running on the writer
        self._feedback = QTimer(self)  # 「正在…」 and the busy cursor once work has run for a moment
        self._feedback.setSingleShot(True)
        self._feedback.setInterval(FEEDBACK_DELAY_MS)
        self._feedback.timeout.connect(self._show_working)
        self._shown = ""  # the status line this owner put up, taken down when the work is done
        self._busy_cursor = False

    @property
    def busy(self) -> bool:
        """Operations are queued or running, or their outcome is not yet handed back."""
        return self._running > 0

    # --- user operations ----------------------------------------------------------------------

    def operation(self, name: str, start: Callable[[], Any]):
        """start() — unless the user operation `name` is still under way (its code, or work it queued
        whose outcome is not yet handed back): then a duplicate is dropped and the status bar says so."""
        if self._under_way[name]:
            self._say(self.tr("正在{0}，请稍候…").format(self.tr(name)), DROPPED_MESSAGE_MS)
            return None
        with self._as(name):
            return start()

    @contextmanager
    def _as(self, name: str | None):
        """Code of the user operation `name` (None: of none) runs: what it queues is the operation's."""
        previous, self._operation = self._operation, name
        if name:
            self._under_way[name] += 1
        try:
            yield
        finally:
            self._operation = previous
            if name:
                self._under_way[name] -= 1

    def _show_working(self) -> None:
        working = [name for name, count in self._working.items() if count]
        if not working:
            return
        if not self._busy_cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # the pointer still works
            self._busy_cursor = True
        self._say(self.tr("正在{0}…").format(self.tr(working[0])))

    def _work_done(self, name: str) -> None:
        self._working[name] -= 1
        if any(self._working.values()):
            return
        self._feedback.stop()
        self._end_feedback()

    def _end_feedback(self) -> None:
        if self._busy_cursor:
            QApplication.restoreOverrideCursor()
            self._busy_cursor = False
        self._take_down_message()

    @contextmanager
    def blocking(self, name: str):
        """A step that holds the GUI thread (reading a file to import, waiting behind queued work):
        「正在…」 and the wait cursor at once, so the window does not look frozen."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._say(self.tr("正在{0}…").format(self.tr(name)))
        bar = self._status_bar()
        if bar is not None:
            bar.repaint()  # the event loop does not run until the step is over
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self._take_down_message()
            if self._busy_cursor:  # user operations still working: say so again
                self._show_working()

    def _take_down_message(self) -> None:
        bar = self._status_bar()
        if bar is not None and self._shown and bar.currentMessage() == self._shown:
            bar.clearMessage()
        self._shown = ""

    def _say(self, text: str, timeout_ms: int = 0) -> None:
        bar = self._status_bar()
        if bar is not None:
            bar.showMessage(text, timeout_ms)
            self._shown = text

    def _status_bar(self):
        return self._window.statusBar() if isinstance(self._window, QMainWindow) else None

    # --- operations ---------------------------------------------------------------------------

    def run(self, work: Work, done: Callable[[Any], None] | None = None,
            failed: Callable[[Exception], None] | None = None) -> None:
        """Run work(archive) on the writer thread after the pending edits; then done(result) on the GUI
        thread. An error goes to failed(error), or by default to the user as a Chinese message."""
        edits = self.edits.start_writes()

        def job():
            error = next((e for e in map(_write_error, edits) if e is not None), None)
            if error is not None:
                raise EditsNotSaved(error)
            return work(self.archive)
        self._submit(self._writer, job, done, failed)

    def run_aside(self, work: Callable[[], Any], done: Callable[[Any], None],
                  failed: Callable[[Exception], None] | None = None) -> None:
        """Run work() — reading a file to import, not the archive — on a thread of its own, so that the
        window stays responsive (a .doc goes through LibreOffice: seconds) and typed text is still written
        meanwhile; then done(result) on the GUI thread, as run() does. Part of the user operation that
        asked (one at a time), which says 「正在…」 at once: such work is known to take a while."""
        if self._aside is None:
            self._aside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="files")
        self._submit(self._aside, work, done, failed)
        if self._operation:
            self._feedback.stop()
            self._show_working()

    def _submit(self, executor: ThreadPoolExecutor, job: Callable[[], Any], done, failed) -> None:
        name = self._operation
        future = executor.submit(job)
        self._running += 1  # counted down on the GUI thread, when the outcome is handed back
        if name:
            self._under_way[name] += 1
            self._working[name] += 1
            if not self._feedback.isActive() and not self._busy_cursor:
                self._feedback.start()
        future.add_done_callback(lambda f: self._finished.emit((f, done, failed, name)))

    def run_later(self, work: Work) -> None:
        """Run work(archive) after what is queued (a backup, leaving a server); a failure is not shown."""
        self._writer.submit(work, self.archive)

    def wait_for(self, work: Work, even_if_unsaved: bool = False):
        """Run work(archive) after everything queued and wait for its result (or raise its error).

        The one blocking call, for the few flows that cannot go on without the answer: showing a report
        in the tabs, a dialog built on the stored report (versions, replace, year update, the export's
        confirmation), swapping the archive file. Raises EditsNotSaved when the typed text could not be
        written (it stays pending) — unless `even_if_unsaved`: then work runs behind what is queued and
        the pending text stays pending (另存档案 after the file vanished: the text goes to the new one)."""
        with self._saying_why_it_waits():
            if not even_if_unsaved and not self.edits.write_and_wait():
                raise EditsNotSaved(self.edits.last_error)
            return self._writer.submit(work, self.archive).result()

    def write_everything(self) -> bool:
        """Write what is pending and wait for everything queued (立即保存, closing, logging off);
        False when typed text could not be written (the failure was shown)."""
        if self._closed:  # the window closed: everything was written then
            return not self.edits.has_pending()
        with self._saying_why_it_waits():
            written = self.edits.write_and_wait()
            self._writer.submit(lambda: None).result()
        return written

    @contextmanager
    def _saying_why_it_waits(self):
        """A wait on the writer behind operations (an export, an import): 「正在等待前面的操作完成…」 and the
        wait cursor for all of it, the typed text's writes too; behind nothing, the wait is short: silent."""
        if not self.busy:
            yield
            return
        with self.blocking("等待前面的操作完成"):
            yield

    def close(self) -> None:
        """After the last write (the window closes): wait for what is queued, then stop the writer."""
        self._closed = True
        if self._aside is not None:  # a file being read for an import that can no longer be shown
            self._aside.shutdown(wait=False, cancel_futures=True)
        self._writer.shutdown(wait=True)
        self._feedback.stop()
        self._end_feedback()

    def _on_finished(self, outcome) -> None:
        future, done, failed, name = outcome
        self._running -= 1
        if name:
            self._work_done(name)
        if self._closed:  # the window closed meanwhile (after waiting for this work): nobody to tell
            return
        try:
            with self._as(name):  # what done() queues belongs to the same user operation
                self._hand_back(future, done, failed)
        finally:
            if name:
                self._under_way[name] -= 1

    def _hand_back(self, future: Future, done, failed) -> None:
        error = future.exception()
        try:
            if error is None:
                if done is not None:
                    done(future.result())
                return
            if failed is not None:
                failed(error)
                return
        except Exception as err:  # noqa: BLE001 — e.g. showing the result needed unsaved text; said below
            if isinstance(err, RuntimeError) and "already deleted" in str(err):
                return  # the dialog that asked was closed meanwhile: nobody to show the result to
            error = err
        show_error(self._window, error)


def user_operation(name: str):
    """Decorate what a menu item or a button starts — a method of anything with a `database`, or a
    function of the window: one at a time (Database.operation); `name` completes 「正在…」."""
    def decorate(function):
        @functools.wraps(function)
        def start(owner, *args, **kwargs):
            return owner.database.operation(name, lambda: function(owner, *args, **kwargs))
        return start
    return decorate


def _write_error(future: Future):
    """The error of an autosave write that ran before (None when it worked or was kept as a version)."""
    error = future.result()[2]
    return None if isinstance(error, EditConflict) else error
