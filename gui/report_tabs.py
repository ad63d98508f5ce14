"""The open report: a 基本信息 tab and one tab per chapter, in order, with generated numbers.

Edits are handed to the Database's autosave; structural changes (add, rename, move, remove) are
Database operations, queued behind the typed text, so the two can never interleave (gui/database.py).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTabWidget, QWidget

from core.outline import Chapter, Report, chapter_numbers
from core.template import template_chapter
from gui.chapter_editor import MIN_PANE_WIDTH, ChapterEditor
from gui.chapter_structure import FIXED_TABS, ChapterStructure
from gui.figures_tab import FiguresTab
from gui.metadata_form import MetadataForm

class _PendingPage(QWidget):
    """Stands in for a chapter's editor until its tab is first shown (opening a report stays fast)."""

    def __init__(self, chapter: Chapter):
        super().__init__()
        self.chapter = chapter


TAB_LABEL_CHARS = 9
COUNT_DELAY_MS = 300
_LEADING_YEAR = re.compile(r"^\d{4}年度?")


def tab_label(number: str, title: str, template_key: str | None) -> str:
    """A tab label that fits: the number and a short name; the full title goes in the tooltip."""
    template = template_chapter(template_key)
    short = (template.tab_label if template else "") or _LEADING_YEAR.sub("", title) or title
    if len(short) > TAB_LABEL_CHARS:
        short = short[:TAB_LABEL_CHARS - 1] + "…"
    return number + short


