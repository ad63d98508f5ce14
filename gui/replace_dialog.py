"""查找和替换 (Ctrl+H, as in Word/WPS): in the whole report (title and 基本信息 included) or one part.

替换 and 全部替换 each write the changed report in one Archive call that first saves an automatic version,
so a replacement is one step: 撤销替换 puts the text back as long as nothing was typed since (otherwise
历史版本 has the version from before it).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from core.outline import Report, report_to_dict
from gui.errors import guarded
from core.replace import (Match, Options, block_offset, find_matches, place_label, replace_all,
                          replace_matches, slots)


class ReportAccess:
    """The open report as the dialogs read and write it, through gui/database.py's Database: load (what
    is stored, typed text included), store with a version (one Archive call, queued in order).

    The only place these dialogs touch the archive (one call per read or write)."""

    def __init__(self, database, report_id: int, after_store: Callable[[], None]):
        self._database, self.report_id, self._after_store = database, report_id, after_store

    def load(self) -> Report:
        """The stored report once what was typed is written (the dialog needs it to go on)."""
        report_id = self.report_id
        return self._database.wait_for(lambda archive: archive.load_report(report_id))

    def store(self, report: Report, version_label: str, then: Callable[[], None] | None = None) -> None:
        """Queue the rewrite; once done, the window shows the stored report, then then()."""
        report_id = self.report_id

        def done(_snapshot) -> None:
            self._after_store()
            if then is not None:
                then()
        self._database.run(lambda archive: archive.replace_content(report_id, report, version_label), done)


def same_content(a: Report, b: Report) -> bool:
    def content(report: Report) -> dict:
        data = report_to_dict(report, with_numbers=False)
        for key in ("id", "created_at", "updated_at"):
            data.pop(key)
        for chapter in data["chapters"]:
            chapter.pop("id")
        return data
    return content(a) == content(b)


class ReplaceDialog(QDialog):
    stored = Signal()  # the report was rewritten (the window has reloaded it)

    @classmethod
    def open(cls, access: ReportAccess, tabs, parent: QWidget) -> ReplaceDialog:
        """Show the window's one 查找和替换 (a new one for another report), the editor's selection to find."""
        dialog = parent.findChild(cls)
        if dialog is None or dialog.report_id != access.report_id:
            if dialog is not None:
                dialog.close()
            dialog = cls(access, tabs, parent)
        editor = tabs.current_editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        if selected and "\u2029" not in selected:
            dialog.find_edit.setText(selected)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.find_edit.setFocus()
        dialog.find_edit.selectAll()
        return dialog

    def __init__(self, access: ReportAccess, tabs, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("查找和替换"))
        self._access, self._tabs = access, tabs
        self._current: Match | None = None  # the match last shown, in the report as then stored
        self._undo: tuple[Report, Report] | None = None  # (before, after) of the last replacement
        page = tabs.current_page()
        # By position: replacing rewrites the chapters (new ids) but keeps their order.
        self._chapter_index = [c.id for c in tabs.report.chapters].index(page.chapter.id) \
            if page is not None else None
        self._build(page.chapter.title if page is not None else "")

    def _build(self, chapter_title: str) -> None:
        tr = self.tr
        self.find_edit, self.replace_edit = QLineEdit(), QLineEdit()
        self.find_edit.setPlaceholderText(tr("如：2024"))
        self.replace_edit.setPlaceholderText(tr("如：2025；留空则删除找到的文字"))
        self.whole_report = QRadioButton(tr("整个报告（含标题和基本信息）"))
        self.this_chapter = QRadioButton(tr("当前部分：{0}").format(chapter_title) if chapter_title
                                         else tr("当前部分（请先切换到一个部分）"))
        self.this_chapter.setEnabled(self._chapter_index is not None)
        scope = QButtonGroup(self)
        for button in (self.whole_report, self.this_chapter):
            scope.addButton(button)
        self.whole_report.setChecked(True)
        self.match_case = QCheckBox(tr("区分大小写"))
        self.whole_number = QCheckBox(tr("数字整体匹配（查找“2025”时不匹配“20250”中的一部分）"))
        self.whole_number.setChecked(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.find_button = QPushButton(tr("查找下一处(&F)"))
        self.replace_button = QPushButton(tr("替换(&R)"))
        self.replace_all_button = QPushButton(tr("全部替换(&A)"))
        self.undo_button = QPushButton(tr("撤销替换(&U)"))
        self.undo_button.setEnabled(False)
        close = QPushButton(tr("关闭"))
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_everywhere)
        self.undo_button.clicked.connect(self.undo)
        close.clicked.connect(self.close)

        grid = QGridLayout()
        grid.addWidget(QLabel(tr("查找内容：")), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(QLabel(tr("替换为：")), 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(QLabel(tr("范围：")), 2, 0)
        grid.addWidget(self.whole_report, 2, 1)
        grid.addWidget(self.this_chapter, 3, 1)
        grid.addWidget(self.match_case, 4, 1)
        grid.addWidget(self.whole_number, 5, 1)
        buttons = QHBoxLayout()
        for button in (self.find_button, self.replace_button, self.replace_all_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    @property
    def report_id(self) -> int:
        return self._access.report_id

    def _load(self) -> Report | None:
        """The report to work on, unless the window has moved to another report meanwhile."""
        shown = self._tabs.report
        if shown is None or shown.id != self.report_id:
            self._say(self.tr("窗口中已打开另一份报告。请关闭此窗口，再按 Ctrl+H 在当前报告中替换。"))
            for button in (self.find_button, self.replace_button, self.replace_all_button, self.undo_button):
                button.setEnabled(False)
            return None
        return self._access.load()

    # --- searching -------------------------------------------------------------------------------

    def _options(self) -> Options:
        return Options(match_case=self.match_case.isChecked(), whole_number=self.whole_number.isChecked())

    def _scope(self, report: Report) -> int | None:
        if not self.this_chapter.isChecked() or self._chapter_index >= len(report.chapters):
            return None
        return self._chapter_index

    def _matches(self, report: Report) -> list[Match]:
        return find_matches(report, self.find_edit.text(), self._options(), self._scope(report))

    @guarded
    def find_next(self) -> bool:
        report = self._load()
        return report is not None and self._show_next(report, self._current)

    def _show_next(self, report: Report, after: Match | None, replaced: int = 0) -> bool:
        """Show the first match after `after` (wrapping around); False when there is none."""
        matches = self._matches(report)
        if not matches:
            self._current = None
            self._say(self.tr("已替换 {0} 处；没有更多“{1}”。").format(replaced, self.find_edit.text()) if replaced
                      else self.tr("未找到“{0}”。").format(self.find_edit.text()))
            return False
        order = {slot: i for i, slot in enumerate(slots(report))}

        def key(m: Match):
            return order[m.slot], m.start
        following = [m for m in matches if after is None or key(m) > key(after)] or matches
        self._current = following[0]
        self._reveal(report, self._current)
        self._say(self.tr("共 {0} 处，已显示第 {1} 处（{2}）。").format(
            len(matches), matches.index(self._current) + 1, place_label(report, self._current.slot)))
        return True

    def _reveal(self, report: Report, match: Match) -> None:
        slot = match.slot
        if slot.chapter is None:
            self._tabs.show_field(slot.part)
            getattr(self._tabs.form, slot.part).setSelection(match.start, match.end - match.start)
        else:
            chapter_id = report.chapters[slot.chapter].id
            if slot.block is None:
                self._tabs.jump_to(chapter_id, -1, 0, 0)
            else:
                self._tabs.jump_to(chapter_id, slot.block, *block_offset(report, match))
        self.raise_()
        self.activateWindow()

    # --- replacing -------------------------------------------------------------------------------

    @guarded
    def replace_one(self) -> None:
        """Replace the match shown (if it is still there) and show the next, as Word does."""
        report = self._load()
        if report is None:
            return
        if self._current is None or self._current not in self._matches(report):
            self._show_next(report, self._current)
            return
        replacement, done = self.replace_edit.text(), self._current

        def show_next() -> None:  # once the window shows the replaced text
            after = Match(done.slot, done.start, done.start + len(replacement) - 1)
            self._show_next(self._access.load(), after, 1)
        self._store(report, replace_matches(report, [done], replacement), 1, show_next)

    @guarded
    def replace_everywhere(self) -> None:
        report = self._load()
        if report is None:
            return
        changed, count = replace_all(report, self.find_edit.text(), self.replace_edit.text(), self._options(),
                                     self._scope(report))
        if not count:
            self._say(self.tr("未找到“{0}”，没有替换。").format(self.find_edit.text()))
            return
        self._store(report, changed, count)
        self._current = None
        self._say(self.tr("已替换 {0} 处。替换前的内容已自动保存为历史版本；点“撤销替换”可以恢复。").format(count))

    def _store(self, before: Report, after: Report, count: int, then=None) -> None:
        label = self.tr("替换“{0}”为“{1}”之前（{2}处）").format(
            self.find_edit.text(), self.replace_edit.text(), count)
        self._access.store(after, label, then)
        self._undo = (before, after)
        self.undo_button.setEnabled(True)
        self.stored.emit()

    @guarded
    def undo(self) -> None:
        """Put back the text from before the last replacement, unless the report was edited since."""
        report = self._load()
        if report is None or self._undo is None:
            return
        before, after = self._undo
        if not same_content(report, after):
            self._say(self.tr("替换之后报告又有修改，不能直接撤销。替换前的内容在“历史版本”中，可以从那里恢复。"))
        else:
            self._access.store(before, self.tr("撤销替换之前"))
            self._say(self.tr("已撤销替换。"))
            self.stored.emit()
        self._undo, self._current = None, None
        self.undo_button.setEnabled(False)

    def _say(self, text: str) -> None:
        self.status.setText(text)
