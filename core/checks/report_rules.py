"""Rules that need the whole report: mandated contents, title years, metadata and paragraph structure.

Each rule yields (Target, Hit) pairs; a Target of None means the report as a whole.
"""
from __future__ import annotations

import re
from typing import Iterator

from core.checks.model import Target
from core.checks.text_rules import Hit
from core.outline import BODY, LEVEL_LABELS, Report, count_chars, format_date
from core.numbering import CHAPTER, starts_with_number, typed_number
from core.template import template_chapters

OTHER_KEY, PLANS_KEY, SHORTCOMINGS_KEY = "other", "plans", "shortcomings"
LONG_PARAGRAPH = 400  # characters: about 15 printed lines, most of a page
PARAGRAPH_ENDINGS = "。！？；：…”’）》」』—!?;:)"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


Found = Iterator[tuple[Target | None, Hit]]


# --- the five mandated contents --------------------------------------------------------------

def mandated_keys() -> list[str]:
    return [c.key for c in template_chapters() if c.key != "intro"]


def contents(report: Report) -> Found:
    for template in (c for c in template_chapters() if c.key in mandated_keys()):
        key, title = template.key, template.title_for(report.year)
        found = [i for i, c in enumerate(report.chapters) if c.template_key == key]
        if not found:
            yield None, Hit("contents-missing", 0, 0, f"缺少规定的“{title}”部分。"
                            + ("没有需要报告的情况时可写“无”，但不要删去本部分。" if key == OTHER_KEY else
                               "请添加这一部分。"))
            continue
        chapter = report.chapters[found[0]]
        if not any(b.plain.strip() for b in chapter.blocks):
            rule = "other-empty" if key == OTHER_KEY else "contents-empty"
            detail = ("“其他需要报告的情况”还是空的；没有需要报告的情况时，可写“无”。" if key == OTHER_KEY
                      else f"“{chapter.title}”部分还没有内容。")
            yield Target(chapter_index=found[0]), Hit(rule, 0, len(chapter.title), detail)


def causes(report: Report) -> Found:
    """The mandated part is 存在的不足和原因: the causes must be written, not only the shortcomings."""
    for index, chapter in enumerate(report.chapters):
        if chapter.template_key == SHORTCOMINGS_KEY and chapter.blocks:
            text = chapter.title + "".join(b.plain for b in chapter.blocks)
            if "原因" not in text:
                yield Target(chapter_index=index), Hit(
                    "causes-missing", 0, len(chapter.title),
                    f"“{chapter.title}”只写了不足，没有分析原因；规定要求写“存在的不足和原因”。")


def _year_hits(text: str, expected: int, what: str) -> Iterator[Hit]:
    years = list(_YEAR.finditer(text))
    if not years or any(int(m.group()) == expected for m in years):
        return
    first = years[0]
    yield Hit("chapter-year", first.start(), first.end(),
              f"{what}中的年份“{first.group()}”与报告年度不符，应为{expected}年。",
              str(expected) if len(years) == 1 else None)


def title_years(report: Report) -> Found:
    """The report title names the year; each mandated part names its year (主要安排: the next one)."""
    for hit in _year_hits(report.title, report.year, "报告标题"):
        yield Target(field="title"), hit
    for index, chapter in enumerate(report.chapters):
        if chapter.template_key not in mandated_keys() or chapter.template_key == OTHER_KEY:
            continue
        expected = report.year + 1 if chapter.template_key == PLANS_KEY else report.year
        target = Target(chapter_index=index)
        if not _YEAR.search(chapter.title):
            yield target, Hit("chapter-year-missing", 0, len(chapter.title),
                              f"标题“{chapter.title}”没有写明年度，建议写成“{expected}年度……”。")
        for hit in _year_hits(chapter.title, expected, "部分标题"):
            yield target, hit


# --- metadata ----------------------------------------------------------------------------------

_DOCNUM_YEAR = re.compile(r"([\[【(（［〔〈<{])\s*(\d{4})\s*([\]】)）］〕〉>}])")
_DOCNUM_DI = re.compile(r"字?\s*第\s*")
_DOCNUM_ZEROS = re.compile(r"(?<![\d〔\[【(（［])0+(?=\d+\s*号)")


def doc_number(report: Report) -> Found:
    target = Target(field="doc_number")
    for hit in doc_number_hits(report.doc_number):
        yield target, hit


def doc_number_hits(text: str) -> Iterator[Hit]:
    """发文字号: 〔year〕, no 第, no 虚位 (1 not 001), ends with 号 (GB/T 9704-2012 7.2.5); empty is fine."""
    if not text.strip():
        return
    year = _DOCNUM_YEAR.search(text)
    if year is None:
        yield Hit("docnum-brackets", 0, len(text),
                          f"发文字号“{text}”中的年份应写全并用六角括号括入，如“景发〔2025〕7号”。")
    elif (year.group(1), year.group(3)) != ("〔", "〕"):
        yield Hit("docnum-brackets", year.start(), year.end(),
                          f"发文字号的年份应用六角括号“〔〕”括入，不用“{year.group(1)}{year.group(3)}”。",
                          f"〔{year.group(2)}〕")
    for match in _DOCNUM_DI.finditer(text):
        yield Hit("docnum-di", match.start(), match.end(),
                          f"发文字号中不加“{match.group().strip()}”，如“〔2025〕7号”。", "")
    for match in _DOCNUM_ZEROS.finditer(text):
        yield Hit("docnum-zeros", match.start(), match.end(),
                          "发文字号的顺序号不编虚位（写“7号”，不写“007号”）。", "")
    stripped = text.rstrip()
    if not stripped.endswith("号"):
        last = stripped[-1:]
        yield Hit("docnum-ending", len(stripped) - 1, len(text), "发文字号应以“号”结尾。",
                          last + "号" if last.isdigit() else None)


