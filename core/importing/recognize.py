"""Recognise a report's structure in a sequence of source paragraphs.

Text import gives bare lines; Word import gives the same paragraphs with formatting hints. Both end
here, so a report reads the same whichever way it arrives. Nothing is dropped: every line ends up in
the metadata or in a block, and whatever was guessed is listed in ImportResult.notes for the user.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from core.errors import ImportFailed
from core.outline import (BANNER_ALL, BANNER_LEAD, BODY, Block, Chapter, INTRO_KEY, ITEM2, Organ,
                          Report, split_heading)
from core.numbering import CHAPTER, ITEM_LEVELS, parse_chinese_numeral, starts_with_number, typed_number
from core.template import assign_template_keys, template_chapter

TERMINAL = "。！？；：…”’」』）)!?;:."
DOC_NUMBER_RE = re.compile(
    r"(?P<prefix>[^\s〔\[【(（]{1,12}?)\s*[〔\[【(（]\s*(?P<year>\d{4})\s*[〕\]】)）]\s*第?\s*0*(?P<n>\d+)\s*号")
SIGNER_RE = re.compile(r"签发人\s*[：:]\s*(?P<name>\S+(?:\s\S+)?)")
CN_DIGITS = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "零": 0}
DATE_RE = re.compile(r"^(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})"
                     r"\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
NUMERIC_DATE_RE = re.compile(r"^(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})$")  # as typed: 2026-1-22
NOTE_RE = re.compile(r"^[（(](此件.{0,30})[)）]$")
CC_RE = re.compile(r"^抄\s*送\s*[：:]\s*(.*)$")
PRINTED_RE = re.compile(r"^(?P<organ>.*?)\s*(?P<date>\S+年\S+月\S+日)\s*印\s*发$")
ORGAN_RE = re.compile(r"(中共\S+?委员会|中国共产党\S+?委员会|\S+?人民政府|\S+?街道办事处|\S+?党工委|\S+?党委)")
TITLE_YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*年")
MAX_SHORT_LINE = 40
BANNER_MIN_PT = 26  # 发文机关标志 is set larger than the 二号 (22 pt) title
TITLE_MIN_PT = 18


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


# --- small parsers ---------------------------------------------------------------------------

def parse_date(text: str) -> date | None:
    """2025年3月5日, 2025年03月05日, 二〇二五年三月五日, 2025-3-5, 2025.3.5 or 2025/3/5 → date; None otherwise.

    Full-width digits and separators (２０２５．３．５, as some input methods type them) count as ASCII."""
    compact = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))
    match = DATE_RE.match(compact) or NUMERIC_DATE_RE.match(compact)
    if not match:
        return None
    year = match["y"]
    if not year.isdigit():
        year = "".join(str(CN_DIGITS[c]) for c in year)
    month, day = (int(v) if v.isdigit() else parse_chinese_numeral(v) for v in (match["m"], match["d"]))
    try:
        return date(int(year), month or 0, day or 0)
    except ValueError:
        return None


def normalise_doc_number(text: str) -> tuple[str, str, str] | None:
    """"景发[2025]第07号" → ("景发〔2025〕7号", "景发", signer or ""), None when there is no 文号."""
    match = DOC_NUMBER_RE.search(text)
    if not match:
        return None
    signer = SIGNER_RE.search(text)
    number = f"{match['prefix']}〔{match['year']}〕{match['n']}号"
    return number, match["prefix"], signer["name"].replace(" ", "") if signer else ""


def split_organs(text: str) -> list[str]:
    """Organ names in a title prefix or banner: by spaces, then by the usual name endings."""
    names = []
    for chunk in text.split():
        found = ORGAN_RE.findall(chunk)
        if found and "".join(found) == chunk:
            names.extend(found)
        elif chunk:
            names.append(chunk)
    return names


def _ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in TERMINAL


def _is_numbered(text: str) -> bool:
    return starts_with_number(text)


def _looks_like_heading(p: SourceParagraph) -> bool:
    """A short unnumbered line set in 黑体, bold or Word's 标题 1: a chapter heading in many Word files."""
    return (len(p.full_text) <= MAX_SHORT_LINE and not _ends_sentence(p.full_text)
            and ("黑体" in p.font_name or p.bold or p.outline_level == 0) and not p.centered)


def _looks_like_banner(p: SourceParagraph) -> bool:
    """发文机关标志: “…文件”, or a short line in red or very large type that is not the title."""
    text = p.full_text
    if len(text) > MAX_SHORT_LINE or _ends_sentence(text):
        return False
    return text.endswith("文件") or ("报告" not in text and (p.red or (p.font_size_pt or 0) >= BANNER_MIN_PT))


