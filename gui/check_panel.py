"""The 检查 panel: findings of the review before print, with 修正, 全部修正 and 撤销."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from core.checks import ERROR, Finding, font_findings, missing_fonts_summary, place_of, run_checks
from core.outline import Report
from gui.database import user_operation
from gui.settings import Settings

SEVERITY_COLORS = {ERROR: QColor("#c0392b"), "suggestion": QColor("#8a6d00")}
TITLE_BLOCK = -1  # jump_requested's block_index for a chapter's title
FIX_ALL_LABEL = "全部修正之前"


class CheckPanel(QWidget):
    """Lists the findings for one report; a click asks the window to show the span."""

    jump_requested = Signal(int, int, int, int)  # chapter_id, block_index (-1: title), start, end
    field_requested = Signal(str)  # a report metadata field (Report attribute name) to show
    report_changed = Signal(int)  # report_id, after a fix was written to the database
    checked = Signal()  # the findings shown are those of the report as now stored

    def __init__(self, database, settings: Settings, parent: QWidget | None = None):
        """`database`: gui/database.py's Database; checks and fixes are queued behind the typed text."""
        super().__init__(parent)
        self.database = database
        self.settings = settings
        self._report_id: int | None = None
        self._report: Report | None = None
        self._findings: list[Finding] = []
        self._undo_snapshot: int | None = None
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        self._summary = QLabel()
        self._summary.setObjectName("checkSummary")
        self._summary.setWordWrap(True)
        self._pc_notes = QLabel()  # about this PC (fonts it lacks), not about the report: shown once, here
        self._pc_notes.setObjectName("checkPcNotes")
        self._pc_notes.setWordWrap(True)
        self._pc_notes.setStyleSheet("color: #666;")
        self._pc_notes.hide()
        self._list = QTreeWidget()
        self._list.setObjectName("checkFindings")
        self._list.setHeaderLabels([self.tr("类别"), self.tr("位置"), self.tr("说明")])
        self._list.setRootIsDecorated(False)
        self._list.setWordWrap(True)
        self._list.setUniformRowHeights(False)
        header = self._list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(1, 220)
        self._list.itemClicked.connect(self._jump)
        self._list.itemActivated.connect(self._jump)
        self._list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self._recheck = self._button("checkRecheck", self.tr("重新检查"), self.tr("保存后重新检查整份报告"),
                                     self.refresh)
        self._fix = self._button("checkFix", self.tr("修正"), self.tr("自动修正选中的这一处"), self.fix_selected)
        self._fix_all = self._button("checkFixAll", self.tr("全部修正"),
                                     self.tr("一次修正所有可自动修正的问题（修正前自动保存一个版本）"), self.fix_all)
        self._undo = self._button("checkUndo", self.tr("撤销"), self.tr("恢复到“全部修正”之前的内容"),
                                  self.undo_fix_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self._summary, 1)
        for button in (self._recheck, self._fix, self._fix_all, self._undo):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self._pc_notes)
        layout.addWidget(self._list, 1)

    def _button(self, name: str, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- public API --------------------------------------------------------------------------

    def set_report(self, report_id: int | None) -> None:
        if report_id != self._report_id:
            self._undo_snapshot = None
        self._report_id = report_id
        self.refresh()

    def refresh(self, note: str = "") -> None:
        """Re-run the checks on the report as stored once what was typed is written; `note` is said
        instead of the summary (why it was checked again)."""
        report_id = self._report_id
        if report_id is None:
            self._show(None, None, note)
            return
        self.database.run(lambda archive: archive.load_report(report_id),
                          lambda report: self._show(report_id, report, note))

    def _show(self, report_id: int | None, report: Report | None, note: str) -> None:
        if report_id != self._report_id:
            return  # another report was chosen meanwhile; its own check follows
        self._report = report
        self._findings = run_checks(report) if report is not None else []
        if report is not None:
            installed, font_set_name = set(QFontDatabase.families()), self.settings.font_set
            self._pc_notes.setText(missing_fonts_summary(installed, font_set_name))
            self._pc_notes.setToolTip("\n".join(n.message for n in font_findings(installed, font_set_name)))
            self._pc_notes.setVisible(bool(self._pc_notes.text()))
        self._fill()
        if note:
            self._summary.setText(note)
        self.checked.emit()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def error_count(self) -> int:
        return sum(1 for f in self._findings if f.severity == ERROR)

    # --- the list ----------------------------------------------------------------------------

    def _fill(self) -> None:
        self._list.clear()
        for finding in self._findings:
            part, paragraph = place_of(self._report, finding)
            where = f"{part} · {paragraph}" if paragraph else part
            text = finding.message + (self.tr("\n原文：{0}").format(finding.excerpt) if finding.excerpt else "")
            item = QTreeWidgetItem([finding.severity_label, where, text])
            item.setForeground(0, QBrush(SEVERITY_COLORS[finding.severity]))
            item.setToolTip(2, text)
            self._list.addTopLevelItem(item)
        self._summary.setText(self._summary_text())
        if self._findings:
            self._list.setCurrentItem(self._list.topLevelItem(0))
        self._update_buttons()

    def _summary_text(self) -> str:
        if self._report is None:
            return self.tr("没有打开报告。")
        if not self._findings:
            return self.tr("检查完毕，未发现问题。")
        errors = self.error_count()
        fixable = sum(1 for f in self._findings if f.fix is not None)
        return self.tr("错误 {0} 处，建议 {1} 处；其中 {2} 处可自动修正。").format(
            errors, len(self._findings) - errors, fixable)

    def _selected(self) -> Finding | None:
        item = self._list.currentItem()
        return self._findings[self._list.indexOfTopLevelItem(item)] if item is not None else None

    def select_row(self, row: int) -> None:
        self._list.setCurrentItem(self._list.topLevelItem(row))

    def _update_buttons(self) -> None:
        selected = self._selected()
        has_report = self._report_id is not None
        self._recheck.setEnabled(has_report)
        self._fix.setEnabled(selected is not None and selected.fix is not None)
        self._fix_all.setEnabled(any(f.fix is not None for f in self._findings))
        self._undo.setEnabled(self._undo_snapshot is not None)

    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = self._findings[self._list.indexOfTopLevelItem(item)]
        if finding.location is not None:
            loc = finding.location
            block = TITLE_BLOCK if loc.block_index is None else loc.block_index
            self.jump_requested.emit(loc.chapter_id, block, loc.start, loc.end)
        elif finding.field is not None:
            self.field_requested.emit(finding.field)

    # --- fixing ------------------------------------------------------------------------------

    # Each is one Archive call queued behind the typed text: the fix applies to what was typed.

    @user_operation("修正")
    def fix_selected(self) -> None:
        finding, report_id = self._selected(), self._report_id
        if finding is None or finding.fix is None:
            return
        self.database.run(lambda archive: archive.apply_fixes(report_id, finding),
                          lambda result: self._fixed(report_id, result.changed,
                                                     self.tr("这一处在检查后已被改动，已重新检查。")))

    @user_operation("全部修正")
    def fix_all(self) -> None:
        report_id = self._report_id
        if report_id is None:
            return

        def done(result):
            if result.changed:
                self._undo_snapshot = result.snapshot_id
            self._fixed(report_id, result.changed)
        self.database.run(lambda archive: archive.apply_fixes(report_id, None, FIX_ALL_LABEL), done)

    @user_operation("撤销全部修正")
    def undo_fix_all(self) -> None:
        snapshot_id, report_id = self._undo_snapshot, self._report_id
        if snapshot_id is None:
            return

        def restored(_before):  # the 撤销 goes only now: a restore that failed can be tried again
            if self._undo_snapshot == snapshot_id:
                self._undo_snapshot = None
            self._fixed(report_id, True)
        self.database.run(lambda archive: archive.restore_snapshot(snapshot_id), restored)

    def _fixed(self, report_id: int, changed: bool, note_unchanged: str = "") -> None:
        if changed:
            self.report_changed.emit(report_id)
        if report_id == self._report_id:
            self.refresh("" if changed else note_unchanged)


def check_dock(window, database, settings: Settings, tabs, on_changed, action) -> CheckPanel:
    """The 检查 panel in a dock at the bottom of `window`, wired to the tabs and to its toggle action."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget
    panel = CheckPanel(database, settings, window)
    panel.jump_requested.connect(tabs.jump_to)
    panel.field_requested.connect(tabs.show_field)
    panel.report_changed.connect(on_changed)
    dock = QDockWidget(panel.tr("检查"), window)
    dock.setObjectName("checkDock")
    dock.setWidget(panel)
    dock.visibilityChanged.connect(action.setChecked)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    from PySide6.QtCore import QSize
    from gui.window_layout import keep_dock_usable
    keep_dock_usable(window, dock, QSize(720, 260))
    return panel
