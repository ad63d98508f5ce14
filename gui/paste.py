"""What a paste from Word, WPS or a web page becomes: plain paragraphs, nothing invisible.

The rule for tables (the report has no tables): each table row becomes one paragraph, its non-empty cells
joined by 「，」 in column order — a row 「普法宣传 | 12场 | 3000人次」 reads 「普法宣传，12场，3000人次」. Plain text
copied from a table separates cells by tabs, so a tab inside a pasted line is a cell border too.
Pictures, formulas and other objects are dropped; they leave no U+FFFC (object replacement character).
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor, QTextDocument

CELL_JOIN = "，"
OBJECT = "\ufffc"  # what an image or embedded object becomes in text


def pasted_text(source: QMimeData) -> str:
    """The clipboard as plain lines, tables by rows, objects dropped."""
    if source.hasHtml() and "<table" in source.html().lower():
        lines = _html_lines(source.html())
    elif source.hasText():
        lines = source.text().splitlines()
    else:
        lines = _html_lines(source.html())
    return "\n".join(_cells_to_paragraph(line.split("\t")) for line in lines)


def _html_lines(html: str) -> list[str]:
    """Lines of an HTML fragment; the cells of one table row become one tab-separated line."""
    document = QTextDocument()
    document.setHtml(html)
    lines: list[str] = []
    row_key = None
    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        if table is None:
            lines.append(block.text())
            row_key = None
        else:
            cell = table.cellAt(cursor)
            key = (table.firstPosition(), cell.row())
            if key != row_key:
                lines.append("")
            elif cell.firstPosition() == block.position():  # the first paragraph of the next cell
                lines[-1] += "\t"
            lines[-1] += block.text()
            row_key = key
        block = block.next()
    return lines


def _cells_to_paragraph(cells: list[str]) -> str:
    cleaned = (cell.replace(OBJECT, "").strip(" \u3000\u00a0") for cell in cells)
    return CELL_JOIN.join(cell for cell in cleaned if cell)
