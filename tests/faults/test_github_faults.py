"""The loopback GitHub answering with server errors, timeouts and rate limits (rows W4-W6 of
RELIABILITY.md), to a real worker process: every review ends done or failed with a reason, or
pending with its retry scheduled; none is left running."""

from __future__ import annotations

from datetime import timedelta

import django_rq
import pytest
from django.utils import timezone
from rq.registry import ScheduledJobRegistry

from portfolios.jobs import enqueue_review, job_id_for
from portfolios.loopback import Fault
from portfolios.models import RUNNING, PortfolioReview
from tests.faults.conftest import worker_log
from tests.portfolios.repos import DOCUMENTED_TYPED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
Status = PortfolioReview.Status
LOGINS = ("flaky", "slow", "limited", "down", "down-last-try")


def script_faults(github) -> int:
    """One user per fault; returns the rate-limit reset time (Unix seconds)."""
    reset = int((timezone.now() + timedelta(minutes=40)).timestamp())
    for login in LOGINS:
        github.store.add_repository(login, "churn", DOCUMENTED_TYPED)
    github.script("/users/flaky", [(502, {}, {}), (503, {}, {})])  # then answers
    github.script("/users/slow", [Fault(delay_seconds=3)] * 8)  # past the 1 s client timeout, every time
    github.script(
        "/users/limited", [(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)}, {})]
    )
    github.script("/users/down", [(500, {}, {})] * 8)
    github.script("/users/down-last-try", [(500, {}, {})] * 8)
    return reset


def test_github_errors_timeouts_and_rate_limits_leave_no_review_running(github, start_worker, tmp_path):
    reset = script_faults(github)
    reviews = {login: PortfolioReview.objects.create(github_username=login) for login in LOGINS}
    PortfolioReview.objects.filter(pk=reviews["down-last-try"].pk).update(attempts=3)  # RQ's last retry
    for review in reviews.values():
        enqueue_review(review.pk)

    start_worker("--burst").wait(timeout=90)

    final = {login: PortfolioReview.objects.get(pk=review.pk) for login, review in reviews.items()}
    assert [login for login, review in final.items() if review.status in RUNNING] == [], worker_log(tmp_path)
    assert final["flaky"].status == Status.DONE
    for login in ("slow", "down"):  # GitHub unavailable: handed back, RQ retries with backoff
        assert (final[login].status, final[login].claim, final[login].attempts) == (Status.PENDING, None, 1)
    limited = final["limited"]
    assert limited.status == Status.PENDING and limited.not_before is not None
    assert limited.not_before.timestamp() == reset
    assert (final["down-last-try"].status, final["down-last-try"].reason_code) == (
        Status.FAILED,
        "github_unavailable",
    )
    assert "try again later" in final["down-last-try"].reason
    scheduled = set(ScheduledJobRegistry(queue=django_rq.get_queue("default")).get_job_ids())
    assert scheduled == {
        job_id_for(final["slow"].pk),
        job_id_for(final["down"].pk),
        f"{job_id_for(final['limited'].pk)}-at-{reset}",
    }
