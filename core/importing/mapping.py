"""Which mandated content each imported chapter stands for: by its title's wording, and when the title
is thematic (「加强组织领导，构建依法治镇工作新格局」) by what its paragraphs say. The keywords of both
are data, in resources/template.json."""
from __future__ import annotations

import re

from core.outline import Chapter, INTRO_KEY
from core.template import assign_template_keys, fill_year, template_chapter, template_chapters

MIN_DISTINCT = 2  # different content keywords a chapter needs to be recognised by its content
CHANGE_HINT = "可在“部分 ▸ 对应规定内容”中更改"


def assign_keys(chapters: list[Chapter], year: int, notes: list[str]) -> None:
    numbered = [c for c in chapters if c.template_key != INTRO_KEY]
    for chapter, key in zip(numbered, assign_template_keys([c.title for c in numbered], year)):
        chapter.template_key = key
    used = {c.template_key for c in numbered if c.template_key}
    for chapter in numbered:
        if chapter.template_key:
            continue
        key = key_by_content(chapter, year)
        if key and key not in used:
            chapter.template_key = key
            used.add(key)
            notes.append(f"“{chapter.title}”按内容对应规定的“{_title(key, year)}”，"
                         f"请核对（{CHANGE_HINT}）。")
        elif key:
            notes.append(f"“{chapter.title}”的内容属于“{_title(key, year)}”，已有部分"
                         f"对应该项，作为单独部分保留（{CHANGE_HINT}）。")
        else:
            notes.append(f"“{chapter.title}”不对应规定的五项内容之一，作为单独部分保留（{CHANGE_HINT}）。")


def _title(key: str, year: int) -> str:
    template = template_chapter(key)
    return template.title_for(year) if template else key


def key_by_content(chapter: Chapter, year: int) -> str | None:
    """The mandated content that most of the chapter's paragraphs speak of (then: whose keywords it
    uses most); None when no content has MIN_DISTINCT keywords in it, or two contents tie."""
    paragraphs = [chapter.title] + [b.plain for b in chapter.blocks]
    text = "\n".join(paragraphs)  # counted once, not paragraph by paragraph (keywords are single lines)
    scores = []
    for template in template_chapters():
        if template.key == INTRO_KEY or not template.content_keywords:
            continue
        keywords = [fill_year(k, year) for k in template.content_keywords]
        hits = [text.count(k) for k in keywords]
        any_keyword = re.compile("|".join(map(re.escape, keywords)))  # one scan per paragraph, not one per keyword
        speaking = sum(1 for p in paragraphs if any_keyword.search(p))
        scores.append((speaking, sum(1 for h in hits if h), sum(hits), template.key))
    scores.sort(reverse=True)
    if not scores or scores[0][1] < MIN_DISTINCT:
        return None
    if len(scores) > 1 and scores[1][:3] == scores[0][:3]:
        return None
    return scores[0][3]
