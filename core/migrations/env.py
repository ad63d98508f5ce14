"""Alembic environment: run on the connection core/storage.py hands over (no alembic.ini)."""
from alembic import context

from core.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
