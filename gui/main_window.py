"""The main window: archive list on the left, the open report's tabs on the right.

It only wires parts together: actions → panels and dialogs, archive → views. Start-up has two steps
so the window is on screen at once: the constructor builds the frame (menus, toolbar, a “正在打开档案…”
line); open_archive() then imports and builds the views and opens the archive (SQLAlchemy, Alembic).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

# Only what the first frame needs: PySide builds a class's enums when it is first imported, and
# the Qt namespace alone takes ≈30 ms; the views and their imports come after the window shows.
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar, QWidget

from core import APP_NAME
from core.outline import BODY, ITEM2, ITEM3, ITEM4, LEVEL_LABELS
from core.errors import AppError
from gui.chapter_mapping import map_current_chapter
from gui.errors import ask, guarded, show_error
from gui.font_set_menu import FontSetMenu
from gui.help_menu import HelpMenu
from gui.settings import Settings

LEVEL_SHORTCUTS = {BODY: "Ctrl+0", ITEM2: "Ctrl+2", ITEM3: "Ctrl+3", ITEM4: "Ctrl+4"}
STYLE = """
QLabel#chapterTitle { font-size: 13pt; font-weight: bold; padding: 2px 2px 6px 2px; }
QLabel#hint { color: #8a5a00; }
QLabel#startTitle { font-size: 20pt; font-weight: bold; }
QLabel#paneCaption { color: #555; padding: 2px; }
QTabBar::tab { padding: 5px 10px; }
"""


def module_available(name: str) -> bool:
    """Whether a part written by another engineer is installed, without importing it."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.archive = None
        self.check_panel = None
        self._export_flow = None
        self.autosaver = self.tabs = None
        self.setStyleSheet(STYLE)
        self.setCentralWidget(QWidget())
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._restore_geometry()
        self._set_report_actions_enabled(False)
        for action in self.actions_needing_archive():
            action.setEnabled(False)  # until open_archive() has the archive
        self.setWindowTitle(APP_NAME)
        self.statusBar().showMessage(self.tr("正在打开档案…"))

    # --- construction ----------------------------------------------------------------------

    def _build_views(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout
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
        self.tabs = ReportTabs(self.autosaver)
        self.tabs.meta_edited.connect(self._update_title)
        self.tabs.meta_saved.connect(self.refresh_panel)
        self.tabs.counts_changed.connect(self._show_counts)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self._find)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1060])
        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.new_report_for_year)
        self.start_page.import_requested.connect(self.import_report)
        self.stack = QStackedWidget()
        for widget in (self.start_page, self.splitter):
            self.stack.addWidget(widget)
        self.setCentralWidget(self.stack)
        self.tabs.set_level_actions(self.level_actions)
        self._apply_shortcuts()
        self._restore_splitters()
        self.statusBar().clearMessage()
        self.autosaver.status_changed.connect(lambda text: self.save_label.setText(text))
        self.autosaver.failed.connect(lambda err: show_error(self, err, self.tr("未能保存")))
        self.autosaver.saved.connect(self._on_saved)
        from gui.preview_dock import install_preview  # 版面预览, 打印, 打印预览 (issue 11)
        install_preview(self)

    def _action(self, text: str, slot, shortcut: str | QKeySequence | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if shortcut:
            self._shortcuts.append((action, shortcut))
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        return action

    def _apply_shortcuts(self) -> None:
        """Shortcuts are set once the window shows: the first one builds all of Qt's key enums (≈30 ms)."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
            if action.toolTip() and not action.property("missing"):
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.statusTip()}（{keys}）")

    def _build_actions(self) -> None:
        tr = self.tr
        self._shortcuts = []
        self.new_action = self._action(tr("新建报告…"), self.new_report, QKeySequence.StandardKey.New,
                                       tr("按模板或以往年报告为基础新建报告"))
        self.import_action = self._action(tr("导入…"), self.import_report, QKeySequence.StandardKey.Open,
                                          tr("导入以往的报告文件"))
        self.export_action = self._action(tr("导出 Word…"), self.export_report, "Ctrl+E",
                                          tr("导出为符合公文格式的 Word 文件"))
        self.save_now_action = self._action(tr("立即保存"), lambda: self.autosaver.flush(), QKeySequence.StandardKey.Save,
                                            tr("内容会自动保存；此命令立即写入"))
        self.snapshot_action = self._action(tr("保存版本…"), self.save_version, "Ctrl+Shift+S",
                                            tr("给当前文本保存一个带说明的版本"))
        self.versions_action = self._action(tr("历史版本…"), self.show_versions, "Ctrl+Shift+H",
                                            tr("查看、比较和恢复历史版本"))
        self.delete_action = self._action(tr("删除报告…"), self.delete_report, None,
                                          tr("把当前报告移到回收站（可恢复）"))
        self.quit_action = self._action(tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self._action(tr("撤销"), lambda: self._on_editor("undo"), QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(tr("重做"), lambda: self._on_editor("redo"), QKeySequence.StandardKey.Redo)
        self.find_action = self._action(tr("查找…"), lambda: self.find_bar.open(), QKeySequence.StandardKey.Find,
                                        tr("在当前报告中查找"))
        self.replace_action = self._action(tr("替换…"), self.show_replace, "Ctrl+H", tr("查找并替换文字"))
        self.year_update_action = self._action(tr("年份更新…"), lambda: self.show_year_update(), None,
                                               tr("把报告中的年份逐项核对后改为下一年"))
        self.search_action = self._action(tr("全文检索…"), self.search_all, "Ctrl+Shift+F",
                                          tr("在所有年度的报告中检索"))
        self.level_actions = []
        for level in (BODY, ITEM2, ITEM3, ITEM4):
            action = self._action(LEVEL_LABELS[level], lambda lv=level: self._set_level(lv),
                                  LEVEL_SHORTCUTS[level], tr("把所在段落设为“{0}”层级").format(LEVEL_LABELS[level]))
            self.level_actions.append(action)
        self.add_chapter_action = self._action(tr("新增部分…"), lambda: self.tabs.add_chapter(), None,
                                               tr("在当前部分之后新增一个部分"))
        self.rename_chapter_action = self._action(tr("重命名部分…"), lambda: self.tabs.rename_chapter(), "F2")
        self.move_up_action = self._action(tr("上移部分"), lambda: self.tabs.move_chapter(-1), "Ctrl+Shift+Up")
        self.move_down_action = self._action(tr("下移部分"), lambda: self.tabs.move_chapter(1), "Ctrl+Shift+Down")
        self.remove_chapter_action = self._action(tr("删除部分…"), lambda: self.tabs.remove_chapter())
        self.map_chapter_action = self._action(tr("对应规定内容…"), lambda: map_current_chapter(self), None,
                                               tr("设定本部分对应规定的哪一项内容（检查据此判断内容是否齐全）"))
        self.pane_action = self._action(tr("上年对照"), None, "F9", tr("显示或隐藏上一年度的同一部分"))
        self.pane_action.setCheckable(True)
        self.pane_action.toggled.connect(lambda visible: self.tabs and self.tabs.set_pane_visible(visible))
        self.check_action = self._action(tr("检查"), self.toggle_check_panel, "F7",
                                         tr("检查报告是否符合要求"))
        self.check_action.setCheckable(True)
        self._disable_missing(self.export_action, "gui.export_flow", tr("导出功能尚未安装"))
        self._disable_missing(self.check_action, "gui.check_panel", tr("检查功能尚未安装"))

    def _disable_missing(self, action: QAction, module: str, tip: str) -> None:
        if not module_available(module):
            action.setProperty("missing", True)
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def actions_needing_archive(self) -> list[QAction]:
        return [self.new_action, self.import_action, self.search_action, self.save_now_action]

    def actions_needing_report(self) -> list[QAction]:
        return [self.export_action, self.snapshot_action, self.versions_action, self.delete_action,
                self.find_action, self.replace_action, self.year_update_action, self.check_action,
                self.add_chapter_action, self.rename_chapter_action, self.move_up_action, self.move_down_action,
                self.remove_chapter_action, self.map_chapter_action, *self.level_actions]

    def _build_menus_and_toolbar(self) -> None:
        tr = self.tr
        self.font_set_menu = FontSetMenu(self.settings, self)
        menus = (
            (tr("文件(&F)"), [self.new_action, self.import_action, self.export_action, self.font_set_menu,
                            None, self.save_now_action,
                            self.snapshot_action, self.versions_action, None, self.delete_action, None,
                            self.quit_action]),
            (tr("编辑(&E)"), [self.undo_action, self.redo_action, None, self.find_action, self.replace_action,
                            self.year_update_action, self.search_action]),
            (tr("格式(&O)"), self.level_actions),
            (tr("部分(&C)"), [self.add_chapter_action, self.rename_chapter_action, self.move_up_action,
                            self.move_down_action, self.map_chapter_action, None, self.remove_chapter_action]),
            (tr("视图(&V)"), [self.pane_action, self.check_action]),
        )
        for title, actions in menus:
            menu = self.menuBar().addMenu(title)
            for item in actions:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)
        self.menuBar().addMenu(HelpMenu(lambda: self.archive and self.archive.path, self))
        toolbar = QToolBar(tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action in (self.new_action, self.import_action, self.export_action, None, self.snapshot_action,
                       self.versions_action, None, *self.level_actions, None, self.find_action,
                       self.search_action, self.check_action, self.pane_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.save_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _restore_geometry(self) -> None:
        s = self.settings
        if not s.window_geometry.isEmpty():
            self.restoreGeometry(s.window_geometry)
        else:
            self.resize(1360, 860)
        if not s.window_state.isEmpty():
            self.restoreState(s.window_state)
        self.pane_action.setChecked(s.previous_year_pane_visible)

    def _restore_splitters(self) -> None:
        s = self.settings
        if len(s.splitter_sizes) == 2:
            self.splitter.setSizes(s.splitter_sizes)
        if len(s.pane_splitter_sizes) == 2:
            self.tabs.set_pane_sizes(s.pane_splitter_sizes)
        self.tabs.set_pane_visible(self.pane_action.isChecked())

    def _save_layout(self) -> None:
        s = self.settings
        s.window_geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.previous_year_pane_visible = self.pane_action.isChecked()
        if self.tabs is None:
            s.sync()
            return
        s.splitter_sizes = self.splitter.sizes()
        s.pane_splitter_sizes = self.tabs.pane_sizes()
        s.last_report_id = self.report_id() or 0
        s.sync()

    # --- archive and reports ------------------------------------------------------------------

    def open_archive(self, db_path: str | None) -> bool:
        """Open (create, migrate) the archive; False after telling the user why it cannot be used."""
        from core.archive import Archive  # SQLAlchemy and Alembic load here, after the window shows
        if self.tabs is None:
            self._build_views()
        try:
            self.archive = Archive(db_path)
        except Exception as err:  # noqa: BLE001 — shown to the user, then the app exits
            show_error(self, err, self.tr("无法打开档案"), wait=True)
            return False
        self.tabs.archive = self.archive
        for action in self.actions_needing_archive():
            action.setEnabled(True)
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
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex(1)

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
        for action in self.actions_needing_report():
            action.setEnabled(enabled and not action.property("missing"))

    def _update_title(self) -> None:
        report = self.tabs.report
        if report is None:
            self.setWindowTitle(APP_NAME)
            return
        fields = self.tabs.form.fields()
        title = fields["title"] or self.tr("{0}年度报告").format(fields["year"])
        self.setWindowTitle(f"{title} — {APP_NAME}")

    def _on_saved(self, _key) -> None:
        if self.check_panel is not None and self.check_panel.isVisible():
            self.check_panel.refresh()

    # --- actions -----------------------------------------------------------------------------

    @guarded
    def new_report(self) -> None:
        from gui.new_report_dialog import NewReportDialog
        from gui.start_page import default_report_year
        if not self.autosaver.flush():
            return
        years = sorted({r.year for r in self.archive.list_reports()}, reverse=True)
        year = default_report_year()
        organs = self.tabs.report.organs if self.tabs.report else []
        dialog = NewReportDialog(year, years, organs, self)
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
            self._export_flow = ExportFlow(self.archive, self.settings, self)
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
        page = self.tabs.page_for(chapter_id)
        if page is None:
            return
        blocks = page.blocks()
        start = blocks[paragraph].plain.find(query) if paragraph < len(blocks) else -1
        self.tabs.jump_to(chapter_id, paragraph, max(start, 0), max(start, 0) + len(query) if start >= 0 else 0)

    def _find(self, text: str, backward: bool) -> None:
        self.find_bar.show_result(self.tabs.find(text, backward))

    def _on_editor(self, method: str) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            getattr(editor, method)()

    def _set_level(self, level: int) -> None:
        editor = self.tabs.current_editor()
        if editor is not None:
            editor.set_level(level)

    def _show_counts(self, chapter: int, report: int) -> None:
        self.count_label.setText(self.tr("本部分 {0} 字 · 全文 {1} 字").format(chapter, report))

    # --- check panel -------------------------------------------------------------------------

    @guarded
    def toggle_check_panel(self) -> None:
        if self.check_panel is None:
            self._create_check_panel()
        dock = self.check_panel.parentWidget()
        if not self.check_action.isChecked():
            dock.hide()
            return
        self.autosaver.flush()
        self.check_panel.set_report(self.report_id())
        self.check_panel.refresh()
        dock.show()

    def _create_check_panel(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget
        from gui.check_panel import CheckPanel
        self.check_panel = CheckPanel(self.archive, self)
        self.check_panel.flush_edits = self.autosaver.flush  # typed text is written before a fix
        self.check_panel.jump_requested.connect(self.tabs.jump_to)
        self.check_panel.field_requested.connect(self.tabs.show_field)
        self.check_panel.report_changed.connect(self._on_report_changed_elsewhere)
        dock = QDockWidget(self.tr("检查"), self)
        dock.setObjectName("checkDock")
        dock.setWidget(self.check_panel)
        dock.visibilityChanged.connect(lambda visible: self.check_action.setChecked(visible))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)

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
        self._save_layout()
        if self.autosaver is not None:
            self.autosaver.close()
        if self.archive is not None:
            self.archive.close()
        event.accept()


def start(window: MainWindow, db_path: str | None, on_failure) -> None:
    """Open the archive once the window is on screen; on_failure() runs when it cannot be opened."""
    def open_now():
        if not window.open_archive(db_path):
            on_failure()
    QTimer.singleShot(0, open_now)
