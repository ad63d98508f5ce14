"""Hostile text files: a huge single line, control characters anywhere, UTF-16 without a BOM. Each is
imported or refused for the right reason, and whatever is imported can be exported."""
import subprocess
import sys

import pytest

from core import docx_export
from core.errors import ImportFailed
from core.importing import import_file
from tests.support import ROOT, report_shapes as S

SENTENCE = "2024年3月，我乡依法行政，推进法治政府建设，全年办理案件12件。"
TITLE = "石桥镇人民政府关于2024年度法治政府建设情况的报告"


def export_every_variant(report, folder):
    for variant in docx_export.VARIANTS:
        docx_export.export_report(report, folder / f"{variant}.docx", variant)


def paragraphs(report) -> list[str]:
    return [b.plain for c in report.chapters for b in c.blocks]


def test_a_5_mb_single_line_imports_without_hanging(tmp_path):
    # Recognition was quadratic or worse in a line's length (the 印发 pattern backtracked): 5,000
    # characters took minutes. The timeout is a hang guard; bench/bench_text_import.py measures.
    path = tmp_path / "one-line.txt"
    path.write_text(TITLE + "\n" + SENTENCE * (5_000_000 // len(SENTENCE.encode())), encoding="utf-8")
    script = ("import sys; from core.importing import import_file; "
              "r = import_file(sys.argv[1]).report; print(sum(len(b.plain) for c in r.chapters for b in c.blocks))")
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(path.read_text(encoding="utf-8")) - len(TITLE) - 1


@pytest.mark.parametrize("position", ["start", "after 8 KB"])
def test_a_nul_anywhere_is_removed_with_a_note_and_the_report_exports(tmp_path, position):
    body = [SENTENCE] * 400  # about 40 KB
    at = 0 if position == "start" else 300
    body[at] = body[at][:5] + "\x00" + body[at][5:]
    path = tmp_path / "nul.txt"
    path.write_text("\n".join([TITLE, *body]), encoding="utf-8")
    result = import_file(path)
    assert not any("\x00" in p for p in paragraphs(result.report))
    assert SENTENCE in paragraphs(result.report)
    assert any("控制字符" in n and "请核对" in n and f"第{at + 2}段" in n for n in result.notes)
    export_every_variant(result.report, tmp_path)


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x1b", "\x7f", "\x9f", "\ufffe", "\uffff"])
def test_other_control_characters_are_removed_and_the_report_exports(tmp_path, control):
    path = tmp_path / "controls.txt"
    path.write_text(f"{TITLE}\n一、主要举措和成效\n依法{control}行政，规范执法。\n", encoding="utf-8")
    result = import_file(path)
    assert "依法行政，规范执法。" in paragraphs(result.report)
    assert any("控制字符" in n for n in result.notes)
    export_every_variant(result.report, tmp_path)


def test_word_line_breaks_copied_as_vertical_tabs_split_paragraphs(tmp_path):
    path = tmp_path / "vt.txt"
    path.write_text(f"{TITLE}\n一、主要举措和成效\n依法行政。\x0b规范执法。\n", encoding="utf-8")
    assert paragraphs(import_file(path).report) == ["依法行政。", "规范执法。"]


def test_a_file_of_mostly_control_characters_is_refused_as_not_text(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(32)) * 200 + "一、主要举措".encode())
    with pytest.raises(ImportFailed, match="不是文本文件"):
        import_file(path)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_utf16(tmp_path, codec):
    path = S.write_text(S.DISTRICT_STREET_OFFICE, tmp_path / "u16.txt", codec)
    result = import_file(path)
    assert result.report.organ_names == ["青河区人民政府柳荫街道办事处"]
    assert any("UTF-16" in n for n in result.notes)
    export_every_variant(result.report, tmp_path)


def test_utf16_without_a_bom_or_any_ascii_is_read_as_utf16(tmp_path):
    path = tmp_path / "han-only.txt"
    text = TITLE + "\u2029" + "依法行政，规范执法，全年办理案件十二件。" * 20  # paragraph separator, no ASCII
    path.write_bytes(text.encode("utf-16-le"))
    result = import_file(path)
    assert result.report.title == TITLE
    assert paragraphs(result.report) == ["依法行政，规范执法，全年办理案件十二件。" * 20]


def test_odd_bytes_that_are_neither_utf16_nor_gbk_are_refused_for_their_encoding(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes("依法行政".encode() + b"\xff\xfe\xfd\x80" * 40)
    with pytest.raises(ImportFailed, match="编码"):
        import_file(path)
