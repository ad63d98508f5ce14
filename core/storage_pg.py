"""An archive on a PostgreSQL server (单位服务器): URLs, connecting, checks, migrations, transactions.

The counterpart of core/storage.py for `--db postgresql://user@host:5432/dbname`. The driver is chosen
by the URL: postgresql+psycopg (psycopg 3, the default when it is installed) or postgresql+pg8000 (pure
Python, for machines without a psycopg wheel).

Transactions: a writing transaction first takes one transaction-level advisory lock, so writers to one
archive take turns exactly as SQLite's BEGIN IMMEDIATE makes them: the compare-and-set of a chapter's
revision (core.archive.records) reads and writes with no other writer in between, across PCs too.
lock_timeout plays the part of SQLite's busy timeout.

The password is never shown: messages name the server by `label()`, which leaves it out.
"""
from __future__ import annotations

import importlib.util
import re

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from core import storage
from core.errors import ArchiveOpenError

DRIVERS = ("psycopg", "pg8000")
CONNECT_TIMEOUT_S = 5
# Any constant works as long as every client of one archive uses the same: it names "the archive's
# write lock" among the advisory locks of this database.
WRITE_LOCK_KEY = 0x66_7A_6E_62  # "fznb"


def server_url(text: str) -> URL:
    """The SQLAlchemy URL for a --db value, with the driver made explicit."""
    try:
        url = make_url(text.strip())
    except ArgumentError as err:
        raise ArchiveOpenError(f"服务器地址格式不对：{_without_password(text)}。"
                               "应为 postgresql://用户名@服务器:5432/数据库名。") from err
    driver = url.drivername.partition("+")[2]
    if driver and driver not in DRIVERS:
        raise ArchiveOpenError(f"不支持数据库驱动 {driver}。请用 postgresql://（psycopg）"
                               "或 postgresql+pg8000://。")
    if not driver:
        driver = "psycopg" if importlib.util.find_spec("psycopg") else "pg8000"
    if importlib.util.find_spec(driver) is None:
        raise ArchiveOpenError(f"本机没有安装连接单位服务器所需的组件 {driver}。"
                               f"请运行 pip install {'psycopg[binary]' if driver == 'psycopg' else driver}。")
    if not url.database:
        raise ArchiveOpenError(f"服务器地址 {label(url)} 中没有数据库名。"
                               "应为 postgresql://用户名@服务器:5432/数据库名。")
    return url.set(drivername=f"postgresql+{driver}")


def label(url: URL) -> str:
    """The URL as shown to the user and in logs: without the password, without the driver."""
    return URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                      database=url.database).render_as_string()


def login_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The --db URL for the fields of the window's 「连接到单位服务器」 (the password stays in memory)."""
    return URL.create("postgresql", username=user.strip() or None, password=password or None,
                      host=host.strip() or None, port=port or None,
                      database=database.strip() or None).render_as_string(hide_password=False)


def _without_password(text: str) -> str:
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1@", text)


def open_server_engine(url: URL, busy_timeout_s: float = storage.BUSY_TIMEOUT_S) -> tuple[Engine, bool]:
    """Connect, check, migrate; returns the engine and whether this login may only read."""
    timeout = {"psycopg": "connect_timeout", "pg8000": "timeout"}[url.get_driver_name()]
    engine = create_engine(url, pool_pre_ping=True, connect_args={timeout: CONNECT_TIMEOUT_S})
    lock_timeout_ms = int(busy_timeout_s * 1000)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        if conn.get_execution_options().get(storage.WRITE_OPTION, False):
            conn.exec_driver_sql(f"SELECT set_config('lock_timeout', '{lock_timeout_ms}', true), "
                                 f"pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    try:
        read_only = _check_and_migrate(engine, url)
    except DBAPIError as err:
        engine.dispose()
        raise ArchiveOpenError(describe_connect_error(err, url)) from err
    except BaseException:
        engine.dispose()
        raise
    return engine, read_only


def _check_and_migrate(engine: Engine, url: URL) -> bool:
    with engine.connect() as conn:
        read_only = _may_only_read(conn)
        revision = _check_ours(conn, url)
        conn.rollback()
    if revision == storage.head_revision():
        return read_only
    if read_only:
        raise ArchiveOpenError(f"单位服务器上的档案 {label(url)} 还没有建好或需要升级结构，而当前账号只能读取。"
                               "请IT人员用有写权限的账号先打开一次。")
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(storage.MIGRATIONS))
    # One transaction under the write lock: two clients opening a new archive at once migrate it once.
    try:
        with storage.write_engine(engine).begin() as conn:
            if _read_revision(conn) != storage.head_revision():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
    except DBAPIError as err:
        if sqlstate(err) != "42501":
            raise
        raise ArchiveOpenError(f"单位服务器上的档案 {label(url)} 需要建好或升级结构，当前账号 {url.username} "
                               "没有这个权限（档案未作任何改动）。请IT人员用管理账号先打开一次。") from err
    return False


