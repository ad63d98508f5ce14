"""The archive on a real PostgreSQL server: logins that fail, a read-only role, two clients at once,
the same search results as SQLite, and what only a file has. Skipped without TEST_POSTGRES_URL."""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from core.archive import Archive
from core.errors import AppError, ArchiveOpenError, EditConflict, ReadOnlyArchive
from core.importing import import_file, store_import
from core.outline import BODY, Block
from main import main
from tests.support import SAMPLE, pg


def _with(url: str, **parts) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


def _password(url: str) -> str:
    return make_url(url).password


# --- logins ----------------------------------------------------------------------------------------

def test_a_wrong_password_is_named_without_showing_any_password(pg_database):
    wrong = _with(pg_database, password="not-the-password-42")
    with pytest.raises(ArchiveOpenError, match="用户名 fzadmin 或密码不对") as err:
        Archive(wrong)
    assert "not-the-password-42" not in err.value.message and _password(pg_database) not in err.value.message


def test_a_missing_database_is_named(pg_database):
    with pytest.raises(ArchiveOpenError, match="没有名为 no_such_archive 的数据库"):
        Archive(_with(pg_database, database="no_such_archive"))


def test_an_unreachable_server_is_named(pg_database):
    import socket
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ArchiveOpenError, match=f"无法连接到单位服务器 127.0.0.1:{port}") as err:
        Archive(_with(pg_database, port=port))
    assert _password(pg_database) not in err.value.message


def test_the_pure_python_driver_is_chosen_by_the_url(pg_database):
    pytest.importorskip("pg8000")
    url = pg_database.replace("postgresql://", "postgresql+pg8000://", 1)
    with Archive(url) as archive:
        report = archive.load_report(archive.new_report(2024))
        archive.save_chapter(report.chapters[1].id, [Block(BODY, "", "用纯Python驱动保存。")],
                             revision=report.chapters[1].revision)
    with Archive(pg_database) as archive:
        assert archive.load_report(report.id).chapters[1].blocks[0].text == "用纯Python驱动保存。"
        assert archive.location.startswith("postgresql://fzadmin@127.0.0.1:")
        assert _password(pg_database) not in archive.location


def test_someone_elses_database_is_refused_and_not_touched(pg_server):
    with pg.fresh_database(pg_server, template="template0") as url:
        with pg.admin_connection(url) as conn:
            conn.execute("CREATE TABLE invoices (id integer)")
        with pytest.raises(ArchiveOpenError, match="其他程序的数据"):
            Archive(url)
        with pg.admin_connection(url) as conn:
            tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        assert tables == [("invoices",)]


def test_a_new_empty_database_is_set_up_with_the_search_index(pg_server):
    with pg.fresh_database(pg_server, template="template0") as url:
        with Archive(url) as archive:
            store_import(archive, import_file(SAMPLE))
            assert archive.search("放管服")
        with pg.admin_connection(url) as conn:
            indexes = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'blocks'")}
        assert {"ix_blocks_heading_trgm", "ix_blocks_text_trgm"} <= indexes


# --- a read-only role ----------------------------------------------------------------------------------

@pytest.fixture
def reader_url(pg_database):
    with pg.reader_login(pg_database) as url:
        yield url


def test_a_read_only_role_reads_and_is_told_it_cannot_write(pg_database, reader_url, capsys):
    with Archive(pg_database) as archive:
        report = archive.load_report(archive.new_report(2024))
        archive.save_chapter(report.chapters[1].id, [Block(BODY, "", "已保存的内容。")])
    with Archive(reader_url) as reader:
        assert reader.read_only
        chapter = reader.load_report(report.id).chapters[1]
        assert chapter.blocks[0].text == "已保存的内容。"
        with pytest.raises(ReadOnlyArchive, match="只有读取权限") as err:
            reader.save_chapter(chapter.id, [Block(BODY, "", "改不了。")], revision=chapter.revision)
        assert "reader-pass" not in err.value.message
    assert main(["list", "--db", reader_url]) == 0
    assert "2024年" in capsys.readouterr().out
    assert main(["new", "--year", "2025", "--db", reader_url]) == 1
    assert "只有读取权限" in capsys.readouterr().err
    with Archive(pg_database) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]
        assert archive.load_report(report.id).chapters[1].blocks[0].text == "已保存的内容。"


# --- two clients ---------------------------------------------------------------------------------------

