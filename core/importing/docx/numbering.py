"""Word's list numbering resolved to the numbers Word shows (「（二）」, 「1.」, 「一、」…)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import overload

from core.importing.docx.container import W
from core.importing.docx.styles import is_on
from core.numbering import chinese_numeral

CN_LEGAL = str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")
CN_DIGIT = "〇一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    """A list counter as Word shows it in numFmt `fmt`."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting"):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(n).translate(CN_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGIT[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac") and n <= 10:
        return HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: 0 never; k restarts after any level < k; None: default
    legal: bool = False
    style: str | None = None


@overload
def int_value(element, default: int) -> int: ...
@overload
def int_value(element, default: None) -> int | None: ...
def int_value(element, default: int | None) -> int | None:  # noqa: E302 (overloads sit together)
    try:
        return int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _level(lvl) -> Level:
    fmt = lvl.find(W + "numFmt")
    text = lvl.find(W + "lvlText")
    style = lvl.find(W + "pStyle")
    return Level(start=int_value(lvl.find(W + "start"), 1),
                 fmt=fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                 text=text.get(W + "val", "") if text is not None else "",
                 restart=int_value(lvl.find(W + "lvlRestart"), None),
                 legal=is_on(lvl.find(W + "isLgl")) or False,
                 style=style.get(W + "val") if style is not None else None)


@dataclass
class _Num:
    abstract_id: str | None
    levels: dict[int, Level]
    start_overrides: dict[int, int]


class Numbering:
    """Word's list numbering: counters run per abstractNum (shared by its numIds, as in Word); a numId
    with a startOverride restarts its level where it first appears."""

    def __init__(self, root):
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str | None, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        if root is None:
            return
        abstracts = {abstract.get(W + "abstractNumId"): {_int_attr(lvl, "ilvl"): _level(lvl)
                                                         for lvl in abstract.findall(W + "lvl")}
                     for abstract in root.findall(W + "abstractNum")}
        for num in root.findall(W + "num"):
            abstract_id = num.find(W + "abstractNumId")
            abstract_id = abstract_id.get(W + "val") if abstract_id is not None else None
            levels = dict(abstracts.get(abstract_id, {}))
            overrides: dict[int, int] = {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                if (lvl := override.find(W + "lvl")) is not None:
                    levels[ilvl] = _level(lvl)
                if (start := override.find(W + "startOverride")) is not None:
                    overrides[ilvl] = int_value(start, 1)
            self.nums[num.get(W + "numId")] = _Num(abstract_id, levels, overrides)

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        num = self.nums.get(num_id)
        if num and style_id:
            for ilvl, level in num.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter for this paragraph and return the number Word shows, e.g. "（二）"."""
        num = self.nums.get(num_id)
        if num is None or ilvl not in num.levels:
            return ""
        counters = self.counters.setdefault(num.abstract_id, {})
        if ilvl in num.start_overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = num.start_overrides[ilvl] - 1
        counters[ilvl] = counters.get(ilvl, num.levels[ilvl].start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        level = num.levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                shown = num.levels.get(k, Level())
                value = counters.get(k, shown.start)
                fmt = "decimal" if level.legal and k != ilvl else shown.fmt
                text = text.replace(placeholder, format_counter(value, fmt))
        return text.strip()


def _int_attr(element, name: str) -> int:
    try:
        return int(element.get(W + name, "0"))
    except ValueError:
        return 0
