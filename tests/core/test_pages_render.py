"""The page model against LibreOffice: for every generated report (1–12 pages, every remainder of
lines on the last page, each heading level near a page end, long titles, joint organs, sealed and
unsealed, every variant) the rendered PDF has the model's pages, each starting with the model's line.

All documents are rendered in one LibreOffice run shared with the other render tests."""
import pytest

from core.pages.flow import BLANK, DATE, HEADINGS, SIGNATURE
from tests.support import render
from tests.support.generated import all_cases

pytestmark = [pytest.mark.render,
              pytest.mark.skipif(not render.available(), reason="LibreOffice, poppler or the layout tool missing")]

CASES = [case.name for case in all_cases()]
COMPARED = 12  # characters of each page's first line compared (the layout tool keeps 40)


def _norm(text):
    return "".join((text or "").split())[:COMPARED]


def _model_first_lines(layout):
    firsts = []
    for page in layout.pages:
        lines = sorted((line for line in page.lines if line.text.strip()), key=lambda line: (line.y, line.x))
        firsts.append(_norm(lines[0].text) if lines else None)
    return firsts


def _rendered_first_lines(measured):
    return [_norm(page["lines"][0]["text"]) if page["lines"] else None for page in measured["per_page"]]


@pytest.mark.parametrize("name", CASES)
def test_libreoffice_breaks_pages_where_the_model_does(name):
    case = render.rendered()[name]
    assert case.measured["pages"] == len(case.layout.pages)
    assert _rendered_first_lines(case.measured) == _model_first_lines(case.layout)
    footers = [[f["text"] for f in page["footer"]] for page in case.measured["per_page"]]
    assert footers == [[f"—{page.number}—"] if page.numbered else [] for page in case.layout.pages]


def test_the_cases_cover_one_to_twelve_pages_and_every_variant():
    layouts = [render.rendered()[name] for name in CASES]
    assert {len(r.layout.pages) for r in layouts} >= set(range(1, 13))
    assert {r.case.variant for r in layouts} == {"red", "plain", "web"}
    last_page_fill = {len(r.layout.pages[-1].lines) for r in layouts if r.case.variant == "web"}
    assert len(last_page_fill) >= 10


@pytest.mark.parametrize("name", CASES)
def test_keep_rules_hold_on_every_page(name):
    layout = render.rendered()[name].layout
    for page in layout.pages:
        texts = [line for line in page.lines if line.text.strip()]
        if texts:
            assert texts[-1].role not in HEADINGS, f"page {page.number} ends with a heading"
        signature = [line for line in texts if line.role in (SIGNATURE, DATE)]
        if signature and page.number > 1:
            above = [line for line in texts if line.y < signature[0].y and line.role != BLANK]
            assert len(above) >= 2, f"page {page.number}: the 落款 without two body lines"
    colophon = [page for page in layout.pages if any(line.role == "colophon" for line in page.lines)]
    if colophon:
        assert colophon == [layout.pages[-1]] and colophon[0].number % 2 == 0
        bottom = max(line.y + line.height for line in colophon[0].lines)
        assert bottom >= 2098 + 12756 - 600  # at the foot of the page
