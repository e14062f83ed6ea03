"""Real processes for the fault tests: a private redis-server and a TCP proxy we can cut
(their Celery worker is tests/test_celery_worker.Worker).

Each is a context manager that cleans up what it started (by its own process id). Ports
come from FAULT_PORT_BASE (default 18140; ATLAS_FAULT_PORT_BASE for parallel runs):
+0 Redis, +1 the database proxy, +9 a port where nothing listens.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

PORT_BASE = int(os.environ.get("ATLAS_FAULT_PORT_BASE", 18140))
REDIS_PORT, PROXY_PORT, DEAD_PORT = PORT_BASE, PORT_BASE + 1, PORT_BASE + 9


def wait_until(check, *, timeout: float, what: str, interval: float = 0.2):
    """Poll `check()` until it is truthy (returned) or fail the test after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


class PrivateRedis:
    """`redis-server` on REDIS_PORT with no persistence: killing it loses every message."""

    def __init__(self, log: Path):
        self.log, self.process = log, None
        self.url = f"redis://127.0.0.1:{REDIS_PORT}/0"

    def start(self) -> PrivateRedis:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed: no broker fault test")
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [binary, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no"], stdout=out, stderr=subprocess.STDOUT)
        wait_until(lambda: _answers(REDIS_PORT) or self.process.poll() is not None,
                   timeout=10, what="redis-server to listen")
        if self.process.poll() is not None:
            pytest.skip(f"redis-server could not start on {REDIS_PORT}: {self.log.read_text()[-500:]}")
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self) -> PrivateRedis:
        """Back on the same port, empty (no persistence): what was queued before is gone."""
        self.kill()
        wait_until(lambda: not _answers(REDIS_PORT), timeout=10, what="the old Redis to go")
        return self.start()


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


class TcpProxy:
    """A TCP proxy on PROXY_PORT to a target; `cut()` drops every connection and refuses new
    ones (a database restarting, as its clients see it), `restore()` lets them in again."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.up = threading.Event()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", PROXY_PORT), reuse_port=False)
        self.listener.settimeout(0.2)
        self.stopped = False
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> TcpProxy:
        self.up.set()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped = True
        self.cut()
        self.thread.join(timeout=5)
        self.listener.close()

    def cut(self):
        self.up.clear()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def restore(self):
        self.up.set()

    def _accept(self):
        while not self.stopped:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self.up.is_set():
                client.close()  # refused while "down"
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


