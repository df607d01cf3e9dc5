"""`manage.py erase_application ID --reason "…"`: erase one application on the candidate's request."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hiring.privacy.erasure import erase_application


class Command(BaseCommand):
    help = "Erase an application and everything kept about it (a tombstone stays in the audit log)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("application_id", type=uuid.UUID)
        parser.add_argument("--reason", required=True, help="e.g. 'candidate's request of 2026-11-28'")
        parser.add_argument("--by", default="operator", help="who asked for it, for the audit log")

    def handle(self, *args: Any, application_id: uuid.UUID, reason: str, by: str, **options: Any) -> None:
        report = erase_application(application_id, by=by, reason=reason)
        if not report.applications:
            raise CommandError(f"No application {application_id}: nothing to erase (already erased?).")
        self.stdout.write(self.style.SUCCESS(f"Erased: {report}."))
