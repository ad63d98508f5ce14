"""The main window's actions, declared once in a table (Picard's style): text, handler, shortcut, tip and
what each needs (an open archive, an open report); the menus and the toolbar list them by name.

Handlers take the window; the open report's are on `window.reports` (gui/report_controller.py), the
archive's care on `window.care` (gui/archive_care.py). Shortcuts are set once the window shows
(apply_shortcuts): the first one builds all of Qt's key enums (≈30 ms), which the first frame need not wait for.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from core.numbering import BODY, ITEM2, ITEM3, ITEM4, LEVEL_LABELS  # not core.outline: the frame needs no model

Key = QKeySequence.StandardKey
ARCHIVE, REPORT = "archive", "report"  # what an action needs to be enabled


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    run: Callable | None  # run(window); None: the window connects it itself
    shortcut: object = None
    tip: str = ""
    needs: str = ""
    checkable: bool = False
    module: str = ""  # a part written by another engineer; the action is disabled while it is missing
    missing_tip: str = ""


LEVELS = (BODY, ITEM2, ITEM3, ITEM4)
LEVEL_SHORTCUTS = {BODY: "Ctrl+0", ITEM2: "Ctrl+2", ITEM3: "Ctrl+3", ITEM4: "Ctrl+4"}

ACTIONS = (
    Spec("new", "新建报告…", lambda w: w.reports.new_report(), Key.New, "按模板或以往年报告为基础新建报告", ARCHIVE),
    Spec("import", "导入…", lambda w: w.reports.import_report(), Key.Open, "导入以往的报告文件", ARCHIVE),
    Spec("export", "导出 Word/PDF…", lambda w: w.reports.export_report(), "Ctrl+E",
         "导出为符合公文格式的 Word 文件或 PDF", REPORT,
         module="gui.export_flow", missing_tip="导出功能尚未安装"),
    Spec("save_now", "立即保存", lambda w: w.database.write_everything(), Key.Save,
         "内容会自动保存；此命令立即写入", ARCHIVE),
    Spec("snapshot", "保存版本…", lambda w: w.reports.save_version(), "Ctrl+Shift+S",
         "给当前文本保存一个带说明的版本", REPORT),
    Spec("versions", "历史版本…", lambda w: w.reports.show_versions(), "Ctrl+Shift+H",
         "查看、比较和恢复历史版本", REPORT),
    Spec("backups", "备份与恢复…", lambda w: w.care.show_backups(), None,
         "查看备份、备份到U盘、用备份恢复档案", ARCHIVE),
    Spec("connect_server", "连接到单位服务器…", lambda w: _connect_server(w), None,
         "打开单位服务器（PostgreSQL）上的共享档案，多人同时编辑"),
    Spec("export_archive", "导出档案…", lambda w: _export_archive(w), None,
         "把整个档案导出为一个文件，带到另一台电脑或报送县司法局"),
    Spec("import_archive", "导入档案…", lambda w: _import_archive(w), None,
         "把另一台电脑导出的档案文件中的报告并入本档案（先逐份预览）", ARCHIVE),
    Spec("delete", "删除报告…", lambda w: w.reports.delete_report(), None, "把当前报告移到回收站（可恢复）", REPORT),
    Spec("quit", "退出", lambda w: w.close(), Key.Quit),
    Spec("undo", "撤销", lambda w: w.reports.on_editor("undo"), Key.Undo),
    Spec("redo", "重做", lambda w: w.reports.on_editor("redo"), ("Ctrl+Y", "Ctrl+Shift+Z")),  # Word's and the other one
    Spec("cut", "剪切", lambda w: _on_focused("cut"), Key.Cut),
    Spec("copy", "复制", lambda w: _on_focused("copy"), Key.Copy),
    Spec("paste", "粘贴", lambda w: _on_focused("paste"), Key.Paste),
    Spec("select_all", "全选", lambda w: _on_focused("selectAll"), Key.SelectAll),
    Spec("find", "查找…", lambda w: w.find_bar.open(), Key.Find, "在当前报告中查找", REPORT),
    Spec("replace", "替换…", lambda w: w.reports.show_replace(), "Ctrl+H", "查找并替换文字", REPORT),
    Spec("year_update", "年份更新…", lambda w: w.reports.show_year_update(), None,
         "把报告中的年份逐项核对后改为下一年", REPORT),
    Spec("search", "全文检索…", lambda w: w.reports.search_all(), "Ctrl+Shift+F", "在所有年度的报告中检索", ARCHIVE),
    *(Spec(f"level_{level}", LEVEL_LABELS[level], lambda w, lv=level: w.reports.set_level(lv), LEVEL_SHORTCUTS[level],
           f"把所在段落设为“{LEVEL_LABELS[level]}”层级", REPORT) for level in LEVELS),
    Spec("add_chapter", "新增部分…", lambda w: w.tabs.add_chapter(), None, "在当前部分之后新增一个部分", REPORT),
    Spec("rename_chapter", "重命名部分…", lambda w: w.tabs.rename_chapter(), "F2", "", REPORT),
    Spec("move_up", "上移部分", lambda w: w.tabs.move_chapter(-1), "Ctrl+Shift+Up", "", REPORT),
    Spec("move_down", "下移部分", lambda w: w.tabs.move_chapter(1), "Ctrl+Shift+Down", "", REPORT),
    Spec("map_chapter", "对应规定内容…", lambda w: _map_chapter(w), None,
         "设定本部分对应规定的哪一项内容（检查据此判断内容是否齐全）", REPORT),
    Spec("remove_chapter", "删除部分…", lambda w: w.tabs.remove_chapter(), None, "", REPORT),
    Spec("pane", "上年对照", None, "F9", "显示或隐藏上一年度的同一部分", checkable=True),
    Spec("check", "检查", lambda w: w.reports.toggle_check_panel(), "F7", "检查报告是否符合要求", REPORT,
         checkable=True, module="gui.check_panel", missing_tip="检查功能尚未安装"),
)
LEVEL_NAMES = tuple(f"level_{level}" for level in LEVELS)
FONT_MENU = "font_set_menu"
INSERT_FIGURE_MENU = "insert_figure_menu"  # gui/insert_figure.py
MENUS = (
    ("文件(&F)", ("new", "import", "export", FONT_MENU, None, "save_now", "snapshot", "versions", None,
                "connect_server", "export_archive", "import_archive", "backups", None, "delete", None, "quit")),
    ("编辑(&E)", ("undo", "redo", None, "cut", "copy", "paste", "select_all", None, "find", "replace",
                 "year_update", "search", None, INSERT_FIGURE_MENU)),
    ("格式(&O)", LEVEL_NAMES),
    ("部分(&C)", ("add_chapter", "rename_chapter", "move_up", "move_down", "map_chapter", None, "remove_chapter")),
    ("视图(&V)", ("pane", "check")),
)
TOOLBAR = ("new", "import", "export", None, "snapshot", "versions", None, *LEVEL_NAMES, None, "find", "search",
           "check", "pane")


def _connect_server(window) -> None:
    from gui.server_connect import connect_to_server
    connect_to_server(window)


def _export_archive(window) -> None:  # one at a time, as every user operation (gui/database.py)
    from gui.archive_export import export_archive
    window.database.operation("导出档案", lambda: export_archive(window))


def _import_archive(window) -> None:
    from gui.archive_import import import_archive
    window.database.operation("导入档案", lambda: import_archive(window))


def _map_chapter(window) -> None:
    from gui.chapter_mapping import map_current_chapter
    map_current_chapter(window.reports)


def _on_focused(method: str) -> None:
    """剪切/复制/粘贴/全选 act on whichever text field has the focus (editor, form field, pane)."""
    from PySide6.QtWidgets import QApplication
    widget = QApplication.focusWidget()
    if widget is not None and callable(getattr(widget, method, None)):
        getattr(widget, method)()


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def module_available(name: str) -> bool:
    """Whether a part written by another engineer is installed, without importing it."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


