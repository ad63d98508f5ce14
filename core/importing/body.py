"""The body: 导语, chapters and numbered items; paragraphs a page break split are rejoined, and typed
numbers that do not match their place are noted (the numbers are generated from position anyway).

Two facts about print decide what a page break can have split. A printed 公文 line holds 28
characters, so the part of a paragraph before a break is at least a line long: a shorter line without
end punctuation stands alone — a heading — and is never joined to what follows. And a numbered line
never continues the paragraph above it.
"""
from __future__ import annotations

import re
import unicodedata

from core.importing.front import ends_running_text
from core.importing.source import SourceParagraph
from core.importing.tail import parse_date
from core.numbering import CHAPTER, ITEM2, ITEM_LEVELS, format_number, starts_with_number, typed_value
from core.outline import BODY, Block, Chapter, INTRO_KEY, split_heading
from core.template import match_template_key, template_chapters

FULL_LINE_CELLS = 24  # 28 characters a line, 26 after the first-line indent, less a little slack
MAX_HEADING = 40
SENTENCE_ENDS = "。！？；：…”’」』）)!?;:."  # a paragraph ending so is complete
_INNER_SENTENCE_END = re.compile(r"[。！？；!?;]")
_TABLE_LIKE = re.compile(r"\s{2,}|\t|　")
_RUN_IN_COUNT = re.compile(  # 一是…
    r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|第[一二三四五六七八九十]+[，,、])")
MAX_NUMBER_NOTES = 8
INTRO_TITLE = next(c.title for c in template_chapters() if c.key == INTRO_KEY)


def display_width(text: str) -> float:
    """Width in character cells: Chinese and full-width characters 1, others ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_ENDS


def heading_formatted(p: SourceParagraph) -> bool:
    """A short unnumbered line set in 黑体, bold or Word's 标题 1: a chapter heading in many Word files."""
    return ("黑体" in p.font_name or p.bold or p.outline_level == 0) and not p.centered


