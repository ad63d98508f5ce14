"""The document as a flow of paragraphs and tables: what the page model lays out and the .docx states.

One description serves both: `core.pages.paginate` breaks it into lines and pages, and
`core.docx_export` writes the very same paragraphs with the very same keep properties, so the word
processor has no room to break pages differently from the model.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.pages.geometry import BODY_CONDENSE, BODY_PT, COLOPHON_PT, LINE_PITCH, TITLE_PT, TWIPS_PER_PT

RED = "FF0000"

# Roles of text (Run.role, Span.role) and of paragraphs (Para.role).
BANNER, DOC_NUMBER, SIGNER, TITLE, RECIPIENTS = "banner", "doc_number", "signer", "title", "recipients"
HEADINGS = ("heading1", "heading2", "heading3", "heading4")
BODY, SIGNATURE, DATE, NOTE, BLANK = "body", "signature", "date", "note", "blank"
COLOPHON, PAGE_NUMBER, END_MARK = "colophon", "page_number", "end_mark"


@dataclass(frozen=True)
class RunStyle:
    font: str = "body"  # a core.fonts role: body / kai / hei / title / page_number
    size_pt: float = BODY_PT
    color: str | None = None
    condense_tw: int = BODY_CONDENSE
    latin_in_cjk_font: bool = False  # page numbers: digits in 宋体 too

    @property
    def size_tw(self) -> int:
        return round(self.size_pt * TWIPS_PER_PT)


BODY_STYLE = RunStyle()
KAI_STYLE = RunStyle("kai")
HEI_STYLE = RunStyle("hei")
TITLE_STYLE = RunStyle("title", TITLE_PT, condense_tw=0)
COLOPHON_STYLE = RunStyle(size_pt=COLOPHON_PT, condense_tw=0)
PAGE_NUMBER_STYLE = RunStyle("page_number", COLOPHON_PT, condense_tw=0, latin_in_cjk_font=True)


@dataclass(frozen=True)
class Run:
    text: str  # "\t" is a tab, "\n" a line break
    style: RunStyle = BODY_STYLE
    role: str = BODY


@dataclass(frozen=True)
class Border:
    side: str  # top / bottom
    size_eighths: int  # line width in eighths of a point
    color: str = "000000"
    space_pt: int = 0  # distance from the text

    @property
    def height(self) -> int:
        """What the border adds to the paragraph's height, in twips."""
        return self.space_pt * TWIPS_PER_PT + self.size_eighths * TWIPS_PER_PT // 8


@dataclass(frozen=True)
class Source:
    """Where a paragraph's text comes from in the Report, so a click on a line can go there.

    `field` names a Report attribute (title, recipients, doc_number, signer, organs, written_date,
    note, cc, printing_organ); otherwise chapter_index/block_index name a paragraph (block_index
    None: the chapter's title). `offset` is where the source text starts in the printed text (after
    a generated number such as 「（一）」)."""
    field: str | None = None
    chapter_index: int | None = None
    chapter_id: int | None = None
    block_index: int | None = None
    offset: int = 0


@dataclass
class Para:
    role: str
    runs: list[Run] = field(default_factory=list)
    jc: str = "both"  # left / center / right / both / distribute
    left: int = 0  # indents, twips
    right: int = 0
    first_line_chars: int = 0  # first-line indent in 字 (2 for body paragraphs)
    hanging: int = 0  # twips; wrapped lines of 抄送 align after 「抄送：」
    line: int = LINE_PITCH  # exact line height
    before: int = 0
    border: Border | None = None
    tabs: tuple[tuple[str, int], ...] = ()  # (left/center/right, position from the left indent)
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    snap: bool = True  # snap to the section's line grid (off for large type)
    outline_level: int | None = None
    source: Source | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Cell:
    width: int
    paras: list[Para]
    v_align: str = "top"  # top / center / bottom
    borders: tuple[tuple[str, int], ...] = ()  # (side, eighths of a point), black


@dataclass
class Row:
    height: int  # exact, without the rules
    cells: list[Cell]

    @property
    def rules(self) -> int:
        """Height the cell borders add: the renderers draw them outside the exact row height."""
        return max((sum(size for _, size in cell.borders) * TWIPS_PER_PT // 8 for cell in self.cells),
                   default=0)


@dataclass
class Table:
    role: str
    rows: list[Row]
    before: int = 0  # a table has no spacing of its own: the paragraph before carries it

    @property
    def width(self) -> int:
        return sum(cell.width for cell in self.rows[0].cells) if self.rows else 0

    @property
    def height(self) -> int:
        return sum(row.height + row.rules for row in self.rows)


@dataclass(frozen=True)
class SectionBreak:
    """The pages after this point start a new page and carry no page numbers (blank + 版记 pages)."""
    numbered_after: bool = False


Item = Para | Table | SectionBreak


def blank(**props) -> Para:
    return Para(BLANK, **props)
