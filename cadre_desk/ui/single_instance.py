"""One GUI per data folder: a second launch asks the running one to come to the front.

Usage in the launcher, before the profile is opened (the database lock would refuse it)::

    instance = SingleInstance(data_dir)
    if instance.forward_to_running(sys.argv[1:]):
        return 0                      # the first instance is now in front
    ...build the window...
    instance.listen()
    instance.activation_requested.connect(lambda argv: bring_to_front(window))

A CLI command that changed the profile meanwhile sends ``{"command": "changed", "entities":
[...]}`` (``platform/instance_channel.py``); ``data_changed`` then lets the views refresh.

The channel is a ``QLocalServer`` (a Unix socket / Windows named pipe) whose name is derived
from the user and the data folder, so the demo profile and the real profile can run side by
side while two windows on the same profile cannot.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from cadre_desk.platform.instance_channel import server_name_for

__all__ = ["SingleInstance", "bring_to_front", "server_name_for"]

log = logging.getLogger(__name__)

_ACK = b"ok\n"


class SingleInstance(QObject):
    """Server side (``listen``) and client side (``forward_to_running``) of the channel."""

    activation_requested = Signal(list)  # argv of the second launch
    data_changed = Signal(list)  # entities a CLI command changed while this window was open

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server_name = server_name_for(data_dir)
        self._server: QLocalServer | None = None
        self._clients: set[QLocalSocket] = set()

    def forward_to_running(self, argv: list[str], timeout_ms: int = 1500) -> bool:
        """True if another instance took the request (this process should exit)."""
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(json.dumps({"command": "activate", "argv": argv}).encode() + b"\n")
        socket.flush()
        while socket.bytesAvailable() < len(_ACK) and socket.waitForReadyRead(timeout_ms):
            pass
        answered = bytes(socket.readAll().data()).startswith(_ACK)
        socket.disconnectFromServer()
        log.info("second launch forwarded to the running instance: %s", answered)
        return answered

    def listen(self) -> bool:
        """Start answering later launches; a stale socket left by a crash is replaced."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            # Only reached after forward_to_running found nobody answering: the name is stale.
            QLocalServer.removeServer(self.server_name)
            if not server.listen(self.server_name):
                log.warning("single-instance channel unavailable: %s", server.errorString())
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.add(socket)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            message = json.loads(line)
            command = str(message.get("command", "activate"))
            argv = [str(part) for part in message.get("argv", [])]
            entities = [str(entity) for entity in message.get("entities", [])]
        except (ValueError, AttributeError, TypeError):
            log.warning("ignored a malformed single-instance message")
            socket.disconnectFromServer()
            return
        socket.write(_ACK)
        socket.flush()
        if command == "changed":
            self.data_changed.emit(entities)
        else:
            self.activation_requested.emit(argv)

    def _drop(self, socket: QLocalSocket) -> None:
        self._clients.discard(socket)
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.abort()
        socket.deleteLater()


def bring_to_front(window: QWidget) -> None:
    """Show a window that may be hidden in the tray or minimized, and give it focus."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
