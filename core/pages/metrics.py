"""How wide each character is and where a line may break, as Word and LibreOffice set our paragraphs.

Chinese characters and full-width punctuation are one em (minus the run's condensing). Latin letters
and digits are set in Times New Roman and take its advance widths. Characters of the General
Punctuation block (— “ ” …) are "weak": they take the script of the character before them.

Two effects of mixing the scripts, measured on LibreOffice renders of our exports:
- between a Chinese ideograph and a Latin letter or digit (either order) the renderer adds one fifth
  of the font size (autospace; Word's zh-CN default does the same, we switch it on explicitly);
- the last character before a change of script is not condensed.

Line breaking follows 禁则 (GB/T 15834 practice, and the renderers' defaults for zh-CN): no closing
punctuation at a line start, no opening punctuation at a line end, never inside a Latin word or a
number, never between the two halves of 「——」 (a dash may end or start a line, even between numbers).
When the fitting point is not a legal break, the characters before it move down to the next line
(LibreOffice does not hang punctuation).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’·,.;:?!)]}～")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{￥")
# A closing mark stays with Latin letters or digits right after it (「。2024年」 breaks before 「。」),
# as Latin letters or digits stay with an opening mark after them (UAX #14, LB30).
CLOSING_BEFORE_LATIN = frozenset("。，、）》”’」』】〕〉")
OPENING_AFTER_LATIN = frozenset("（《“‘「『【〔〈")
DASHES = frozenset("—–")

# Times New Roman advance widths in 1/1000 em for ASCII 32–126 (Liberation Serif is metric-compatible).
_ASCII_WIDTHS = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
    722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
    278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541)
LATIN_WIDTHS = {chr(32 + i): w for i, w in enumerate(_ASCII_WIDTHS)}
LATIN_WIDTHS.update({"—": 1000, "–": 500, "“": 444, "”": 444, "‘": 333, "’": 333, "…": 1000,
                     "·": 333, "×": 564, "°": 400, "±": 549, "÷": 549})
DEFAULT_LATIN_WIDTH = 500
ASIAN_SPACE = 0.21  # em: a space among Chinese characters
AUTOSPACE_DIVISOR = 5  # the ideograph/Latin gap is the font size / 5

# A Latin portion: a Latin character (not a space) and what follows it in Latin or weak characters.
_LATIN_PORTION = re.compile(r"[\x21-\xff][\x00-\xff\u2000-\u206f]*")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _latinish(ch: str) -> bool:
    """A character a Latin portion can hold (Latin, or weak punctuation after Latin)."""
    return ch <= "\xff" or "\u2000" <= ch <= "\u206f"


def is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch == "〇" or ch >= "\U00020000"


class Advances(list):
    """Advance widths (twips) of a text's characters; `trailing[i]` is the part of advance i that lies
    after the character's glyph (a portion end, an autospace) and is not needed when a line ends there."""

    def __init__(self, widths, trailing: dict[int, int] | None = None):
        super().__init__(widths)
        self.trailing = trailing or {}

    def part(self, start: int, end: int) -> "Advances":
        return Advances(self[start:end], {i - start: v for i, v in self.trailing.items() if start <= i < end})


def advances(text: str, size_tw: int, condense_tw: int = 0) -> Advances:
    """The advance of each character of `text` in twips, autospace and portion ends included.

    Most text is Chinese: start from one em everywhere and patch the Latin portions (fast)."""
    full = size_tw + condense_tw
    adv = [full] * len(text)
    trailing: dict[int, int] = {}
    if text.isascii() and text:
        return Advances(_latin_portion(text, size_tw, condense_tw))
    gap = size_tw // AUTOSPACE_DIVISOR
    for match in _LATIN_PORTION.finditer(text):
        start, end = match.span()
        adv[start:end] = _latin_portion(match.group(), size_tw, condense_tw)
        trailing[end - 1] = -condense_tw
        if start:
            adv[start - 1] -= condense_tw  # the Chinese portion ends here
            extra = -condense_tw
            if text[start] in _ALNUM and is_ideograph(text[start - 1]):
                adv[start - 1] += gap
                extra += gap
            trailing[start - 1] = extra
        if end < len(text) and text[end - 1] in _ALNUM and is_ideograph(text[end]):
            adv[end - 1] += gap
            trailing[end - 1] += gap
    if " " in text:
        asian_space = round(size_tw * ASIAN_SPACE) + condense_tw
        for i, ch in enumerate(text):
            if ch == " " and (i == 0 or not ("\x21" <= text[i - 1] <= "\xff")):
                adv[i] = asian_space
    return Advances(adv, trailing)


def _latin_portion(portion: str, size_tw: int, condense_tw: int) -> list[int]:
    widths = [round(LATIN_WIDTHS.get(ch, DEFAULT_LATIN_WIDTH) * size_tw / 1000) + condense_tw
              for ch in portion]
    widths[-1] -= condense_tw
    return widths


def text_width(text: str, size_tw: int, condense_tw: int = 0) -> int:
    return sum(advances(text, size_tw, condense_tw))


def _latin_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LATIN_PORTION.finditer(text)] if not text.isascii() else [(0, len(text))]


def can_break(text: str, at: int, latin: list[tuple[int, int]] | None = None) -> bool:
    """May a line end between text[at - 1] and text[at]?"""
    before, after = text[at - 1], text[at]
    if after in NO_LINE_START or before in NO_LINE_END or (before == after == "—"):
        return False
    if (before in CLOSING_BEFORE_LATIN and after in _ALNUM) or (before in _ALNUM and after in OPENING_AFTER_LATIN):
        return False
    if before == " " or before in DASHES or after in DASHES:
        return True  # a dash may end or start a line, also between numbers: 「（2021—」「2025年）」
    if not (_latinish(before) and _latinish(after)):
        return True  # not inside a Latin word or number
    spans = _latin_spans(text) if latin is None else latin
    return not any(start < at < end for start, end in spans)


def wrap(text: str, adv: Advances, first_width: int, width: int) -> list[tuple[int, int]]:
    """Break text into lines: (start, end) character ranges. The first line is `first_width` wide
    (a first-line indent), the others `width`. Cumulative widths + bisect: no per-character loop."""
    n = len(text)
    if not n:
        return [(0, 0)]
    if sum(adv) <= first_width:  # most headings, blank lines, short paragraphs
        return [(0, n)]
    cumulative = list(accumulate(adv))
    lines: list[tuple[int, int]] = []
    start, used, available = 0, 0, first_width
    latin = None
    trailing = getattr(adv, "trailing", {})
    while start < n:
        limit = used + available
        cut = bisect_right(cumulative, limit, lo=start)
        while cut < n and cumulative[cut] - trailing.get(cut, 0) <= limit:
            cut += 1  # the next character fits once the space after it is not counted
        if cut >= n:
            lines.append((start, n))
            break
        while cut < n and text[cut] == " ":  # spaces at a line end hang in the margin
            cut += 1
        cut = max(cut, start + 1)
        if latin is None:
            latin = _latin_spans(text)
        end = cut
        while end > start + 1 and not can_break(text, end, latin):
            end -= 1
        if end == start + 1 and not can_break(text, end, latin):
            end = cut  # nowhere to break: the renderer breaks where the line is full
        lines.append((start, end))
        used, start, available = cumulative[end - 1], end, width
    return lines
