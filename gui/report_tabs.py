"""The open report: a 基本信息 tab and one tab per chapter, in order, with generated numbers.

Edits are handed to the Autosaver; structural changes (add, rename, move, remove) go to the archive
at once, after pending text is written, so the two can never interleave.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QInputDialog, QLineEdit, QTabWidget, QWidget

from core.outline import Report, chapter_numbers, count_chars
from gui.autosave import Autosaver
from gui.chapter_editor import ChapterEditor
from gui.errors import ask
from gui.metadata_form import MetadataForm

SHORT_LABELS = {"intro": "导语", "measures": "主要举措和成效", "shortcomings": "不足和原因",
                "first_responsibility": "第一责任人职责", "plans": "下一年度安排", "other": "其他情况"}
TAB_LABEL_CHARS = 9
COUNT_DELAY_MS = 300
_LEADING_YEAR = re.compile(r"^\d{4}年度?")


def tab_label(number: str, title: str, template_key: str | None) -> str:
    """A tab label that fits: the number and a short name; the full title goes in the tooltip."""
    short = SHORT_LABELS.get(template_key or "") or _LEADING_YEAR.sub("", title) or title
    if len(short) > TAB_LABEL_CHARS:
        short = short[:TAB_LABEL_CHARS - 1] + "…"
    return number + short


class ReportTabs(QTabWidget):
    meta_edited = Signal()  # metadata typed: refresh the window title
    meta_saved = Signal()  # metadata written: refresh the archive list
    counts_changed = Signal(int, int)  # characters in the current chapter, in the report
    current_editor_changed = Signal()

    def __init__(self, autosaver: Autosaver, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive = None
        self.report: Report | None = None
        self._autosaver = autosaver
        self._level_actions = []
        self._pane_visible = True
        self._pane_sizes: list[int] = []
        self._previous_year: int | None = None
        self._counts: dict[int, int] = {}
        self._relocating = False
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.tabBar().setMovable(True)
        self.tabBar().tabMoved.connect(self._on_tab_moved)
        self.currentChanged.connect(self._on_current_changed)
        self.form = MetadataForm()
        self.form.changed.connect(self._schedule_metadata)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._recount_current)
        autosaver.saved.connect(self._on_saved)

    # --- loading ---------------------------------------------------------------------------

    def set_level_actions(self, actions) -> None:
        self._level_actions = list(actions)

    def load(self, report_id: int) -> None:
        """Show a report from the archive; the caller has flushed pending edits."""
        report = self.archive.load_report(report_id)
        previous = self.archive.previous_report(report_id)
        self.show_report(report, previous, self.archive.list_organs())

    def reload(self, keep_chapter_id: int | None = None) -> None:
        if self.report is not None:
            keep = keep_chapter_id if keep_chapter_id is not None else self._current_chapter_id()
            self.load(self.report.id)
            self.show_chapter(keep)

    def show_report(self, report: Report, previous: Report | None, known_organs) -> None:
        self._relocating = True
        self._clear_pages()
        self.report = report
        self._previous_year = previous.year if previous else None
        self.form.set_report(report, known_organs)
        self.addTab(self.form, self.tr("基本信息"))
        previous_by_key = {c.template_key: c for c in previous.chapters if c.template_key} if previous else {}
        for chapter in report.chapters:
            page = ChapterEditor(chapter, report.year)
            page.editor.set_context_actions(self._level_actions)
            page.set_previous(previous_by_key.get(chapter.template_key), previous.year if previous else None)
            page.set_pane_visible(self._pane_visible and previous is not None)
            if self._pane_sizes:
                page.splitter.setSizes(self._pane_sizes)
            page.edited.connect(lambda p=page: self._schedule_chapter(p))
            # Leaving the editor (to the check panel, a dialog) writes at once.
            page.editor.focus_lost.connect(self._autosaver.flush)
            self._counts[chapter.id] = chapter.char_count()
            self.addTab(page, "")
        self._relabel()
        self._relocating = False
        self._emit_counts()

    def _clear_pages(self) -> None:
        for page in self.pages():
            self._autosaver.discard(("chapter", page.chapter_id))
            page.deleteLater()
        self._counts.clear()
        while self.count():
            self.removeTab(0)

    def clear_report(self) -> None:
        self._relocating = True
        self._clear_pages()
        self.report = None
        self._relocating = False

    # --- access ----------------------------------------------------------------------------

    def pages(self) -> list[ChapterEditor]:
        return [w for w in (self.widget(i) for i in range(self.count())) if isinstance(w, ChapterEditor)]

    def page_for(self, chapter_id: int) -> ChapterEditor | None:
        return next((p for p in self.pages() if p.chapter_id == chapter_id), None)

    def current_page(self) -> ChapterEditor | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, ChapterEditor) else None

    def current_editor(self):
        page = self.current_page()
        return page.editor if page else None

    def _current_chapter_id(self) -> int | None:
        page = self.current_page()
        return page.chapter_id if page else None

    def show_chapter(self, chapter_id: int | None) -> None:
        page = self.page_for(chapter_id) if chapter_id is not None else None
        if page is not None:
            self.setCurrentWidget(page)

    # --- autosave --------------------------------------------------------------------------

    def _schedule_chapter(self, page: ChapterEditor) -> None:
        archive, chapter_id = self.archive, page.chapter_id
        self._autosaver.schedule(("chapter", chapter_id),
                                 lambda: archive.save_chapter(chapter_id, page.blocks()))
        self._count_timer.start(COUNT_DELAY_MS)

    def _schedule_metadata(self) -> None:
        archive, report_id, form = self.archive, self.report.id, self.form
        self._autosaver.schedule(("report", report_id),
                                 lambda: archive.update_report(report_id, **form.fields()))
        self.meta_edited.emit()

    def _on_saved(self, key) -> None:
        if key[0] == "report":
            self.meta_saved.emit()

    def _on_current_changed(self, _index: int) -> None:
        if self._relocating:
            return
        self._autosaver.flush()  # a tab switch writes at once
        self._recount_current()
        self.current_editor_changed.emit()

    # --- counts ----------------------------------------------------------------------------

    def _recount_current(self) -> None:
        page = self.current_page()
        if page is not None:
            self._counts[page.chapter_id] = page.char_count()
        self._emit_counts()

    def _emit_counts(self) -> None:
        page = self.current_page()
        current = self._counts.get(page.chapter_id, 0) if page else 0
        self.counts_changed.emit(current, sum(self._counts.values()))

    def report_char_count(self) -> int:
        return sum(count_chars(p.editor.toPlainText()) for p in self.pages())

    # --- previous-year pane ------------------------------------------------------------------

    def set_pane_visible(self, visible: bool) -> None:
        self._pane_visible = visible
        for page in self.pages():
            page.set_pane_visible(visible and self._previous_year is not None)

    def set_pane_sizes(self, sizes: list[int]) -> None:
        self._pane_sizes = list(sizes)
        for page in self.pages():
            page.splitter.setSizes(self._pane_sizes)

    def pane_sizes(self) -> list[int]:
        page = self.current_page() or (self.pages()[0] if self.pages() else None)
        return page.splitter.sizes() if page else self._pane_sizes

    # --- chapters ----------------------------------------------------------------------------

    def _relabel(self) -> None:
        pages = self.pages()
        numbers = chapter_numbers([p.chapter for p in pages])
        for page, number in zip(pages, numbers):
            index = self.indexOf(page)
            self.setTabText(index, tab_label(number, page.chapter.title, page.chapter.template_key))
            self.setTabToolTip(index, number + page.chapter.title)
            page.set_number(number)

    def add_chapter(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("新增部分"), self.tr("部分标题："),
                                         QLineEdit.EchoMode.Normal, self.tr("其他需要报告的情况"))
        if not ok or not title.strip() or not self._autosaver.flush():
            return
        current = self.current_page()
        position = self.pages().index(current) + 1 if current else len(self.pages())
        chapter_id = self.archive.add_chapter(self.report.id, title.strip(), None, position)
        self.reload(chapter_id)

    def rename_chapter(self) -> None:
        page = self.current_page()
        if page is None:
            return
        title, ok = QInputDialog.getText(self, self.tr("重命名部分"), self.tr("部分标题："),
                                         QLineEdit.EchoMode.Normal, page.chapter.title)
        if not ok or not title.strip() or title.strip() == page.chapter.title:
            return
        self.archive.rename_chapter(page.chapter_id, title.strip())
        page.set_title(title.strip())
        self._relabel()

    def move_chapter(self, delta: int) -> None:
        """上移 (-1) / 下移 (+1) the current chapter."""
        page = self.current_page()
        if page is None:
            return
        index = self.indexOf(page)
        target = index + delta
        if not 1 <= target < self.count():
            return
        self.tabBar().moveTab(index, target)  # _on_tab_moved stores the order

    def _on_tab_moved(self, from_index: int, to_index: int) -> None:
        if self._relocating:
            return
        if from_index == 0 or to_index == 0:  # 基本信息 stays first
            self._relocating = True
            self.tabBar().moveTab(to_index, from_index)
            self._relocating = False
            return
        page = self.widget(to_index)
        self.archive.move_chapter(page.chapter_id, to_index - 1)
        self._relabel()

    def remove_chapter(self) -> None:
        page = self.current_page()
        if page is None:
            return
        question = self.tr("确定删除“{0}”吗？\n\n删除前的全文会自动保存为一个历史版本，可在“历史版本”中恢复。")
        if not ask(self, self.tr("删除部分"), question.format(page.chapter.title), self.tr("删除")):
            return
        if not self._autosaver.flush():
            return
        self.archive.remove_chapter(page.chapter_id)
        self.reload(-1)

    # --- find and jump -------------------------------------------------------------------------

    def find(self, text: str, backward: bool = False) -> bool:
        """Find text from the cursor on, through the following chapters, wrapping around once."""
        pages = self.pages()
        if not text or not pages:
            return False
        current = self.current_page()
        start = pages.index(current) if current in pages else 0
        step = -1 if backward else 1
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        for offset in range(len(pages) + 1):
            page = pages[(start + step * offset) % len(pages)]
            editor = page.editor
            if offset:
                editor.moveCursor(editor.textCursor().MoveOperation.End if backward
                                  else editor.textCursor().MoveOperation.Start)
            if editor.find(text, flags):
                self.setCurrentWidget(page)
                editor.setFocus()
                return True
        return False

    def jump_to(self, chapter_id: int, block_index: int, start: int, end: int) -> bool:
        page = self.page_for(chapter_id)
        if page is None:
            return False
        self.setCurrentWidget(page)
        page.editor.setFocus()
        return page.editor.select_in_paragraph(block_index, start, end)
