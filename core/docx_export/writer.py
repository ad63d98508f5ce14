"""Write the page model's flow as WordprocessingML: every paragraph with the properties the model laid
it out with (exact line height, indents, keepNext/keepLines, page breaks), tables, section breaks."""
from __future__ import annotations

from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn

from core.docx_export.ooxml import add_run, el, paragraph_properties
from core.fonts import FontSet
from core.pages.flow import END_MARK, Cell, Item, Para, Row, SectionBreak, Table


class FlowWriter:
    def __init__(self, document, fonts: FontSet, setup_section):
        self.document, self.fonts, self.setup_section = document, fonts, setup_section
        self.body = document.element.body

    def write(self, flow: list[Item]) -> None:
        for item in flow:
            if isinstance(item, Table):
                self._insert(self.table(item))
            elif isinstance(item, SectionBreak):
                self.section_break(item)
            else:
                self._insert(self.paragraph(item))

    def _insert(self, element) -> None:
        self.body[-1].addprevious(element)  # before the final sectPr (no counting of the children)

    def paragraph(self, para: Para):
        p = el("w:p")
        p.append(paragraph_properties(
            jc=para.jc, first_line_chars=para.first_line_chars, left=para.left, right=para.right,
            hanging=para.hanging, line=para.line, before=para.before, keep_next=para.keep_next,
            keep_lines=para.keep_lines, page_break_before=para.page_break_before, border=para.border,
            tabs=para.tabs, snap=para.snap, outline_level=para.outline_level))
        if para.role == END_MARK:  # a 1 pt paragraph mark, so that it fits below the 版记
            mark = el("w:rPr")
            mark.append(el("w:sz", val=2))
            p[0].append(mark)
        for run in para.runs:
            add_run(p, run.text, run.style, self.fonts)
        return p

    def table(self, table: Table):
        element = _borderless_table([cell.width for cell in table.rows[0].cells])
        for row in table.rows:
            element.append(self._row(row))
        return element

    def _row(self, row: Row):
        return _with_properties("w:tr", [el("w:cantSplit"), el("w:trHeight", val=row.height, hRule="exact")],
                                [self._cell(cell) for cell in row.cells])

    def _cell(self, cell: Cell):
        properties = [el("w:tcW", w=cell.width, type="dxa")]
        if cell.borders:
            borders = el("w:tcBorders")
            borders.extend(el(f"w:{side}", val="single", sz=size, space=0, color="000000")
                           for side, size in cell.borders)
            properties.append(borders)
        if cell.v_align != "top":
            properties.append(el("w:vAlign", val=cell.v_align))
        return _with_properties("w:tc", properties, [self.paragraph(para) for para in cell.paras])

    def section_break(self, item: SectionBreak) -> None:
        """End the section at the last paragraph written; the next one starts on a new page."""
        section = self.document.add_section(WD_SECTION_START.NEW_PAGE)
        _fold_section_break(self.body)
        self.setup_section(section, self.fonts, numbered=item.numbered_after)


def _with_properties(tag: str, properties: list, children: list):
    """<w:tr><w:trPr>…</w:trPr>…</w:tr>, <w:tc><w:tcPr>…</w:tcPr>…</w:tc>."""
    element = el(tag)
    holder = el(tag + "Pr")
    holder.extend(properties)
    element.append(holder)
    element.extend(children)
    return element


def _fold_section_break(body) -> None:
    """add_section() ends the old section with an empty paragraph, which would cost a line and could
    spill onto a page of its own; carry the break on the last real paragraph instead."""
    paragraphs = body.findall(qn("w:p"))
    breaker, previous = paragraphs[-1], paragraphs[-2]
    previous.find(qn("w:pPr")).append(breaker.find(qn("w:pPr")).find(qn("w:sectPr")))
    body.remove(breaker)


def _borderless_table(widths: list[int]):
    table = el("w:tbl")
    tbl_pr = el("w:tblPr")
    tbl_pr.append(el("w:tblW", w=sum(widths), type="dxa"))
    tbl_pr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="nil"))
    tbl_pr.append(borders)
    tbl_pr.append(el("w:tblLayout", type="fixed"))
    margins = el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(el(f"w:{side}", w=0, type="dxa"))
    tbl_pr.append(margins)
    table.append(tbl_pr)
    grid = el("w:tblGrid")
    for width in widths:
        grid.append(el("w:gridCol", w=width))
    table.append(grid)
    return table
