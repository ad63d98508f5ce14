"""Plain-text import: UTF-8 (with or without BOM), UTF-16 (with or without BOM), or GB18030/GBK as
Notepad saves it; other files are refused saying what they look like."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from core.errors import ImportFailed
from core.importing.source import SourceParagraph

MAX_TEXT_BYTES = 20 * 1024 * 1024
# Files that are not text, by their first bytes, and what to call them in the message.
SIGNATURES = ((b"PK\x03\x04", "Word 文档（.docx）或压缩包"), (b"\xd0\xcf\x11\xe0", "旧版 Word/WPS 文档（.doc/.wps）"),
              (b"%PDF", "PDF 文件"), (b"{\\rtf", "RTF 文档"), (b"\x89PNG", "图片"), (b"\xff\xd8\xff", "图片"),
              (b"GIF8", "图片"), (b"Rar!", "压缩包"), (b"7z\xbc\xaf", "压缩包"))
UTF16_ZERO_SHARE = 0.01  # at least this share of zero bytes, nearly all on one side: UTF-16
UTF16_ZERO_SIDE = 0.9
MAX_CONTROL_SHARE = 0.01  # more invisible control characters than this (and than a few): not text
FEW_CONTROLS = 8
SAMPLE_BYTES = 1 << 16
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f]")
_HAN = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text of a file's bytes and notes on how it was read; ImportFailed when it is not text."""
    text, notes = _decode(data, name)
    if _mostly_controls(text[:SAMPLE_BYTES]):
        raise _not_text(name)
    return text, notes


def _mostly_controls(sample: str | bytes) -> bool:
    """More control characters than a damaged text file has: UTF-8 and GBK never use these bytes
    inside a character, so counting them in the raw bytes is as good as in the text."""
    if isinstance(sample, bytes):
        sample = sample.decode("latin-1")
    return len(_CONTROL.findall(sample)) > max(FEW_CONTROLS, MAX_CONTROL_SHARE * len(sample))


def _not_text(name: str) -> ImportFailed:
    return ImportFailed(f"“{name}”不是文本文件（含有大量不可见的控制字符，可能是其他类型的文件改了扩展名）。"
                        "请选择 .txt 或 .docx 格式的报告；未导入任何内容。")


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, codec, name), []
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            raise ImportFailed(f"“{name}”是{kind}，不是文本文件。请选择 .txt 或 .docx 格式的报告"
                               "（.docx 请保留原扩展名）；未导入任何内容。")
    utf16 = _utf16_by_zero_bytes(data) or _utf16_by_content(data)
    if utf16 is not None:
        return utf16, [f"“{name}”是没有字节顺序标记的 UTF-16 编码，已按 UTF-16 读取；如有乱码请核对。"]
    if _mostly_controls(data[:SAMPLE_BYTES]):
        raise _not_text(name)
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), []
        except UnicodeDecodeError:
            continue
    raise _unknown_encoding(name)


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise _unknown_encoding(name) from None


def _unknown_encoding(name: str) -> ImportFailed:
    return ImportFailed(f"无法识别“{name}”的文字编码。请在记事本中“另存为”UTF-8 编码后重新导入；未导入任何内容。")


def _utf16_by_zero_bytes(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII characters (digits, line breaks) leave a zero byte on one side."""
    sample = data[:SAMPLE_BYTES]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even + odd < UTF16_ZERO_SHARE * len(sample) or max(even, odd) < UTF16_ZERO_SIDE * (even + odd):
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        return data[: len(data) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_by_content(data: bytes) -> str | None:
    """UTF-16 without a BOM and nearly without ASCII: read that way only when it is Chinese text and
    neither UTF-8 nor GB18030 reads it as well."""
    if len(data) % 2 or _decodes(data, "utf-8") is not None:
        return None
    best, best_share = None, _han_share(_decodes(data, "gb18030") or "")
    for codec in ("utf-16-le", "utf-16-be"):
        text = _decodes(data, codec)
        if text is not None and _han_share(text) > max(best_share, 0.5):
            best, best_share = text, _han_share(text)
    return best


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _han_share(text: str) -> float:
    sample = "".join(text[:SAMPLE_BYTES].split())
    return len(_HAN.findall(sample)) / len(sample) if sample else 0.0


def text_paragraphs(text: str) -> list[SourceParagraph]:
    """One paragraph per non-empty line; a form feed is a page break, and so is marked."""
    paragraphs = []
    for page_number, page in enumerate(text.split("\f")):
        after_break = page_number > 0
        for line in page.splitlines():
            if line.strip():
                paragraphs.append(SourceParagraph(line.strip(), page_break_before=after_break))
                after_break = False
    return paragraphs


def read_text_paragraphs(path: Path) -> tuple[list[SourceParagraph], list[str]]:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportFailed(f"“{path.name}”有 {size // (1024 * 1024)} MB，不像一份报告的文字稿"
                           f"（上限 {MAX_TEXT_BYTES // (1024 * 1024)} MB）；未导入任何内容。")
    text, notes = decode_text(path.read_bytes(), path.name)
    return text_paragraphs(text), notes
