"""Word import: structure and metadata recognised from real .docx files built in several styles."""
from datetime import date

import pytest

from tests.support import docx_fixtures as F
from core.importing.docx import read_word_paragraphs
from core.importing.docx.numbering import format_counter
from core.importing import import_file
from core.outline import BANNER_ALL, BODY, ITEM2, ITEM3, ITEM4
from core.template import match_template_key



def outline(report):
    return [(c.template_key, c.title, [(b.level, b.heading, b.text) for b in c.blocks])
            for c in report.chapters]


def test_word_auto_numbering_resolves_to_the_numbers_word_shows(tmp_path):
    paragraphs, _ = read_word_paragraphs(F.auto_numbered_report(tmp_path / "auto.docx"))
    shown = [p.numbering for p in paragraphs if p.numbering]
    # 1./（1） restart under each higher level; the 四、 list restarts at 4 through startOverride.
    assert shown == ["一、", "（一）", "1.", "（1）", "（2）", "2.", "（二）", "二、", "三、", "（一）",
                     "（二）", "四、", "（一）"]


def test_auto_numbered_report_imports_chapters_items_and_levels(tmp_path):
    report = import_file(F.auto_numbered_report(tmp_path / "auto.docx")).report
    assert report.year == 2024
    assert report.doc_number == "景政发〔2025〕7号"  # [] and 第07 normalised
    assert report.title == "景毛乡人民政府关于2024年度法治政府建设情况的报告"
    assert report.organ_names == ["景毛乡人民政府"]
    assert report.recipients == "县人民政府"
    assert report.written_date == date(2025, 3, 5)
    chapters = outline(report)
    assert [(key, title) for key, title, _ in chapters] == [
        ("intro", "导语"),
        ("measures", "2024年度推进法治政府建设的主要举措和成效"),
        ("first_responsibility", "党政主要负责人履行推进法治建设第一责任人职责情况"),
        ("shortcomings", "存在的不足和原因"),
        ("plans", "2025年工作打算"),
    ]
    assert chapters[1][2][:6] == [
        (ITEM2, "健全工作机制，扛牢政治责任。", "成立法治政府建设工作领导小组。"),
        (ITEM3, "落实会前学法制度。", ""),
        (ITEM4, "全年组织会前学法12次。", ""),
        (ITEM4, "开展专题培训2次。", ""),
        (ITEM3, "健全合法性审查机制。", ""),
        (ITEM2, "加强理论学习，强化政治引领。", ""),
    ]
    assert chapters[1][2][6][0] == BODY


def test_typed_numbers_in_every_real_form(tmp_path):
    result = import_file(F.typed_numbers_report(tmp_path / "typed.docx"))
    measures = outline(result.report)[1]
    assert measures[:2] == ("measures", "主要措施和成效")
    assert [(level, heading) for level, heading, _ in measures[2][:7]] == [
        (ITEM2, "健全组织机构。"),  # (一) half-width, run-in after the sentence
        (ITEM2, "强化依法决策"),  # bold lead without a full stop
        (ITEM3, "落实法律顾问制度。"),  # 1、
        (ITEM3, "规范行政执法。"),  # 2．
        (ITEM4, "加强执法培训。"),  # (1)
        (ITEM4, "规范执法文书。"),  # （2）
        (ITEM2, "化解矛盾纠纷。"),  # 一）
    ]
    assert measures[2][1][2] == "坚持重大行政决策合法性审查，全年审查合同15份。"


def test_page_split_paragraph_is_rejoined_and_noted(tmp_path):
    result = import_file(F.typed_numbers_report(tmp_path / "typed.docx"))
    texts = [b.text for b in result.report.chapters[1].blocks]
    assert "健全行政调解与人民调解、司法调解相衔接的大调解联动机制，实现各类调解主体的有效互动。" in texts
    assert any("分页断开" in note for note in result.notes)


