"""Titles broken by words into 2–3 lines of 梯形 or 菱形 shape (GB/T 9704-2012 7.3.1)."""
import pytest

from core.pages.geometry import TEXT_W
from core.pages.title import TITLE_SIZE, break_title, protected_spans
from core.pages.metrics import text_width

JOINT = ("中共景毛乡委员会", "景毛乡人民政府")
TITLES = [
    ("中共景毛乡委员会 景毛乡人民政府关于2024年度法治政府建设情况和2025年度法治政府建设工作安排的报告", JOINT),
    ("中共景毛乡委员会 景毛乡人民政府关于2024年法治政府建设情况的报告", JOINT),
    ("中共景毛乡委员会景毛乡人民政府关于2024年度法治政府建设情况的报告", JOINT),
    ("中共景毛乡委员会 景毛乡人民政府 2024年法治政府建设年度报告", JOINT),
    ("景毛乡人民政府关于2024年度法治政府建设情况的报告", ("景毛乡人民政府",)),
    ("景毛乡人民政府关于2024年度推进法治政府建设工作情况的报告", ("景毛乡人民政府",)),
    ("景毛乡人民政府2024年法治政府建设年度报告", ("景毛乡人民政府",)),
    ("景毛乡人民政府关于2024年度法治政府建设情况和2025年度工作安排的报告", ("景毛乡人民政府",)),
    ("中共老军乡委员会 老军乡人民政府关于2025年法治政府建设情况的报告", ()),
    ("重庆市武隆区庙垭乡人民政府关于2025年度法治政府建设情况的报告", ()),
    ("丰都县栗子乡人民政府2025年法治政府建设情况报告", ()),
    ("松阳县竹源乡人民政府2025年法治政府建设年度报告", ()),
    ("王河镇人民政府关于2025年法治政府建设的报告", ()),
    ("小龙门乡人民政府关于2024年度法治政府建设情况的报告", ()),
    ("鲍沟镇人民政府关于2025年度法治政府建设情况的报告", ()),
    ("某某县某某乡人民政府关于二〇二四年度推进法治政府建设工作情况和二〇二五年工作安排的报告", ()),
    ("景毛乡人民政府关于贯彻落实《法治政府建设实施纲要（2021—2025年）》推进依法行政工作情况的报告", ()),
    ("中共景毛乡委员会 景毛乡人民政府关于落实2021—2025年法治政府建设规划情况的报告", JOINT),
    ("景毛乡人民政府关于2024年度党政主要负责人履行推进法治建设第一责任人职责情况的报告", ()),
    ("三都镇2025年法治政府建设年度报告", ()),
    ("中共景毛乡委员会 景毛乡人民政府 景毛乡人大主席团关于2024年度法治建设情况的报告", ()),
    ("景毛乡人民政府关于2024—2025年度法治政府建设工作情况的报告", ()),
]


def _breaks(lines):
    at, positions = 0, []
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
    return positions


@pytest.mark.parametrize("title, organs", TITLES)
def test_titles_break_between_words_in_a_trapezoid_or_diamond(title, organs):
    lines = break_title(title, organs)
    assert 1 <= len(lines) <= 3
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(text_width(line, TITLE_SIZE) <= TEXT_W for line in lines)
    squeezed = title.replace(" ", "")
    for start, end, kind in protected_spans(squeezed, organs):
        for cut in _breaks([line.replace(" ", "") for line in lines]):
            assert not start < cut < end, (kind, squeezed[start:end], lines)
    widths = [text_width(line, TITLE_SIZE) for line in lines]
    if len(widths) == 3:
        assert not (widths[1] < widths[0] and widths[1] < widths[2]), lines  # no hourglass
    assert not any(line.endswith("关于") or line.endswith("的") for line in lines[:-1])


def test_organ_names_years_and_words_are_never_split():
    lines = break_title(TITLES[0][0], JOINT)
    assert lines == ["中共景毛乡委员会 景毛乡人民政府", "关于2024年度法治政府建设情况和",
                     "2025年度法治政府建设工作安排的报告"]
    assert break_title("重庆市武隆区庙垭乡人民政府关于2025年度法治政府建设情况的报告") == [
        "重庆市武隆区庙垭乡人民政府", "关于2025年度法治政府建设情况的报告"]


def test_a_year_range_stays_whole():
    spans = protected_spans("关于落实2021—2025年法治政府建设规划", ())
    assert ("2021—2025年", "year") in [("关于落实2021—2025年法治政府建设规划"[a:b], k) for a, b, k in spans]
