"""Portfolio work on the queue: what the worker runs (a review, a refresh of one of our
repositories) and how it gets there (``core.queue``, the one enqueue helper).

A review's row is the source of truth: enqueueing is robust after commit, and
``reconcile_reviews`` puts back what Redis missed or a dead worker left. The review's steps
(``portfolios.review``) know nothing of the queue; a review postponed by a rate limit returns when
to run again, and the job schedules it.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.utils import timezone
from redis.exceptions import RedisError
from rq import Retry, get_current_job

from core.queue import Job, enqueue, enqueue_after_commit, enqueue_at, running_jobs
from portfolios import known
from portfolios.models import RUNNING, KnownRepository, PortfolioReview
from portfolios.review import run_review

JOB_TIMEOUT_SECONDS = 15 * 60  # a review of six repositories within the analyzer's own limits
REFRESH_TIMEOUT_SECONDS = 15 * 60  # one repository of ours, cloned and read
RETRY = Retry(max=3, interval=[30, 120, 600])  # crashes only; expected failures are stored results
STUCK_AFTER = timedelta(seconds=JOB_TIMEOUT_SECONDS + 5 * 60)

logger = logging.getLogger(__name__)

REVIEW = Job("portfolios.jobs.review_portfolio", "portfolio-review", JOB_TIMEOUT_SECONDS, RETRY)
REFRESH_KNOWN = Job("portfolios.jobs.refresh_known_repository", "known-repository", REFRESH_TIMEOUT_SECONDS)


def job_id_for(review_id: uuid.UUID | str) -> str:
    return REVIEW.id_for(review_id)


def enqueue_review(review_id: uuid.UUID | str) -> bool:
    """Put the review's job on the queue; False (logged) when Redis refused it."""
    return enqueue(REVIEW, str(review_id), job_id=job_id_for(review_id))


def enqueue_review_after_commit(review_id: uuid.UUID) -> None:
    enqueue_after_commit(REVIEW, str(review_id), job_id=job_id_for(review_id))


def enqueue_review_at(review_id: uuid.UUID | str, when: datetime) -> None:
    """Schedule the review after a rate-limit reset."""
    enqueue_at(REVIEW, when, str(review_id), job_id=f"{job_id_for(review_id)}-at-{int(when.timestamp())}")


def reconcile_reviews() -> int:
    """Enqueue every pending review and every running one whose worker died; returns how many."""
    restart_abandoned_reviews()
    due = PortfolioReview.objects.needing_enqueue(now=timezone.now(), stuck_after=STUCK_AFTER)
    return sum(enqueue_review(review_id) for review_id in due.values_list("id", flat=True).iterator())


def restart_abandoned_reviews() -> int:
    """Running reviews whose worker stopped sending heartbeats go back to pending (the page says
    "restarted"), for ``reconcile_reviews`` to enqueue; returns how many. Redis unreachable: none."""
    running = list(PortfolioReview.objects.filter(status__in=RUNNING).values_list("pk", "job_id", "claim"))
    if not running:
        return 0
    try:
        alive = running_jobs({job_id for _, job_id, _ in running})
    except (RedisError, OSError) as error:
        logger.warning("cannot tell which reviews are still running: Redis refused (%s)", error)
        return 0
    claims = {pk: claim for pk, job_id, claim in running if job_id not in alive}
    restarted = PortfolioReview.objects.restart_abandoned(claims, now=timezone.now()) if claims else 0
    if restarted:
        logger.warning("restarted %d review(s) whose worker died", restarted)
    return restarted


def reconcile_known_repositories() -> int:
    """Enqueue the reference repositories due for a weekly read (or a retry); returns how many."""
    due = KnownRepository.objects.due_for_refresh(now=timezone.now())
    return sum(
        enqueue(REFRESH_KNOWN, known_id, job_id=REFRESH_KNOWN.id_for(known_id))
        for known_id in due.values_list("id", flat=True)
    )


def enqueue_refresh_known_repository(known_id: int) -> None:
    """Read one of our own repositories (clone and fingerprint) after the current transaction."""
    enqueue_after_commit(REFRESH_KNOWN, known_id, job_id=REFRESH_KNOWN.id_for(known_id))


def review_portfolio(review_id: str) -> None:
    """The RQ job: claim the review by id and run its steps; schedule it again if GitHub says wait."""
    job = get_current_job()
    again = run_review(
        uuid.UUID(review_id), job_id=job.id if job else job_id_for(review_id), stuck_after=STUCK_AFTER
    )
    if again is not None:
        enqueue_review_at(review_id, again)


def refresh_known_repository(known_id: int) -> None:
    """The RQ job: fingerprint a known repository so candidates' copies of it can be recognized."""
    known.refresh(known_id)
