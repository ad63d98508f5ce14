"""A readable diff of two reports, chapter by chapter, as HTML for a QTextBrowser.

Paragraphs are compared as printed (with their numbers); a changed paragraph is shown once with
the deleted characters struck through in red and the added ones underlined in green, since Chinese
text has no word boundaries to diff on.
"""
from __future__ import annotations

import difflib
from html import escape

from core.outline import FIELD_LABELS, Chapter, Report, numbered_paragraphs, numbered_titles

ADDED = "background:#d9f2d9;color:#1b5e20;text-decoration:underline"
REMOVED = "background:#fbdada;color:#b71c1c;text-decoration:line-through"
SIMILAR = 0.4  # below this, a replaced paragraph is shown as deleted + added rather than inline
METADATA = ("title", "doc_number", "recipients", "signer", "cc", "printing_organ", "note")  # text fields


def paragraphs(chapter: Chapter) -> list[str]:
    return numbered_paragraphs(chapter.blocks)


def _chapter_key(chapter: Chapter) -> str:
    return chapter.template_key or chapter.title


def _span(style: str, text: str) -> str:
    return f'<span style="{style}">{escape(text)}</span>'


def inline_diff(old: str, new: str) -> str:
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape(old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(_span(REMOVED, old[i1:i2]))
        if j2 > j1:
            parts.append(_span(ADDED, new[j1:j2]))
    return "".join(parts)


def _paragraph(body: str) -> str:
    return f'<p style="margin:4px 0 4px 0">{body}</p>'


def paragraph_diff(old: list[str], new: list[str]) -> tuple[list[str], int]:
    """HTML paragraphs for the changes, and how many paragraphs are unchanged."""
    html, unchanged = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            unchanged += i2 - i1
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news and difflib.SequenceMatcher(None, olds[0], news[0]).ratio() >= SIMILAR:
            html.append(_paragraph(inline_diff(olds.pop(0), news.pop(0))))
        html.extend(_paragraph("－ " + _span(REMOVED, p)) for p in olds)
        html.extend(_paragraph("＋ " + _span(ADDED, p)) for p in news)
    return html, unchanged


def report_diff_html(old: Report, new: Report, old_name: str, new_name: str) -> str:
    """What changed from `old` (e.g. a saved version) to `new` (e.g. the current text)."""
    out = [f"<p>{escape(old_name)} → {escape(new_name)}："
           f"{_span(ADDED, '新增')} {_span(REMOVED, '删除')}</p>"]
    for field in METADATA:
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            out.append(_paragraph(f"<b>{FIELD_LABELS[field]}</b>：{inline_diff(before, after)}"))
    old_chapters = {_chapter_key(c): c for c in old.chapters}
    seen = set()
    for chapter, title in zip(new.chapters, numbered_titles(new.chapters)):
        key = _chapter_key(chapter)
        seen.add(key)
        before = old_chapters.get(key)
        heading = f"<h3>{escape(title)}</h3>"
        if before is None:
            out.append(heading + "<p><i>（新增的部分）</i></p>")
            out.extend(_paragraph(_span(ADDED, p)) for p in paragraphs(chapter))
            continue
        title_change = "" if before.title == chapter.title else _paragraph(
            "标题：" + inline_diff(before.title, chapter.title))
        changes, unchanged = paragraph_diff(paragraphs(before), paragraphs(chapter))
        if not changes and not title_change:
            out.append(heading + "<p><i>（未改动）</i></p>")
            continue
        out.append(heading + title_change + "".join(changes))
        if unchanged:
            out.append(f"<p><i>（另有 {unchanged} 段未改动）</i></p>")
    for key, chapter in old_chapters.items():
        if key not in seen:
            out.append(f"<h3>{escape(chapter.title)}</h3><p><i>（已删除的部分）</i></p>")
            out.extend(_paragraph(_span(REMOVED, p)) for p in paragraphs(chapter))
    return "\n".join(out)
