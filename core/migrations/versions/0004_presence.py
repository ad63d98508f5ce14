"""Presence: which window (on which computer) has which report open and in which chapter.

Revision ID: 0004
Revises: 0003

Used on a server archive (core.archive.presence); each window refreshes its row every ~20 s and a row
not refreshed for a minute counts as gone. An SQLite file has the table but one window at a time.
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("client", sa.String(64), primary_key=True),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("chapter", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_presence_report_id", "presence", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_presence_report_id", "presence")
    op.drop_table("presence")
