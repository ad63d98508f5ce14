"""`python main.py check`, and the findings a reviewer would agree with on the shared sample."""
from __future__ import annotations

import json

from core.checks import apply_all_fixes, place_of, run_checks
from core.importing import import_file
from main import main

from tests.support.reports import clean_report


def test_check_prints_one_line_per_finding_and_fails_while_errors_remain(archive, db_url, capsys):
    report = clean_report()
    report.chapters[OTHER_INDEX].blocks[0].text = "加强学习,提高能力。"
    archive.create_report(report)
    assert main(["check", "2024", "--db", db_url]) == 1
    lines = capsys.readouterr().out.splitlines()
    first = lines[0].split("\t")
    assert first[:4] == ["错误", "五、其他需要报告的情况", "第1段", "halfwidth-punct"]
    assert "GB/T 15834" in first[4] and "原文：" in first[4]
    assert lines[-1].startswith("检查完毕：错误 1 处")


def test_check_passes_when_only_suggestions_remain(archive, db_url, capsys):
    report = clean_report()
    report.signer = ""  # a suggestion; missing fonts on this PC are suggestions too
    archive.create_report(report)
    assert main(["check", "2024", "--db", db_url]) == 0
    assert "signer-missing" in capsys.readouterr().out


def test_check_json(archive, db_url, capsys):
    report = clean_report()
    report.doc_number = "景政发【2025】7号"
    report_id = archive.create_report(report)
    assert main(["check", str(report_id), "--json", "--db", db_url]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["report_id"], data["errors"]) == (report_id, 1)
    finding = data["findings"][0]
    assert (finding["rule"], finding["field"], finding["paragraph"], finding["fixable"]) == (
        "docnum-brackets", "doc_number", "发文字号", True)


def test_check_of_a_missing_report_says_so(db_url, capsys):
    assert main(["check", "2024", "--db", db_url]) == 1
    assert "没有2024年的报告" in capsys.readouterr().err


OTHER_INDEX = 5


def test_the_shared_sample_gets_the_findings_a_reviewer_would_give(sample_path):
    report = import_file(sample_path).report
    findings = run_checks(report)
    seen = {(f.rule, place_of(report, f)[0][:6]) for f in findings}
    assert seen == {
        ("causes-missing", "三、推进法治"),
        ("chapter-year-missing", "二、推进法治"),
        ("chapter-year-missing", "三、推进法治"),
        ("chapter-year-missing", "四、主要负责"),
        ("contents-missing", "全文"),
        ("date-missing", "报告信息"),
        ("halfwidth-punct", "导语"),
        ("heading-full-stop", "二、推进法治"),
    }
    assert sum(f.rule == "halfwidth-punct" for f in findings) == 2  # both “纲要(2021—2025年)”
    assert sum(f.rule == "heading-full-stop" for f in findings) == 5  # （一）…（五） stand alone
    errors = [f.rule for f in run_checks(apply_all_fixes(report)) if f.is_error]
    assert errors == ["contents-missing", "date-missing"]  # the clerk's call: 其他需要报告的情况, the date


def test_check_json_puts_notes_about_this_pc_apart_from_the_report_findings(archive, db_url, capsys):
    from core.fonts import DEFAULT_FONT_SET, installed_font_families, missing_fonts
    report_id = archive.create_report(clean_report())
    assert main(["check", str(report_id), "--json", "--db", db_url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["errors"], data["suggestions"], data["findings"]) == (0, 0, [])  # the clean report
    missing = missing_fonts(DEFAULT_FONT_SET, installed_font_families())
    assert [note["rule"] for note in data["pc_notes"]] == ["font-missing"] * len(missing)
    assert all(family in note["message"] for (family, _), note in zip(missing, data["pc_notes"]))
