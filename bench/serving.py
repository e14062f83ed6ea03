"""Start the production process set (scripts/serve.sh: gunicorn, production settings) on
loopback for a test or a benchmark, and stop it again.

The server runs as if behind a TLS-terminating proxy: callers send
``X-Forwarded-Proto: https`` (PROXY_HEADERS), which gunicorn trusts from 127.0.0.1 only.
Static files are collected without pre-compression (ATLAS_STATIC_COMPRESS=0: compressing
the front-end bundles takes minutes on two busy cores); everything else is production.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(18170, 18180)  # this project's share of loopback ports
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


class ServerFailed(RuntimeError):
    """gunicorn did not come up; the message ends with its log."""


def free_port(ports=PORTS) -> int:
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise ServerFailed(f"no free port in {ports.start}-{ports.stop - 1}")


@contextmanager
def production_server(*, database_url: str, var_dir: Path, workers: int = 2,
                      start_timeout: float = 40.0, env: dict | None = None) -> Iterator[str]:
    """Run scripts/serve.sh against ``database_url``; yield ``http://127.0.0.1:PORT``."""
    port = free_port()
    var_dir.mkdir(parents=True, exist_ok=True)
    log_path = var_dir / "gunicorn.log"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "GUNICORN_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "ATLAS_VAR_DIR": str(var_dir),
        "ATLAS_STATIC_COMPRESS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "CELERY_EAGER": "1",
        **(env or {}),
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=environment,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log_path, start_timeout)
        yield url
    finally:
        _stop(process)


def _wait_ready(url: str, process: subprocess.Popen, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"serve.sh exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            if requests.get(url + "/accounts/login/", headers=PROXY_HEADERS, timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or a worker still booting
            pass
        time.sleep(0.3)
    raise ServerFailed(f"gunicorn not ready after {timeout:.0f} s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    # The whole group: serve.sh, gunicorn's master and its workers (all started here).
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
