"""Check findings a reviewer would not agree with on real text: no fix merges two phrases, each rule
cites a source that covers it, and notes about the PC are not findings of the report."""
import re

import pytest

from core.checks import RULES, apply_all_fixes, font_findings, run_checks
from core.outline import BODY, Block, Chapter
from tests.support.reports import OTHER, clean_report

PHRASES = ("加强组织领导", "提升治理水平")


def with_heading(text: str):
    report = clean_report()
    report.chapters.insert(OTHER, Chapter(text, None, [Block(BODY, "", "成立领导小组。")]))
    return report


@pytest.mark.parametrize("gap", [" ", "  ", "\u3000", "\t", " \u3000 "])
def test_no_fix_merges_two_phrases_a_space_separates(gap):
    fixed = apply_all_fixes(with_heading(PHRASES[0] + gap + PHRASES[1]))
    title = fixed.chapters[OTHER].title
    assert "".join(PHRASES) not in title
    assert title in (PHRASES[0] + gap + PHRASES[1], "，".join(PHRASES))


def test_rules_about_spaces_between_chinese_characters_do_not_cite_the_numbers_standard():
    report = with_heading("加强组织领导  提升治理水平")
    report.chapters[OTHER].blocks[0].text = "推进法治 政府建设。"
    spaces = [f for f in run_checks(report) if f.rule == "chinese-space"]
    assert len(spaces) == 2
    assert all("15835" not in f.message and "排版" in f.message for f in spaces)


def test_only_rules_about_numbers_cite_gbt_15835():
    assert {r.id for r in RULES.values() if "15835" in r.source} == {
        "stray-space", "date-zero-padding", "date-chinese-numerals"}


def test_font_notes_are_about_the_pc_and_not_findings_of_the_report():
    assert not any(f.rule == "font-missing" for f in run_checks(clean_report()))
    notes = font_findings(set(), "gb2312")
    assert notes and all(re.search("本机没有安装", n.message) for n in notes)
