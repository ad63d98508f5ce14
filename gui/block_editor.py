"""The text of one chapter: one paragraph per Block, its level kept as a block property.

Numbers (（一） 1. （1）) are drawn in a left margin from core.outline.block_numbers, so they renumber
live and never enter the text. The heading sentence of a numbered item is drawn bold (楷体 for （一）).
Level changes go through QTextCursor, so undo/redo covers them as well as typing.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QPainter, QSyntaxHighlighter, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextDocumentFragment, QTextFormat)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from core.outline import BODY, ITEM2, ITEM3, ITEM4, Block, block_numbers, split_heading
from core.numbering import item_prefix

LEVEL_PROPERTY = QTextFormat.Property.UserProperty + 1
BODY_FONTS = ["FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", "Noto Sans CJK SC"]
KAI_FONTS = ["KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "AR PL UKai CN", "Noto Serif CJK SC"]
EDITOR_POINT_SIZE = 14
NUMBER_COLOR = QColor("#1f5fa8")
LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\v\f]")

def split_paragraphs(text: str) -> list[str]:
    """Pasted text as paragraphs: any line break separates, indents and blank lines go."""
    lines = (line.strip(" \t\u3000\u00a0") for line in LINE_BREAKS.split(text))
    return [line for line in lines if line]


def block_level(block) -> int:
    return block.blockFormat().intProperty(LEVEL_PROPERTY)


def _level_format(level: int) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(LEVEL_PROPERTY, level)
    return fmt


class _HeadingHighlighter(QSyntaxHighlighter):
    """Draws the heading sentence of numbered items distinctly; changes no text and no undo step."""

    def __init__(self, document):
        super().__init__(document)
        self._formats = {}
        for level in (ITEM2, ITEM3, ITEM4):
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            if level == ITEM2:
                fmt.setFontFamilies(KAI_FONTS)
            self._formats[level] = fmt

    def highlightBlock(self, text: str) -> None:
        fmt = self._formats.get(block_level(self.currentBlock()))
        if fmt is not None and text:
            self.setFormat(0, len(split_heading(text)[0]), fmt)


class _NumberMargin(QWidget):
    def __init__(self, editor: BlockEditor):
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.margin_width(), 0)

    def paintEvent(self, event) -> None:
        self._editor.paint_margin(self, event.rect())


class BlockEditor(QPlainTextEdit):
    """Edits a chapter's paragraphs; emits `edited` after every real change (not highlighting)."""

    edited = Signal()
    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        font = QFont()
        font.setFamilies(BODY_FONTS)
        font.setPointSize(EDITOR_POINT_SIZE)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self._numbers: list[str] = []
        self._revision = self.document().revision()
        self._loading = False
        self._context_actions = []
        self._highlighter = _HeadingHighlighter(self.document())
        self._margin = _NumberMargin(self)
        self.setViewportMargins(self.margin_width(), 0, 0, 0)
        self.updateRequest.connect(self._scroll_margin)
        self.document().contentsChange.connect(self._on_contents_change)

    # --- content in and out ---------------------------------------------------------------

    def set_blocks(self, blocks: list[Block]) -> None:
        """Load a chapter; the undo history starts here."""
        self._loading = True
        document = self.document()
        self._highlighter.setDocument(None)  # highlight once at the end, not after every paragraph
        document.setUndoRedoEnabled(False)
        # One setPlainText, then levels on the numbered paragraphs: far faster than inserting each.
        self.setPlainText("\n".join(LINE_BREAKS.sub(" ", b.plain) for b in blocks))
        cursor = QTextCursor(document)
        for block, level in zip(self._text_blocks(), [b.level for b in blocks]):
            if level != BODY:
                cursor.setPosition(block.position())
                cursor.setBlockFormat(_level_format(level))
        document.setUndoRedoEnabled(True)
        document.setModified(False)
        self._highlighter.setDocument(document)
        self._loading = False
        self._revision = document.revision()
        self._refresh_numbers()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def blocks(self) -> list[Block]:
        """The paragraphs as Blocks; blank paragraphs are not part of the report."""
        result = []
        for block in self._text_blocks():
            text = block.text().strip()
            if not text:
                continue
            level = block_level(block)
            if level == BODY:
                result.append(Block(BODY, "", text))
            else:
                heading, rest = split_heading(text)
                result.append(Block(level, heading, rest))
        return result

    def numbers(self) -> list[str]:
        """The generated number of each paragraph as shown in the margin ("" for 正文)."""
        return list(self._numbers)

    def levels(self) -> list[int]:
        return [block_level(b) for b in self._text_blocks()]

    def _text_blocks(self):
        block = self.document().firstBlock()
        while block.isValid():
            yield block
            block = block.next()

    # --- levels ----------------------------------------------------------------------------

    def set_level(self, level: int) -> None:
        """Give every paragraph touched by the selection (or the cursor's) the level; one undo step."""
        current = self.textCursor()
        document = self.document()
        first = document.findBlock(current.selectionStart())
        last = document.findBlock(current.selectionEnd())
        edit = QTextCursor(document)
        edit.beginEditBlock()
        block = first
        while block.isValid():
            edit.setPosition(block.position())
            edit.mergeBlockFormat(_level_format(level))
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()
        self._highlighter.rehighlight()

    def set_context_actions(self, actions) -> None:
        """The level actions shown in the context menu (owned by the main window, with shortcuts)."""
        self._context_actions = list(actions)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self._context_actions:
            menu.addSeparator()
            menu.addActions(self._context_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- typing, input method, paste ------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            self._new_paragraph()
            return
        super().keyPressEvent(event)
        if event.text():
            self._recognise_typed_prefix()

    def inputMethodEvent(self, event) -> None:
        if self.isReadOnly():  # Qt still inserts a committed input-method string into a read-only editor
            return
        super().inputMethodEvent(event)
        if event.commitString():
            self._recognise_typed_prefix()

    def _new_paragraph(self) -> None:
        """Enter: a new paragraph, which is 正文 — an item is usually followed by body text."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        moving_whole_item = cursor.positionInBlock() == 0 and not cursor.hasSelection()
        cursor.insertBlock()
        if moving_whole_item:
            # The text moved down with its level; the new empty paragraph above is body text.
            above = QTextCursor(cursor.block().previous())
            above.setBlockFormat(_level_format(BODY))
        elif block_level(cursor.block()) != BODY:
            cursor.setBlockFormat(_level_format(BODY))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _recognise_typed_prefix(self) -> None:
        """"（三）" or "3." just typed at a paragraph's start becomes the level (its own undo step)."""
        cursor = self.textCursor()
        block = cursor.block()
        found = item_prefix(block.text())
        if found is None or found[1] != cursor.positionInBlock():
            return
        level, length = found
        edit = QTextCursor(block)
        edit.beginEditBlock()
        edit.setPosition(block.position() + length, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        edit.setBlockFormat(_level_format(level))
        edit.endEditBlock()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            text = source.text()
        else:
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        self.insert_paragraphs(text)

    def insert_paragraphs(self, text: str) -> None:
        """Insert plain paragraphs at the cursor (paste, 插入所选内容); numbers become levels."""
        paragraphs = split_paragraphs(text)
        if not paragraphs or self.isReadOnly():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        for i, paragraph in enumerate(paragraphs):
            if i:
                cursor.insertBlock()
                cursor.setBlockFormat(_level_format(BODY))
            found = item_prefix(paragraph)
            if found and cursor.positionInBlock() == 0:
                level, length = found
                cursor.setBlockFormat(_level_format(level))
                paragraph = paragraph[length:]
            cursor.insertText(paragraph)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # --- navigation ------------------------------------------------------------------------

    def select_in_paragraph(self, paragraph_index: int, start: int, end: int) -> bool:
        """Select [start, end) of the paragraph_index-th stored (non-blank) paragraph."""
        stored = [b for b in self._text_blocks() if b.text().strip()]
        if not 0 <= paragraph_index < len(stored):
            return False
        block = stored[paragraph_index]
        length = len(block.text())
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(max(start, 0), length))
        cursor.setPosition(block.position() + min(max(end, 0), length), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        return True

    # --- change tracking and the number margin ------------------------------------------------

    def _on_contents_change(self, _position: int, _removed: int, _added: int) -> None:
        revision = self.document().revision()
        if self._loading or revision == self._revision:
            return  # highlighting only re-marks the layout; the text did not change
        self._revision = revision
        self._refresh_numbers()
        self.edited.emit()

    def _refresh_numbers(self) -> None:
        numbers = block_numbers([Block(level) for level in self.levels()])
        if numbers != self._numbers:
            self._numbers = numbers
            self._margin.update()

    def margin_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("（十一）") + 12

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._margin.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(), rect.height()))

    def _scroll_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def paint_margin(self, margin: QWidget, rect: QRect) -> None:
        painter = QPainter(margin)
        painter.fillRect(rect, self.palette().base())
        painter.setPen(self.palette().mid().color())
        painter.drawLine(margin.width() - 1, rect.top(), margin.width() - 1, rect.bottom())
        painter.setPen(NUMBER_COLOR)
        painter.setFont(self.font())
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        line_height = self.fontMetrics().height()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > rect.bottom():
                break
            number = self._numbers[block.blockNumber()] if block.blockNumber() < len(self._numbers) else ""
            if number and block.isVisible():
                layout = block.layout()
                line_top = top + (layout.lineAt(0).y() if layout.lineCount() else 0)
                painter.drawText(QRect(0, int(line_top), margin.width() - 6, line_height),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number)
            block = block.next()
        painter.end()
