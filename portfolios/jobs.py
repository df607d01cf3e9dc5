"""The queue: the only module that puts portfolio work on Redis (django-rq) and runs it.

Jobs carry a review's id and nothing else (no personal data in Redis), use a deterministic job id
so a second enqueue of the same review is harmless, and are enqueued only after the database
commits, robustly: if Redis is down the review stays ``pending`` for ``reconcile_reviews``.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from datetime import datetime, timedelta
from functools import partial

import django_rq
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Queue, Retry, get_current_job
from rq.exceptions import DuplicateJobError
from rq.job import JobStatus

from portfolios.models import PortfolioReview

logger = logging.getLogger(__name__)

QUEUE_NAME = "default"
JOB_TIMEOUT_SECONDS = 15 * 60
FAILURE_TTL_SECONDS = 7 * 24 * 3600
RETRY = Retry(max=3, interval=[30, 120, 600])  # crashes only; expected failures are stored results
ACTIVE_STATES = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
STUCK_AFTER = timedelta(seconds=JOB_TIMEOUT_SECONDS + 5 * 60)


def job_id_for(review_id: uuid.UUID | str) -> str:
    return f"portfolio-review-{review_id}"


def enqueue_review(review_id: uuid.UUID | str) -> bool:
    """Put the review's job on the queue; False (logged) when Redis refused it."""
    queue = django_rq.get_queue(QUEUE_NAME)
    try:
        try:
            _enqueue(queue, review_id)
        except DuplicateJobError:
            if not _clear_finished_job(queue, review_id):
                return True  # queued, scheduled or running: exactly one job per review
            _enqueue(queue, review_id)
    except DuplicateJobError:
        return True  # another process enqueued it between our two calls
    except (RedisError, OSError) as error:
        logger.warning("review %s stays pending: Redis refused the job (%s)", review_id, error)
        return False
    return True


def _enqueue(queue: Queue, review_id: uuid.UUID | str) -> None:
    queue.enqueue(
        "portfolios.jobs.review_portfolio",
        str(review_id),
        job_id=job_id_for(review_id),
        unique=True,
        job_timeout=JOB_TIMEOUT_SECONDS,
        retry=RETRY,
        failure_ttl=FAILURE_TTL_SECONDS,
    )


def _clear_finished_job(queue: Queue, review_id: uuid.UUID | str) -> bool:
    """Delete a job that will never run again (failed, finished, stopped) so the id can be reused."""
    job = queue.fetch_job(job_id_for(review_id))
    if job is not None and job.get_status(refresh=True) in ACTIVE_STATES:
        return False
    if job is not None:
        job.delete()
    return True


def enqueue_review_after_commit(review_id: uuid.UUID) -> None:
    """Enqueue once the surrounding transaction commits; a Redis error there is logged, not raised."""
    transaction.on_commit(partial(enqueue_review, review_id), robust=True)


def reconcile_reviews() -> int:
    """Enqueue every pending review and every running one whose worker went silent; returns how many."""
    due = PortfolioReview.objects.needing_enqueue(now=timezone.now(), stuck_after=STUCK_AFTER)
    enqueued = 0
    for review_id in due.values_list("id", flat=True).iterator():
        enqueued += enqueue_review(review_id)
    return enqueued


def enqueue_review_at(review_id: uuid.UUID | str, when: datetime) -> None:
    """Schedule the review after a rate-limit reset (the worker's scheduler moves it to the queue)."""
    queue = django_rq.get_queue(QUEUE_NAME)
    queue.enqueue_at(
        when,
        "portfolios.jobs.review_portfolio",
        str(review_id),
        job_id=f"{job_id_for(review_id)}-at-{int(when.timestamp())}",
        job_timeout=JOB_TIMEOUT_SECONDS,
        retry=RETRY,
        failure_ttl=FAILURE_TTL_SECONDS,
    )


def review_portfolio(review_id: str) -> None:
    """The RQ job: claim the review by id and run its steps (portfolios.review)."""
    from portfolios.review import run_review  # the pipeline imports PyGithub and git tooling

    job = get_current_job()
    run_review(uuid.UUID(review_id), job_id=job.id if job else job_id_for(review_id), stuck_after=STUCK_AFTER)


def enqueue_refresh_known_repository(known_id: int) -> None:
    """Read one of our own repositories (clone + fingerprint) after the current transaction."""

    def enqueue() -> None:
        queue = django_rq.get_queue(QUEUE_NAME)
        with contextlib.suppress(DuplicateJobError):  # already queued: one refresh is enough
            queue.enqueue(
                "portfolios.jobs.refresh_known_repository",
                known_id,
                job_id=f"known-repository-{known_id}",
                unique=True,
                job_timeout=JOB_TIMEOUT_SECONDS,
                failure_ttl=FAILURE_TTL_SECONDS,
            )

    transaction.on_commit(enqueue, robust=True)


def refresh_known_repository(known_id: int) -> None:
    """The RQ job: fingerprint a known repository so candidates' copies of it can be recognized."""
    from portfolios.known import refresh  # the pipeline imports PyGithub and git tooling

    refresh(known_id)
