"""The exported .docx read back as XML: page set-up, fonts, grid, footers, 版头, 版记; and the CLI."""
import zipfile
from datetime import date

import docx
import pytest

from core.docx_export import (ExportFailed, TargetExists, default_file_name, describe_write_error,
                               export_report)
from core.pages import PUBLIC_NOTE, geometry, layout_report
from core.pages.metrics import advances, wrap
from core.outline import Block, Chapter, ITEM2, Organ, Report
from main import main
from tests.support.reports import joint_banner, sample_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    paths = {}
    for variant in ("red", "plain", "web"):
        paths[variant] = folder / f"{variant}.docx"
        export_report(sample_report(), paths[variant], variant)
    return paths


def _doc(path):
    return docx.Document(str(path))


def _texts(document):
    return [p.text for p in document.paragraphs]


def _paragraph(document, startswith):
    return next(p for p in document.paragraphs if p.text.startswith(startswith))


def _run_fonts(paragraph):
    return [r._r.find(f"{W}rPr").find(f"{W}rFonts") for r in paragraph.runs]


def test_page_is_a4_with_gbt9704_margins_and_line_grid(exported):
    section = _doc(exported["red"]).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert [section.top_margin.twips, section.bottom_margin.twips, section.left_margin.twips,
            section.right_margin.twips] == [2098, 1984, 1588, 1474]
    grids = section._sectPr.findall(f"{W}docGrid")
    assert len(grids) == 1 and grids[0].get(f"{W}linePitch") == "579"


def test_every_run_names_its_east_asian_font_and_no_theme_fonts_remain(exported):
    with zipfile.ZipFile(exported["red"]) as z:
        names = z.namelist()
        styles, settings = z.read("word/styles.xml").decode(), z.read("word/settings.xml").decode()
        fonts_xml = z.read("word/fontTable.xml").decode()
    assert "Theme" not in styles.replace("themeFontLang", "")
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings and "evenAndOddHeaders" in settings
    assert "docProps/thumbnail.jpeg" not in names
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in fonts_xml
    document = _doc(exported["red"])
    for paragraph in document.paragraphs:
        for rfonts in _run_fonts(paragraph):
            assert rfonts.get(f"{W}eastAsia") == rfonts.get(f"{W}hAnsi")
            assert rfonts.get(f"{W}hint") == "eastAsia"