def test_table_rows_become_flagged_paragraphs_and_images_are_listed(tmp_path):
    result = import_file(F.typed_numbers_report(tmp_path / "typed.docx"))
    texts = [b.text for b in result.report.chapters[1].blocks]
    assert "项目　件数　同比" in texts and "行政调解　36　增长12%" in texts
    assert any("表格" in note and "项目" in note for note in result.notes)
    assert any("图片" in note and "调解现场照片" in note for note in result.notes)


def test_tail_chinese_numeral_date_note_and_typed_record(tmp_path):
    report = import_file(F.typed_numbers_report(tmp_path / "typed.docx")).report
    assert report.written_date == date(2025, 3, 5)  # 二〇二五年三月五日
    assert report.note == "（此件公开发布）"
    assert report.cc == "县委依法治县办，县司法局。"
    assert (report.printing_organ, report.printing_date) == ("景毛乡党政办公室", date(2025, 3, 6))
    assert report.signature_lines == ["景毛乡人民政府"]
    plans = report.chapters[-1]
    assert (plans.template_key, [b.heading for b in plans.blocks]) == (
        "plans", ["加强法治队伍建设。", "创新普法宣传方式。"])


def test_joint_red_head_with_signer_unnumbered_headings_and_table_record(tmp_path):
    result = import_file(F.joint_red_head_report(tmp_path / "joint.docx"))
    report = result.report
    assert report.organ_names == ["中共景毛乡委员会", "景毛乡人民政府"]
    assert report.banner_mode == BANNER_ALL
    assert (report.doc_number, report.signer) == ("景发〔2025〕3号", "张三")
    assert report.recipients == "中共××县委、××县人民政府"
    assert [c.template_key for c in report.chapters] == [
        "intro", "measures", "first_responsibility", "shortcomings", "plans"]
    assert report.chapters[1].blocks[0].heading == "深学笃行习近平法治思想。"
    assert report.signature_lines == ["中共景毛乡委员会", "景毛乡人民政府"]
    assert (report.cc, report.printing_organ, report.printing_date) == (
        "县委依法治县办。", "景毛乡党政办公室", date(2025, 3, 6))
    assert any("一级标题" in note for note in result.notes)


def test_themed_headings_map_by_content_or_stay_unmapped_with_notes(tmp_path):
    result = import_file(F.themed_report(tmp_path / "themed.docx"))
    assert [(c.title, c.template_key) for c in result.report.chapters] == [
        ("党建引领，法治护航", None), ("服务群众，化解纠纷", "measures")]  # 矛盾纠纷、调解: measures
    assert sum("不对应规定的五项内容" in note for note in result.notes) == 1
    assert any("按内容对应" in note and "请核对" in note for note in result.notes)


def test_year_mismatch_is_refused(tmp_path):
    with pytest.raises(Exception) as caught:
        import_file(F.themed_report(tmp_path / "themed.docx"), year=2024)
    assert "2023" in str(caught.value) and "未导入" in str(caught.value)


@pytest.mark.parametrize("n, fmt, shown", [
    (3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"), (2, "ideographTraditional", "乙"),
    (4, "decimalEnclosedCircle", "④"), (7, "decimalFullWidth", "７"), (5, "decimalZero", "05"),
    (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (11, "chineseLegalSimplified", "拾壹"),
    (10, "ideographDigital", "一〇"), (3, "decimal", "3"), (1, "bullet", ""),
])
def test_list_number_formats(n, fmt, shown):
    assert format_counter(n, fmt) == shown


@pytest.mark.parametrize("title, key", [
    ("主要措施和成效", "measures"), ("工作开展情况", "measures"), ("基本情况和主要成效", "measures"),
    ("主要措施", "measures"), ("存在的问题", "shortcomings"), ("不足", "shortcomings"),
    ("第一责任人", "first_responsibility"), ("下一步", "plans"), ("工作计划", "plans"),
    ("2025年工作思路", "plans"), ("下一步工作措施", "plans"), ("党建引领，法治护航", None),
])
def test_chapter_titles_map_to_the_template_by_meaning(title, key):
    assert match_template_key(title, 2024) == key
