"""Bring the window that has an archive open to the front, when a second start asks (QLocalServer keyed
by the archive's path: the same archive, the same name, on this computer)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
WAIT_MS = 1000


def server_name(db_path: Path) -> str:
    key = str(Path(db_path).resolve()).casefold().encode("utf-8")
    return "FazhiNianbao-" + hashlib.sha1(key).hexdigest()[:16]


class RaiseServer(QObject):
    """Listens while this window has the archive open; emits raise_requested when asked."""
    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._server = QLocalServer(self)
        name = server_name(db_path)
        QLocalServer.removeServer(name)  # a stale socket left by a killed window
        self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll()).startswith(RAISE.strip()):
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def close(self) -> None:
        self._server.close()


def ask_to_raise(db_path: Path) -> bool:
    """Ask the window that has db_path open to come to the front; False when none answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return sent
