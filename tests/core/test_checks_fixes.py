"""Fixes change only their span, never the input report, and applying them twice changes nothing more."""
from __future__ import annotations

import copy

from core.checks import Target, apply_all_fixes, apply_fix, run_checks, target_text
from core.outline import BODY, ITEM2, ITEM3, Block, Chapter, report_to_dict

from tests.support.reports import OTHER, clean_report


def dirty_report():
    report = clean_report()
    report.title = "景毛乡人民政府关于2024年度法治政府建设情况的报告。"
    report.doc_number = "景政发【2025】第007号"
    report.recipients = "县委,县政府:"
    report.cc = "县司法局、"
    report.chapters.insert(1, Chapter("一、指导思想", None, [Block(BODY, "", '坚持"依法治乡"。')]))
    report.chapters[OTHER + 1].blocks = [
        Block(BODY, "", "（二）加强学习,提高能力。于2025年03月05日召开会议,落实纲要(2021-2025年)。。"),
        Block(ITEM2, "健全制度。", ""),
        Block(BODY, "", "2024 年完成清理，法治 政府建设持续推进!"),
        Block(ITEM3, "1.强化监督。", '开展"法律进村"活动,效果好。'),
    ]
    return report


def texts(report) -> dict:
    """Every piece of text in the report, with each paragraph's level."""
    found = {Target(field=f): target_text(report, Target(field=f))
             for f in ("title", "doc_number", "recipients", "cc")}
    for ci, chapter in enumerate(report.chapters):
        found[Target(chapter_index=ci)] = chapter.title
        for bi, block in enumerate(chapter.blocks):
            found[Target(chapter_index=ci, block_index=bi)] = (block.level, block.plain)
    return found


def test_each_fix_changes_only_its_span():
    report = dirty_report()
    fixable = [f for f in run_checks(report) if f.fix]
    assert len(fixable) >= 15
    for finding in fixable:
        fix = finding.fix
        before, after = texts(report), texts(apply_fix(report, finding))
        changed = {k for k in before if before[k] != after[k]}
        assert changed == {fix.target}, finding.message
        expected = fix.text[:fix.start] + fix.replacement + fix.text[fix.end:]
        new = after[fix.target]
        assert (new[1] if isinstance(new, tuple) else new) == expected


def test_a_fix_applied_twice_is_applied_once():
    report = dirty_report()
    for finding in (f for f in run_checks(report) if f.fix):
        once = apply_fix(report, finding)
        assert report_to_dict(apply_fix(once, finding)) == report_to_dict(once)


def test_fixes_never_touch_the_report_passed_in():
    report = dirty_report()
    original = copy.deepcopy(report)
    apply_all_fixes(report)
    for finding in run_checks(report):
        apply_fix(report, finding)
    assert report == original


def test_fix_all_leaves_only_what_needs_a_person_and_is_idempotent():
    fixed = apply_all_fixes(dirty_report())
    assert [f for f in run_checks(fixed) if f.fix] == []
    assert report_to_dict(apply_all_fixes(fixed)) == report_to_dict(fixed)
    assert fixed.doc_number == "景政发〔2025〕7号"
    assert fixed.recipients == "县委，县政府：" and fixed.cc == "县司法局"
    assert fixed.title == clean_report().title
    assert fixed.chapters[1].title == "指导思想"
    assert fixed.chapters[1].blocks[0].plain == "坚持“依法治乡”。"
    blocks = fixed.chapters[OTHER + 1].blocks
    assert (blocks[0].level, blocks[0].heading, blocks[0].text) == (
        ITEM2, "加强学习，提高能力。", "于2025年3月5日召开会议，落实纲要（2021—2025年）。")
    # a single space between two characters may separate phrases: the clerk decides, no fix deletes it
    assert (blocks[1].heading, blocks[2].plain) == ("健全制度", "2024年完成清理，法治 政府建设持续推进！")
    assert (blocks[3].heading, blocks[3].text) == ("强化监督。", "开展“法律进村”活动，效果好。")


def test_a_stale_finding_changes_nothing():
    report = dirty_report()
    finding = next(f for f in run_checks(report) if f.fix and f.location)
    report.chapters[finding.location.chapter_index].blocks = []
    report.chapters[finding.location.chapter_index].title += "（改）"
    assert apply_fix(report, finding) == report