def _save_at_once(clients: dict, chapter_id: int, report_id: int, revision: int, round_: int) -> dict:
    """Each client saves the chapter it loaded at `revision`, all starting together: name → "saved" or
    the id of the snapshot its refused text was kept in."""
    start = threading.Barrier(len(clients))
    outcome = {}

    def save(name, archive):
        start.wait()
        try:
            archive.save_chapter(chapter_id, [Block(BODY, "", f"{name}第{round_}轮")],
                                 revision=revision, report_id=report_id)
            outcome[name] = "saved"
        except EditConflict as err:
            outcome[name] = err.snapshot_id

    threads = [threading.Thread(target=save, args=item) for item in clients.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


def test_two_clients_saving_one_chapter_never_overwrite_each_other(pg_database):
    """Two PCs load the same chapter and save at the same moment, many times: each round exactly one
    save is written, the other is refused with its text kept as a version."""
    with Archive(pg_database) as first, Archive(pg_database) as second:
        report_id = first.new_report(2024)
        chapter_id = first.load_report(report_id).chapters[1].id
        for round_ in range(15):
            revision = first.load_report(report_id).chapters[1].revision
            outcome = _save_at_once({"甲": first, "乙": second}, chapter_id, report_id, revision, round_)
            winners = [n for n, o in outcome.items() if o == "saved"]
            assert len(winners) == 1, f"round {round_}: {outcome}"
            loser = "乙" if winners == ["甲"] else "甲"
            stored = second.load_report(report_id).chapters[1].blocks[0].text
            assert stored == f"{winners[0]}第{round_}轮"
            kept = first.load_snapshot(outcome[loser]).chapters[1].blocks[0].text
            assert kept == f"{loser}第{round_}轮"


# --- the same results as SQLite, and what only a file has -------------------------------------------------

QUERIES = ["放管服", "普法", "法治", "ABC", "abc", "%", "_", "\\", "没有这句话的内容", "一、", "2024"]


def test_search_finds_the_same_on_both(pg_database, db_path):
    hits = {}
    for url in (str(db_path), pg_database):
        with Archive(url) as archive:
            store_import(archive, import_file(SAMPLE))
            chapter = archive.load_report(archive.find_report(2024)).chapters[1]
            archive.save_chapter(chapter.id, chapter.blocks + [Block(BODY, "", "Abc 100% 完成_率 a\\b。")])
            hits[url] = {q: [(h.year, h.chapter_title, h.block_index, h.snippet) for h in archive.search(q)]
                         for q in QUERIES}
    on_sqlite, on_server = hits.values()
    assert on_server == on_sqlite
    assert on_server["放管服"] and on_server["abc"] and on_server["%"] and not on_server["没有这句话的内容"]


def test_file_only_operations_say_what_to_do_instead(pg_database, capsys):
    with Archive(pg_database) as archive:
        assert archive.backup_if_due() is None
        with pytest.raises(AppError, match="pg_dump"):
            archive.backup()
    assert main(["restore-backup", "--db", pg_database]) == 1
    assert "pg_dump" in capsys.readouterr().err


# --- the README's set-up for an IT person -----------------------------------------------------------------

README = Path(__file__).resolve().parents[2] / "README.md"
ROLES = ("fznb_admin", "fznb_writers", "fznb_readers", "zhangsan", "xian_sifaju")


def _readme_sql(suffix: str) -> list[str]:
    """The two SQL blocks of README「单位服务器」, with this test's own database and role names."""
    section = README.read_text(encoding="utf-8").split("## 单位服务器", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.DOTALL)
    names = {name: f"{name}_{suffix}" for name in (*ROLES, "fznb")}
    pattern = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")
    return [pattern.sub(lambda m: names[m.group(1)], block) for block in blocks]


def _run_script(url: str, script: str) -> None:
    """Statement by statement, as psql does (CREATE DATABASE cannot run in a transaction block)."""
    lines = [line for line in script.splitlines() if not line.startswith(("--", "\\"))]
    with pg.admin_connection(url) as conn:
        for statement in filter(str.strip, "\n".join(lines).split(";")):
            conn.execute(statement)


def test_the_readme_set_up_gives_writers_and_readers_what_they_need(pg_server, capsys):
    suffix = f"t{os.getpid()}"
    server_sql, database_sql = _readme_sql(suffix)
    database = f"fznb_{suffix}"

    def login(role):
        return _with(pg_server, username=f"{role}_{suffix}", password="pw", database=database)

    _run_script(pg_server, re.sub(r"PASSWORD '[^']*'", "PASSWORD 'pw'", server_sql))
    try:
        _run_script(_with(pg_server, database=database), database_sql)
        assert main(["list", "--db", login("fznb_admin")]) == 0  # the admin's first open makes the tables
        assert main(["new", "--year", "2024", "--db", login("zhangsan")]) == 0
        with Archive(login("zhangsan")) as archive:
            chapter = archive.load_report(archive.find_report(2024)).chapters[1]
            archive.save_chapter(chapter.id, [Block(BODY, "", "张三写的。")], revision=chapter.revision)
        capsys.readouterr()
        assert main(["show", "2024", "--db", login("xian_sifaju")]) == 0
        assert "张三写的。" in capsys.readouterr().out
        assert main(["new", "--year", "2025", "--db", login("xian_sifaju")]) == 1
        assert "只有读取权限" in capsys.readouterr().err
    finally:
        with pg.admin_connection(pg_server) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            for role in reversed(ROLES):
                conn.execute(f"DROP ROLE IF EXISTS {role}_{suffix}")


def test_a_dropped_connection_is_reconnected_for_the_next_save(pg_database):
    """A server restart or a network blip ends the archive's pooled connections: the next call opens a
    new one instead of failing (pool_pre_ping), and nothing saved before is lost."""
    with Archive(pg_database) as archive:
        report = archive.load_report(archive.new_report(2024))
        chapter = report.chapters[1]
        revision = archive.save_chapter(chapter.id, [Block(BODY, "", "断线之前。")], revision=chapter.revision)
        with pg.admin_connection(pg_database) as conn:
            ended = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()
        assert ended[0] >= 1
        archive.save_chapter(chapter.id, [Block(BODY, "", "断线之后。")], revision=revision)
        assert archive.load_report(report.id).chapters[1].blocks[0].text == "断线之后。"


def test_no_password_reaches_the_output_or_the_log(pg_database, caplog, capsys):
    import logging
    caplog.set_level(logging.DEBUG)
    secret = "Secret-Pass-7391"
    for url in (_with(pg_database, password=secret), _with(pg_database, password=secret, database="absent")):
        assert main(["list", "--db", url]) == 1
        out = capsys.readouterr()
        assert out.err.startswith("错误：") and secret not in out.out + out.err
    assert secret not in caplog.text
