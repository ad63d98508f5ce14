"""SQLAlchemy 2.0 ORM tables. Only core/archive.py opens sessions on them.

The schema itself is created and upgraded by the Alembic migrations in core/migrations; a test checks
that these classes and the migrations agree.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class OrganRow(Base):
    """An issuing organ (发文机关), e.g. 中共景毛乡委员会 with 文号 short form 景发."""
    __tablename__ = "organs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(50), default="")


class ReportOrganRow(Base):
    """The organs of a report, in order; the first is the lead organ."""
    __tablename__ = "report_organs"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organs.id", ondelete="RESTRICT"), index=True)
    organ: Mapped[OrganRow] = relationship(lazy="joined")


class ReportRow(Base):
    __tablename__ = "reports"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'final', 'issued')", name="ck_reports_status"),
        CheckConstraint("banner_mode IN ('lead', 'all')", name="ck_reports_banner_mode"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    banner_mode: Mapped[str] = mapped_column(String(10), default="lead")
    doc_number: Mapped[str] = mapped_column(String(100), default="")
    signer: Mapped[str] = mapped_column(String(100), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    written_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    cc: Mapped[str] = mapped_column(Text, default="")
    printing_organ: Mapped[str] = mapped_column(String(200), default="")
    printing_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    organ_links: Mapped[list[ReportOrganRow]] = relationship(
        order_by=ReportOrganRow.position, cascade="all, delete-orphan", passive_deletes=True)
    chapters: Mapped[list[ChapterRow]] = relationship(
        order_by="ChapterRow.position", cascade="all, delete-orphan", passive_deletes=True)


class ChapterRow(Base):
    __tablename__ = "chapters"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    template_key: Mapped[str | None] = mapped_column(String(40), nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    blocks: Mapped[list[BlockRow]] = relationship(
        order_by="BlockRow.position", cascade="all, delete-orphan", passive_deletes=True)


class BlockRow(Base):
    __tablename__ = "blocks"
    __table_args__ = (CheckConstraint("level IN (0, 2, 3, 4)", name="ck_blocks_level"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapters.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer, default=0)
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")


class SnapshotRow(Base):
    """A full copy of a report's content (JSON of core.outline.report_to_dict) at a moment."""
    __tablename__ = "snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(Text, default="")
    automatic: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    char_count: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[str] = mapped_column(Text)


class RevisionCounterRow(Base):
    """One row: the archive-wide number of the last change that set a revision (see 0002_revisions)."""
    __tablename__ = "revision_counter"
    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class FigureRow(Base):
    """A key figure of a report (core.figures): value is the exact decimal as text, NULL when not entered."""
    __tablename__ = "figures"
    __table_args__ = (UniqueConstraint("report_id", "key", name="uq_figures_report_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(10), default="")
    value: Mapped[str | None] = mapped_column(String(40), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class PresenceRow(Base):
    """Who has which report open on a server archive, and in which chapter (core.archive.presence)."""
    __tablename__ = "presence"
    client: Mapped[str] = mapped_column(String(64), primary_key=True)  # one per window, random
    who: Mapped[str] = mapped_column(Text, default="")  # the computer's (or user's) name, as shown
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    chapter: Mapped[str] = mapped_column(Text, default="")
    seen_at: Mapped[datetime] = mapped_column(DateTime)  # the server's clock, not the PC's
