"""`python main.py check REPORT [--json] [--fonts …]`: one line per finding; exit 1 while errors remain.

Notes about this PC (fonts it lacks) are not findings of the report: they are listed apart, after
the report's findings, and as `pc_notes` in --json."""
from __future__ import annotations

import json

from core.checks import ERROR, Finding, finding_dict, font_findings, place_of, run_checks
from core.fonts import DEFAULT_FONT_SET, installed_font_families
from core.outline import Report

EXIT_ERRORS_REMAIN = 1


def check_command(archive, args) -> int:
    report_id = archive.find_report(args.report)
    report = archive.load_report(report_id)
    font_set_name = getattr(args, "font_set", None) or DEFAULT_FONT_SET
    findings = run_checks(report)
    pc_notes = font_findings(installed_font_families(), font_set_name)
    errors = sum(1 for f in findings if f.severity == ERROR)
    if args.json:
        print(json.dumps({"report_id": report_id, "errors": errors, "suggestions": len(findings) - errors,
                          "findings": [finding_dict(report, f) for f in findings],
                          "pc_notes": [{"rule": n.rule, "message": n.message} for n in pc_notes]},
                         ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(_line(report, finding))
        for note in pc_notes:
            print(f"本机提示\t—\t—\t{note.rule}\t{note.message}")
        print(_summary(findings, errors))
    return EXIT_ERRORS_REMAIN if errors else 0


def _line(report: Report, finding: Finding) -> str:
    part, paragraph = place_of(report, finding)
    text = finding.message + (f" 原文：{finding.excerpt}" if finding.excerpt else "")
    return "\t".join((finding.severity_label, part, paragraph or "—", finding.rule, text))


def _summary(findings: list[Finding], errors: int) -> str:
    if not findings:
        return "检查完毕，未发现问题。"
    fixable = sum(1 for f in findings if f.fix is not None)
    return (f"检查完毕：错误 {errors} 处，建议 {len(findings) - errors} 处；其中 {fixable} 处可在窗口的"
            "“检查”面板中一键修正。")
