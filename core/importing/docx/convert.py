""".doc and .wps files converted to .docx through LibreOffice, with a private profile and a timeout."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from core.errors import ImportFailed

CONVERT_TIMEOUT_S = 120


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted_to_docx(path: Path):
    """Convert with a private LibreOffice profile in a temp dir; yields the .docx, removes it after."""
    soffice = soffice_path()
    if soffice is None:
        raise ImportFailed(f"“{path.name}”是 {path.suffix.lower()} 格式，本机没有安装 LibreOffice，无法转换。"
                           "请在 Word/WPS 中打开，“另存为”.docx 后再导入；未导入任何内容。")
    with tempfile.TemporaryDirectory(prefix="fzbg-convert-") as tmp:
        work = Path(tmp)
        source = work / ("source" + path.suffix.lower())  # ASCII name: no quoting or encoding trouble
        shutil.copyfile(path, source)
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", "docx", "--outdir", str(work / "out"),
                   str(source)]
        _run_with_timeout(command, path)
        converted = work / "out" / "source.docx"
        if not converted.exists():
            raise ImportFailed(f"LibreOffice 无法转换“{path.name}”（文件可能受密码保护或已损坏）。"
                               "请在 Word/WPS 中打开，“另存为”.docx 后再导入；未导入任何内容。")
        yield converted


def _run_with_timeout(command: list[str], path: Path) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        process.wait(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ImportFailed(f"转换“{path.name}”超过 {CONVERT_TIMEOUT_S} 秒仍未完成，已停止。"
                           "请在 Word/WPS 中“另存为”.docx 后再导入；未导入任何内容。") from None


def _kill_group(process: subprocess.Popen) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, 9)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()
