"""Plain-text import: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as Notepad saves it."""
from __future__ import annotations

from pathlib import Path

from core.errors import ImportFailed
from core.importing.recognize import SourceParagraph

MAX_TEXT_BYTES = 20 * 1024 * 1024


def decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data[:8192]:
        raise ImportFailed(f"“{name}”不是文本文件（含有二进制内容）。请选择 .txt 或 .docx 格式的报告；"
                           "未导入任何内容。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"无法识别“{name}”的文字编码。请在记事本中“另存为”UTF-8 编码后重新导入；未导入任何内容。")


def read_text_paragraphs(path: Path) -> list[SourceParagraph]:
    """One paragraph per non-empty line (a form feed, as a page break, counts as a line break)."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportFailed(f"“{path.name}”有 {size // (1024 * 1024)} MB，不像一份报告的文字稿"
                           f"（上限 {MAX_TEXT_BYTES // (1024 * 1024)} MB）；未导入任何内容。")
    text = decode_text(path.read_bytes(), path.name)
    lines = text.replace("\f", "\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [SourceParagraph(line.strip()) for line in lines if line.strip()]
