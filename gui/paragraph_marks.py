"""What the block editor stores on its text besides the characters: a paragraph's level (a block
property) and which characters of an item are its heading (a character property). Both travel with
the text through typing, cut and paste and undo, so neither is re-derived from the words.
"""
from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat

from core.outline import BODY, SENTENCE_ENDS, split_heading

LEVEL_PROPERTY = QTextFormat.Property.UserProperty + 1
HEADING_PROPERTY = QTextFormat.Property.UserProperty + 2  # on the characters of an item's heading


def block_level(block) -> int:
    return block.blockFormat().intProperty(LEVEL_PROPERTY)


def level_format(level: int) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(LEVEL_PROPERTY, level)
    return fmt


def char_format(heading: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if heading:
        fmt.setProperty(HEADING_PROPERTY, True)
    return fmt


def heading_length(block) -> int:
    """How many characters at the paragraph's start are its heading (0 for 正文)."""
    if block_level(block) == BODY:
        return 0
    length = 0
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        if not fragment.charFormat().boolProperty(HEADING_PROPERTY):
            break
        length += fragment.length()
        fragments += 1
    return length


def mark_heading(block, length: int) -> None:
    """Make the first `length` characters the heading and the rest run-in text (inside an edit block)."""
    cursor = QTextCursor(block)
    end = block.position() + len(block.text())
    cursor.setPosition(block.position() + length, QTextCursor.MoveMode.KeepAnchor)
    if length:
        cursor.setCharFormat(char_format(True))
    cursor.setPosition(block.position() + length)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    if cursor.hasSelection():
        cursor.setCharFormat(char_format(False))


def typed_into_heading(cursor: QTextCursor) -> bool:
    """Whether text typed at the cursor joins the heading: inside it, at its start, at its open end
    (not yet ended by 。！？), or in an empty item (which starts its heading); else it is run-in text."""
    block = cursor.block()
    if block_level(block) == BODY:
        return False
    length, text = heading_length(block), block.text()
    position = cursor.selectionStart() - block.position()
    if not text or (cursor.hasSelection() and position < length):
        return True
    return position < length or (position == length > 0 and text[length - 1] not in SENTENCE_ENDS)


def closed_heading_length(block, typed_from: int, typed_to: int) -> int | None:
    """Text typed (or pasted) at the heading's open end that holds a sentence end closes the heading
    there — what follows the 。 is run-in text: the heading's new length, or None when it stays."""
    length = heading_length(block)
    if typed_to != length or length == 0:
        return None
    text = block.text()
    return next((i + 1 for i in range(typed_from, length - 1) if text[i] in SENTENCE_ENDS), None)


def first_sentence_length(text: str) -> int:
    leading = len(text) - len(text.lstrip())
    return leading + len(split_heading(text[leading:])[0])
