"""Key figures in the archive: the session-level steps and the facade's figure methods (FiguresMixin).

A report's figure set is every standard indicator plus the user's own figures (core.figures.figure_set);
only figures that were ever entered or added have a row. Like every facade method, each public method
of FiguresMixin is one transaction.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, ContextManager

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.archive import records
from core.errors import AppError
from core.figures import (Figure, FigureComparison, check_custom, figure_from_row, figure_set, indicator,
                          standard_indicators)
from core.schema import FigureRow, ReportRow

CUSTOM_POSITION = 1000  # the user's own figures come after the standard list, in the order added


# --- session steps ---------------------------------------------------------------------------------

def stored_figures(s: Session, report_id: int) -> list[Figure]:
    rows = s.scalars(select(FigureRow).where(FigureRow.report_id == report_id)
                     .order_by(FigureRow.position, FigureRow.id))
    return [figure_from_row(r) for r in rows]


def load_figures(s: Session, report_id: int) -> list[Figure]:
    return figure_set(stored_figures(s, report_id))


def write_figures(s: Session, report_id: int, figures: list[Figure]) -> None:
    """Store figures by key: a standard key keeps its standard label and unit, a new custom key is
    checked and added after the others."""
    rows = {r.key: r for r in s.scalars(select(FigureRow).where(FigureRow.report_id == report_id))}
    next_custom = max([r.position + 1 for r in rows.values() if r.position >= CUSTOM_POSITION],
                      default=CUSTOM_POSITION)
    for figure in figures:
        row = rows.get(figure.key)
        if row is None:
            row = FigureRow(report_id=report_id, key=figure.key, position=_position(figure.key))
            standard = indicator(figure.key)
            if standard is None:
                check_custom(figure.key, figure.label, figure.unit)
                row.position, next_custom = next_custom, next_custom + 1
            row.label, row.unit = (standard.label, standard.unit) if standard else (figure.label.strip(),
                                                                                     figure.unit)
            rows[figure.key] = row
            s.add(row)
        _check_value(Figure(row.key, row.label, row.unit, figure.value))
        row.value = None if figure.value is None else format(figure.value, "f")
        row.note = figure.note
    records.touch(s, report_id)


def remove_custom_figure(s: Session, report_id: int, key: str) -> None:
    if indicator(key) is not None:
        raise AppError("标准指标不能删除；不需要时留空即可。")
    s.execute(delete(FigureRow).where(FigureRow.report_id == report_id, FigureRow.key == key))
    records.touch(s, report_id)


def copy_empty_slots(s: Session, source_id: int, target_id: int) -> None:
    """Next year's report keeps last year's figures (the user's own ones too) as empty slots."""
    for position, figure in enumerate(stored_figures(s, source_id)):
        s.add(FigureRow(report_id=target_id, position=_position(figure.key, CUSTOM_POSITION + position),
                        key=figure.key, label=figure.label, unit=figure.unit, value=None, note=""))
    s.flush()


def comparisons(s: Session, report_id: int) -> list[FigureComparison]:
    previous = records.previous_report(s, report_id)
    before = {f.key: f.value for f in stored_figures(s, previous.id)} if previous and previous.id else {}
    return [FigureComparison(f, before.get(f.key)) for f in load_figures(s, report_id)]


def history(s: Session, report_id: int, key: str) -> list[tuple[int, Decimal]]:
    """(year, value) of one figure over every year of the archive that has it, oldest first; of two
    reports in one year, the one with the lower id."""
    records.get_report(s, report_id)
    rows = s.execute(select(ReportRow.year, FigureRow.value)
                     .join(FigureRow, FigureRow.report_id == ReportRow.id)
                     .where(FigureRow.key == key, FigureRow.value.is_not(None), records.LIVE)
                     .order_by(ReportRow.year, ReportRow.id)).all()
    first_of_year: dict[int, Decimal] = {}
    for year, value in rows:  # portable SQL (no bare column beside an aggregate): pick in Python
        if value is not None:
            first_of_year.setdefault(year, Decimal(value))
    return list(first_of_year.items())


def _position(key: str, custom: int = CUSTOM_POSITION) -> int:
    keys = [i.key for i in standard_indicators()]
    return keys.index(key) if key in keys else custom


def _check_value(figure: Figure) -> None:
    if figure.value is not None and (figure.value < 0 or (figure.is_rate and figure.value > 100)):
        raise AppError(f"“{figure.label}”的数值 {figure.value} 不合理（不能为负数，比率不能超过 100%），"
                       "未保存。")


# --- the facade's methods ----------------------------------------------------------------------------

class FiguresMixin:
    """Archive methods for key figures; each one transaction (Archive._transaction)."""

    _transaction: Callable[..., ContextManager[Session]]  # provided by Archive

    def figures(self, report_id: int) -> list[Figure]:
        with self._transaction() as s:
            records.get_report(s, report_id)
            return load_figures(s, report_id)

    def previous_figures(self, report_id: int) -> list[Figure]:
        """Last year's figure set (see Archive.previous_report); [] when there is no report of last year."""
        with self._transaction() as s:
            previous = records.previous_report(s, report_id)
            return load_figures(s, previous.id) if previous and previous.id else []

    def figure_table(self, report_id: int) -> list[FigureComparison]:
        """This year's figures with last year's values and the changes, read together."""
        with self._transaction() as s:
            return comparisons(s, report_id)

    def set_figures(self, report_id: int, figures: list[Figure]) -> None:
        """Store values (and new custom figures) in one transaction: all of them or, on a bad one, none."""
        with self._transaction(write=True) as s:
            records.get_report(s, report_id)
            write_figures(s, report_id, figures)

    def remove_figure(self, report_id: int, key: str) -> None:
        """Remove one of the user's own figures from a report."""
        with self._transaction(write=True) as s:
            records.get_report(s, report_id)
            remove_custom_figure(s, report_id, key)

    def figure_history(self, report_id: int, key: str) -> list[tuple[int, Decimal]]:
        with self._transaction() as s:
            return history(s, report_id, key)
