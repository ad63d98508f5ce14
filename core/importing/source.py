"""What every reader hands to recognition: source paragraphs with the hints their format carries,
and what recognition hands back."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.outline import BODY, Report


@dataclass
class SourceParagraph:
    """A paragraph as found in the source file; formatting hints are filled by the Word import."""
    text: str
    centered: bool = False
    font_size_pt: float | None = None
    bold: bool = False
    red: bool = False
    font_name: str = ""
    numbering: str = ""  # the number Word shows for an auto-numbered paragraph, e.g. "一、"
    in_table: bool = False
    outline_level: int | None = None  # Word's outline level (0 = 标题 1), from the paragraph or its style
    heading_chars: int = 0  # leading characters of `text` set apart in bold or a heading font (run-in)
    aligned_right: bool = False  # set flush right, as a 署名 or 成文日期 is
    page_break_before: bool = False  # a page break (form feed, Word page break) came just before

    @property
    def full_text(self) -> str:
        return (self.numbering + self.text).strip()


@dataclass
class ImportResult:
    report: Report
    notes: list[str] = field(default_factory=list)
    source_name: str = ""

    @property
    def item_count(self) -> int:
        return sum(1 for c in self.report.chapters for b in c.blocks if b.level != BODY)
