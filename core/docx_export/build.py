"""Build the 公文 .docx from the page model: the package set-up, the section (A4, margins, line grid,
odd/even page numbers), the document properties, then the model's flow written paragraph by paragraph.

Where a page ends was decided by `core.pages`; the .docx states the same paragraphs and keep rules, so
Word, WPS and LibreOffice break the pages where the model did.
"""
from __future__ import annotations

from datetime import datetime, timezone

import docx
from docx.oxml.ns import qn
from docx.shared import Twips

from core import APP_NAME, __version__
from core.docx_export.ooxml import add_page_field, add_run, paragraph_properties, setup_package
from core.docx_export.writer import FlowWriter
from core.fonts import FontSet
from core.outline import Report
from core.pages import PageLayout, geometry as g, layout_report
from core.export_options import VARIANTS
from core.pages.compose import PUBLIC_NOTE
from core.pages.flow import PAGE_NUMBER_STYLE

__all__ = ["build_document", "VARIANTS", "PUBLIC_NOTE", "setup_section"]


def build_document(report: Report, variant: str, fonts: FontSet, layout: PageLayout | None = None,
                   figures_table: list | None = None):
    layout = layout or layout_report(report, variant, figures_table)
    document = docx.Document()
    setup_package(document, fonts)
    set_properties(document, report, layout)
    setup_section(document.sections[0], fonts)
    FlowWriter(document, fonts, setup_section).write(layout.flow)
    return document


def set_properties(document, report: Report, layout: PageLayout) -> None:
    """docProps: this report and this export — not the template's 2013 dates or its application."""
    props = document.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.title = report.title
    props.author = report.organ_names[0] if report.organs else ""
    props.last_modified_by = props.author
    props.language = "zh-CN"
    props.comments = ""
    props.created = props.modified = now
    props.revision = 1
    app = next(p for p in document.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    app._blob = _app_xml(len(layout.pages)).encode("utf-8")


def _app_xml(pages: int) -> str:
    """Word and WPS recount words and characters on opening; the page count is the model's."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>{pages}</Pages>"
            f"<Application>{APP_NAME} {__version__}</Application>"
            "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")


def setup_section(section, fonts: FontSet, numbered: bool = True) -> None:
    section.page_width, section.page_height = Twips(g.PAGE_W), Twips(g.PAGE_H)
    section.top_margin, section.bottom_margin = Twips(g.MARGIN_TOP), Twips(g.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(g.MARGIN_LEFT), Twips(g.MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(851), Twips(g.FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))  # the template's own: modify, never add a second
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(g.LINE_PITCH))
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        _fill_footer(footer, fonts, jc, side, numbered)


def _fill_footer(footer, fonts: FontSet, jc: str, side: str, numbered: bool) -> None:
    """「— N —」 in 4号宋体, one 4号 character in from the outer edge; empty on the blank and 版记 pages."""
    p = footer.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    p.append(paragraph_properties(jc=jc, line=g.FOOTER_LINE, snap=False, **{side: g.COLOPHON_CHAR_W}))
    if numbered:
        add_run(p, "— ", PAGE_NUMBER_STYLE, fonts)
        add_page_field(p, PAGE_NUMBER_STYLE, fonts)
        add_run(p, " —", PAGE_NUMBER_STYLE, fonts)
