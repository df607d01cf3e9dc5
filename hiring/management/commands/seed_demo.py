"""`manage.py seed_demo`: load the demo's data idempotently (twice gives the same database).

Accounts, ads for both role families, a loopback GitHub's repositories under var/demo-github, and
applications submitted through the real intake, whose reviews the worker computes. With
``--applications N`` it also bulk-creates N synthetic applications, to see the board at scale.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hiring.demo.accounts import seed_accounts
from hiring.demo.bulk import create_applications
from hiring.demo.portfolios import DS_AD, build_github, seed_applications, seed_pipeline_activity
from jobads.demo import seed_ads
from jobads.models import JobAd

DEMO_GITHUB_DIR = "demo-github"


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and data. Refuses to run with DEBUG off."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--applications",
            type=int,
            default=0,
            help="also bulk-create this many synthetic applications to the first demo ad (for scale)",
        )

    def handle(self, *args: Any, applications: int, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with published passwords; run it only with DEBUG=1."
            )
        build_github(settings.VAR_DIR / DEMO_GITHUB_DIR)
        with transaction.atomic():
            users = seed_accounts()
            by_name = {user.username: user for user in users}
            ads = seed_ads(users=by_name, author=by_name["rita"])
            seeded = seed_applications()
            seed_pipeline_activity(by_name)
        summary = f"Demo data ready: {len(users)} accounts, {ads} job ads, {seeded} applications"
        if applications:
            started = time.monotonic()
            created = create_applications(JobAd.objects.get(title=DS_AD), applications)
            summary += f", plus {created} bulk-created in {time.monotonic() - started:.1f} s"
        self.stdout.write(self.style.SUCCESS(summary + "."))
