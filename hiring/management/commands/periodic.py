"""`manage.py periodic [--every SECONDS]`: the stack's housekeeping, once or on a schedule.

Restarts reviews whose worker died and re-enqueues reviews, candidate emails and résumé readings
that Redis missed (the polling half of the outbox), reads the reference repositories due for their
weekly refresh, deletes résumés stashed for forms that were never submitted and cached file
analyses no indexed repository holds any more, erases applications past the retention period, and
mails the daily digests that are due and, after each interview, the panel's scorecard reminders.
`make run` and docker compose run it with `--every 60`.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from hiring.dashboard.digest import send_daily_digests
from hiring.intake.uploads import sweep_stashed_resumes
from hiring.pipeline.interviews import remind_panels
from hiring.privacy.erasure import purge_expired
from hiring.tasks import reconcile_emails, reconcile_resumes
from portfolios import analysis_cache
from portfolios.jobs import reconcile_known_repositories, reconcile_reviews


class Command(BaseCommand):
    help = "Reconcile the queue with the database and sweep stale uploads (once, or every N seconds)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every this many seconds")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        stop = threading.Event()
        if every:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            purged, _ = purge_expired()
            self.stdout.write(
                f"Enqueued {reconcile_reviews()} review(s), {reconcile_emails()} email(s), "
                f"{reconcile_resumes()} résumé reading(s) and "
                f"{reconcile_known_repositories()} reference repository read(s); "
                f"removed {sweep_stashed_resumes()} stale upload(s) and {analysis_cache.sweep()} unused "
                f"file analysis(es); erased {purged} expired application(s); "
                f"sent {send_daily_digests()} daily digest(s) and {remind_panels()} scorecard reminder(s)."
            )
            if not every or stop.wait(every):
                return
            close_old_connections()  # a long-lived loop must not keep a dead connection
