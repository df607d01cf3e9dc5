"""The one enqueue helper, on the run's real Redis: one job per piece of work, an ended job gives
its id back so the work can run again, and a Redis outage is an answer, not an exception."""

from __future__ import annotations

import django_rq
import pytest
from rq import SimpleWorker
from rq.job import JobStatus
from rq.serializers import JSONSerializer

from core.queue import Job, enqueue

pytestmark = pytest.mark.django_db
FAILING = Job("tests.core.test_queue.fails", "test-fails", 10)
PASSING = Job("tests.core.test_queue.passes", "test-passes", 10)


def fails(key: str) -> None:
    raise RuntimeError(key)


def passes(key: str) -> None:
    return None


def run_worker() -> None:
    django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer).work(burst=True)  # type: ignore[arg-type]


def test_a_second_enqueue_of_pending_work_adds_no_job(review_queue):
    assert enqueue(PASSING, "a", job_id="test-passes-a") and enqueue(PASSING, "a", job_id="test-passes-a")

    assert review_queue.count == 1


def test_a_job_that_failed_gives_its_id_back_so_the_work_runs_again(review_queue):
    enqueue(FAILING, "b", job_id="test-fails-b")
    run_worker()
    assert review_queue.fetch_job("test-fails-b").get_status() == JobStatus.FAILED

    assert enqueue(FAILING, "b", job_id="test-fails-b")

    assert review_queue.fetch_job("test-fails-b").get_status() == JobStatus.QUEUED


def test_redis_refusing_the_job_is_an_answer_not_an_exception(settings):
    settings.RQ_QUEUES = {
        "default": {"URL": "redis://127.0.0.1:1/0", "SERIALIZER": "rq.serializers.JSONSerializer"}
    }

    assert enqueue(PASSING, "c", job_id="test-passes-c") is False
