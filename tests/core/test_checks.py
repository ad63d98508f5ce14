"""Each check rule: a case it flags and a case it leaves alone. Helpers here are shared by the other
check tests: a clean report that passes every rule, and ways to spoil it."""
from __future__ import annotations

from datetime import date

import pytest

from core.checks import run_checks, target_text
from core.outline import BODY, ITEM2, ITEM3, ITEM4, Block, Chapter, Report
from tests.support.reports import OTHER, clean_report


def with_paragraph(text: str, level: int = BODY, heading: str = "") -> Report:
    """The clean report with one paragraph of 其他需要报告的情况 replaced."""
    report = clean_report()
    report.chapters[OTHER].blocks = [Block(level, heading, text)]
    return report


def rules_of(report: Report) -> list[str]:
    return [f.rule for f in run_checks(report)]


def only(report: Report, rule: str):
    found = [f for f in run_checks(report) if f.rule == rule]
    assert len(found) == 1, [f.message for f in run_checks(report)]
    return found[0]


def text_at(report: Report, finding) -> str:
    return target_text(report, finding.fix.target)


def fixed_text(report: Report, rule: str) -> str:
    """The finding's target text after its fix: what the clerk will see."""
    from core.checks import apply_fix
    finding = only(report, rule)
    assert finding.fix is not None, finding.message
    return target_text(apply_fix(report, finding), finding.fix.target)


# --- the baseline --------------------------------------------------------------------------------

def test_clean_report_has_no_findings():
    assert run_checks(clean_report()) == []


# --- running text: (rule, flagged paragraph, its text after the fix or None, a paragraph left alone) ---

TEXT_CASES = [
    ("halfwidth-punct", "依据《纲要(2021—2025年)》执行。", "依据《纲要（2021—2025年）》执行。",
     "会议于10:30开始，共1,000人参加（含列席）。"),
    ("halfwidth-punct", "加强学习,提高能力。", "加强学习，提高能力。", "版本号为v2.1,build 7。"),
    ("halfwidth-punct", "时间:全年。", "时间：全年。", "网址http://example.org，欢迎访问。"),
    ("halfwidth-punct", "是否落实?已落实。", "是否落实？已落实。", "是否落实？已落实。"),
    ("straight-quotes", '开展"法律进村"活动。', "开展“法律进村”活动。", "开展“法律进村”活动。"),
    ("straight-quotes", '他说"好。', None, 'Version "2" released.'),
    ("stray-space", "2024 年共办理案件12件。", "2024年共办理案件12件。", "2024年共办理案件12 件。"),
    ("chinese-space", "推进法治 政府建设。", None, "推进法治政府建设。"),  # typo or separator: the clerk's call
    ("chinese-space", "加强组织领导  提升治理水平。", "加强组织领导，提升治理水平。", "加强组织领导，提升治理水平。"),
    ("chinese-space", "加强组织领导　提升治理水平。", "加强组织领导，提升治理水平。", "加强组织领导，提升治理水平。"),
    ("chinese-space", "报告如下： 一是加强领导。", "报告如下：一是加强领导。", "报告如下：一是加强领导。"),
    ("year-range-dash", "落实纲要（2021-2025年）。", "落实纲要（2021—2025年）。", "截至2024-12-31，电话0351-2025001。"),
    ("repeated-punct", "完成任务。。", "完成任务。", "完成任务……"),
    ("repeated-punct", "完成任务，。", None, "完成任务，效果好。"),
    ("date-zero-padding", "于2025年03月05日召开。", "于2025年3月5日召开。", "于2025年3月5日、10月10日召开。"),
    ("date-chinese-numerals", "于二〇二五年一月召开。", None, "于2025年1月召开。"),
    ("not-gb2312", "学习朱镕基同志讲话。", None, "落实纲要（2021—2025年）·说明。"),
    ("paragraph-unfinished", "二是建立", None, "二是建立制度。"),
]


@pytest.mark.parametrize("rule, bad, fixed, good", TEXT_CASES)
def test_text_rule(rule, bad, fixed, good):
    assert rule in rules_of(with_paragraph(bad))
    assert rule not in rules_of(with_paragraph(good))
    finding = only(with_paragraph(bad), rule)
    assert (finding.fix is not None) == (fixed is not None)
    if fixed is not None:
        assert fixed_text(with_paragraph(bad), rule) == fixed


def test_span_is_within_the_paragraph_without_its_generated_number():
    finding = only(with_paragraph("加强学习,提高能力。"), "halfwidth-punct")
    assert (finding.location.chapter_index, finding.location.block_index) == (OTHER, 0)
    assert (finding.location.start, finding.location.end) == (4, 5)
    assert finding.severity == "error" and finding.severity_label == "错误"
    assert "GB/T 15834" in finding.message


def test_paragraph_in_a_numbered_item_spans_heading_and_run_in_text():
    report = with_paragraph("提高能力,务求实效。", level=ITEM2, heading="加强学习。")
    finding = only(report, "halfwidth-punct")
    assert (finding.location.start, finding.location.end) == (9, 10)
    assert fixed_text(report, "halfwidth-punct") == "加强学习。提高能力，务求实效。"


