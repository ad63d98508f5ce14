"""Recognise a report's structure in a sequence of source paragraphs.

Text import gives bare lines; Word import gives the same paragraphs with formatting hints. Both end
here, so a report reads the same whichever way it arrives. Nothing is dropped: every line ends up in
the metadata or in a block, and whatever was guessed is listed in ImportResult.notes for the user,
marked 「请核对」 where the clerk should look.

front (版头, 文号, title, 主送) → tail (落款, 附注, 版记) → body (chapters, items) → year, organs → keys.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from core.errors import ImportFailed
from core.importing.body import BodyReader
from core.importing.front import DOC_NUMBER_RE, FrontMatter, read_front_matter
from core.importing.mapping import assign_keys
from core.importing.organs import completed, file_name_head, is_organ, organ_in_text, split_organs, \
    title_head, year_of
from core.importing.source import ImportResult, SourceParagraph
from core.importing.tail import Tail, parse_date, read_tail
from core.numbering import CHAPTER, starts_with_number
from core.outline import BANNER_ALL, BANNER_LEAD, INTRO_KEY, Organ, Report

# DOC_NUMBER_RE and parse_date are used outside the import (core.replace, gui.date_field).
__all__ = ["DOC_NUMBER_RE", "ImportResult", "SourceParagraph", "build_report", "parse_date"]

MIN_YEAR = 1990
_FIRST_YEAR = re.compile(r"^\s*(\d{4})\s*年")
_REPORTED_YEAR = re.compile(r"现将.{0,40}?(\d{4})\s*年")
_BARE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
OPENING_PARAGRAPHS = 4  # the paragraphs read for a year or an organ the title does not give
AUTHORITATIVE = ("标题", "版头", "署名")  # where a report names its organs itself


class _Builder:
    def __init__(self, paragraphs: list[SourceParagraph], year: int | None, source_name: str):
        self.paras = [p for p in paragraphs if p.full_text]
        self.year_hint = year
        self.notes: list[str] = []
        self.report = Report(year=year or 0)
        self.source_name = source_name

    def build(self) -> ImportResult:
        front = read_front_matter(self.paras)
        tail = read_tail(self.paras, front.end)
        body = self.paras[front.end:tail.start]
        self._metadata(front, tail)
        self.report.year = self._year(front.title, body)
        self.report.chapters = BodyReader(self.report.year, self.notes).read(body, front.stray)
        if front.stray:
            shown = "／".join(p.full_text[:16] for p in front.stray[:2])
            self.notes.insert(0, f"标题之前的 {len(front.stray)} 行（“{shown}”…）不像报告的组成部分（可能是网页上的"
                                 "栏目信息），已放在导语开头，请核对后删除。")
        self._organs(front, tail)
        if not self.report.title:
            self.report.title = f"{' '.join(self.report.organ_names)}关于{self.report.year}年度法治政府建设情况的报告" \
                if self.report.organs else f"{self.report.year}年度法治政府建设情况报告"
            self.notes.append(f"没有找到标题，已拟为“{self.report.title}”，请核对。")
        assign_keys(self.report.chapters, self.report.year, self.notes)
        return ImportResult(self.report, self.notes, self.source_name)

    def _metadata(self, front: FrontMatter, tail: Tail) -> None:
        r = self.report
        r.title, r.doc_number, r.signer, r.recipients = front.title, front.doc_number, front.signer, front.recipients
        r.written_date, r.note, r.cc = tail.written_date, tail.note, tail.cc
        r.printing_organ, r.printing_date = tail.printing_organ, tail.printing_date

    # --- the year ----------------------------------------------------------------------------

    def _year(self, title: str, body: list[SourceParagraph]) -> int:
        title_year = year_of(title)
        if self.year_hint and title_year and self.year_hint != title_year:
            raise ImportFailed(f"文件标题写的是{title_year}年，与指定的{self.year_hint}年不一致。"
                               "请检查文件，或去掉 --year 按标题导入；未导入任何内容。")
        if given := title_year or self.year_hint:
            return given
        for where, year in (("正文开头", _year_in_opening(body)), ("文件名", _year_in_name(self.source_name))):
            if year:
                self.notes.append(f"标题中没有年度，按{where}识别为{year}年，请核对。")
                return year
        raise ImportFailed("无法从文件中识别报告年度（标题、正文开头和文件名中都没有“××××年”）。"
                           "请指定年度（命令行加 --year）后重新导入；未导入任何内容。")

    # --- the issuing organs ------------------------------------------------------------------

    def _organs(self, front: FrontMatter, tail: Tail) -> None:
        report = self.report
        banner = split_organs(re.sub(r"\s*文件\s*", " ", front.banner)) if front.banner else []
        opening = self._opening_text()
        sources = (("标题", split_organs(title_head(report.title))), ("版头", banner),
                   ("署名", [n for line in tail.signature for n in split_organs(line)]),
                   ("文件名", split_organs(file_name_head(PurePath(self.source_name).stem))),
                   ("正文开头", [found] if (found := organ_in_text(opening)) else []))
        where, names, completions = self._best_organs(sources)
        self.notes.extend(completions)
        if not names:
            self.notes.append("没有识别出发文机关，请核对并在“基本信息”中填写。")
        elif where != "标题":
            self.notes.append(f"标题中没有发文机关，按{where}识别为：{'、'.join(names)}，请核对。")
        report.organs = [Organ(n, front.short_name if k == 0 else "") for k, n in enumerate(names)]
        report.banner_mode = BANNER_ALL if len(banner) > 1 and len(names) > 1 else BANNER_LEAD
        if tail.signature and tail.signature != names:
            report.signature = " ".join(tail.signature)

    def _best_organs(self, sources) -> tuple[str, list[str], list[str]]:
        """(where, names, completion notes): the first of title, 版头 and 署名 that names complete organs;
        failing that, the first source that names any, bare places completed."""
        first = None
        for where, candidates in sources:
            names, completions = self._checked(candidates, where)
            if names and not completions and where in AUTHORITATIVE:
                return where, names, []
            if names and first is None:
                first = (where, names, completions)
        return first or ("", [], [])

    def _checked(self, candidates: list[str], where: str) -> tuple[list[str], list[str]]:
        """Complete organ names, and notes on bare places completed (乡/镇 → 人民政府, 街道 → 办事处);
        anything else is not taken for an organ."""
        names, completions = [], []
        for name in candidates:
            if is_organ(name):
                names.append(name)
            elif full := completed(name):
                names.append(full)
                completions.append(f"{where}中的“{name}”不是完整的机关名称，已补全为“{full}”，请核对。")
            elif where in ("标题", "文件名", "正文开头"):
                self.notes.append(f"{where}中的“{name}”不像完整的机关名称，未作为发文机关，请核对。")
        return names, completions

    def _opening_text(self) -> str:
        intro = next((c for c in self.report.chapters if c.template_key == INTRO_KEY), None)
        blocks = intro.blocks if intro else []
        return "。".join(b.plain for b in blocks[-OPENING_PARAGRAPHS:])


def _year_in_opening(body: list[SourceParagraph]) -> int | None:
    """The reported year as the opening says it: 「现将……2024年……报告如下」, else a paragraph that
    starts with the year, else the year in the first chapter heading."""
    opening = []
    for p in body[:OPENING_PARAGRAPHS]:
        opening.append(p.full_text)
        if starts_with_number(p.full_text, (CHAPTER,)):
            break
    for pattern in (_REPORTED_YEAR, _FIRST_YEAR):
        for text in opening:
            match = pattern.search(text)
            if match and _plausible(int(match.group(1))):
                return int(match.group(1))
    chapter = next((t for t in opening if starts_with_number(t, (CHAPTER,))), "")
    year = year_of(chapter)
    return year if year and _plausible(year) else None


def _year_in_name(name: str) -> int | None:
    stem = PurePath(name).stem
    year = year_of(stem)
    if year is None and (bare := _BARE_YEAR.search(stem)):
        year = int(bare.group(1))
    return year if year and _plausible(year) else None


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= date.today().year + 1


def build_report(paragraphs: list[SourceParagraph], year: int | None = None,
                 source_name: str = "") -> ImportResult:
    """Recognise the report in `paragraphs`; raises ImportFailed when no year can be found."""
    return _Builder(paragraphs, year, source_name).build()
