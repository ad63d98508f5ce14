"""Rules for running Chinese text: each function takes one string and yields Hits inside it.

A Hit's replacement, when given, is a fix that is safe without human judgement.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple


class Hit(NamedTuple):
    rule: str
    start: int
    end: int
    detail: str
    replacement: str | None = None
    level: int | None = None  # the fix also moves the paragraph to this outline level


# Chinese characters and the punctuation set among them: a half-width mark next to one of these
# is a typo, while "1,000", "10:30" or "(ISO 9001)" are not.
CJK = (r"\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
       r"\u2014\u2018\u2019\u201c\u201d\u2026\u00b7")
_CJK_CHAR = re.compile(f"[{CJK}]")
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(r"[,:;?!()]")
_PAREN_PAIR = re.compile(r"\(([^()]*)\)")
_SPACE = r"[ \u00a0\u3000]"  # tabs have their own rule, invisible_chars
_DIGIT_UNIT_SPACE = re.compile(rf"(?<=\d){_SPACE}+(?=[年月日号])|(?<=[年月]){_SPACE}+(?=\d)")
_CHINESE_SPACE = re.compile(rf"(?<=[{CJK}]){_SPACE}+(?=[{CJK}])")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-‐‑–－~～]\s*((?:19|20)\d{2})(?!\d)")
_REPEATED = re.compile(r"([，。、；：！？])\1+|[，。、；：](?:[，。、；：])+")
_DATE = re.compile(r"(?<!\d)(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?")
_CN_DATE = re.compile(r"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?")
# GB2312 as Python's codec knows it, plus the two code points where the codec and every 仿宋_GB2312
# font disagree: A1AA is the dash "—" (U+2014, not U+2015) and A1A4 the middle dot "·" (U+00B7).
_GB2312_VARIANTS = frozenset("—·")


def is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


def _next_to_cjk(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + width] if i + width < len(text) else ""
    return is_cjk(before) or is_cjk(after)


def _quoted(s: str) -> str:
    return f"“{s}”"


def halfwidth_punct(text: str) -> Iterator[Hit]:
    """ASCII , : ; ? ! ( ) next to Chinese; a bracket pair around Chinese is fixed as one."""
    paired: set[int] = set()
    for match in _PAREN_PAIR.finditer(text):
        inner, start, end = match.group(1), match.start(), match.end()
        paired.update((start, end - 1))
        if _CJK_CHAR.search(inner) or _next_to_cjk(text, start, end - start):
            yield Hit("halfwidth-punct", start, end, "中文中使用了半角括号“( )”，应为全角“（ ）”。",
                      f"（{inner}）")
    for match in _HALF_PUNCT.finditer(text):
        i, mark = match.start(), match.group()
        if i not in paired and _next_to_cjk(text, i):
            yield Hit("halfwidth-punct", i, i + 1,
                      f"中文中使用了半角标点{_quoted(mark)}，应为全角{_quoted(FULL_WIDTH[mark])}。",
                      FULL_WIDTH[mark])


def straight_quotes(text: str) -> Iterator[Hit]:
    """ASCII double quotes in Chinese text: pairs become “ ”; an unpaired one needs a person."""
    if not _CJK_CHAR.search(text):
        return
    positions = [i for i, ch in enumerate(text) if ch == '"']
    for opening, closing in zip(positions[::2], positions[1::2]):
        inner = text[opening + 1:closing]
        yield Hit("straight-quotes", opening, closing + 1,
                  '中文中使用了直引号"…"，应为弯引号“…”。', f"“{inner}”")
    if len(positions) % 2:
        last = positions[-1]
        yield Hit("straight-quotes", last, last + 1,
                  '中文中有一个不成对的直引号"，请改为“或”并检查引号是否成对。')


def digit_unit_spaces(text: str) -> Iterator[Hit]:
    """"2025 年", "2025年 3月"."""
    for match in _DIGIT_UNIT_SPACE.finditer(text):
        yield Hit("stray-space", match.start(), match.end(), "数字与“年月日”之间有多余的空格，应删除。", "")


def chinese_spaces(text: str) -> Iterator[Hit]:
    """Spaces between Chinese characters in a paragraph (titles keep the space between joint organs).

    Deleting them is safe only next to a punctuation mark. Between two characters a wide gap (two
    spaces, a full-width space) separates two phrases, so the fix is a comma; a single space
    may be a typo inside a word or a separator, and only the clerk can tell."""
    for match in _CHINESE_SPACE.finditer(text):
        start, end = match.span()
        between_characters = _HAN.match(text[start - 1]) and _HAN.match(text[end])
        if not between_characters:
            yield Hit("chinese-space", start, end, "标点前后有多余的空格，应删除。", "")
        elif len(match.group()) > 1 or match.group() == "\u3000":
            yield Hit("chinese-space", start, end, "两个短语之间用空格隔开；中文里应使用标点，可改为“，”。", "，")
        else:
            yield Hit("chinese-space", start, end,
                      "汉字之间有一个空格：如是多余的，请删除；如是分隔两个短语，宜改用“，”。")


def year_range_dash(text: str) -> Iterator[Hit]:
    for match in _YEAR_RANGE.finditer(text):
        first, last = match.groups()
        if int(first) < int(last):
            yield Hit("year-range-dash", match.start(), match.end(),
                      f"年份起止“{match.group()}”应使用一字线“—”：{first}—{last}。",
                      f"{first}—{last}")


def repeated_punct(text: str) -> Iterator[Hit]:
    """"。。" keeps one mark; a mixed run such as "，。" needs a person to choose."""
    for match in _REPEATED.finditer(text):
        run = match.group()
        same = len(set(run)) == 1
        yield Hit("repeated-punct", match.start(), match.end(), f"标点重复“{run}”，请只保留一个。",
                  run[0] if same else None)


def date_zero_padding(text: str) -> Iterator[Hit]:
    for match in _DATE.finditer(text):
        year, month, day = match.groups()
        if month.startswith("0") or (day or "").startswith("0"):
            fixed = (f"{year}年" if year else "") + f"{int(month)}月" + (
                f"{int(day)}{match.group()[-1]}" if day else "")
            yield Hit("date-zero-padding", match.start(), match.end(),
                      f"日期“{match.group()}”中的月、日不编虚位，应为“{fixed}”。", fixed)


def date_chinese_numerals(text: str) -> Iterator[Hit]:
    for match in _CN_DATE.finditer(text):
        yield Hit("date-chinese-numerals", match.start(), match.end(),
                  f"日期“{match.group()}”宜用阿拉伯数字书写，如“2025年1月22日”。")


# Characters nobody sees on screen but the export prints: a tab (Tab key, a pasted table) and U+FFFC, the
# object replacement character a pasted picture leaves behind.
_INVISIBLE = re.compile(r"\t+|\ufffc+")
_WORD_CHAR = re.compile(r"[0-9A-Za-z]")


def invisible_chars(text: str) -> Iterator[Hit]:
    """Tabs and U+FFFC; a tab between two Latin words or numbers becomes a space, between two Chinese
    characters (two phrases) a comma — deleting it would merge them — otherwise both go."""
    for match in _INVISIBLE.finditer(text):
        start, end = match.span()
        if match.group()[0] == "\t":
            inside = 0 < start and end < len(text)
            between_words = inside and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(text[end])
            between_phrases = inside and _HAN.match(text[start - 1]) and _HAN.match(text[end])
            yield Hit("invisible-chars", start, end, "文中有制表符（Tab），屏幕上看像空白，导出后会打印成一段空白，"
                      + ("两个短语之间宜改用“，”。" if between_phrases else "应删除。"),
                      " " if between_words else "，" if between_phrases else "")
        else:
            yield Hit("invisible-chars", start, end,
                      "文中有看不见的对象占位符（粘贴图片或对象时留下的“￼”），应删除。", "")


def not_gb2312(text: str) -> Iterator[Hit]:
    """Characters outside GB2312: 仿宋_GB2312/楷体_GB2312 have no glyph, Word prints another font."""
    try:
        text.encode("gb2312")
        return
    except UnicodeEncodeError:
        pass
    start = None
    for i, ch in enumerate(text + "a"):
        missing = i < len(text) and not in_gb2312(ch) and ch != "\ufffc"  # reported by invisible_chars
        if missing and start is None:
            start = i
        elif not missing and start is not None:
            chars = text[start:i]
            yield Hit("not-gb2312", start, i,
                      f"“{chars}”不在 GB2312 字库中，用仿宋_GB2312 等字体打印时会缺字或换成其他字体；"
                      "请改用常用字，或在导出时选用“仿宋”字体方案。")
            start = None


def in_gb2312(ch: str) -> bool:
    if ch in _GB2312_VARIANTS:
        return True
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


FIELD_RULES = (halfwidth_punct, straight_quotes, digit_unit_spaces, year_range_dash, repeated_punct,
               date_zero_padding, date_chinese_numerals, not_gb2312, invisible_chars)
PARAGRAPH_RULES = FIELD_RULES + (chinese_spaces,)


def text_hits(text: str, rules=PARAGRAPH_RULES) -> list[Hit]:
    return [hit for rule in rules for hit in rule(text)]
