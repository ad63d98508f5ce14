"""The scripting CLI: output, JSON, exit status, and nothing written on error (in-process, see conftest)."""
import json
import subprocess
import sys

import pytest

from core.archive import Archive
from tests.support import MAIN, docx_fixtures


def test_main_py_runs_a_command_end_to_end(db_path, sample_path):
    """The one real process: `python main.py` parses, runs the command, prints UTF-8 and exits 0."""
    command = [sys.executable, str(MAIN), "import", str(sample_path), "--db", str(db_path)]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "已导入：2024年" in result.stdout
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]


def test_import_then_show_json(db_url, sample_path, cli):
    out = cli("import", sample_path, "--db", db_url).stdout
    assert "已导入：2024年" in out and "请核对" in out
    data = json.loads(cli("show", "2024", "--db", db_url, "--json").stdout)
    assert data["year"] == 2024 and data["doc_number"] == "景发〔2025〕7号"
    assert data["organs"] == ["中共景毛乡委员会", "景毛乡人民政府"]
    chapters = data["chapters"]
    assert [c["number"] for c in chapters] == ["", "一、", "二、", "三、", "四、", "五、"]
    assert chapters[0]["template_key"] == "intro"
    items = [b for b in chapters[2]["blocks"] if b["level"] == 2]
    assert [b["number"] for b in items] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert {"level", "number", "heading", "text"} <= set(items[0])
    assert [b["number"] for b in chapters[5]["blocks"]] == ["1.", "2.", "3."]


def test_list_new_snapshot_snapshots(db_url, sample_path, cli):
    cli("import", sample_path, "--db", db_url)
    assert "已新建 2025年报告" in cli("new", "--year", "2025", "--from-year", "2024", "--db", db_url).stdout
    listed = json.loads(cli("list", "--db", db_url, "--json").stdout)
    assert [r["year"] for r in listed] == [2025, 2024]
    new = json.loads(cli("show", "2025", "--db", db_url, "--json").stdout)
    assert all(c["blocks"] == [] for c in new["chapters"])
    assert "已保存版本" in cli("snapshot", "2024", "--label", "送审稿", "--db", db_url).stdout
    assert "送审稿" in cli("snapshots", "2024", "--db", db_url).stdout
    plain = cli("show", "2024", "--db", db_url).stdout
    assert plain.splitlines()[0] == "中共景毛乡委员会文件"


def test_new_with_copied_text(db_url, sample_path, cli):
    cli("import", sample_path, "--db", db_url)
    cli("new", "--year", "2025", "--from-year", "2024", "--copy-text", "--db", db_url)
    old = json.loads(cli("show", "2024", "--db", db_url, "--json").stdout)
    new = json.loads(cli("show", "2025", "--db", db_url, "--json").stdout)
    assert [c["blocks"] for c in new["chapters"]] == [c["blocks"] for c in old["chapters"]]


@pytest.mark.parametrize("args, message", [
    (("show", "2030"), "没有2030年的报告"),
    (("show", "abc"), "不是报告编号或年份"),
    (("snapshot", "7", "--label", "x"), "没有编号为 7 的报告"),
    (("new", "--year", "1985"), "年份"),
])
def test_errors_are_one_chinese_line_and_non_zero(db_url, args, message, cli):
    result = cli(*args, "--db", db_url, check=False)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("错误：")


def test_bad_import_writes_nothing(db_url, tmp_path, cli):
    cli("list", "--db", db_url)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 50)
    result = cli("import", binary, "--db", db_url, check=False)
    assert result.returncode != 0 and "不是文本文件" in result.stderr
    assert json.loads(cli("list", "--db", db_url, "--json").stdout) == []


def test_not_a_database_path(tmp_path, sample_path, cli):
    result = cli("list", "--db", sample_path, check=False)
    assert result.returncode != 0 and "不是法治年报的数据库" in result.stderr


