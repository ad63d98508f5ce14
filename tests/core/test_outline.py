"""Numbers are generated from position; Chinese numerals and heading splits behave as in print."""
import pytest

from core.outline import (Block, Chapter, INTRO_KEY, ITEM2, ITEM3, ITEM4, chapter_numbers,
                          chinese_numeral, parse_chinese_numeral, report_from_dict, report_to_dict,
                          Report, Organ, split_heading, count_chars)


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"),
                                     (21, "二十一"), (99, "九十九")])
def test_chinese_numerals_round_trip(n, text):
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


def test_parse_rejects_non_numerals():
    assert parse_chinese_numeral("一是") is None
    assert parse_chinese_numeral("") is None


def test_block_numbers_restart_under_each_higher_level():
    from core.outline import block_numbers
    blocks = [Block(ITEM2), Block(0), Block(ITEM3), Block(ITEM4), Block(ITEM4), Block(ITEM3),
              Block(ITEM2), Block(ITEM3)]
    assert block_numbers(blocks) == ["（一）", "", "1.", "（1）", "（2）", "2.", "（二）", "1."]


def test_reordering_never_leaves_duplicate_numbers():
    from core.outline import block_numbers
    blocks = [Block(ITEM2, "甲。"), Block(ITEM2, "乙。"), Block(ITEM2, "丙。")]
    blocks.insert(0, blocks.pop(2))
    assert block_numbers(blocks) == ["（一）", "（二）", "（三）"]


def test_intro_is_not_numbered():
    chapters = [Chapter("导语", INTRO_KEY), Chapter("甲"), Chapter("乙")]
    assert chapter_numbers(chapters) == ["", "一、", "二、"]


def test_split_heading_keeps_run_in_text():
    assert split_heading("优化组织架构。调整充实领导机构。") == ("优化组织架构。", "调整充实领导机构。")
    assert split_heading("健全工作组织") == ("健全工作组织", "")


def test_count_chars_ignores_whitespace():
    assert count_chars("法治 政府\n建设") == 6


def test_snapshot_serialisation_round_trips():
    report = Report(year=2024, title="标题", organs=[Organ("甲乡人民政府", "甲政")],
                    chapters=[Chapter("导语", INTRO_KEY, [Block(0, "", "正文")]),
                              Chapter("举措", "measures", [Block(ITEM2, "一句。", "再说。")])])
    again = report_from_dict(report_to_dict(report, with_numbers=False))
    assert again.chapters == report.chapters
    assert again.organs == report.organs


def test_the_printed_text_projection_numbers_titles_and_paragraphs():
    from core.outline import numbered_paragraphs, numbered_titles, report_text
    report = Report(2024, title="关于2024年度法治政府建设情况的报告", recipients="县委依法治县办：",
                    chapters=[Chapter("导语", INTRO_KEY, [Block(text="现将有关情况报告如下：")]),
                              Chapter("主要举措和成效", "measures",
                                      [Block(ITEM2, "加强组织领导", "，健全机制。"), Block(ITEM3, "学法。", "")])])
    assert numbered_titles(report.chapters) == ["导语", "一、主要举措和成效"]
    assert numbered_paragraphs(report.chapters[1].blocks) == ["（一）加强组织领导，健全机制。", "1.学法。"]
    assert report_text(report).splitlines() == [
        "关于2024年度法治政府建设情况的报告", "县委依法治县办：", "现将有关情况报告如下：", "一、主要举措和成效",
        "（一）加强组织领导，健全机制。", "1.学法。"]


def test_every_template_chapter_has_a_tab_label():
    from core.template import template_chapters
    assert all(c.tab_label and len(c.tab_label) <= 9 for c in template_chapters())
