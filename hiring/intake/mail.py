"""Mail to candidates. Subjects never carry a line break, so no header can be injected."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from core.text import one_line
from hiring.models import Application

logger = logging.getLogger(__name__)


def send_confirmation(application: Application, *, status_url: str) -> None:
    context = {
        "application": application,
        "status_url": status_url,
        "organization_name": settings.ORGANIZATION_NAME,
    }
    send_mail(
        subject=one_line(f"Application received: {application.job_ad.title}"),
        message=render_to_string("hiring/email/confirmation.txt", context),
        from_email=None,
        recipient_list=[application.candidate.email],
    )


def send_confirmation_after_commit(application: Application, *, request: HttpRequest) -> None:
    """Mail the confirmation once the application is saved; a mail outage is logged, never a 500."""
    status_url = request.build_absolute_uri(reverse("hiring:status", args=[application.status_token]))
    transaction.on_commit(partial(_send_logged, application, status_url), robust=True)


def _send_logged(application: Application, status_url: str) -> None:
    try:
        send_confirmation(application, status_url=status_url)
    except OSError as error:  # SMTP refused or unreachable; the status page still works
        logger.warning("confirmation mail for application %s not sent: %s", application.pk, error)
