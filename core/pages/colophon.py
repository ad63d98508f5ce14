"""The 版记 (GB/T 9704-2012 7.4): 抄送 and 印发 rows between 0.35/0.25 mm rules, at the foot of an even
page, its last rule on the 版心's bottom edge; a blank page before it when the body ends on an even
page that has no room (7.5: the blank page and the 版记 page carry no page number)."""
from __future__ import annotations

from core.outline import Report, format_date
from core.pages import geometry as g
from core.pages.flow import (COLOPHON, COLOPHON_STYLE, END_MARK, Cell, Item, Para, Row, Run, SectionBreak,
                             Source, Table, blank)
from core.pages.metrics import advances, wrap
from core.pages.model import Page

THICK_RULE, THIN_RULE = 8, 6  # eighths of a point: 0.35 mm and 0.25 mm
END_MARK_HEIGHT = 20  # tw: the paragraph every document needs after its last table (a 1 pt mark)
INSET = g.COLOPHON_CHAR_W  # 左右各空一字 (of 4号)
CC_LABEL = "抄送："
# The rows fill whole lines except the last, which leaves room for the rules (drawn outside the exact
# row heights) and the end mark, so that the last rule lies on the 版心's bottom edge:
# k·579 + (m·579 − SHORTFALL) + rules + END_MARK_HEIGHT = 12756 for k + m = 22.
RULES_HEIGHT = (2 * THICK_RULE + THIN_RULE) * g.TWIPS_PER_PT // 8
SHORTFALL = g.LINES_PER_PAGE * g.LINE_PITCH + END_MARK_HEIGHT + RULES_HEIGHT - g.TEXT_H


def has_colophon(report: Report) -> bool:
    return bool(report.cc.strip() or report.printing_organ.strip() or report.printing_date)


def cc_text(report: Report) -> str:
    return CC_LABEL + report.cc.strip().rstrip("。.；;，,") + "。"


def printed_text(report: Report) -> str:
    printed = format_date(report.printing_date)
    return report.printing_organ.strip() + "\t" + (printed + "印发" if printed else "")


def cc_lines(text: str) -> int:
    adv = advances(text, COLOPHON_STYLE.size_tw)
    width = g.TEXT_W - 2 * INSET
    return len(wrap(text, adv, width, width - _hanging()))


def _hanging() -> int:
    return len(CC_LABEL) * INSET


def table(report: Report) -> Table:
    rows = []
    if report.cc.strip():
        text = cc_text(report)
        para = Para(COLOPHON, [Run(text, COLOPHON_STYLE, COLOPHON)], jc="left", left=INSET + _hanging(),
                    right=INSET, hanging=_hanging(), source=Source("cc"))
        rows.append((cc_lines(text) * g.LINE_PITCH, para))
    height = g.LINE_PITCH - SHORTFALL
    para = Para(COLOPHON, [Run(printed_text(report), COLOPHON_STYLE, COLOPHON)], jc="left", left=INSET,
                tabs=(("right", g.TEXT_W - INSET),), line=height, source=Source("printing_organ"))
    rows.append((height, para))
    built = []
    for i, (row_height, para) in enumerate(rows):
        borders: tuple[tuple[str, int], ...] = (("top", THICK_RULE if i == 0 else THIN_RULE),)
        if i == len(rows) - 1:
            borders += (("bottom", THICK_RULE),)
        built.append(Row(row_height, [Cell(g.TEXT_W, [para], "center", borders)]))
    return Table(COLOPHON, built)


def lines_needed(colophon: Table) -> int:
    """Grid lines the 版记 takes (with the end mark it fills them and the 版心's last 18 tw)."""
    return -(-(colophon.height - RULES_HEIGHT) // g.LINE_PITCH)


def placed(report: Report, pages: list[Page], used: int) -> list[Item]:
    """What follows the 附注: blank lines, page or section breaks, the 版记 and the end mark.

    `used` is the height filled on the last page (twips from the 版心 top)."""
    colophon = table(report)
    rows = lines_needed(colophon)
    last = len(pages)
    free = (g.TEXT_H - used) // g.LINE_PITCH
    items: list[Item] = []
    if last % 2 == 0 and free >= rows + 1:  # an even page with room, and a line of air above
        items += [blank() for _ in range(free - rows)]
    else:
        if last % 2 == 0:  # a full even page: an unnumbered blank page, then the 版记 page
            items += [SectionBreak(numbered_after=False), blank()]
        items += [blank(page_break_before=True)] + [blank() for _ in range(g.LINES_PER_PAGE - rows - 1)]
    items.append(colophon)
    items.append(Para(END_MARK, line=END_MARK_HEIGHT, snap=False))
    return items
