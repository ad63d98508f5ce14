"""The report outline: plain dataclasses shared by storage, import, export, checks and the window.

Numbers (一、 （一） 1. （1）) are never stored: they are generated from position, so reordering
can never leave a sequence such as 一、一、三、.
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from datetime import date, datetime
from decimal import Decimal

# Levels and numbers live in core.numbering; re-exported here because every layer uses them with the outline.
from core.numbering import (BODY, CHAPTER, ITEM2, ITEM3, ITEM4, LEVEL_LABELS, LEVELS,  # noqa: F401
                            chinese_numeral, format_number, parse_chinese_numeral)

INTRO_KEY = "intro"

STATUSES = ("draft", "final", "issued")
STATUS_LABELS = {"draft": "草稿", "final": "定稿", "issued": "已印发"}
# A Report field → its name as GB/T 9704 and the clerk call it (the form, the checks, the diff, the import).
FIELD_LABELS = {"year": "报告年度", "organs": "发文机关", "banner_mode": "发文机关标志", "doc_number": "发文字号",
                "title": "标题", "recipients": "主送机关", "signer": "签发人", "signature": "署名",
                "written_date": "成文日期", "cc": "抄送机关", "printing_organ": "印发机关",
                "printing_date": "印发日期", "note": "附注", "status": "状态"}

BANNER_LEAD = "lead"  # 发文机关标志 names the lead organ only
BANNER_ALL = "all"  # 发文机关标志 names every organ, stacked

SENTENCE_ENDS = "。！？"


def split_heading(sentence_text: str) -> tuple[str, str]:
    """Split a numbered item into its heading sentence and the run-in text after it.

    "优化组织架构。调整……" → ("优化组织架构。", "调整……"); a single sentence is all heading.
    """
    for i, ch in enumerate(sentence_text):
        if ch in SENTENCE_ENDS:
            return sentence_text[: i + 1], sentence_text[i + 1:]
    return sentence_text, ""


@dataclass
class Block:
    """One paragraph: body text (level 0) or a numbered item (level 2–4) with heading + run-in text."""
    level: int = BODY
    heading: str = ""
    text: str = ""

    @property
    def plain(self) -> str:
        return self.heading + self.text

    def char_count(self) -> int:
        return count_chars(self.plain)


@dataclass
class Chapter:
    title: str
    template_key: str | None = None
    blocks: list[Block] = field(default_factory=list)
    id: int | None = None
    revision: int | None = None  # the stored revision this copy was read at (core/archive)

    @property
    def numbered(self) -> bool:
        return self.template_key != INTRO_KEY

    def char_count(self) -> int:
        return sum(b.char_count() for b in self.blocks)


@dataclass
class Organ:
    name: str
    short_name: str = ""


@dataclass
class Report:
    year: int
    title: str = ""
    organs: list[Organ] = field(default_factory=list)
    banner_mode: str = BANNER_LEAD
    doc_number: str = ""
    signer: str = ""
    recipients: str = ""
    written_date: date | None = None
    cc: str = ""
    printing_organ: str = ""
    printing_date: date | None = None
    note: str = ""
    signature: str = ""
    status: str = "draft"
    chapters: list[Chapter] = field(default_factory=list)
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision: int | None = None  # the stored revision of the metadata this copy was read at
    figures: list = field(default_factory=list)  # core.figures.Figure, as the archive loaded them

    @property
    def organ_names(self) -> list[str]:
        return [o.name for o in self.organs]

    @property
    def banner(self) -> str:
        """The 发文机关标志 text as printed, e.g. 中共景毛乡委员会文件."""
        names = self.organ_names if self.banner_mode == BANNER_ALL else self.organ_names[:1]
        return " ".join(names) + "文件" if names else ""

    @property
    def signature_lines(self) -> list[str]:
        """署名: the explicit signature, or the organs in order."""
        if self.signature.strip():
            return [s for s in self.signature.split() if s]
        return self.organ_names

    def char_count(self) -> int:
        return sum(c.char_count() for c in self.chapters)


MIN_YEAR = 1990  # the earliest report year the archive takes


def latest_year() -> int:
    """The latest report year: next year's report may be started in December."""
    return date.today().year + 1


def reads_as_year(value: int) -> bool:
    """Whether a number given for a report (CLI REPORT) is a year such as 2024 rather than an id."""
    return 1900 <= value <= 2100