class ReportTabs(ChapterStructure, QTabWidget):
    meta_edited = Signal()  # metadata typed: refresh the window title
    meta_saved = Signal()  # metadata written: refresh the archive list
    counts_changed = Signal(int, int)  # characters in the current chapter, in the report
    current_editor_changed = Signal()

    def __init__(self, database, parent: QWidget | None = None):
        """`database`: gui/database.py's Database, the one way to the archive."""
        super().__init__(parent)
        self.database = database
        self.report: Report | None = None
        self._autosaver = database.edits
        self._level_actions = []
        self._pane_visible = True
        self._pane_sizes: list[int] = []
        self._previous_year: int | None = None
        self._previous_by_key: dict[str, Chapter] = {}
        self._counts: dict[int, int] = {}
        self._relocating = False
        self._read_only = False
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.tabBar().setMovable(True)
        self.tabBar().tabMoved.connect(self._on_tab_moved)
        self.currentChanged.connect(self._on_current_changed)
        self.form = MetadataForm()
        self.form.changed.connect(self._schedule_metadata)
        self.figures_tab = FiguresTab()
        self.figures_tab.changed.connect(self._schedule_figures)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._recount_current)
        self._autosaver.saved.connect(self._on_saved)

    # --- loading ---------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Only look, never change (the archive is open in another window)."""
        self._read_only = read_only
        self.form.setEnabled(not read_only)
        self.figures_tab.set_read_only(read_only)
        self.tabBar().setMovable(not read_only)
        for page in self.loaded_pages():
            page.editor.setReadOnly(read_only)

    def set_level_actions(self, actions) -> None:
        self._level_actions = list(actions)

    def load(self, report_id: int) -> None:
        """Show a report as stored once the typed text is written (waits for the database: the tabs
        cannot be built without it). Raises EditsNotSaved when that text could not be written."""
        view, figures = self.database.wait_for(
            lambda archive: (archive.load_for_editing(report_id), archive.figure_table(report_id)))
        self.show_report(view.report, view.previous, view.organs)
        self._show_figures(view.report, figures)

    def load_figures(self) -> None:
        """The 数据 tab of the report shown, once the archive is open (after the first read at start)."""
        report = self.report
        self.database.run(lambda archive: archive.figure_table(report.id),
                          lambda figures: self.report is report and self._show_figures(report, figures))

    def _show_figures(self, report: Report, figures) -> None:
        stored = self.database.archive
        self.figures_tab.show_figures(report.year, figures, lambda key: stored.figure_history(report.id, key),
                                      lambda: self._stated_figures(report.id))

    def reload(self, keep_chapter_id: int | None = None) -> None:
        if self.report is not None:
            keep = keep_chapter_id if keep_chapter_id is not None else self._current_chapter_id()
            self.load(self.report.id)
            self.show_chapter(keep)

    def refresh_chapter(self, chapter: Chapter) -> None:
        """Another window's newer text of a chapter with nothing of this window's in it (presence_watch)."""
        self.page_for(chapter.id).show_newer(chapter)  # same title: a renamed chapter reloads the report
        self._counts[chapter.id] = chapter.char_count()
        self._emit_counts()

    def show_report(self, report: Report, previous: Report | None, known_organs) -> None:
        """Tabs for every chapter; a chapter's editor is built when its tab is first shown."""
        self._relocating = True
        self.setUpdatesEnabled(False)  # one layout and paint for the whole rebuild
        self._clear_pages()
        self.report = report
        self._previous_year = previous.year if previous else None
        self._previous_by_key = {c.template_key: c for c in previous.chapters if c.template_key} \
            if previous else {}
        self.form.set_report(report, known_organs)
        self.addTab(self.form, self.tr("基本信息"))
        self.addTab(self.figures_tab, self.tr("数据"))
        for chapter in report.chapters:
            self._counts[chapter.id] = chapter.char_count()
            self.addTab(_PendingPage(chapter), "")
        self._relabel()
        self.setUpdatesEnabled(True)
        self._relocating = False
        self._emit_counts()

    def _build_page(self, index: int) -> ChapterEditor:
        """Replace the placeholder at `index` by the chapter's editor."""
        pending = self.widget(index)
        page = ChapterEditor(pending.chapter, self.report.year)
        page.editor.set_context_actions(self._level_actions)
        page.editor.setReadOnly(self._read_only)
        page.set_previous(self._previous_by_key.get(page.chapter.template_key), self._previous_year)
        page.set_pane_visible(self._pane_visible and self._previous_year is not None)
        if self._pane_sizes:
            page.splitter.setSizes(self._pane_sizes)
        page.edited.connect(lambda: self._schedule_chapter(page))
        # Leaving the editor (to the check panel, a dialog) writes at once.
        page.editor.focus_lost.connect(self._autosaver.write_soon)
        relocating, current = self._relocating, self.currentIndex()
        self._relocating = True
        self.removeTab(index)
        self.insertTab(index, page, "")
        self.setCurrentIndex(current)
        self._relocating = relocating
        pending.deleteLater()
        self._relabel()
        return page

    def _clear_pages(self) -> None:
        for page in self.loaded_pages():
            self._autosaver.discard(("chapter", page.chapter_id))
        self._counts.clear()
        self.setCurrentIndex(0)
        for index in reversed(range(self.count())):  # from the end: no other page is shown meanwhile
            widget = self.widget(index)
            self.removeTab(index)
            if widget not in (self.form, self.figures_tab):
                widget.deleteLater()

    def clear_report(self) -> None:
        self._relocating = True
        self._clear_pages()
        self.report = None
        self._relocating = False

    # --- access ----------------------------------------------------------------------------

    def _chapter_indexes(self) -> range:
        return range(FIXED_TABS, self.count())

    def loaded_pages(self) -> list[ChapterEditor]:
        """The chapter editors built so far, in tab order."""
        return [w for w in map(self.widget, self._chapter_indexes()) if isinstance(w, ChapterEditor)]

    def pages(self) -> list[ChapterEditor]:
        """Every chapter's editor, in tab order (building those not shown yet)."""
        return [self._page_at(i) for i in self._chapter_indexes()]

    def _page_at(self, index: int) -> ChapterEditor:
        widget = self.widget(index)
        return widget if isinstance(widget, ChapterEditor) else self._build_page(index)

    def chapters(self):
        return [self.widget(i).chapter for i in self._chapter_indexes()]

    def page_for(self, chapter_id: int) -> ChapterEditor | None:
        index = next((i for i in self._chapter_indexes() if self.widget(i).chapter.id == chapter_id), None)
        return None if index is None else self._page_at(index)

    def current_page(self) -> ChapterEditor | None:
        index = self.currentIndex()
        return self._page_at(index) if index >= FIXED_TABS else None

    def current_editor(self):
        page = self.current_page()
        return page.editor if page else None

    def figures(self):
        """The 数据 tab's figures (for 插入数据)."""
        return self.figures_tab.figures()

    def report_title(self) -> str:
        """The open report's title as typed, or 「2024年度报告」 while it has none."""
        fields = self.form.fields()
        return fields["title"] or self.tr("{0}年度报告").format(fields["year"])

    def _current_chapter_id(self) -> int | None:
        page = self.current_page()
        return page.chapter_id if page else None

    def show_first_chapter(self) -> None:
        if self.count() > FIXED_TABS:
            self.setCurrentIndex(FIXED_TABS)

    def show_chapter(self, chapter_id: int | None) -> None:
        page = self.page_for(chapter_id) if chapter_id is not None else None
        if page is not None:
            self.setCurrentWidget(page)

    # --- autosave --------------------------------------------------------------------------

    # A save states the revision it edited: the revision is read and updated on the writer thread, in
    # write order, so consecutive saves of this window follow each other, and a save after another
    # window's is refused (EditConflict: the text is kept as a version; the window shows the newer one).

    def _schedule_chapter(self, page: ChapterEditor) -> None:
        chapter, report_id = page.chapter, self.report.id

        def prepare():
            blocks = page.blocks()  # copied on the GUI thread; the writer thread gets only the copy

            def write(archive):  # the archive of the moment: after 另存档案 the new file
                chapter.revision = archive.save_chapter(chapter.id, blocks, revision=chapter.revision,
                                                        report_id=report_id)
            return write
        self._autosaver.schedule(("chapter", chapter.id), prepare)
        self._count_timer.start(COUNT_DELAY_MS)

    def _schedule_metadata(self) -> None:
        report, form = self.report, self.form

        def prepare():
            fields = form.fields()

            def write(archive):
                report.revision = archive.update_report(report.id, revision=report.revision, **fields)
            return write
        self._autosaver.schedule(("report", report.id), prepare)
        self.meta_edited.emit()

    def _stated_figures(self, report_id: int):
        """The figures the report's text states, as stored once pending typing is written."""
        from core.figure_text import proposed_figures  # its patterns load on first use, not at start
        return proposed_figures(self.database.wait_for(lambda archive: archive.load_report(report_id)))

    def _schedule_figures(self) -> None:
        report, tab = self.report, self.figures_tab

        def prepare():
            figures = tab.edited_figures()

            def write(archive):
                archive.set_figures(report.id, figures)
            return write
        self._autosaver.schedule(("figures", report.id), prepare)

    def _on_saved(self, key) -> None:
        if key[0] == "report":
            self.meta_saved.emit()

    def _on_current_changed(self, _index: int) -> None:
        if self._relocating:
            return
        self._autosaver.write_soon()  # a tab switch writes at once
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

    # --- previous-year pane ------------------------------------------------------------------

    def set_pane_visible(self, visible: bool) -> None:
        self._pane_visible = visible
        for page in self.loaded_pages():
            page.set_pane_visible(visible and self._previous_year is not None)

    def set_pane_sizes(self, sizes: list[int]) -> None:
        if len(sizes) != 2 or min(sizes) < MIN_PANE_WIDTH:
            return  # a collapsed pane is not a size to keep
        self._pane_sizes = list(sizes)
        for page in self.loaded_pages():
            page.splitter.setSizes(self._pane_sizes)

    def pane_sizes(self) -> list[int]:
        shown = [page.splitter.sizes() for page in self.loaded_pages() if page.pane.isVisibleTo(page)]
        usable = [sizes for sizes in shown if min(sizes) >= MIN_PANE_WIDTH]
        return usable[0] if usable else self._pane_sizes

    # --- chapters ----------------------------------------------------------------------------

    def _relabel(self) -> None:
        chapters = self.chapters()
        for index, chapter, number in zip(self._chapter_indexes(), chapters, chapter_numbers(chapters)):
            self.setTabText(index, tab_label(number, chapter.title, chapter.template_key))
            self.setTabToolTip(index, number + chapter.title)
            page = self.widget(index)
            if isinstance(page, ChapterEditor):
                page.set_number(number)

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
        """Show a span of a stored paragraph; block_index -1 stands for the chapter's title."""
        page = self.page_for(chapter_id)
        if page is None:
            return False
        self.setCurrentWidget(page)
        page.editor.setFocus()
        return block_index < 0 or page.editor.select_in_paragraph(block_index, start, end)

    def show_hit(self, chapter_id: int, paragraph: int, query: str) -> None:
        """Select a search hit: `query` in a stored paragraph (its start when the text changed since)."""
        page = self.page_for(chapter_id)
        if page is None:
            return
        blocks = page.blocks()
        start = blocks[paragraph].plain.find(query) if paragraph < len(blocks) else -1
        self.jump_to(chapter_id, paragraph, max(start, 0), max(start, 0) + len(query) if start >= 0 else 0)

    def show_field(self, name: str) -> None:
        """Show a metadata field (a Report attribute name, e.g. doc_number) in 基本信息."""
        self.setCurrentWidget(self.form)
        widget = getattr(self.form, name, None)
        if widget is not None:
            self.form.ensureWidgetVisible(widget)
            widget.setFocus()
