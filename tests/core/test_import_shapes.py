"""Real report shapes import right, as .txt (UTF-8 and GBK) and as .docx typed the way offices type:
the issuing organ (or a 「请核对」), standalone item headings kept apart from their body, preambles
that are not a 主送, unnumbered chapters, numbers the author repeated or skipped, thematic chapters,
and the 落款 with or without a date."""
from datetime import date

import pytest

from core.importing import import_file
from core.outline import BODY, ITEM2, ITEM3, ITEM4, block_numbers, chapter_numbers
from tests.support import report_shapes as S

FORMS = ["utf-8", "gbk", "docx"]


def imported(tmp_path, shape, form, name="report"):
    return import_file(S.write(shape, tmp_path / name, form))


def checked(notes, *words) -> list[str]:
    return [n for n in notes if "请核对" in n and all(w in n for w in words)]


@pytest.mark.parametrize("form", FORMS)
def test_street_office_named_with_its_district_is_one_organ(tmp_path, form):
    result = imported(tmp_path, S.DISTRICT_STREET_OFFICE, form)
    report = result.report
    assert report.organ_names == ["青河区人民政府柳荫街道办事处"]
    assert report.banner == "青河区人民政府柳荫街道办事处文件"
    assert report.recipients == "青河区人民政府"
    assert report.signature_lines == ["青河区人民政府柳荫街道办事处"]  # the 落款, not a body paragraph
    assert all("柳荫街道办事处" not in b.plain for c in report.chapters for b in c.blocks[1:])
    assert not checked(result.notes, "机关")


@pytest.mark.parametrize("form", FORMS)
def test_bare_place_in_the_title_is_completed_and_flagged(tmp_path, form):
    result = imported(tmp_path, S.BARE_PLACE_TITLE, form)
    assert result.report.organ_names == ["石桥镇人民政府"]
    assert checked(result.notes, "石桥镇", "石桥镇人民政府")


@pytest.mark.parametrize("place, organ", [("柳荫街道", "柳荫街道办事处"), ("云岭乡", "云岭乡人民政府"),
                                          ("青河区", "青河区人民政府")])
def test_each_kind_of_bare_place_gets_its_organ(tmp_path, place, organ):
    shape = [("title", f"{place}2024年法治政府建设年度报告")] + S.BARE_PLACE_TITLE[1:]
    result = imported(tmp_path, shape, "utf-8")
    assert result.report.organ_names == [organ]
    assert checked(result.notes, organ)


@pytest.mark.parametrize("form", FORMS)
def test_title_without_a_year_takes_it_from_the_opening_and_keeps_its_organ(tmp_path, form):
    result = imported(tmp_path, S.NO_YEAR_TITLE, form)
    report = result.report
    assert report.year == 2025
    assert report.title == "云岭乡人民政府关于法治政府建设工作情况的报告"
    assert report.organ_names == ["云岭乡人民政府"]
    assert checked(result.notes, "2025")


def test_year_from_the_file_name_when_the_text_has_none(tmp_path):
    path = S.write_text(S.NO_YEAR_ANYWHERE, tmp_path / "云岭乡2025年法治政府建设报告.txt")
    result = import_file(path)
    assert result.report.year == 2025
    assert checked(result.notes, "文件名", "2025")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("numbers, level", [(("1.", "2."), ITEM3), (("1、", "2、"), ITEM3),
                                            (("（1）", "（2）"), ITEM4), (("1）", "2）"), ITEM4),
                                            (("（一）", "（二）"), ITEM2)])
def test_standalone_item_heading_never_swallows_its_body(tmp_path, form, numbers, level):
    report = imported(tmp_path, S.standalone_items(numbers), form).report
    blocks = [(b.level, b.plain) for b in report.chapters[-1].blocks]
    assert blocks == [
        (level, "夯实工作基础"), (BODY, "成立法治建设工作专班，明确分管领导和联络员，每季度调度一次工作进展。"),
        (level, "规范执法行为"), (BODY, "推行执法全过程记录，全年评查案卷20卷，整改问题5个。")]


def test_a_numbered_line_cut_by_a_page_break_is_still_rejoined(tmp_path):
    shape = S.standalone_items(("1.", "2."))
    shape[3] = ("item", "1. 乡机关各办公室要继续以法治政府建设工作目标和要求")  # a full printed line
    shape[4] = ("body", "为导向，形成工作合力。")
    blocks = imported(tmp_path, shape, "utf-8").report.chapters[-1].blocks
    assert (blocks[0].level, blocks[0].plain) == (
        ITEM3, "乡机关各办公室要继续以法治政府建设工作目标和要求为导向，形成工作合力。")


@pytest.mark.parametrize("form", FORMS)
def test_a_preamble_ending_in_a_colon_is_body_not_recipients(tmp_path, form):
    report = imported(tmp_path, S.PREAMBLE_ENDS_WITH_COLON, form).report
    assert report.recipients == ""
    assert report.chapters[0].blocks[0].plain == "现将本镇2025年度法治政府建设情况报告如下："


