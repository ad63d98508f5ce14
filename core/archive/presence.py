"""Who else has a report open (PresenceMixin): a row per window, refreshed by a heartbeat.

Several clerks work on one server archive (README「单位服务器」). Each window states every ~20 s which
report and chapter it shows; a row not refreshed for PRESENCE_TTL_S counts as gone (a crashed PC
leaves no ghost). Times are the database server's clock, so PCs with wrong clocks still agree.
`report_state` is the cheap question a window polls to see whether someone else changed the report.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, ContextManager

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core.archive import records
from core.schema import ChapterRow, PresenceRow, ReportRow

PRESENCE_TTL_S = 60
HEARTBEAT_S = 20


@dataclass(frozen=True)
class Presence:
    who: str  # e.g. 党政办-2 (the other computer's name)
    chapter: str  # the chapter title shown there, "" when none


def _now(s: Session) -> datetime:
    """The database's clock in UTC, without a zone (as the DateTime column keeps it)."""
    if s.get_bind().dialect.name == "sqlite":  # one PC: its own clock is the archive's
        return datetime.now(timezone.utc).replace(tzinfo=None)
    now = s.scalar(select(func.timezone("UTC", func.now())))
    return now if isinstance(now, datetime) else datetime.now(timezone.utc).replace(tzinfo=None)


class PresenceMixin:
    """Archive methods for presence; each one transaction (Archive._transaction)."""

    _transaction: Callable[..., ContextManager[Session]]  # provided by Archive

    def touch_presence(self, client: str, who: str, report_id: int, chapter: str = "") -> None:
        """This window (`client`, a random id) shows `report_id`, in `chapter`; refreshes its heartbeat."""
        with self._transaction(write=True) as s:
            records.get_report(s, report_id)
            row = s.get(PresenceRow, client) or PresenceRow(client=client)
            row.who, row.report_id, row.chapter, row.seen_at = who, report_id, chapter, _now(s)
            s.add(row)

    def leave_presence(self, client: str) -> None:
        """The window closed or left the report."""
        with self._transaction(write=True) as s:
            s.execute(delete(PresenceRow).where(PresenceRow.client == client))

    def others_present(self, report_id: int, client: str) -> list[Presence]:
        """Other windows seen on this report within PRESENCE_TTL_S, by name."""
        with self._transaction() as s:
            since = _now(s) - timedelta(seconds=PRESENCE_TTL_S)
            rows = s.scalars(select(PresenceRow).where(PresenceRow.report_id == report_id,
                                                       PresenceRow.client != client,
                                                       PresenceRow.seen_at >= since)
                             .order_by(PresenceRow.who, PresenceRow.client))
            return [Presence(r.who, r.chapter) for r in rows]

    def report_state(self, report_id: int) -> tuple[int, dict[int, int]]:
        """The report's revision and each chapter's: a window compares them with the ones it loaded."""
        with self._transaction() as s:
            report = s.scalar(select(ReportRow.revision).where(ReportRow.id == report_id)) or 0
            chapters = s.execute(select(ChapterRow.id, ChapterRow.revision)
                                 .where(ChapterRow.report_id == report_id)).all()
            return report, dict(chapters)
