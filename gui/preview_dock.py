"""Wires 版面预览, 打印 and 打印预览 into the main window: `install_preview(window)` adds the dock, its
视图 ▸ 版面预览 action and toolbar button, and 文件 ▸ 打印 (Ctrl+P) / 打印预览.

The preview follows the editing: a pause of PAUSE_MS after the last keystroke (or a metadata change,
a tab switch) sends a copy of the report as it stands in the editors — saved or not — to the view,
which lays it out on a worker thread. Printing uses the same copy and the same painter.
"""
from __future__ import annotations

import copy
from dataclasses import replace

from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from core.errors import AppError
from core.export_options import VARIANTS
from gui.errors import show_error
from gui.window_layout import keep_dock_usable

PAUSE_MS = 400  # typing pause before a new layout: the pages are back well within 1 s


def report_in_editors(tabs):
    """A copy of the shown report with the editors' current text and the form's current fields."""
    report = copy.copy(tabs.report)
    for name, value in tabs.form.fields().items():
        if hasattr(report, name) and name != "status":
            setattr(report, name, value)
    report.organs = list(report.organs)
    loaded = {page.chapter_id: page for page in tabs.loaded_pages()}
    report.chapters = [replace(chapter, blocks=loaded[chapter.id].blocks()) if chapter.id in loaded
                       else copy.copy(chapter) for chapter in tabs.chapters()]
    return report


class PreviewController(QObject):
    """The dock is there from the start (its action, its place in the saved layout); the pages view and
    the page model it needs load when the dock is first shown or printing asks for them."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.tabs, self.settings = window, window.tabs, window.settings
        self._view = None
        self.dock = QDockWidget(self.tr("版面预览"), window)
        self.dock.setObjectName("previewDock")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        keep_dock_usable(window, self.dock, QSize(480, 640))
        self.dock.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.refresh)
        self._watched = set()
        self._pages_of: tuple = (None, {})  # (layout, {(chapter index, paragraph): first page})
        self._connect()

    @property
    def view(self):
        if self._view is None:
            self._view = self._build_view()
        return self._view

    def _build_view(self):
        from gui.preview_view import PreviewView
        view = PreviewView()
        variant = self.settings.export_variant if self.settings.export_variant in VARIANTS else VARIANTS[0]
        view.variant_box.setCurrentIndex(max(0, view.variant_box.findData(variant)))
        view.variant_box.currentIndexChanged.connect(self.refresh)
        view.figures_box.setChecked(self.settings.export_figures_table)  # as the last export
        view.figures_box.toggled.connect(self.refresh)
        view.jump_requested.connect(self.tabs.jump_to)
        view.layout_ready.connect(lambda _layout: self._highlight_cursor_page())
        self.dock.setWidget(view)
        return view

    def _connect(self) -> None:
        for signal in (self.tabs.counts_changed, self.tabs.meta_edited, self.tabs.currentChanged):
            signal.connect(self.schedule)
        self.tabs.current_editor_changed.connect(self._watch_cursor)
        self.dock.visibilityChanged.connect(self._on_visibility)
        font_menu = getattr(self.window, "font_set_menu", None)
        if font_menu is not None:  # 文件 ▸ 公文字体 redraws the pages with the chosen set
            font_menu.changed.connect(lambda _name: self.dock.isVisible() and self.refresh())

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.view  # noqa: B018 — built on first showing, even with no report open
            self.refresh()

    # --- following the editing ------------------------------------------------------------------------

    def schedule(self, *_args) -> None:
        if self.dock.isVisible() and self.tabs.report is not None:
            self.timer.start()

    def _variant(self) -> str:
        return self.view.variant_box.currentData()

    def _font_set(self) -> str:
        from core import fonts
        name = self.settings.font_set
        return name if name in fonts.FONT_SETS else fonts.DEFAULT_FONT_SET

    def _figures_table(self) -> list | None:
        """This year's figures beside last year's, when 附数据表 is ticked (as stored: typing in the 数据
        tab reaches the archive within 2 s)."""
        if not self.view.figures_box.isChecked() or self.window.archive is None:
            return None
        return self.window.archive.figure_table(self.tabs.report.id)

    def refresh(self) -> None:
        if self.tabs.report is not None:
            self.view.show_report(report_in_editors(self.tabs), self._variant(), self._font_set(),
                                  self._figures_table())

    def _watch_cursor(self) -> None:
        editor = self.tabs.current_editor()
        if editor is not None and id(editor) not in self._watched:
            self._watched.add(id(editor))
            editor.cursorPositionChanged.connect(self._highlight_cursor_page)
        self._highlight_cursor_page()

    def _highlight_cursor_page(self) -> None:
        if self._view is None:  # no preview yet: nothing to highlight
            return
        layout, editor = self._view.layout_shown, self.tabs.current_editor()
        if layout is None or editor is None:
            self._view.highlight_page(None)
            return
        if self._pages_of[0] is not layout:
            self._pages_of = (layout, _first_pages(layout))
        paragraph = _paragraph_at_cursor(editor)
        page = self.tabs.current_page()
        ids = [chapter.id for chapter in self.tabs.chapters()]
        chapter_index = ids.index(page.chapter_id) if page is not None and page.chapter_id in ids else -1
        self.view.highlight_page(self._pages_of[1].get((chapter_index, paragraph)))

    # --- printing -------------------------------------------------------------------------------------

    def _layout_now(self):
        if self.tabs.report is None:
            show_error(self.window, AppError("请先打开一份报告。"))
            return None
        self.tabs.setFocus()  # an open input method commits its text first
        from gui.preview_view import build_layout
        return build_layout(report_in_editors(self.tabs), self._variant(), self._figures_table())

    def print_pages(self) -> None:
        layout = self._layout_now()
        if layout is not None:
            from gui.print_pages import PrintFlow  # QtPrintSupport only when printing
            PrintFlow(self.window).print_dialog(layout, self.tabs.report.title, self._font_set())

    def print_preview(self) -> None:
        layout = self._layout_now()
        if layout is not None:
            from gui.print_pages import PrintFlow
            PrintFlow(self.window).preview_dialog(layout, self.tabs.report.title, self._font_set())


def _first_pages(layout) -> dict[tuple[int, int], int]:
    pages: dict[tuple[int, int], int] = {}
    for line in layout.lines():
        source = line.source
        if source is not None and source.field is None and source.block_index is not None:
            pages.setdefault((source.chapter_index, source.block_index), line.page)
    return pages


def _paragraph_at_cursor(editor) -> int:
    """The stored paragraph (non-blank text block) index of the cursor's block."""
    cursor_number = editor.textCursor().blockNumber()
    paragraph, block = -1, editor.document().firstBlock()
    while block.isValid() and block.blockNumber() <= cursor_number:
        paragraph += bool(block.text().strip())
        block = block.next()
    return max(paragraph, 0)


