"""Break the flow into lines and pages the way the word processor does with the properties we write.

Rules (all measured on LibreOffice renders, and the meaning Word gives the same OOXML properties):
- every line has its paragraph's exact height; a line fits when its bottom is within the 版心;
- widow/orphan control is on for every paragraph: a split leaves at least two lines on each page, so
  paragraphs of two or three lines never split;
- a paragraph with keepNext moves, whole, to the next page together with the first lines of the
  paragraph after it (headings, the 落款 block, body lines carried with the 落款); we also write
  keepLines on it so that Word does not split it either;
- a page break before a paragraph, or a new section, starts a new page unless the page is empty;
- tables (the joint 发文机关标志, the 版记) are never split.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core.pages import geometry as g
from core.pages.flow import PAGE_NUMBER, PAGE_NUMBER_STYLE, Item, Para, SectionBreak, Table
from core.pages.lines import baseline, line_advances, line_ranges
from core.pages.metrics import text_width
from core.pages.model import Line, Page, Span

WIDOW, ORPHAN = 2, 2


@dataclass(slots=True)
class Box:
    """One line of a paragraph before it is placed: its text range and height."""
    start: int
    end: int
    height: int


@dataclass
class Measured:
    item: Item
    index: int
    boxes: list[Box]  # a table is one box
    advances: list[int] | None = None

    @property
    def keep_next(self) -> bool:
        return isinstance(self.item, Para) and self.item.keep_next

    def need(self) -> int:
        """The height that must fit on a page for this item to start there."""
        heights = [b.height for b in self.boxes]
        item = self.item
        if not isinstance(item, Para) or item.keep_lines or item.keep_next \
                or len(heights) <= WIDOW + ORPHAN - 1:
            return sum(heights)
        return sum(heights[:ORPHAN])

    @property
    def height(self) -> int:
        return sum(b.height for b in self.boxes)


def measure(item: Item, index: int) -> Measured:
    if isinstance(item, Table):
        return Measured(item, index, [Box(0, 0, item.before + item.height)])
    if isinstance(item, SectionBreak):
        return Measured(item, index, [])
    text = item.text
    adv = line_advances(item, text)
    line = item.line
    boxes = [Box(start, end, line) for start, end in line_ranges(item, text, adv)]
    boxes[0].height += item.before
    if item.border and item.border.side == "bottom":
        boxes[-1].height += item.border.height
    return Measured(item, index, boxes, adv)


class Paginator:
    def __init__(self, flow: list[Item], cache: dict | None = None):
        self.cache = {} if cache is None else cache
        self.measured = [_measured(item, i, self.cache) for i, item in enumerate(flow)]
        self.pages: list[Page] = []
        self.numbered = True
        self.y = 0

    # --- pages --------------------------------------------------------------------------------

    def run(self) -> list[Page]:
        self._new_page()
        return self._place_from(0)

    def extend(self, items: list[Item]) -> list[Page]:
        """Go on with more items after the last one placed (what follows does not move what was
        placed: the 版记 after the 附注)."""
        start = len(self.measured)
        self.measured += [_measured(item, start + k, self.cache) for k, item in enumerate(items)]
        return self._place_from(start)

    def _place_from(self, i: int) -> list[Page]:
        while i < len(self.measured):
            i = self._place_group(i)
        for page in self.pages:
            page.footer = page_number_line(page.number) if page.numbered else None
        return self.pages

    def _new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1, self.numbered))
        self.y = 0

    def _break_unless_empty(self) -> None:
        if self.y > 0:
            self._new_page()

    def _place_group(self, i: int) -> int:
        """Place item i; a chain of keepNext items first moves to a new page when it does not fit
        together with the lines of the item it keeps with."""
        m = self.measured[i]
        if isinstance(m.item, SectionBreak):
            self.numbered = m.item.numbered_after
            self._break_unless_empty()
            self.pages[-1].numbered = self.numbered
            return i + 1
        if isinstance(m.item, Para) and m.item.page_break_before:
            self._break_unless_empty()
        if not m.keep_next:
            self._place(m)
            return i + 1
        j = i
        while j < len(self.measured) - 1 and self.measured[j].keep_next:
            j += 1
        chain, last = self.measured[i:j] or [m], self.measured[j]
        need = sum(c.height for c in chain)
        if j > i and not (isinstance(last.item, Para) and last.item.page_break_before):
            need += last.need()
        if self.y and self.y + need > g.TEXT_H and need <= g.TEXT_H:
            self._new_page()
        for c in chain:
            self._place(c)
        return i + len(chain)

    def _place(self, m: Measured) -> None:
        if isinstance(m.item, SectionBreak):
            return
        boxes = m.boxes
        if self.y and self.y + m.need() > g.TEXT_H and m.need() <= g.TEXT_H:
            self._new_page()
        k = 0
        while k < len(boxes):
            fit = self._fitting(boxes, k)
            rest = len(boxes) - k
            if fit >= rest:
                self._emit(m, k, len(boxes))
                return
            take = min(fit, rest - WIDOW)
            if self.y == 0:  # a paragraph longer than a page: split where it must
                take = max(1, take)
            elif take < ORPHAN:
                take = 0
            if take:
                self._emit(m, k, k + take)
                k += take
            self._new_page()

    def _fitting(self, boxes: list[Box], k: int) -> int:
        y, count = self.y, 0
        for box in boxes[k:]:
            if y + box.height > g.TEXT_H:
                break
            y += box.height
            count += 1
        return count

    def _emit(self, m: Measured, k: int, end: int) -> None:
        page = self.pages[-1]
        page.placements.append((m, k, end, self.y))
        self.y += sum(box.height for box in m.boxes[k:end])
        page.used = self.y


def _measured(item: Item, index: int, cache: dict) -> Measured:
    """Measuring is the costly part: reuse it across the passes of one layout (same item, same text)."""
    key = (id(item), index, getattr(item, "text", None))  # a split paragraph has a new text
    if key not in cache:
        cache[key] = measure(item, index)
    return cache[key]


def paginate(flow: list[Item], cache: dict | None = None) -> list[Page]:
    """The pages of `flow`; `cache` (a dict) lets later passes over the same items skip measuring."""
    return Paginator(flow, cache).run()


@lru_cache(maxsize=256)
def page_number_line(number: int) -> Line:
    """「— N —」 in 4号宋体, one 4号 character in from the outer edge, 7 mm below the 版心."""
    text = f"— {number} —"
    style = PAGE_NUMBER_STYLE
    w = text_width(text, style.size_tw)
    inset = g.COLOPHON_CHAR_W
    x = g.PAGE_W - g.MARGIN_RIGHT - inset - w if number % 2 else g.MARGIN_LEFT + inset
    y = g.PAGE_H - g.FOOTER_DISTANCE - g.FOOTER_LINE
    span = Span(text, x, w, PAGE_NUMBER, style.font, style.size_pt)
    return Line(number, x, y, w, g.FOOTER_LINE, baseline(y, g.FOOTER_LINE, style.size_tw),
                "right" if number % 2 else "left", PAGE_NUMBER, (span,))




__all__ = ["paginate", "Paginator"]