def format_date(value: date | None) -> str:
    """A date as GB/T 9704 prints it: Arabic numerals, no zero padding — 2025年3月5日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def count_chars(text: str) -> int:
    """Characters as Chinese offices count them: everything except whitespace."""
    return sum(1 for ch in text if not ch.isspace())


def chapter_numbers(chapters: list[Chapter]) -> list[str]:
    """一、二、… for numbered chapters, "" for the 导语."""
    numbers, n = [], 0
    for chapter in chapters:
        if chapter.numbered:
            n += 1
            numbers.append(format_number(CHAPTER, n))
        else:
            numbers.append("")
    return numbers


def block_numbers(blocks: list[Block]) -> list[str]:
    """Generated item numbers; a level restarts below each item of a higher level."""
    counters = {ITEM2: 0, ITEM3: 0, ITEM4: 0}
    numbers = []
    for block in blocks:
        if block.level not in counters:
            numbers.append("")
            continue
        counters[block.level] += 1
        for deeper in counters:
            if deeper > block.level:
                counters[deeper] = 0
        numbers.append(format_number(block.level, counters[block.level]))
    return numbers


# --- the report as printed text: numbers joined to titles and paragraphs ---------------------

def numbered_titles(chapters: list[Chapter]) -> list[str]:
    """Each chapter's title as printed: 「一、……」; the 导语's without a number."""
    return [number + chapter.title for number, chapter in zip(chapter_numbers(chapters), chapters)]


def numbered_paragraphs(blocks: list[Block]) -> list[str]:
    """Each paragraph as printed, in one string: its number, heading and run-in text."""
    return [number + block.plain for number, block in zip(block_numbers(blocks), blocks)]


def recipients_line(report: Report) -> str:
    """主送 as printed: the names, then one full-width colon (however the clerk ended them)."""
    return report.recipients.rstrip("：:") + "：" if report.recipients else ""


def report_text(report: Report) -> str:
    """The whole report as numbered plain text, one paragraph a line (`show`, diffs in tests, benches)."""
    lines = [line for line in (report.banner, report.doc_number) if line]
    lines.append(report.title)
    if report.recipients:
        lines.append(recipients_line(report))
    for chapter, title in zip(report.chapters, numbered_titles(report.chapters)):
        if chapter.numbered:
            lines.append(title)
        lines.extend(numbered_paragraphs(chapter.blocks))
    return "\n".join(lines)


# --- serialisation (snapshots and `show --json`) -------------------------------------------------

def _iso(value):
    return value.isoformat() if value else None


def report_to_dict(report: Report, with_numbers: bool = True) -> dict:
    data = {
        "id": report.id,
        "year": report.year,
        "title": report.title,
        "doc_number": report.doc_number,
        "organs": report.organ_names,
        "organ_short_names": [o.short_name for o in report.organs],
        "banner_mode": report.banner_mode,
        "banner": report.banner,
        "signer": report.signer,
        "recipients": report.recipients,
        "written_date": _iso(report.written_date),
        "cc": report.cc,
        "printing_organ": report.printing_organ,
        "printing_date": _iso(report.printing_date),
        "note": report.note,
        "signature": report.signature,
        "status": report.status,
        "created_at": _iso(report.created_at),
        "updated_at": _iso(report.updated_at),
        "chapters": [],
        "figures": [{"key": f.key, "label": f.label, "unit": f.unit, "note": f.note,
                     "value": None if f.value is None else format(f.value, "f")} for f in report.figures],
    }
    chapter_nums = chapter_numbers(report.chapters)
    for chapter, number in zip(report.chapters, chapter_nums):
        blocks = [asdict(b) for b in chapter.blocks]
        if with_numbers:
            for block, block_number in zip(blocks, block_numbers(chapter.blocks)):
                block["number"] = block_number
        entry = {"id": chapter.id, "title": chapter.title, "template_key": chapter.template_key,
                 "blocks": blocks}
        if with_numbers:
            entry["number"] = number
        data["chapters"].append(entry)
    return data


def _date(value):
    return date.fromisoformat(value) if value else None


def report_from_dict(data: dict) -> Report:
    short_names = data.get("organ_short_names") or [""] * len(data.get("organs", []))
    return Report(
        year=int(data["year"]),
        title=data.get("title", ""),
        organs=[Organ(n, s) for n, s in zip(data.get("organs", []), short_names)],
        banner_mode=data.get("banner_mode", BANNER_LEAD),
        doc_number=data.get("doc_number", ""),
        signer=data.get("signer", ""),
        recipients=data.get("recipients", ""),
        written_date=_date(data.get("written_date")),
        cc=data.get("cc", ""),
        printing_organ=data.get("printing_organ", ""),
        printing_date=_date(data.get("printing_date")),
        note=data.get("note", ""),
        signature=data.get("signature", ""),
        status=data.get("status", "draft"),
        chapters=[
            Chapter(title=c["title"], template_key=c.get("template_key"),
                    blocks=[Block(b.get("level", BODY), b.get("heading", ""), b.get("text", ""))
                            for b in c.get("blocks", [])])
            for c in data.get("chapters", [])
        ],
        figures=_figures_from_dicts(data.get("figures", [])),
    )


def _figures_from_dicts(rows: list[dict]) -> list:
    from core.figures import Figure  # core.figures is a leaf module: no cycle, but kept out of the import time
    return [Figure(r["key"], r["label"], r["unit"], None if r.get("value") is None else Decimal(r["value"]),
                   r.get("note", "")) for r in rows]
