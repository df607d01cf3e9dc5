"""Redis queueing (django-rq): the one module that puts work on the queue, and tells which of it a
live worker is running.

A job carries ids only (no personal data in Redis) and is enqueued after the database commits,
robustly: when Redis refuses, the row stays the record of work to do and a periodic reconciler
enqueues it later. A deterministic job id makes a second enqueue of the same work harmless; a job
of that id that already ended (finished, failed, stopped) is replaced, so the work can run again.

A worker proves it is alive by heartbeats: RQ's registry of started jobs holds each one until a
minute and a half (the heartbeat interval plus RQ's 60 s margin) after the last one. A worker
SIGKILLed or lost with its machine leaves its job "started" until RQ's own maintenance, which a
live worker runs only every ten minutes, hands it on; ``running_jobs`` does that at once.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

import django_rq
from django.conf import settings
from django.db import transaction
from redis.exceptions import RedisError
from rq import Queue, Retry, Worker
from rq.exceptions import DuplicateJobError
from rq.job import JobStatus
from rq.registry import StartedJobRegistry

logger = logging.getLogger(__name__)

QUEUE_NAME = "default"
FAILURE_TTL_SECONDS = 7 * 24 * 3600  # a failed job stays a week in RQ's registry, for the operator
PENDING = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


@dataclass(frozen=True)
class Job:
    """A kind of background work: the function the worker runs (by dotted path) and its bounds."""

    function: str
    id_prefix: str  # the job id of the work for one row is "<prefix>-<row id>"
    timeout_seconds: int
    retry: Retry | None = None  # crashes only; expected failures are results stored on the row

    def id_for(self, key: object) -> str:
        return f"{self.id_prefix}-{key}"


def enqueue(job: Job, *args: object, job_id: str) -> bool:
    """Put the work on the queue; True when it is queued, running or scheduled, False (logged)
    when Redis refused it and the row waits for the reconciler."""
    queue = django_rq.get_queue(QUEUE_NAME)
    try:
        try:
            _enqueue(queue, job, args, job_id)
        except DuplicateJobError:
            if _is_pending(queue, job_id):
                return True  # exactly one job per piece of work
            _enqueue(queue, job, args, job_id)
    except DuplicateJobError:
        return True  # another process enqueued it between our two calls
    except (RedisError, OSError) as error:
        logger.warning("%s stays to do: Redis refused the job (%s)", job_id, error)
        return False
    return True


def enqueue_after_commit(job: Job, *args: object, job_id: str) -> None:
    """Enqueue once the surrounding transaction commits; a Redis error there is logged, not raised."""
    transaction.on_commit(partial(enqueue, job, *args, job_id=job_id), robust=True)


def enqueue_at(job: Job, when: datetime, *args: object, job_id: str) -> None:
    """Run the work at ``when`` (the worker's scheduler moves it to the queue then)."""
    django_rq.get_queue(QUEUE_NAME).enqueue_at(
        when,
        job.function,
        *args,
        job_id=job_id,
        job_timeout=job.timeout_seconds,
        retry=job.retry,
        failure_ttl=FAILURE_TTL_SECONDS,
    )


def _enqueue(queue: Queue, job: Job, args: tuple[object, ...], job_id: str) -> None:
    queue.enqueue(
        job.function,
        *args,
        job_id=job_id,
        unique=True,
        job_timeout=job.timeout_seconds,
        retry=job.retry,
        failure_ttl=FAILURE_TTL_SECONDS,
    )


def _is_pending(queue: Queue, job_id: str) -> bool:
    """Whether the existing job of this id will still run; an ended one is deleted to free the id."""
    existing = queue.fetch_job(job_id)
    if existing is not None and existing.get_status(refresh=True) in PENDING:
        return True
    if existing is not None:
        existing.delete()
    return False


def running_jobs(job_ids: Collection[str]) -> set[str]:
    """Which of these jobs a live worker is running now.

    The started jobs whose worker stopped sending heartbeats are first handed to RQ's handling of
    abandoned jobs (retried as their ``Retry`` says, else failed), as RQ's maintenance would do
    minutes later. Raises RedisError when Redis is unreachable: then nobody can tell.
    """
    registry = StartedJobRegistry(queue=django_rq.get_queue(QUEUE_NAME))
    started = set(registry.get_job_ids(cleanup=True))
    return {job_id for job_id in job_ids if job_id in started}


class HeartbeatWorker(Worker):
    """RQ's worker, with two intervals from settings, so a dead worker's work moves on in minutes:
    its heartbeat (``WORKER_HEARTBEAT_SECONDS``; plus 60 s, how long a dead worker's job still
    reads as running) and its maintenance (``WORKER_MAINTENANCE_SECONDS``, RQ's default ten
    minutes): that is when a live worker hands on abandoned jobs and takes over the scheduler
    from a dead one, whose lock had kept every scheduled job, crash retries included, waiting."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("job_monitoring_interval", settings.WORKER_HEARTBEAT_SECONDS)
        kwargs.setdefault("maintenance_interval", settings.WORKER_MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)

    @property
    def dequeue_timeout(self) -> int:
        """An idle worker waits for a job no longer than its maintenance interval (RQ: the worker
        TTL less 15 s, 405 s), since maintenance only runs between two waits."""
        return max(1, min(self.worker_ttl - 15, self.maintenance_interval))