class BodyReader:
    """Reads the body paragraphs into chapters; what it had to decide goes into `notes`."""

    def __init__(self, year: int, notes: list[str]):
        self.year = year
        self.notes = notes
        self.chapters: list[Chapter] = []
        self._previous: SourceParagraph | None = None  # the source line the last block ends with
        self._pending: list[str] = []  # continuation lines of the last block, joined once at the end
        self._chapter_count = 0
        self._counters = dict.fromkeys(ITEM_LEVELS, 0)
        self._number_notes = 0
        self._restarted: int | None = None  # 一、二、 typed as items under a chapter heading: the last one
        self._seen_paragraph = False  # a page can only end after a complete paragraph of text

    def read(self, paras: list[SourceParagraph], stray: list[SourceParagraph]) -> list[Chapter]:
        intro = Chapter(title=INTRO_TITLE, template_key=INTRO_KEY,
                        blocks=[Block(BODY, "", p.full_text) for p in stray])
        self.chapters = [intro]
        numbered = any(starts_with_number(p.full_text, (CHAPTER,)) for p in paras)
        for i, p in enumerate(paras):
            following = paras[i + 1] if i + 1 < len(paras) else None
            if starts_with_number(p.full_text, (CHAPTER,)) and self._restarted_item(p.full_text):
                continue
            if starts_with_number(p.full_text, (CHAPTER,)):
                self._numbered_chapter(p.full_text)
            elif self._unnumbered_heading(p, following, numbered):
                self._new_chapter(p.full_text)
                self.notes.append(f"按{'字体' if heading_formatted(p) else '位置和内容'}判断“{p.full_text}”"
                                  "为一级标题，请核对。")
            elif self._continues(p):
                self._join(p)
            else:
                self._add_block(p)
        self._flush()
        if not intro.blocks:
            self.chapters.remove(intro)
        return self.chapters

    # --- chapters --------------------------------------------------------------------------

    def _numbered_chapter(self, text: str) -> None:
        _level, length, typed = _typed(text, (CHAPTER,))
        title = text[length:].strip()
        self._new_chapter(title)
        self._check_number(typed, self._chapter_count, CHAPTER, text[:length].strip() + title, "一级标题")

    def _restarted_item(self, text: str) -> bool:
        """一、 typed again right under a chapter heading that names a mandated part (「一、……主要举措和成效」
        then 「一、强化组织领导」): by position the author began the chapter's items with the chapter's
        number form. Those lines, 一、 二、 … in sequence and naming no mandated part, become （一）（二）…"""
        _level, length, typed = _typed(text, (CHAPTER,))
        title = text[length:].strip()
        names_a_part = match_template_key(title, self.year) not in (None, INTRO_KEY)
        if self._restarted is not None:
            if names_a_part or typed != self._restarted + 1:
                self._restarted = None
                return False
        else:
            current = self.chapters[-1]
            heading_alone = self._chapter_count > 0 and not current.blocks and not self._pending
            if not (typed == 1 and heading_alone and not names_a_part
                    and match_template_key(current.title, self.year) not in (None, INTRO_KEY)):
                return False
            self.notes.append(f"“{text[:16]}”紧接在“{current.title[:16]}”之下，序号重新从“一、”开始，"
                              "已按位置作为这一部分的条目（（一）（二）……），请核对。")
        self._restarted = typed
        self._flush()
        self._counters = dict.fromkeys(ITEM_LEVELS, 0) | {ITEM2: typed}
        self.chapters[-1].blocks.append(Block(ITEM2, *split_heading(title)))
        self._previous = None
        return True

    def _new_chapter(self, title: str) -> None:
        self._flush()
        self.chapters.append(Chapter(title=title))
        self._chapter_count += 1
        self._counters = dict.fromkeys(ITEM_LEVELS, 0)
        self._previous = None

    def _unnumbered_heading(self, p: SourceParagraph, following: SourceParagraph | None,
                            numbered: bool) -> bool:
        """A short standalone line followed by body text that names a mandated part, or — when the
        report numbers no chapters — that looks like a heading (short, unpunctuated, or set in 黑体)."""
        text = p.full_text
        if (p.in_table or p.centered or len(text) > MAX_HEADING or starts_with_number(text)
                or ends_running_text(text) or _ends_sentence(text) or _INNER_SENTENCE_END.search(text)
                or _TABLE_LIKE.search(text) or _RUN_IN_COUNT.match(text) or parse_date(text)):
            return False
        if following is None or starts_with_number(following.full_text, (CHAPTER,)):
            return False
        if not starts_with_number(following.full_text) and _short_unpunctuated(following):
            return False  # two short lines in a row: neither stands over body text
        key = match_template_key(text, self.year)
        current = self.chapters[-1]
        mandated = key not in (None, INTRO_KEY) and key != match_template_key(current.title, self.year)
        if numbered:
            return mandated
        return mandated or heading_formatted(p) or display_width(text) < FULL_LINE_CELLS

    # --- blocks and page-split paragraphs -------------------------------------------------------

    def _continues(self, p: SourceParagraph) -> bool:
        blocks = self.chapters[-1].blocks
        if not self._seen_paragraph or self._previous is None or not blocks or p.in_table \
                or self._previous.in_table:
            return False
        if starts_with_number(p.full_text) or p.heading_chars:
            return False
        last = blocks[-1]
        so_far = last.plain + "".join(self._pending)
        if _ends_sentence(so_far):
            return False
        full_line = display_width(self._previous.full_text) >= FULL_LINE_CELLS
        if last.level != BODY:
            if not _INNER_SENTENCE_END.search(so_far):  # a heading on its own line
                return last.level != ITEM2 and full_line
            return full_line or p.page_break_before
        return full_line or p.page_break_before

    def _join(self, p: SourceParagraph) -> None:
        last = self.chapters[-1].blocks[-1]
        before = (last.plain + "".join(self._pending))[-8:]
        self.notes.append(f"已把分页断开的段落合并：“…{before}｜{p.full_text[:8]}…”")
        self._pending.append(p.full_text)
        self._previous = p

    def _flush(self) -> None:
        """Join the continuation lines into the last block, once (joining line by line is quadratic)."""
        if not self._pending:
            return
        block, rest = self.chapters[-1].blocks[-1], "".join(self._pending)
        self._pending = []
        if block.level == BODY or block.text or _ends_sentence(block.heading):
            block.text += rest
        else:
            block.heading, block.text = split_heading(block.heading + rest)

    def _add_block(self, p: SourceParagraph) -> None:
        self._flush()
        block = _block_for(p)
        if block.level != BODY:
            self._count_item(p.full_text, block)
        previous_in_table = self._previous is not None and self._previous.in_table
        self._seen_paragraph = self._seen_paragraph or _ends_sentence(p.full_text)
        self.chapters[-1].blocks.append(block)
        if p.in_table and not previous_in_table:
            self.notes.append(f"表格已按行转为段落（单元格之间空一格），从“{p.full_text[:20]}”开始。")
        self._previous = p

    # --- typed numbers against their places -----------------------------------------------------

    def _count_item(self, text: str, block: Block) -> None:
        self._counters[block.level] += 1
        for deeper in ITEM_LEVELS:
            if deeper > block.level:
                self._counters[deeper] = 0
        _level, length, typed = _typed(text, ITEM_LEVELS)
        where = f"（在“{self.chapters[-1].title[:12]}”部分）" if self._chapter_count else "（在导语中）"
        self._check_number(typed, self._counters[block.level], block.level, text[:length].strip()
                           + block.plain[:12], "条目" + where)

    def _check_number(self, typed: int, position: int, level: int, shown: str, what: str) -> None:
        if typed == position:
            return
        self._number_notes += 1
        if self._number_notes > MAX_NUMBER_NOTES:
            if self._number_notes == MAX_NUMBER_NOTES + 1:
                self.notes.append("还有其他序号与位置不符之处，均已按位置编号，请逐一核对。")
            return
        self.notes.append(f"{what}“{shown}…”的序号与位置不符，已按位置编为“{format_number(level, position)}”，"
                          "请核对。")


def _typed(text: str, levels: tuple[int, ...]) -> tuple[int, int, int]:
    """typed_value of a line already known to start with a number of one of `levels`."""
    found = typed_value(text, levels)
    assert found is not None
    return found


def _short_unpunctuated(p: SourceParagraph) -> bool:
    text = p.full_text
    return display_width(text) < FULL_LINE_CELLS and not _ends_sentence(text) and not ends_running_text(text)


def _block_for(p: SourceParagraph) -> Block:
    text = p.full_text
    if starts_with_number(text, ITEM_LEVELS):
        level, content_start, _value = _typed(text, ITEM_LEVELS)
        return Block(level, *_split_item(p, content_start))
    return Block(BODY, "", text)


def _split_item(p: SourceParagraph, content_start: int) -> tuple[str, str]:
    """Heading and run-in text of an item: where the formatting changes (a bold or 黑体/楷体 lead),
    else after the first sentence."""
    text = p.full_text
    lead_end = len(p.numbering) + p.heading_chars if p.heading_chars else 0
    if content_start < lead_end < len(text):
        return text[content_start:lead_end].strip(), text[lead_end:].strip()
    return split_heading(text[content_start:].strip())
