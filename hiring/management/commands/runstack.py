"""`manage.py runstack`: the web server, an RQ worker (with its scheduler) and the periodic jobs.

Used by `make run`. Both children share this process's Redis (the embedded one when REDIS_URL is
unset); Ctrl-C stops both, waits for them, then stops the embedded Redis it was using.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from hiring.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from hiring.embedded_redis import stop_embedded_redis

SHUTDOWN_GRACE_SECONDS = 10
WORKER_OPTIONS = ["default", "--with-scheduler", "--serializer", "rq.serializers.JSONSerializer"]
RECONCILE_EVERY_SECONDS = 300


class Command(BaseCommand):
    help = "Run the web server and a worker until Ctrl-C."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port for the web server")

    def handle(self, *args: Any, addr: str, **options: Any) -> None:
        env = {**os.environ, "REDIS_URL": settings.REDIS_URL, "PYTHONUNBUFFERED": "1"}
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        children = [
            subprocess.Popen([*manage, "runserver", addr, "--noreload"], env=env),
            subprocess.Popen([*manage, "rqworker", *WORKER_OPTIONS], env=env),
            subprocess.Popen(
                [*manage, "reconcile_reviews", "--every", str(RECONCILE_EVERY_SECONDS)], env=env
            ),
        ]
        self._print_banner(addr)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            self.stderr.write("A process of the stack exited; stopping the others.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server, the worker and the periodic jobs…")
        finally:
            _stop(children)
            if not os.environ.get("REDIS_URL"):
                stop_embedded_redis(settings.VAR_DIR / "redis")

    def _print_banner(self, addr: str) -> None:
        lines = [f"  Open http://{addr}/   (Ctrl-C stops the web server and the worker)"]
        if settings.DEBUG:  # demo passwords exist only in demo mode
            lines.append("  Demo logins:")
            lines += [
                f"    {a.username:<6} / {DEMO_PASSWORD}   {a.role or 'administrator'}" for a in DEMO_ACCOUNTS
            ]
        self.stdout.write(self.style.SUCCESS("\n".join(["", *lines, ""])))


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + SHUTDOWN_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