# --- numbering typed by hand -----------------------------------------------------------------------

@pytest.mark.parametrize("typed, level, heading, text", [
    ("（二）加强学习。持续推进。", ITEM2, "加强学习。", "持续推进。"),
    ("二）加强学习。", ITEM2, "加强学习。", ""),
    ("2、完善制度。", ITEM3, "完善制度。", ""),
    ("1. 完善制度。", ITEM3, "完善制度。", ""),
    ("（3）细化措施。", ITEM4, "细化措施。", ""),
])
def test_typed_number_becomes_the_outline_level(typed, level, heading, text):
    from core.checks import apply_fix
    report = with_paragraph(typed)
    finding = only(report, "typed-number")
    assert finding.fix.level == level
    block = apply_fix(report, finding).chapters[OTHER].blocks[0]
    assert (block.level, block.heading, block.text) == (level, heading, text)


@pytest.mark.parametrize("good", ["2024年完成各项任务。", "1.5万元用于法治宣传。", "一是加强学习。",
                                  "10月完成清理。"])
def test_text_that_merely_starts_with_a_number_is_not_a_typed_number(good):
    assert "typed-number" not in rules_of(with_paragraph(good))


def test_typed_chapter_number_in_a_paragraph_has_no_automatic_fix():
    finding = only(with_paragraph("一、总体情况。"), "typed-number")
    assert finding.fix is None and "一级标题" in finding.message


def test_number_typed_into_a_numbered_item_or_a_title_is_removed():
    assert fixed_text(with_paragraph("", level=ITEM2, heading="（一）健全机制。"), "typed-number") == \
        "健全机制。"
    report = clean_report()
    report.chapters.insert(1, Chapter("一、指导思想", None, [Block(BODY, "", "以法治思想为指导。")]))
    assert fixed_text(report, "typed-number") == "指导思想"


# --- headings on a line of their own -----------------------------------------------------------------

def test_stand_alone_heading_with_full_stop():
    report = clean_report()
    report.chapters[1].blocks[0].heading = "健全工作机制。"
    assert fixed_text(report, "heading-full-stop") == "健全工作机制"
    assert only(report, "heading-full-stop").severity == "suggestion"


def test_item_with_run_in_text_or_a_one_sentence_item_keeps_its_full_stop():
    report = clean_report()
    report.chapters[1].blocks = [Block(ITEM2, "健全工作机制。", "成立领导小组。"),
                                 Block(ITEM2, "完善制度，细化分工。", ""), Block(ITEM2, "强化督查。", "")]
    assert "heading-full-stop" not in rules_of(report)


def test_report_and_chapter_titles_without_full_stop():
    report = clean_report()
    report.title += "。"
    assert fixed_text(report, "heading-full-stop") == clean_report().title


# --- paragraphs and chapters -------------------------------------------------------------------------

def test_long_paragraph():
    from core.checks.report_rules import LONG_PARAGRAPH
    assert "long-paragraph" in rules_of(with_paragraph("字" * LONG_PARAGRAPH + "。"))
    assert "long-paragraph" not in rules_of(with_paragraph("字" * (LONG_PARAGRAPH - 1) + "。"))


def test_empty_chapter_outside_the_mandated_parts():
    report = clean_report()
    report.chapters.insert(1, Chapter("指导思想", None, [Block(BODY, "", "  ")]))
    assert rules_of(report) == ["empty-chapter"]
    report.chapters[1].blocks[0].text = "以法治思想为指导。"
    assert rules_of(report) == []


# --- the five mandated contents ----------------------------------------------------------------------

def test_missing_mandated_part_is_an_error():
    report = clean_report()
    del report.chapters[4]
    finding = only(report, "contents-missing")
    assert finding.is_error and "主要安排" in finding.message and "督察工作规定" in finding.message


def test_empty_mandated_part_is_an_error_but_empty_other_is_a_suggestion():
    report = clean_report()
    report.chapters[4].blocks = []
    report.chapters[OTHER].blocks = [Block(BODY, "", " ")]
    assert rules_of(report) == ["contents-empty", "other-empty"]
    assert [f.severity for f in run_checks(report)] == ["error", "suggestion"]


def test_shortcomings_without_causes():
    report = clean_report()
    report.chapters[2].title = "2024年度推进法治政府建设存在的不足"
    report.chapters[2].blocks = [Block(BODY, "", "执法力量不足。")]
    assert rules_of(report) == ["causes-missing"]


def test_chapter_year_must_be_the_report_year_and_the_next_for_plans():
    report = clean_report()
    report.chapters[4].title = "2024年度推进法治政府建设的主要安排"
    assert fixed_text(report, "chapter-year") == "2025年度推进法治政府建设的主要安排"
    report = clean_report()
    report.chapters[1].title = "2023年度推进法治政府建设的主要举措和成效"
    assert fixed_text(report, "chapter-year") == "2024年度推进法治政府建设的主要举措和成效"


def test_report_title_year():
    report = clean_report()
    report.title = "景毛乡人民政府关于2023年度法治政府建设情况的报告"
    finding = only(report, "chapter-year")
    assert finding.field == "title" and finding.location is None


