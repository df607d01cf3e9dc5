"""`manage.py seed_demo`: load the demo's data idempotently (twice gives the same database).

Accounts, ads for both role families, a loopback GitHub's repositories under var/demo-github, and
applications submitted through the real intake, whose reviews the worker computes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hiring.demo import seed_accounts
from hiring.demo_portfolios import build_github, seed_applications
from jobads.demo import seed_ads

DEMO_GITHUB_DIR = "demo-github"


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and data. Refuses to run with DEBUG off."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with published passwords; run it only with DEBUG=1."
            )
        build_github(settings.VAR_DIR / DEMO_GITHUB_DIR)
        with transaction.atomic():
            users = seed_accounts()
            by_name = {user.username: user for user in users}
            ads = seed_ads(owner=by_name["max"], author=by_name["rita"])
            applications = seed_applications()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(users)} accounts, {ads} job ads, {applications} applications."
            )
        )
