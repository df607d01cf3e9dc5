"""Fixtures for the dashboard tests: an application that came in through the real form."""

from __future__ import annotations

from typing import Any

import pytest

from hiring.models import Application
from tests.factories import form_data


@pytest.fixture(name="application")
def application_fixture(submit: Any, live_ad: Any, private_storage: Any, review_queue: Any) -> Application:
    """Ada's application to the manager's published ad, flagged for salary (asks above the range)."""
    submit(live_ad, form_data(salary_text="$200,000", confirm_salary="on"))
    return Application.objects.select_related("candidate", "job_ad", "portfolio_review").get()


@pytest.fixture(name="finished_review")
def finished_review_fixture(application: Application) -> Application:
    """The review done, with a realistic score (the one the bulk builder makes through real scoring)."""
    from hiring.bulk import _score_variants

    review = application.portfolio_review
    review.status, review.score, review.repos_total, review.repos_done = "done", _score_variants()[0], 2, 2
    review.save()
    return application
