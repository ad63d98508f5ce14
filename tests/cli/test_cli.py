"""The scripting CLI, run as a real process: output, JSON, exit status, and nothing written on error."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import MAIN



def run(*args, check=True):
    result = subprocess.run([sys.executable, str(MAIN), *map(str, args)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_import_then_show_json(db_path, sample_path):
    out = run("import", sample_path, "--db", db_path).stdout
    assert "已导入：2024年" in out and "请核对" in out
    data = json.loads(run("show", "2024", "--db", db_path, "--json").stdout)
    assert data["year"] == 2024 and data["doc_number"] == "景发〔2025〕7号"
    assert data["organs"] == ["中共景毛乡委员会", "景毛乡人民政府"]
    chapters = data["chapters"]
    assert [c["number"] for c in chapters] == ["", "一、", "二、", "三、", "四、", "五、"]
    assert chapters[0]["template_key"] == "intro"
    items = [b for b in chapters[2]["blocks"] if b["level"] == 2]
    assert [b["number"] for b in items] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert {"level", "number", "heading", "text"} <= set(items[0])
    assert [b["number"] for b in chapters[5]["blocks"]] == ["1.", "2.", "3."]


def test_list_new_snapshot_snapshots(db_path, sample_path):
    run("import", sample_path, "--db", db_path)
    assert "已新建 2025年报告" in run("new", "--year", "2025", "--from-year", "2024", "--db", db_path).stdout
    listed = json.loads(run("list", "--db", db_path, "--json").stdout)
    assert [r["year"] for r in listed] == [2025, 2024]
    new = json.loads(run("show", "2025", "--db", db_path, "--json").stdout)
    assert all(c["blocks"] == [] for c in new["chapters"])
    assert "已保存版本" in run("snapshot", "2024", "--label", "送审稿", "--db", db_path).stdout
    assert "送审稿" in run("snapshots", "2024", "--db", db_path).stdout
    plain = run("show", "2024", "--db", db_path).stdout
    assert plain.splitlines()[0] == "中共景毛乡委员会文件"


def test_new_with_copied_text(db_path, sample_path):
    run("import", sample_path, "--db", db_path)
    run("new", "--year", "2025", "--from-year", "2024", "--copy-text", "--db", db_path)
    old = json.loads(run("show", "2024", "--db", db_path, "--json").stdout)
    new = json.loads(run("show", "2025", "--db", db_path, "--json").stdout)
    assert [c["blocks"] for c in new["chapters"]] == [c["blocks"] for c in old["chapters"]]


@pytest.mark.parametrize("args, message", [
    (("show", "2030"), "没有2030年的报告"),
    (("show", "abc"), "不是报告编号或年份"),
    (("snapshot", "7", "--label", "x"), "没有编号为 7 的报告"),
    (("new", "--year", "1985"), "年份"),
])
def test_errors_are_one_chinese_line_and_non_zero(db_path, args, message):
    result = run(*args, "--db", db_path, check=False)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("错误：")


def test_bad_import_writes_nothing(db_path, tmp_path):
    run("list", "--db", db_path)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 50)
    result = run("import", binary, "--db", db_path, check=False)
    assert result.returncode != 0 and "不是文本文件" in result.stderr
    assert json.loads(run("list", "--db", db_path, "--json").stdout) == []


def test_not_a_database_path(tmp_path, sample_path):
    result = run("list", "--db", sample_path, check=False)
    assert result.returncode != 0 and "不是法治年报的数据库" in result.stderr


def test_db_option_before_or_after_the_subcommand(tmp_path, sample_path):
    before, after = tmp_path / "before.sqlite3", tmp_path / "after.sqlite3"
    run("--db", before, "import", sample_path)
    run("import", sample_path, "--db", after)
    for path in (before, after):
        assert [r["year"] for r in json.loads(run("list", "--db", path, "--json").stdout)] == [2024]


def test_export_font_set_option(db_path, sample_path, tmp_path):
    import re
    import zipfile
    run("import", sample_path, "--db", db_path)
    fonts = {}
    for name in ("gb2312", "plain"):
        out = tmp_path / f"{name}.docx"
        run("export", "2024", "--out", out, "--fonts", name, "--db", db_path)
        xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
        fonts[name] = set(re.findall(r'w:eastAsia="([^"]+)"', xml))
    assert "仿宋_GB2312" in fonts["gb2312"] and "仿宋" not in fonts["gb2312"]
    assert "仿宋" in fonts["plain"] and "仿宋_GB2312" not in fonts["plain"]
    refused = run("export", "2024", "--out", tmp_path / "x.docx", "--fonts", "comic", "--db", db_path,
                  check=False)
    assert refused.returncode != 0 and not (tmp_path / "x.docx").exists()
    assert refused.stderr.startswith("错误：命令行参数有误") and len(refused.stderr.splitlines()) == 1


def test_commands_that_change_the_archive_wait_for_the_window_to_close(db_path, sample_path):
    import os
    import socket
    from datetime import datetime
    from core.archive_lock import lock_path
    run("new", "--year", "2023", "--db", db_path)
    now = datetime.now().isoformat()
    lock_path(db_path).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                              "since": now, "refreshed": now}), encoding="utf-8")
    refused = run("import", sample_path, "--db", db_path, check=False)
    assert refused.returncode == 1 and "正在本机上的法治年报" in refused.stderr and "请先关闭该窗口" in refused.stderr
    assert "2023年" in run("list", "--db", db_path).stdout  # reading is fine
    assert "2024" not in run("list", "--db", db_path).stdout
