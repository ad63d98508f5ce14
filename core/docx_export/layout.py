"""The page geometry of a GB/T 9704-2012 公文 and a line-count model of our own paragraphs.

Every paragraph we write has exact line spacing and every body character is one 字 wide, so we can
predict where a line breaks and how many lines the document takes — which is what places the 版记 on
the right page without asking a word processor.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from itertools import accumulate

MM = 56.693  # twips per millimetre
PAGE_W, PAGE_H = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
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
CHAR_W = BODY_PT * 20 + BODY_CONDENSE  # 315 tw: one 字
COLOPHON_CHAR_W = COLOPHON_PT * 20

# Characters that may not start a line (避头) and may not end one (避尾).
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
TITLE_MAX_CHARS = TEXT_W // (TITLE_PT * 20)  # 20 characters of 2号 on a 156 mm line


def unit_widths(text: str) -> list[int]:
    """Width of each character in half-字: Chinese and full-width punctuation 2, Latin and digits 1.

    A list comprehension, not a per-character function: this runs over every character exported."""
    return [1 if ch < "\u2000" else 2 for ch in text]


def text_units(text: str) -> int:
    return sum(unit_widths(text))


def text_width_chars(text: str) -> float:
    """Width in 字 (one 3号 Chinese character)."""
    return text_units(text) / 2


def wrap_units(text: str, line_units: int, first_indent_units: int = 0) -> list[str]:
    """Break text into lines the way Word/WPS do with kinsoku: as many characters as fit, then move
    characters down while the next line would start with closing punctuation or this one end with
    an opening one. (Cumulative widths + bisect: this runs for every paragraph of every export.)"""
    ends = list(accumulate(unit_widths(text)))
    lines, start, used = [], 0, -first_indent_units
    while start < len(text):
        cut = bisect_right(ends, used + line_units, lo=start)
        cut = max(cut, start + 1)
        if cut < len(text):
            cut = _kinsoku_cut(text, start, cut)
        lines.append(text[start:cut])
        used, start = ends[cut - 1], cut
    return lines or [""]


def _kinsoku_cut(text: str, start: int, cut: int) -> int:
    while cut - start > 1 and (text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END):
        cut -= 1
    return cut


def body_line_count(text: str, indent_chars: int = 2) -> int:
    return len(wrap_units(text, CHARS_PER_LINE * 2, indent_chars * 2))


def colophon_line_count(text: str, inset_chars: int = 1) -> int:
    """Lines of a 4号 版记 entry inset one 字 (of 4号) on each side."""
    units = (TEXT_W - 2 * inset_chars * COLOPHON_CHAR_W) * 2 // COLOPHON_CHAR_W
    return len(wrap_units(text, units))


def page_and_line(lines_used: int) -> tuple[int, int]:
    """(page number, lines used on that page) after `lines_used` lines of LINE_PITCH."""
    page = max(1, math.ceil(lines_used / LINES_PER_PAGE))
    return page, lines_used - (page - 1) * LINES_PER_PAGE


# --- title lines in 梯形/菱形 ------------------------------------------------------------------------

# Places where a title may break without splitting a word: after a space, before 关于, after 、 or ，.
def _break_candidates(title: str) -> list[int]:
    spots = set()
    for i, ch in enumerate(title):
        if ch == " " or ch in "、，":
            spots.add(i + 1)
        if title.startswith("关于", i):
            spots.add(i)
    return sorted(p for p in spots if 0 < p < len(title))


def _fallback_candidates(title: str) -> list[int]:
    """Any place that splits neither a number nor punctuation from its neighbour."""
    return [i for i in range(1, len(title))
            if not (title[i - 1].isascii() and title[i].isascii())
            and title[i] not in NO_LINE_START and title[i - 1] not in NO_LINE_END]


def break_title(title: str) -> list[str]:
    """Lines of the 2号 title: one line if it fits, else a trapezoid or diamond of balanced lines."""
    title = " ".join(title.split())
    if text_units(title) <= TITLE_MAX_CHARS * 2:
        return [title]
    n_lines = math.ceil(text_units(title) / (TITLE_MAX_CHARS * 2))
    for candidates in (_break_candidates(title), _fallback_candidates(title)):
        best = _best_split(title, candidates, n_lines)
        if best:
            return best
    return [title]


def _best_split(title: str, candidates: list[int], n_lines: int) -> list[str] | None:
    best, best_score = None, None
    for cuts in _combinations(candidates, n_lines - 1):
        lines = [title[a:b].strip() for a, b in zip((0, *cuts), (*cuts, len(title)))]
        widths = [text_units(line) for line in lines]
        if max(widths) > TITLE_MAX_CHARS * 2 or min(widths) == 0:
            continue
        score = _shape_score(widths)
        if best_score is None or score < best_score:
            best, best_score = lines, score
    return best


def _shape_score(widths: list[int]) -> float:
    """Lower is better: balanced lines; a line longer than both neighbours' average (菱形 middle) or a
    steady widening/narrowing (梯形) is fine, a zig-zag is not."""
    spread = max(widths) - min(widths)
    diffs = [b - a for a, b in zip(widths, widths[1:])]
    zigzag = sum(1 for a, b in zip(diffs, diffs[1:]) if a < 0 < b)
    return spread + 40 * zigzag


def _combinations(items: list[int], k: int):
    if k == 0:
        yield ()
        return
    for i, item in enumerate(items):
        for rest in _combinations(items[i + 1:], k - 1):
            yield (item, *rest)
