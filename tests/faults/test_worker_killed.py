"""A worker SIGKILLed in the middle of a review (row C2 of RELIABILITY.md): once its job timeout has
passed the review is picked up again and completes exactly once, reusing what was already saved."""

from __future__ import annotations

import os
import signal
from datetime import timedelta

import django_rq
import pytest
from django.utils import timezone
from rq.registry import ScheduledJobRegistry

from portfolios.jobs import JOB_TIMEOUT_SECONDS, STUCK_AFTER, enqueue_review, job_id_for, reconcile_reviews
from portfolios.models import RUNNING, PortfolioReview, RepoAnalysis
from tests.faults.conftest import advance_rq_clock, wait_for, worker_log
from tests.portfolios.repos import DOCUMENTED_TYPED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
# CPython 3.11 parses a long f-string in quadratic time: about 2 s here, the window for the kill.
SLOW_TO_READ = {**DOCUMENTED_TYPED, "churn/report.py": 'TEXT = f"' + "{1}a" * 30_000 + '"\n'}


def test_a_review_whose_worker_was_killed_completes_once_after_the_job_timeout(
    own_redis, github, start_worker, tmp_path
):
    github.store.add_repository("ada", "churn", DOCUMENTED_TYPED, pushed_at="2024-06-01T00:00:00Z")
    github.store.add_repository("ada", "report", SLOW_TO_READ, pushed_at="2024-01-01T00:00:00Z")
    review = PortfolioReview.objects.create(github_username="ada")
    enqueue_review(review.pk)
    worker = start_worker()
    reading_the_second = lambda: _running(review) and RepoAnalysis.objects.exists()  # noqa: E731
    assert wait_for(reading_the_second, seconds=60), worker_log(tmp_path)

    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its work horse, as when a machine dies
    worker.wait()
    review.refresh_from_db()
    assert review.status in RUNNING and review.score is None and review.repos_done == 1

    _let_the_job_timeout_pass(review)
    reconcile_reviews()
    queue = django_rq.get_queue("default")
    assert queue.job_ids + ScheduledJobRegistry(queue=queue).get_job_ids() == [job_id_for(review.pk)]
    start_worker("--burst").wait(timeout=90)

    review.refresh_from_db()
    assert review.status == PortfolioReview.Status.DONE, worker_log(tmp_path)
    assert review.attempts == 2 and review.repos_done == 2
    analyses = list(RepoAnalysis.objects.values_list("full_name", "head_sha"))
    assert sorted(name for name, _ in analyses) == ["ada/churn", "ada/report"]  # one per (repository, commit)
    assert reconcile_reviews() == 0


def _running(review: PortfolioReview) -> bool:
    """Between the first repository's saved result and the second one's."""
    return PortfolioReview.objects.filter(pk=review.pk, status__in=RUNNING, repos_done=1).exists()


def _let_the_job_timeout_pass(review: PortfolioReview) -> None:
    """The row has been silent for longer than the job timeout, and RQ's clock says the same."""
    silent_since = timezone.now() - STUCK_AFTER - timedelta(minutes=1)
    PortfolioReview.objects.filter(pk=review.pk).update(updated_at=silent_since)
    advance_rq_clock(django_rq.get_queue("default"), STUCK_AFTER.total_seconds() + JOB_TIMEOUT_SECONDS)