def test_db_option_before_or_after_the_subcommand(tmp_path, sample_path, cli):
    before, after = tmp_path / "before.sqlite3", tmp_path / "after.sqlite3"
    cli("--db", before, "import", sample_path)
    cli("import", sample_path, "--db", after)
    for path in (before, after):
        assert [r["year"] for r in json.loads(cli("list", "--db", path, "--json").stdout)] == [2024]


def test_export_font_set_option(db_path, sample_path, tmp_path, cli):
    import re
    import zipfile
    cli("import", sample_path, "--db", db_path)
    fonts = {}
    for name in ("gb2312", "plain"):
        out = tmp_path / f"{name}.docx"
        cli("export", "2024", "--out", out, "--fonts", name, "--db", db_path)
        xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
        fonts[name] = set(re.findall(r'w:eastAsia="([^"]+)"', xml))
    assert "仿宋_GB2312" in fonts["gb2312"] and "仿宋" not in fonts["gb2312"]
    assert "仿宋" in fonts["plain"] and "仿宋_GB2312" not in fonts["plain"]
    refused = cli("export", "2024", "--out", tmp_path / "x.docx", "--fonts", "comic", "--db", db_path,
                  check=False)
    assert refused.returncode != 0 and not (tmp_path / "x.docx").exists()
    assert refused.stderr.startswith("错误：命令行参数有误") and len(refused.stderr.splitlines()) == 1


def test_import_docx_into_the_archive(tmp_path, db_path, cli):
    source = docx_fixtures.joint_red_head_report(tmp_path / "联合报告.docx")
    assert "已导入：2024年" in cli("import", source, "--db", db_path).stdout
    with Archive(db_path) as archive:
        [summary] = archive.list_reports()
        report = archive.load_report(summary.id)
    assert report.doc_number == "景发〔2025〕3号"
    assert [c.title for c in report.chapters][1] == "主要举措和成效"


def test_an_unexpected_error_is_one_line_for_the_clerk_and_a_traceback_in_the_log(db_path, cli, monkeypatch):
    from cli import commands
    from core.logs import LOG_FILE_NAME
    from core.paths import log_dir

    def broken(_archive, _args):  # a fault injected where no real command fails unexpectedly on purpose
        raise RuntimeError("模拟的内部错误")
    monkeypatch.setitem(commands.COMMANDS, "list", broken)
    result = cli("list", "--db", db_path, check=False)
    assert result.returncode == commands.EXIT_INTERNAL
    assert result.stderr.startswith("错误：发生了意外错误") and len(result.stderr.splitlines()) == 1
    log = (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "command list: unexpected error" in log and "RuntimeError: 模拟的内部错误" in log
    assert "Traceback" in log


def test_commands_that_change_the_archive_wait_for_the_window_to_close(db_path, sample_path, cli):
    import os
    import socket
    from datetime import datetime
    from core.archive_lock import lock_path
    cli("new", "--year", "2023", "--db", db_path)
    now = datetime.now().isoformat()
    lock_path(db_path).write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(),
                                              "since": now, "refreshed": now}), encoding="utf-8")
    refused = cli("import", sample_path, "--db", db_path, check=False)
    assert refused.returncode == 1 and "正在本机上的法治年报" in refused.stderr and "请先关闭该窗口" in refused.stderr
    assert "2023年" in cli("list", "--db", db_path).stdout  # reading is fine
    assert "2024" not in cli("list", "--db", db_path).stdout


def test_a_window_start_is_told_apart_from_a_command():
    """The usual start (window options only) skips building every command's parser; anything else gets
    the full one, so commands, --help and mistakes read as before."""
    from cli.main import window_start
    args = window_start(["--db", "a.sqlite3", "--quit-after-start"])
    assert (args.command, args.db, args.quit_after_start) == (None, "a.sqlite3", True)
    assert window_start([]).command is None
    for argv in (["list"], ["--db", "a.sqlite3", "list"], ["--help"], ["-h"], ["--bogus"]):
        assert window_start(argv) is None


def test_help_still_lists_the_commands(cli):
    result = cli("--help")
    assert "list" in result.stdout and "--db" in result.stdout
