"""Key figures: a report's figure set (审查合同959份, 出庭应诉率100%), one row per figure.

Revision ID: 0003
Revises: 0002

Values are stored as exact decimal text (core.figures), NULL for a slot not filled in yet.
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("value", sa.String(40), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.UniqueConstraint("report_id", "key", name="uq_figures_report_key"),
    )
    op.create_index("ix_figures_report_id", "figures", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_figures_report_id", "figures")
    op.drop_table("figures")
