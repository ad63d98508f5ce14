"""The text of one chapter: one paragraph per Block, its level kept as a block property.

Numbers (（一） 1. （1）) are drawn in a left margin from core.outline.block_numbers, so they renumber
live and never enter the text. The heading of a numbered item (Block.heading) is stored, like the
level: its characters carry HEADING_PROPERTY, so they keep it while the clerk types elsewhere, and the
split the importer found is the one the export prints. The heading is drawn bold (楷体 for （一））.
When a paragraph becomes an item, its first sentence becomes the heading; 设为小标题 / 取消小标题
change it. Level and heading changes go through QTextCursor, so undo/redo covers them as well as typing.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QPainter, QSyntaxHighlighter, QTextCharFormat, QTextCursor)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from core.outline import BODY, ITEM2, ITEM3, ITEM4, Block, block_numbers
from core.numbering import item_prefix
from gui.editor_keys import handle_editor_key
from gui.heading_actions import HeadingActions
from gui.paste import pasted_text
from gui.paragraph_marks import (HEADING_PROPERTY, block_level, char_format, closed_heading_length,
                                 first_sentence_length, heading_length, level_format, mark_heading,
                                 typed_into_heading)

BODY_FONTS = ["FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", "Noto Sans CJK SC"]
KAI_FONTS = ["KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "AR PL UKai CN", "Noto Serif CJK SC"]
EDITOR_POINT_SIZE = 14
NUMBER_COLOR = QColor("#1f5fa8")
LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\v\f]")

def split_paragraphs(text: str) -> list[str]:
    """Pasted text as paragraphs: any line break separates, indents and blank lines go."""
    lines = (line.strip(" \t\u3000\u00a0") for line in LINE_BREAKS.split(text))
    return [line for line in lines if line]


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
            self.setFormat(0, heading_length(self.currentBlock()), fmt)


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
        self._levels: list[int] = []  # each paragraph's level when the numbers were last computed
        self._revision = self.document().revision()
        self._loading = False
        self._context_actions = []
        self._typing_from: tuple[int, int] | None = None  # (paragraph, position) where typing began
        self.heading_actions = HeadingActions(self)
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
        cursor.beginEditBlock()  # the layout hears of all the formats at once, at the end
        for text_block, block in zip(self._text_blocks(), blocks):
            if block.level != BODY:
                cursor.setPosition(text_block.position())
                cursor.setBlockFormat(level_format(block.level))
                if block.heading:  # the rest is plain already: mark only the heading (loading stays fast)
                    cursor.setPosition(text_block.position() + len(LINE_BREAKS.sub(" ", block.heading)),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(char_format(True))
        cursor.endEditBlock()
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
            text = block.text()
            if not text.strip():
                continue
            level = block_level(block)
            length = heading_length(block)
            heading = text[:length].strip()
            rest = text[length:].rstrip() if heading else text.strip()
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
            was_item = block_level(block) != BODY
            edit.setPosition(block.position())
            edit.mergeBlockFormat(level_format(level))
            if level == BODY:
                mark_heading(block, 0)
            elif not was_item:
                mark_heading(block, first_sentence_length(block.text()))
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()
        self._highlighter.rehighlight()

    # --- the heading ------------------------------------------------------------------------

    def set_heading_end(self) -> None:
        """设为小标题: the item's heading runs from its start to the cursor (or the selection's end).

        At the paragraph's start with nothing selected, the first sentence becomes the heading."""
        cursor = self.textCursor()
        block = self.document().findBlock(cursor.selectionEnd())
        if block_level(block) == BODY:
            return
        end = cursor.selectionEnd() - block.position()
        edit = QTextCursor(block)
        edit.beginEditBlock()
        mark_heading(block, end or first_sentence_length(block.text()))
        edit.endEditBlock()

    def clear_heading(self) -> None:
        """取消小标题: the items touched by the selection (or the cursor's) have no heading."""
        cursor = self.textCursor()
        document = self.document()
        block, last = document.findBlock(cursor.selectionStart()), document.findBlock(cursor.selectionEnd())
        edit = QTextCursor(block)
        edit.beginEditBlock()
        while block.isValid():
            mark_heading(block, 0)
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()

    def set_context_actions(self, actions) -> None:
        """The level actions shown in the context menu (owned by the main window, with shortcuts)."""
        self._context_actions = list(actions)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self._context_actions:
            menu.addSeparator()
            menu.addActions(self._context_actions)
        menu.addSeparator()
        menu.addActions(self.heading_actions.actions())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- typing, input method, paste ------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if self.isReadOnly():  # only look (the archive is open in another window)
            super().keyPressEvent(event)
            return
        if handle_editor_key(self, event, block_level(self.textCursor().block())):  # Tab, Ctrl+B…
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._new_paragraph()
            return
        typing = event.text().isprintable() and bool(event.text())
        if typing:
            self._before_typing()
        super().keyPressEvent(event)
        if typing:
            self._after_typing()

    def inputMethodEvent(self, event) -> None:
        if self.isReadOnly():  # Qt still inserts a committed input-method string into a read-only editor
            return
        self._before_typing()  # the commit string, when it comes, is inserted in this format
        super().inputMethodEvent(event)
        if event.commitString():
            self._after_typing()

    def _before_typing(self) -> None:
        cursor = self.textCursor()
        heading = typed_into_heading(cursor)
        if self.currentCharFormat().boolProperty(HEADING_PROPERTY) != heading:
            self.setCurrentCharFormat(char_format(heading))
        self._typing_from = (cursor.blockNumber(), cursor.positionInBlock() if not cursor.hasSelection()
                             else cursor.selectionStart() - cursor.block().position())

    def _after_typing(self) -> None:
        """Close a heading the typing finished (one undo step with the typing), then turn a typed
        number at the paragraph's start into the level."""
        cursor = self.textCursor()
        if self._typing_from and self._typing_from[0] == cursor.blockNumber():
            closed = closed_heading_length(cursor.block(), self._typing_from[1], cursor.positionInBlock())
            if closed is not None:
                edit = QTextCursor(cursor.block())
                edit.joinPreviousEditBlock()
                mark_heading(cursor.block(), closed)
                edit.endEditBlock()
        self._typing_from = None
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
            above.setBlockFormat(level_format(BODY))
        elif block_level(cursor.block()) != BODY:
            cursor.setBlockFormat(level_format(BODY))
            mark_heading(cursor.block(), 0)  # the part of a heading moved into body text is body text
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
        was_item = block_level(block) != BODY
        edit.setBlockFormat(level_format(level))
        if not was_item:  # text already behind the typed number: its first sentence is the heading
            mark_heading(block, first_sentence_length(block.text()))
        edit.endEditBlock()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insert_paragraphs(pasted_text(source))  # tables by rows, pictures dropped (gui/paste.py)

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
                cursor.setBlockFormat(level_format(BODY))
                mark_heading(cursor.block(), 0)
            found = item_prefix(paragraph)
            if found and cursor.positionInBlock() == 0:
                level, length = found
                cursor.setBlockFormat(level_format(level))
                paragraph = paragraph[length:]
                cursor.insertText(paragraph, char_format(False))
                mark_heading(cursor.block(), first_sentence_length(cursor.block().text()))
            else:
                start = cursor.positionInBlock()
                cursor.insertText(paragraph, char_format(i == 0 and typed_into_heading(cursor)))
                closed = closed_heading_length(cursor.block(), start, cursor.positionInBlock())
                if closed is not None:
                    mark_heading(cursor.block(), closed)
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

    def _on_contents_change(self, position: int, _removed: int, added: int) -> None:
        revision = self.document().revision()
        if self._loading or revision == self._revision:
            return  # highlighting only re-marks the layout; the text did not change
        self._revision = revision
        if not self._levels_kept(position, added):
            self._refresh_numbers()
        self.edited.emit()

    def _levels_kept(self, position: int, added: int) -> bool:
        """Whether a change left every level as it was, judged from the one paragraph it touched: typing
        must not walk the whole chapter on every key."""
        document = self.document()
        block = document.findBlock(position)
        if document.blockCount() != len(self._levels) or block != document.findBlock(position + added):
            return False
        return block_level(block) == self._levels[block.blockNumber()]

    def _refresh_numbers(self) -> None:
        self._levels = self.levels()
        numbers = block_numbers([Block(level) for level in self._levels])
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
