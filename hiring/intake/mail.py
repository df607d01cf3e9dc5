"""Mail to candidates. Subjects never carry a line break, so no header can be injected."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from core.mail import send_or_log
from hiring.models import Application


def send_confirmation(application: Application, *, status_url: str) -> bool:
    """Mail the confirmation; a mail outage is logged (the status page still works), never raised."""
    context = {
        "application": application,
        "status_url": status_url,
        "organization_name": settings.ORGANIZATION_NAME,
    }
    return send_or_log(
        subject=f"Application received: {application.job_ad.title}",
        body=render_to_string("hiring/email/confirmation.txt", context),
        to=application.candidate.email,
        about=f"confirmation mail for application {application.pk}",
    )


def send_confirmation_after_commit(application: Application, *, request: HttpRequest) -> None:
    """Mail the confirmation once the application is saved; a mail outage is logged, never a 500."""
    status_url = request.build_absolute_uri(reverse("hiring:status", args=[application.status_token]))
    transaction.on_commit(partial(send_confirmation, application, status_url=status_url), robust=True)
