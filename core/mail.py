"""The one way the product hands mail to the mail server when a refusal must not fail the caller
(a confirmation, a digest, an invitation copy, a reminder): sent, or logged and reported as not sent.
The candidate emails of the outbox (``hiring.tasks``) raise instead, so their job is retried."""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage

from core.text import one_line

logger = logging.getLogger(__name__)


def message(*, subject: str, body: str, to: str, calendar: str = "") -> EmailMessage:
    """One mail, its subject on one line (no header can be injected); ``calendar``: an .ics to attach."""
    mail = EmailMessage(subject=one_line(subject), body=body, to=[to])
    if calendar:
        mail.attach("invitation.ics", calendar, "text/calendar")
    return mail


def send_or_log(*, subject: str, body: str, to: str, about: str, calendar: str = "") -> bool:
    """``about`` names the mail in the log ("daily digest for user 7")."""
    try:
        message(subject=subject, body=body, to=to, calendar=calendar).send()
    except OSError as error:  # the mail server refused or is unreachable
        logger.warning("%s not sent: %s", about, error)
        return False
    return True
