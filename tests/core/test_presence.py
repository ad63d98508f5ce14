"""Presence on one archive (SQLite and the test server): who else has a report open, in which chapter,
gone after a minute without a heartbeat; report_state moves when another client saves."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from core.archive import Archive
from core.archive.presence import PRESENCE_TTL_S, Presence
from core.outline import BODY, Block
from core.schema import PresenceRow


def test_two_clients_see_each_other_and_not_themselves(db_url):
    with Archive(db_url) as one, Archive(db_url) as two:
        report_id = one.new_report(2024)
        one.touch_presence("a", "党政办-1", report_id, "一、主要举措和成效")
        two.touch_presence("b", "党政办-2", report_id, "二、不足和原因")
        assert one.others_present(report_id, "a") == [Presence("党政办-2", "二、不足和原因")]
        assert two.others_present(report_id, "b") == [Presence("党政办-1", "一、主要举措和成效")]
        two.touch_presence("b", "党政办-2", report_id, "三、下一年度工作打算")  # moved on: one row, updated
        assert one.others_present(report_id, "a") == [Presence("党政办-2", "三、下一年度工作打算")]
        two.leave_presence("b")
        assert one.others_present(report_id, "a") == []


def test_a_client_without_heartbeat_expires(db_url):
    with Archive(db_url) as archive:
        report_id = archive.new_report(2024)
        archive.touch_presence("gone", "党政办-3", report_id, "")
        with archive._writes.begin() as s:  # the PC crashed a minute ago: its last heartbeat is old
            s.execute(update(PresenceRow).values(seen_at=PresenceRow.seen_at
                                                 - timedelta(seconds=PRESENCE_TTL_S + 5)))
        assert archive.others_present(report_id, "me") == []


def test_report_state_moves_when_another_client_saves(db_url):
    with Archive(db_url) as one, Archive(db_url) as two:
        report_id = one.new_report(2024)
        before = one.report_state(report_id)
        chapter = two.load_report(report_id).chapters[0]
        two.save_chapter(chapter.id, [Block(BODY, "", "另一台电脑写的段落。")], revision=chapter.revision)
        assert one.report_state(report_id) != before
        assert one.report_state(report_id) == one.report_state(report_id)  # reading changes nothing