def test_body_is_16pt_condensed_to_28_characters_a_line_with_exact_spacing(exported):
    document = _doc(exported["plain"])
    body = _paragraph(document, sample_report().chapters[0].blocks[0].plain[:7])  # the 导语 (any sample)
    ppr = body._p.pPr
    spacing = ppr.find(f"{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    assert ppr.find(f"{W}ind").get(f"{W}firstLineChars") == "200"
    rpr = body.runs[0]._r.find(f"{W}rPr")
    assert rpr.find(f"{W}sz").get(f"{W}val") == "32"
    assert int(rpr.find(f"{W}spacing").get(f"{W}val")) * 28 + 28 * 320 <= geometry.TEXT_W
    assert _run_fonts(body)[0].get(f"{W}eastAsia") == "仿宋_GB2312"


def test_heading_fonts_by_level(exported):
    document = _doc(exported["red"])
    level1 = _paragraph(document, "一、")
    assert _run_fonts(level1)[0].get(f"{W}eastAsia") == "黑体"
    level2 = _paragraph(document, "（一）")
    fonts = [f.get(f"{W}eastAsia") for f in _run_fonts(level2)]
    assert fonts[0] == "楷体_GB2312"
    assert all(f == "仿宋_GB2312" for f in fonts[1:])
    level3 = _paragraph(document, "1.")
    assert {f.get(f"{W}eastAsia") for f in _run_fonts(level3)} == {"仿宋_GB2312"}
    title = _paragraph(document, "中共景毛乡委员会 景毛乡人民政府")
    title_rpr = title.runs[0]._r.find(f"{W}rPr")
    assert title_rpr.find(f"{W}sz").get(f"{W}val") == "44" and title_rpr.find(f"{W}b") is None
    assert _run_fonts(title)[0].get(f"{W}eastAsia") == "方正小标宋简体"


def test_run_in_heading_only_the_heading_sentence_is_kai():
    report = Report(2024, "标题", organs=[Organ("某乡人民政府")], chapters=[
        Chapter("主要举措", None, [Block(ITEM2, "加强领导。", "成立领导小组。")])])
    from core.pages.compose import block_runs
    runs = block_runs(report.chapters[0].blocks[0], "（一）")
    assert [(r.text, r.style.font, r.role) for r in runs] == [("（一）加强领导。", "kai", "heading2"),
                                                              ("成立领导小组。", "body", "body")]


def test_red_variant_has_banner_doc_number_signer_and_a_full_width_red_line(exported):
    document = _doc(exported["red"])
    banner = document.paragraphs[0]
    assert banner.text == "中共景毛乡委员会文件"
    assert banner.runs[0]._r.find(f"{W}rPr").find(f"{W}color").get(f"{W}val") == "FF0000"
    number = _paragraph(document, "\t景发〔2025〕7号")
    assert number.text == "\t景发〔2025〕7号\t签发人：王建国"
    ppr = number._p.pPr
    bottom = ppr.find(f"{W}pBdr").find(f"{W}bottom")
    assert bottom.get(f"{W}color") == "FF0000"
    ind = ppr.find(f"{W}ind")
    assert (ind.get(f"{W}left"), ind.get(f"{W}right")) == ("0", "0")  # the line spans 156 mm
    children = [c.tag.replace(W, "") for c in ppr]
    assert children.index("pBdr") < children.index("tabs") < children.index("spacing")
    assert _run_fonts(number)[-1].get(f"{W}eastAsia") == "楷体_GB2312"  # the signer's name


def test_joint_banner_stacks_organs_with_wenjian_on_the_right(tmp_path):
    path = tmp_path / "joint.docx"
    export_report(joint_banner(sample_report()), path, "red")
    table = _doc(path).tables[0]
    cells = table.rows[0].cells
    assert [p.text for p in cells[0].paragraphs] == ["中共景毛乡委员会", "景毛乡人民政府"]
    assert cells[1].text == "文件"


def test_plain_and_web_have_no_letterhead_and_web_has_the_public_note(exported):
    plain, web = _texts(_doc(exported["plain"])), _texts(_doc(exported["web"]))
    for texts in (plain, web):
        assert not any("文件" == t[-2:] or "〔2025〕" in t for t in texts[:3])
        assert texts[0].startswith("中共景毛乡委员会 景毛乡人民政府")
    assert PUBLIC_NOTE in web and PUBLIC_NOTE not in plain
    assert len(_doc(exported["web"]).tables) == 0  # no 版记
    assert "2025年1月22日" in web


def test_colophon_rules_and_text(exported):
    table = _doc(exported["plain"]).tables[-1]
    assert [r.cells[0].text for r in table.rows] == ["抄送：县委依法治县办，县司法局。",
                                                    "中共景毛乡委员会办公室\t2025年1月22日印发"]
    first = table.rows[0].cells[0]._tc.tcPr.find(f"{W}tcBorders")
    last = table.rows[-1].cells[0]._tc.tcPr.find(f"{W}tcBorders")
    assert first.find(f"{W}top").get(f"{W}sz") == "8"
    assert last.find(f"{W}top").get(f"{W}sz") == "6" and last.find(f"{W}bottom").get(f"{W}sz") == "8"
    rpr = table.rows[0].cells[0].paragraphs[0].runs[0]._r.find(f"{W}rPr")
    assert rpr.find(f"{W}sz").get(f"{W}val") == "28"


def test_footers_alternate_with_page_fields_and_em_dashes(exported):
    section = _doc(exported["red"]).sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment is not None and odd._p.pPr.find(f"{W}jc").get(f"{W}val") == "right"
    assert even._p.pPr.find(f"{W}jc").get(f"{W}val") == "left"
    for footer in (odd, even):
        xml = footer._p.xml
        assert 'w:instr=" PAGE "' in xml and xml.count("—") == 2 and 'w:ascii="宋体"' in xml
    assert section._sectPr.find(f"{W}titlePg") is None  # page 1 is numbered


def test_colophon_after_a_full_even_page_gets_a_blank_page_and_unnumbered_section(tmp_path):
    """The body ends on a full even page: an unnumbered blank odd page, then the 版记 page."""
    report = sample_report()
    for _ in range(300):  # lengthen the report until the body fills an even page
        report.chapters[-1].blocks[-1].text += "依法行政。"
        layout = layout_report(report, "plain")
        if len(layout.pages) % 2 == 0 and not layout.pages[-2].numbered:
            break
    else:
        pytest.fail("no length gave a full even last page")
    blank_page, colophon_page = layout.pages[-2:]
    assert blank_page.blank and not blank_page.numbered and not colophon_page.numbered
    path = tmp_path / "r.docx"
    export_report(report, path, "plain")
    sections = _doc(path).sections
    assert len(sections) == 2
    assert "PAGE" not in sections[1].footer.paragraphs[0]._p.xml
    assert "PAGE" in sections[0].footer.paragraphs[0]._p.xml


def test_title_breaks_into_balanced_lines():
    from core.pages.title import break_title
    assert break_title("中共景毛乡委员会 景毛乡人民政府关于2024年法治政府建设情况的报告") == [
        "中共景毛乡委员会 景毛乡人民政府", "关于2024年法治政府建设情况的报告"]
    assert break_title("某乡人民政府2024年法治政府建设年度报告") == ["某乡人民政府2024年法治政府建设年度报告"]


def test_kinsoku_never_starts_a_line_with_closing_punctuation():
    text = "一" * 28 + "，二三"
    lines = [text[a:b] for a, b in wrap(text, advances(text, 320, -5), geometry.TEXT_W, geometry.TEXT_W)]
    assert lines == ["一" * 27, "一，二三"]


def test_default_file_name():
    report = Report(2024, organs=[Organ("景毛乡人民政府")])
    assert default_file_name(report) == "景毛乡人民政府2024年法治政府建设年度报告.docx"


# --- writing safely and the CLI ----------------------------------------------------------------------

def test_existing_file_is_kept_without_overwrite(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    with pytest.raises(TargetExists, match="已存在"):
        export_report(sample_report(), target, overwrite=False)
    assert target.read_bytes() == b"old"


def test_unwritable_folder_leaves_the_old_file(read_only_folder):
    folder, make_read_only = read_only_folder
    target = folder / "report.docx"
    target.write_bytes(b"old")
    make_read_only()
    with pytest.raises(ExportFailed, match="原有文件未被改动"):
        export_report(sample_report(), target)
    assert target.read_bytes() == b"old"


def test_a_failed_rename_leaves_no_temp_file(tmp_path):
    target = tmp_path / ("很长的文件名" * 30 + ".docx")  # the OS refuses the name at the rename
    with pytest.raises(ExportFailed, match="原有文件未被改动"):
        export_report(sample_report(), target)
    assert list(tmp_path.iterdir()) == []


def test_locked_file_message_says_what_to_do(tmp_path):
    message = describe_write_error(PermissionError(13, "Permission denied"), tmp_path / "r.docx")
    assert "Word/WPS" in message and "换一个文件名" in message


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportFailed, match="不存在"):
        export_report(sample_report(), tmp_path / "absent" / "r.docx")


def test_cli_exports_and_refuses_to_overwrite_without_force(archive, db_url, tmp_path, capsys):
    report = sample_report()
    report_id = archive.create_report(report)
    out = tmp_path / "out.docx"
    assert main(["export", str(report_id), "--out", str(out), "--db", db_url]) == 0
    assert "已导出" in capsys.readouterr().out
    before = out.read_bytes()
    assert main(["export", str(report_id), "--out", str(out), "--variant", "web", "--db", db_url]) == 1
    assert "已存在" in capsys.readouterr().err and out.read_bytes() == before
    assert main(["export", str(report_id), "--out", str(out), "--variant", "web", "--force",
                 "--db", db_url]) == 0
    assert PUBLIC_NOTE in _texts(_doc(out))


def test_cli_rejects_a_name_neither_docx_nor_pdf(archive, db_url, tmp_path, capsys):
    report_id = archive.create_report(Report(2024, "标题", organs=[Organ("某乡人民政府")],
                                             written_date=date(2025, 1, 5)))
    assert main(["export", str(report_id), "--out", str(tmp_path / "x.txt"), "--db", db_url]) == 1
    assert ".docx" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


# --- issue 10 findings 4–11, read back from the XML ----------------------------------------------

def test_doc_properties_name_this_export_not_the_template(exported):
    from core import APP_NAME, __version__
    with zipfile.ZipFile(exported["red"]) as z:
        core_xml, app_xml = z.read("docProps/core.xml").decode(), z.read("docProps/app.xml").decode()
    assert "2013-12-23" not in core_xml and "Macintosh" not in app_xml
    assert f"<Application>{APP_NAME} {__version__}</Application>" in app_xml
    props = _doc(exported["red"]).core_properties
    assert props.created.year >= 2025 and props.created == props.modified
    assert f"<Pages>{len(layout_report(sample_report(), 'red').pages)}</Pages>" in app_xml


def test_only_body_runs_are_condensed(exported):
    """Banner, title, 版记 and page-number runs do not inherit the body's −0.25 pt spacing."""
    with zipfile.ZipFile(exported["red"]) as z:
        styles = z.read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert "w:spacing w:val" not in defaults
    document = _doc(exported["red"])
    for paragraph in (document.paragraphs[0], _paragraph(document, "中共景毛乡委员会 景毛乡人民政府")):
        assert paragraph.runs[0]._r.find(f"{W}rPr").find(f"{W}spacing") is None
    body = _paragraph(document, "为深入贯彻落实")
    assert body.runs[0]._r.find(f"{W}rPr").find(f"{W}spacing").get(f"{W}val") == "-5"
    colophon = document.tables[-1].rows[0].cells[0].paragraphs[0]
    assert colophon.runs[0]._r.find(f"{W}rPr").find(f"{W}spacing") is None


def test_joint_banner_table_is_no_wider_than_the_type_area(tmp_path):
    path = tmp_path / "joint.docx"
    export_report(joint_banner(sample_report()), path, "red")
    table = _doc(path).tables[0]._tbl
    width = int(table.tblPr.find(f"{W}tblW").get(f"{W}w"))
    grid = sum(int(col.get(f"{W}w")) for col in table.find(f"{W}tblGrid"))
    assert width == grid <= geometry.TEXT_W


def test_the_last_colophon_row_holds_its_line(exported):
    """The 印发 line is no taller than its exact row, so the last rule cannot cross it."""
    row = _doc(exported["plain"]).tables[-1].rows[-1]
    height = int(row._tr.trPr.find(f"{W}trHeight").get(f"{W}val"))
    line = int(row.cells[0].paragraphs[0]._p.pPr.find(f"{W}spacing").get(f"{W}line"))
    assert line <= height


def test_headings_keep_with_next_and_every_paragraph_has_widow_control(exported):
    document = _doc(exported["plain"])
    for start in ("一、", "（一）", "1."):
        ppr = _paragraph(document, start)._p.pPr
        if not _paragraph(document, start).text.endswith("。") or start == "（一）":
            assert ppr.find(f"{W}keepNext") is not None and ppr.find(f"{W}keepLines") is not None
    with zipfile.ZipFile(exported["plain"]) as z:
        styles = z.read("word/styles.xml").decode()
    assert '<w:widowControl w:val="1"/>' in styles


def test_joint_sealed_signature_puts_the_organs_side_by_side(tmp_path):
    report = sample_report()
    path = tmp_path / "sealed.docx"
    export_report(report, path, "red")
    names = [p for p in _doc(path).paragraphs if "中共景毛乡委员会\t景毛乡人民政府" in p.text]
    assert len(names) == 1
    tabs = [int(t.get(f"{W}pos")) for t in names[0]._p.pPr.find(f"{W}tabs")]
    assert len(tabs) == 2 and tabs[1] - tabs[0] >= 8 * geometry.CHAR_W  # seals do not touch
    unsealed = tmp_path / "web.docx"
    export_report(report, unsealed, "web")
    texts = _texts(_doc(unsealed))
    assert texts.index("景毛乡人民政府") == texts.index("中共景毛乡委员会") + 1  # stacked, lead first


def test_no_banner_when_no_issuing_organ(tmp_path):
    report = sample_report()
    report.organs = []
    path = tmp_path / "r.docx"
    export_report(report, path, "red")
    assert not any(t.endswith("文件") for t in _texts(_doc(path))[:3])
