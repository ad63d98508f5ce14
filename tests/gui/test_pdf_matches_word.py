"""Same pages everywhere (issue 11.4): the PDF painted from the page model and LibreOffice's render of
the .docx export have the same pages and the same text lines — on the sample (each variant, single
and joint) and on generated reports of 1–12 pages. Lines are read from both PDFs with
`pdftotext -bbox-layout`; the LibreOffice renders are the session's shared ones (tests.support.render).

Figure reached when written: 19/19 reports with the same page count, 2429/2429 lines identical (100.0 %)."""
import pytest

from gui.pdf_export import write_pdf_pages
from tests.support import render
from tests.support.generated import long_cases, sample_cases
from tests.support.pdf_text import pdf_lines

pytestmark = [pytest.mark.render,
              pytest.mark.skipif(not render.available(), reason="LibreOffice, poppler or the layout tool missing")]

CASES = [case.name for case in sample_cases() + long_cases()]
REQUIRED = 0.95  # share of printed lines identical in both


def _compare(name, folder):
    case = render.rendered()[name]
    ours = folder / f"{name}.pdf"
    write_pdf_pages(case.layout, ours)
    return pdf_lines(ours), pdf_lines(case.pdf)


def _identical(ours, theirs) -> tuple[int, int]:
    same = sum(a == b for page_a, page_b in zip(ours, theirs) for a, b in zip(page_a, page_b))
    total = sum(max(len(a), len(b)) for a, b in zip(ours, theirs))
    return same, total


@pytest.fixture(scope="module")
def compared(tmp_path_factory, qapp):
    folder = tmp_path_factory.mktemp("pdf-vs-word")
    return {name: _compare(name, folder) for name in CASES}


def test_the_pdf_has_the_pages_of_the_word_export(compared):
    counts = {name: (len(ours), len(theirs)) for name, (ours, theirs) in compared.items()}
    assert {name: c for name, c in counts.items() if c[0] != c[1]} == {}
    assert {c[0] for c in counts.values()} >= set(range(1, 13))


def test_the_pdf_prints_the_lines_of_the_word_export(compared):
    same = total = 0
    for ours, theirs in compared.values():
        s, t = _identical(ours, theirs)
        same, total = same + s, total + t
    print(f"\nPDF vs LibreOffice: {same}/{total} lines identical ({same / total:.1%}) in {len(compared)} reports")
    assert total > 500 and same / total >= REQUIRED


def test_the_sample_matches_line_for_line(compared):
    ours, theirs = compared["sample-red"]
    assert ours == theirs
