"""The page model's API as the preview, print and PDF will use it: positions, roles, sources, rules."""
from core.pages import geometry as g
from core.pages import layout_report
from core.pages.flow import DATE, SIGNATURE
from tests.support.reports import sample_report


def test_every_line_lies_in_the_type_area_and_names_its_source():
    report = sample_report()
    layout = layout_report(report, "red")
    for page in layout.pages:
        for line in page.lines:
            assert g.MARGIN_LEFT <= line.x and line.x + line.width <= g.PAGE_W - g.MARGIN_RIGHT
            assert g.MARGIN_TOP <= line.y and line.y + line.height <= g.PAGE_H - g.MARGIN_BOTTOM
            assert line.y < line.baseline < line.y + line.height + line.height // 2
            for span in line.spans:
                assert span.font in ("body", "kai", "hei", "title") and span.size_pt in (14, 16, 22) \
                    or span.role == "banner"
    body = [line for line in layout.lines() if line.source and line.source.block_index is not None]
    assert body
    for line in body:
        chapter = report.chapters[line.source.chapter_index]
        plain = chapter.blocks[line.source.block_index].plain
        printed = "".join(line.text.split())
        assert printed.endswith("".join(plain[line.start:line.end].split())[-3:])


def test_a_click_finds_the_paragraph():
    report = sample_report()
    layout = layout_report(report, "plain")
    target = layout.lines_of(2, 1)[0]
    hit = layout.line_at(target.page, target.x + 100, target.y + 10)
    assert (hit.source.chapter_index, hit.source.block_index) == (2, 1)
    assert layout.page_of(2, 1) == target.page


def test_page_furniture_is_described():
    layout = layout_report(sample_report(), "red")
    first, last = layout.pages[0], layout.pages[-1]
    red = [s for s in first.shapes if s.kind == "red_rule"]
    assert len(red) == 1 and red[0].x1 - red[0].x0 == g.TEXT_W and red[0].color == "FF0000"
    assert first.footer.text == "— 1 —" and first.footer.align == "right"
    assert layout.pages[1].footer.align == "left"
    rules = [s.kind for s in last.shapes]
    assert rules == ["colophon_thick", "colophon_thin", "colophon_thick"]
    # on the 版心's foot within its 1 mm tolerance (LibreOffice at 300 dpi: 261.0 mm for 262.0 mm)
    assert abs(max(s.y for s in last.shapes) - (g.MARGIN_TOP + g.TEXT_H)) <= g.twips(1.5)
    roles = {span.role for line in layout.lines() for span in line.spans}
    assert {"banner", "doc_number", "signer", "title", "recipients", "heading1", "heading2", "body",
            SIGNATURE, DATE, "colophon"} <= roles
