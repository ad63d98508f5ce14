"""What a --db value names: an archive file, or an archive on a PostgreSQL server (a URL).

Kept free of SQLAlchemy so that the window can tell the two apart before the database layer loads.
"""
from __future__ import annotations

import re

SERVER_URL = re.compile(r"^postgres(ql)?(\+\w+)?://", re.IGNORECASE)


def is_server_url(location: object) -> bool:
    """True for postgresql://…, postgres://…, postgresql+psycopg://…, postgresql+pg8000://…"""
    return isinstance(location, str) and SERVER_URL.match(location) is not None
