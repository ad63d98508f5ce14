"""Checks on figures and years: text against the 数据 table, rates above 100 %, part years, plan periods."""
from decimal import Decimal

import pytest

from core.checks import apply_all_fixes, apply_fix, run_checks, target_text
from core.figure_text import mentions, proposed_figures
from core.figures import Figure
from core.outline import BODY, ITEM2, Block
from tests.support.reports import clean_report

MEASURES, FIRST, PLANS = 1, 3, 4


def report_with(text: str, chapter: int = MEASURES, level: int = BODY, heading: str = "", **values):
    report = clean_report()
    report.chapters[chapter].blocks.append(Block(level, heading, text))
    report.figures = [Figure(key, "", "%" if key.endswith("rate") else "件", Decimal(str(v)))
                      for key, v in values.items()]
    return report


def findings(report, rule):
    return [f for f in run_checks(report) if f.rule == rule]


def test_the_clean_report_has_no_figure_findings():
    rules = {"figure-mismatch", "rate-over-100", "part-year", "plan-period"}
    assert not [f for f in run_checks(clean_report()) if f.rule in rules]


def test_mentions_find_phrase_number_and_unit():
    text = ("全年审查合同959份，出具法律意见书124份，行政机关负责人出庭应诉率达100%，罚款3.5万元，"
            "调解矛盾纠纷56件，调解成功54件。")
    found = {m.key: m.value for m in mentions(text, 2024)}
    assert found == {"contracts_reviewed": 959, "legal_opinions": 124, "head_appearance_rate": 100,
                     "fines": 35000, "disputes_mediated": 56, "disputes_resolved": 54}


def test_last_years_number_is_not_this_years_figure():
    assert mentions("较上年审查合同950份增加9份。", 2024) == []
    assert mentions("2023年审查合同950份。", 2024) == []
    assert [m.value for m in mentions("2024年审查合同959份。", 2024)] == [959]


def test_a_number_that_contradicts_the_table_is_an_error():
    report = report_with("全年审查合同959份，行政机关负责人出庭应诉率100%。", contracts_reviewed=959,
                         head_appearance_rate=95)
    [finding] = findings(report, "figure-mismatch")
    assert finding.is_error and finding.fix is None
    assert "出庭应诉率100%" in finding.excerpt and "95%" in finding.message and "依据" in finding.message
    assert not findings(report_with("审查合同959份。", contracts_reviewed=959), "figure-mismatch")


def test_an_empty_table_or_the_plans_part_are_not_compared():
    assert not findings(report_with("审查合同959份。"), "figure-mismatch")
    assert not findings(report_with("力争出庭应诉率达到100%。", PLANS, head_appearance_rate=95), "figure-mismatch")


def test_a_rate_above_100_is_an_error():
    [finding] = findings(report_with("规范性文件备案率达105%。"), "rate-over-100")
    assert finding.is_error and "105%" in finding.message


@pytest.mark.parametrize("chapter, heading, expected", [
    (MEASURES, "2023年完成合法性审查全覆盖。", "2024年完成合法性审查全覆盖。"),
    (PLANS, "2024年推进执法规范化。", "2025年推进执法规范化。")])
def test_an_item_heading_naming_another_year_is_a_suggestion_with_a_fix(chapter, heading, expected):
    report = report_with("", chapter, ITEM2, heading)
    [finding] = findings(report, "part-year")
    assert not finding.is_error
    assert target_text(apply_fix(report, finding), finding.fix.target) == expected


def test_the_plans_part_may_name_the_next_year():
    assert not findings(report_with("", PLANS, ITEM2, "2025年推进执法规范化。"), "part-year")
    assert findings(report_with("2023年以来，我乡坚持依法决策。", FIRST), "part-year")[0].fix is None


def test_a_plan_cited_with_the_wrong_period_is_an_error_with_a_fix():
    report = report_with("贯彻落实《法治政府建设实施纲要（2022—2025年）》。")
    [finding] = findings(report, "plan-period")
    assert finding.is_error and "2021—2025年" in finding.message
    fixed = apply_all_fixes(report)
    assert fixed.chapters[MEASURES].blocks[-1].text == "贯彻落实《法治政府建设实施纲要（2021—2025年）》。"
    assert not findings(report_with("按《法治政府建设实施纲要（2015—2020年）》要求。"), "plan-period")


def test_an_earlier_years_text_proposes_its_figures():
    report = report_with("全年审查合同880份，较上年审查合同增加20份；出具法律意见书101份。")
    report.chapters[PLANS].blocks.append(Block(BODY, "", "力争审查合同1000份。"))
    proposals = proposed_figures(report)
    assert [(p.figure.key, p.figure.value) for p in proposals] == [("contracts_reviewed", 880),
                                                                    ("legal_opinions", 101)]
    assert proposals[0].excerpt.endswith("审查合同880份")


def test_a_number_under_another_heading_is_not_taken_for_a_figure():
    found = mentions("行政复议立案3件，全年立案查处违法案件56件。", 2025)
    assert [(m.key, m.value) for m in found] == [("enforcement_cases", 56)]