def _looks_like_title(p: SourceParagraph) -> bool:
    return p.centered and (p.font_size_pt or 0) >= TITLE_MIN_PT and not p.red


# --- the recogniser --------------------------------------------------------------------------

class _Builder:
    def __init__(self, paragraphs: list[SourceParagraph], year: int | None, source_name: str):
        self.paras = [p for p in paragraphs if p.full_text]
        self.year_hint = year
        self.notes: list[str] = []
        self.report = Report(year=year or 0)
        self.source_name = source_name
        self.short_name = ""
        self.banner_text = ""
        self.signature_lines: list[str] = []

    def build(self) -> ImportResult:
        start = self._front_matter()
        end = self._tail(start)
        self._body(self.paras[start:end])
        self._resolve_year_and_organs()
        self._assign_keys()
        return ImportResult(self.report, self.notes, self.source_name)

    # front matter: 发文机关标志, 文号 (+签发人), title, 主送 -------------------------------

    def _front_matter(self) -> int:
        paras = self.paras
        number_at = next((k for k, p in enumerate(paras[:8]) if normalise_doc_number(p.full_text)
                          and len(p.full_text) <= MAX_SHORT_LINE + 20), None)
        if number_at is not None:
            banner_end = number_at
            i = self._doc_number(number_at)
        else:
            banner_end = 0
            while banner_end < min(len(paras), 4) and _looks_like_banner(paras[banner_end]):
                banner_end += 1
            i = banner_end
        self.banner_text = " ".join(p.full_text for p in paras[:banner_end])
        i = self._title(i)
        if i < len(paras):
            text = paras[i].full_text
            if text[-1] in "：:" and len(text) <= 60 and "。" not in text and not _is_numbered(text):
                self.report.recipients = text[:-1].strip()
                i += 1
        return i

    def _doc_number(self, at: int) -> int:
        """文号 (and 签发人 on the same line or the next one); returns the index after them."""
        number, self.short_name, signer = normalise_doc_number(self.paras[at].full_text)
        self.report.doc_number, self.report.signer = number, signer
        following = self.paras[at + 1].full_text if at + 1 < len(self.paras) else ""
        if not signer and (match := SIGNER_RE.match(following)):
            self.report.signer = match["name"].replace(" ", "")
            return at + 2
        return at + 1

    def _title(self, i: int) -> int:
        paras = self.paras
        lines = []
        while i < len(paras) and len(lines) < 3:
            p = paras[i]
            text = p.full_text
            if _ends_sentence(text) or _is_numbered(text) or len(text) > 60 or text[-1] in "：:":
                break
            lines.append(text)
            i += 1
            if "报告" in text or (p.centered and not (i < len(paras) and paras[i].centered)):
                break
        set_as_title = lines and all(_looks_like_title(p) for p in paras[i - len(lines):i])
        if lines and (set_as_title or any("报告" in line or "情况" in line for line in lines)):
            self.report.title = "".join(lines)
            return i
        if lines:
            self.notes.append(f"没有找到标题，开头几行“{'／'.join(lines)}”已放入导语。")
        else:
            self.notes.append("没有找到标题。")
        return i - len(lines)

    # tail: 署名, 成文日期, 附注, 版记 ----------------------------------------------------

    def _tail(self, start: int) -> int:
        end = len(self.paras)
        while end > start:
            text = self.paras[end - 1].full_text
            if (cc := CC_RE.match(text)) and not self.report.cc:
                self.report.cc = cc.group(1).strip()
            elif (printed := PRINTED_RE.match(text)) and parse_date(printed["date"]):
                self.report.printing_organ = printed["organ"].strip()
                self.report.printing_date = parse_date(printed["date"])
            elif (note := NOTE_RE.match(text)) and not self.report.note:
                self.report.note = f"（{note.group(1)}）"
            elif parse_date(text) and self.report.written_date is None:
                self.report.written_date = parse_date(text)
                end -= 1
                end = self._signature(start, end)
                continue
            else:
                break
            end -= 1
        return end

    def _signature(self, start: int, end: int) -> int:
        """The 署名 lines just above the 成文日期: short, unpunctuated organ names."""
        lines = []
        while end > start and len(lines) < 3:
            text = self.paras[end - 1].full_text
            if len(text) > 30 or _ends_sentence(text) or _is_numbered(text) or not ORGAN_RE.search(text):
                break
            lines.insert(0, text)
            end -= 1
        self.signature_lines = lines
        return end

    # body: 导语, chapters, items; page-split paragraphs rejoined ---------------------------

    def _body(self, paras: list[SourceParagraph]) -> None:
        intro = Chapter(title=template_chapter(INTRO_KEY).title, template_key=INTRO_KEY)
        chapters = [intro]
        previous: SourceParagraph | None = None
        for p in paras:
            text = p.full_text
            chapter_number = typed_number(text, (CHAPTER,)) if starts_with_number(text, (CHAPTER,)) else None
            if chapter_number or (_looks_like_heading(p) and not _is_numbered(text)):
                title = text[chapter_number[1]:].strip() if chapter_number else text
                chapters.append(Chapter(title=title))
                if not chapter_number:
                    self.notes.append(f"按字体判断“{title}”为一级标题。")
                previous = None
                continue
            blocks = chapters[-1].blocks
            if previous is not None and blocks and self._continues(blocks[-1], text, p):
                self.notes.append(f"已把分页断开的段落合并：“…{blocks[-1].plain[-8:]}｜{text[:8]}…”")
                self._join(blocks[-1], text)
                previous = p
                continue
            blocks.append(_block_for(p))
            if p.in_table and not (previous and previous.in_table):
                self.notes.append(f"表格已按行转为段落（单元格之间空一格），从“{text[:20]}”开始。")
            previous = p
        if not intro.blocks:
            chapters.remove(intro)
        self.report.chapters = chapters

    @staticmethod
    def _continues(last: Block, text: str, p: SourceParagraph) -> bool:
        """A paragraph that a page break split: the last one stops mid-sentence, this one is plain.

        Chapter headings and （一） headings often stand on their own line without punctuation, so
        only body paragraphs and 1./（1） items are continued.
        """
        if last.level == ITEM2 or p.in_table or _is_numbered(text):
            return False
        return not _ends_sentence(last.plain)

    @staticmethod
    def _join(block: Block, text: str) -> None:
        if block.level == BODY:
            block.text += text
        else:
            block.heading, block.text = split_heading(block.plain + text)

    # year, organs, keys ----------------------------------------------------------------

    def _resolve_year_and_organs(self) -> None:
        report = self.report
        title_year = TITLE_YEAR_RE.search(report.title)
        year = int(title_year.group(1)) if title_year else None
        if self.year_hint and year and self.year_hint != year:
            raise ImportFailed(f"文件标题写的是{year}年，与指定的{self.year_hint}年不一致。"
                               "请检查文件，或去掉 --year 按标题导入；未导入任何内容。")
        report.year = year or self.year_hint or 0
        if not report.year:
            raise ImportFailed("无法从文件中识别报告年度（标题中没有“××××年”）。"
                               "请指定年度（命令行加 --year）后重新导入；未导入任何内容。")
        if not report.title:
            report.title = f"{report.year}年度法治政府建设情况报告"
        prefix = report.title[: title_year.start()] if title_year else ""
        prefix = prefix.split("关于")[0]
        names = split_organs(prefix)
        banner = re.sub(r"\s*文件\s*", " ", self.banner_text).strip()
        banner_names = split_organs(banner) if banner else []
        if not names:
            names = banner_names or self.signature_lines
            if names:
                self.notes.append(f"标题中没有发文机关，按{'版头' if banner_names else '署名'}识别为："
                                  f"{'、'.join(names)}。")
        report.organs = [Organ(n, self.short_name if k == 0 else "") for k, n in enumerate(names)]
        if banner_names and len(banner_names) > 1 and len(names) > 1:
            report.banner_mode = BANNER_ALL
        else:
            report.banner_mode = BANNER_LEAD
        if self.signature_lines and self.signature_lines != names:
            report.signature = " ".join(self.signature_lines)

    def _assign_keys(self) -> None:
        chapters = self.report.chapters
        numbered = [c for c in chapters if c.template_key != INTRO_KEY]
        keys = assign_template_keys([c.title for c in numbered], self.report.year)
        for chapter, key in zip(numbered, keys):
            chapter.template_key = key
            if key is None:
                self.notes.append(f"“{chapter.title}”不对应规定的五项内容之一，作为单独部分保留。")


def _block_for(p: SourceParagraph) -> Block:
    text = p.full_text
    if starts_with_number(text, ITEM_LEVELS):
        level, content_start = typed_number(text, ITEM_LEVELS)
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


def build_report(paragraphs: list[SourceParagraph], year: int | None = None,
                 source_name: str = "") -> ImportResult:
    """Recognise the report in `paragraphs`; raises ImportFailed when no year can be found."""
    return _Builder(paragraphs, year, source_name).build()
