"""Plain-text import of the shared sample and of real-world variants (encodings, numbering forms)."""
import re

import pytest

from core.errors import ImportFailed
from core.importing import import_file
from core.outline import BODY, ITEM2, ITEM3, ITEM4, block_numbers, chapter_numbers

SPLITS = [("二是建立", "健全行政机关"), ("司法调解", "相衔接的"), ("工作目标和要求", "为导向")]


@pytest.fixture
def sample_result(sample_path):
    return import_file(sample_path)


def test_sample_structure(sample_result):
    report = sample_result.report
    assert report.year == 2024
    assert report.doc_number == "景发〔2025〕7号"
    assert report.organ_names == ["中共景毛乡委员会", "景毛乡人民政府"]
    assert report.organs[0].short_name == "景发"
    assert report.banner == "中共景毛乡委员会文件"
    keys = [c.template_key for c in report.chapters]
    assert keys == ["intro", None, "measures", "shortcomings", "first_responsibility", "plans"]
    assert chapter_numbers(report.chapters) == ["", "一、", "二、", "三、", "四、", "五、"]
    measures, plans = report.chapters[2], report.chapters[5]
    assert [b.level for b in measures.blocks].count(ITEM2) == 5
    assert [b.level for b in plans.blocks] == [ITEM3, ITEM3, ITEM3]
    assert block_numbers(plans.blocks) == ["1.", "2.", "3."]


def test_sample_page_splits_rejoined(sample_result):
    paragraphs = [b.plain for c in sample_result.report.chapters for b in c.blocks]
    for before, after in SPLITS:
        assert any(before + after in p for p in paragraphs), (before, after)
        assert not any(p.startswith(after) for p in paragraphs)
    assert sum("分页" in n for n in sample_result.notes) == 3


def _rebuilt_text(report) -> str:
    parts = [report.banner, report.doc_number, report.title]
    for chapter, number in zip(report.chapters, chapter_numbers(report.chapters)):
        if chapter.numbered:
            parts.append(number + chapter.title)
        parts += [n + b.plain for b, n in zip(chapter.blocks, block_numbers(chapter.blocks))]
    return "".join(parts)


def test_every_character_of_the_sample_is_kept_in_order(sample_result, sample_path):
    original = re.sub(r"\s+", "", sample_path.read_text(encoding="utf-8"))
    assert re.sub(r"\s+", "", _rebuilt_text(sample_result.report)) == original


def test_gb18030_file_as_notepad_saves_it(tmp_path, sample_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(sample_path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    assert _rebuilt_text(import_file(gbk).report) == _rebuilt_text(import_file(sample_path).report)


def test_utf8_bom_and_utf16(tmp_path, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    for name, data in (("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
                       ("u16.txt", text.encode("utf-16"))):
        (tmp_path / name).write_bytes(data)
        assert import_file(tmp_path / name).report.year == 2024


def test_numbering_variants_are_recognised(tmp_path):
    source = tmp_path / "variants.txt"
    source.write_text("\n".join([
        "某某乡人民政府关于2023年度法治政府建设情况的报告",
        "县委依法治县办：",
        "2023年，我乡……现将有关情况报告如下：",
        "一、2023年度推进法治政府建设的主要举措和成效",
        "(一)加强组织领导",
        "一）破损括号的标题",
        "1、优化组织架构。调整领导小组。",
        "2．全角点。",
        "(1)半角括号。",
        "（2）全角括号。",
        "二、存在的问题",
        "问题一。",
        "三、下一步工作计划",
        "继续努力。",
        "某某乡人民政府",
        "2024年1月22日",
    ]), encoding="utf-8")
    report = import_file(source).report
    assert report.recipients == "县委依法治县办"
    assert report.organ_names == ["某某乡人民政府"]
    assert report.written_date.isoformat() == "2024-01-22"
    measures = report.chapters[1]
    assert [b.level for b in measures.blocks] == [ITEM2, ITEM2, ITEM3, ITEM3, ITEM4, ITEM4]
    assert measures.blocks[2].heading == "优化组织架构。" and measures.blocks[2].text == "调整领导小组。"
    assert [c.template_key for c in report.chapters] == ["intro", "measures", "shortcomings", "plans"]


def test_heading_without_punctuation_is_not_joined_with_following_text(tmp_path):
    source = tmp_path / "h.txt"
    source.write_text("甲乡人民政府2024年法治政府建设年度报告\n一、主要举措和成效\n（一）健全工作组织\n"
                      "调整充实领导机构。\n", encoding="utf-8")
    blocks = import_file(source).report.chapters[0].blocks
    assert [(b.level, b.plain) for b in blocks] == [(ITEM2, "健全工作组织"), (BODY, "调整充实领导机构。")]


@pytest.mark.parametrize("content, message", [
    (b"", "空"),
    (b"\x00\x01\x02binary\x00" * 100, "不是文本文件"),
    ("只有一行没有年份的文字。".encode("utf-8"), "年度"),
])
def test_bad_files_are_refused(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_file(bad)


def test_year_that_contradicts_the_title_is_refused(sample_path):
    with pytest.raises(ImportFailed, match="不一致"):
        import_file(sample_path, year=2023)


def test_year_from_option_when_title_has_none(tmp_path):
    source = tmp_path / "noyear.txt"
    source.write_text("法治政府建设情况报告\n一、主要举措和成效\n做了工作。\n", encoding="utf-8")
    assert import_file(source, year=2022).report.year == 2022


def test_unknown_format_is_refused(tmp_path):
    odd = tmp_path / "x.pdf"
    odd.write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportFailed, match="不支持"):
        import_file(odd)
