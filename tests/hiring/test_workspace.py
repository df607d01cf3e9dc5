"""The staff home: what waits for a hiring manager per ad, and the state of a recruiter's ads."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from hiring.models import Application, HomeVisit, StageChange
from jobads.models import JobAd
from portfolios.models import PortfolioReview
from tests.factories import form_data
from tests.hiring.dashboard_support import application_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def home(client: Client, user) -> str:
    client.force_login(user)
    return client.get("/staff/").content.decode()


def test_a_manager_sees_who_waits_to_be_screened_on_their_own_ads_only(
    client, manager, other_manager, application, make_ad, submit
):
    theirs = make_ad(status="published", title="Someone else's role", owner=other_manager)
    submit(theirs, form_data(email="bo@example.com", full_name="Bo Other", github_username=""))

    page = home(client, manager)

    assert "To screen (1)" in page and "Ada Lovelace" in page
    assert "Someone else&#x27;s role" not in page and "Bo Other" not in page


def test_reviews_finished_since_the_last_visit_stay_listed_for_the_session(client, manager, application):
    HomeVisit.objects.create(user=manager, seen_at=timezone.now() - timedelta(hours=1))
    review = PortfolioReview.objects.filter(pk=application.portfolio_review_id)
    review.update(status="done", finished_at=timezone.now())

    first, reload = home(client, manager), client.get("/staff/").content.decode()
    client.logout()
    next_session = home(client, manager)

    assert "Reviews finished since your last visit (1)" in first
    assert "Reviews finished since your last visit (1)" in reload
    assert "Reviews finished since your last visit (0)" in next_session


def test_a_scorecard_is_owed_after_the_technical_discussion_until_submitted(client, manager, application):
    StageChange.objects.create(application=application, from_stage="applied", to_stage="technical")
    Application.objects.filter(pk=application.pk).update(stage="technical")
    keys = ("statistics", "modeling", "experimentation", "communication")
    ratings = {f"score_{key}": "3" for key in keys} | {f"reason_{key}": "Clear." for key in keys}

    owed = home(client, manager)
    client.post(f"/staff/applications/{application.pk}/scorecard/", {"action": "submit", **ratings})
    paid = client.get("/staff/").content.decode()

    assert "Scorecards you owe (1)" in owed
    assert "Scorecards you owe" not in paid and "Nothing waiting here" in paid


def test_a_blind_ad_shows_pseudonyms_on_the_home_page_too(client, manager, application):
    JobAd.objects.filter(pk=application.job_ad_id).update(is_blind_review=True)

    page = home(client, manager)

    assert "Ada Lovelace" not in page and f"Candidate {application.pk.hex[:6].upper()}" in page


def test_a_recruiter_sees_their_ads_state_and_counts_but_nobody_who_applied(
    client, recruiter, application, make_ad
):
    draft = make_ad(title="Unfinished role", pay_max=None)

    page = home(client, recruiter)

    assert "Ada Lovelace" not in page and "Waiting for you" not in page
    assert "Unfinished role" in page and re.search(r"\d things? to fix before publishing", page)
    assert "Applied <strong>1</strong>" in page
    assert draft.publish_problems()
