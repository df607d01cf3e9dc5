"""PostgreSQL restarted while a worker is in the middle of a review (row C5 of RELIABILITY.md): the
job fails on its cut connection, RQ retries it, and the review completes with nothing partial."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import django_rq
import pytest
from django.conf import settings
from django.db import connection
from rq.registry import ScheduledJobRegistry

from portfolios.jobs import enqueue_review
from portfolios.loopback import Fault
from portfolios.models import PortfolioReview
from tests.faults.conftest import advance_rq_clock, wait_for, worker_log
from tests.portfolios.repos import DOCUMENTED_TYPED

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not ON_POSTGRES or shutil.which("pg_ctlcluster") is None,
        reason="restarts this machine's PostgreSQL cluster: only meaningful on PostgreSQL (CI runs it)",
    ),
]
READY_SECONDS = 30


def restart_postgres() -> None:
    """`pg_ctlcluster … restart` (fast mode: every session is cut), then wait until it accepts again."""
    (version,) = [path.name for path in Path("/etc/postgresql").iterdir()]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    ready = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(settings.DATABASES["default"]["PORT"] or 5432)]
    assert wait_for(lambda: subprocess.run(ready).returncode == 0, seconds=READY_SECONDS, every=0.2)
    connection.close()  # this test's own session was cut too; the next query opens a new one


def test_a_postgresql_restart_during_a_review_is_retried_and_the_review_completes(
    own_redis, github, start_worker, tmp_path
):
    github.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    github.script("/users/ada", [Fault(delay_seconds=4)])  # the job is waiting on GitHub during the restart
    review = PortfolioReview.objects.create(github_username="ada")
    enqueue_review(review.pk)
    start_worker()
    fetching = lambda: PortfolioReview.objects.filter(pk=review.pk, status="fetching").exists()  # noqa: E731
    assert wait_for(fetching, seconds=60), worker_log(tmp_path)

    restart_postgres()

    queue = django_rq.get_queue("default")
    retry_scheduled = lambda: ScheduledJobRegistry(queue=queue).count == 1  # noqa: E731
    assert wait_for(retry_scheduled, seconds=30), worker_log(tmp_path)
    review.refresh_from_db()
    assert review.score is None and review.status == "fetching"  # held for RQ's retry, nothing partial
    advance_rq_clock(queue, 60)  # the first retry is due (30 s)
    done = lambda: PortfolioReview.objects.filter(pk=review.pk, status="done").exists()  # noqa: E731
    assert wait_for(done, seconds=60, every=0.2), worker_log(tmp_path)
    review.refresh_from_db()
    assert review.attempts == 2 and review.score is not None
