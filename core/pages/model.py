"""What the page model produces: pages of positioned lines and shapes, for drawing, printing and PDF.

Coordinates are twips (1/20 pt) from the top-left corner of the A4 paper (11906 × 16838): x to the
right, y down. A line's box is (x, y, width, height); its text sits on `baseline` (approximate, taken
from LibreOffice renders). Spans carry their own x so a renderer can draw them without measuring; a
justified line (`justify`) is meant to be stretched to `width` by the renderer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.pages.flow import Item, Source


@dataclass(frozen=True)
class Span:
    text: str
    x: int  # left edge, twips from the paper's left edge
    width: int
    role: str  # banner, doc_number, signer, title, recipients, heading1–4, body, signature, date,
    #            note, colophon, page_number
    font: str  # core.fonts role: body / kai / hei / title / page_number
    size_pt: float
    color: str | None = None


@dataclass(frozen=True)
class Line:
    page: int  # 1-based physical page
    x: int  # the line box: the paragraph's indents applied
    y: int
    width: int
    height: int
    baseline: int
    align: str  # left / center / right / both / distribute
    role: str  # the paragraph's role
    spans: tuple[Span, ...]
    source: Source | None = None
    start: int = 0  # character range of this line in the source text (Source.offset applied)
    end: int = 0
    justify: bool = False  # stretch the spans to `width` (justified text, not a paragraph's last line)
    item: int = -1  # index of the paragraph or table in PageLayout.flow

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Shape:
    """A rule: the red line under the 文号, the 版记 lines. A horizontal line from (x0, y) to (x1, y)."""
    page: int
    kind: str  # red_rule / colophon_thick / colophon_thin
    x0: int
    x1: int
    y: int
    thickness: int  # twips
    color: str = "000000"


class Page:
    """One sheet: its lines and rules are built from the paginator's placements on first use (an
    export needs only where pages break, a preview needs the lines)."""

    def __init__(self, number: int, numbered: bool = True):
        self.number = number  # physical page, 1-based
        self.numbered = numbered  # False on the blank page and the 版记 page after it (GB/T 9704 7.5)
        self.footer: Line | None = None  # 「— N —」: odd pages right, even pages left
        self.placements: list = []  # (measured item, first box, end box, y) from core.pages.paginate
        self.used = 0  # twips filled from the 版心 top
        self._lines: list[Line] | None = None
        self._shapes: list[Shape] = []

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            from core.pages.lines import emit_lines
            lines: list[Line] = []
            self._lines = lines
            for measured, first, end, y in self.placements:
                emit_lines(self, measured, first, end, y)
            return lines
        return self._lines

    @property
    def shapes(self) -> list[Shape]:
        self.lines  # noqa: B018 — built together
        return self._shapes

    def line_counts(self) -> dict[int, int]:
        """Lines of each flow item on this page (without building the lines)."""
        counts: dict[int, int] = {}
        for measured, first, end, _ in self.placements:
            counts[measured.index] = counts.get(measured.index, 0) + end - first
        return counts

    @property
    def blank(self) -> bool:
        return not any(line.text.strip() for line in self.lines)

    def __repr__(self) -> str:
        return f"Page({self.number}, numbered={self.numbered}, items={len(self.placements)})"


@dataclass
class PageLayout:
    pages: list[Page]
    flow: list[Item]  # the paragraphs the .docx writes
    variant: str
    warnings: list[str] = field(default_factory=list)

    def lines(self):
        for page in self.pages:
            yield from page.lines

    def line_at(self, page: int, x: int, y: int) -> Line | None:
        """The line under a point of a page (for a click in a preview)."""
        for line in self.pages[page - 1].lines:
            if line.y <= y < line.y + line.height and line.x <= x <= line.x + line.width:
                return line
        return None

    def lines_of(self, chapter_index: int, block_index: int | None = None) -> list[Line]:
        """The printed lines of a paragraph (or of a chapter title with block_index None)."""
        return [line for line in self.lines() if line.source and line.source.field is None
                and line.source.chapter_index == chapter_index and line.source.block_index == block_index]

    def page_of(self, chapter_index: int, block_index: int | None = None) -> int | None:
        lines = self.lines_of(chapter_index, block_index)
        return lines[0].page if lines else None
