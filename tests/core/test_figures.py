"""Key figures: the standard list, values and changes, stored per report and carried to next year."""
import sqlite3
from decimal import Decimal

import pytest

from core.archive import Archive
from core.storage import head_revision
from core.errors import AppError
from core.figures import (Figure, FigureComparison, change_text, figure_set, format_value, fragment,
                          parse_value, standard_indicators)
from core.outline import Organ

LABELS = {i.key: i for i in standard_indicators()}


def test_standard_list_has_the_usual_figures_with_units():
    units = {i.label: i.unit for i in standard_indicators()}
    assert units["合法性审查合同"] == "份" and units["负责人出庭应诉率"] == "%"
    assert units["罚款金额"] == "元" and units["持行政执法证人员"] == "人" and units["学法"] == "次"
    assert len(set(LABELS)) == len(standard_indicators()) >= 20


@pytest.mark.parametrize("delta, unit, text", [
    (Decimal(3), "件", "+3 件"), (Decimal("-2.1"), "%", "−2.1 个百分点"), (Decimal(0), "份", "持平"),
    (None, "件", ""), (Decimal("12.50"), "元", "+12.5 元")])
def test_change_text(delta, unit, text):
    assert change_text(delta, unit) == text


def test_comparison_computes_the_change_once():
    rate = Figure("head_appearance_rate", "负责人出庭应诉率", "%", Decimal(95))
    assert FigureComparison(rate, Decimal("97.1")).change_text == "−2.1 个百分点"
    assert FigureComparison(rate, None).change_text == ""
    assert format_value(Decimal(100), "%") == "100%" and format_value(Decimal(959), "份") == "959 份"


@pytest.mark.parametrize("typed, value", [("959", 959), ("１，２３４", 1234), ("95.5%", Decimal("95.5")),
                                          (" ", None)])
def test_parse_value_accepts_what_a_clerk_types(typed, value):
    figure = Figure("x", "比率", "%") if "%" in typed else Figure("x", "件数", "件")
    assert parse_value(typed, figure) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("typed, words", [("abc", "不是数字"), ("-3", "不小于 0"), ("101", "不能超过 100%")])
def test_parse_value_refuses_in_chinese(typed, words):
    with pytest.raises(AppError, match=words):
        parse_value(typed, Figure("rate", "败诉率", "%"))


def test_fragment_uses_the_texts_phrase():
    assert fragment(Figure("contracts_reviewed", "合法性审查合同", "份", Decimal(123))) == "审查合同123份"


def test_new_report_shows_every_standard_figure_empty(archive):
    report_id = archive.new_report(2025, [Organ("景毛乡人民政府")])
    figures = archive.figures(report_id)
    assert [f.key for f in figures] == [i.key for i in standard_indicators()]
    assert all(f.value is None for f in figures)
    assert archive.load_report(report_id).figures == figures


def test_set_figures_and_compare_with_last_year(archive):
    last = archive.new_report(2024, [Organ("景毛乡人民政府")])
    archive.set_figures(last, [Figure("contracts_reviewed", "", "", Decimal(950)),
                               Figure("head_appearance_rate", "", "", Decimal("97.1")),
                               Figure("grid_staff", "网格员人数", "人", Decimal(40), "含专职")])
    this = archive.new_report(2025, from_year=2024)
    assert [(f.key, f.value) for f in archive.figures(this) if f.key == "grid_staff"] == [("grid_staff", None)]
    archive.set_figures(this, [Figure("contracts_reviewed", "", "", Decimal(959)),
                               Figure("head_appearance_rate", "", "", Decimal(95))])
    table = {c.figure.key: c for c in archive.figure_table(this)}
    assert table["contracts_reviewed"].change_text == "+9 份"
    assert table["head_appearance_rate"].change_text == "−2.1 个百分点"
    assert table["grid_staff"].previous == 40 and table["grid_staff"].figure.label == "网格员人数"
    assert table["fines"].change_text == ""
    assert {f.key: f.value for f in archive.previous_figures(this)}["contracts_reviewed"] == 950
    assert archive.figure_history(this, "contracts_reviewed") == [(2024, 950), (2025, 959)]


@pytest.mark.sqlite_only  # reads the file with sqlite3
def test_a_bad_figure_stores_nothing(archive, db_path):
    report_id = archive.new_report(2025)
    with pytest.raises(AppError, match="单位"):
        archive.set_figures(report_id, [Figure("contracts_reviewed", "", "", Decimal(3)),
                                        Figure("odd", "奇怪的指标", "斤", Decimal(1))])
    with pytest.raises(AppError, match="比率不能超过"):
        archive.set_figures(report_id, [Figure("litigation_loss_rate", "", "", Decimal(120))])
    assert all(f.value is None for f in archive.figures(report_id))
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == 0


def test_custom_figures_come_after_the_standard_ones_and_can_be_removed(archive):
    report_id = archive.new_report(2025)
    archive.set_figures(report_id, [Figure("b_custom", "乙", "件", Decimal(1)),
                                    Figure("a_custom", "甲", "件", Decimal(2))])
    keys = [f.key for f in archive.figures(report_id)]
    assert keys[-2:] == ["b_custom", "a_custom"]
    archive.remove_figure(report_id, "b_custom")
    assert "b_custom" not in [f.key for f in archive.figures(report_id)]
    with pytest.raises(AppError, match="标准指标不能删除"):
        archive.remove_figure(report_id, "fines")


@pytest.mark.sqlite_only  # reads the file with sqlite3
def test_figures_go_with_their_report_when_it_is_purged(archive, db_path):
    report_id = archive.new_report(2025)
    archive.set_figures(report_id, [Figure("fines", "", "", Decimal(3500))])
    archive.delete_report(report_id)
    archive.purge_report(report_id)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == 0


def test_figure_set_keeps_stored_values_in_standard_order():
    stored = [Figure("fines", "罚款金额", "元", Decimal(5)), Figure("zz", "自定", "次", Decimal(1))]
    merged = figure_set(stored)
    assert merged[-1].key == "zz" and next(f for f in merged if f.key == "fines").value == 5


def test_an_archive_from_before_figures_is_upgraded_with_its_reports(db_path):
    with Archive(db_path) as archive:
        report_id = archive.new_report(2024, [Organ("景毛乡人民政府")])
    with sqlite3.connect(db_path) as conn:  # the file as version 0002 left it
        conn.execute("DROP TABLE presence")  # from 0004 on
        conn.execute("DROP INDEX ix_figures_report_id")
        conn.execute("DROP TABLE figures")
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]
        archive.set_figures(report_id, [Figure("fines", "", "", Decimal(3500))])
        assert {f.key: f.value for f in archive.figures(report_id)}["fines"] == 3500
    with sqlite3.connect(db_path) as conn:
        # 0003 and every later step
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
