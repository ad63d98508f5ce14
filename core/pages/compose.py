"""From a Report to the flow of paragraphs: 版头 (red variant), title, 主送, body, 落款, 附注.

What depends on where pages end — how many body lines travel with the 落款, where the 版记 goes — is
decided afterwards by `core.pages.layout`, on the laid-out pages.
"""
from __future__ import annotations

from core.export_options import VARIANTS
from core.outline import BANNER_ALL, ITEM2, Report, block_numbers, numbered_titles, recipients_line
from core.pages import attachment, signature as signature_block
from core.pages.flow import (BANNER, BLANK, BODY, BODY_STYLE, DOC_NUMBER, HEADINGS, HEI_STYLE, KAI_STYLE,
                             NOTE, RECIPIENTS, RED, SIGNER, TITLE, TITLE_STYLE, Border, Cell, Item, Para,
                             Row, Run, RunStyle, Source, Table, blank)
from core.pages.geometry import CHAR_W, LINE_PITCH, TEXT_W, TWIPS_PER_PT
from core.pages.metrics import text_width
from core.pages.title import break_title

PUBLIC_NOTE = "（此件公开发布）"
# 发文机关标志: its top edge 35 mm below the 版心 top. `BANNER_BEFORE` is calibrated by rendering.
BANNER_MAX_PT, BANNER_MIN_PT = 42, 26
BANNER_BEFORE = 1847
BANNER_WORD = "文件"
RED_LINE = Border("bottom", 10, RED, space_pt=5)  # 1.25 pt ≈ 0.44 mm, 4 mm below the 文号 glyphs


def compose(report: Report, variant: str, figures_table: list | None = None) -> list[Item]:
    """The paragraphs of the document up to the 附注, and the 附件 when `figures_table` (a list of
    core.figures.FigureComparison) has figures to print (the 版记 is placed by the layout)."""
    table = attachment.rows_to_print(figures_table or [])
    flow: list[Item] = []
    if variant == "red":
        flow += letterhead(report)
    flow += title_block(report)
    flow += body(report)
    if table:
        flow += attachment.note()
    flow += signature_block.paragraphs(report, sealed=is_sealed(variant))
    flow += note(report, variant)
    if table:
        flow += attachment.pages(table)
    return flow


def is_sealed(variant: str) -> bool:
    """The printed variants are sealed (加盖印章); the web version is not."""
    return variant != "web"


# --- 版头 -----------------------------------------------------------------------------------------

def banner_names(report: Report) -> list[str]:
    names = report.organ_names if report.banner_mode == BANNER_ALL else report.organ_names[:1]
    return [n for n in names if n.strip()]


def letterhead(report: Report) -> list[Item]:
    names = banner_names(report)
    items: list[Item] = []
    if len(names) > 1:
        items += joint_banner(names)
    elif names:
        items.append(single_banner(names[0] + BANNER_WORD))
    else:  # no 发文机关 (the check reports it as an error): keep the 版头's height, print no banner
        items.append(blank(before=BANNER_BEFORE))
    items += [blank(), blank(), doc_number(report), blank(), blank()]
    return items


def _em_width(text: str) -> float:
    """Width in ems of a 小标宋 line without condensing."""
    return text_width(text, 1000) / 1000


def banner_size(ems: float) -> int:
    """The largest size up to 初号 at which `ems` fit the 156 mm line."""
    fit = TEXT_W / TWIPS_PER_PT / ems
    return max(BANNER_MIN_PT, min(BANNER_MAX_PT, int(fit)))


def banner_height(size_pt: float) -> int:
    return int(size_pt * TWIPS_PER_PT * 1.25)


def _banner_style(size: int) -> RunStyle:
    return RunStyle("title", size, RED, condense_tw=0)


def single_banner(text: str) -> Para:
    size = banner_size(_em_width(text) + 0.5)
    return Para(BANNER, [Run(text, _banner_style(size), BANNER)], jc="center", before=BANNER_BEFORE,
                line=banner_height(size), snap=False, source=Source("organs"))


