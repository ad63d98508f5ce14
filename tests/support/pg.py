"""The PostgreSQL server the tests use: TEST_POSTGRES_URL (an admin login), one database per test.

A migrated template database is made once per run (one per pytest-xdist worker, so that the workers
never drop each other's); each test's database is a copy of it (CREATE DATABASE … TEMPLATE), which is
much faster than migrating every time.
"""
from __future__ import annotations

import itertools
import os
from contextlib import contextmanager

import pytest

ENV = "TEST_POSTGRES_URL"
# "gw0", "gw1", … under pytest-xdist; "main" in a plain run.
TEMPLATE = f"fznb_test_template_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
_names = itertools.count()


def admin_connection(url: str):
    import psycopg
    return psycopg.connect(url, autocommit=True)


def database_url(admin_url: str, name: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def server_or_skip() -> str:
    """The admin URL, with the template database made; skips the test when there is no server."""
    url = os.environ.get(ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server for the tests: set {ENV} (bash .ci/postgres.sh start prints it)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -r requirements.txt)")
    from core.archive import Archive
    with admin_connection(url) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    Archive(database_url(url, TEMPLATE)).close()
    return url


@contextmanager
def fresh_database(admin_url: str, template: str = TEMPLATE):
    name = f"fznb_test_{os.getpid()}_{next(_names)}"
    with admin_connection(admin_url) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield database_url(admin_url, name)
    finally:
        with admin_connection(admin_url) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def reader_login(database_url_: str):
    """A login that may only read this database (as README「单位服务器」 sets one up); yields its URL."""
    from sqlalchemy.engine import make_url
    url = make_url(database_url_)
    role = f"{url.database}_reader"
    with admin_connection(database_url_) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'reader-pass'")
        conn.execute(f"GRANT CONNECT ON DATABASE {url.database} TO {role}")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    try:
        yield url.set(username=role, password="reader-pass").render_as_string(hide_password=False)
    finally:
        with admin_connection(database_url_) as conn:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")
