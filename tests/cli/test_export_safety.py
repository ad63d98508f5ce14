"""Export file safety (issue 9, item 8): a read-only target is never replaced, a new file gets the
umask's permissions, and a full disk gives one Chinese line — no traceback noise, no temp file."""
import os
import shutil
import stat
import subprocess
import sys

import pytest

from core.docx_export import ExportFailed, export_report
from main import main
from tests.support import MAIN
from tests.support.reports import sample_report


def test_a_read_only_target_is_never_replaced_even_with_force(archive, db_url, tmp_path, capsys):
    report_id = archive.create_report(sample_report())
    target = tmp_path / "out" / "只读.docx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    target.chmod(0o444)
    assert main(["export", str(report_id), "--out", str(target), "--force", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "只读" in err and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == b"old" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in target.parent.iterdir()] == ["只读.docx"]


def test_a_new_file_gets_the_umask_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    old_umask = os.umask(0o022)
    try:
        target = tmp_path / "new.docx"
        export_report(sample_report(), target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o664)
        export_report(sample_report(), target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
    finally:
        os.umask(old_umask)


@pytest.fixture
def full_disk(tmp_path):
    """An 8 KiB tmpfs: no room for a .docx (needs root to mount; skipped otherwise)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("needs root to mount a small tmpfs")
    yield folder
    subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_full_disk_prints_one_chinese_line_and_leaves_no_temp_file(archive, db_url, full_disk):
    report_id = archive.create_report(sample_report())
    target = full_disk / "报告.docx"
    done = subprocess.run([sys.executable, str(MAIN), "export", str(report_id), "--out", str(target),
                           "--db", db_url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "磁盘空间不足" in lines[0], done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert list(full_disk.iterdir()) == []


def test_a_full_disk_in_process_raises_export_failed(full_disk):
    with pytest.raises(ExportFailed, match="磁盘空间不足"):
        export_report(sample_report(), full_disk / "r.docx")
    assert list(full_disk.iterdir()) == []


def test_export_names_the_errors_that_remain_and_still_exports(archive, db_url, tmp_path, capsys):
    report = sample_report()
    report.written_date, report.printing_date = None, None
    report_id = archive.create_report(report)
    out = tmp_path / "r.docx"
    assert main(["export", str(report_id), "--out", str(out), "--db", db_url]) == 0
    captured = capsys.readouterr()
    assert "已导出" in captured.out and out.exists()
    assert "成文日期" in captured.err and "印发日期" in captured.err and "错误" in captured.err
