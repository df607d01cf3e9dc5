"""Fixtures for intake tests: a live ad, a valid form, and clean rate limits and queue in Redis."""

from __future__ import annotations

import uuid
from typing import Any

import django_rq
import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.resume_files import make_pdf

RESUME_TEXT = "Senior Data Scientist. Statistics, A/B testing, regression, Jupyter notebooks."


@pytest.fixture(autouse=True)
def clean_rate_limits() -> None:
    """Rate-limit counters live in the shared Redis cache; each test starts with none."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*rl:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def review_queue() -> Any:
    """The real RQ queue, emptied before and after the test."""
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


@pytest.fixture
def live_ad(make_ad: Any) -> Any:
    return make_ad(status="published")


@pytest.fixture
def private_storage(settings: Any, tmp_path: Any) -> Any:
    """Résumés go to a throw-away private directory for the test."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
        "location": "London",
        "current_title": "Data Scientist",
        "years_experience": "6",
        "skills": "statistics, regression, pandas",
        "github_username": "ada-l",
        "other_links": "https://ada.example.com",
        "salary_text": "$150,000",
        "salary_currency": "USD",
        "salary_period": "year",
        "note": "I enjoy experiments.",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
        "resume": SimpleUploadedFile("cv.pdf", make_pdf(RESUME_TEXT), content_type="application/pdf"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(client: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """POST the form and run what the view scheduled for after commit, as a real request would."""

    def post(ad: Any, data: dict[str, Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/jobs/{ad.slug}/apply/", data, **kwargs)

    return post
