"""Reports shared by the tests: the sample with the metadata a real export carries, a hand-made one,
and a clean report that passes every check rule (the check tests spoil it one way at a time)."""
from datetime import date

from tests.support import SAMPLE
from core.outline import BANNER_ALL, BODY, Block, Chapter, INTRO_KEY, ITEM2, ITEM3, Organ, Report



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


def clean_report() -> Report:
    chapters = [
        Chapter("导语", "intro", [Block(BODY, "", "2024年，我乡坚持依法行政。现将有关情况报告如下：")]),
        Chapter("2024年度推进法治政府建设的主要举措和成效", "measures",
                [Block(ITEM2, "健全工作机制", ""), Block(BODY, "", "成立领导小组，明确职责分工。")]),
        Chapter("2024年度推进法治政府建设存在的不足和原因", "shortcomings",
                [Block(BODY, "", "执法力量不足，主要原因是人员编制少。")]),
        Chapter("2024年度党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsibility",
                [Block(BODY, "", "主要负责人带头学法，主持召开专题会议4次。")]),
        Chapter("2025年度推进法治政府建设的主要安排", "plans", [Block(BODY, "", "加强执法队伍建设。")]),
        Chapter("其他需要报告的情况", "other", [Block(BODY, "", "无。")]),
    ]
    return Report(year=2024, title="景毛乡人民政府关于2024年度法治政府建设情况的报告",
                  organs=[Organ("景毛乡人民政府")], signer="王建国",
                  doc_number="景政发〔2025〕7号", recipients="县委依法治县办", written_date=date(2025, 1, 22),
                  cc="县司法局。", printing_organ="景毛乡党政办公室", printing_date=date(2025, 1, 23),
                  chapters=chapters)


OTHER = 5  # index of 其他需要报告的情况 in clean_report()
