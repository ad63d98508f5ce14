"""文件 ▸ 连接到单位服务器…: the login dialog for an archive on a PostgreSQL server (README「单位服务器」).

The login (server, port, database, user) is remembered in the settings; the password never is. It goes
to the operating system's keyring (Windows Credential Manager, macOS Keychain, Secret Service on
Kylin/UOS desktops) when the user asks and a keyring exists; without one the dialog asks for it again.
The connection is tried before the window lets go of its current archive, so a wrong password or an
unreachable server changes nothing and is explained in the dialog.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from core import APP_NAME
from core.errors import AppError

KEYRING_SERVICE = f"{APP_NAME} 单位服务器"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerConnect", text)


@dataclass
class ServerLogin:
    host: str = ""
    port: int = 5432
    database: str = ""
    user: str = ""

    @property
    def key(self) -> str:
        """The keyring's name for this login's password."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str) -> str:
        from core.storage_pg import login_url
        return login_url(self.host, self.port, self.database, self.user, password)

    @classmethod
    def remembered(cls, settings) -> "ServerLogin":
        try:
            return cls(**json.loads(settings.server_login))
        except (TypeError, ValueError):
            return cls()

    def remember(self, settings) -> None:
        settings.server_login = json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def of_url(cls, text: str) -> "ServerLogin":
        from core.storage_pg import server_url
        url = server_url(text)
        return cls(url.host or "", url.port or 5432, url.database or "", url.username or "")


# --- the keyring: any failure (no backend, a locked or refusing one) means "not kept here" -----------

def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail
        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # noqa: BLE001 — a broken keyring set-up is the same as none
        return False


def stored_password(login: ServerLogin) -> str:
    try:
        import keyring
        return keyring.get_password(KEYRING_SERVICE, login.key) or ""
    except Exception:  # noqa: BLE001
        return ""


def store_password(login: ServerLogin, password: str) -> bool:
    try:
        import keyring
        keyring.set_password(KEYRING_SERVICE, login.key, password)
        return True
    except Exception:  # noqa: BLE001
        return False


def forget_password(login: ServerLogin) -> None:
    try:
        import keyring
        keyring.delete_password(KEYRING_SERVICE, login.key)
    except Exception:  # noqa: BLE001 — nothing stored is fine
        pass


class ServerDialog(QDialog):
    """Asks for the login; accept() only after the server took it (see try_login)."""

    def __init__(self, login: ServerLogin, parent: QWidget | None = None, reason: str = ""):
        """reason: why the dialog asks (at start: the login is known, only the password is missing)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接到单位服务器"))
        self.archive = None  # the opened archive, once the login worked
        self.host = QLineEdit(login.host)
        self.host.setPlaceholderText(self.tr("例如 192.168.1.20 或 dzb-server"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(login.port)
        self.database = QLineEdit(login.database)
        self.user = QLineEdit(login.user)
        self.password = QLineEdit(stored_password(login) if login.host else "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(self.tr("在本机的系统密钥环中记住密码"))
        self.keep.setChecked(bool(self.password.text()))
        if not keyring_available():
            self.keep.setChecked(False)
            self.keep.setEnabled(False)
            self.keep.setToolTip(self.tr("本机没有可用的系统密钥环，密码不会保存，每次连接时需重新输入。"))
        self.error = QLabel()
        self.error.setObjectName("serverError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout()
        for label, field in ((self.tr("服务器："), self.host), (self.tr("端口："), self.port),
                             (self.tr("数据库："), self.database), (self.tr("用户名："), self.user),
                             (self.tr("密码："), self.password)):
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("连接"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        note = QLabel(reason or self.tr("服务器地址和账号由单位IT人员提供。密码不会写入设置文件。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.keep)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        if login.host and login.database and login.user:
            self.password.setFocus()  # the login is known: only the password is asked

    def login(self) -> ServerLogin:
        return ServerLogin(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                           self.user.text().strip())

    def try_login(self) -> None:
        """Open the archive on the server; on failure say why here and keep the dialog open."""
        from core.archive import Archive
        login = self.login()
        if not (login.host and login.database and login.user):
            return self._show_error(self.tr("请填写服务器、数据库和用户名。"))
        try:
            self.archive = Archive(login.url(self.password.text()), daily_backup=False)
        except AppError as err:
            return self._show_error(str(err))
        if self.keep.isChecked() and self.password.text():
            store_password(login, self.password.text())
        else:
            forget_password(login)
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def connect_to_server(window) -> bool:
    """文件 ▸ 连接到单位服务器…: ask, try the login, then switch the window to the server's archive."""
    if window.database is not None and not window.database.write_everything():
        return False
    dialog = ServerDialog(ServerLogin.remembered(window.settings), window)
    if not dialog.exec():
        return False
    login, url = dialog.login(), _url_of(dialog)
    login.remember(window.settings)
    window.settings.last_on_server = True
    window.care.closing.emit()
    window.session.close()
    return window.open_archive(url)


