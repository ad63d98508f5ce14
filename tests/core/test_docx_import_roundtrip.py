"""Round trip: a report exported to .docx (every variant) imports back with the same chapters,
blocks, levels and text, and the same 公文 metadata the variant prints."""
from datetime import date

import pytest

from core.importing import import_file
from core.outline import BANNER_ALL, BODY, ITEM2, ITEM3, ITEM4, Block, Chapter, Organ, Report

docx_export = pytest.importorskip("core.docx_export",
                                  reason="core.docx_export (the Word export) is not there yet")


def sample_report(joint: bool) -> Report:
    organs = [Organ("中共景毛乡委员会", "景发"), Organ("景毛乡人民政府")] if joint \
        else [Organ("景毛乡人民政府", "景政发")]
    return Report(
        year=2024,
        title=f"{' '.join(o.name for o in organs)}关于2024年度法治政府建设情况的报告",
        organs=organs, banner_mode=BANNER_ALL if joint else "lead",
        doc_number="景发〔2025〕3号" if joint else "景政发〔2025〕7号",
        signer="张三" if joint else "",
        recipients="中共××县委、××县人民政府",
        written_date=date(2025, 3, 5), note="（此件公开发布）",
        cc="县委依法治县办，县司法局。", printing_organ="景毛乡党政办公室", printing_date=date(2025, 3, 6),
        chapters=[
            Chapter("导语", "intro", [Block(BODY, "", "2024年，我乡坚持以习近平法治思想为指导，全面推进法治政府建设。"
                                                  "现将有关情况报告如下：")]),
            Chapter("2024年度推进法治政府建设的主要举措和成效", "measures", [
                Block(ITEM2, "健全工作机制，扛牢政治责任。", "成立法治政府建设工作领导小组，书记任组长。"),
                Block(ITEM3, "落实会前学法制度。", "全年组织会前学法12次。"),
                Block(ITEM4, "开展专题培训。", ""),
                Block(ITEM4, "组织旁听庭审。", "全体干部参加。"),
                Block(ITEM2, "强化依法决策", "坚持重大行政决策合法性审查，全年审查合同15份。"),
                Block(BODY, "", "调整充实法治政府建设领导机构，形成主要领导负责抓、分管领导具体抓的工作局面。"),
            ]),
            Chapter("2024年度党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsibility", [
                Block(BODY, "", "乡党委书记、乡长认真履行第一责任人职责，全年专题研究法治建设工作4次。")]),
            Chapter("2024年度推进法治政府建设存在的不足和原因", "shortcomings", [
                Block(ITEM2, "执法力量不足。", ""), Block(ITEM2, "普法方式单一。", "")]),
            Chapter("2025年度推进法治政府建设的主要安排", "plans", [Block(ITEM3, "加强执法队伍建设。", "")]),
            Chapter("其他需要报告的情况", "other", [Block(BODY, "", "无。")]),
        ])


def structure(report: Report):
    return [(c.title, c.template_key, [(b.level, b.heading, b.text) for b in c.blocks])
            for c in report.chapters]


@pytest.mark.parametrize("joint", [False, True], ids=["single", "joint"])
@pytest.mark.parametrize("variant", ["red", "plain", "web"])
def test_export_then_import_gives_the_same_report(tmp_path, variant, joint):
    original = sample_report(joint)
    path = tmp_path / f"{variant}.docx"
    docx_export.export_report(original, path, variant)
    imported = import_file(path).report
    assert structure(imported) == structure(original)
    assert (imported.year, imported.title, imported.organ_names) == (
        original.year, original.title, original.organ_names)
    assert (imported.recipients, imported.written_date, imported.note) == (
        original.recipients, original.written_date, original.note)
    assert imported.signature_lines == original.signature_lines
    if variant == "red":
        assert (imported.doc_number, imported.signer, imported.banner_mode) == (
            original.doc_number, original.signer, original.banner_mode)
    if variant != "web":
        assert (imported.cc, imported.printing_organ, imported.printing_date) == (
            original.cc, original.printing_organ, original.printing_date)


@pytest.mark.parametrize("joint", [False, True], ids=["single", "joint"])
@pytest.mark.parametrize("variant", ["red", "web"])
def test_the_signature_stays_out_of_the_body_without_a_written_date(tmp_path, variant, joint):
    """Issue 10 finding 8: without a 成文日期 the 署名 used to become the last body paragraph."""
    original = sample_report(joint)
    original.written_date = None
    path = tmp_path / f"{variant}.docx"
    docx_export.export_report(original, path, variant)
    result = import_file(path)
    assert structure(result.report) == structure(original)
    assert result.report.signature_lines == original.signature_lines
    assert not any("合并" in note for note in result.notes)