@pytest.mark.parametrize("form", FORMS)
def test_unnumbered_chapter_headings_start_chapters(tmp_path, form):
    result = imported(tmp_path, S.UNNUMBERED_CHAPTERS, form)
    report = result.report
    assert report.recipients == "县委、县人民政府"
    assert [(c.template_key, c.title) for c in report.chapters] == [
        ("intro", "导语"),
        ("measures", "2025年推进法治政府建设的主要举措和成效"),
        ("shortcomings", "存在的不足和原因"),
        ("plans", "2026年工作安排")]
    assert report.chapters[0].blocks[0].plain.endswith("取得了新的进展")  # not glued to the heading
    assert [len(c.blocks) for c in report.chapters] == [1, 1, 1, 1]


@pytest.mark.parametrize("form", FORMS)
def test_repeated_and_skipped_numbers_are_kept_by_position_and_named(tmp_path, form):
    result = imported(tmp_path, S.REPEATED_CHAPTER_NUMBER, form)
    report = result.report
    assert [c.template_key for c in report.chapters] == ["intro", "measures", "shortcomings", "plans"]
    assert chapter_numbers(report.chapters)[1:] == ["一、", "二、", "三、"]
    assert all(c.blocks for c in report.chapters)  # no empty part from the repeated 一、
    assert block_numbers(report.chapters[-1].blocks) == ["（一）", "（二）"]
    assert checked(result.notes, "一、2025年度推进法治政府建设存在的不足", "二、")
    assert checked(result.notes, "（三）创新普法", "（二）")


@pytest.mark.parametrize("form", FORMS)
def test_thematic_chapters_map_to_the_mandated_content_by_what_they_say(tmp_path, form):
    result = imported(tmp_path, S.THEMATIC_CHAPTERS, form)
    keys = [(c.title, c.template_key) for c in result.report.chapters]
    assert keys[1:] == [("加强组织领导，构建依法治镇工作新格局", "measures"),
                        ("正视短板弱项，找准努力方向", "shortcomings")]
    assert checked(result.notes, "加强组织领导", "主要举措和成效", "对应规定内容")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
@pytest.mark.parametrize("names", [["石桥镇人民政府"], ["中共石桥镇委员会", "石桥镇人民政府"]],
                         ids=["single", "joint"])
def test_the_signature_block_is_recognised_with_or_without_a_date(tmp_path, form, dated, names):
    report = imported(tmp_path, S.with_signature(names, dated), form).report
    assert report.signature_lines == names
    assert report.written_date == (date(2025, 1, 20) if dated else None)
    assert report.note == "（此件公开发布）"
    assert [b.plain for b in report.chapters[-1].blocks] == ["无"]


@pytest.mark.parametrize("form", FORMS)
def test_a_complete_name_in_the_signature_wins_over_a_bare_place_in_the_title(tmp_path, form):
    shape = S.BARE_PLACE_TITLE + [("right", "石桥镇党委 石桥镇人民政府"), ("right", "2024年1月20日")]
    shape[0] = ("title", "石桥镇2023年法治政府建设年度报告")
    result = imported(tmp_path, shape, form)
    assert result.report.organ_names == ["石桥镇党委", "石桥镇人民政府"]
    assert not checked(result.notes, "补全")


def test_a_short_line_counting_points_is_no_heading(tmp_path):
    shape = [("title", "石桥镇人民政府关于2024年度法治政府建设情况的报告"),
             ("body", "2024年，石桥镇扎实推进法治政府建设。现将有关情况报告如下："),
             ("body", "一是执法力量薄弱"), ("body", "二是普法形式单一"),
             ("body", "下一步，我们将针对上述问题，持续加强执法队伍建设，创新普法宣传方式。")]
    report = imported(tmp_path, shape, "utf-8").report
    assert [c.title for c in report.chapters] == ["导语"]
    assert [b.plain for b in report.chapters[0].blocks][1:3] == ["一是执法力量薄弱", "二是普法形式单一"]


@pytest.mark.parametrize("form", FORMS)
def test_items_numbered_like_chapters_right_under_a_heading_stay_in_that_chapter(tmp_path, form):
    result = imported(tmp_path, S.ITEMS_NUMBERED_LIKE_CHAPTERS, form)
    chapters = result.report.chapters
    assert [(c.template_key, len(c.blocks)) for c in chapters] == [("intro", 1), ("measures", 4), ("shortcomings", 1)]
    assert [(b.level, b.plain) for b in chapters[1].blocks if b.level] == [(ITEM2, "强化组织领导"),
                                                                            (ITEM2, "规范执法行为")]
    assert block_numbers(chapters[1].blocks)[::2] == ["（一）", "（二）"]
    assert checked(result.notes, "一、强化组织领导")