def _url_of(dialog: ServerDialog) -> str:
    """The URL of the archive the dialog opened (the password in memory only), closing that archive:
    the window opens its own, through its session."""
    url = dialog.archive.url.render_as_string(hide_password=False)
    dialog.archive.close()
    return url


# --- at start ----------------------------------------------------------------------------------------

def server_at_start(window, db_path: str | None) -> tuple[bool, str | None]:
    """What to open at start when a server is involved: (go on, the URL or None for the local archive).

    A server URL given on the command line is remembered (its login, never its password) so that the
    next start without one connects there again. A start without one, after the last archive was on a
    server, connects with the keyring's password; without it (or when it no longer works) the login
    dialog asks, prefilled, for the password only. Cancelled, the local archive opens and the status bar
    says so — or, when there is no local archive yet, the clerk chooses to create one or to quit."""
    settings = window.settings
    if db_path is not None:
        try:
            ServerLogin.of_url(db_path).remember(settings)
            settings.last_on_server = True
        except AppError:  # a malformed URL: opening it says what is wrong
            pass
        return True, db_path
    login = ServerLogin.remembered(settings)
    url, error = _connect_with_stored_password(login)
    if url:
        return True, url
    reason = _tr("上次使用的是单位服务器 {0} 上的档案 {1}（用户 {2}）。请输入密码连接；取消则打开本机的档案。").format(
        login.host, login.database, login.user) if login.host else ""
    dialog = ServerDialog(login, window, reason)
    if error:
        dialog._show_error(error)
    if dialog.exec():
        login.remember(settings)
        return True, _url_of(dialog)
    return _local_instead(window)


def _connect_with_stored_password(login: ServerLogin) -> tuple[str | None, str]:
    """(the URL, "") when the keyring's password opens the archive; (None, why not) otherwise."""
    password = stored_password(login) if login.host else ""
    if not password:
        return None, ""
    from core.archive import Archive
    try:
        with Archive(login.url(password), daily_backup=False):
            return login.url(password), ""
    except AppError as err:
        return None, str(err)


def _local_instead(window) -> tuple[bool, str | None]:
    from core import backups
    from core.paths import default_db_path
    from gui.errors import ask
    local = default_db_path()
    if local.exists() or backups.list_backups(local):
        from PySide6.QtCore import QTimer
        message = _tr("没有连接单位服务器，现在打开的是本机的档案 {0}。需要时可用“文件 ▸ 连接到单位服务器…”"
                            "连接。").format(local)
        QTimer.singleShot(0, lambda: window.statusBar().showMessage(message, 60000))
        return True, None
    question = _tr("没有连接单位服务器，本机也还没有档案。\n\n可以在本机新建一个空档案，"
                         "或者退出，等有了密码再启动并连接服务器。")
    return ask(window, _tr("没有连接单位服务器"), question, _tr("新建本机档案"), _tr("退出")), None
