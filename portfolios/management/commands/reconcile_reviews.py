"""`manage.py reconcile_reviews`: enqueue reviews that are pending or whose worker died.

The polling half of the outbox: the database says what is owed, Redis only carries it. Safe to
run at any time and from anywhere (a duplicate enqueue is a no-op). `manage.py periodic` runs it
on a schedule.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from portfolios.jobs import reconcile_reviews


class Command(BaseCommand):
    help = "Enqueue pending portfolio reviews and re-enqueue stuck ones."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Enqueued {reconcile_reviews()} review(s).")
