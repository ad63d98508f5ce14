"""The 附件 「主要数据对照表」 (issue 16.5): 附件说明 under the body, the attachment on a page of its own
after the 落款, in the .docx, in LibreOffice's render and in the page model; the 版记 still last."""
import docx
import pytest
from docx.oxml.ns import qn

from core.docx_export import export_report
from core.pages import layout_report
from core.pages.attachment import HEADER, TITLE_TEXT, rows_to_print
from tests.support import render
from tests.support.generated import LONG_LABEL, attachment_cases, base, chapters, figures_table

CASES = [case.name for case in attachment_cases()]


def _report():
    report = base()
    report.chapters = chapters(600)
    return report


def _paragraphs(path):
    return [(p.text, p._p.find(qn("w:pPr")) is not None and p._p.pPr.find(qn("w:pageBreakBefore")) is not None)
            for p in docx.Document(str(path)).paragraphs]


def test_docx_carries_the_note_the_attachment_page_and_only_figures_with_a_value(tmp_path):
    table = figures_table(5)
    path = tmp_path / "附件.docx"
    export_report(_report(), path, "red", figures_table=table)
    texts = [text for text, _ in _paragraphs(path)]
    note = texts.index("附件：主要数据对照表")
    signature = texts.index("景毛乡人民政府")
    assert texts[note - 1] == "" and note < signature  # 正文下空一行, before the 落款
    label = texts.index("附件")
    assert _paragraphs(path)[label][1] and label > signature  # a new page after the 落款
    assert texts[label + 1:label + 4] == ["", TITLE_TEXT, ""]  # title on the 版心's third line
    document = docx.Document(str(path))
    attachment = document.tables[0]  # the 版记 is the last table
    rows = [[cell.text for cell in row.cells] for row in attachment.rows]
    assert rows[0] == list(HEADER)
    assert len(rows) - 1 == len(rows_to_print(table)) == 5
    assert rows[1] == ["合法性审查合同", "10份", "—", "—"]
    assert rows[2] == ["合法性审查文件", "17件", "13件", "+4件"]
    assert [r[0] for r in rows[1:]] == [c.figure.label for c in table[:5]]
    assert len(document.tables) == 2 and "抄送" in document.tables[1].rows[0].cells[0].text


def test_without_figures_there_is_no_attachment(tmp_path):
    for table in (None, figures_table(0)):
        path = tmp_path / "无附件.docx"
        export_report(_report(), path, "red", figures_table=table)
        texts = [text for text, _ in _paragraphs(path)]
        assert "附件" not in texts and not any(t.startswith("附件：") for t in texts)
        assert len(docx.Document(str(path)).tables) == 1


def test_a_long_table_goes_on_under_a_repeated_header_and_page_numbers_continue():
    report = _report()
    layout = layout_report(report, "plain", figures_table(21))
    plain = layout_report(report, "plain")
    first = next(line.page for line in layout.lines() if line.text == TITLE_TEXT)
    assert first > len(plain.pages) - 1
    headers = [line.page for line in layout.lines() if line.text == "指标"]
    assert len(headers) == 2 and headers[1] == headers[0] + 1
    assert all(page.numbered for page in layout.pages[:headers[1]])


def rendered_test(test):
    """A test on the session's shared LibreOffice render (tests.support.render)."""
    skip = pytest.mark.skipif(not render.available(), reason="LibreOffice or poppler missing")
    return pytest.mark.render(skip(test))


@rendered_test
@pytest.mark.parametrize("name", CASES)
def test_libreoffice_prints_the_attachment_where_the_model_does(name):
    case = render.rendered()[name]
    assert case.measured["pages"] == len(case.layout.pages)
    title_page = next(line.page for line in case.layout.lines() if line.text == TITLE_TEXT)
    printed = case.measured["per_page"][title_page - 1]
    text = "".join(line["text"] for line in printed["lines"]).replace(" ", "")
    assert text.startswith("附件" + TITLE_TEXT) and "指标本年上年增减" in text
    if case.case.variant != "web":  # the 版记 ends the document on an even page
        assert len(case.layout.pages) % 2 == 0
        last = "".join(line["text"] for line in case.measured["per_page"][-1]["lines"])
        assert "印发" in last


@rendered_test
def test_a_long_label_wraps_in_its_cell_where_the_model_wraps_it():
    case = render.rendered()["attachment-3-red"]
    wrapped = [line for line in case.layout.lines() if line.x < 2500 and line.text
               and line.text[0] in LONG_LABEL and line.page == len(case.layout.pages)]
    model = [line.text for line in wrapped if line.text in LONG_LABEL]
    assert "".join(model) == LONG_LABEL and len(model) == 3
    printed = [line["text"].replace(" ", "") for line in case.measured["per_page"][-1]["lines"]]
    assert all(any(text.startswith(part) for text in printed) for part in model)
