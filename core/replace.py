"""查找和替换 and 年份更新 on a Report, as pure functions returning a changed copy.

A report's text lives in slots: the metadata text fields (标题, 发文字号, 主送机关 …), each chapter's title,
and each paragraph's heading and run-in text. A match never spans two slots (a paragraph's heading and its
text are separate slots, as they are stored).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from core.importing.recognize import DOC_NUMBER_RE
from core.outline import Report, chapter_numbers
from core.outline import FIELD_LABELS

# The metadata fields that hold free text, in the order of the 基本信息 form.
TEXT_FIELDS = ("doc_number", "title", "recipients", "signer", "signature", "cc", "printing_organ", "note")
TITLE_PARTS = ("title", "chapter_title")
YEAR_RANGE = (1949, 2100)  # four-digit numbers taken for years
NEAR = 1  # years within old_year ± NEAR are shifted by default; others are listed unticked
SPAN_DASHES = "—–－-~～至到"
_YEAR_MENTION = re.compile(
    r"(?<!\d)(?P<first>\d{4})(?:\s*(?:——|[" + re.escape(SPAN_DASHES) + r"])\s*(?P<last>\d{4}))?(?!\d)"
    r"(?P<tail>\s*年)?")

_BRACKETS = {"〔": "〕", "[": "]", "【": "】", "（": "）", "(": ")"}


@dataclass(frozen=True)
class Slot:
    """Where a piece of text lives: a report field, a chapter title, or a paragraph's heading/text."""
    part: str  # a TEXT_FIELDS name, "chapter_title", "heading" or "text"
    chapter: int | None = None  # chapter index in report.chapters
    block: int | None = None


@dataclass(frozen=True)
class Options:
    match_case: bool = False
    whole_number: bool = True  # 「2025」 does not match inside 「20250」


@dataclass(frozen=True)
class Match:
    slot: Slot
    start: int
    end: int


# --- slots ---------------------------------------------------------------------------------------

def slots(report: Report, chapter: int | None = None) -> list[Slot]:
    """Every text slot of the report in reading order, or of one chapter (by index)."""
    result = [] if chapter is not None else [Slot(name) for name in TEXT_FIELDS]
    indexes = range(len(report.chapters)) if chapter is None else [chapter]
    for c in indexes:
        result.append(Slot("chapter_title", c))
        for b in range(len(report.chapters[c].blocks)):
            result.append(Slot("heading", c, b))
            result.append(Slot("text", c, b))
    return result


def slot_text(report: Report, slot: Slot) -> str:
    if slot.chapter is None:
        return getattr(report, slot.part)
    chapter = report.chapters[slot.chapter]
    if slot.block is None:
        return chapter.title
    return getattr(chapter.blocks[slot.block], slot.part)


def _set_slot_text(report: Report, slot: Slot, text: str) -> None:
    if slot.chapter is None:
        setattr(report, slot.part, text)
    elif slot.block is None:
        report.chapters[slot.chapter].title = text
    else:
        setattr(report.chapters[slot.chapter].blocks[slot.block], slot.part, text)


# --- find and replace ----------------------------------------------------------------------------

def _pattern(query: str, options: Options) -> re.Pattern:
    body = re.escape(query)
    if options.whole_number and query[:1].isdigit():
        body = r"(?<!\d)" + body
    if options.whole_number and query[-1:].isdigit():
        body += r"(?!\d)"
    return re.compile(body, 0 if options.match_case else re.IGNORECASE)


def find_matches(report: Report, query: str, options: Options = Options(),
                 chapter: int | None = None) -> list[Match]:
    """All matches in reading order (the whole report, or one chapter by index)."""
    if not query:
        return []
    pattern = _pattern(query, options)
    return [Match(slot, m.start(), m.end()) for slot in slots(report, chapter)
            for m in pattern.finditer(slot_text(report, slot))]


def replace_matches(report: Report, matches: list[Match], replacement: str) -> Report:
    """A copy of the report with the given matches replaced (each slot edited from its end)."""
    changed = copy.deepcopy(report)
    for slot in dict.fromkeys(m.slot for m in matches):
        text = slot_text(changed, slot)
        for match in sorted((m for m in matches if m.slot == slot), key=lambda m: m.start, reverse=True):
            text = text[:match.start] + replacement + text[match.end:]
        _set_slot_text(changed, slot, text)
    return changed


