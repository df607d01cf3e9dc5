"""`manage.py reconcile_reviews [--every SECONDS]`: enqueue reviews that are pending or stuck.

The polling half of the outbox: the database says what is owed, Redis only carries it. Safe to
run at any time and from anywhere (a duplicate enqueue is a no-op). With ``--every`` it keeps
running, once per period, as the stack's periodic process (make run, docker compose).
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portfolios.jobs import reconcile_reviews


class Command(BaseCommand):
    help = "Enqueue pending portfolio reviews and re-enqueue stuck ones (once, or every N seconds)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every this many seconds")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        stop = threading.Event()
        if every:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            self.stdout.write(f"Enqueued {reconcile_reviews()} review(s).")
            if not every or stop.wait(every):
                return
            close_old_connections()  # a long-lived loop must not keep a dead connection
