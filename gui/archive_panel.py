"""The archive list: reports grouped by year, newest first, and the 回收站 below them.

Its highlighted row is always the open report: clicking a year, the 回收站 or right-clicking another
report puts the highlight back (issue 12.6). A live report's context menu asks the window, by
`report_action`, to 打开 / 以此为基础新建下一年 / 导出 / 删除 it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from core.outline import STATUS_LABELS

REPORT_MENU = {"open": "打开", "next_year": "以此为基础新建下一年…", "export": "导出 Word/PDF…", "delete": "删除…"}
REPORT_ROLE = Qt.ItemDataRole.UserRole
DELETED_ROLE = Qt.ItemDataRole.UserRole + 1


class ArchivePanel(QWidget):
    report_selected = Signal(int)
    undelete_requested = Signal(int)
    purge_requested = Signal(int)
    report_action = Signal(str, int)  # (one of REPORT_MENU's keys, report id)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._current_id: int | None = None

    def set_reports(self, reports, deleted) -> None:
        """Fill from Archive.list_reports() and list_reports(deleted=True)."""
        self.tree.clear()
        years: dict[int, QTreeWidgetItem] = {}
        for summary in reports:
            if summary.year not in years:
                years[summary.year] = QTreeWidgetItem(self.tree, [self.tr("{0}年度").format(summary.year)])
                years[summary.year].setExpanded(True)
            self._report_item(years[summary.year], summary, deleted=False)
        if deleted:
            trash = QTreeWidgetItem(self.tree, [self.tr("回收站（{0}）").format(len(deleted))])
            trash.setToolTip(0, self.tr("已删除的报告；右键可恢复或彻底删除"))
            for summary in deleted:
                self._report_item(trash, summary, deleted=True)
        self.mark_current(self._current_id)

    def _report_item(self, parent: QTreeWidgetItem, summary, deleted: bool) -> QTreeWidgetItem:
        organs = "、".join(summary.organs) or self.tr("（未填发文机关）")
        status = STATUS_LABELS.get(summary.status, summary.status)
        label = f"{summary.year}年 · {organs}" if deleted else organs
        item = QTreeWidgetItem(parent, [f"[{status}] {label}"])
        item.setData(0, REPORT_ROLE, summary.id)
        item.setData(0, DELETED_ROLE, deleted)
        item.setToolTip(0, f"{summary.title}\n{self.tr('修改于')} {summary.updated_at:%Y-%m-%d %H:%M}")
        if deleted:
            item.setForeground(0, self.palette().placeholderText())
        return item

    def report_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def mark_current(self, report_id: int | None) -> None:
        self._current_id = report_id
        for item in self.report_items():
            live = not item.data(0, DELETED_ROLE)
            if live and item.data(0, REPORT_ROLE) == report_id:
                self.tree.setCurrentItem(item)
                return
        self.tree.setCurrentItem(None)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        report_id = item.data(0, REPORT_ROLE)
        if report_id is None or item.data(0, DELETED_ROLE):
            self.mark_current(self._current_id)  # a year or the 回收站 is not what the editor shows
            return
        if report_id != self._current_id:
            self.report_selected.emit(report_id)

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        report_id = item.data(0, REPORT_ROLE) if item is not None else None
        if report_id is None:
            return
        menu = self.report_menu(report_id, bool(item.data(0, DELETED_ROLE)))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        self.mark_current(self._current_id)

    def report_menu(self, report_id: int, deleted: bool) -> QMenu:
        menu = QMenu(self)
        if deleted:
            menu.addAction(self.tr("恢复"), lambda: self.undelete_requested.emit(report_id))
            menu.addAction(self.tr("彻底删除…"), lambda: self.purge_requested.emit(report_id))
            return menu
        for key, text in REPORT_MENU.items():
            menu.addAction(self.tr(text), lambda key=key: self.report_action.emit(key, report_id))
        return menu
