"""Initial schema: organs, reports, chapters, blocks, snapshots and the full-text index.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: trigram tokens let a substring of Chinese text (which has no spaces) match; core/archive/search.py
# falls back to LIKE for queries shorter than three characters. PostgreSQL: see _server_search_index().
FTS_STATEMENTS = [
    "CREATE VIRTUAL TABLE block_search USING fts5(heading, text, content='blocks', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN "
    "INSERT INTO block_search(rowid, heading, text) VALUES (new.id, new.heading, new.text); END",
    "CREATE TRIGGER blocks_ad AFTER DELETE ON blocks BEGIN "
    "INSERT INTO block_search(block_search, rowid, heading, text) "
    "VALUES ('delete', old.id, old.heading, old.text); END",
    "CREATE TRIGGER blocks_au AFTER UPDATE ON blocks BEGIN "
    "INSERT INTO block_search(block_search, rowid, heading, text) "
    "VALUES ('delete', old.id, old.heading, old.text); "
    "INSERT INTO block_search(rowid, heading, text) VALUES (new.id, new.heading, new.text); END",
]


def upgrade() -> None:
    op.create_table(
        "organs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("short_name", sa.String(50), nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("banner_mode", sa.String(10), nullable=False),
        sa.Column("doc_number", sa.String(100), nullable=False),
        sa.Column("signer", sa.String(100), nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("written_date", sa.Date, nullable=True),
        sa.Column("cc", sa.Text, nullable=False),
        sa.Column("printing_organ", sa.String(200), nullable=False),
        sa.Column("printing_date", sa.Date, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=True, index=True),
        sa.CheckConstraint("status IN ('draft', 'final', 'issued')", name="ck_reports_status"),
        sa.CheckConstraint("banner_mode IN ('lead', 'all')", name="ck_reports_banner_mode"),
    )
    op.create_table(
        "report_organs",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("organ_id", sa.Integer, sa.ForeignKey("organs.id", ondelete="RESTRICT"),
                  nullable=False, index=True),
    )
    op.create_table(
        "chapters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("template_key", sa.String(40), nullable=True),
        sa.Column("title", sa.Text, nullable=False),
    )
    op.create_table(
        "blocks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chapter_id", sa.Integer, sa.ForeignKey("chapters.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("heading", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.CheckConstraint("level IN (0, 2, 3, 4)", name="ck_blocks_level"),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("char_count", sa.Integer, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)
    else:
        _server_search_index()


def _server_search_index() -> None:
    """PostgreSQL: search is ILIKE on blocks (core/archive/search.py); pg_trgm's GIN indexes speed it
    up where the extension can be created. Without it the same queries scan, with the same results."""
    bind = op.get_bind()
    available = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first() is not None
    allowed = bind.exec_driver_sql("SELECT has_database_privilege(current_database(), 'CREATE')").scalar()
    if not (available and allowed):
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("heading", "text"):
        op.execute(f"CREATE INDEX ix_blocks_{column}_trgm ON blocks USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("blocks_au", "blocks_ad", "blocks_ai"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE block_search")
    for table in ("snapshots", "blocks", "chapters", "report_organs", "reports", "organs"):
        op.drop_table(table)