def _menu(window, title_start: str) -> QMenu | None:
    return next((action.menu() for action in window.menuBar().actions()
                 if action.menu() and action.text().startswith(title_start)), None)


def install_preview(window) -> PreviewController:
    """Call once the window has its tabs (MainWindow.build_views)."""
    controller = PreviewController(window)
    toggle = controller.dock.toggleViewAction()
    toggle.setText(window.tr("版面预览"))
    toggle.setShortcut(QKeySequence("F8"))
    toggle.setToolTip(window.tr("显示打印出来的页面（F8）"))
    print_action = QAction(window.tr("打印…"), window)
    print_action.setShortcut(QKeySequence.StandardKey.Print)
    print_action.triggered.connect(controller.print_pages)
    preview_action = QAction(window.tr("打印预览…"), window)
    preview_action.triggered.connect(controller.print_preview)
    window.addActions([toggle, print_action, preview_action])
    view_menu, file_menu = _menu(window, window.tr("视图")), _menu(window, window.tr("文件"))
    if view_menu is not None:
        view_menu.addAction(toggle)
    if file_menu is not None:
        before = window.export_action if hasattr(window, "export_action") else None
        anchor = next((a for a in file_menu.actions() if a is before), None)
        following = file_menu.actions()[file_menu.actions().index(anchor) + 1] if anchor else None
        file_menu.insertActions(following, [print_action, preview_action])
    toolbar = window.findChild(QToolBar, "mainToolbar")
    if toolbar is not None:
        toolbar.addAction(toggle)
    window.preview = controller
    window.print_action, window.print_preview_action = print_action, preview_action
    return controller
