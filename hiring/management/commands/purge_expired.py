"""`manage.py purge_expired [--dry-run]`: erase applications past the retention period.

The consent text promises deletion 12 months after the role closes; `manage.py periodic` runs
this too. `--dry-run` only reports what would go.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hiring.privacy.erasure import purge_expired


class Command(BaseCommand):
    help = "Erase applications to roles closed longer ago than the retention period."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, erase nothing")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        due, report = purge_expired(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{due} application(s) are past retention; nothing was erased (dry run).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{due} application(s) past retention erased: {report}."))
