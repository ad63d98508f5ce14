"""Full-text search over every live report's paragraphs (FTS5 with the trigram tokenizer, see
core/migrations/versions/0001_initial.py; queries shorter than a trigram use LIKE). On PostgreSQL the
same conditions are ILIKE on the blocks (pg_trgm indexes them where it exists): the trigram index
matches the heading or the text, case-insensitively, and so does ILIKE."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.archive.model import SearchHit

FTS_MIN_QUERY = 3  # the trigram index needs three characters; shorter queries use LIKE


def search(s: Session, query: str, limit: int) -> list[SearchHit]:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if s.get_bind().dialect.name != "sqlite":
        one = "{0} ILIKE :q ESCAPE '\\'"
        whole = one.format("(blocks.heading || blocks.text)")
        match = whole if len(query) < FTS_MIN_QUERY else \
            f"({one.format('blocks.heading')} OR {one.format('blocks.text')})"
        params = {"q": f"%{escaped}%"}
    elif len(query) >= FTS_MIN_QUERY:
        phrase = '"' + query.replace('"', '""') + '"'
        match = "blocks.id IN (SELECT rowid FROM block_search WHERE block_search MATCH :q)"
        params = {"q": phrase}
    else:
        match = "(blocks.heading || blocks.text) LIKE :q ESCAPE '\\'"
        params = {"q": f"%{escaped}%"}
    sql = text(
        "SELECT reports.id, reports.year, reports.title, chapters.id, chapters.title, "
        "blocks.position, blocks.heading || blocks.text FROM blocks "
        "JOIN chapters ON chapters.id = blocks.chapter_id "
        "JOIN reports ON reports.id = chapters.report_id "
        f"WHERE reports.deleted_at IS NULL AND {match} "
        "ORDER BY reports.year DESC, chapters.position, blocks.position LIMIT :limit")
    rows = s.execute(sql, {**params, "limit": limit}).all()
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], snippet(r[6], query)) for r in rows]


def snippet(text_: str, query: str, width: int = 30) -> str:
    at = text_.find(query)
    if at < 0:
        return text_[: width * 2]
    start = max(0, at - width)
    end = min(len(text_), at + len(query) + width)
    return ("…" if start else "") + text_[start:end] + ("…" if end < len(text_) else "")