def dates(report: Report) -> Found:
    """A missing 成文日期 is an export rule (core.checks.export_rules)."""
    if report.written_date and report.printing_date and report.printing_date < report.written_date:
        yield Target(field="printing_date"), Hit(
            "date-order", 0, 0, f"印发日期 {format_date(report.printing_date)} 早于成文日期 "
            f"{format_date(report.written_date)}，请检查。")


# The export prints 主送 as the field + "：" and 抄送 as "抄送：" + the field + "。" (a colon or full stop
# typed at the end is dropped first), so only other marks left at the end would print wrongly.
_RECIPIENTS_BAD_END = re.compile(r"[，,。.;；、]+(?=[：:]?\s*$)")
_CC_BAD_END = re.compile(r"[、：:]+(?=[。.；;，,]?\s*$)")


def recipients_and_cc(report: Report) -> Found:
    """主送 ends with a full-width colon (7.3.2), 抄送 with a full stop (7.4.2), as printed."""
    for match in _RECIPIENTS_BAD_END.finditer(report.recipients):
        yield Target(field="recipients"), Hit(
            "recipients-colon", match.start(), match.end(),
            f"主送机关末尾的“{match.group()}”应删去：最后一个机关名称之后只用全角冒号“：”（导出时自动加上）。", "")
    for match in _CC_BAD_END.finditer(report.cc):
        yield Target(field="cc"), Hit(
            "cc-full-stop", match.start(), match.end(),
            f"抄送机关末尾的“{match.group()}”应删去：最后一个机关名称之后只用句号“。”（导出时自动加上）。", "")


# --- paragraphs and chapters -------------------------------------------------------------------

def typed_numbers(report: Report) -> Found:
    """A number typed by hand where the outline generates one: "（二）…" at the start of a paragraph."""
    for ci, chapter in enumerate(report.chapters):
        for hit in _typed_number(chapter.title, BODY, in_title=True):
            yield Target(chapter_index=ci), hit
        for bi, block in enumerate(chapter.blocks):
            for hit in _typed_number(block.plain, block.level):
                yield Target(chapter_index=ci, block_index=bi), hit


def _typed_number(text: str, level: int, in_title: bool = False) -> Iterator[Hit]:
    # The importer's and the editor's reading of typed numbers, so a paragraph reads the same
    # whichever way it arrived.
    found = typed_number(text)
    if found is None or not starts_with_number(text):
        return
    implied, end = found
    number = text[:end].strip()
    if in_title or level != BODY:
        yield Hit("typed-number", 0, end, f"序号“{number}”是手工输入的；序号由程序自动生成，"
                  "这里会重复，应删除。", "")
    elif implied == CHAPTER:
        yield Hit("typed-number", 0, end, f"段首的“{number}”是一级标题的序号：请把这段作为新的部分"
                  "（一级标题），序号由程序自动生成。")
    else:
        yield Hit("typed-number", 0, end, f"段首的序号“{number}”是手工输入的；应改为"
                  f"“{LEVEL_LABELS[implied]}”层次，由程序自动编号。", "", implied)



def headings(report: Report) -> Found:
    """A heading on a line of its own has no full stop: chapter titles, the report title, and items
    that stand above their paragraphs (the next paragraph is body text or a deeper item)."""
    for hit in _full_stop(report.title, "标题"):
        yield Target(field="title"), hit
    for ci, chapter in enumerate(report.chapters):
        for hit in _full_stop(chapter.title, "部分标题"):
            yield Target(chapter_index=ci), hit
        for bi, block in enumerate(chapter.blocks):
            following = chapter.blocks[bi + 1] if bi + 1 < len(chapter.blocks) else None
            stands_alone = (block.level != BODY and not block.text.strip() and following is not None
                            and (following.level == BODY or following.level > block.level))
            if stands_alone:
                for hit in _full_stop(block.heading, "单独成行的小标题"):
                    yield Target(chapter_index=ci, block_index=bi), hit


def _full_stop(text: str, what: str) -> Iterator[Hit]:
    stripped = text.rstrip()
    if stripped.endswith("。"):
        yield Hit("heading-full-stop", len(stripped) - 1, len(text), f"{what}末尾一般不加句号。", "")


def paragraphs(report: Report) -> Found:
    """Very long paragraphs, paragraphs without a closing mark, chapters with nothing in them."""
    mandated = set(mandated_keys())
    for ci, chapter in enumerate(report.chapters):
        if not any(b.plain.strip() for b in chapter.blocks) and chapter.template_key not in mandated:
            yield Target(chapter_index=ci), Hit("empty-chapter", 0, len(chapter.title),
                                                f"“{chapter.title}”部分还没有内容。请补写，或删去这一部分。")
        for bi, block in enumerate(chapter.blocks):
            target, plain = Target(chapter_index=ci, block_index=bi), block.plain
            size = count_chars(plain)
            if size > LONG_PARAGRAPH:
                yield target, Hit("long-paragraph", 0, len(plain),
                                  f"这一段有 {size} 字，超过 {LONG_PARAGRAPH} 字；建议按层次分成几段。")
            stripped = plain.rstrip()
            runs_on = block.level == BODY or bool(block.text.strip())
            if stripped and runs_on and stripped[-1] not in PARAGRAPH_ENDINGS:
                yield target, Hit("paragraph-unfinished", len(stripped) - 1, len(stripped),
                                  "这一段没有以句号等标点结束；如是从打印稿复制时在分页处断开的，"
                                  "请与下一段合并。")


REPORT_RULES = (contents, causes, title_years, doc_number, dates, recipients_and_cc, typed_numbers,
                headings, paragraphs)
