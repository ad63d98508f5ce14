"""Build the 公文 document from a Report: 版头 (red variant), 主体, 版记, page numbers.

A `Composer` appends paragraphs and keeps a running line count, so the 版记 can be put at the foot of
an even page: on the last page when it is even and has room, else on a new page (after a blank one
when needed), as GB/T 9704-2012 §7.4 and §7.5 ask.
"""
from __future__ import annotations

from dataclasses import dataclass

import docx
from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn
from docx.shared import Twips

from core.docx_export import layout
from core.docx_export.ooxml import (BODY, COLOPHON, HEI, KAI, PAGE_NUMBER, RED, TITLE, Border,
                                    RunStyle, add_page_field, add_run, el, paragraph_properties,
                                    setup_package)
from core.fonts import FontSet
from core.outline import (BANNER_ALL, ITEM2, Report, block_numbers, format_date, numbered_titles,
                          recipients_line)

PUBLIC_NOTE = "（此件公开发布）"
CHAR = layout.CHAR_W
# 发文机关标志: its top edge 35 mm below the 版心 top. `BANNER_BEFORE` is calibrated by rendering.
BANNER_MAX_PT, BANNER_MIN_PT = 42, 26
BANNER_BEFORE = 1931
RED_LINE = Border("bottom", 10, RED, space_pt=9)  # 1.25 pt ≈ 0.44 mm, 4 mm below the 文号 glyphs
THICK_RULE, THIN_RULE = 8, 6  # 版记 rules in eighths of a point: 0.35 mm and 0.25 mm
FOOTER_DISTANCE = 1420  # tw from the paper's bottom edge: puts the dash 7 mm below the 版心
SIGNATURE_GAP_LINES = 2
END_MARK = 40  # tw: the paragraph every document needs after its last table  # the seal's top then sits within one line of the text


@dataclass
class Run:
    text: str
    style: RunStyle = BODY


class Composer:
    """Appends paragraphs to the document body and tracks pages as the renderer will fill them."""

    def __init__(self, document, fonts: FontSet):
        self.document = document
        self.fonts = fonts
        self.body = document.element.body
        self.page, self.y = 1, 0  # y: twips used on the current page

    def paragraph(self, runs: list[Run], *, lines: int | None = None, height: int = layout.LINE_PITCH,
                  **props) -> None:
        p = el("w:p")
        p.append(paragraph_properties(line=height, **props))
        for run in runs:
            add_run(p, run.text, run.style, self.fonts)
        self.body.insert(len(self.body) - 1, p)  # before the final sectPr
        if lines is None:
            lines = self._wrapped_lines(runs, props)
        self._advance(lines, height, props.get("before", 0), props.get("border"))

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.paragraph([], lines=1)

    def _wrapped_lines(self, runs: list[Run], props: dict) -> int:
        text = "".join(r.text for r in runs)
        available = (layout.TEXT_W - props.get("left", 0) - props.get("right", 0)) // CHAR
        return len(layout.wrap_units(text, available * 2, props.get("first_line_chars", 0) * 2))

    def _advance(self, lines: int, height: int, before: int, border: Border | None) -> None:
        if self.y and self.y + before + height > layout.TEXT_H:
            self._new_page()
        self.y += before
        for _ in range(lines):
            if self.y + height > layout.TEXT_H:
                self._new_page()
            self.y += height
        if border:
            self.y += border.space_pt * 20 + border.size_eighths * 20 // 8

    def _new_page(self) -> None:
        self.page, self.y = self.page + 1, 0

    def blank_on_new_page(self) -> None:
        """A blank line that starts a new page (pageBreakBefore: a w:br page break would leave its
        paragraph mark as an extra line on the new page)."""
        self._new_page()
        self.paragraph([], lines=1, page_break_before=True)

    def lines_left(self) -> int:
        return (layout.TEXT_H - self.y) // layout.LINE_PITCH


# --- the document ---------------------------------------------------------------------------------

