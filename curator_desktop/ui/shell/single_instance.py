"""One window per data folder: a second start asks the running window to come forward."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """A per-user, per-data-folder name for the local socket."""
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"curator-desktop-{digest}"


def ask_running_instance_to_activate(name: str) -> bool:
    """Tell the running copy to raise its window; False when nobody answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    socket.flush()
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts on the same data folder and emits ``activation_requested``."""

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_server_new_connection)

    def listen(self) -> bool:
        """Start listening (a stale socket left by a crash is removed first)."""
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("Single-instance server not started: %s", self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._on_connection_ready_read(c))

    def _on_connection_ready_read(self, connection: QLocalSocket) -> None:
        message = bytes(connection.readAll().data())
        connection.readyRead.disconnect()
        connection.deleteLater()
        if message.startswith(ACTIVATE.strip()):
            self.activation_requested.emit()
