"""The main window: archive list on the left, the open report's tabs on the right.

It only wires parts together: actions → panels and dialogs, archive → views. Start-up has steps so
the window is on screen at once: the constructor builds the frame (menus, toolbar, a “正在打开档案…”
line); build_views() then imports and builds the views; open_archive() opens the archive (SQLAlchemy,
Alembic) and shows the last report — or, at start, gui/quick_start.py shows the report first and opens
the archive behind it.
"""
from __future__ import annotations

# Only what the first frame needs: PySide builds a class's enums when it is first imported, and
# the Qt namespace alone takes ≈30 ms; the views and their imports come after the window shows.
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from core import APP_NAME
from gui.errors import ask, show_error
from gui.font_set_menu import FontSetMenu
from gui import window_layout
from gui.help_menu import HelpMenu
from gui.settings import Settings
from gui.insert_figure import InsertFigureMenu
from gui.window_actions import ARCHIVE, FONT_MENU, INSERT_FIGURE_MENU, LEVEL_NAMES, REPORT, WindowActions

STYLE = """
QLabel#chapterTitle { font-size: 13pt; font-weight: bold; padding: 2px 2px 6px 2px; }
QLabel#hint { color: #8a5a00; }
QLabel#startTitle { font-size: 20pt; font-weight: bold; }
QLabel#paneCaption { color: #555; padding: 2px; }
QTabBar::tab { padding: 5px 10px; }
"""


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.database = self.tabs = self.reports = self.presence = None
        from gui.archive_session import ArchiveSession
        self.session = ArchiveSession(self)
        self.setStyleSheet(STYLE)
        self.setCentralWidget(QWidget())
        self._build_actions()
        self._build_status_bar()
        self.pane_action.setChecked(window_layout.restore_frame(self, self.settings))
        for action in self.window_actions.needing(ARCHIVE) + self.window_actions.needing(REPORT):
            action.setEnabled(False)  # until open_archive() has the archive and a report is open
        self.setWindowTitle(APP_NAME)
        self.statusBar().showMessage(self.tr("正在打开档案…"))

    # --- construction ----------------------------------------------------------------------

    def build_views(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter
        from gui.archive_panel import ArchivePanel
        from gui.database import Database
        from gui.find_bar import FindBar
        from gui.report_tabs import ReportTabs
        from gui.start_page import StartPage
        self.database = Database(self.session.current, self)  # the one owner of database work
        self.panel = ArchivePanel()
        self.tabs = ReportTabs(self.database)
        self.tabs.set_level_actions(self.level_actions + [self.insert_figure_menu.menuAction()])
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(window_layout.column(self.tabs, self.find_bar))
        self.splitter.setStretchFactor(1, 1)
        self.start_page = StartPage()
        self.stack = window_layout.stacked(self.start_page, self.splitter)
        self.setCentralWidget(self.stack)
        self.window_actions.apply_shortcuts()
        window_layout.restore_splitters(self.settings, self.splitter, self.tabs, self.pane_action.isChecked())
        self.statusBar().clearMessage()
        self._wire()
        from gui.preview_dock import install_preview  # 版面预览, 打印, 打印预览 (issue 11)
        install_preview(self)

    def _wire(self) -> None:
        """The open report's controller, the archive's care, and the signals between the parts."""
        from PySide6.QtGui import QGuiApplication
        from gui.archive_care import ArchiveCare
        from gui.report_controller import ReportController
        self.reports = ReportController(self, self.database, self.settings, self.tabs, self.panel,
                                        self.window_actions)
        self.reports.report_shown.connect(
            lambda shown: self.stack.setCurrentWidget(self.splitter if shown else self.start_page))
        self.reports.title_changed.connect(
            lambda title: self.setWindowTitle(f"{title} — {APP_NAME}" if title else APP_NAME))
        self.reports.message.connect(self.statusBar().showMessage)
        self.start_page.new_requested.connect(self.reports.new_report_for_year)
        self.start_page.import_requested.connect(self.reports.import_report)
        self.tabs.counts_changed.connect(self._show_counts)
        self.find_bar.find_requested.connect(lambda text, back: self.find_bar.show_result(self.tabs.find(text, back)))
        edits = self.database.edits
        edits.status_changed.connect(self.save_label.setText)
        self.care = ArchiveCare(self, self.session, self.database, self.settings)
        self.care.reload_requested.connect(self.reports.reload)
        self.care.closing.connect(self.tabs.clear_report)
        self.care.reopen_requested.connect(self.open_archive)
        self.care.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        edits.failed.connect(self.care.on_save_failed)
        edits.conflicted.connect(self.care.on_conflict)
        # Logging off or shutting down (the session manager asks first) and quitting write at once.
        app = QGuiApplication.instance()
        app.commitDataRequest.connect(lambda *_args: self.database.write_everything())
        app.aboutToQuit.connect(self.database.write_everything)

    def _build_actions(self) -> None:
        """The actions of gui/window_actions.py's table; each is also `self.<name>_action`."""
        self.window_actions = WindowActions(self)
        for name, action in self.window_actions.actions.items():
            setattr(self, f"{name}_action", action)
        self.level_actions = [self.window_actions.actions[name] for name in LEVEL_NAMES]
        self.pane_action.toggled.connect(lambda visible: self.tabs and self.tabs.set_pane_visible(visible))
        self.font_set_menu = FontSetMenu(self.settings, self)
        self.insert_figure_menu = InsertFigureMenu(lambda: self.tabs.figures() if self.tabs else [],
                                                   lambda: self.tabs.current_editor() if self.tabs else None, self)
        self.window_actions.fill_menus_and_toolbar(self, {FONT_MENU: self.font_set_menu,
                                                          INSERT_FIGURE_MENU: self.insert_figure_menu})
        self.menuBar().addMenu(HelpMenu(lambda: self.archive and self.archive.path, self))

    def _build_status_bar(self) -> None:
        self.save_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _show_counts(self, chapter: int, report: int) -> None:
        self.count_label.setText(self.tr("本部分 {0} 字 · 全文 {1} 字").format(chapter, report))

    # --- the archive ------------------------------------------------------------------------

    def open_archive(self, db_path: str | None, read_only: bool = False, new_over_backups: bool = False) -> bool:
        """Open (create, migrate) the archive; False after telling the user why it cannot be used."""
        if self.tabs is None:
            self.build_views()
        try:
            archive = self.session.open(db_path, read_only, new_over_backups)
        except Exception as err:  # noqa: BLE001 — shown to the user, then the app exits
            show_error(self, err, self.tr("无法打开档案"), wait=True)
            return False
        self.use_archive(archive)
        self.reports.show_archive()  # first: the report's load must not queue behind the day's backup
        self.back_up_when_due()
        return True

    def use_archive(self, archive) -> None:
        """The archive is open: what it allows (everything, or only reading) and what waits for it."""
        read_only = archive.read_only  # also a server login that may only read (core.archive.server)
        for action in self.window_actions.needing(ARCHIVE):
            action.setEnabled(not read_only)
        self.tabs.set_read_only(read_only)
        if read_only:
            self.save_label.setText(self.tr("只读：当前账号只有读取权限") if archive.path is None
                                    else self.tr("只读：另一个窗口正在编辑此档案"))
        elif archive.path is not None:  # a server URL is not remembered: it may carry a password
            self.settings.last_archive = str(archive.path)
        if self.presence is None:  # core.archive.presence: SQLAlchemy's, loaded by now
            from gui.presence_watch import PresenceWatch  # who else is on a server archive (issue 17.2)
            self.presence = PresenceWatch(self)

    def back_up_when_due(self) -> None:
        if not self.archive.read_only and self.archive.path is not None:
            self.database.run_later(lambda stored: stored.backup_if_due())  # the day's first backup

    archive = property(lambda self: self.session.archive)

    # The open report's handlers live in gui/report_controller.py; these names stay for callers.
    check_panel = property(lambda self: self.reports and self.reports.check_panel)
    report_id = property(lambda self: self.reports.report_id if self.reports else lambda: None)
    open_report = property(lambda self: self.reports.open_report)
    import_from = property(lambda self: self.reports.import_from)
    show_versions = property(lambda self: self.reports.show_versions)
    save_archive_to = property(lambda self: self.care.save_archive_to)
    restore_backup = property(lambda self: self.care.restore_backup)

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self.database is not None and not self.database.write_everything():
            question = self.tr("有内容未能保存到数据库（原因见刚才的提示）。现在退出会丢失这些修改。\n\n仍要退出吗？")
            if not ask(self, self.tr("退出"), question, self.tr("仍然退出"), self.tr("不退出")):
                event.ignore()
                return
        window_layout.save_layout(self, self.settings, self.pane_action.isChecked(),
                                  self.splitter if self.tabs is not None else None, self.tabs)
        self.settings.last_report_id = self.report_id() or 0
        self.settings.sync()
        if self.database is not None:
            self.database.close()
        self.session.backup_on_close()
        self.session.close()
        event.accept()
