"""Versions keep the 数据 page: a snapshot holds the figures, restoring it puts them back."""
import json
from decimal import Decimal

from core.figures import Figure
from core.schema import SnapshotRow
from tests.support.reports import sample_report


def _value(archive, report_id, key="contracts_reviewed"):
    return next(f.value for f in archive.figures(report_id) if f.key == key)


def _set(archive, report_id, value):
    archive.set_figures(report_id, [Figure("contracts_reviewed", "合法性审查合同", "份", value)])


def test_restoring_a_version_brings_its_figures_back(archive):
    report_id = archive.create_report(sample_report())
    _set(archive, report_id, Decimal(959))
    snapshot_id = archive.take_snapshot(report_id, "定稿", automatic=False)
    _set(archive, report_id, Decimal(1000))
    assert next(f.value for f in archive.load_snapshot(snapshot_id).figures
                if f.key == "contracts_reviewed") == 959
    archive.restore_snapshot(snapshot_id)
    assert _value(archive, report_id) == 959


def test_a_version_from_before_figures_leaves_the_figures_alone(archive):
    report_id = archive.create_report(sample_report())
    snapshot_id = archive.take_snapshot(report_id, "旧版本", automatic=False)
    with archive._transaction(write=True) as s:  # a version stored before figures were kept
        row = s.get(SnapshotRow, snapshot_id)
        content = json.loads(row.content)
        content.pop("figures")
        row.content = json.dumps(content, ensure_ascii=False)
    _set(archive, report_id, Decimal(12))
    archive.restore_snapshot(snapshot_id)
    assert _value(archive, report_id) == 12
