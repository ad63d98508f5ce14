"""The GB/T 9704-2012 page: A4, the 版心 (type area), the 22 × 28 grid and the type sizes.

Unit: the twip (1/20 pt, 1/1440 inch, 0.01764 mm) — the unit of WordprocessingML, so the numbers
here are written into the .docx unchanged. Positions in the page model are twips from the top-left
corner of the paper.
"""
from __future__ import annotations

TWIPS_PER_MM = 56.693
TWIPS_PER_PT = 20

PAGE_W, PAGE_H = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474  # 37/35/28/26 mm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 8844 tw = 156 mm
TEXT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 12756 tw = 225 mm

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579  # tw: 22 × 579 = 12738 ≤ 12756; 580 would give only 21 lines

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
COLOPHON_PT = 14  # 4号 (版记, 页码)
# Run spacing that condenses each 16 pt character to 15.75 pt: 28 × 15.75 = 441 pt fits the 442.2 pt
# line, 29 do not. LibreOffice ignores a negative char grid, so the condensing is done in the runs.
BODY_CONDENSE = -5  # tw
CHAR_W = BODY_PT * TWIPS_PER_PT + BODY_CONDENSE  # 315 tw: one 字 of body text
COLOPHON_CHAR_W = COLOPHON_PT * TWIPS_PER_PT  # 280 tw: one 字 of 4号

FOOTER_DISTANCE = 1420  # tw from the paper's bottom edge to the footer line: the dash 7 mm below the 版心
FOOTER_LINE = COLOPHON_PT * TWIPS_PER_PT  # the page number's exact line height


def mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


def twips(millimetres: float) -> int:
    return round(millimetres * TWIPS_PER_MM)
