"""The front matter: 发文机关标志, 发文字号 (and 签发人), title and 主送.

The head of a file is its leading short lines without sentence punctuation. The title is the last of
them that names a report (a web page often repeats it, with 栏目 lines before it); the 版头 and 文号
stand above it. Head lines that are none of these are kept as the first paragraphs of the 导语 with a
note, so nothing is lost and the clerk sees what to delete.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.importing.organs import is_organ_line, is_recipients_line, title_head
from core.importing.source import SourceParagraph
from core.numbering import starts_with_number

HEAD_LIMIT = 15  # the title is looked for among this many leading lines
MAX_HEAD_LINE = 60
MAX_TITLE_LINES = 3
HEAD_ENDS = "。！？；：，…!?;:,"  # a line ending so is running text, not a heading or a title
REPORT_WORDS = ("报告", "汇报", "总结")
BANNER_MIN_PT = 26  # 发文机关标志 is set larger than the 二号 (22 pt) title
TITLE_MIN_PT = 18
MAX_DOC_NUMBER_LINE = 80
DOC_NUMBER_RE = re.compile(
    r"(?P<prefix>[^\s〔\[【(（]{1,12}?)\s*[〔\[【(（]\s*(?P<year>\d{4})\s*[〕\]】)）]\s*第?\s*0*(?P<n>\d+)\s*号")
SIGNER_RE = re.compile(r"签发人\s*[：:]\s*(?P<name>\S+(?:\s\S+)?)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class FrontMatter:
    banner: str = ""
    doc_number: str = ""
    short_name: str = ""  # the 文号's organ short form, 景发 in 景发〔2025〕7号
    signer: str = ""
    title: str = ""
    recipients: str = ""
    stray: list[SourceParagraph] = field(default_factory=list)  # head lines that are none of these
    end: int = 0  # index of the first paragraph after the front matter


def normalise_doc_number(text: str) -> tuple[str, str, str] | None:
    """"景发[2025]第07号" → ("景发〔2025〕7号", "景发", signer or ""), None when there is no 文号."""
    match = DOC_NUMBER_RE.search(text)
    if not match:
        return None
    signer = SIGNER_RE.search(text)
    number = f"{match['prefix']}〔{match['year']}〕{match['n']}号"
    return number, match["prefix"], signer["name"].replace(" ", "") if signer else ""


def _doc_number_line(text: str) -> bool:
    """A line holding a 文号 (and a 签发人) and nothing else: a 栏目 line quoting one is not it."""
    if len(text) > MAX_DOC_NUMBER_LINE or normalise_doc_number(text) is None:
        return False
    rest = SIGNER_RE.sub("", DOC_NUMBER_RE.sub("", text, count=1))
    return not _HAN.search(rest)


def ends_running_text(text: str) -> bool:
    return bool(text) and text[-1] in HEAD_ENDS


def _is_head_line(p: SourceParagraph) -> bool:
    text = p.full_text
    return (len(text) <= MAX_HEAD_LINE and not ends_running_text(text) and not starts_with_number(text)
            and not is_recipients_line(text))


def looks_like_banner(p: SourceParagraph) -> bool:
    """发文机关标志: “…文件”, or a short line in red or very large type that is not the title."""
    text = p.full_text
    return text.endswith("文件") or ("报告" not in text and (p.red or (p.font_size_pt or 0) >= BANNER_MIN_PT))


def looks_like_title(p: SourceParagraph) -> bool:
    return p.centered and (p.font_size_pt or 0) >= TITLE_MIN_PT and not p.red


def read_front_matter(paras: list[SourceParagraph]) -> FrontMatter:
    front = FrontMatter()
    head_end = 0
    while head_end < min(len(paras), HEAD_LIMIT) and _is_head_line(paras[head_end]):
        head_end += 1
    used: set[int] = set()
    first = _doc_number(paras, head_end, front, used)
    title_start, title_end = _find_title(paras, first, head_end)
    if title_end:
        front.title = "".join(p.full_text for p in paras[title_start:title_end])
        used.update(range(title_start, title_end))
    banner_end = title_start if title_end else head_end
    banner = [k for k in range(banner_end) if k not in used and _banner_line(paras, k, first)]
    front.banner = " ".join(paras[k].full_text for k in banner)
    used.update(banner)
    recipients_at = head_end if head_end < len(paras) and is_recipients_line(paras[head_end].full_text) else None
    if recipients_at is not None:
        front.recipients = paras[recipients_at].full_text.rstrip("：:").strip()
        front.end = recipients_at + 1
        stray_end = recipients_at
    else:
        front.end = title_end or (max(used) + 1 if used else 0)
        stray_end = title_start if title_end else 0
    front.stray = [paras[k] for k in range(stray_end) if k not in used]
    return front


def _doc_number(paras: list[SourceParagraph], head_end: int, front: FrontMatter, used: set[int]) -> int:
    """The 文号 line (and a 签发人 line after it); returns the index after them, 0 when there is none."""
    at = next((k for k in range(min(head_end + 1, len(paras), 8)) if _doc_number_line(paras[k].full_text)),
              None)
    if at is None:
        return 0
    found = normalise_doc_number(paras[at].full_text)
    assert found is not None  # _doc_number_line said so
    front.doc_number, front.short_name, front.signer = found
    used.add(at)
    following = paras[at + 1].full_text if at + 1 < len(paras) else ""
    if not front.signer and (match := SIGNER_RE.match(following)):
        front.signer = match["name"].replace(" ", "")
        used.add(at + 1)
        return at + 2
    return at + 1


def _find_title(paras: list[SourceParagraph], start: int, head_end: int) -> tuple[int, int]:
    """(first, end) of the title lines among the head; (start, 0) when there is no title."""
    named = [k for k in range(start, head_end) if any(w in paras[k].full_text for w in REPORT_WORDS)]
    if named:
        end = named[-1] + 1
        first = end - 1
        while first > start and end - first < MAX_TITLE_LINES and _continues_title(paras, first - 1, first):
            first -= 1
        return first, end
    styled = [k for k in range(start, head_end) if looks_like_title(paras[k])]
    if styled and styled == list(range(styled[0], styled[-1] + 1)) and len(styled) <= MAX_TITLE_LINES:
        return styled[0], styled[-1] + 1
    return start, 0


def _continues_title(paras: list[SourceParagraph], above: int, line: int) -> bool:
    """Whether the line above belongs to the title: the organs over a 「关于……的报告」 line, or a
    line set in the same title type."""
    upper, lower = paras[above], paras[line]
    if looks_like_title(upper) and looks_like_title(lower):
        return True
    return is_organ_line(upper.full_text) and not title_head(lower.full_text) and not looks_like_banner(upper)


def _banner_line(paras: list[SourceParagraph], k: int, first_after_number: int) -> bool:
    """A 版头 line: above the 文号 (or at the top), banner-like or a line of organ names."""
    p = paras[k]
    if first_after_number and k >= first_after_number:
        return False
    text = p.full_text.removesuffix("文件").strip()
    return looks_like_banner(p) or (bool(text) and is_organ_line(text))