def build_document(report: Report, variant: str, fonts: FontSet):
    document = docx.Document()
    setup_package(document, fonts)
    _set_core_properties(document, report)
    setup_section(document.sections[0], fonts)
    composer = Composer(document, fonts)
    if variant == "red":
        add_letterhead(composer, report)
    add_title(composer, report)
    add_body(composer, report)
    add_signature(composer, report, sealed=variant != "web")
    add_note(composer, report, variant)
    if variant != "web" and has_colophon(report):
        add_colophon(composer, report)
    return document


def _set_core_properties(document, report: Report) -> None:
    props = document.core_properties
    props.title = report.title
    props.author = report.organ_names[0] if report.organs else ""
    props.language = "zh-CN"
    props.comments = ""
    props.last_modified_by = props.author


def setup_section(section, fonts: FontSet, numbered: bool = True) -> None:
    section.page_width, section.page_height = Twips(layout.PAGE_W), Twips(layout.PAGE_H)
    section.top_margin, section.bottom_margin = Twips(layout.MARGIN_TOP), Twips(layout.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(layout.MARGIN_LEFT), Twips(layout.MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(851), Twips(FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))  # the template's own: modify, never add a second
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH))
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        _fill_footer(footer, fonts, jc, side, numbered)


def _fill_footer(footer, fonts: FontSet, jc: str, side: str, numbered: bool) -> None:
    """「— N —」 in 4号宋体, one 4号 character in from the outer edge; empty on 版记 pages."""
    p = footer.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    p.append(paragraph_properties(jc=jc, line=layout.COLOPHON_PT * 20, snap=False,
                                  **{side: layout.COLOPHON_CHAR_W}))
    if numbered:
        add_run(p, "— ", PAGE_NUMBER, fonts)
        add_page_field(p, PAGE_NUMBER, fonts)
        add_run(p, " —", PAGE_NUMBER, fonts)


# --- 版头 -----------------------------------------------------------------------------------------

def add_letterhead(c: Composer, report: Report) -> None:
    names = report.organ_names if report.banner_mode == BANNER_ALL else report.organ_names[:1]
    if len(names) > 1:
        add_joint_banner(c, names)
    elif names:
        add_single_banner(c, names[0] + "文件")
    c.blank(2)
    add_doc_number(c, report)
    c.blank(2)


def banner_size(widest_units: int) -> float:
    """The largest size up to 初号 at which the banner fits the 156 mm line."""
    fit = layout.TEXT_W / 20 / (widest_units / 2)
    return max(BANNER_MIN_PT, min(BANNER_MAX_PT, int(fit)))


def _banner_height(size_pt: float) -> int:
    return int(size_pt * 20 * 1.25)


def add_single_banner(c: Composer, text: str) -> None:
    size = banner_size(layout.text_units(text) + 1)
    style = RunStyle("title", size, RED, condense_tw=0)
    c.paragraph([Run(text, style)], jc="center", before=BANNER_BEFORE, height=_banner_height(size),
                lines=1, snap=False)


def add_joint_banner(c: Composer, names: list[str]) -> None:
    """Organs stacked on the left, 「文件」 to their right, centred on the stack (§7.2.4)."""
    widest = max(layout.text_units(n) for n in names)
    size = banner_size(widest + 5)
    style = RunStyle("title", size, RED, condense_tw=0)
    row_height = _banner_height(size)
    names_w = int(widest / 2 * size * 20) + 40
    word_w = int(2.5 * size * 20)
    c.paragraph([], lines=1, before=BANNER_BEFORE - layout.LINE_PITCH)  # a table has no spacing before
    table = _borderless_table([names_w, word_w])
    row = el("w:tr")
    row.append(_row_height(row_height * len(names)))
    names_cell = _cell(names_w)
    for name in names:
        names_cell.append(_cell_paragraph(c, name, style, "distribute", row_height))
    word_cell = _cell(word_w, v_align="center")
    word_cell.append(_cell_paragraph(c, "文件", style, "right", row_height))
    row.extend([names_cell, word_cell])
    table.append(row)
    c.body.insert(len(c.body) - 1, table)
    c._advance(len(names), row_height, 0, None)


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


def _row_height(height: int):
    tr_pr = el("w:trPr")
    tr_pr.append(el("w:cantSplit"))
    tr_pr.append(el("w:trHeight", val=height, hRule="exact"))
    return tr_pr


