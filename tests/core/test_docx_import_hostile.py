"""Hostile and broken Word files: each is refused with a clear Chinese message, quickly, and nothing
reaches the archive."""
import struct
import zipfile

import pytest

from tests.support import docx_fixtures as F
import main
from core.archive import Archive
from core.importing.docx.container import MAX_FILE_BYTES, OLE_MAGIC
from core.errors import ImportFailed
from core.importing import import_file
from core.outline import Report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_document_xml(path, document_xml: bytes):
    """A valid .docx whose word/document.xml is replaced by `document_xml`."""
    source = F.themed_report(path.with_name("source.docx"))
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in original.infolist():
            data = original.read(member)
            out.writestr(member.filename, document_xml if member.filename == "word/document.xml" else data)
    return path


def set_declared_size(path, member_name: str, size: int):
    """Rewrite the uncompressed size the zip declares for one member (local and central headers)."""
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo(member_name)
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, member.header_offset + 22, size)
    name = member_name.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) != -1:  # central directory entries
        if data[at + 46: at + 46 + len(name)] == name:
            struct.pack_into("<I", data, at + 24, size)
    path.write_bytes(bytes(data))
    return path


def not_a_zip(path):
    path.write_text("这不是 Word 文档", encoding="utf-8")
    return path


def zip_without_document(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")
    return path


def encrypted_docx(path):
    # What Word saves for a password-protected .docx: an OLE compound file holding EncryptedPackage.
    path.write_bytes(OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    return path


def renamed_doc(path):
    path.write_bytes(OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1024))
    return path


def oversized(path):
    with open(path, "wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    return path


def ratio_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (40 * 1024 * 1024))
    return path


def declared_bomb(path):
    docx_with_document_xml(path, b'<w:document xmlns:w="%s"><w:body/></w:document>' % W_NS.encode())
    return set_declared_size(path, "word/document.xml", 3 * 1024 ** 3)


def lying_sizes(path):
    """Declares 100 bytes, inflates to far more: read with a cap, refused without inflating it all."""
    body = b"<w:p><w:r><w:t>" + "很长的正文".encode() * 200000 + b"</w:t></w:r></w:p>"
    docx_with_document_xml(path, b'<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>'
                           % (W_NS.encode(), body))
    return set_declared_size(path, "word/document.xml", 100)


def billion_laughs(path):
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
    return docx_with_document_xml(path, xml.encode())


def external_entity(path):
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    return docx_with_document_xml(path, xml.encode())


def utf16_entities(path):
    """The same attack in UTF-16, which a byte search for “<!DOCTYPE” does not see."""
    xml = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
           f'"file:///etc/passwd">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r>'
           f'</w:p></w:body></w:document>')
    return docx_with_document_xml(path, xml.encode("utf-16"))


def deep_nesting(path):
    depth = 5000
    xml = (f'<w:document xmlns:w="{W_NS}"><w:body>' + "<w:sdt><w:sdtContent>" * depth
           + "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>")
    return docx_with_document_xml(path, xml.encode())


def broken_xml(path):
    return docx_with_document_xml(path, b'<w:document xmlns:w="x"><w:body><w:p>')


CASES = [
    (not_a_zip, "不是有效的 Word 文档"),
    (zip_without_document, "没有 Word 正文"),
    (encrypted_docx, "设置了打开密码"),
    (renamed_doc, "旧版 Word（.doc）"),
    (oversized, "50 MB"),
    (ratio_bomb, "压缩炸弹"),
    (declared_bomb, "压缩炸弹"),
    (lying_sizes, "已损坏"),
    (billion_laughs, "DOCTYPE"),
    (external_entity, "DOCTYPE"),
    (utf16_entities, "DOCTYPE"),
    (deep_nesting, "嵌套层数"),
    (broken_xml, "已损坏"),
]


@pytest.mark.parametrize("build, expected", CASES, ids=[c[0].__name__ for c in CASES])
def test_hostile_file_is_refused_with_a_clear_message(tmp_path, build, expected):
    path = build(tmp_path / "报告.docx")
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    message = str(caught.value)
    assert expected in message
    assert "未导入任何内容" in message or "另存为" in message


@pytest.mark.parametrize("build", [not_a_zip, ratio_bomb, billion_laughs], ids=lambda b: b.__name__)
def test_cli_refusal_writes_nothing(tmp_path, db_path, capsys, build):
    with Archive(db_path) as archive:
        archive.create_report(Report(year=2020, title="2020年度法治政府建设情况报告"))
    before = db_path.read_bytes()
    status = main.main(["import", str(build(tmp_path / "x.docx")), "--db", str(db_path)])
    assert status == 1
    assert capsys.readouterr().err.startswith("错误：")
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2020]
    assert len(db_path.read_bytes()) == len(before)

