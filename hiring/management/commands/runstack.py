"""`manage.py runstack`: the web server, an RQ worker (with its scheduler) and the periodic jobs.

Used by `make run`. Both children share this process's Redis (the embedded one when REDIS_URL is
unset); Ctrl-C stops both, waits for them, then stops the embedded Redis it was using.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from hiring.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from hiring.platform.embedded_redis import stop_embedded_redis
from hiring.platform.processes import stop_processes

SHUTDOWN_GRACE_SECONDS = 10
WORKER_OPTIONS = ["default", "--with-scheduler", "--serializer", "rq.serializers.JSONSerializer"]
PERIODIC_EVERY_SECONDS = 60  # a dead worker's review is restarted within about 2.5 minutes


class Command(BaseCommand):
    help = "Run the web server and a worker until Ctrl-C."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port for the web server")
        parser.add_argument(
            "--loopback-github",
            metavar="DIR",
            help="serve DIR's repositories through a local GitHub-compatible API and use it (offline demo)",
        )

    def handle(self, *args: Any, addr: str, loopback_github: str | None, **options: Any) -> None:
        env = {
            **os.environ,
            "REDIS_URL": settings.REDIS_URL,
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "hiring.settings"),
        }
        manage = [sys.executable, "-m", "django"]  # works from an installed copy too (no manage.py there)
        children = []
        if loopback_github:
            port, index_port = _free_port(), _free_port()
            children.append(_loopback_github(loopback_github, port, index_port, env))
            # A made-up token: the loopback takes any, and with one the review reads pinned projects.
            env |= {
                "GITHUB_API_URL": f"http://127.0.0.1:{port}",
                "GIT_ALLOWED_PROTOCOLS": "https,file",
                "GITHUB_TOKEN": "loopback-demo-token",
                "DEPENDENCY_FRESHNESS": "1",
                "PACKAGE_INDEX_URL": f"http://127.0.0.1:{index_port}",
            }
        children += [
            subprocess.Popen([*manage, "runserver", addr, "--noreload"], env=env),
            subprocess.Popen([*manage, "rqworker", *WORKER_OPTIONS], env=env),
            subprocess.Popen([*manage, "periodic", "--every", str(PERIODIC_EVERY_SECONDS)], env=env),
        ]
        self._print_banner(addr, github=env.get("GITHUB_API_URL", settings.GITHUB_API_URL))
        for signum in (signal.SIGINT, signal.SIGTERM):  # also when started where SIGINT was ignored
            signal.signal(signum, _interrupt)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            self.stderr.write("A process of the stack exited; stopping the others.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server, the worker and the periodic jobs…")
        finally:
            stop_processes(children, grace_seconds=SHUTDOWN_GRACE_SECONDS)
            if not os.environ.get("REDIS_URL"):
                stop_embedded_redis(settings.VAR_DIR / "redis")

    def _print_banner(self, addr: str, *, github: str) -> None:
        lines = [
            f"  Open http://{addr}/   (Ctrl-C stops the web server and the worker)",
            f"  GitHub API: {github}",
        ]
        if settings.DEBUG:  # demo passwords exist only in demo mode
            lines.append("  Demo logins:")
            lines += [
                f"    {a.username:<6} / {DEMO_PASSWORD}   {a.role or 'administrator'}" for a in DEMO_ACCOUNTS
            ]
        self.stdout.write(self.style.SUCCESS("\n".join(["", *lines, ""])))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _loopback_github(root: str, port: int, index_port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "portfolios.loopback", "--root", root, "--port", str(port), "--quiet"]
    return subprocess.Popen([*command, "--index-port", str(index_port)], env=env)
