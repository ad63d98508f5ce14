"""Break a 2号 title into lines by words, in the 梯形 or 菱形 shape GB/T 9704-2012 7.3.1 asks for.

A title is cut into tokens that may not be split — organ names, years with their 年/年度 (also ranges
such as 2021—2025年), and the words of a report title (关于, 法治政府建设, 工作, 情况, 报告…). Lines
break only between tokens; the best breaks (before 关于, after an organ name, before 和/及) are
preferred, and among the layouts that fit, the one with the best shape wins: balanced lines, a
trapezoid (widening or narrowing) or a diamond (the middle line longest), never an hourglass.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from core.pages.geometry import TEXT_W, TITLE_PT, TWIPS_PER_PT
from core.pages.metrics import text_width

TITLE_SIZE = TITLE_PT * TWIPS_PER_PT
EM = TITLE_SIZE
MAX_LINES = 4

ORGAN = re.compile(r"中共[^\s关于]{1,20}?(?:委员会|党委|党工委)|中国共产党[^\s]{1,20}?委员会|"
                   r"[^\s关于]{1,20}?(?:人民政府|街道办事处|办事处|人民代表大会主席团|党工委|党委)")
YEAR = re.compile(r"[（(]?(?:\d{4}|[〇零一二三四五六七八九]{4})"
                  r"(?:\s*[—–\-~至]\s*(?:\d{4}|[〇零一二三四五六七八九]{4}))?"
                  r"\s*年(?:度)?[）)]?")
WORDS = sorted((
    "法治政府建设", "法治政府", "法治建设", "依法治县", "依法治乡", "依法治镇", "依法行政", "第一责任人",
    "主要负责人", "主要举措", "主要安排", "年度报告", "实施纲要", "督察", "关于", "工作", "情况", "报告",
    "年度", "推进", "主要", "安排", "举措", "成效", "有关", "履行", "职责", "党政", "建设", "落实",
    "责任", "加强", "深入", "全面", "乡镇", "街道", "存在", "不足", "原因", "下一步", "打算", "计划",
    "思路", "总结", "的", "和", "及", "与", "暨", "以及", "并",
), key=len, reverse=True)
CONJUNCTIONS = ("和", "及", "与", "暨", "以及", "并")
BOOK = re.compile(r"《[^《》]*》")
DANGLING = ("关于", "的")  # a line may not end with these

# Penalties for a break at a kind of boundary (lower is better).
BEST, GOOD, FAIR, POOR = 0, 1, 3, 12
HOURGLASS = 60
EXTRA_LINE = 4
SHORT_LINE_CHARS = 4


def break_title(title: str, organs: tuple[str, ...] = ()) -> list[str]:
    """Lines of the 2号 title: one line when it fits, else 2–3 lines broken between words."""
    return list(_break_title(" ".join(title.split()), tuple(organs)))


@lru_cache(maxsize=64)
def _break_title(title: str, organs: tuple[str, ...]) -> tuple[str, ...]:
    if not title or _width(title) <= TEXT_W:
        return (title,)
    spots = _break_spots(title, organs)
    fewest = -(-_width(title) // TEXT_W)
    best, best_score = None, None
    for n_lines in range(fewest, min(fewest + 1, MAX_LINES) + 1):
        for cuts in combinations(sorted(spots), n_lines - 1):
            lines = _cut(title, cuts)
            widths = [_width(line) for line in lines]
            if max(widths) > TEXT_W or min(widths) == 0:
                continue
            score = (_shape_penalty(widths) + sum(spots[c] for c in cuts)
                     + EXTRA_LINE * (n_lines - fewest))
            if best_score is None or score < best_score:
                best, best_score = lines, score
    return tuple(best) if best else _greedy(title)


def _width(text: str) -> int:
    return text_width(text, TITLE_SIZE)


def _cut(title: str, cuts: tuple[int, ...]) -> list[str]:
    bounds = (0, *cuts, len(title))
    return [title[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def protected_spans(title: str, organs: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the pieces no line may split: organs, years, words."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(title)

    def claim(start: int, end: int, kind: str) -> None:
        if end - start > 1 and not any(taken[start:end]):
            spans.append((start, end, kind))
            taken[start:end] = [True] * (end - start)

    for match in BOOK.finditer(title):  # a cited document's name stays whole when it fits a line
        if _width(match.group()) <= TEXT_W:
            claim(*match.span(), "book")
    for organ in sorted(organs, key=len, reverse=True):
        for match in re.finditer(re.escape(organ), title):
            claim(*match.span(), "organ")
    for match in ORGAN.finditer(title):
        claim(*match.span(), "organ")
    for match in YEAR.finditer(title):
        claim(*match.span(), "year")
    i = 0
    while i < len(title):
        word = next((w for w in WORDS if title.startswith(w, i) and not any(taken[i:i + len(w)])), None)
        if word:
            if len(word) > 1:
                claim(i, i + len(word), "word")
            i += len(word)
        else:
            i += 1
    return sorted(spans)


def _break_spots(title: str, organs: tuple[str, ...]) -> dict[int, int]:
    """Every position a line may start at, with the penalty of breaking there."""
    spans = protected_spans(title, organs)
    inside: set[int] = set()
    kind_ending, kind_starting = {}, {}
    for start, end, kind in spans:
        inside.update(range(start + 1, end))
        kind_ending[end], kind_starting[start] = kind, kind
    spots = {}
    for at in range(1, len(title)):
        if at in inside or title[at] in "，。、）》" or title[at - 1] in "（《":
            continue
        spots[at] = _boundary_penalty(title, at, kind_ending.get(at), kind_starting.get(at))
    return spots


def _boundary_penalty(title: str, at: int, ended: str | None, started: str | None) -> int:
    if any(title.endswith(word, 0, at) for word in DANGLING):
        return POOR
    if title[at - 1] == " " or title[at] == " " or title.startswith("关于", at) or ended == "organ":
        return BEST
    if any(title.startswith(c, at) for c in CONJUNCTIONS) or title[at - 1] in "、，":
        return GOOD
    if ended or started:
        return FAIR if (ended and started) or title.startswith("的", at) else FAIR + 2
    return POOR


def _shape_penalty(widths: list[int]) -> float:
    """Balanced lines; a 梯形 (steadily wider or narrower) or 菱形 (middle widest); no 沙漏."""
    penalty = (max(widths) - min(widths)) / EM
    if any(b < a and b < c for a, b, c in zip(widths, widths[1:], widths[2:])):
        penalty += HOURGLASS
    if min(widths) < SHORT_LINE_CHARS * EM:
        penalty += 2 * SHORT_LINE_CHARS
    return penalty


def _greedy(title: str) -> tuple[str, ...]:
    """Last resort for a title of one unbreakable word longer than a line: fill lines."""
    lines, current = [], ""
    for ch in title:
        if current and _width(current + ch) > TEXT_W:
            lines.append(current)
            current = ""
        current += ch
    return tuple(lines + [current])
