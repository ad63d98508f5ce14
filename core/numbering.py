"""Outline levels and their numbers: how each level is printed, and how a typed number is read back.

Levels are 0 (正文), 2 （一）, 3 1. and 4 （1）; 1 is the chapter (一、), which is a Chapter, not a
Block. Numbers are never stored: they are generated from position (core.outline.chapter_numbers,
block_numbers). What a person typed by hand — in any of the forms real reports use — is recognised
here, the same way for the importer, the editor and the checks.
"""
from __future__ import annotations

import re

BODY, CHAPTER, ITEM2, ITEM3, ITEM4 = 0, 1, 2, 3, 4
LEVELS = (BODY, ITEM2, ITEM3, ITEM4)  # block levels
ITEM_LEVELS = (ITEM2, ITEM3, ITEM4)
LEVEL_LABELS = {BODY: "正文", ITEM2: "（一）", ITEM3: "1.", ITEM4: "（1）"}

CN_NUM = "一二三四五六七八九十"
_DIGITS = "零一二三四五六七八九"

# The number a paragraph may start with, per level, in every form real reports use.
# \d matches full-width digits too. The forms of different levels never overlap, so order is free.
_TYPED_FORMS = {
    CHAPTER: rf"([{CN_NUM}]+)\s*[、.．]\s*",
    ITEM2: rf"(?:[（(]\s*([{CN_NUM}]+)\s*[）)]|([{CN_NUM}]+)[）)])\s*",
    ITEM3: r"(\d{1,2})\s*[.．、](?!\d)\s*",
    ITEM4: r"(?:[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})[）)])\s*",
}
_TYPED = {level: re.compile(pattern) for level, pattern in _TYPED_FORMS.items()}
# A number standing alone (a Word run holding only 「（二）」 before a bold heading), any level, loosely.
LOOSE_NUMBER_RE = re.compile(rf"[（(]?\s*[{CN_NUM}\d]{{1,3}}\s*[）)、.．]?")


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (report numbering never needs more)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def parse_chinese_numeral(text: str) -> int | None:
    """Inverse of chinese_numeral for 一…九十九; None when text is not such a numeral."""
    if not text or any(c not in _DIGITS + "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    tens_value = 1 if tens == "" else _DIGITS.index(tens) if len(tens) == 1 else None
    ones_value = 0 if ones == "" else _DIGITS.index(ones) if len(ones) == 1 else None
    if tens_value is None or ones_value is None:
        return None
    return tens_value * 10 + ones_value


def format_number(level: int, n: int) -> str:
    """The printed number of the n-th item of a level: 一、 （一） 1. （1）; "" for 正文."""
    if level == CHAPTER:
        return f"{chinese_numeral(n)}、"
    if level == ITEM2:
        return f"（{chinese_numeral(n)}）"
    if level == ITEM3:
        return f"{n}."
    if level == ITEM4:
        return f"（{n}）"
    return ""


def typed_number(text: str, levels: tuple[int, ...] = (CHAPTER, *ITEM_LEVELS)) -> tuple[int, int] | None:
    """(level, length) of the number typed at the start of `text`: "（三）调整…" → (ITEM2, 3).

    The length includes the spaces after the number, so text[length:] is the content."""
    for level in levels:
        match = _TYPED[level].match(text)
        if match:
            return level, match.end()
    return None


def typed_value(text: str, levels: tuple[int, ...] = (CHAPTER, *ITEM_LEVELS)) -> tuple[int, int, int] | None:
    """(level, length, value) of the number typed at the start of `text`: "（三）调整…" → (ITEM2, 3, 3)."""
    for level in levels:
        match = _TYPED[level].match(text)
        if match:
            digits = next(group for group in match.groups() if group)
            value = int(digits) if digits.isdigit() else parse_chinese_numeral(digits)
            return level, match.end(), value or 0
    return None


def item_prefix(text: str) -> tuple[int, int] | None:
    """typed_number for item levels only (（一） 1. （1）): what the editor turns into a level."""
    return typed_number(text, ITEM_LEVELS)


def starts_with_number(text: str, levels: tuple[int, ...] = (CHAPTER, *ITEM_LEVELS)) -> bool:
    """Whether `text` is a numbered line with something after the number."""
    found = typed_number(text, levels)
    return found is not None and bool(text[found[1]:].strip())
