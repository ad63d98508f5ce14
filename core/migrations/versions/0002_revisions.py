"""Revisions: reports and chapters remember the change at which they were last written.

Revision ID: 0002
Revises: 0001

A save states the revision it edited and is refused when the row has moved on (core/archive). Revision
numbers come from one archive-wide counter, so a row created later (even one that reuses the id of a
deleted chapter) never carries a number an older editor could hold.
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("reports", "chapters"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "revision_counter",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.execute("INSERT INTO revision_counter (id, value) VALUES (1, 0)")


def downgrade() -> None:
    # Not through batch mode: rebuilding reports or chapters would cascade-delete their children.
    op.drop_table("revision_counter")
    for table in ("chapters", "reports"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN revision")
