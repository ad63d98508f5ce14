"""The shapes of organ names: which runs of text are one organ, two, a bare place, or none."""
import pytest

from core.importing.organs import (completed, file_name_head, is_recipients_line, organ_in_text, split_organs,
                                   title_head)


@pytest.mark.parametrize("text, names", [
    ("中共石桥镇委员会 石桥镇人民政府", ["中共石桥镇委员会", "石桥镇人民政府"]),
    ("中共石桥镇委员会石桥镇人民政府", ["中共石桥镇委员会", "石桥镇人民政府"]),  # side by side, no space
    ("青河区人民政府柳荫街道办事处", ["青河区人民政府柳荫街道办事处"]),  # one organ, not two
    ("青河县人民政府办公室", ["青河县人民政府办公室"]),
    ("中共青河市柳荫区委柳荫区人民政府", ["中共青河市柳荫区委", "柳荫区人民政府"]),
    ("柳荫街道党工委、柳荫街道办事处", ["柳荫街道党工委", "柳荫街道办事处"]),
    ("青河县司法局", ["青河县司法局"]), ("青河经济开发区管委会", ["青河经济开发区管委会"]),
])
def test_organ_names_are_told_apart_by_their_endings(text, names):
    assert split_organs(text) == names


@pytest.mark.parametrize("place, organ", [("石桥镇", "石桥镇人民政府"), ("柳荫街道", "柳荫街道办事处"),
                                          ("云岭乡", "云岭乡人民政府"), ("青河经济开发区", None), ("鹤鸣街", None),
                                          ("石桥镇人民政府", None)])
def test_a_bare_place_is_completed_only_when_its_organ_is_clear(place, organ):
    assert completed(place) == organ


@pytest.mark.parametrize("line, recipients", [
    ("县委、县人民政府：", True), ("县委依法治县办：", True), ("中共青河县委员会，青河县人民政府:", True),
    ("区政府各部门，有关单位：", True), ("现将本镇2025年度法治政府建设情况报告如下：", False),
    ("主要存在以下问题：", False), ("县委、县政府", False)])
def test_a_recipients_line_is_organ_names_and_a_colon(line, recipients):
    assert is_recipients_line(line) is recipients


@pytest.mark.parametrize("title, head", [
    ("青河县司法局 关于2024年度法治政府建设情况的报告", "青河县司法局"),
    ("石桥镇2023年法治政府建设年度报告", "石桥镇"), ("2020年青河区法治政府建设情况报告", "青河区"),
    ("关于2022年度法治政府建设情况报告", ""), ("云岭乡人民政府关于法治政府建设工作情况的报告", "云岭乡人民政府")])
def test_the_head_of_a_title_names_who_reports(title, head):
    assert title_head(title) == head


def test_file_names_lose_their_numbering_and_remarks():
    assert file_name_head("附件1：云岭乡2024年法治政府建设年度报告（定稿）") == "云岭乡"
    assert file_name_head("07-2020年青河区法治政府建设情况报告") == "青河区"


@pytest.mark.parametrize("text, organ", [
    ("2024年，柳荫街道在区委、区政府的领导下，扎实推进依法行政。", "柳荫街道"),
    ("2024年，在县委、县政府的领导下，青河县司法局坚持依法行政。", "青河县司法局"),
    ("现将云岭乡人民政府2024年法治政府建设情况报告如下：", "云岭乡人民政府"),
    ("今年以来，我镇认真落实部署，结合镇情实际推进工作。", None),
    ("2024年，得益于县委、县政府的领导，工作有序推进。", None),
    ("2024年，我乡坚持依法行政，不断提高行政效率和政府公信力。", None),
])
def test_the_opening_names_its_subject_or_nobody(text, organ):
    assert organ_in_text(text) == organ
