"""The open report and what the menus do to it: open, new, import, export, versions, delete/undelete/
purge, search, replace and year update, and the 检查 panel.

The window builds it with everything it acts on and listens to its signals (which page to show, the
title, a status line); it never reaches into the window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from core.errors import AppError
from gui.database import EditsNotSaved, user_operation
from gui.errors import ask, guarded, show_error
from gui.window_actions import REPORT, WindowActions

LOOKING_ONLY = ("find", "versions", "check")  # the report actions a read-only archive allows


class ReportController(QObject):
    report_shown = Signal(bool)  # True: a report is open; False: none (the start page)
    title_changed = Signal(str)  # the open report's title ("" when none is open)
    message = Signal(str, int)  # a status-bar line and how long it stays (ms)

    def __init__(self, window: QMainWindow, database, settings, tabs, panel, actions: WindowActions):
        """`database`: gui/database.py's Database; `window` parents the dialogs and the 检查 dock."""
        super().__init__(window)
        self.window, self.database, self.settings = window, database, settings
        self.archive = database.archive  # for reading what is stored
        self.tabs, self.panel, self.actions = tabs, panel, actions
        self.check_panel = None
        self._export_flow = None
        panel.report_selected.connect(self.open_report)
        panel.undelete_requested.connect(self.undelete_report)
        panel.purge_requested.connect(self.purge_report)
        panel.report_action.connect(self._on_report_menu)
        tabs.meta_edited.connect(self.update_title)
        tabs.meta_saved.connect(self.refresh_panel)
        database.edits.saved.connect(self.refresh_check_panel)

    # --- showing --------------------------------------------------------------------------------

    def show_archive(self) -> None:
        """After the archive opened: the report open last time (or the newest), else the start page."""
        from core.archive.first_read import report_to_open
        report_id = report_to_open(self.refresh_panel(), self.settings.last_report_id)
        if report_id is None:
            self.report_shown.emit(False)
        else:
            self.open_report(report_id)

    def show_first_read(self, first) -> None:
        """At start, before the archive is open (gui/quick_start.py): the list and the report as the first
        read found them (core.archive.first_read). The text can be typed in at once — its writes queue
        behind the opening; the report's actions and the 数据 tab wait for archive_opened()."""
        self.panel.set_reports(first.reports, first.deleted)
        view = first.view
        self.tabs.show_report(view.report, view.previous, view.organs)
        self._shown(view.report.id, actions=False)

    def archive_opened(self) -> None:
        """The archive behind the first read is open: what needs it comes now."""
        self.set_report_actions_enabled(True)
        self.tabs.load_figures()

    def refresh_panel(self):
        reports = self.archive.list_reports()
        self.panel.set_reports(reports, self.archive.list_reports(deleted=True))
        return reports

    def report_id(self) -> int | None:
        return self.tabs.report.id if self.tabs.report else None

    @guarded
    def open_report(self, report_id: int) -> None:
        try:
            self.tabs.load(report_id)
        except EditsNotSaved:  # keep the typed text on screen; the failure was shown
            self.panel.mark_current(self.report_id())
            raise
        self._shown(report_id)

    def _shown(self, report_id: int, actions: bool = True) -> None:
        self.report_shown.emit(True)
        self.panel.mark_current(report_id)
        if actions:
            self.set_report_actions_enabled(True)
        self.update_title()
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
        self.set_report_actions_enabled(False)
        self.update_title()
        reports = self.refresh_panel()
        if reports:
            self.open_report(reports[0].id)
        else:
            self.report_shown.emit(False)

    def set_report_actions_enabled(self, enabled: bool) -> None:
        read_only = self.archive.read_only
        for name, action in self.actions.named(REPORT).items():
            allowed = not read_only or name in LOOKING_ONLY
            action.setEnabled(enabled and allowed and not action.property("missing"))

    def update_title(self) -> None:
        self.title_changed.emit(self.tabs.report_title() if self.tabs.report is not None else "")

    def reload(self) -> None:
        """Show what the archive holds now (after a restore, a fix, a change by another window)."""
        self.tabs.reload()
        self.refresh_panel()
        self.update_title()

    # --- new, import, export --------------------------------------------------------------------

    @user_operation("新建报告")
    @guarded
    def new_report(self, basis_year: int | None = None) -> None:
        from gui.new_report_dialog import NewReportDialog
        from gui.start_page import default_report_year
        organs_by_year: dict[int, list[str]] = {}
        for summary in sorted(self.archive.list_reports(), key=lambda r: r.year, reverse=True):
            organs_by_year.setdefault(summary.year, list(summary.organs))
        year = default_report_year() if basis_year is None else basis_year + 1
        dialog = NewReportDialog(year, organs_by_year, self.window, basis_year)
        if dialog.exec():
            self.create_report(**dialog.choice())

    @user_operation("新建报告")
    @guarded
    def new_report_for_year(self, year: int) -> None:
        self.create_report(year=year, organs=[], from_year=None, copy_text=False)

    def create_report(self, year: int, organs, from_year, copy_text) -> None:
        if any(r.year == year for r in self.archive.list_reports()):
            question = self.tr("档案中已有{0}年度的报告。仍要再新建一份吗？").format(year)
            if not ask(self.window, self.tr("新建报告"), question, self.tr("新建")):
                return
        self.database.run(lambda archive: archive.new_report(year, organs=organs, from_year=from_year,
                                                             copy_text=copy_text),
                          lambda report_id: self._show_new(report_id, from_year if copy_text else None))

    def _show_new(self, report_id: int, update_from_year: int | None) -> None:
        """A report was stored (new, imported): show it; after copying last year's text, 年份更新."""
        self.refresh_panel()
        self.open_report(report_id)
        if update_from_year is not None:
            self.show_year_update(update_from_year)

    @user_operation("导入")
    @guarded
    def import_report(self) -> None:
        self._import(lambda flow: flow.choose_and_import())

    @user_operation("导入")
    @guarded
    def import_from(self, path) -> None:
        """Import a given file (summary, confirmation, replace question as for 导入…)."""
        self._import(lambda flow: flow.import_path(Path(path)))

    def _import(self, run) -> None:
        from gui.import_flow import ImportFlow
        run(ImportFlow(self.database, self.settings, self.window,
                       lambda report_id: self._show_new(report_id, None)))

    @user_operation("导出")
    @guarded
    def export_report(self) -> None:
        if self._export_flow is None:
            from gui.export_flow import ExportFlow
            self._export_flow = ExportFlow(self.database, self.settings, self.window)
            self._export_flow.exported.connect(
                lambda path: self.message.emit(self.tr("已导出：{0}").format(path), 10000))
            self._export_flow.failed.connect(lambda message: show_error(self.window, AppError(message)))
            check = self.actions.actions["check"]  # 「去检查」 in the export confirmation opens the 检查 dock
            self._export_flow.check_requested.connect(lambda: check.isChecked() or check.trigger())
        self._export_flow.export(self.report_id())

    # --- versions, replace, year update -----------------------------------------------------------

    @user_operation("保存版本")
    @guarded
    def save_version(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit
        label, ok = QInputDialog.getText(self.window, self.tr("保存版本"), self.tr("版本说明（如“报县委前定稿”）："),
                                         QLineEdit.EchoMode.Normal, self.tr("手动保存的版本"))
        if ok:
            report_id, label = self.report_id(), label.strip() or self.tr("手动保存的版本")
            self.database.run(lambda archive: archive.take_snapshot(report_id, label),
                              lambda _id: self.message.emit(self.tr("已保存版本“{0}”").format(label), 5000))

    @guarded
    def show_versions(self) -> None:
        from gui.versions_dialog import VersionsDialog
        dialog = VersionsDialog(self.database, self.report_id(), self.window)
        dialog.restored.connect(self.reload)
        dialog.exec()

    def _report_access(self):
        from gui.replace_dialog import ReportAccess
        return ReportAccess(self.database, self.report_id(), self.reload)

    @guarded
    def show_replace(self) -> None:
        from gui.replace_dialog import ReplaceDialog
        ReplaceDialog.open(self._report_access(), self.tabs, self.window)

    @guarded
    def show_year_update(self, from_year: int | None = None) -> None:
        from gui.year_update_dialog import YearUpdateDialog
        year = self.tabs.report.year
        YearUpdateDialog.run(self._report_access(), from_year or year - 1, year, from_year is not None, self.window)

    # --- delete, undelete, purge ----------------------------------------------------------------

    @user_operation("删除报告")
    @guarded
    def delete_report(self) -> None:
        report = self.tabs.report
        question = self.tr("把“{0}”移到回收站吗？\n\n"
                           "回收站中的报告可以随时恢复（在左侧列表底部的“回收站”中右键选择“恢复”）。")
        if not ask(self.window, self.tr("删除报告"), question.format(report.title or report.year),
                   self.tr("移到回收站")):
            return
        report_id = report.id
        self.database.run(lambda archive: archive.delete_report(report_id),
                          lambda _none: self._show_no_report())

    @user_operation("恢复报告")
    @guarded
    def undelete_report(self, report_id: int) -> None:
        self.database.run(lambda archive: archive.undelete_report(report_id),
                          lambda _none: self._show_new(report_id, None))

    @user_operation("彻底删除")
    @guarded
    def purge_report(self, report_id: int) -> None:
        question = self.tr("彻底删除后无法恢复，连同其历史版本一并删除。确定彻底删除吗？")
        if ask(self.window, self.tr("彻底删除"), question, self.tr("彻底删除")):
            self.database.run(lambda archive: archive.purge_report(report_id),
                              lambda _none: self.refresh_panel())

    # --- search and the editor ------------------------------------------------------------------

    @guarded
    def search_all(self) -> None:
        from gui.search_dialog import SearchDialog
        dialog = SearchDialog(self.database, self.window)
        dialog.hit_activated.connect(self.open_hit)
        dialog.show()

    def open_hit(self, report_id: int, chapter_id: int, paragraph: int, query: str) -> None:
        if report_id != self.report_id():
            self.open_report(report_id)
        self.tabs.show_hit(chapter_id, paragraph, query)

    def on_editor(self, method: str) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            getattr(editor, method)()

    def set_level(self, level: int) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            editor.set_level(level)

    # --- check panel ----------------------------------------------------------------------------

    @guarded
    def toggle_check_panel(self) -> None:
        check_action = self.actions.actions["check"]
        if self.check_panel is None:
            from gui.check_panel import check_dock
            self.check_panel = check_dock(self.window, self.database, self.settings, self.tabs,
                                          self._on_report_changed_elsewhere, check_action)
        dock = self.check_panel.parentWidget()
        if not check_action.isChecked():
            dock.hide()
            return
        self.check_panel.set_report(self.report_id())  # checks the text as stored after what was typed
        dock.show()

    def refresh_check_panel(self, _key=None) -> None:
        if self.check_panel is not None and self.check_panel.isVisible():
            self.check_panel.refresh()

    def _on_report_changed_elsewhere(self, report_id: int) -> None:
        if report_id == self.report_id():
            self.tabs.reload()
            self.refresh_panel()
