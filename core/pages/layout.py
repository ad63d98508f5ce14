"""Lay out a report: compose the flow, break it into pages, then settle what depends on page ends —
the body lines that travel with the 落款 (7.3.5: never a page with only the 落款) and the 版记 at the
foot of an even page (7.4, 7.5)."""
from __future__ import annotations

from dataclasses import replace

from core.outline import Report
from core.pages import colophon, signature
from core.pages.compose import VARIANTS, compose, is_sealed
from core.pages.flow import BLANK, DATE, SIGNATURE, Item, Para
from core.pages.model import PageLayout
from core.pages.paginate import Paginator

CARRIED_LINES = 2  # body lines the 落款 takes with it to a new page


def layout_report(report: Report, variant: str = "red", figures_table: list | None = None) -> PageLayout:
    """The pages of `report` as exported in `variant` (red / plain / web); with the 附件
    「主要数据对照表」 when `figures_table` (core.figures.FigureComparison list) has figures to print."""
    if variant not in VARIANTS:
        raise ValueError(variant)
    flow, measured = compose(report, variant, figures_table), {}  # type: list[Item], dict
    paginator = Paginator(flow, measured)
    pages = paginator.run()
    if _signature_alone(flow, pages) and is_sealed(variant):
        flow = _with_signature_gap(report, flow, signature.SEALED_GAP - 1)
        paginator = Paginator(flow, measured)
        pages = paginator.run()
    if _signature_alone(flow, pages):
        _carry_body_lines(flow, pages)
        paginator = Paginator(flow, measured)
        pages = paginator.run()
    if variant != "web" and colophon.has_colophon(report):
        extra = colophon.placed(report, pages, pages[-1].used)
        flow = flow + extra
        pages = paginator.extend(extra)
    return PageLayout(pages, flow, variant)


def _signature_start(flow: list[Item]) -> int | None:
    first = next((i for i, item in enumerate(flow) if isinstance(item, Para)
                  and item.role in (SIGNATURE, DATE)), None)
    if first is None:
        return None
    while first > 0 and _is_blank(flow[first - 1]) and getattr(flow[first - 1], "keep_next", False):
        first -= 1
    return first


def _signature_alone(flow: list[Item], pages) -> bool:
    """Does the 落款 start a page with fewer than two lines of text above it on that page?"""
    start = _signature_start(flow)
    if start is None:
        return False
    for page in pages:
        counts = page.line_counts()
        if any(item >= start for item in counts):
            above = sum(n for item, n in counts.items() if item < start and not _is_blank(flow[item]))
            return above < CARRIED_LINES and page.number > 1
    return False


def _is_blank(item: Item) -> bool:
    return isinstance(item, Para) and item.role == BLANK


def _with_signature_gap(report: Report, flow: list[Item], gap: int) -> list[Item]:
    start = _signature_start(flow) or 0
    end = start
    while end < len(flow) and getattr(flow[end], "role", None) in (BLANK, SIGNATURE, DATE):
        end += 1
    return flow[:start] + signature.paragraphs(report, sealed=True, gap=gap) + flow[end:]


def _carry_body_lines(flow: list[Item], pages) -> None:
    """Make the last body lines travel with the 落款: paragraphs of up to three lines move whole (they
    cannot split anyway); of a longer one, the last two lines become a paragraph of their own that
    keeps with the 落款 (the break stated in the .docx as a paragraph end at a line end)."""
    start = _signature_start(flow) or 0
    carried, i = 0, start - 1
    while i >= 0 and carried < CARRIED_LINES:
        item = flow[i]
        if not isinstance(item, Para):
            break
        boxes = next(m.boxes for page in pages for m, *_ in page.placements if m.index == i)
        if len(boxes) > CARRIED_LINES + 1:
            flow[i + 1:i + 1] = [_continuation(item, boxes[-CARRIED_LINES].start)]
            return
        item.keep_next = item.keep_lines = True
        carried += len(boxes) if item.role != BLANK else 0
        i -= 1


def _continuation(para: Para, split: int) -> Para:
    """Split `para` at printed character `split` (a line start): the rest becomes a paragraph without
    first-line indent."""
    head_runs, tail_runs, position = [], [], 0
    for run in para.runs:
        cut = min(max(split - position, 0), len(run.text))
        if run.text[:cut]:
            head_runs.append(replace(run, text=run.text[:cut]))
        if run.text[cut:]:
            tail_runs.append(replace(run, text=run.text[cut:]))
        position += len(run.text)
    para.runs = head_runs
    source = replace(para.source, offset=-split + para.source.offset) if para.source else None
    return replace(para, runs=tail_runs, first_line_chars=0, keep_next=True, keep_lines=True,
                   page_break_before=False, source=source)
