"""Rules on numbers and years in the text: figures that contradict the 数据 table, rates above 100 %,
a part naming the wrong year, and a cited plan with the wrong period.

The figure table comes with the report (Report.figures, loaded by the archive). Each rule yields
(Target, Hit) pairs like core.checks.report_rules.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from core.checks.model import Target
from core.checks.text_rules import Hit
from core.figure_text import mentions
from core.figures import Figure, format_value
from core.outline import BODY, Report
from core.paths import resource_path

Found = Iterator[tuple[Target | None, Hit]]
MEASURES_KEY, PLANS_KEY = "measures", "plans"
YEAR_BOUND_KEYS = (MEASURES_KEY, "shortcomings", "first_responsibility", PLANS_KEY)
_RATE = re.compile(r"率[^\d。；，,;]{0,4}?(\d+(?:\.\d+)?)\s*[%％]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})年")


def _paragraphs(report: Report, skip_plans: bool = False):
    """(Target, text) of every chapter title and paragraph."""
    for ci, chapter in enumerate(report.chapters):
        if skip_plans and chapter.template_key == PLANS_KEY:
            continue  # 主要安排: targets for next year, not this year's figures
        yield Target(chapter_index=ci), chapter.title
        for bi, block in enumerate(chapter.blocks):
            yield Target(chapter_index=ci, block_index=bi), block.plain


def figures_match_text(report: Report) -> Found:
    table: dict[str, Figure] = {f.key: f for f in report.figures if f.value is not None}
    if not table:
        return
    for target, text in _paragraphs(report, skip_plans=True):
        for m in mentions(text, report.year):
            figure = table.get(m.key)
            if figure is not None and m.value != figure.value:
                yield target, Hit("figure-mismatch", m.start, m.end,
                                  f"正文写的是“{text[m.start:m.end]}”，而“数据”页中“{figure.label}”为"
                                  f"{format_value(figure.value, figure.unit)}，两者不一致。"
                                  "请核对后改正正文或“数据”页。")


def rates_at_most_100(report: Report) -> Found:
    for target, text in _paragraphs(report):
        for match in _RATE.finditer(text):
            if Decimal(match.group(1)) > 100:
                yield target, Hit("rate-over-100", match.start(1), match.end(),
                                  f"比率“{match.group(1)}%”超过了 100%，请核对数字。")
    for figure in report.figures:
        if figure.is_rate and figure.value is not None and figure.value > 100:
            yield None, Hit("rate-over-100", 0, 0, f"“数据”页中“{figure.label}”为{figure.value}%，超过了 100%。")


# --- years of the parts --------------------------------------------------------------------------

def part_years(report: Report) -> Found:
    """An item heading (or a paragraph opening with a year) naming another year than its part's:
    the 举措/不足/第一责任人 parts are about the report's year, 主要安排 about the next one."""
    for ci, chapter in enumerate(report.chapters):
        if chapter.template_key not in YEAR_BOUND_KEYS:
            continue
        expected = report.year + (1 if chapter.template_key == PLANS_KEY else 0)
        for bi, block in enumerate(chapter.blocks):
            hit = _heading_year(block.heading, expected) if block.level != BODY else None
            hit = hit or _leading_year(block.plain, expected)
            if hit:
                yield Target(chapter_index=ci, block_index=bi), hit


def _heading_year(heading: str, expected: int) -> Hit | None:
    years = list(_YEAR.finditer(heading))
    if not years or any(int(m.group(1)) == expected for m in years):
        return None
    first = years[0]
    fix = str(expected) if len(years) == 1 and _LEADING_YEAR.match(heading) else None
    return Hit("part-year", first.start(1), first.end(1),
               f"本部分写的是{expected}年的情况，标题中的“{first.group(1)}年”可能写错了。", fix)


def _leading_year(text: str, expected: int) -> Hit | None:
    match = _LEADING_YEAR.match(text)
    if match is None or int(match.group(1)) == expected:
        return None
    return Hit("part-year", match.start(1), match.end(1),
               f"本部分写的是{expected}年的情况，段首的“{match.group(1)}年”可能写错了。")


# --- cited plans -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def cited_plans() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    with open(resource_path("cited_plans.json"), encoding="utf-8") as f:
        data = json.load(f)
    return tuple((p["title"], tuple(tuple(period) for period in p["periods"])) for p in data["plans"])


@lru_cache(maxsize=1)
def _plan_pattern() -> re.Pattern:
    titles = "|".join(re.escape(title) for title, _ in cited_plans())
    return re.compile(rf"《({titles})[（(]\s*((?:19|20)\d{{2}})\s*[—–\-－~～至到]+\s*((?:19|20)\d{{2}})年?\s*[）)]》")


def plan_periods(report: Report) -> Found:
    periods = dict(cited_plans())
    for target, text in _paragraphs(report):
        for match in _plan_pattern().finditer(text):
            known = periods[match.group(1)]
            cited = (int(match.group(2)), int(match.group(3)))
            if cited in known:
                continue
            right = next((p for p in known if p[0] <= report.year <= p[1]), known[-1])
            names = "或".join(f"{a}—{b}年" for a, b in known)
            yield target, Hit("plan-period", match.start(2), match.end(3),
                              f"《{match.group(1)}》的期限是{names}，这里写成了{cited[0]}—{cited[1]}年。",
                              f"{right[0]}—{right[1]}")


FIGURE_RULES = (figures_match_text, rates_at_most_100, part_years, plan_periods)
