"""The 附件 「主要数据对照表」 (GB/T 9704-2012 7.3.4, 7.3.7): the 附件说明 under the body and, after the
落款 and 附注, a page of its own — 「附件」 in 3号黑体 top-left, the title centred on the 版心's third
line in 2号小标宋, then this year's figures beside last year's and the change, in 仿宋 on the grid.

The table is a 三线表 (thick rules above and below, a thin one under the header): the page model draws
horizontal rules only. A table longer than a page goes on in a new table under a repeated header.
"""
from __future__ import annotations

from core.figures import FigureComparison, format_number
from core.pages import geometry as g
from core.pages.flow import (BODY, BODY_STYLE, HEI_STYLE, TITLE, TITLE_STYLE, Cell, Item, Para, Row, Run,
                             Table, blank)
from core.pages.lines import line_advances, line_ranges

ATTACHMENT = "attachment"  # role of the 附件 label, the 附件说明 and the table
TITLE_TEXT = "主要数据对照表"
LABEL = "附件"
HEADER = ("指标", "本年", "上年", "增减")
THICK_RULE, THIN_RULE = 8, 6  # eighths of a point
INSET = g.CHAR_W // 2  # the 指标 column's text half a 字 in from the rules' left end
LABEL_W = 10 * g.CHAR_W
VALUE_W = (g.TEXT_W - LABEL_W) // 3
HEAD_LINES = 4  # 「附件」, a blank line, the title, a blank line
SEPARATOR_HEIGHT = 20  # tw: the paragraph between a table and its continuation (Word would merge them)


def rows_to_print(table: list[FigureComparison]) -> list[FigureComparison]:
    """Only figures with a value this year or last year appear."""
    return [c for c in table if c.figure.value is not None or c.previous is not None]


def note() -> list[Item]:
    """附件说明: 正文下空一行，左空二字; a wrapped name would align after 「附件：」."""
    return [blank(keep_next=True),
            Para(ATTACHMENT, [Run(f"{LABEL}：{TITLE_TEXT}", role=ATTACHMENT)], jc="left", left=5 * g.CHAR_W,
                 hanging=3 * g.CHAR_W, keep_next=True)]


def pages(table: list[FigureComparison]) -> list[Item]:
    """The attachment from its new page on: label, title, the table (in page-sized parts)."""
    items: list[Item] = [
        Para(ATTACHMENT, [Run(LABEL, HEI_STYLE, ATTACHMENT)], jc="left", page_break_before=True,
             keep_next=True),
        blank(keep_next=True),
        Para(TITLE, [Run(TITLE_TEXT, TITLE_STYLE, TITLE)], jc="center", snap=False, keep_next=True,
             outline_level=0),
        blank(keep_next=True)]
    budget = g.LINES_PER_PAGE - HEAD_LINES - 1  # a line's worth of room for the rules
    for n, part in enumerate(_parts([_cells(c) for c in table], budget)):
        if n:
            items.append(Para(ATTACHMENT, line=SEPARATOR_HEIGHT, snap=False, page_break_before=True))
        items.append(_table(part))
    return items


def _cells(comparison: FigureComparison) -> tuple[str, str, str, str]:
    f = comparison.figure
    return (f.label, _value(comparison.figure.value, f.unit), _value(comparison.previous, f.unit),
            comparison.change_text.replace(" ", "") or "—")


def _value(value, unit: str) -> str:
    return f"{format_number(value)}{unit}" if value is not None else "—"


def _parts(rows: list[tuple[str, ...]], budget: int) -> list[list[tuple[str, ...]]]:
    """Rows in groups that fit a page each (the header repeated): `budget` lines on the first page,
    a full page less one line on the next ones."""
    parts: list[list[tuple[str, ...]]] = [[]]
    used = _lines(HEADER)
    for row in rows:
        if parts[-1] and used + _lines(row) > budget:
            parts.append([])
            used, budget = _lines(HEADER), g.LINES_PER_PAGE - 1
        parts[-1].append(row)
        used += _lines(row)
    return parts


def _paras(texts: tuple[str, ...], header: bool) -> list[Para]:
    return [Para(ATTACHMENT, [Run(text, BODY_STYLE, BODY)],
                 jc="left" if i == 0 and not header else "center", left=INSET if i == 0 else 0)
            for i, text in enumerate(texts)]


def _widths() -> tuple[int, ...]:
    return (LABEL_W, VALUE_W, VALUE_W, g.TEXT_W - LABEL_W - 2 * VALUE_W)


def _lines(texts: tuple[str, ...]) -> int:
    return max(len(line_ranges(para, para.text, line_advances(para), width))
               for para, width in zip(_paras(texts, False), _widths()))


def _row(texts: tuple[str, ...], header: bool, borders: tuple[tuple[str, int], ...]) -> Row:
    cells = [Cell(width, [para], "center", borders)
             for para, width in zip(_paras(texts, header), _widths())]
    return Row(_lines(texts) * g.LINE_PITCH, cells)


def _table(rows: list[tuple[str, ...]]) -> Table:
    built = [_row(HEADER, True, (("top", THICK_RULE), ("bottom", THIN_RULE)))]
    for i, texts in enumerate(rows):
        built.append(_row(texts, False, (("bottom", THICK_RULE),) if i == len(rows) - 1 else ()))
    return Table(ATTACHMENT, built)
