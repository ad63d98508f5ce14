"""The page model: a report laid out on GB/T 9704-2012 pages, line by line, for the Word export, the
preview, printing and PDF.

    layout = layout_report(report, "red")      # PageLayout
    for page in layout.pages:                  # Page: number, numbered, lines, shapes, footer
        for line in page.lines:                # Line: x, y, width, height, baseline, spans, source
            ...
    layout.flow                                # the paragraphs the .docx writes (same breaks)

Units: twips (1/20 pt) from the paper's top-left corner; see core.pages.geometry.
"""
from core.pages.compose import PUBLIC_NOTE, VARIANTS
from core.pages.layout import layout_report
from core.pages.model import Line, Page, PageLayout, Shape, Span
from core.pages.flow import Source

__all__ = ["layout_report", "PageLayout", "Page", "Line", "Span", "Shape", "Source", "VARIANTS",
           "PUBLIC_NOTE"]
