"""Shared by the export tests: the sample report with the metadata a real export carries."""
from datetime import date
from pathlib import Path

from core.outline import BANNER_ALL, Block, Chapter, INTRO_KEY, ITEM2, ITEM3, Organ, Report

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "samples" / "jingmao-township-2024.txt"


def sample_report() -> Report:
    """The shared sample, imported, plus 签发人/主送/dates/版记 (the printed copy's text lacks them)."""
    if SAMPLE.exists():
        from core.importing import import_file
        report = import_file(SAMPLE).report
    else:
        report = hand_made_report()
    report.signer = "王建国"
    report.recipients = "中共××县委、××县人民政府"
    report.written_date = date(2025, 1, 22)
    report.cc = "县委依法治县办，县司法局"
    report.printing_organ = "中共景毛乡委员会办公室"
    report.printing_date = date(2025, 1, 22)
    return report


def hand_made_report() -> Report:
    text = "坚持以习近平新时代中国特色社会主义思想为指导，深入推进依法行政，全面建设法治政府。" * 6
    return Report(
        year=2024, title="中共景毛乡委员会 景毛乡人民政府 2024年法治政府建设年度报告",
        organs=[Organ("中共景毛乡委员会"), Organ("景毛乡人民政府")], doc_number="景发〔2025〕7号",
        chapters=[Chapter("导语", INTRO_KEY, [Block(text=text)])] + [
            Chapter(f"第{i}部分工作情况", None, [Block(ITEM2, "健全工作机制。", text), Block(text=text),
                                                Block(ITEM3, "", text)]) for i in range(1, 5)])


def joint_banner(report: Report) -> Report:
    report.banner_mode = BANNER_ALL
    return report
