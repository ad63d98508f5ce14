"""What our own export writes imports back exactly — every variant, with and without a 成文日期, one
organ or two, and a 署名 that differs from the organs — including the 落款 at the end."""
from datetime import date

import pytest

from core import docx_export
from core.importing import import_file
from core.outline import BANNER_ALL, BANNER_LEAD, BODY, ITEM2, ITEM3, Block, Chapter, Organ, Report


def report(joint: bool, dated: bool, signature: str = "") -> Report:
    organs = ([Organ("中共石桥镇委员会", "石发"), Organ("石桥镇人民政府")] if joint
              else [Organ("石桥镇人民政府", "石政发")])
    return Report(
        year=2024, title=f"{' '.join(o.name for o in organs)}关于2024年度法治政府建设情况的报告",
        organs=organs, banner_mode=BANNER_ALL if joint else BANNER_LEAD,
        doc_number="石发〔2025〕2号" if joint else "石政发〔2025〕5号", recipients="县委、县人民政府",
        written_date=date(2025, 1, 20) if dated else None, note="（此件公开发布）", signature=signature,
        cc="县委依法治县办。", printing_organ="石桥镇党政办公室", printing_date=date(2025, 1, 21),
        chapters=[
            Chapter("导语", "intro", [Block(BODY, "", "2024年，石桥镇扎实推进法治政府建设。现将有关情况报告如下：")]),
            Chapter("2024年度推进法治政府建设的主要举措和成效", "measures", [
                Block(ITEM2, "健全工作机制。", "成立法治建设领导小组。"), Block(ITEM3, "夯实工作基础", ""),
                Block(BODY, "", "全年召开专题会议4次。")]),
            Chapter("其他需要报告的情况", "other", [Block(BODY, "", "无")]),
        ])


def outline(r: Report):
    return [(c.title, c.template_key, [(b.level, b.heading, b.text) for b in c.blocks]) for c in r.chapters]


@pytest.mark.parametrize("variant", ["red", "plain", "web"])
@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
@pytest.mark.parametrize("joint, signature", [(False, ""), (True, ""), (False, "石桥镇人民政府办公室")],
                         ids=["single", "joint", "own-signature"])
def test_export_then_import_is_exact(tmp_path, variant, dated, joint, signature):
    original = report(joint, dated, signature)
    path = tmp_path / f"{variant}.docx"
    docx_export.export_report(original, path, variant)
    imported = import_file(path).report
    assert outline(imported) == outline(original)
    assert (imported.year, imported.title, imported.organ_names, imported.recipients) == (
        original.year, original.title, original.organ_names, original.recipients)
    assert (imported.signature_lines, imported.written_date, imported.note) == (
        original.signature_lines, original.written_date, original.note)
    if variant == "red":
        assert (imported.doc_number, imported.banner_mode) == (original.doc_number, original.banner_mode)
    if variant != "web":
        assert (imported.cc, imported.printing_organ, imported.printing_date) == (
            original.cc, original.printing_organ, original.printing_date)