def _may_only_read(conn) -> bool:
    if conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "on":
        return True
    if not inspect(conn).has_table("chapters"):
        return not conn.exec_driver_sql(
            "SELECT has_schema_privilege(current_schema(), 'CREATE')").scalar()
    return not conn.exec_driver_sql("SELECT has_table_privilege('chapters', 'UPDATE')").scalar()


def _read_revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _check_ours(conn, url: URL) -> str | None:
    revision = _read_revision(conn)
    if revision is None and inspect(conn).get_table_names():
        raise ArchiveOpenError(f"单位服务器上的数据库 {label(url)} 里已有其他程序的数据，不是法治年报的档案。"
                               "请IT人员为法治年报单独建一个数据库；该数据库未被改动。")
    if revision is not None and revision not in storage.known_revisions():
        raise ArchiveOpenError(f"单位服务器上的档案 {label(url)} 由更新版本的法治年报创建（结构版本 {revision}），"
                               "本版本无法打开。请安装最新版本后再打开；档案未作任何改动。")
    return revision


# --- errors ----------------------------------------------------------------------------------

def sqlstate(err: Exception) -> str | None:
    """The SQLSTATE code of a driver error (psycopg: .sqlstate; pg8000: the server's 'C' field)."""
    orig = getattr(err, "orig", err)
    code = getattr(orig, "sqlstate", None)
    if code is None and orig is not None and orig.args and isinstance(orig.args[0], dict):
        code = orig.args[0].get("C")
    return code


# psycopg reports no SQLSTATE for a refused login; the server's message (English, or Chinese on a
# server set up with zh_CN messages) says why.
LOGIN_MESSAGES = ((re.compile(r"password authentication failed|认证失败|no password supplied|"
                              r"role \"[^\"]*\" does not exist|角色 \"[^\"]*\" 不存在"), "28P01"),
                  (re.compile(r"database \"[^\"]*\" does not exist|数据库 \"[^\"]*\" 不存在"), "3D000"),
                  (re.compile(r"permission denied for database|对数据库 .* 权限不够"), "42501"))


def describe_connect_error(err: Exception, url: URL) -> str:
    code = sqlstate(err) or ""
    if not code:
        detail = str(getattr(err, "orig", err))
        code = next((c for pattern, c in LOGIN_MESSAGES if pattern.search(detail)), "")
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    if code in ("28P01", "28000"):
        return (f"无法登录单位服务器 {where}：用户名 {url.username or '（未填）'} 或密码不对。"
                "请核对后重试，或请IT人员检查账号。")
    if code == "3D000":
        return (f"单位服务器 {where} 上没有名为 {url.database} 的数据库。"
                "请核对数据库名，或请IT人员按 README「单位服务器」一节先建好数据库。")
    if code == "42501":
        return (f"账号 {url.username} 没有使用数据库 {url.database} 的权限。请IT人员为该账号授权。")
    if code.startswith("08") or not code:
        return (f"无法连接到单位服务器 {where}：服务器没有响应或拒绝连接。"
                "请检查网络和服务器地址、端口，或请IT人员确认数据库服务已启动。")
    return f"打开单位服务器上的档案 {label(url)} 时出错（{code}）。请把这行信息告诉IT人员。"


def describe_write_error(err: Exception, url: URL) -> str:
    code = sqlstate(err) or ""
    kept = "您输入的内容仍保留在编辑器中。"
    if code in ("42501", "25006"):
        return f"当前账号 {url.username} 对单位服务器上的档案只有读取权限，不能保存修改。{kept}"
    if code == "55P03":
        return f"单位服务器上的档案正被另一位同事保存，暂时无法保存。请稍后重试；{kept}"
    if code.startswith(("08", "57P")) or not code:
        return f"与单位服务器 {url.host}:{url.port or 5432} 的连接中断了，修改没有保存。请检查网络后重试；{kept}"
    if code == "53100":
        return f"单位服务器的磁盘已满，无法保存。请通知IT人员；{kept}"
    if code.startswith("23"):
        return f"数据不符合要求，未保存（{code}）。{kept}"
    return f"保存到单位服务器时出错（{code}）。请重试；{kept}"
