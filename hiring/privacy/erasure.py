"""Erasing candidates' data: one application on request, and every application past retention.

An erasure removes the application, its flags, notes, stage history, emails, portfolio review,
the résumé file, the candidate (when nothing else of theirs remains), cached analyses of their
repositories (with the cached facts of files no other repository holds) and their jobs in Redis.
The audit log keeps a tombstone: who erased which id, when and why, and nothing personal.
Erasing twice, or a job arriving for an erased id, is a no-op.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import django_rq
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Queue

from hiring.intake.forms import RETENTION_MONTHS
from hiring.models import Application, AuditEvent
from hiring.privacy import audit
from portfolios import analysis_cache
from portfolios.jobs import job_id_for
from portfolios.models import RepoAnalysis

logger = logging.getLogger(__name__)
DAYS_PER_MONTH = 30.44


@dataclass
class ErasureReport:
    applications: int = 0
    candidates: int = 0
    files: int = 0
    analyses: int = 0
    jobs: int = 0

    def add(self, other: ErasureReport) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def erase_application(application_id: uuid.UUID, *, by: str, reason: str) -> ErasureReport:
    """Erase one application and what hangs off it; an empty report when it is already gone."""
    report = ErasureReport()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("candidate", "portfolio_review")
            .filter(pk=application_id)
            .first()
        )
        if application is None:
            return report
        files = [name for name in (application.resume.name,) if name]
        jobs = [
            job_id_for(application.portfolio_review_id),
            *(f"candidate-email-{pk}" for pk in application.emails.values_list("pk", flat=True)),
        ]
        report = _delete_rows(application)
        audit.record(
            AuditEvent.Kind.ERASED, actor=None, application_id=application_id, erased_by=by, reason=reason
        )
        transaction.on_commit(lambda: _delete_outside_the_database(files, jobs, report), robust=True)
    report.files, report.jobs = len(files), len(jobs)
    return report


def past_retention(*, now: datetime | None = None) -> list[uuid.UUID]:
    """Applications to ads closed more than the retention period ago (the consent text's promise)."""
    cutoff = (now or timezone.now()) - timedelta(days=RETENTION_MONTHS * DAYS_PER_MONTH)
    return list(Application.objects.filter(job_ad__closed_at__lt=cutoff).values_list("pk", flat=True))


def purge_expired(*, now: datetime | None = None, dry_run: bool = False) -> tuple[int, ErasureReport]:
    """Erase every application past retention; with ``dry_run`` only count them."""
    due = past_retention(now=now)
    total = ErasureReport()
    if not dry_run:
        for application_id in due:
            total.add(
                erase_application(
                    application_id,
                    by="retention policy",
                    reason=f"{RETENTION_MONTHS} months after the role closed",
                )
            )
    return len(due), total


def _delete_rows(application: Application) -> ErasureReport:
    candidate, review, username = (
        application.candidate,
        application.portfolio_review,
        application.github_username,
    )
    AuditEvent.objects.filter(application_id=application.pk).update(
        detail={}, path=""
    )  # keep who/when, drop content
    application.delete()  # flags, notes and their revisions, stage history and emails go with it
    review.delete()
    report = ErasureReport(applications=1)
    if not candidate.applications.exists():
        candidate.delete()
        report.candidates = 1
    if username and not Application.objects.filter(github_username__iexact=username).exists():
        report.analyses, _ = RepoAnalysis.objects.filter(full_name__istartswith=f"{username}/").delete()
        analysis_cache.sweep(grace=timedelta(0))  # the facts of files only their repositories held
    return report


def _delete_outside_the_database(files: list[str], jobs: list[str], report: ErasureReport) -> None:
    for name in files:
        default_storage.delete(name)
    queue = django_rq.get_queue("default")
    try:
        for job_id in [*jobs, *_scheduled_variants(queue, jobs)]:
            job = queue.fetch_job(job_id)
            if job is not None:
                job.delete(remove_from_queue=True)
    except (RedisError, OSError) as error:  # a job left behind finds no row and does nothing
        logger.warning("erasure: Redis unavailable, jobs %s not removed (%s)", jobs, error)


def _scheduled_variants(queue: Queue, jobs: list[str]) -> list[str]:
    """Rate-limited reviews are rescheduled under '<job id>-at-<time>'."""
    scheduled = queue.scheduled_job_registry.get_job_ids()
    return [job_id for job_id in scheduled if any(job_id.startswith(f"{prefix}-at-") for prefix in jobs)]
