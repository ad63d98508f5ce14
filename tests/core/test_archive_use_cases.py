"""The window's multi-step use cases as single Archive methods: an import with the figures the clerk
confirmed, and an export in another format (the PDF) with its snapshot — each one transaction."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import AppError
from core.figures import Figure
from tests.support.reports import sample_report


def test_an_import_stores_the_confirmed_figures_with_the_report(archive):
    figures = [Figure("contracts_reviewed", "", "", Decimal(880))]
    report_id, replaced = archive.import_report(sample_report(), False, "x.docx", figures)
    assert not replaced
    assert {f.key: f.value for f in archive.figures(report_id)}["contracts_reviewed"] == Decimal(880)


def test_a_bad_figure_leaves_no_half_import(archive):
    bad = [Figure("contracts_reviewed", "", "", Decimal(1)), Figure("坏 代码!", "", "个", Decimal(2))]
    with pytest.raises(AppError, match="指标代码"):
        archive.import_report(sample_report(), False, "x.docx", bad)
    assert archive.list_reports() == []  # the report went with the figure: one transaction


def test_an_export_with_another_writer_snapshots_what_it_wrote(archive, tmp_path):
    report_id = archive.create_report(sample_report())
    written = []

    def writer(report, path, variant, font_set, figures_table=None):
        written.append((report.year, path, variant, font_set, figures_table))
    archive.export_report(report_id, tmp_path / "r.pdf", "red", "default", "导出 PDF", writer=writer)
    assert written == [(2024, tmp_path / "r.pdf", "red", "default", None)]
    assert [s.label for s in archive.list_snapshots(report_id)] == ["导出 PDF"]


def test_a_failed_export_with_another_writer_leaves_no_snapshot(archive, tmp_path):
    report_id = archive.create_report(sample_report())

    def writer(*_args, **_kwargs):
        raise AppError("写不进去")
    with pytest.raises(AppError, match="写不进去"):
        archive.export_report(report_id, tmp_path / "r.pdf", "red", "default", "导出 PDF", writer=writer)
    assert archive.list_snapshots(report_id) == []
