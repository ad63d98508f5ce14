"""Key figures written in running text (「审查合同959份」, 「出庭应诉率达100%」): found by the phrases and units
of the standard indicators (resources/indicators.json). The checks compare them with the 数据 table;
an earlier year's text proposes that year's figures for the clerk to confirm.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from core.figures import Figure, indicator, standard_indicators
from core.outline import Report

_NUMBER = r"(\d[\d,，]*(?:\.\d+)?)"
_GAP = r"[^\d。；，,;：:、！？\n]{0,6}?"  # words between the phrase and its number (达, 共, 违法案件)
_OTHER_TIME = re.compile(r"上年|去年|上一年|同比|较|(?:19|20)\d{2}年")  # a number of another year
_LOOK_BACK = 8


class Mention(NamedTuple):
    """A figure written in the text: 「审查合同959份」."""
    key: str
    start: int  # of the number
    end: int  # of the unit
    value: Decimal
    gap: int  # characters between phrase and number: the nearest phrase owns a number


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern, dict[str, int]], ...]:
    patterns = []
    for ind in standard_indicators():
        if not ind.phrases:
            continue
        units = dict(ind.text_units)
        phrases = "|".join(map(re.escape, sorted(ind.phrases, key=len, reverse=True)))
        unit_names = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
        if ind.unit == "%":
            unit_names, units = "%|％", {"%": 1, "％": 1}
        patterns.append((ind.key, re.compile(f"(?:{phrases})({_GAP}){_NUMBER}\\s*({unit_names})"), units))
    return tuple(patterns)


def mentions(text: str, year: int | None = None) -> list[Mention]:
    """Standard figures written in `text`, each number attributed to its nearest phrase; numbers said
    to be of another year (上年, 较, 2023年…) right before the phrase are left out."""
    found: dict[int, Mention] = {}
    for key, pattern, units in _patterns():
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - _LOOK_BACK):match.start()]
            other = [m for m in _OTHER_TIME.finditer(before) if m.group() != f"{year}年"]
            if other:
                continue
            value = Decimal(match.group(2).replace(",", "").replace("，", "")) * units[match.group(3)]
            mention = Mention(key, match.start(2), match.end(3), value, len(match.group(1)))
            if mention.start not in found or mention.gap < found[mention.start].gap:
                found[mention.start] = mention
    return sorted(found.values(), key=lambda m: m.start)


class Proposal(NamedTuple):
    figure: Figure  # with the value found
    excerpt: str  # the words it was found in


def proposed_figures(report: Report) -> list[Proposal]:
    """The figures a report's text states for its own year, first mention of each, in list order.
    The 主要安排 part is left out: it states targets for the next year."""
    found: dict[str, Proposal] = {}
    for chapter in report.chapters:
        if chapter.template_key == "plans":
            continue
        for block in chapter.blocks:
            text = block.plain
            for m in mentions(text, report.year):
                if m.key not in found:
                    ind = indicator(m.key)
                    if ind is None:  # mentions() only yields known indicators
                        continue
                    excerpt = text[max(0, m.start - 8):m.end]
                    found[m.key] = Proposal(Figure(ind.key, ind.label, ind.unit, m.value), excerpt)
    order = [i.key for i in standard_indicators()]
    return sorted(found.values(), key=lambda p: order.index(p.figure.key))
