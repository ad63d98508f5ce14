"""The main window: archive list on the left, the open report's tabs on the right.

It only wires parts together: actions → panels and dialogs, archive → views. Start-up has two steps
so the window is on screen at once: the constructor builds the frame (menus, toolbar, a “正在打开档案…”
line); open_archive() then imports and builds the views and opens the archive (SQLAlchemy, Alembic).
"""
from __future__ import annotations

from pathlib import Path

# Only what the first frame needs: PySide builds a class's enums when it is first imported, and
# the Qt namespace alone takes ≈30 ms; the views and their imports come after the window shows.
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from core import APP_NAME
from core.errors import AppError
from gui.errors import ask, guarded, show_error
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
        self.archive = None
        self.check_panel = None
        self._export_flow = None
        self.autosaver = self.tabs = None
        from gui.archive_session import ArchiveSession
        self.session = ArchiveSession(self)
        self.setStyleSheet(STYLE)
        self.setCentralWidget(QWidget())
        self._build_actions()
        self._build_status_bar()
        self.pane_action.setChecked(window_layout.restore_frame(self, self.settings))
        self._set_report_actions_enabled(False)
        for action in self.actions_needing_archive():
            action.setEnabled(False)  # until open_archive() has the archive
        self.setWindowTitle(APP_NAME)
        self.statusBar().showMessage(self.tr("正在打开档案…"))

    # --- construction ----------------------------------------------------------------------

    def _build_views(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget
        from gui.archive_panel import ArchivePanel
        from gui.autosave import Autosaver
        from gui.find_bar import FindBar
        from gui.report_tabs import ReportTabs
        from gui.start_page import StartPage
        self.autosaver = Autosaver(self)
        self.panel = ArchivePanel()
        self.panel.report_selected.connect(self.open_report)
        self.panel.undelete_requested.connect(self.undelete_report)
        self.panel.purge_requested.connect(self.purge_report)
        self.panel.report_action.connect(self._on_report_menu)
        self.tabs = ReportTabs(self.autosaver)
        self.tabs.meta_edited.connect(self._update_title)
        self.tabs.meta_saved.connect(self.refresh_panel)
        self.tabs.counts_changed.connect(self._show_counts)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self._find)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(window_layout.column(self.tabs, self.find_bar))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1060])
        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.new_report_for_year)
        self.start_page.import_requested.connect(self.import_report)
        self.stack = QStackedWidget()
        for widget in (self.start_page, self.splitter):
            self.stack.addWidget(widget)
        self.setCentralWidget(self.stack)
        self.tabs.set_level_actions(self.level_actions + [self.insert_figure_menu.menuAction()])
        self.window_actions.apply_shortcuts()
        window_layout.restore_splitters(self.settings, self.splitter, self.tabs, self.pane_action.isChecked())
        self.statusBar().clearMessage()
        self.autosaver.status_changed.connect(lambda text: self.save_label.setText(text))
        from gui.archive_care import ArchiveCare
        self.care = ArchiveCare(self, self.session, self.autosaver, self.settings)
        self.care.reload_requested.connect(self._after_outside_change)
        self.care.archive_replaced.connect(self._use_archive)
        self.care.closing.connect(self.tabs.clear_report)
        self.care.reopen_requested.connect(self.open_archive)
        self.care.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.autosaver.failed.connect(self.care.on_save_failed)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.conflicted.connect(self.care.on_conflict)
        # Logging off or shutting down (the session manager asks first) and quitting write at once.
        from PySide6.QtGui import QGuiApplication
        app = QGuiApplication.instance()
        app.commitDataRequest.connect(self._write_everything)
        app.aboutToQuit.connect(self._write_everything)
        from gui.preview_dock import install_preview  # 版面预览, 打印, 打印预览 (issue 11)
        install_preview(self)
        from gui.presence_watch import PresenceWatch  # who else is on a server archive (issue 17.2)
        self.presence = PresenceWatch(self)

    def _build_actions(self) -> None:
        """The actions of gui/window_actions.py's table; each is also `self.<name>_action`."""
        self.window_actions = WindowActions(self)
        for name, action in self.window_actions.actions.items():
            setattr(self, f"{name}_action", action)
        self.level_actions = [self.window_actions.actions[name] for name in LEVEL_NAMES]
        self.pane_action.toggled.connect(lambda visible: self.tabs and self.tabs.set_pane_visible(visible))
        self.font_set_menu = FontSetMenu(self.settings, self)
        self.insert_figure_menu = InsertFigureMenu(lambda: self.tabs.figures_tab.figures() if self.tabs else [],
                                                   lambda: self.tabs.current_editor() if self.tabs else None, self)
        self.window_actions.fill_menus_and_toolbar(self, {FONT_MENU: self.font_set_menu,
                                                          INSERT_FIGURE_MENU: self.insert_figure_menu})
        self.menuBar().addMenu(HelpMenu(lambda: self.archive and self.archive.path, self))

    def actions_needing_archive(self) -> list[QAction]:
        return self.window_actions.needing(ARCHIVE)

    def actions_needing_report(self) -> list[QAction]:
        return self.window_actions.needing(REPORT)

    def _build_status_bar(self) -> None:
        self.save_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.count_label)

    # --- archive and reports ------------------------------------------------------------------

    def open_archive(self, db_path: str | None, read_only: bool = False, new_over_backups: bool = False) -> bool:
        """Open (create, migrate) the archive; False after telling the user why it cannot be used."""
        if self.tabs is None:
            self._build_views()
        try:
            self.archive = self.session.open(db_path, read_only, new_over_backups)
        except Exception as err:  # noqa: BLE001 — shown to the user, then the app exits
            show_error(self, err, self.tr("无法打开档案"), wait=True)
            return False
        self.tabs.archive = self.archive
        read_only = self.archive.read_only  # also a server login that may only read (core.archive.server)
        for action in self.actions_needing_archive():
            action.setEnabled(not read_only)
        self.tabs.set_read_only(read_only)
        if read_only:
            self.save_label.setText(self.tr("只读：当前账号只有读取权限") if self.archive.path is None
                                    else self.tr("只读：另一个窗口正在编辑此档案"))
        elif self.archive.path is not None:  # a server URL is not remembered: it may carry a password
            self.settings.last_archive = str(self.archive.path)
            self.autosaver.run_later(self.archive.backup_if_due)  # the day's first backup, off the start
        reports = self.refresh_panel()
        if not reports:
            self.stack.setCurrentWidget(self.start_page)
            return True
        live_ids = [r.id for r in reports]
        last = self.settings.last_report_id
        self.open_report(last if last in live_ids else live_ids[0])
        return True

    def refresh_panel(self):
        reports = self.archive.list_reports()
        self.panel.set_reports(reports, self.archive.list_reports(deleted=True))
        return reports

    def report_id(self) -> int | None:
        return self.tabs.report.id if self.tabs is not None and self.tabs.report else None

    @guarded
    def open_report(self, report_id: int) -> None:
        if not self.autosaver.flush():  # the failure was shown; keep the typed text on screen
            self.panel.mark_current(self.report_id())
            return
        self.tabs.load(report_id)
        self.stack.setCurrentWidget(self.splitter)
        self.panel.mark_current(report_id)
        self._set_report_actions_enabled(True)
        self._update_title()
        if self.check_panel is not None:
            self.check_panel.set_report(report_id)
        self.tabs.show_first_chapter()

    def _on_report_menu(self, what: str, report_id: int) -> None:
        """The archive list's context menu: open the report, then act on it as the menus would."""
        if report_id != self.report_id():
            self.open_report(report_id)
        if report_id == self.report_id():
            {"next_year": lambda: self.new_report(self.tabs.report.year), "export": self.export_report,
             "delete": self.delete_report}.get(what, lambda: None)()

    def _show_no_report(self) -> None:
        self.tabs.clear_report()
        self._set_report_actions_enabled(False)
        self._update_title()
        reports = self.refresh_panel()
        if reports:
            self.open_report(reports[0].id)
        else:
            self.stack.setCurrentWidget(self.start_page)

    def _set_report_actions_enabled(self, enabled: bool) -> None:
        looking_only = [self.find_action, self.versions_action, self.check_action]  # what read-only allows
        for action in self.actions_needing_report():
            allowed = not self.session.read_only or action in looking_only
            action.setEnabled(enabled and allowed and not action.property("missing"))

    def _update_title(self) -> None:
        report = self.tabs.report
        if report is None:
            self.setWindowTitle(APP_NAME)
            return
        fields = self.tabs.form.fields()
        title = fields["title"] or self.tr("{0}年度报告").format(fields["year"])
        self.setWindowTitle(f"{title} — {APP_NAME}")

    def save_archive_to(self, target: Path) -> None:
        self.care.save_archive_to(target)

    def _use_archive(self, archive) -> None:
        self.archive = archive
        for holder in (self.tabs, self.check_panel, self._export_flow):
            if holder is not None:
                holder.archive = archive

    def _after_outside_change(self) -> None:
        self.tabs.reload()
        self.refresh_panel()
        self._update_title()

    def _write_everything(self, *_args) -> None:
        if self.autosaver is not None:
            self.autosaver.flush()

    def _on_saved(self, _key) -> None:
        if self.check_panel is not None and self.check_panel.isVisible():
            self.check_panel.refresh()

    # --- actions -----------------------------------------------------------------------------

    @guarded
    def new_report(self, basis_year: int | None = None) -> None:
        from gui.new_report_dialog import NewReportDialog
        from gui.start_page import default_report_year
        if not self.autosaver.flush():
            return
        organs_by_year: dict[int, list[str]] = {}
        for summary in sorted(self.archive.list_reports(), key=lambda r: r.year, reverse=True):
            organs_by_year.setdefault(summary.year, list(summary.organs))
        year = default_report_year() if basis_year is None else basis_year + 1
        dialog = NewReportDialog(year, organs_by_year, self, basis_year)
        if dialog.exec():
            self._create_report(**dialog.choice())

    @guarded
    def new_report_for_year(self, year: int) -> None:
        self._create_report(year=year, organs=[], from_year=None, copy_text=False)

    def _create_report(self, year: int, organs, from_year, copy_text) -> None:
        if any(r.year == year for r in self.archive.list_reports()):
            question = self.tr("档案中已有{0}年度的报告。仍要再新建一份吗？").format(year)
            if not ask(self, self.tr("新建报告"), question, self.tr("新建")):
                return
        report_id = self.archive.new_report(year, organs=organs, from_year=from_year, copy_text=copy_text)
        self.refresh_panel()
        self.open_report(report_id)
        if copy_text:
            self.show_year_update(from_year)

    def _report_access(self):
        from gui.replace_dialog import ReportAccess
        return ReportAccess(self.archive, self.report_id(), self.autosaver.flush, self._after_restore)

    @guarded
    def show_replace(self) -> None:
        from gui.replace_dialog import ReplaceDialog
        ReplaceDialog.open(self._report_access(), self.tabs, self)

    @guarded
    def show_year_update(self, from_year: int | None = None) -> None:
        from gui.year_update_dialog import YearUpdateDialog
        year = self.tabs.report.year
        YearUpdateDialog.run(self._report_access(), from_year or year - 1, year, from_year is not None, self)

    @guarded
    def import_report(self) -> None:
        self._import(lambda flow: flow.choose_and_import())

    @guarded
    def import_from(self, path) -> None:
        """Import a given file (summary, confirmation, replace question as for 导入…)."""
        self._import(lambda flow: flow.import_path(Path(path)))

    def _import(self, run) -> None:
        from gui.import_flow import ImportFlow
        if not self.autosaver.flush():
            return
        report_id = run(ImportFlow(self.archive, self.settings, self))
        if report_id is not None:
            self.refresh_panel()
            self.open_report(report_id)

    @guarded
    def export_report(self) -> None:
        if not self.autosaver.flush():
            return
        if self._export_flow is None:
            from gui.export_flow import ExportFlow
            self._export_flow = ExportFlow(self.archive, self.settings, self, self.autosaver.run)
            self._export_flow.exported.connect(
                lambda path: self.statusBar().showMessage(self.tr("已导出：{0}").format(path), 10000))
            self._export_flow.failed.connect(lambda message: show_error(self, AppError(message)))
        self._export_flow.export(self.report_id())

    @guarded
    def save_version(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit
        if not self.autosaver.flush():
            return
        label, ok = QInputDialog.getText(self, self.tr("保存版本"), self.tr("版本说明（如“报县委前定稿”）："),
                                         QLineEdit.EchoMode.Normal, self.tr("手动保存的版本"))
        if ok:
            self.archive.take_snapshot(self.report_id(), label.strip() or self.tr("手动保存的版本"))
            self.statusBar().showMessage(self.tr("已保存版本“{0}”").format(label.strip()), 5000)

    @guarded
    def show_versions(self) -> None:
        from gui.versions_dialog import VersionsDialog
        if not self.autosaver.flush():
            return
        dialog = VersionsDialog(self.archive, self.report_id(), self)
        dialog.restored.connect(self._after_restore)
        dialog.exec()

    def _after_restore(self) -> None:
        self.tabs.reload()
        self.refresh_panel()
        self._update_title()

    def show_backups(self) -> None:
        self.care.show_backups()

    def restore_backup(self, backup: Path) -> None:
        self.care.restore_backup(backup)

    @guarded
    def delete_report(self) -> None:
        report = self.tabs.report
        question = self.tr("把“{0}”移到回收站吗？\n\n回收站中的报告可以随时恢复（在左侧列表底部的“回收站”中右键选择“恢复”）。")
        if not ask(self, self.tr("删除报告"), question.format(report.title or report.year), self.tr("移到回收站")):
            return
        if not self.autosaver.flush():
            return
        self.archive.delete_report(report.id)
        self._show_no_report()

    @guarded
    def undelete_report(self, report_id: int) -> None:
        self.archive.undelete_report(report_id)
        self.refresh_panel()
        self.open_report(report_id)

    @guarded
    def purge_report(self, report_id: int) -> None:
        question = self.tr("彻底删除后无法恢复，连同其历史版本一并删除。确定彻底删除吗？")
        if ask(self, self.tr("彻底删除"), question, self.tr("彻底删除")):
            self.archive.purge_report(report_id)
            self.refresh_panel()

    @guarded
    def search_all(self) -> None:
        from gui.search_dialog import SearchDialog
        if not self.autosaver.flush():
            return
        dialog = SearchDialog(self.archive, self)
        dialog.hit_activated.connect(self.open_hit)
        dialog.show()

    def open_hit(self, report_id: int, chapter_id: int, paragraph: int, query: str) -> None:
        if report_id != self.report_id():
            self.open_report(report_id)
        self.tabs.show_hit(chapter_id, paragraph, query)

    def _find(self, text: str, backward: bool) -> None:
        self.find_bar.show_result(self.tabs.find(text, backward))

    def on_editor(self, method: str) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            getattr(editor, method)()

    def set_level(self, level: int) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            editor.set_level(level)

    def _show_counts(self, chapter: int, report: int) -> None:
        self.count_label.setText(self.tr("本部分 {0} 字 · 全文 {1} 字").format(chapter, report))

    # --- check panel -------------------------------------------------------------------------

    @guarded
    def toggle_check_panel(self) -> None:
        if self.check_panel is None:
            from gui.check_panel import check_dock
            self.check_panel = check_dock(self, self.archive, self.settings, self.autosaver.flush, self.tabs,
                                          self._on_report_changed_elsewhere, self.check_action)
        dock = self.check_panel.parentWidget()
        if not self.check_action.isChecked():
            dock.hide()
            return
        self.autosaver.flush()
        self.check_panel.set_report(self.report_id())
        self.check_panel.refresh()
        dock.show()

    def _on_report_changed_elsewhere(self, report_id: int) -> None:
        if report_id == self.report_id():
            self.tabs.reload()
            self.refresh_panel()

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self.autosaver is not None and not self.autosaver.flush():
            question = self.tr("有内容未能保存到数据库（原因见刚才的提示）。现在退出会丢失这些修改。\n\n仍要退出吗？")
            if not ask(self, self.tr("退出"), question, self.tr("仍然退出"), self.tr("不退出")):
                event.ignore()
                return
        window_layout.save_layout(self, self.settings, self.pane_action.isChecked(), self.splitter if self.tabs is not None else None,
                                  self.tabs)
        self.settings.last_report_id = self.report_id() or 0
        self.settings.sync()
        if self.autosaver is not None:
            self.autosaver.close()
        self.session.backup_on_close()
        self.session.close()
        event.accept()


def start(window: MainWindow, db_path: str | None, on_failure) -> None:
    """Open the archive once the window is on screen; on_failure() runs when it cannot be opened."""
    def open_now():
        from gui.archive_opener import plan_opening, warn_if_on_network
        plan = plan_opening(window, db_path, window.settings.last_archive)
        if plan is None:  # the clerk chose to quit (or to switch to the window that has it open)
            window.close()
        elif not window.open_archive(str(plan.path), plan.read_only, plan.new_over_backups):
            on_failure()
        else:
            warn_if_on_network(window, plan.path)
    QTimer.singleShot(0, open_now)
