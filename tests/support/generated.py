"""Reports of many shapes for proving the page model against a renderer: every remainder of lines on
the last page, each heading level near a page end, 1–12 pages, long titles, joint organs, sealed and
unsealed. Deterministic: the same cases every run."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.figures import Figure, FigureComparison, standard_indicators
from core.outline import BANNER_ALL, BODY, Block, Chapter, INTRO_KEY, ITEM2, ITEM3, ITEM4, Organ, Report
from tests.support.reports import sample_report

VARIANTS = ("red", "plain", "web")
LONG_TITLE = ("中共景毛乡委员会 景毛乡人民政府关于2024年度法治政府建设情况和2025年度法治政府建设工作安排的报告")
SHORT_TITLE = "景毛乡人民政府关于2024年度法治政府建设情况的报告"
# Sentences with what body text holds: digits with 年/月/%, a year range, quotes, book titles, Latin.
SENTENCES = (
    "2024年，我乡坚持以习近平新时代中国特色社会主义思想为指导，深入推进依法行政。",
    "全年召开党委会议研究法治工作12次，审查合同59份，出具法律意见书24份，合法性审查率100%。",
    "认真贯彻《法治政府建设实施纲要（2021—2025年）》，把法治建设纳入年度目标考核。",
    "组织“法律明白人”培训3期，开展“八五”普法宣传活动26场次，发放资料1500余份。",
    "推行行政执法“三项制度”，执法全过程记录，办理行政处罚案件7件，无一败诉。",
    "依托APP和微信公众号公开政务信息86条，回应群众关切。",
    "矛盾纠纷排查化解率达到98.5%，信访总量同比下降15%；",
)


@dataclass
class Case:
    name: str
    report: Report
    variant: str
    figures_table: list | None = None  # the 附件 「主要数据对照表」 (core.figures.FigureComparison)


def text_of(length: int, seed: int = 0) -> str:
    """About `length` characters of body text cut at a sentence end."""
    out, i = "", seed
    while len(out) < length:
        out += SENTENCES[i % len(SENTENCES)]
        i += 3
    cut = out[:length]
    return cut if cut.endswith(("。", "；")) else cut.rstrip("，、；：") + "。"


def base(joint: bool = False, title: str = SHORT_TITLE) -> Report:
    organs = [Organ("中共景毛乡委员会"), Organ("景毛乡人民政府")] if joint else [Organ("景毛乡人民政府")]
    return Report(
        year=2024, title=title, organs=organs, banner_mode=BANNER_ALL if joint else "lead",
        doc_number="景政发〔2025〕7号", signer="王建国", recipients="中共××县委、××县人民政府",
        written_date=date(2025, 1, 22), cc="县委依法治县办，县司法局", printing_organ="景毛乡党政办公室",
        printing_date=date(2025, 1, 23), note="", chapters=[])


def chapters(total_chars: int, seed: int = 0) -> list[Chapter]:
    """A body of about total_chars characters in the five parts, with headings of every level."""
    intro = Chapter("导语", INTRO_KEY, [Block(BODY, "", text_of(120, seed))])
    parts = [intro]
    left, n = total_chars, 0
    while left > 0:
        n += 1
        blocks = [Block(ITEM2, "健全工作机制，压实工作责任。", ""), Block(BODY, "", text_of(min(left, 260), seed + n)),
                  Block(ITEM3, "加强学习培训。", text_of(min(left, 140), seed + 2 * n)),
                  Block(ITEM4, "规范执法行为。", "")]
        blocks.append(Block(BODY, "", text_of(max(20, min(left, 200)), seed + 3 * n)))
        parts.append(Chapter(f"推进法治政府建设的第{n}项主要举措", None, blocks))
        left -= 820
    return parts


def with_tail(report: Report, tail_chars: int, seed: int = 0) -> Report:
    report.chapters.append(Chapter("其他需要报告的情况", "other", [Block(BODY, "", text_of(tail_chars, seed))]))
    return report


def remainder_cases() -> list[Case]:
    """The last paragraph grows by about one line at a time: every fill of the last page."""
    cases = []
    for step in range(44):
        joint = (step // 3) % 2 == 1
        report = base(joint, LONG_TITLE if step % 5 == 0 else SHORT_TITLE)
        report.chapters = chapters(700, seed=step % 3)
        with_tail(report, 8 + step * 27, seed=step)
        cases.append(Case(f"remainder-{step:02d}", report, VARIANTS[step % 3]))
    return cases


def heading_cases() -> list[Case]:
    """A standalone heading of each level on the last lines of page 2."""
    cases = []
    for level in (1, 2, 3, 4):
        for offset in range(6):
            report = base()
            filler = [Block(BODY, "", text_of(300 + 27 * offset, offset + k)) for k in range(4)]
            heading = {1: None, 2: Block(ITEM2, "强化组织领导", ""), 3: Block(ITEM3, "完善制度建设", ""),
                       4: Block(ITEM4, "落实审查机制", "")}[level]
            after = [Block(BODY, "", text_of(150, level))]
            first = Chapter("主要举措和成效", None, filler if level == 1 else filler + [heading] + after)
            report.chapters = [Chapter("导语", INTRO_KEY, [Block(BODY, "", text_of(260, 1))]), first]
            if level == 1:
                report.chapters.append(Chapter("存在的不足和原因", None, after))
            with_tail(report, 60, offset)
            cases.append(Case(f"heading{level}-{offset}", report, VARIANTS[(level + offset) % 3]))
    return cases


def long_cases() -> list[Case]:
    """Reports of up to 12 pages, joint and single, each variant."""
    cases = []
    for pages in range(1, 14):
        report = base(joint=pages % 2 == 0, title=LONG_TITLE if pages % 3 == 0 else SHORT_TITLE)
        report.chapters = chapters(pages * 620 - 900, seed=pages) if pages > 2 else []
        with_tail(report, 40 + 13 * pages, pages)
        if pages % 4 == 1:
            report.note = "此件公开发布"
        variant = "web" if pages % 2 else ("red" if pages % 4 == 0 else "plain")
        cases.append(Case(f"pages-{pages:02d}", report, variant))
    return cases


def sample_cases() -> list[Case]:
    cases = []
    for variant in VARIANTS:
        cases.append(Case(f"sample-{variant}", sample_report(), variant))
        joint = sample_report()
        joint.banner_mode = BANNER_ALL
        cases.append(Case(f"sample-joint-{variant}", joint, variant))
    return cases


def figures_table(count: int) -> list[FigureComparison]:
    """The standard figures, the first `count` with a value (every third without last year's)."""
    table = []
    for n, standard in enumerate(standard_indicators()):
        value = Decimal(10 + 7 * n) if n < count else None
        previous = Decimal(8 + 5 * n) if n < count and n % 3 else None
        table.append(FigureComparison(Figure(standard.key, standard.label, standard.unit, value), previous))
    return table


LONG_LABEL = "全乡网格员和人民调解员法律知识培训覆盖人数"


def attachment_cases() -> list[Case]:
    """With the 附件: a short table, one longer than a page, each variant."""
    cases = []
    for n, (variant, count, length) in enumerate((("red", 5, 600), ("plain", 21, 2500), ("web", 12, 1300),
                                                    ("red", 21, 4200))):
        report = base(joint=n % 2 == 1)
        report.chapters = chapters(length, seed=n)
        table = figures_table(count)
        if n == 3:  # a user's own figure whose label wraps in its cell
            table.append(FigureComparison(Figure("custom_1", LONG_LABEL, "人", Decimal(1234)), Decimal(1200)))
        cases.append(Case(f"attachment-{n}-{variant}", report, variant, table))
    return cases


def all_cases() -> list[Case]:
    return sample_cases() + remainder_cases() + heading_cases() + long_cases() + attachment_cases()


def copy_report(report: Report) -> Report:
    return copy.deepcopy(report)
