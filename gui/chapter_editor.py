"""One chapter tab: its title, the paragraph editor and, beside it, last year's same chapter."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from core.outline import Block, Chapter, count_chars
from core.template import template_chapter
from gui.block_editor import BlockEditor
from gui.previous_year_pane import PreviousYearPane
from gui.window_layout import MIN_PART as MIN_PANE_WIDTH


class ChapterEditor(QWidget):
    edited = Signal()

    def __init__(self, chapter: Chapter, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.chapter = chapter
        self.year = year
        self._number = ""
        self._title = QLabel()
        self._title.setObjectName("chapterTitle")
        self._title.setWordWrap(True)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor = BlockEditor()
        self.editor.set_blocks(chapter.blocks)
        self.editor.setPlaceholderText(self._hint())
        self.editor.edited.connect(self.edited)
        self.pane = PreviousYearPane()
        self.pane.insert_requested.connect(self.editor.insert_paragraphs)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)  # a pane dragged to nothing could not be found again
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._title)
        layout.addWidget(self.splitter, 1)

    @property
    def chapter_id(self) -> int:
        return self.chapter.id

    def _hint(self) -> str:
        template = template_chapter(self.chapter.template_key)
        if template is None:
            return self.tr("在此输入本部分内容。每段一行；用工具栏或 Ctrl+2/3/4 设置（一）、1.、（1）层级。")
        return template.hint_for(self.year)

    def set_number(self, number: str) -> None:
        self._number = number
        self._title.setText(number + self.chapter.title)

    def set_title(self, title: str) -> None:
        self.chapter.title = title
        self.set_number(self._number)

    def show_newer(self, chapter: Chapter) -> None:
        """The chapter's text as written elsewhere since it was loaded, and its revision (the chapter object
        is the report's own, so the report the tabs hold follows)."""
        self.chapter.blocks, self.chapter.revision = list(chapter.blocks), chapter.revision
        self.editor.set_blocks(chapter.blocks)

    def set_previous(self, chapter: Chapter | None, year: int | None) -> None:
        self.pane.set_chapter(chapter, year)

    def set_pane_visible(self, visible: bool) -> None:
        self.pane.setVisible(visible)
        sizes = self.splitter.sizes()
        if visible and sum(sizes) > 0 and sizes[1] < MIN_PANE_WIDTH:  # F9 brings it back usable (3 : 2)
            self.splitter.setSizes([sum(sizes) * 3 // 5, sum(sizes) * 2 // 5])

    def blocks(self) -> list[Block]:
        return self.editor.blocks()

    def char_count(self) -> int:
        return count_chars(self.editor.toPlainText())
