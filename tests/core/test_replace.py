"""查找和替换 and 年份更新 on reports, stored and read back through a real archive."""
import re

from core.outline import Block, Chapter, Organ, Report
from core.replace import (Options, apply_year_updates, find_matches, replace_all, replace_matches,
                          year_mentions)

TEXT = ("2025年学习《法治政府建设实施纲要（2021—2025年）》，按景发〔2024〕3号要求，制定2025—2027年规划；"
        "2019年以来累计投入20250元，2024年度考核优秀。")


def make_report() -> Report:
    return Report(year=2026, title="景毛乡关于2025年度法治政府建设情况的报告", doc_number="景发〔2025〕7号",
                  organs=[Organ("景毛乡人民政府", "景政")], recipients="XX县人民政府",
                  chapters=[Chapter("导语", "intro", [Block(0, "", "2025年，景毛乡坚持依法行政。")]),
                            Chapter("一、2025年推进法治政府建设的主要举措", "measures",
                                    [Block(2, "加强学习。", TEXT), Block(0, "", "Word 与 word")])])


def test_replace_all_covers_title_fields_and_chapters_and_keeps_the_original():
    report = make_report()
    changed, count = replace_all(report, "2025", "2026")
    assert count == 7
    assert changed.title == "景毛乡关于2026年度法治政府建设情况的报告"
    assert changed.doc_number == "景发〔2026〕7号"
    assert changed.chapters[1].title == "一、2026年推进法治政府建设的主要举措"
    assert "20250元" in changed.chapters[1].blocks[0].text  # whole number: not inside 20250
    assert report.title == "景毛乡关于2025年度法治政府建设情况的报告"  # the input is untouched


def test_whole_number_off_matches_inside_longer_numbers():
    changed, count = replace_all(make_report(), "2025", "X", Options(whole_number=False), chapter=1)
    assert count == 5
    assert "X0元" in changed.chapters[1].blocks[0].text


def test_one_chapter_only_and_match_case():
    report = make_report()
    changed, count = replace_all(report, "景毛乡", "景乡", chapter=0)
    assert count == 1 and changed.title == report.title
    assert replace_all(report, "word", "文字", Options(match_case=True))[1] == 1
    assert replace_all(report, "word", "文字")[1] == 2


def test_replacing_some_matches_only_changes_those():
    report = make_report()
    matches = find_matches(report, "2025")
    changed = replace_matches(report, matches[1:2], "二〇二五")
    assert changed.title == "景毛乡关于二〇二五年度法治政府建设情况的报告"
    assert changed.doc_number == report.doc_number


def test_year_mentions_propose_the_next_year_and_tick_only_safe_ones():
    mentions = year_mentions(make_report(), 2025, 2026)
    in_text = {(m.old, m.match.start): m for m in mentions if m.match.slot.part == "text"}

    def at(old, occurrence=0):
        return in_text[(old, [m.start() for m in re.finditer(old, TEXT)][occurrence])]

    assert not [m for m in mentions if m.match.slot.part == "doc_number"][0].safe  # 发文字号 field
    assert at("2025").new == "2026" and at("2025").safe
    assert at("2021—2025").new == "2022—2026" and "《》" in at("2021—2025").reason  # a title in 《…》
    assert "文号" in at("2024", 0).reason  # 景发〔2024〕3号
    assert at("2025—2027").new == "2026—2028" and at("2025—2027").safe
    assert not at("2019").safe  # far from the report year
    assert at("2024", 1).safe and at("2024", 1).context.endswith("考核优秀。")
    assert all("20250" not in m.old for m in mentions)  # an amount is not a year


def test_applying_ticked_year_updates_through_the_archive(archive):
    report_id = archive.create_report(make_report())
    stored = archive.load_report(report_id)
    mentions = [m for m in year_mentions(stored, 2025, 2026) if m.safe]
    snapshot_id = archive.replace_content(report_id, apply_year_updates(stored, mentions), "年份更新之前")
    updated = archive.load_report(report_id)
    assert updated.title == "景毛乡关于2026年度法治政府建设情况的报告"
    assert updated.doc_number == "景发〔2025〕7号"
    assert updated.chapters[1].blocks[0].text == (
        "2026年学习《法治政府建设实施纲要（2021—2025年）》，按景发〔2024〕3号要求，制定2026—2028年规划；"
        "2019年以来累计投入20250元，2025年度考核优秀。")
    assert archive.load_snapshot(snapshot_id).chapters[1].blocks[0].text == TEXT


def test_titles_already_moved_by_copying_a_year_are_left_out():
    mentions = year_mentions(make_report(), 2025, 2026, titles_updated=True)
    assert {m.match.slot.part for m in mentions} == {"doc_number", "text"}