def replace_all(report: Report, query: str, replacement: str, options: Options = Options(),
                chapter: int | None = None) -> tuple[Report, int]:
    """(changed copy, number of replacements)."""
    matches = find_matches(report, query, options, chapter)
    return replace_matches(report, matches, replacement), len(matches)


def block_offset(report: Report, match: Match) -> tuple[int, int]:
    """A paragraph match as offsets in the paragraph as shown (heading followed by text)."""
    slot = match.slot
    if slot.part != "text" or slot.chapter is None or slot.block is None:
        return match.start, match.end
    shift = len(report.chapters[slot.chapter].blocks[slot.block].heading)
    return match.start + shift, match.end + shift


# --- 年份更新 ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class YearMention:
    """One year (or a span such as 2025—2027年) with its proposed new text and whether to change it."""
    match: Match
    old: str
    new: str
    safe: bool
    reason: str  # why it is not ticked by default; "" when safe
    context: str  # the surrounding text, for the review list


def year_mentions(report: Report, old_year: int, new_year: int,
                  titles_updated: bool = False) -> list[YearMention]:
    """Every year mention in the report with old_year → new_year applied (shifted by the difference).

    titles_updated: the report was just copied from old_year, which already moved the years of its title
    and chapter titles (core.archive.copy_for_year); those are left out so they do not move twice."""
    delta = new_year - old_year
    mentions = []
    for slot in slots(report):
        if titles_updated and slot.part in TITLE_PARTS:
            continue
        text = slot_text(report, slot)
        for m in _YEAR_MENTION.finditer(text):
            years = [int(m["first"])] + ([int(m["last"])] if m["last"] else [])
            in_brackets = _in_brackets(text, m.start("first"), m.end("last" if m["last"] else "first"))
            if not all(YEAR_RANGE[0] <= y <= YEAR_RANGE[1] for y in years):
                continue
            if not m["tail"] and not m["last"] and not in_brackets:
                continue  # a bare four-digit number (an amount, a count) is not taken for a year
            end = m.end("last") if m["last"] else m.end("first")
            old = text[m.start():end]
            new = _shift_digits(old, delta)
            reason = _unsafe_reason(slot, text, m.start(), end, years, old_year, in_brackets)
            mentions.append(YearMention(Match(slot, m.start(), end), old, new, not reason, reason,
                                        _context(text, m.start(), end)))
    return mentions


def apply_year_updates(report: Report, mentions: list[YearMention]) -> Report:
    """A copy of the report with the given mentions changed to their proposed text."""
    changed = copy.deepcopy(report)
    for mention in sorted(mentions, key=lambda y: y.match.start, reverse=True):
        slot = mention.match.slot
        text = slot_text(changed, slot)
        _set_slot_text(changed, slot, text[:mention.match.start] + mention.new + text[mention.match.end:])
    return changed


def _shift_digits(text: str, delta: int) -> str:
    return re.sub(r"\d{4}", lambda d: str(int(d.group()) + delta), text)


def _unsafe_reason(slot: Slot, text: str, start: int, end: int, years: list[int], old_year: int,
                   in_brackets: bool) -> str:
    if slot.part == "doc_number" or in_brackets or _in_doc_number(text, start):
        return "文号或引用中的年份"
    if text[:start].count("《") > text[:start].count("》"):
        return "书名号《》内的文件名"
    if abs(years[0] - old_year) > NEAR:
        return "与报告年度相差较远，多为历史年份或规划期"
    return ""


def _in_brackets(text: str, start: int, end: int) -> bool:
    before, after = text[:start].rstrip(), text[end:].lstrip()
    return bool(before) and before[-1] in _BRACKETS and after[:1] == _BRACKETS[before[-1]]


def _in_doc_number(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in DOC_NUMBER_RE.finditer(text))


def _context(text: str, start: int, end: int, width: int = 14) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def place_label(report: Report, slot: Slot) -> str:
    """Where a slot is, in words: 基本信息·发文字号, 一、…… 标题, 一、…… 第3段."""
    if slot.chapter is None:
        return "基本信息·" + FIELD_LABELS.get(slot.part, slot.part)
    chapter = report.chapters[slot.chapter]
    name = chapter_numbers(report.chapters)[slot.chapter] + chapter.title
    return f"{name} " + ("标题" if slot.block is None else f"第{slot.block + 1}段")