class WindowActions:
    """The built actions: `actions[name]`, plus `needing(ARCHIVE or REPORT)`."""

    def __init__(self, window: QMainWindow):
        self.actions: dict[str, QAction] = {}
        self._specs = {spec.name: spec for spec in ACTIONS}
        for spec in ACTIONS:
            self.actions[spec.name] = self._build(window, spec)

    @staticmethod
    def _build(window: QMainWindow, spec: Spec) -> QAction:
        action = QAction(_tr(spec.text), window)
        action.setCheckable(spec.checkable)
        tip = _tr(spec.missing_tip if spec.module and not module_available(spec.module) else spec.tip)
        if spec.module and not module_available(spec.module):
            action.setProperty("missing", True)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if spec.run is not None:
            action.triggered.connect(lambda _checked=False, run=spec.run: run(window))
        return action

    def needing(self, what: str) -> list[QAction]:
        return list(self.named(what).values())

    def named(self, what: str) -> dict[str, QAction]:
        """The actions that need `what` (ARCHIVE or REPORT), by name."""
        return {name: self.actions[name] for name, spec in self._specs.items() if spec.needs == what}

    def apply_shortcuts(self) -> None:
        for name, spec in self._specs.items():
            action = self.actions[name]
            if spec.shortcut is None:
                continue
            keys = spec.shortcut if isinstance(spec.shortcut, tuple) else (spec.shortcut,)
            action.setShortcuts([QKeySequence(key) for key in keys])
            if action.toolTip() and not action.property("missing"):
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.statusTip()}（{keys}）")

    def fill_menus_and_toolbar(self, window: QMainWindow, extra_menus: dict[str, QMenu]) -> None:
        for title, names in MENUS:
            menu = window.menuBar().addMenu(_tr(title))
            for name in names:
                if name is None:
                    menu.addSeparator()
                elif name in extra_menus:
                    menu.addMenu(extra_menus[name])
                else:
                    menu.addAction(self.actions[name])
        toolbar = QToolBar(_tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for name in TOOLBAR:
            toolbar.addSeparator() if name is None else toolbar.addAction(self.actions[name])
        window.addToolBar(toolbar)
