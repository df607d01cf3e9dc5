"""The real `rqworker` process: warm shutdown on deploy and a fast, clear failure on bad Redis
settings (rows C3 and C9 of RELIABILITY.md)."""

from __future__ import annotations

import signal
import time

import pytest

from portfolios.jobs import enqueue_review
from portfolios.loopback import Fault
from portfolios.models import PortfolioReview
from tests.portfolios.repos import DOCUMENTED_TYPED
from tests.processes import project_env, start_manage, stop_group

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
WORKER = ["rqworker", "default", "--with-scheduler", "--serializer", "rq.serializers.JSONSerializer"]


def wait_for(condition, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_sigterm_during_a_review_lets_the_job_finish_before_the_worker_exits(
    github_server, review_queue, settings
):
    settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    github_server.script("/users/ada", [Fault(delay_seconds=3)])  # a slow GitHub keeps the job running
    review = PortfolioReview.objects.create(github_username="ada")
    enqueue_review(review.pk)
    worker = start_manage(*WORKER, env=project_env())
    try:
        assert wait_for(lambda: PortfolioReview.objects.get(pk=review.pk).status != "pending", seconds=30)

        worker.send_signal(signal.SIGTERM)  # what a deploy does
        worker.wait(timeout=60)
    finally:
        stop_group(worker)  # no work horse may outlive a failed test

    review.refresh_from_db()
    assert review.status == PortfolioReview.Status.DONE
    assert worker.returncode == 0


def test_a_worker_with_an_unreachable_redis_fails_fast_with_a_clear_message():
    worker = start_manage(*WORKER, env=project_env(REDIS_URL="redis://127.0.0.1:1/0"))

    output, _ = worker.communicate(timeout=60)

    assert worker.returncode != 0
    assert "Connection refused" in output or "Error 111" in output
