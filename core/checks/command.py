"""`python main.py check REPORT [--json]`, font findings, and where a finding is, in words."""
from __future__ import annotations

import json

from core.checks.engine import run_checks
from core.checks.model import ERROR, Finding, message
from core.fonts import DEFAULT_FONT_SET, font_set, installed_font_families, missing_fonts
from core.outline import Report, chapter_numbers

FIELD_LABELS = {"title": "标题", "doc_number": "发文字号", "recipients": "主送机关", "cc": "抄送机关",
                "written_date": "成文日期", "printing_date": "印发日期"}
EXIT_ERRORS_REMAIN = 1


def font_findings(installed, font_set_name: str = DEFAULT_FONT_SET) -> list[Finding]:
    """One 建议 per family of the export's font set that this PC lacks, naming Word's substitute."""
    chosen = font_set(font_set_name)
    return [Finding("font-missing", message(
        "font-missing", f"本机没有安装“{family}”字体，导出的公文在本机用 Word/WPS 打开时将以“{substitute}”"
        "代替显示和打印；需要标准字形时，请安装该字体或在另一台电脑上打印。"))
        for family, substitute in missing_fonts(chosen, set(installed))]


def place_of(report: Report, finding: Finding) -> tuple[str, str]:
    """(part, paragraph) in words: ("二、推进……", "第3段"), ("报告信息", "发文字号"), ("全文", "")."""
    if finding.field is not None:
        return "报告信息", FIELD_LABELS.get(finding.field, finding.field)
    if finding.location is None:
        return "全文", ""
    index = finding.location.chapter_index
    chapter = report.chapters[index]
    part = chapter_numbers(report.chapters)[index] + chapter.title
    block = finding.location.block_index
    return part, "标题" if block is None else f"第{block + 1}段"


def finding_dict(report: Report, finding: Finding) -> dict:
    location = finding.location
    part, paragraph = place_of(report, finding)
    return {"rule": finding.rule, "severity": finding.severity, "severity_label": finding.severity_label,
            "message": finding.message, "field": finding.field, "part": part, "paragraph": paragraph,
            "chapter_index": location.chapter_index if location else None,
            "chapter_id": location.chapter_id if location else None,
            "block_index": location.block_index if location else None,
            "start": location.start if location else None, "end": location.end if location else None,
            "excerpt": finding.excerpt, "fixable": finding.fix is not None}


def check_command(archive, args) -> int:
    report_id = archive.find_report(args.report)
    report = archive.load_report(report_id)
    font_set_name = getattr(args, "font_set", None) or DEFAULT_FONT_SET
    findings = run_checks(report) + font_findings(installed_font_families(), font_set_name)
    errors = sum(1 for f in findings if f.severity == ERROR)
    if args.json:
        print(json.dumps({"report_id": report_id, "errors": errors, "suggestions": len(findings) - errors,
                          "findings": [finding_dict(report, f) for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(_line(report, finding))
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
