"""What the archive hands out besides core.outline's Report: summaries, snapshot and search rows,
the one mapping of stored rows to them, and the rules for a report's year, default title and next
year's copy.

Nothing here imports SQLAlchemy: the rows mapped may be the ORM's (core.schema) or the plain rows of
the window's first read (core.archive.first_read), which carry the same attribute names.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.errors import AppError
from core.outline import MIN_YEAR, Block, Chapter, Organ, Report, latest_year
from core.template import advance_years

REPORT_FIELDS = ("year", "title", "banner_mode", "doc_number", "signer", "recipients",
                 "written_date", "cc", "printing_organ", "printing_date", "note", "signature",
                 "status")


@dataclass(frozen=True)
class ReportSummary:
    id: int
    year: int
    title: str
    organs: tuple[str, ...]
    status: str
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    report_id: int
    label: str
    automatic: bool
    created_at: datetime
    char_count: int


@dataclass(frozen=True)
class SearchHit:
    report_id: int
    year: int
    report_title: str
    chapter_id: int
    chapter_title: str
    block_index: int
    snippet: str


@dataclass(frozen=True)
class EditingView:
    """A report as the window opens it: the report, last year's for the side pane, the known organs."""
    report: Report
    previous: Report | None
    organs: list[Organ]


@dataclass(frozen=True)
class FixResult:
    changed: bool  # False: the text changed since the check, nothing was written
    snapshot_id: int | None = None  # the version taken before the fixes, when one was asked for


def report_from_row(row) -> Report:
    """A report row with its organ_links (→ organ) and chapters (→ blocks), in order, as a Report
    (without its figures: core.archive.figures loads those)."""
    report = Report(**{name: getattr(row, name) for name in REPORT_FIELDS})
    report.id, report.created_at, report.updated_at = row.id, row.created_at, row.updated_at
    report.revision = row.revision
    report.organs = [Organ(link.organ.name, link.organ.short_name) for link in row.organ_links]
    report.chapters = [Chapter(title=c.title, template_key=c.template_key, id=c.id, revision=c.revision,
                               blocks=[Block(b.level, b.heading, b.text) for b in c.blocks])
                       for c in row.chapters]
    return report


def summary_from_row(row) -> ReportSummary:
    """A report row with its organ_links (→ organ), in order, as the archive list shows it."""
    return ReportSummary(row.id, row.year, row.title, tuple(link.organ.name for link in row.organ_links),
                         row.status, row.updated_at, row.deleted_at)


def pick_previous(candidates: list, lead_organ_id: int | None):
    """Of the live report rows of the year before (by id), the one last year's side pane shows: the
    first with the same lead organ, else the first."""
    same_lead = [c for c in candidates if c.organ_links and c.organ_links[0].organ_id == lead_organ_id]
    return (same_lead or candidates)[0] if candidates else None


def check_year(year: int) -> int:
    latest = latest_year()
    if not MIN_YEAR <= int(year) <= latest:
        raise AppError(f"年份 {year} 不在 {MIN_YEAR}—{latest} 之间，请检查后重新输入。")
    return int(year)


def default_title(year: int, organs: list[Organ]) -> str:
    names = " ".join(o.name for o in organs)
    return f"{names}关于{year}年度法治政府建设情况的报告" if names else f"{year}年度法治政府建设情况报告"


def copy_for_year(source: Report, year: int, copy_text: bool) -> Report:
    """Next year's report from an earlier one: organs, metadata and structure; text if asked."""
    chapters = [Chapter(title=advance_years(c.title, source.year, year), template_key=c.template_key,
                        blocks=[Block(b.level, b.heading, b.text) for b in c.blocks] if copy_text
                        else [])
                for c in source.chapters]
    return Report(year=year, title=advance_years(source.title, source.year, year),
                  organs=[Organ(o.name, o.short_name) for o in source.organs],
                  banner_mode=source.banner_mode, signer=source.signer,
                  recipients=source.recipients, cc=source.cc, printing_organ=source.printing_organ,
                  note=source.note, signature=source.signature, chapters=chapters)