def test_chapter_title_without_year_is_a_suggestion():
    report = clean_report()
    report.chapters[1].title = "推进法治政府建设的主要举措和成效"
    assert only(report, "chapter-year-missing").severity == "suggestion"


# --- metadata --------------------------------------------------------------------------------------

@pytest.mark.parametrize("rule, bad, fixed", [
    ("docnum-brackets", "景政发【2025】7号", "景政发〔2025〕7号"),
    ("docnum-brackets", "景政发[2025]7号", "景政发〔2025〕7号"),
    ("docnum-brackets", "景政发(2025)7号", "景政发〔2025〕7号"),
    ("docnum-brackets", "景政发25年7号", None),
    ("docnum-di", "景政发〔2025〕第7号", "景政发〔2025〕7号"),
    ("docnum-di", "景政发〔2025〕字第7号", "景政发〔2025〕7号"),
    ("docnum-zeros", "景政发〔2025〕007号", "景政发〔2025〕7号"),
    ("docnum-ending", "景政发〔2025〕7", "景政发〔2025〕7号"),
    ("docnum-ending", "景政发〔2025〕7号文", None),
])
def test_doc_number(rule, bad, fixed):
    report = clean_report()
    report.doc_number = bad
    finding = only(report, rule)
    assert finding.field == "doc_number" and "7.2.5" in finding.message
    assert (finding.fix is not None) == (fixed is not None)
    if fixed:
        assert fixed_text(report, rule) == fixed


@pytest.mark.parametrize("good", ["景政发〔2025〕7号", "景政发〔2025〕10号", "", "景发〔2025〕107号"])
def test_doc_number_left_alone(good):
    report = clean_report()
    report.doc_number = good
    assert rules_of(report) == []


def test_printing_date_before_written_date():
    report = clean_report()
    report.printing_date = date(2025, 1, 21)
    finding = only(report, "date-order")
    assert finding.is_error and finding.field == "printing_date" and finding.fix is None
    report.printing_date = report.written_date
    assert rules_of(report) == []


def test_missing_written_date_is_an_error():
    report = clean_report()
    report.written_date = None
    assert only(report, "date-missing").severity == "error"


@pytest.mark.parametrize("spoil, rule, severity", [
    (lambda r: setattr(r, "organs", []), "organ-missing", "error"),
    (lambda r: setattr(r, "printing_date", None), "printing-incomplete", "error"),
    (lambda r: setattr(r, "printing_organ", ""), "printing-incomplete", "error"),
    (lambda r: setattr(r, "signer", ""), "signer-missing", "suggestion"),
])
def test_mandatory_elements_of_the_printed_document(spoil, rule, severity):
    report = clean_report()
    assert rule not in rules_of(report)
    spoil(report)
    assert only(report, rule).severity == severity


@pytest.mark.parametrize("field, rule, bad, fixed", [
    ("recipients", "recipients-colon", "县委依法治县办。", "县委依法治县办"),
    ("recipients", "recipients-colon", "县委、县政府、：", "县委、县政府："),
    ("recipients", "recipients-colon", "县委依法治县办，", "县委依法治县办"),
    ("cc", "cc-full-stop", "县司法局、", "县司法局"),
    ("cc", "cc-full-stop", "县司法局：", "县司法局"),
    ("cc", "cc-full-stop", "县司法局、。", "县司法局。"),
])
def test_recipients_end_with_the_colon_only_and_cc_with_the_full_stop_only(field, rule, bad, fixed):
    report = clean_report()
    setattr(report, field, bad)
    assert fixed_text(report, rule) == fixed


@pytest.mark.parametrize("field, good", [
    ("recipients", "县委依法治县办"), ("recipients", "县委依法治县办："), ("recipients", "中共某县委、某县人民政府"),
    ("cc", "县司法局。"), ("cc", "县司法局"), ("cc", "县委依法治县办，县司法局"),
])
def test_recipients_and_cc_left_alone(field, good):
    report = clean_report()
    setattr(report, field, good)
    assert rules_of(report) == []


def test_metadata_text_is_checked_like_body_text_but_keeps_joint_organ_spaces():
    report = clean_report()
    report.title = "中共景毛乡委员会 景毛乡人民政府关于2024年度法治政府建设情况的报告"
    assert rules_of(report) == []
    report.recipients = "县委,县政府"
    assert fixed_text(report, "halfwidth-punct") == "县委，县政府"


# --- fonts ----------------------------------------------------------------------------------------

def test_missing_fonts_are_suggestions_naming_the_substitute():
    from core.checks import font_findings
    from core.fonts import font_set
    families = {role.family for role in font_set("gb2312").families()}
    assert font_findings(families, "gb2312") == []
    findings = font_findings(families - {"仿宋_GB2312"} | {"FangSong"}, "gb2312")
    assert [f.rule for f in findings] == ["font-missing"]
    assert "仿宋_GB2312" in findings[0].message and "“仿宋”" in findings[0].message
    assert findings[0].severity == "suggestion"
