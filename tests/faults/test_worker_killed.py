"""A worker SIGKILLed in the middle of a review (row C2 of RELIABILITY.md), in real time: no clock
is moved. Once the dead worker's heartbeat has lapsed, the reconciler hands the review back, a new
worker completes it exactly once, reusing what was already saved, and the page says so."""

from __future__ import annotations

import time

import pytest

from hiring.platform.processes import kill_with_descendants
from portfolios.jobs import enqueue_review, reconcile_reviews
from portfolios.models import RUNNING, PortfolioReview, RepoAnalysis
from tests.faults.conftest import wait_for, worker_log
from tests.portfolios.repos import DOCUMENTED_TYPED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
# CPython 3.11 parses a long f-string in quadratic time: about 2 s here, the window for the kill.
SLOW_TO_READ = {**DOCUMENTED_TYPED, "churn/report.py": 'TEXT = f"' + "{1}a" * 30_000 + '"\n'}
# The workers' heartbeat interval: a dead one's job still reads as running 60 s + this after it died.
HEARTBEAT_SECONDS = "2"
MAINTENANCE_SECONDS = "5"  # how soon the new worker takes over the dead one's scheduler (production: 60 s)
RECONCILE_EVERY_SECONDS = 5  # the periodic process's interval, shortened (production: 60 s)
GOAL_SECONDS = 7 * 60  # issue 17: finished within 7 minutes of the kill


def test_a_review_whose_worker_was_killed_is_restarted_in_real_time_and_completes_once(
    own_redis, github, start_worker, tmp_path
):
    github.store.add_repository("ada", "churn", DOCUMENTED_TYPED, pushed_at="2024-06-01T00:00:00Z")
    github.store.add_repository("ada", "report", SLOW_TO_READ, pushed_at="2024-01-01T00:00:00Z")
    review = PortfolioReview.objects.create(github_username="ada")
    enqueue_review(review.pk)
    worker = start_worker(
        WORKER_HEARTBEAT_SECONDS=HEARTBEAT_SECONDS, WORKER_MAINTENANCE_SECONDS=MAINTENANCE_SECONDS
    )
    reading_the_second = lambda: _running(review) and RepoAnalysis.objects.exists()  # noqa: E731
    assert wait_for(reading_the_second, seconds=60), worker_log(tmp_path)
    reconcile_reviews()
    assert _running(review), "a review whose worker is alive is left alone"

    kill_with_descendants(worker)  # the worker, its work horse and the analyzer: a machine died
    killed_at = time.monotonic()
    reconcile_reviews()
    assert _running(review), "its heartbeat has not lapsed yet: nobody can tell it died"
    start_worker(
        WORKER_HEARTBEAT_SECONDS=HEARTBEAT_SECONDS, WORKER_MAINTENANCE_SECONDS=MAINTENANCE_SECONDS
    )  # another worker, as after a reboot

    def restarted() -> bool:
        reconcile_reviews()
        return PortfolioReview.objects.filter(pk=review.pk, restarted_at__isnull=False).exists()

    assert wait_for(restarted, seconds=GOAL_SECONDS, every=RECONCILE_EVERY_SECONDS), worker_log(tmp_path)
    restarted_after = time.monotonic() - killed_at
    finished = lambda: PortfolioReview.objects.filter(pk=review.pk, status="done").exists()  # noqa: E731
    assert wait_for(finished, seconds=GOAL_SECONDS - restarted_after, every=1), worker_log(tmp_path)

    review.refresh_from_db()
    assert review.attempts == 2 and review.repos_done == 2
    analyses = list(RepoAnalysis.objects.values_list("full_name", "head_sha"))
    assert sorted(name for name, _ in analyses) == ["ada/churn", "ada/report"]  # one per (repository, commit)
    assert reconcile_reviews() == 0
    print(
        f"restarted {restarted_after:.0f} s and finished {time.monotonic() - killed_at:.0f} s after the kill"
    )


def _running(review: PortfolioReview) -> bool:
    """Between the first repository's saved result and the second one's."""
    return PortfolioReview.objects.filter(pk=review.pk, status__in=RUNNING, repos_done=1).exists()
