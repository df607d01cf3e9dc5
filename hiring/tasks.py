"""The applicant pipeline's background work: stage emails to candidates, reading each résumé's
text (in a limited child, never in the apply request), and the flag refresh of every application
to an ad whose terms changed. Put on the queue by ``core.queue``, ids only.

An email's row is its outbox: ``reconcile_emails`` sends what Redis missed. ``portfolios.jobs``
is the portfolio side's own work.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from rq import Retry

from core.mail import message
from core.queue import Job, enqueue, enqueue_after_commit
from hiring.flags.refresh import refresh_flags, refresh_flags_for_ad
from hiring.intake.resume_reader import read_text_isolated
from hiring.intake.resumes import ResumeText
from hiring.models import Application, CandidateEmail

logger = logging.getLogger(__name__)

EMAIL_TIMEOUT_SECONDS = 60  # one message to the mail server
FLAG_REFRESH_TIMEOUT_SECONDS = 15 * 60  # every application of a busy ad, in batches
RETRY = Retry(max=3, interval=[60, 300, 900])  # a crash or a mail server outage; the row says what happened
RESUME_TIMEOUT_SECONDS = 60  # the reading child's own limit is 20 s
RECONCILE_AFTER = timedelta(minutes=5)
Status = CandidateEmail.Status

SEND_EMAIL = Job("hiring.tasks.send_candidate_email", "candidate-email", EMAIL_TIMEOUT_SECONDS, RETRY)
READ_RESUME = Job("hiring.tasks.read_resume", "resume-text", RESUME_TIMEOUT_SECONDS, RETRY)
REFRESH_AD_FLAGS = Job("hiring.tasks.refresh_ad_flags", "ad-flags", FLAG_REFRESH_TIMEOUT_SECONDS, RETRY)


def job_id_for(email_id: int) -> str:
    return SEND_EMAIL.id_for(email_id)


def enqueue_email_after_commit(email_id: int) -> None:
    enqueue_after_commit(SEND_EMAIL, email_id, job_id=job_id_for(email_id))


def reconcile_emails() -> int:
    """Enqueue emails still queued a while after they were written (Redis was down); returns how many."""
    stale = CandidateEmail.objects.filter(
        status=Status.QUEUED, created_at__lt=timezone.now() - RECONCILE_AFTER
    )
    return sum(
        enqueue(SEND_EMAIL, pk, job_id=job_id_for(pk)) for pk in stale.values_list("pk", flat=True).iterator()
    )


def send_candidate_email(email_id: int) -> None:
    """The RQ job: claim the row, send, record. A refused send goes back to queued and is retried."""
    if not CandidateEmail.objects.filter(pk=email_id, status=Status.QUEUED).update(status=Status.SENDING):
        return  # sent already, or gone with its application
    email = CandidateEmail.objects.select_related("application__candidate").get(pk=email_id)
    mail = message(
        subject=email.subject, body=email.body, to=email.application.candidate.email, calendar=email.calendar
    )
    try:
        mail.send()
    except OSError as error:
        CandidateEmail.objects.filter(pk=email_id).update(status=Status.QUEUED, error=str(error)[:300])
        raise
    CandidateEmail.objects.filter(pk=email_id).update(status=Status.SENT, sent_at=timezone.now(), error="")


def enqueue_resume_reading_after_commit(application_id: uuid.UUID) -> None:
    enqueue_after_commit(READ_RESUME, str(application_id), job_id=READ_RESUME.id_for(application_id))


def reconcile_resumes() -> int:
    """Enqueue résumés still unread a while after they came (Redis was down); returns how many."""
    stale = Application.objects.filter(resume_read=False, created_at__lt=timezone.now() - RECONCILE_AFTER)
    return sum(
        enqueue(READ_RESUME, str(pk), job_id=READ_RESUME.id_for(pk))
        for pk in stale.values_list("pk", flat=True)
    )


def read_resume(application_id: str) -> None:
    """The RQ job: the résumé's text, read in a limited child; then the flags that read it (the role
    check, "résumé unreadable"). An application erased meanwhile, or read already, is left alone."""
    unread = Application.objects.filter(pk=application_id, resume_read=False)
    application = unread.select_related("job_ad__role_family").first()
    if application is None:
        return
    name = application.resume.name or ""
    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
    except OSError:
        found = ResumeText(text="", unreadable_reason="the stored file is missing")
    else:
        found = read_text_isolated(data, name.rsplit(".", 1)[-1], seconds=settings.RESUME_READ_SECONDS)
    read = {
        "resume_text": found.text,
        "resume_unreadable_reason": found.unreadable_reason,
        "resume_read": True,
    }
    with transaction.atomic():
        if unread.update(**read):  # not erased, nor read by another job, meanwhile
            for name, value in read.items():
                setattr(application, name, value)
            refresh_flags(application)


def enqueue_ad_flag_refresh(ad_id: int) -> None:
    """Recompute an ad's flags in the worker; if Redis refuses, do it here (slower, never lost)."""
    stamp = int(timezone.now().timestamp() * 1000)  # each change of terms is its own refresh
    if not enqueue(REFRESH_AD_FLAGS, ad_id, job_id=REFRESH_AD_FLAGS.id_for(f"{ad_id}-{stamp}")):
        logger.warning("refreshing the flags of ad %s in the request instead", ad_id)
        refresh_flags_for_ad(ad_id)


def refresh_ad_flags(ad_id: int) -> None:
    """The RQ job: an ad's pay or role terms changed, so every application's flags are recomputed."""
    refresh_flags_for_ad(ad_id)
