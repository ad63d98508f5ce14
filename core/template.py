"""The report template (resources/template.json): chapter titles, hints and title matching."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from core.outline import Chapter, INTRO_KEY
from core.paths import read_resource_text

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class TemplateChapter:
    key: str
    title: str
    hint: str
    keywords: tuple[str, ...]
    tab_label: str = ""  # the short name on the chapter's tab
    content_keywords: tuple[str, ...] = ()

    def title_for(self, year: int) -> str:
        return _fill(self.title, year)

    def hint_for(self, year: int) -> str:
        return _fill(self.hint, year)


def _fill(pattern: str, year: int) -> str:
    return pattern.replace("{Y1}", str(year + 1)).replace("{Y}", str(year))


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[TemplateChapter, ...], tuple[str, ...]]:
    data = json.loads(read_resource_text("template.json"))
    chapters = tuple(TemplateChapter(c["key"], c["title"], c["hint"], tuple(c["keywords"]),
                                     c.get("tab_label", ""), tuple(c.get("content_keywords", ())))
                     for c in data["chapters"])
    return chapters, tuple(data["match_order"])


def template_chapters() -> tuple[TemplateChapter, ...]:
    return _load()[0]


def template_chapter(key: str | None) -> TemplateChapter | None:
    return next((c for c in template_chapters() if c.key == key), None)


def new_chapters(year: int) -> list[Chapter]:
    """Empty chapters for a new report of `year`: 导语 then the five mandated parts."""
    return [Chapter(title=c.title_for(year), template_key=c.key) for c in template_chapters()]


def match_template_key(title: str, year: int | None) -> str | None:
    """Which mandated part a chapter title stands for, by its wording; None when it is none of them."""
    chapters, order = _load()
    by_key = {c.key: c for c in chapters}
    compact = re.sub(r"\s+", "", title)
    for key in order:
        for keyword in by_key[key].keywords:
            if "{Y1}" in keyword:
                if year is None:
                    continue
                keyword = _fill(keyword, year)
            if keyword in compact:
                return key
    return None


def fill_year(keyword: str, year: int) -> str:
    """A keyword with {Y}/{Y1} filled in for the report's year."""
    return _fill(keyword, year)


def assign_template_keys(titles: list[str], year: int | None) -> list[str | None]:
    """Map each title to a key; a key goes to the first title that claims it only."""
    used: set[str] = set()
    keys = []
    for title in titles:
        key = match_template_key(title, year)
        if key in used or key == INTRO_KEY:
            key = None
        if key:
            used.add(key)
        keys.append(key)
    return keys


def advance_years(text: str, old_year: int, new_year: int) -> str:
    """Shift the years around old_year (Y-1 … Y+1) in a title to the same places around new_year."""
    delta = new_year - old_year

    def shift(match: re.Match) -> str:
        value = int(match.group(1))
        return str(value + delta) if abs(value - old_year) <= 1 else match.group(1)

    return _YEAR.sub(shift, text)


def missing_chapters(chapters: list[Chapter]) -> list[TemplateChapter]:
    """The template chapters (导语, the mandated parts) that `chapters` lacks, in template order."""
    present = {c.template_key for c in chapters}
    return [t for t in template_chapters() if t.key not in present]


def template_position(chapters: list[Chapter], key: str) -> int:
    """Where a restored template chapter goes: after the last chapter that comes before it in the template."""
    order = [t.key for t in template_chapters()]
    before = set(order[:order.index(key)])
    return max((i + 1 for i, c in enumerate(chapters) if c.template_key in before), default=0)
