"""The window's start: the last report on screen and editable before SQLAlchemy has loaded (issue 18.1).

Once the window is shown, the archive to open is planned (gui/archive_opener.py: missing, held by
another window, on a server). For a local archive opened for writing, the report is then read with the
standard library (core.archive.first_read) and shown at once, and the archive itself — importing
SQLAlchemy, checking the file's integrity, opening the engine — opens on the writer thread behind it,
as the first of the Database's work: what the clerk types queues behind the opening, exactly as it
queues behind any write. Until the archive is open, the menus that need it stay disabled and the 数据 tab
waits. Whenever the first read cannot be sure (a migration is due, no report yet, a read fails), or the
archive is a server's or only looked at, the archive opens the usual way first (MainWindow.open_archive).

Rule: until then, the GUI thread does not import what imports SQLAlchemy (core.archive.facade, .presence,
…): the writer thread may be importing it. A read through database.archive waits for the opening.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from core.locations import is_server_url
from gui.errors import show_error


def start(window, db_path: str | None, on_failure) -> None:
    """Open the archive once the window is on screen; on_failure() runs when it cannot be opened."""
    def open_now():
        from gui.archive_opener import plan_opening, warn_if_on_network
        plan = plan_opening(window, db_path, window.settings.last_archive)
        if plan is None:  # the clerk chose to quit (or to switch to the window that has it open)
            window.close()
            return
        if not show_first_read(window, plan, on_failure) and \
                not window.open_archive(str(plan.path), plan.read_only, plan.new_over_backups):
            on_failure()
            return
        warn_if_on_network(window, plan.path)
    QTimer.singleShot(0, open_now)


def show_first_read(window, plan, on_failure) -> bool:
    """Show the report read first and open the archive behind it; False: nothing was shown or held."""
    if plan.read_only or plan.new_over_backups or is_server_url(plan.path):
        return False
    path = Path(plan.path)
    if window.tabs is None:
        window.build_views()
    first = window.session.read_first(path, window.settings.last_report_id)
    if first is None:
        return False
    window.reports.show_first_read(first)

    def opened(archive) -> None:
        window.use_archive(archive)
        window.reports.archive_opened()
        window.back_up_when_due()

    def failed(error: Exception) -> None:  # e.g. a damaged file, found by the integrity check
        window.session.close()
        show_error(window, error, QCoreApplication.translate("quick_start", "无法打开档案"), wait=True)
        on_failure()
    # A user operation: should the opening take a while (a big archive's integrity check on a slow
    # disk), the status bar says 「正在打开档案…」 and the pointer shows it, as for any long operation.
    window.database.operation("打开档案", lambda: window.database.run(
        lambda _archive: window.session.open_held(path), opened, failed))
    return True
