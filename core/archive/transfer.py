"""Moving a whole archive between an SQLite file and a server (`python main.py copy`).

Every row of every table is copied with its id, so report, chapter and snapshot numbers stay the same
and the revision counter goes on where it was. The source is read in one transaction; the target is
written in one transaction that also reads everything back and compares row counts and a content hash
(SHA-256 over every row in id order) before it commits: a copy that does not match leaves the target
as it was.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select

from core.archive.facade import Archive
from core.errors import AppError
from core.schema import Base

# Parents before children; revision_counter last (its one row is the archive's next revision). Presence
# rows are not copied: they say who has the archive open right now, which a copy is not.
TABLES = ("organs", "reports", "report_organs", "chapters", "blocks", "snapshots", "figures",
          "revision_counter")
SEQUENCED = ("organs", "reports", "chapters", "blocks", "snapshots", "figures", "revision_counter")
CONTENT_TABLES = ("organs", "reports", "chapters", "blocks", "snapshots", "figures")


@dataclass(frozen=True)
class CopyResult:
    counts: dict[str, int]
    digest: str


def copy_archive(source: Archive, target: Archive, force: bool = False) -> CopyResult:
    rows = _read_all(source)
    expected = CopyResult({name: len(rows[name]) for name in TABLES}, content_hash(rows))
    if not force:
        _refuse_non_empty(target)
    target._backup_before("before-copy")
    with target._transaction(write=True) as s:
        for name in reversed(TABLES):
            s.execute(delete(Base.metadata.tables[name]))
        for name in TABLES:
            if rows[name]:
                s.execute(insert(Base.metadata.tables[name]), rows[name])
        if s.get_bind().dialect.name == "postgresql":
            _advance_sequences(s)
        copied = _rows(s)
        found = CopyResult({name: len(copied[name]) for name in TABLES}, content_hash(copied))
        if found != expected:
            raise AppError(f"复制后核对不一致（应为 {_describe(expected)}，实为 {_describe(found)}），"
                           "目标档案未作改动。请重试，或把这行信息告诉技术人员。")
    return found


def describe(result: CopyResult) -> str:
    return f"{_describe(result)}，内容校验一致（SHA-256 {result.digest[:16]}…）"


def _describe(result: CopyResult) -> str:
    c = result.counts
    return f"{c['reports']} 份报告、{c['chapters']} 个部分、{c['blocks']} 段正文、{c['snapshots']} 个历史版本"


def _read_all(archive: Archive) -> dict[str, list[dict]]:
    with archive._transaction() as s:
        return _rows(s)


def _rows(s) -> dict[str, list[dict]]:
    result = {}
    for name in TABLES:
        table = Base.metadata.tables[name]
        result[name] = [dict(r) for r in s.execute(select(table).order_by(*table.primary_key.columns))
                        .mappings()]
    return result


def _refuse_non_empty(target: Archive) -> None:
    with target._transaction() as s:
        counts = {name: s.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
                  for name in CONTENT_TABLES}
    if any(counts.values()):
        where = target.location if target.path is None else target.path
        raise AppError(f"目标档案 {where} 中已有内容（{counts['reports']} 份报告、{counts['snapshots']} 个历史版本），"
                       "为免覆盖，没有复制。如确要用源档案替换它的全部内容，请加 --force（本机文件会先备份）。")


def _advance_sequences(s) -> None:
    """Ids were copied as they were: the server's id sequences must continue after the largest."""
    for name in SEQUENCED:  # table names are constants of this module, never user text
        s.connection().exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE(MAX(id), 1), "
            f"MAX(id) IS NOT NULL) FROM {name}")


def content_hash(rows: dict[str, list[dict]]) -> str:
    digest = hashlib.sha256()
    for name in TABLES:
        for row in rows[name]:
            digest.update(json.dumps([name, row], sort_keys=True, ensure_ascii=False,
                                     default=_plain).encode("utf-8"))
    return digest.hexdigest()


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")
