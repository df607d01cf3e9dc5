"""The hiring app's queue: stage emails to candidates, and flag refreshes when an ad's terms change.

Jobs carry a ``CandidateEmail`` id only (no personal data in Redis), use a deterministic job id,
and are enqueued after commit, robustly: if Redis is down the row stays ``queued`` and
``reconcile_emails`` sends it later. portfolios.jobs is portfolios' own queue module.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

import django_rq
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Retry
from rq.exceptions import DuplicateJobError

from hiring.mail import one_line
from hiring.models import CandidateEmail
from hiring.services import refresh_flags_for_ad

logger = logging.getLogger(__name__)

QUEUE_NAME = "default"
JOB_TIMEOUT_SECONDS = 60
FAILURE_TTL_SECONDS = 7 * 24 * 3600
RETRY = Retry(max=3, interval=[60, 300, 900])  # a mail server outage; the row says what happened
RECONCILE_AFTER = timedelta(minutes=5)
Status = CandidateEmail.Status


def job_id_for(email_id: int) -> str:
    return f"candidate-email-{email_id}"


def enqueue_email(email_id: int) -> bool:
    """Queue the email's job; False (logged) when Redis refused it, so the row waits for the reconciler."""
    try:
        django_rq.get_queue(QUEUE_NAME).enqueue(
            "hiring.jobs.send_candidate_email",
            email_id,
            job_id=job_id_for(email_id),
            unique=True,
            job_timeout=JOB_TIMEOUT_SECONDS,
            retry=RETRY,
            failure_ttl=FAILURE_TTL_SECONDS,
        )
    except DuplicateJobError:
        return True
    except (RedisError, OSError) as error:
        logger.warning("email %s stays queued: Redis refused the job (%s)", email_id, error)
        return False
    return True


def enqueue_email_after_commit(email_id: int) -> None:
    transaction.on_commit(partial(enqueue_email, email_id), robust=True)


def reconcile_emails() -> int:
    """Enqueue emails still queued a while after they were written (Redis was down); returns how many."""
    stale = CandidateEmail.objects.filter(
        status=Status.QUEUED, created_at__lt=timezone.now() - RECONCILE_AFTER
    )
    return sum(enqueue_email(pk) for pk in stale.values_list("pk", flat=True).iterator())


def send_candidate_email(email_id: int) -> None:
    """The RQ job: claim the row, send, record. A refused send goes back to queued and is retried."""
    if not CandidateEmail.objects.filter(pk=email_id, status=Status.QUEUED).update(status=Status.SENDING):
        return  # sent already, or gone with its application
    email = CandidateEmail.objects.select_related("application__candidate").get(pk=email_id)
    try:
        send_mail(
            subject=one_line(email.subject),
            message=email.body,
            from_email=None,
            recipient_list=[email.application.candidate.email],
        )
    except OSError as error:
        CandidateEmail.objects.filter(pk=email_id).update(status=Status.QUEUED, error=str(error)[:300])
        raise
    CandidateEmail.objects.filter(pk=email_id).update(status=Status.SENT, sent_at=timezone.now(), error="")


def enqueue_ad_flag_refresh(ad_id: int) -> None:
    """Recompute an ad's flags in the worker; if Redis refuses, do it here (slower, never lost)."""
    try:
        django_rq.get_queue(QUEUE_NAME).enqueue(
            "hiring.jobs.refresh_ad_flags",
            ad_id,
            job_timeout=15 * 60,
            retry=RETRY,
            failure_ttl=FAILURE_TTL_SECONDS,
        )
    except (RedisError, OSError) as error:
        logger.warning(
            "refreshing the flags of ad %s in the request: Redis refused the job (%s)", ad_id, error
        )
        refresh_flags_for_ad(ad_id)


def refresh_ad_flags(ad_id: int) -> None:
    """The RQ job: an ad's pay or role terms changed, so every application's flags are recomputed."""
    refresh_flags_for_ad(ad_id)
