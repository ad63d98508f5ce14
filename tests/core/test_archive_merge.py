"""导入档案 (core.archive.merge): another PC's exported archive file taken into this archive — an SQLite
file or a database on the PostgreSQL server — report by report, in one transaction, nothing lost."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal

import pytest

from core.archive import Archive
from core.archive.merge import (DIFFERENT, DUPLICATE, NEW, SAME, merge_into, plan_merge, read_source,
                                refuse_same_archive)
from core.errors import AppError, ImportFailed
from core.figures import Figure
from core.outline import BODY, Block, Organ
from tests.support.reports import hand_made_report

TOWNSHIP = [Organ("中共景毛乡委员会", "景发"), Organ("景毛乡人民政府")]


def _report(year: int, text: str):
    report = hand_made_report()
    report.year, report.title, report.organs = year, f"{year}年法治政府建设年度报告", list(TOWNSHIP)
    report.chapters[1].blocks = [Block(BODY, "", text)]
    return report


def _other_pc(tmp_path) -> str:
    """The exported file from the other PC: 2023 (new here), 2024 (same), 2025 (edited there)."""
    path = tmp_path / "从党政办-2导出.sqlite3"
    with Archive(path, daily_backup=False) as other:
        other.create_report(_report(2023, "二〇二三年的工作。"))
        other.create_report(_report(2024, "二〇二四年的工作。"))
        theirs = other.create_report(_report(2025, "党政办-2写的二〇二五年段落。"))
        other.set_figures(theirs, [Figure("contracts_reviewed", "", "", Decimal(42))])
        other.take_snapshot(theirs, "送审稿")
        other.delete_report(other.create_report(_report(2022, "回收站里的。")))
    return str(path)


def _fill_here(archive: Archive) -> int:
    archive.create_report(_report(2024, "二〇二四年的工作。"))
    mine = archive.create_report(_report(2025, "本机写的二〇二五年段落。"))
    archive.set_figures(mine, [Figure("contracts_reviewed", "", "", Decimal(7))])
    return mine


def _texts(archive: Archive) -> dict[int, str]:
    return {r.year: archive.load_report(r.id).chapters[1].blocks[0].text for r in archive.list_reports()}


def test_the_preview_names_what_happens_to_each_report(archive, tmp_path):
    _fill_here(archive)
    source = read_source(_other_pc(tmp_path))
    plan = {item.year: item for item in plan_merge(archive, source)}
    assert {year: item.state for year, item in plan.items()} == {2023: NEW, 2024: SAME, 2025: DIFFERENT}
    assert plan[2025].organs == ("中共景毛乡委员会", "景毛乡人民政府") and plan[2025].target_id is not None
    assert source.in_trash == 1
    assert len(archive.list_reports()) == 2  # planning writes nothing


def test_keeping_this_archive_adds_only_what_is_missing(archive, tmp_path):
    mine = _fill_here(archive)
    result = merge_into(archive, read_source(_other_pc(tmp_path)))
    assert [k[0] for k in result.added] == [2023] and [k[0] for k in result.kept] == [2025]
    assert [k[0] for k in result.same] == [2024] and result.in_trash == 1
    assert _texts(archive) == {2025: "本机写的二〇二五年段落。", 2024: "二〇二四年的工作。", 2023: "二〇二三年的工作。"}
    assert archive.figures(mine)[0].value == Decimal(7)
    assert archive.list_reports(deleted=True) == []


def test_replacing_keeps_this_archives_text_as_a_version_and_takes_the_files_versions(archive, tmp_path):
    mine = _fill_here(archive)
    source = read_source(_other_pc(tmp_path))
    replace = [item.key for item in plan_merge(archive, source) if item.state == DIFFERENT]
    result = merge_into(archive, source, replace)
    assert [k[0] for k in result.replaced] == [2025]
    assert _texts(archive)[2025] == "党政办-2写的二〇二五年段落。"
    assert {f.key: f.value for f in archive.figures(mine) if f.value is not None} == \
        {"contracts_reviewed": Decimal(42)}
    versions = {s.label: s.id for s in archive.list_snapshots(mine)}
    assert "送审稿" in versions  # the other PC's version came along
    before = archive.load_snapshot(versions["导入档案“从党政办-2导出.sqlite3”之前"])
    assert before.chapters[1].blocks[0].text == "本机写的二〇二五年段落。"
    assert plan_merge(archive, source)[2].state == SAME  # merging again changes nothing
    assert merge_into(archive, source, replace).replaced == []


def test_a_new_report_comes_with_its_figures_and_versions(archive, tmp_path):
    merge_into(archive, read_source(_other_pc(tmp_path)))
    added = archive.find_report(2025)
    assert archive.figures(added)[0].value == Decimal(42)
    assert [s.label for s in archive.list_snapshots(added)] == ["送审稿"]
    report = archive.load_report(added)
    assert report.organs[0].short_name == "景发"


def test_a_second_report_of_one_year_and_organs_in_the_file_is_not_taken(archive, tmp_path):
    path = tmp_path / "twice.sqlite3"
    with Archive(path, daily_backup=False) as other:
        other.create_report(_report(2024, "第一份。"))
        other.create_report(_report(2024, "第二份。"))
    source = read_source(path)
    assert [item.state for item in plan_merge(archive, source)] == [NEW, DUPLICATE]
    merge_into(archive, source)
    assert _texts(archive) == {2024: "第一份。"}


def test_a_report_of_the_same_year_for_other_organs_is_another_report(archive, tmp_path):
    archive.create_report(_report(2024, "乡里的。"))
    path = tmp_path / "village.sqlite3"
    with Archive(path, daily_backup=False) as other:
        village = _report(2024, "村里的。")
        village.organs = [Organ("景毛村村民委员会")]
        other.create_report(village)
    merge_into(archive, read_source(path))
    assert sorted(archive.load_report(r.id).chapters[1].blocks[0].text for r in archive.list_reports()) == \
        ["乡里的。", "村里的。"]


def _everything(archive: Archive):
    return [(r, archive.load_report(r.id), archive.list_snapshots(r.id)) for r in archive.list_reports()]


def _truncated(tmp_path, source: str):
    data = open(source, "rb").read()
    path = tmp_path / "cut.sqlite3"
    path.write_bytes(data[: len(data) // 3])
    return path


def _newer(tmp_path, source: str):
    path = tmp_path / "newer.sqlite3"
    path.write_bytes(open(source, "rb").read())
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    return path


def _not_an_archive(tmp_path, _source):
    path = tmp_path / "报告.sqlite3"
    path.write_bytes("这是一份文本，不是档案。".encode() * 200)
    return path


def _other_program(tmp_path, _source):
    path = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    return path


@pytest.mark.parametrize("make, says", [
    (_truncated, "已损坏或不完整"), (_newer, "更新版本"), (_not_an_archive, "不是法治年报的档案文件"),
    (_other_program, "其他程序的数据库"), (lambda tmp_path, _s: tmp_path / "gone.sqlite3", "找不到文件")])
def test_a_wrong_file_is_refused_in_chinese_and_changes_nothing(archive, tmp_path, make, says):
    _fill_here(archive)
    before = _everything(archive)
    bad = make(tmp_path, _other_pc(tmp_path))
    original = bad.read_bytes() if bad.exists() else None
    with pytest.raises(ImportFailed, match=says) as err:
        read_source(bad)
    assert "当前档案未作任何改动" in err.value.message
    assert _everything(archive) == before
    assert (bad.read_bytes() if bad.exists() else None) == original  # the file itself is not touched


@pytest.mark.sqlite_only
def test_an_older_files_schema_is_upgraded_in_a_copy_never_in_the_file(archive, tmp_path):
    path = _other_pc(tmp_path)
    with closing(sqlite3.connect(path)) as conn, conn:  # as written by the version before migration 0004
        conn.execute("DROP TABLE presence")
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    original = open(path, "rb").read()
    assert len(read_source(path).reports) == 3
    assert open(path, "rb").read() == original
    assert not (tmp_path / "backups").exists()


@pytest.mark.sqlite_only
def test_replacing_backs_the_archive_file_up_first(db_path, tmp_path):
    with Archive(db_path, daily_backup=False) as archive:
        _fill_here(archive)
        source = read_source(_other_pc(tmp_path))
        merge_into(archive, source)
        assert not list((db_path.parent / "backups").glob("*before-merge*"))  # nothing replaced
        merge_into(archive, source, [item.key for item in plan_merge(archive, source)])
    assert len(list((db_path.parent / "backups").glob("*before-merge*"))) == 1


@pytest.mark.sqlite_only
def test_an_archive_is_not_merged_into_itself(db_path):
    with Archive(db_path, daily_backup=False) as archive:
        with pytest.raises(AppError, match="就是当前档案本身"):
            refuse_same_archive(str(db_path), archive)


@pytest.mark.sqlite_only
def test_a_file_on_a_write_protected_stick_is_read(archive, tmp_path, read_only_folder):
    folder, make_read_only = read_only_folder
    stick = folder / "U盘上的档案.sqlite3"
    stick.write_bytes(open(_other_pc(tmp_path), "rb").read())
    make_read_only()
    merge_into(archive, read_source(stick))
    assert sorted(r.year for r in archive.list_reports()) == [2023, 2024, 2025]


def test_the_source_may_be_the_server(archive, tmp_path, pg_database):
    with Archive(pg_database) as server:
        server.create_report(_report(2024, "服务器上的。"))
    merge_into(archive, read_source(pg_database))
    assert _texts(archive) == {2024: "服务器上的。"}
