"""Proof by rendering: LibreOffice lays out the exported sample and a ruler checks GB/T 9704's numbers.

The sample is rendered with every other rendered test's documents in one LibreOffice run
(tests.support.render)."""
import pytest

from tests.support import render

pytestmark = [pytest.mark.render,
              pytest.mark.skipif(not render.available(), reason="LibreOffice, poppler or the layout tool missing")]

PAGE_NUMBER_INSET_MM = 4.9  # one 4号 character
DATE = "2025年1月22日"  # the sample's 成文日期


@pytest.fixture(scope="session")
def rendered():
    def measured(variant):
        return render.rendered()[f"sample-{variant}"].measured
    return measured


def _full_body_pages(report):
    """Pages between the first (版头/title) and the one with the 成文日期."""
    pages = report["per_page"]
    dated = next(i for i, page in enumerate(pages) if any(line["text"] == DATE for line in page["lines"]))
    return pages[1:dated]


def _is_cjk_only(text):
    return text.isascii() is False and not any(ch.isascii() for ch in text)


@pytest.mark.parametrize("variant", ["red", "plain", "web"])
def test_full_pages_hold_22_lines_of_28_characters(rendered, variant):
    report = rendered(variant)
    assert report["page_size_mm"] == [210.0, 297.0]
    pages = _full_body_pages(report)
    assert pages, "the sample should fill at least one full body page"
    assert max(page["body_lines"] for page in pages) >= 21
    for page in pages:
        assert page["body_lines"] <= 22, page["page"]  # fewer where a heading or the 落款 moved on
        assert 28.8 <= page["line_pitch_pt"] <= 29.1
        lines = page["lines"]
        continued = [a for a, b in zip(lines, lines[1:]) if abs(b["left_mm"] - 28) < 1 and _is_cjk_only(a["text"])]
        assert max(line["chars"] for line in lines if _is_cjk_only(line["text"])) == 28
        full = [line for line in continued if line["chars"] == 28]
        assert len(full) >= 0.75 * len(continued)  # the rest lost one character to 避头 rules


@pytest.mark.parametrize("variant", ["red", "plain", "web"])
def test_text_sits_in_the_type_area(rendered, variant):
    for page in rendered(variant)["per_page"]:
        if page["body_lines"] >= 10:
            assert abs(page["text_left_mm"] - 28) <= 1, page["page"]
            assert page["text_right_mm"] >= 25, page["page"]
    for page in _full_body_pages(rendered(variant)):
        assert 38 <= page["text_top_mm"] <= 40  # first line on the 37 mm top margin
    if variant != "red":
        assert 37 <= rendered(variant)["per_page"][0]["text_top_mm"] <= 40  # the title


GLYPH_BELOW_FONT_BOX_MM = 1.5  # 小标宋's substitute: the glyphs start this far below the text box top


def test_red_banner_top_is_35mm_below_the_type_area(rendered):
    """The glyphs' top edge (measured at 300 dpi: 72.0 mm) 35 mm below the 版心's top (37 mm)."""
    glyph_top = rendered("red")["per_page"][0]["text_top_mm"] + GLYPH_BELOW_FONT_BOX_MM
    assert abs(glyph_top - (37 + 35)) <= 0.5


@pytest.mark.parametrize("variant", ["red", "web"])
def test_page_numbers_alternate_and_sit_7mm_below_the_type_area(rendered, variant):
    for page in rendered(variant)["per_page"]:
        footer = page["footer"]
        assert [f["text"] for f in footer] == [f"—{page['page']}—"]
        number = footer[0]
        if page["page"] % 2:
            assert abs(number["right_mm"] - (26 + PAGE_NUMBER_INSET_MM)) <= 1
        else:
            assert abs(number["left_mm"] - (28 + PAGE_NUMBER_INSET_MM)) <= 1
        assert abs(number["top_mm"] + 2.5 - (297 - 35 + 7)) <= 1  # dash centre, 14 pt line


@pytest.mark.parametrize("variant", ["red", "plain"])
def test_colophon_is_at_the_foot_of_an_even_last_page(rendered, variant):
    report = rendered(variant)
    assert report["pages"] % 2 == 0
    last = report["per_page"][-1]["lines"]
    assert last[-1]["text"].endswith("印发") and last[-2]["text"] == "中共景毛乡委员会办公室"
    assert any(line["text"].startswith("抄送：") for line in last)
    assert 255 <= report["per_page"][-1]["text_bottom_mm"] <= 262


def test_web_version_has_no_colophon(rendered):
    texts = [line["text"] for page in rendered("web")["per_page"] for line in page["lines"]]
    assert "（此件公开发布）" in texts
    assert not any(t.startswith("抄送") or t.endswith("印发") for t in texts)