def joint_banner(names: list[str]) -> list[Item]:
    """Organs stacked on the left, 「文件」 to their right and centred on the stack (§7.2.4): a
    borderless table no wider than the 版心, the names spread to equal width."""
    widest = max(_em_width(n) for n in names)
    word = _em_width(BANNER_WORD) + 0.5
    size = banner_size(widest + word)
    names_w = min(TEXT_W, round(widest * size * TWIPS_PER_PT) + 40)
    word_w = min(TEXT_W - names_w, round(word * size * TWIPS_PER_PT))
    style, row_h = _banner_style(size), banner_height(size)
    names_cell = Cell(names_w, [Para(BANNER, [Run(n, style, BANNER)], jc="distribute", line=row_h,
                                     snap=False, source=Source("organs")) for n in names])
    word_cell = Cell(word_w, [Para(BANNER, [Run(BANNER_WORD, style, BANNER)], jc="right", line=row_h,
                                   snap=False)], v_align="center")
    spacer = blank(before=BANNER_BEFORE - LINE_PITCH)  # a table has no spacing before: this carries it
    return [spacer, Table(BANNER, [Row(row_h * len(names), [names_cell, word_cell])])]


def doc_number(report: Report) -> Para:
    """上行文: 发文字号 one 字 in from the left, 签发人 one 字 in from the right, on one line; the red
    line is this paragraph's bottom border, so the paragraph has no indent and the line is 156 mm."""
    source = Source("doc_number")
    if report.signer:
        runs = [Run("\t" + report.doc_number, role=DOC_NUMBER), Run("\t签发人：", role=SIGNER),
                Run(report.signer, KAI_STYLE, SIGNER)]
        tabs = (("left", CHAR_W), ("right", TEXT_W - CHAR_W))
        return Para(DOC_NUMBER, runs, jc="left", tabs=tabs, border=RED_LINE, source=source)
    return Para(DOC_NUMBER, [Run(report.doc_number, role=DOC_NUMBER)], jc="center", border=RED_LINE,
                source=source)


# --- 主体 -----------------------------------------------------------------------------------------

def title_block(report: Report) -> list[Item]:
    items: list[Item] = []
    if report.title.strip():
        lines = break_title(report.title, tuple(report.organ_names))
        items.append(Para(TITLE, [Run("\n".join(lines), TITLE_STYLE, TITLE)], jc="center", snap=False,
                          keep_next=True, keep_lines=True, outline_level=0, source=Source("title")))
        items.append(blank(keep_next=True))
    if report.recipients.strip():
        items.append(Para(RECIPIENTS, [Run(recipients_line(report), role=RECIPIENTS)], jc="left",
                          keep_next=True, keep_lines=True, source=Source("recipients")))
    return items


def body(report: Report) -> list[Item]:
    items: list[Item] = []
    for ci, (chapter, title) in enumerate(zip(report.chapters, numbered_titles(report.chapters))):
        if chapter.numbered:
            items.append(heading(HEADINGS[0], [Run(title, HEI_STYLE, HEADINGS[0])],
                                 Source(chapter_index=ci, chapter_id=chapter.id,
                                        offset=len(title) - len(chapter.title))))
        for bi, (block, block_number) in enumerate(zip(chapter.blocks, block_numbers(chapter.blocks))):
            source = Source(chapter_index=ci, chapter_id=chapter.id, block_index=bi, offset=len(block_number))
            runs = block_runs(block, block_number)
            if block.level == 0 or block.text.strip():
                items.append(Para(BODY, runs, first_line_chars=2, source=source))
            else:  # a heading on a line of its own: never the last line of a page
                items.append(heading(runs[0].role, runs, source))
    return items


def heading(role: str, runs: list[Run], source: Source) -> Para:
    return Para(role, runs, first_line_chars=2, keep_next=True, keep_lines=True,
                outline_level=HEADINGS.index(role) + 1, source=source)


def block_runs(block, number: str) -> list[Run]:
    """（一） items: only the heading sentence in 楷体; the run-in text and 1./（1） items in 仿宋."""
    if block.level == 0:
        return [Run(block.plain)]
    role = HEADINGS[block.level - 1]
    style = KAI_STYLE if block.level == ITEM2 else BODY_STYLE
    runs = [Run(number + block.heading, style, role)]
    if block.text:
        runs.append(Run(block.text, BODY_STYLE, BODY))
    return runs


def note(report: Report, variant: str) -> list[Item]:
    text = report.note.strip() or (PUBLIC_NOTE if variant == "web" else "")
    if not text:
        return []
    if not text.startswith("（"):
        text = "（" + text.strip("()（）") + "）"
    return [Para(NOTE, [Run(text, role=NOTE)], first_line_chars=2, source=Source("note"))]


__all__ = ["compose", "VARIANTS", "PUBLIC_NOTE", "BANNER", "BLANK", "BODY_STYLE", "TITLE_STYLE"]
