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
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from core.errors import AppError, EditConflict
from gui.autosave import Autosaver
from gui.errors import show_error

Work = Callable[[Any], Any]  # work(archive) → result, on the writer thread


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
        self.edits = Autosaver(self._writer, archive, self)  # the typed text: schedule, write_soon, discard
        self._finished.connect(self._on_finished)
        self._running = 0  # operations queued whose outcome is not yet handed back
        self._closed = False

    @property
    def busy(self) -> bool:
        """Operations are queued or running, or their outcome is not yet handed back."""
        return self._running > 0

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
        self._running += 1
        future = self._writer.submit(job)
        future.add_done_callback(lambda f: self._finished.emit((f, done, failed)))

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
        if not even_if_unsaved and not self.edits.write_and_wait():
            raise EditsNotSaved(self.edits.last_error)
        return self._writer.submit(work, self.archive).result()

    def write_everything(self) -> bool:
        """Write what is pending and wait for everything queued (立即保存, closing, logging off);
        False when typed text could not be written (the failure was shown)."""
        if self._closed:  # the window closed: everything was written then
            return not self.edits.has_pending()
        written = self.edits.write_and_wait()
        self._writer.submit(lambda: None).result()
        return written

    def close(self) -> None:
        """After the last write (the window closes): wait for what is queued, then stop the writer."""
        self._closed = True
        self._writer.shutdown(wait=True)

    def _on_finished(self, outcome) -> None:
        future, done, failed = outcome
        self._running -= 1
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


def _write_error(future: Future):
    """The error of an autosave write that ran before (None when it worked or was kept as a version)."""
    error = future.result()[2]
    return None if isinstance(error, EditConflict) else error
