"""Positioned lines and rules for the boxes the paginator placed: spans with x, alignment, tab stops,
table cells, the red line and the 版记 rules."""
from __future__ import annotations

from core.pages import geometry as g
from core.pages.flow import END_MARK, Para, Table
from core.pages.metrics import Advances, advances, wrap
from core.pages.model import Line, Page, Shape, Span

SIDE_SHAPES = {8: "colophon_thick", 6: "colophon_thin"}
FIRST_LINE_INDENT_PER_CHAR = g.BODY_PT * g.TWIPS_PER_PT  # firstLineChars is counted in ems of 3号
BASELINE_OF_HEIGHT, BASELINE_OF_SIZE = 0.5, 0.47  # where the text sits in its exact-height line


def line_advances(para: Para, text: str | None = None) -> Advances:
    if not para.runs:
        return Advances([])
    style = para.runs[0].style  # the runs of one paragraph share size and condensing
    return advances(para.text if text is None else text, style.size_tw, style.condense_tw)


def first_line_indent(para: Para) -> int:
    return para.first_line_chars * FIRST_LINE_INDENT_PER_CHAR - para.hanging


def line_ranges(para: Para, text: str, adv: Advances, box_width: int = g.TEXT_W) -> list[tuple[int, int]]:
    """Wrapped lines; a "\\n" in the text is a line break, tabs keep a line whole."""
    width = box_width - para.left - para.right
    if "\t" in text:
        return [(0, len(text))]
    if "\n" not in text:
        return wrap(text, adv, width - first_line_indent(para), width)
    ranges, start = [], 0
    for segment in text.split("\n"):
        end = start + len(segment)
        first = width - (first_line_indent(para) if start == 0 else 0)
        for a, b in wrap(segment, adv.part(start, end), first, width):
            ranges.append((start + a, start + b))
        start = end + 1
    return ranges


def baseline(y: int, height: int, size_tw: int) -> int:
    return y + round(height * BASELINE_OF_HEIGHT + size_tw * BASELINE_OF_SIZE)


def emit_lines(page: Page, m, k: int, end: int, y: int) -> int:
    """Add the lines of boxes k..end of a measured item to `page`, starting at `y` (twips from the
    版心 top); returns the new y."""
    item = m.item
    if isinstance(item, Table):
        emit_table(page, item, m.index, g.MARGIN_TOP + y + item.before)
        return y + m.boxes[0].height
    for n in range(k, end):
        box = m.boxes[n]
        top = y + (item.before if n == 0 else 0)
        if item.role != END_MARK:
            page.lines.append(para_line(page.number, item, m.index, m.advances, box.start, box.end,
                                        g.MARGIN_LEFT, g.TEXT_W, g.MARGIN_TOP + top, n == 0,
                                        n == len(m.boxes) - 1))
        y += box.height
        if n == len(m.boxes) - 1 and item.border:
            page._shapes.append(rule_shape(page.number, item, g.MARGIN_TOP + top + item.line))
    return y


def para_line(page: int, para: Para, index: int, adv: list[int], start: int, end: int, left: int,
              width: int, top: int, first: bool, last: bool, height: int | None = None) -> Line:
    text = para.text
    height = para.line if height is None else height
    indent = para.left + (first_line_indent(para) if first else 0)
    x0 = left + indent
    available = width - indent - para.right
    if "\t" in text:
        spans = tab_spans(para, adv, left)
    else:
        line_w = sum(adv[start:end])
        x = x0
        if para.jc == "center":
            x += (available - line_w) // 2
        elif para.jc == "right":
            x += available - line_w
        spans = run_spans(para, adv, start, end, x)
    size = para.runs[0].style.size_tw if para.runs else g.BODY_PT * g.TWIPS_PER_PT
    source = para.source
    offset = source.offset if source else 0
    return Line(page, x0, top, available, height, baseline(top, height, size), para.jc, para.role,
                tuple(spans), source, max(0, start - offset), max(0, end - offset),
                justify=para.jc in ("both", "distribute") and not last, item=index)


def run_spans(para: Para, adv: list[int], start: int, end: int, x: int) -> list[Span]:
    spans = []
    position = 0
    for run in para.runs:
        a, b = max(start, position), min(end, position + len(run.text))
        position += len(run.text)
        if a >= b:
            continue
        piece = run.text[a - (position - len(run.text)):b - (position - len(run.text))].replace("\n", "")
        w = sum(adv[a:b])
        if piece:
            spans.append(Span(piece, x, w, run.role, run.style.font, run.style.size_pt, run.style.color))
        x += w
    return spans


def tab_spans(para: Para, adv: list[int], left: int) -> list[Span]:
    """A one-line paragraph with tab stops (positions from the 版心's left edge)."""
    text = para.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\t"]
    ends = [i for i, ch in enumerate(text) if ch == "\t"] + [len(text)]
    spans: list[Span] = []
    cursor = left + para.left
    for n, (a, b) in enumerate(zip(starts, ends)):
        w = sum(adv[a:b])
        x = cursor
        if n:
            kind, pos = para.tabs[n - 1] if n - 1 < len(para.tabs) else ("left", cursor - left)
            x = left + pos - (w if kind == "right" else w // 2 if kind == "center" else 0)
        spans += run_spans(para, adv, a, b, x)
        cursor = x + w
    return spans


def emit_table(page: Page, table: Table, index: int, top: int) -> None:
    """Rows of cells; each cell's paragraphs line by line, vertically aligned in the exact row."""
    x_table = g.MARGIN_LEFT + (g.TEXT_W - table.width) // 2
    y = top
    for row in table.rows:
        y += row.rules - sum(size for side, size in row.cells[0].borders if side == "bottom") * g.TWIPS_PER_PT // 8
        x = x_table
        for cell in row.cells:
            laid = []
            for para in cell.paras:
                adv = line_advances(para)
                laid += [(para, adv, a, b, n == 0, n == len(ranges) - 1)
                         for ranges in [line_ranges(para, para.text, adv, cell.width) if para.runs else [(0, 0)]]
                         for n, (a, b) in enumerate(ranges)]
            content = sum(min(p.line, row.height) for p, *_ in laid)
            cy = y + {"center": (row.height - content) // 2, "bottom": row.height - content}.get(
                cell.v_align, 0)
            for para, adv, a, b, first, last in laid:
                h = min(para.line, row.height)
                if para.runs:
                    page.lines.append(para_line(page.number, para, index, adv, a, b, x, cell.width, cy,
                                                first, last, h))
                cy += h
            for side, size in cell.borders:
                thickness = size * g.TWIPS_PER_PT // 8
                edge = y - thickness // 2 if side == "top" else y + row.height + thickness // 2
                page._shapes.append(Shape(page.number, SIDE_SHAPES.get(size, "colophon_thin"), x,
                                         x + cell.width, edge, size * g.TWIPS_PER_PT // 8))
            x += cell.width
        y += row.height + sum(size for side, size in row.cells[0].borders if side == "bottom") * g.TWIPS_PER_PT // 8


def rule_shape(page: int, para: Para, line_bottom: int) -> Shape:
    border = para.border
    assert border is not None
    thickness = border.size_eighths * g.TWIPS_PER_PT // 8
    y = line_bottom + border.space_pt * g.TWIPS_PER_PT + thickness // 2
    return Shape(page, "red_rule", g.MARGIN_LEFT + para.left, g.PAGE_W - g.MARGIN_RIGHT - para.right, y,
                 thickness, border.color)
