"""Builders shared by the suite: complete, publishable ads by default; override what a test is about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from jobads.models import JobAd, RoleFamily
from jobads.services import change_status, save_ad
from jobads.transparency import Jurisdiction

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
