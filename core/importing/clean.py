"""Characters no report contains: control characters and the code points XML cannot hold.

A Word file cannot carry them, so a paragraph keeping one would make every export of the report
fail. They come from damaged or mis-saved text files; they are removed, and where is said.
"""
from __future__ import annotations

import re

from core.importing.source import SourceParagraph

# C0 controls except tab (line breaks are split on before this), DEL, C1 controls, the two
# non-characters XML excludes, and surrogates (which no decoder should produce, but never pass on).
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
PLACES_NAMED = 3  # a note names the first few paragraphs, then counts the rest
EXCERPT = 12


def clean_paragraphs(paragraphs: list[SourceParagraph]) -> tuple[list[SourceParagraph], list[str]]:
    """The paragraphs without invisible control characters, and a note naming where any were."""
    places, removed = [], 0
    for index, paragraph in enumerate(paragraphs):
        text, count = INVISIBLE.subn("", paragraph.text)
        numbering = INVISIBLE.sub("", paragraph.numbering)
        if count or numbering != paragraph.numbering:
            removed += count
            paragraph.text, paragraph.numbering = text, numbering
            paragraph.heading_chars = min(paragraph.heading_chars, len(text))
            places.append(f"第{index + 1}段“{paragraph.full_text[:EXCERPT]}…”")
    if not removed:
        return paragraphs, []
    named = "、".join(places[:PLACES_NAMED]) + (f"等 {len(places)} 段" if len(places) > PLACES_NAMED else "")
    note = (f"文件中有 {removed} 个不可见的控制字符（文件可能曾损坏或用其他程序转存），已删除，"
            f"位于{named}；请核对这些段落的文字。")
    return [p for p in paragraphs if p.full_text], [note]
