"""`python main.py copy`: a whole archive from an SQLite file to a PostgreSQL server and back, intact."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from core.archive import Archive
from core.figures import Figure
from core.outline import BODY, Block
from main import main
from tests.support import SAMPLE


def _everything(location: str, capsys) -> dict:
    """What a clerk can see of an archive: every report as `show --json`, every snapshot's content."""
    capsys.readouterr()
    with Archive(location, read_only=True, daily_backup=False) as archive:
        reports = archive.list_reports() + archive.list_reports(deleted=True)
        return {r.id: (r, None if r.deleted_at else archive.load_report(r.id),
                       [(s, archive.load_snapshot(s.id)) for s in archive.list_snapshots(r.id)])
                for r in reports}


def _copy(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["copy", *map(str, args)])
    out = capsys.readouterr()
    return status, out.out + out.err


def _filled_archive(path) -> str:
    main(["import", str(SAMPLE), "--db", str(path)])
    main(["new", "--year", "2025", "--from-year", "2024", "--copy-text", "--db", str(path)])
    with Archive(path) as archive:
        report = archive.load_report(archive.find_report(2025))
        archive.save_chapter(report.chapters[1].id, [Block(BODY, "", "二〇二五年新写的段落。")])
        archive.set_figures(report.id, [Figure("contracts_reviewed", "", "", Decimal(959))])
        archive.take_snapshot(report.id, "送审稿")
        archive.delete_report(archive.new_report(2023))
    return str(path)


def test_an_archive_goes_to_the_server_and_back_intact(tmp_path, pg_database, capsys):
    source = _filled_archive(tmp_path / "office.sqlite3")
    before = _everything(source, capsys)

    status, out = _copy(capsys, "--from", source, "--to", pg_database)
    assert status == 0, out
    assert "3 份报告" in out and "内容校验一致" in out
    to_server = re.search(r"SHA-256 (\w+)", out).group(1)
    assert _everything(pg_database, capsys) == before

    back = tmp_path / "back.sqlite3"
    status, out = _copy(capsys, "--from", pg_database, "--to", back)
    assert status == 0, out
    assert re.search(r"SHA-256 (\w+)", out).group(1) == to_server
    assert _everything(str(back), capsys) == before

    with Archive(pg_database) as archive:  # the server's ids go on after the copied ones
        assert archive.new_report(2026) == max(before) + 1
        assert archive.search("新写的段落")


def test_a_non_empty_target_is_refused_unless_forced(tmp_path, pg_database, capsys):
    source = _filled_archive(tmp_path / "office.sqlite3")
    with Archive(pg_database) as archive:
        archive.new_report(2020)
    status, out = _copy(capsys, "--from", source, "--to", pg_database)
    assert status == 1 and "已有内容" in out and "--force" in out
    with Archive(pg_database) as archive:
        assert [r.year for r in archive.list_reports()] == [2020]

    status, out = _copy(capsys, "--from", source, "--to", pg_database, "--force")
    assert status == 0, out
    assert _everything(pg_database, capsys) == _everything(source, capsys)


@pytest.mark.parametrize("source", ["missing.sqlite3", "same"])
def test_a_missing_or_identical_source_copies_nothing(tmp_path, source, capsys):
    target = tmp_path / "target.sqlite3"
    source = target if source == "same" else tmp_path / source
    status, out = _copy(capsys, "--from", source, "--to", target)
    assert status == 1 and out.startswith("错误：")
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_copy_between_files_prints_counts_and_hash(tmp_path, capsys):
    """SQLite to SQLite needs no server."""
    source = _filled_archive(tmp_path / "a.sqlite3")
    status, out = _copy(capsys, "--from", source, "--to", tmp_path / "b.sqlite3")
    assert status == 0
    assert re.search(r"已复制：3 份报告、18 个部分、\d+ 段正文、1 个历史版本，"
                     r"内容校验一致（SHA-256 \w{16}…）", out), out
    assert _everything(str(tmp_path / "b.sqlite3"), capsys) == _everything(source, capsys)
