"""Last year's text of the same chapter, read-only, with 插入所选内容."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from core.outline import Chapter, numbered_paragraphs


def chapter_text(chapter: Chapter) -> str:
    """A chapter as printed: one paragraph a line, item numbers inline."""
    return "\n".join(numbered_paragraphs(chapter.blocks))


class PreviousYearPane(QWidget):
    insert_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._caption = QLabel()
        self._caption.setWordWrap(True)
        self._caption.setObjectName("paneCaption")
        self._text = QPlainTextEdit()
        self._text.setReadOnly(True)
        self._insert = QPushButton(self.tr("插入所选内容"))
        self._insert.setToolTip(self.tr("把左侧选中的上年文字插入到本章光标处"))
        self._insert.setEnabled(False)
        self._insert.clicked.connect(self._emit_selection)
        self._text.selectionChanged.connect(
            lambda: self._insert.setEnabled(self._text.textCursor().hasSelection()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._caption)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._insert)

    def set_chapter(self, chapter: Chapter | None, year: int | None) -> None:
        if chapter is None:
            self._caption.setText(self.tr("上年对照：没有找到上一年度报告中的对应部分。"))
            self._text.setPlainText("")
            return
        self._caption.setText(self.tr("上年对照：{0}年 · {1}").format(year, chapter.title))
        self._text.setPlainText(chapter_text(chapter))

    def text(self) -> str:
        return self._text.toPlainText()

    def select_all(self) -> None:
        self._text.selectAll()

    def _emit_selection(self) -> None:
        # QPlainTextEdit reports paragraph breaks in a selection as U+2029.
        selected = self._text.textCursor().selectedText().replace("\u2029", "\n")
        if selected.strip():
            self.insert_requested.emit(selected)
