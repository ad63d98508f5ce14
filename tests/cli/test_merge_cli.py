"""`python main.py merge --from FILE`: the reports of an exported archive file taken into this archive
(an SQLite file or the PostgreSQL server), with a Chinese summary; --replace takes the file's version."""
from __future__ import annotations

from core.archive import Archive
from core.outline import BODY, Block
from tests.support import SAMPLE


def _exported(cli, tmp_path) -> str:
    """The other PC's archive, exported: 2024 (the sample) and a 2025 report written there."""
    path = tmp_path / "exported.sqlite3"
    cli("import", SAMPLE, "--db", path)
    cli("new", "--year", "2025", "--from-year", "2024", "--copy-text", "--db", path)
    with Archive(path, daily_backup=False) as other:
        report = other.load_report(other.find_report(2025))
        other.save_chapter(report.chapters[1].id, [Block(BODY, "", "另一台电脑写的段落。")])
    return str(path)


def _chapter_text(db: str, year: int) -> str:
    with Archive(db, daily_backup=False) as archive:
        return archive.load_report(archive.find_report(year)).chapters[1].blocks[0].text


def test_merge_adds_what_is_missing_and_keeps_what_differs_unless_told(cli, tmp_path, db_url):
    cli("import", SAMPLE, "--db", db_url)
    cli("new", "--year", "2025", "--from-year", "2024", "--copy-text", "--db", db_url)
    cli("new", "--year", "2023", "--db", db_url)
    exported = _exported(cli, tmp_path)

    out = cli("merge", "--from", exported, "--db", db_url).stdout
    assert "新增 0 份，替换 0 份，内容相同跳过 1 份，内容不同、保留本机的 1 份" in out
    assert "保留本机：2025年（中共景毛乡委员会、景毛乡人民政府）" in out and "--replace" in out
    assert _chapter_text(db_url, 2025) != "另一台电脑写的段落。"

    out = cli("merge", "--from", exported, "--replace", "--db", db_url).stdout
    assert "替换 1 份" in out and "本机原内容已保存为历史版本" in out
    assert _chapter_text(db_url, 2025) == "另一台电脑写的段落。"
    assert "导入档案“exported.sqlite3”之前" in cli("snapshots", "2025", "--db", db_url).stdout


def test_merge_into_an_empty_archive_takes_every_report(cli, tmp_path, db_url):
    out = cli("merge", "--from", _exported(cli, tmp_path), "--db", db_url).stdout
    assert out.startswith("导入档案：新增 2 份")
    assert len(cli("list", "--db", db_url).stdout.splitlines()) == 2


def test_a_file_that_is_not_an_archive_is_refused_and_nothing_changes(cli, tmp_path, db_url):
    cli("new", "--year", "2023", "--db", db_url)
    before = cli("list", "--db", db_url).stdout
    bad = tmp_path / "报告.sqlite3"
    bad.write_text("不是档案", encoding="utf-8")
    result = cli("merge", "--from", bad, "--db", db_url, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：文件") and "当前档案未作任何改动" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli("list", "--db", db_url).stdout == before


def test_merge_waits_for_a_window_editing_the_archive_file(cli, tmp_path, db_path):
    import json
    import socket
    import subprocess
    import sys
    from datetime import datetime
    from core.archive_lock import lock_path
    cli("new", "--year", "2023", "--db", db_path)
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # stands for a window
    try:
        now = datetime.now().isoformat()
        lock_path(db_path).write_text(json.dumps({"pid": window.pid, "host": socket.gethostname(),
                                                  "since": now, "refreshed": now}), encoding="utf-8")
        result = cli("merge", "--from", _exported(cli, tmp_path), "--db", db_path, check=False)
    finally:
        window.kill()
        window.wait()
    assert result.returncode == 1 and "请先关闭该窗口" in result.stderr
    assert [line.split("\t")[1] for line in cli("list", "--db", db_path).stdout.splitlines()] == ["2023年"]