def _cell(width: int, v_align: str | None = None, border: tuple[str, int] | None = None):
    cell = el("w:tc")
    tc_pr = el("w:tcPr")
    tc_pr.append(el("w:tcW", w=width, type="dxa"))
    if border:
        borders = el("w:tcBorders")
        for side, size in border:
            borders.append(el(f"w:{side}", val="single", sz=size, space=0, color="000000"))
        tc_pr.append(borders)
    if v_align:
        tc_pr.append(el("w:vAlign", val=v_align))
    cell.append(tc_pr)
    return cell


def _cell_paragraph(c: Composer, text: str, style: RunStyle, jc: str, height: int, **props):
    p = el("w:p")
    p.append(paragraph_properties(jc=jc, line=height, snap=False, **props))
    add_run(p, text, style, c.fonts)
    return p


def add_doc_number(c: Composer, report: Report) -> None:
    """上行文: 发文字号 one 字 in from the left, 签发人 one 字 in from the right, on one line; the red
    line is this paragraph's bottom border, so the paragraph has no indent and the line is 156 mm."""
    if report.signer:
        runs = [Run("\t" + report.doc_number + "\t签发人："), Run(report.signer, KAI)]
        tabs = (("left", CHAR), ("right", layout.TEXT_W - CHAR))
        c.paragraph(runs, jc="left", tabs=tabs, border=RED_LINE, lines=1)
    else:
        c.paragraph([Run(report.doc_number)], jc="center", border=RED_LINE, lines=1)


# --- 主体 -----------------------------------------------------------------------------------------

def add_title(c: Composer, report: Report) -> None:
    lines = layout.break_title(report.title)
    c.paragraph([Run("\n".join(lines), TITLE)], jc="center", lines=len(lines), snap=False,
                keep_next=True, outline_level=0)
    c.blank()
    if report.recipients:
        c.paragraph([Run(recipients_line(report))], jc="left", keep_next=True)


def add_body(c: Composer, report: Report) -> None:
    for chapter, title in zip(report.chapters, numbered_titles(report.chapters)):
        if chapter.numbered:
            c.paragraph([Run(title, HEI)], first_line_chars=2, keep_next=True,
                        outline_level=1)
        for block, block_number in zip(chapter.blocks, block_numbers(chapter.blocks)):
            c.paragraph(block_runs(block, block_number), first_line_chars=2)


def block_runs(block, number: str) -> list[Run]:
    """（一） items: only the heading sentence in 楷体; the run-in text and 1./（1） items in 仿宋."""
    if block.level == ITEM2 and block.heading:
        return [Run(number + block.heading, KAI), Run(block.text)]
    return [Run(number + block.heading + block.text)]


def add_signature(c: Composer, report: Report, sealed: bool) -> None:
    """Sealed (§7.3.5.1): date 4 字 from the right, each 署名 centred over it.
    Unsealed (§7.3.5.2): 署名 2 字 from the right, the date's first character 2 字 right of the 署名's."""
    names, date_text = report.signature_lines, format_date(report.written_date)
    if not names and not date_text:
        return
    name_w = max((layout.text_width_chars(n) for n in names), default=0)
    date_w = layout.text_width_chars(date_text)
    if sealed:
        date_right = 4
        name_rights = [max(0.0, 4 + (date_w - layout.text_width_chars(n)) / 2) for n in names]
    elif date_w <= name_w:
        date_right, name_rights = name_w - date_w, [2 + name_w - layout.text_width_chars(n) for n in names]
    else:
        date_right, name_rights = 2, [4 + date_w - layout.text_width_chars(n) for n in names]
    c.blank(SIGNATURE_GAP_LINES if sealed else 1)
    for name, right in zip(names, name_rights):
        c.paragraph([Run(name)], jc="right", right=round(right * CHAR), lines=1)
    if date_text:
        c.paragraph([Run(date_text)], jc="right", right=round(date_right * CHAR), lines=1)


def add_note(c: Composer, report: Report, variant: str) -> None:
    note = report.note.strip() or (PUBLIC_NOTE if variant == "web" else "")
    if note:
        if not note.startswith("（"):
            note = "（" + note.strip("()（）") + "）"
        c.paragraph([Run(note)], first_line_chars=2)


