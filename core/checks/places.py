"""Font findings, and where a finding is, in words (for the check panel and the CLI)."""
from __future__ import annotations

from core.checks.model import Finding, message
from core.fonts import DEFAULT_FONT_SET, font_set, missing_fonts
from core.outline import FIELD_LABELS, Report, numbered_titles


def font_findings(installed, font_set_name: str = DEFAULT_FONT_SET) -> list[Finding]:
    """One 建议 per family of the export's font set that this PC lacks, naming Word's substitute."""
    chosen = font_set(font_set_name)
    return [Finding("font-missing", message(
        "font-missing", f"本机没有安装“{family}”字体，导出的公文在本机用 Word/WPS 打开时将以“{substitute}”"
        "代替显示和打印；需要标准字形时，请安装该字体或在另一台电脑上打印。"))
        for family, substitute in missing_fonts(chosen, set(installed))]


def missing_fonts_summary(installed, font_set_name: str = DEFAULT_FONT_SET) -> str:
    """The font notes in one sentence, for a header that is shown once (they are about the PC)."""
    missing = missing_fonts(font_set(font_set_name), set(installed))
    if not missing:
        return ""
    names = "".join(f"“{family}”" for family, _ in missing)
    return (f"本机没有安装{names}字体：导出的公文在本机用 Word/WPS 打开时将以其他字体代替显示和打印，"
            "在装有这些字体的电脑上打印不受影响。")


def place_of(report: Report, finding: Finding) -> tuple[str, str]:
    """(part, paragraph) in words: ("二、推进……", "第3段"), ("报告信息", "发文字号"), ("全文", "")."""
    if finding.field is not None:
        return "报告信息", FIELD_LABELS.get(finding.field, finding.field)
    if finding.location is None:
        return "全文", ""
    index = finding.location.chapter_index
    part = numbered_titles(report.chapters)[index]
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


def describe_errors(report: Report, findings: list[Finding], limit: int = 5) -> str:
    """The 错误 left in a report, one line each with its place, for the export's warning; "" if none."""
    errors = [f for f in findings if f.is_error]
    if not errors:
        return ""
    lines = [f"检查发现 {len(errors)} 处错误，导出的公文可能不合格式要求："]
    for finding in errors[:limit]:
        part, paragraph = place_of(report, finding)
        where = "·".join(x for x in (part, paragraph) if x)
        lines.append(f"  · {where}：{finding.message}")
    if len(errors) > limit:
        lines.append(f"  …… 另有 {len(errors) - limit} 处，请运行“检查”查看全部。")
    return "\n".join(lines)
