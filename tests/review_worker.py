"""Fixtures for tests of the review path: a loopback GitHub the code under test reaches over real HTTP,
and the real worker run in this process."""

from __future__ import annotations

from collections.abc import Iterator

import django_rq
import pytest
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.models import Application
from hiring.tasks import READ_RESUME
from portfolios.loopback import LoopbackGitHub
from portfolios.models import PortfolioReview
from tests.factories import form_data


@pytest.fixture
def github_server(tmp_path, settings) -> Iterator[LoopbackGitHub]:
    """A started loopback GitHub, with settings pointing at it and waits kept to test size."""
    with LoopbackGitHub(tmp_path / "github") as server:
        settings.GITHUB_API_URL = server.base_url
        settings.GITHUB_TOKEN = ""
        settings.GITHUB_TIMEOUT_SECONDS = 10  # generous: a loaded 2-core CI box must not time out
        settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 0  # backoff is instant; tests that wait raise it
        yield server


@pytest.fixture
def read_resumes(review_queue):
    """Run the queued résumé readings as the worker does (the RQ job, its child process): returns how many."""

    def run() -> int:
        jobs = [review_queue.fetch_job(job_id) for job_id in review_queue.job_ids]
        readings = [job for job in jobs if job is not None and job.id.startswith(READ_RESUME.id_prefix)]
        for job in readings:
            review_queue.remove(job)
            job.perform()
        return len(readings)

    return run


@pytest.fixture
def worker_settings(settings, github_server):
    """Clones over file:// from the loopback GitHub's repositories, with limits a CI box meets."""
    settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
    settings.CLONE_TIMEOUT_SECONDS = 30
    settings.ANALYSIS_TIME_BUDGET_SECONDS = 60


@pytest.fixture
def work(review_queue, django_capture_on_commit_callbacks):
    """Run every queued job to completion in this process, with after-commit hooks executed."""

    def run() -> None:
        worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
        with django_capture_on_commit_callbacks(execute=True):
            worker.work(burst=True)

    return run


@pytest.fixture
def applied(submit, live_ad, private_storage, review_queue):
    """Submit a valid application for ``login``; returns its review."""

    def apply(login: str, **changes) -> PortfolioReview:
        submit(live_ad, form_data(github_username=login, **changes))
        return Application.objects.get(github_username=login).portfolio_review

    return apply