# --- 版记 -----------------------------------------------------------------------------------------

def has_colophon(report: Report) -> bool:
    return bool(report.cc.strip() or report.printing_organ.strip())


def colophon_rows(report: Report) -> list[tuple[str, int]]:
    """(text, lines) for each 版记 row: 抄送 (ends with 。), then 印发机关 ⇥ 印发日期印发."""
    rows = []
    if report.cc.strip():
        cc = "抄送：" + report.cc.strip().rstrip("。.；;，,") + "。"
        rows.append((cc, layout.colophon_line_count(cc)))
    printed = format_date(report.printing_date)
    rows.append((report.printing_organ.strip() + "\t" + (printed + "印发" if printed else ""), 1))
    return rows


def add_colophon(c: Composer, report: Report) -> None:
    """At the foot of an even page, as a table whose rows carry the 0.35/0.25 mm rules."""
    rows = colophon_rows(report)
    needed = sum(lines for _, lines in rows) + 1  # and one line of air above it
    if c.page % 2 == 0 and c.lines_left() >= needed:
        c.blank(c.lines_left() - needed + 1)
    elif c.page % 2 == 1:
        c.blank_on_new_page()
        c.blank(layout.LINES_PER_PAGE - needed)
    else:  # even page without room: a blank odd page, then the 版记 page, neither numbered
        _unnumbered_section(c)
        c.blank_on_new_page()
        c.blank(layout.LINES_PER_PAGE - needed)
    c.body.insert(len(c.body) - 1, _colophon_table(c, rows))
    _end_mark(c)


def _end_mark(c: Composer) -> None:
    """Word and LibreOffice need a paragraph after a table; make it 2 pt tall so that it stays on the
    版记 page (the last 版记 row is shortened by as much)."""
    p = el("w:p")
    p.append(paragraph_properties(line=END_MARK, snap=False))
    mark = el("w:rPr")
    mark.append(el("w:sz", val=2))
    p[0].append(mark)
    c.body.insert(len(c.body) - 1, p)


def _unnumbered_section(c: Composer) -> None:
    """A new section with empty footers, starting on a new page."""
    section = c.document.add_section(WD_SECTION_START.NEW_PAGE)
    _fold_section_break(c.body)
    setup_section(section, c.fonts, numbered=False)
    c._new_page()


def _fold_section_break(body) -> None:
    """add_section() ends the old section with an empty paragraph, which costs a line and can spill
    onto a page of its own; carry the break on the last real paragraph instead."""
    paragraphs = body.findall(qn("w:p"))
    breaker, previous = paragraphs[-1], paragraphs[-2]
    previous.find(qn("w:pPr")).append(breaker.find(qn("w:pPr")).find(qn("w:sectPr")))
    body.remove(breaker)


def _colophon_table(c: Composer, rows: list[tuple[str, int]]):
    inset = layout.COLOPHON_CHAR_W
    table = _borderless_table([layout.TEXT_W])
    last = len(rows) - 1
    for i, (text, lines) in enumerate(rows):
        top = THICK_RULE if i == 0 else THIN_RULE
        border = (("top", top),) + ((("bottom", THICK_RULE),) if i == last else ())
        row = el("w:tr")
        row.append(_row_height(lines * layout.LINE_PITCH - (END_MARK + 60 if i == last else 0)))
        cell = _cell(layout.TEXT_W, v_align="center", border=border)
        if text.startswith("抄送："):
            hanging = 3 * inset
            props = dict(left=inset + hanging, right=inset, first_line_chars=0)
            p = _cell_paragraph(c, text, COLOPHON, "left", layout.LINE_PITCH, **props)
            p[0].find(qn("w:ind")).set(qn("w:hanging"), str(hanging))
        else:
            tabs = (("right", layout.TEXT_W - inset),)
            p = _cell_paragraph(c, text, COLOPHON, "left", layout.LINE_PITCH, left=inset, tabs=tabs)
        cell.append(p)
        row.append(cell)
        table.append(row)
    return table
