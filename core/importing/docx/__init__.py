"""Word import: read a .docx into SourceParagraphs with formatting hints; .doc/.wps via LibreOffice.

container: size, type and zip-bomb checks and hardened XML; convert: LibreOffice for .doc/.wps;
styles and numbering: what Word shows; reader: the document walk.
"""
from __future__ import annotations

from pathlib import Path

from core.errors import ImportFailed
from core.importing.docx.container import container_kind, ole_message, read_parts
from core.importing.docx.convert import converted_to_docx
from core.importing.docx.reader import Reader
from core.importing.source import SourceParagraph


def read_word_paragraphs(path: Path) -> tuple[list[SourceParagraph], list[str]]:
    """Paragraphs of a .docx (a .doc/.wps is converted first) and notes on what was skipped."""
    path = Path(path)
    if path.suffix.lower() in (".doc", ".wps") and container_kind(path, path.name) != "zip":
        with converted_to_docx(path) as converted:
            paragraphs, notes = _read_docx(converted, path.name)
        return paragraphs, [f"“{path.name}”已通过 LibreOffice 转换为 .docx 后导入，请仔细核对格式。"] + notes
    return _read_docx(path, path.name)


def _read_docx(path: Path, name: str) -> tuple[list[SourceParagraph], list[str]]:
    kind = container_kind(path, name)
    if kind == "ole":
        raise ImportFailed(ole_message(path, name))
    if kind != "zip":
        raise ImportFailed(f"“{name}”不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名。"
                           "请在 Word/WPS 中打开后“另存为”.docx 再导入；未导入任何内容。")
    return Reader(read_parts(path, name), name).read()
