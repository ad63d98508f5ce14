"""The end matter, read from the last paragraph up: 版记 (抄送, 印发机关和日期), 附注, 成文日期 and the
落款 (署名) — organ names with or without a date under them."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from core.importing.organs import ENDINGS, is_organ_line
from core.importing.source import SourceParagraph
from core.numbering import parse_chinese_numeral, starts_with_number

MAX_TAIL_LINE = 200  # longer paragraphs are body text; the patterns below never see them
MAX_SIGNATURE_LINE = 30
MAX_SIGNATURE_LINES = 3
SENTENCE_ENDS = "。！？；：…”’」』）)!?;:."
CN_DIGITS = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "零": 0}
_DATE = (r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})"
         r"\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
DATE_RE = re.compile(f"^{_DATE}$")
NUMERIC_DATE_RE = re.compile(r"^(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})$")  # as typed: 2026-1-22
NOTE_RE = re.compile(r"^[（(](此件.{0,30})[)）]$")
CC_RE = re.compile(r"^抄\s*送\s*[：:]\s*(.*)$")
PRINTED_RE = re.compile(f"{_DATE}\\s*印\\s*发$")


@dataclass
class Tail:
    cc: str = ""
    printing_organ: str = ""
    printing_date: date | None = None
    note: str = ""
    written_date: date | None = None
    signature: list[str] = field(default_factory=list)
    start: int = 0  # index of the first paragraph of the end matter


def parse_date(text: str) -> date | None:
    """2025年3月5日, 2025年03月05日, 二〇二五年三月五日, 2025-3-5, 2025.3.5 or 2025/3/5 → date; None otherwise.

    Full-width digits and separators (２０２５．３．５, as some input methods type them) count as ASCII."""
    if len(text) > 40:
        return None
    compact = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))
    match = DATE_RE.match(compact) or NUMERIC_DATE_RE.match(compact)
    return _date_of(match) if match else None


def _date_of(match: re.Match) -> date | None:
    year = match["y"]
    if not year.isdigit():
        year = "".join(str(CN_DIGITS[c]) for c in year)
    month, day = (int(v) if v.isdigit() else parse_chinese_numeral(v) for v in (match["m"], match["d"]))
    try:
        return date(int(year), month or 0, day or 0)
    except ValueError:
        return None


def read_tail(paras: list[SourceParagraph], start: int) -> Tail:
    tail = Tail()
    end = len(paras)
    while end > start + 1:  # the body keeps at least one paragraph
        text = paras[end - 1].full_text
        if len(text) > MAX_TAIL_LINE:
            break
        if (cc := CC_RE.match(text)) and not tail.cc:
            tail.cc = cc.group(1).strip()
        elif _printed(text, tail):
            pass
        elif (note := NOTE_RE.match(text)) and not tail.note:
            tail.note = f"（{note.group(1)}）"
        elif tail.written_date is None and not tail.signature and (written := parse_date(text)):
            tail.written_date = written
            end = _signature(paras, start, end - 1, tail, dated=True)
            continue
        elif tail.written_date is None and not tail.signature:
            end = _signature(paras, start, end, tail, dated=False)
            break
        else:
            break
        end -= 1
    tail.start = end
    return tail


def _printed(text: str, tail: Tail) -> bool:
    """印发机关 and 印发日期 on one line: 「某某办公室    2025年3月6日印发」."""
    if not text.endswith("发") or tail.printing_date is not None:
        return False
    match = PRINTED_RE.search(text)
    if match is None or (printed := _date_of(match)) is None:
        return False
    tail.printing_organ, tail.printing_date = text[:match.start()].strip(), printed
    return True


def _signature(paras: list[SourceParagraph], start: int, end: int, tail: Tail, dated: bool) -> int:
    """The 署名 lines ending at `end`: organ names, set apart. Over a date a line naming an organ is
    enough; without a date every line must be organ names only (or set flush right in Word)."""
    lines: list[str] = []
    while end - 1 > start and len(lines) < MAX_SIGNATURE_LINES:
        p = paras[end - 1]
        if not _signature_line(p, dated):
            break
        lines.insert(0, p.full_text)
        end -= 1
    tail.signature = lines
    return end


def _signature_line(p: SourceParagraph, dated: bool) -> bool:
    text = p.full_text
    if len(text) > MAX_SIGNATURE_LINE or text[-1] in SENTENCE_ENDS or starts_with_number(text):
        return False
    if is_organ_line(text):
        return True
    names_an_organ = any(ending in text for ending in ENDINGS)
    return names_an_organ and (dated or p.aligned_right)
