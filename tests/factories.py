"""Builders and fixtures shared by the suite: publishable ads, a valid application form, clean Redis state."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import django_rq
import pytest
import redis
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jobads.models import JobAd, RoleFamily
from jobads.services import change_status, save_ad
from jobads.transparency import Jurisdiction
from tests.resume_files import make_pdf

MakeAd = Callable[..., JobAd]


def complete_ad_fields() -> dict[str, Any]:
    return {
        "title": "Senior Data Scientist",
        "team": "Growth",
        "summary": "Make experiments trustworthy.",
        "location": "New York, NY",
        "jurisdictions": [Jurisdiction.NEW_YORK_CITY],
        "pay_min": 140_000,
        "pay_max": 175_000,
        "benefits": "Health cover and a pension.",
        "responsibilities": ["Design experiments", "Build models", "Explain results"],
        "required_skills": ["statistics", "SQL"],
        "nice_to_have_skills": ["causal inference"],
    }


@pytest.fixture
def data_scientist(db: None) -> RoleFamily:
    return RoleFamily.objects.get(slug="data-scientist")


@pytest.fixture
def ml_engineer(db: None) -> RoleFamily:
    return RoleFamily.objects.get(slug="machine-learning-engineer")


@pytest.fixture
def other_manager(db: None) -> User:
    user = User.objects.create_user("olivia", "olivia@example.test", "a-strong-test-password")
    user.groups.add(Group.objects.get(name="Hiring managers"))
    return user


@pytest.fixture
def make_ad(recruiter: User, manager: User, data_scientist: RoleFamily) -> MakeAd:
    """``make_ad(status="published", pay_max=…)``: saved through the services, as staff would."""

    def make(*, status: str = "draft", **overrides: Any) -> JobAd:
        fields = {**complete_ad_fields(), "role_family": data_scientist, "owner": manager, **overrides}
        ad = save_ad(ad=JobAd(**fields), by=recruiter)
        if status in ("published", "closed"):
            change_status(ad=ad, action="publish", by=recruiter, now=timezone.now())
        if status == "closed":
            change_status(ad=ad, action="close", by=recruiter, now=timezone.now())
        return ad

    return make


RESUME_TEXT = "Senior Data Scientist. Statistics, A/B testing, regression, Jupyter notebooks."


@pytest.fixture(autouse=True)
def clean_rate_limits() -> None:
    """Rate-limit counters live in the shared Redis cache; each test starts with none."""
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    for key in client.scan_iter(match=f"{django_settings.CACHES['default']['KEY_PREFIX']}:*rl:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def review_queue() -> Any:
    """The real RQ queue on this run's own Redis database, emptied (registries too) before and after."""
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


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
