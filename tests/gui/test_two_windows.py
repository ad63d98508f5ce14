"""Two windows on one archive (a double-click too many, a second PC on a shared folder) never silently
overwrite each other: a save states the revision it edited; a refused save keeps its text as a version."""
from __future__ import annotations

from core.archive import Archive
from tests.support.gui import chapter_tab, commit_text, message_boxes, seed_report, stored_text


def test_the_later_save_of_a_stale_chapter_is_kept_as_a_version_not_written_over(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[])
    first, second = open_window(), open_window()
    commit_text(chapter_tab(second, "measures").editor, "乙窗口写的一句。")
    assert second.database.write_everything()
    commit_text(chapter_tab(first, "measures").editor, "甲窗口写的一句。")
    first.database.write_everything()

    stored = stored_text(db_path)
    assert "乙窗口写的一句。" in stored and "甲窗口写的一句。" not in stored
    with Archive(db_path) as archive:
        kept = archive.list_snapshots(report_id)[0]
        assert kept.label.startswith("另一窗口改动时保留的文字")
        assert "甲窗口写的一句。" in "".join(b.plain for c in archive.load_snapshot(kept.id).chapters
                                           for b in c.blocks)
    qtbot.waitUntil(lambda: bool(message_boxes("errorBox")), timeout=3000)
    assert "另一个窗口" in message_boxes("errorBox")[0].text()
    assert chapter_tab(first, "measures").editor.toPlainText() == "乙窗口写的一句。"  # the newer text shows

    commit_text(chapter_tab(first, "measures").editor, "再写一句。")  # and saving goes on normally
    assert first.database.write_everything()
    stored = stored_text(db_path)
    assert "再写一句。" in stored and "乙窗口写的一句。" in stored


def test_metadata_edited_in_two_windows_is_not_lost_either(open_window, db_path, qtbot):
    report_id = seed_report(db_path)
    first, second = open_window(), open_window()
    second.tabs.form.doc_number.setText("景发〔2025〕7号")
    assert second.database.write_everything()
    first.tabs.form.doc_number.setText("景发〔2025〕8号")
    first.database.write_everything()
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).doc_number == "景发〔2025〕7号"
        kept = archive.load_snapshot(archive.list_snapshots(report_id)[0].id)
    assert kept.doc_number == "景发〔2025〕8号"
    qtbot.waitUntil(lambda: first.tabs.form.doc_number.text() == "景发〔2025〕7号", timeout=3000)
