"""Tabs and U+FFFC (a pasted picture's leftover) are found by the check and fixed by 修正."""
from core.checks import run_checks
from core.checks.engine import apply_all_fixes
from tests.support.reports import OTHER, clean_report


def test_tabs_and_object_characters_are_errors_with_a_fix():
    report = clean_report()
    report.chapters[OTHER].blocks[0].text = "\t开展普法宣传\t12场，见下图\ufffc。使用Word\tExcel统计。"
    findings = [f for f in run_checks(report) if f.rule == "invisible-chars"]
    assert len(findings) == 4 and all(f.is_error and f.fix is not None for f in findings)
    assert not [f for f in run_checks(report) if f.rule in ("not-gb2312", "stray-space")]
    fixed = apply_all_fixes(report)
    assert fixed.chapters[OTHER].blocks[0].text == "开展普法宣传12场，见下图。使用Word Excel统计。"
    assert not [f for f in run_checks(fixed) if f.rule == "invisible-chars"]
