"""One counter window per data folder: a second start brings the first one to the front.

Only one process may work on a journal, so a second window could never redeem anyway; it would
fall back to demo mode and confuse the clerk. Instead it asks the running window to come to the
front and exits. The name of the local socket (a named pipe on Windows) comes from the data
folder, so another ``VOUCHERDESK_HOME`` or another user's account is another counter. A
``--demo`` window has its own journal: it neither claims nor asks (see ``ui/app.py``).

Who is first is decided by a lock file in the data folder (QLockFile: held while the process
lives, found stale when it has died), not by the socket, so two starts at the same moment and a
socket file left by a crash cannot both win or both lose.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
ANSWER = b"ok\n"


def instance_name(data_dir: Path) -> str:
    """The socket name for the counter that keeps its files in ``data_dir``."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()
    return f"voucherdesk-{digest[:24]}"


class SingleInstance(QObject):
    """``claim()`` once at start; ``raise_requested`` when a later start asks for the window."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.name = instance_name(data_dir)
        self._lock = QLockFile(str(data_dir / "window.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None

    def claim(self, *, wait_s: float = 5.0) -> bool:
        """True: this process is the counter window (and listens for later starts). False:
        another one runs and was asked to come to the front, or does not answer within
        ``wait_s`` seconds (it may hang; a second window would not help)."""
        deadline = time.monotonic() + wait_s
        while True:
            if self._lock.tryLock(0):
                return self._listen()
            if ask_to_raise(self.name):
                return False
            if time.monotonic() >= deadline:
                log.warning("another counter window holds the data folder but does not answer")
                return False
            time.sleep(0.1)  # it has the lock but is not listening yet: it is starting

    def _listen(self) -> bool:
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed window
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._connected)
        if not server.listen(self.name):
            # The window still runs, only without the "come to the front" call.
            log.warning("counter window: no local socket %s: %s", self.name, server.errorString())
        self._server = server
        return True

    def _connected(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            log.info("a second start asked the counter window to come to the front")
            socket.write(ANSWER)
            socket.flush()
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def ask_to_raise(name: str, timeout_ms: int = 2_000) -> bool:
    """Ask the window listening on ``name`` to come to the front; True once it answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(timeout_ms)
    answered = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()) == ANSWER
    socket.abort()
    return answered
