"""Fixtures for the dashboard tests: an application that came in through the real form."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from hiring.models import Application
from portfolios.models import PortfolioReview
from portfolios.signals import review_finished
from tests.factories import form_data
from tests.portfolio_samples import SAMPLES, sample_score


@pytest.fixture(name="application")
def application_fixture(submit: Any, live_ad: Any, private_storage: Any, review_queue: Any) -> Application:
    """Ada's application to the manager's published ad, flagged for salary (asks above the range)."""
    submit(live_ad, form_data(salary_text="$200,000", confirm_salary="on"))
    return Application.objects.select_related("candidate", "job_ad", "portfolio_review").get()


@pytest.fixture(name="finished_review")
def finished_review_fixture(application: Application) -> Application:
    """The review done, with the score the real analyzer gives two generated repositories."""
    return with_sample_score(application, "modelling")


def with_sample_score(application: Application, sample: str, *, owner: str = "candidate") -> Application:
    """``application``'s review finished with the real score of ``tests.portfolio_samples`` ``sample``."""
    review = application.portfolio_review
    review.status, review.score = "done", sample_score(sample, owner)
    review.finished_at = review.finished_at or timezone.now()
    review.repos_total = review.repos_done = len(SAMPLES[sample])
    review.save()
    review_finished.send(sender=PortfolioReview, review=review)  # as the review's last step does
    application.refresh_from_db()
    return application
