"""Start the window: show it first, then open the archive (the heavy imports happen there)."""
from __future__ import annotations

import sys

from core import APP_NAME
from gui.input_method import set_up_input_method


def make_application():
    set_up_input_method()  # fcitx users: before the QApplication reads the environment
    from PySide6.QtWidgets import QApplication
    from gui import pyside_import_hook
    pyside_import_hook.lighten()  # before our modules and SQLAlchemy load
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    _install_qt_translation(app)
    from gui.main_thread_gc import collect_on_gui_thread
    collect_on_gui_thread(app)  # no Qt destructor on the writer or layout thread
    return app


def _install_qt_translation(app) -> None:
    """Qt's own texts (确定/取消, the editor's context menu) in Chinese, whatever the system locale."""
    from PySide6.QtCore import QLibraryInfo, QTranslator
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    from gui.qt_texts import MissingQtTexts
    app.installTranslator(MissingQtTexts(app))


def run_gui(db_path: str | None, quit_when_ready: bool = False, print_start_times: bool = False) -> int:
    app = make_application()
    from PySide6.QtCore import QTimer
    from gui.main_window import MainWindow
    from gui.quick_start import start
    window = MainWindow()
    window.show()
    _show_unexpected_errors(window)
    if print_start_times:  # before start(): "shown" is queued ahead of the opening of the archive
        _print_start_times(app, window)
    QTimer.singleShot(0, _set_up_logging)  # once the window is on screen, before the archive opens
    failed = []
    start(window, db_path, lambda: (failed.append(True), app.quit()))
    # Every event of the application passes through this filter (in Python): it comes once the report
    # shows, so the first frames and the opening of the report do without it.
    QTimer.singleShot(0, lambda: _install_dialog_titles(app))
    if quit_when_ready and not print_start_times:  # queued after start()'s opening of the archive
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    return 1 if failed else code


def _install_dialog_titles(app) -> None:
    from gui import dialog_titles
    dialog_titles.install(app)


def _set_up_logging() -> None:
    from core.logs import setup_logging
    setup_logging()


def _print_start_times(app, window) -> None:
    """For bench/bench_gui.py: print the wall-clock time once the window is shown (the event loop has
    turned once), once the report is editable (the current chapter's editor is on screen with its text
    and takes input), and once everything is usable (the archive open behind the report, the report's
    actions enabled), then quit."""
    import time
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, lambda: print(time.time(), flush=True))
    poll = QTimer(app)
    waiting_for = [_editable, lambda w: w.archive is not None and w.export_action.isEnabled()]

    def check() -> None:
        while waiting_for and waiting_for[0](window):
            waiting_for.pop(0)
            print(time.time(), flush=True)
        if not waiting_for:
            poll.stop()
            app.quit()
    poll.timeout.connect(check)
    poll.start(0)


def _editable(window) -> bool:
    editor = getattr(window.tabs.currentWidget(), "editor", None) if window.tabs is not None else None
    return editor is not None and editor.isVisible() and editor.isEnabled() and not editor.isReadOnly() \
        and editor.document().characterCount() > 1


def _show_unexpected_errors(window) -> None:
    """An exception escaping a slot gets a message box instead of only a line on stderr."""
    from gui.errors import show_error
    previous = sys.excepthook

    def hook(kind, value, traceback):
        previous(kind, value, traceback)
        if isinstance(value, Exception):
            show_error(window, value)
    sys.excepthook = hook
