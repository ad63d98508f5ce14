"""Rules for the elements a printed 公文 cannot do without (GB/T 9704-2012 7.2–7.4): what the export
would otherwise print blank or half (no 成文日期, no 发文机关, 印发机关 without 印发日期)."""
from __future__ import annotations

from core.checks.model import Target
from core.checks.text_rules import Hit
from core.outline import Report


def written_date(report: Report):
    if report.written_date is None:
        yield Target(field="written_date"), Hit(
            "date-missing", 0, 0, "还没有填写成文日期（如“2025年1月22日”）：公文必须有成文日期，"
            "导出的公文落款将没有日期。")


def issuing_organ(report: Report):
    if not any(name.strip() for name in report.organ_names):
        yield Target(field="organs"), Hit(
            "organ-missing", 0, 0, "还没有填写发文机关：红头文件将没有发文机关标志，落款将没有署名。"
            "请在“基本信息”中填写发文机关全称。")


def printing(report: Report):
    """印发机关 and 印发日期 are printed together on the 版记's last line (7.4.3)."""
    if report.printing_organ.strip() and report.printing_date is None:
        yield Target(field="printing_date"), Hit(
            "printing-incomplete", 0, 0, "填写了印发机关，还没有填写印发日期：版记的印发栏将缺少日期。")
    if report.printing_date is not None and not report.printing_organ.strip():
        yield Target(field="printing_organ"), Hit(
            "printing-incomplete", 0, 0, "填写了印发日期，还没有填写印发机关（如“××乡党政办公室”）。")


def signer(report: Report):
    """A 上行文 (it has a 主送 above it) names its 签发人 beside the 发文字号 (7.2.6)."""
    if report.recipients.strip() and not report.signer.strip():
        yield Target(field="signer"), Hit(
            "signer-missing", 0, 0, "报告是上行文（有主送机关），一般应在发文字号右侧标注签发人姓名。")


EXPORT_RULES = (written_date, issuing_organ, printing, signer)
