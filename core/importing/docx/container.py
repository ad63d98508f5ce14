"""The .docx container, checked before anything parses it: size, type (zip/OLE), zip bombs, and
hardened XML parsing (no DTD, no entity expansion, no network, libxml2's depth limit) so python-docx
never touches an imported file.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from core.errors import ImportFailed

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_PART_BYTES = 64 * MB  # uncompressed size of one XML part we read
MAX_DECLARED_BYTES = 512 * MB  # all members together, as the zip declares them
MAX_RATIO = 200  # deflate on real XML gives 5–30; zip bombs give ~1000
RATIO_CHECK_FROM = MB  # tiny members may compress absurdly well without harm
MAX_MEMBERS = 10000
CHUNK = MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"



# --- the container: size, type, zip bomb ----------------------------------------------------

def container_kind(path: Path, name: str) -> str:
    """"zip", "ole" (old Word or an encrypted .docx) or "other"; refuses files over MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFailed(f"“{name}”有 {size // MB} MB，超过 {MAX_FILE_BYTES // MB} MB 的上限，"
                           "不像一份年度报告。请删去其中的大图片后另存再导入；未导入任何内容。")
    with open(path, "rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        return "ole"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    return "other"


def ole_message(path: Path, name: str) -> str:
    """An OLE container named .docx: a password-protected .docx, or an old .doc renamed."""
    with open(path, "rb") as f:
        data = f.read(MAX_FILE_BYTES)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (f"“{name}”设置了打开密码，无法读取。请在 Word/WPS 中打开，取消密码（文件→信息→保护文档）"
                "后另存为 .docx 再导入；未导入任何内容。")
    return (f"“{name}”实际是旧版 Word（.doc）格式，只是扩展名写成了 .docx。请把扩展名改回 .doc 导入，"
            "或在 Word/WPS 中“另存为”.docx 后再导入；未导入任何内容。")


def read_parts(path: Path, name: str) -> dict[str, bytes]:
    """The XML parts we need, decompressed with every size checked first and capped while reading."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members, name)
            by_name = {m.filename: m for m in members}
            if DOCUMENT_PART not in by_name:
                raise ImportFailed(f"“{name}”是压缩包，但里面没有 Word 正文（{DOCUMENT_PART}），"
                                   "不是 Word 文档。请选择 .docx 报告文件；未导入任何内容。")
            return {part: _read_member(archive, by_name[part], name)
                    for part in (DOCUMENT_PART, STYLES_PART, NUMBERING_PART) if part in by_name}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as err:
        raise ImportFailed(f"“{name}”已损坏或加密，无法解压（{err}）。请在 Word/WPS 中打开并另存为 .docx "
                           "后再导入；未导入任何内容。") from err


def _bomb(name: str) -> ImportFailed:
    return ImportFailed(f"“{name}”解压后异常庞大（疑似“压缩炸弹”），为保护电脑已停止读取。"
                        "请确认文件来源，在 Word/WPS 中另存为 .docx 后再导入；未导入任何内容。")


def _check_members(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bomb(name)
    if sum(m.file_size for m in members) > MAX_DECLARED_BYTES:
        raise _bomb(name)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO:
            raise _bomb(name)


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> bytes:
    """Stream-decompress one member, never holding more than its declared size or MAX_PART_BYTES."""
    if member.file_size > MAX_PART_BYTES:
        raise _bomb(name)
    cap = member.file_size
    chunks, total = [], 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > cap:
                raise _bomb(name)
            chunks.append(chunk)
    return b"".join(chunks)


# --- hardened XML ---------------------------------------------------------------------------

def parse_xml(data: bytes, part: str, name: str) -> etree._Element:
    # Word never writes a DOCTYPE (and markup in text is escaped), so refuse one before parsing;
    # the docinfo check below catches encodings this byte search cannot see.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _doctype_refused(name, part)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        if "entity" in str(err).lower():
            raise _doctype_refused(name, part) from err
        if "depth" in str(err).lower():
            raise ImportFailed(f"“{name}”的内容（{part}）嵌套层数异常多，不是正常的 Word 文档，已拒绝读取。"
                               "请在 Word/WPS 中另存为 .docx 后再导入；未导入任何内容。") from err
        raise ImportFailed(f"“{name}”的内容（{part}）已损坏，无法读取（{err}）。请在 Word/WPS 中打开并"
                           "另存为 .docx 后再导入；未导入任何内容。") from err
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise _doctype_refused(name, part)
    return root


def _doctype_refused(name: str, part: str) -> ImportFailed:
    return ImportFailed(f"“{name}”的内容（{part}）含有文档类型/实体声明（DOCTYPE），Word 不会这样保存，"
                        "可能是恶意构造的文件，已拒绝读取；未导入任何内容。")
