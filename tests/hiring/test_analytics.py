"""Analytics per ad: numbers against hand-computed fixtures, a constant query count, access and
escaping of the server-drawn charts."""

from __future__ import annotations

import uuid
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hiring.dashboard.analytics import (
    Bucket,
    ScoreDistribution,
    ad_analytics,
    duration,
    funnel_sentence,
    stage_time_sentence,
)
from hiring.dashboard.charts import Bar, bar_chart
from hiring.demo.bulk import create_applications
from hiring.models import Application, Candidate, Flag, StageChange
from portfolios.models import PortfolioReview
from tests.portfolio_samples import portfolio_score

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)
numbers = count()


def scored(overall: int) -> dict[str, Any]:
    """A real analyzer's score, with the overall this fixture needs."""
    return portfolio_score("well_made").model_copy(update={"overall": overall}).model_dump(mode="json")


def applicant(
    ad, *, salary=150_000, currency="USD", period="year", stage="applied", score=None, mismatch=False
):
    """One application written directly (no intake rules), with exactly the given facts."""
    n = next(numbers)
    review = PortfolioReview.objects.create(
        github_username=f"user{n}",
        status="done" if score is not None else "pending",
        score=scored(score) if score is not None else None,
    )
    application = Application.objects.create(
        candidate=Candidate.objects.create(full_name=f"Person {n}", email=f"p{n}@example.test", location="X"),
        job_ad=ad,
        portfolio_review=review,
        submission_token=uuid.uuid4(),
        stage=stage,
        current_title="Data Scientist",
        years_experience=5,
        desired_salary=salary,
        desired_currency=currency,
        desired_period=period,
        resume="resumes/x.pdf",
        resume_name="cv.pdf",
        consent_at=timezone.now(),
        overall_score=score,  # as the receiver copies it when a review finishes
    )
    if mismatch:
        Flag.objects.create(application=application, kind="title_mismatch", severity="medium", message="m")
    return application


def moved(application, history, start):
    """``history``: [(from, to, days after applying)]; the application applied at ``start``."""
    Application.objects.filter(pk=application.pk).update(created_at=start)
    for from_stage, to_stage, days in history:
        change = StageChange.objects.create(application=application, from_stage=from_stage, to_stage=to_stage)
        StageChange.objects.filter(pk=change.pk).update(created_at=start + days * DAY)


def test_share_above_range_converts_hourly_pay_and_counts_another_currency_apart(live_ad):
    applicant(live_ad, salary=150_000)  # inside $140,000 to $175,000, lower half
    applicant(live_ad, salary=180_000)  # up to 10% above
    applicant(live_ad, salary=100, period="hour")  # 208,000 a year: 10% to 25% above
    applicant(live_ad, salary=60, period="hour")  # 124,800 a year: below the minimum
    applicant(live_ad, salary=200_000, currency="EUR")  # not converted

    salary = ad_analytics(live_ad).salary

    assert (salary.total, salary.comparable, salary.other_currency, salary.above_max) == (5, 4, 1, 2)
    assert [b.count for b in salary.buckets] == [1, 1, 0, 1, 1, 0]
    assert salary.sentence().startswith(
        "2 of 4 applicants (50%) ask for more than the posted maximum of $175,000 — evidence for asking"
    )
    assert "1 more applicant asked in another currency" in salary.sentence()


def test_an_hourly_ad_converts_yearly_asks_to_hours(make_ad):
    ad = make_ad(status="published", pay_min=50, pay_max=70, pay_period="hour")
    applicant(ad, salary=156_000)  # 75 an hour: above 70
    applicant(ad, salary=60, period="hour")
    applicant(ad, salary=104_000)  # 50 an hour: inside

    salary = ad_analytics(ad).salary

    assert (salary.comparable, salary.above_max) == (3, 1)
    assert (
        "1 of 3 applicants (33%) ask for more than the posted maximum of $70 per hour —" in salary.sentence()
    )


def test_mismatch_share_counts_applicants_with_the_role_mismatch_flag(live_ad):
    applicant(live_ad, mismatch=True)
    for _ in range(3):
        applicant(live_ad)

    fit = ad_analytics(live_ad).role_fit

    assert (fit.mismatched, fit.total, fit.share) == (1, 4, 0.25)
    assert fit.sentence().startswith("1 of 4 applicants (25%) describe a different role")


def test_scores_fall_in_bands_of_ten_and_unscored_portfolios_are_counted_apart(live_ad):
    for score in (95, 100, 42, None):
        applicant(live_ad, score=score)

    scores = ad_analytics(live_ad).scores

    assert [b.count for b in scores.buckets] == [0, 0, 0, 0, 1, 0, 0, 0, 0, 2]
    assert scores.buckets[-1].label == "90 to 100"
    assert (scores.scored, scores.not_scored) == (3, 1)


@pytest.fixture
def history(live_ad):
    start = timezone.now() - 30 * DAY
    applicant(live_ad)  # still applied, never moved
    moved(
        applicant(live_ad, stage="technical"),
        [("applied", "screening", 2), ("screening", "technical", 5)],
        start,
    )
    moved(
        applicant(live_ad, stage="rejected"),
        [("applied", "screening", 4), ("screening", "rejected", 5)],
        start,
    )
    moved(applicant(live_ad, stage="final"), [("applied", "final", 6)], start)
    return live_ad


def test_the_funnel_counts_each_stage_reached_or_passed_from_the_stage_history(history):
    report = ad_analytics(history)

    assert [(s.stage, s.now_at, s.reached) for s in report.funnel] == [
        ("applied", 1, 4),
        ("screening", 0, 3),
        ("technical", 1, 2),
        ("final", 1, 1),
        ("offer", 0, 0),
        ("hired", 0, 0),
    ]
    assert report.closed == {"Rejected": 1, "Withdrawn": 0}
    assert funnel_sentence(report.total, report.funnel, report.closed).startswith(
        "Of 4 applicants, 3 (75%) got at least to screening"
    )


def test_time_in_stage_has_the_mean_and_median_of_the_moves_out_of_it(history):
    times = {t.stage: t for t in ad_analytics(history).stage_times}

    assert set(times) == {"applied", "screening"}
    assert (times["applied"].moves, times["applied"].mean, times["applied"].median) == (3, 4 * DAY, 4 * DAY)
    assert (times["screening"].moves, times["screening"].mean, times["screening"].median) == (
        2,
        2 * DAY,
        2 * DAY,
    )


def test_an_ad_without_applications_says_so_and_divides_by_nothing(client, manager, live_ad):
    client.force_login(manager)
    report = ad_analytics(live_ad)

    page = client.get(f"/staff/pipelines/{live_ad.pk}/analytics/").content.decode()

    assert report.salary.sentence() == report.role_fit.sentence() == "No applications yet."
    assert stage_time_sentence(report.stage_times).startswith("No application has moved between stages yet")
    assert "No applications yet" in page and "<svg" not in page


def test_an_ad_with_one_application_draws_its_charts_with_table_fallbacks(client, manager, live_ad):
    client.force_login(manager)
    applicant(live_ad, salary=180_000, score=70)

    page = client.get(f"/staff/pipelines/{live_ad.pk}/analytics/").content.decode()

    assert "1 of 1 applicant (100%) ask for more than the posted maximum of $175,000" in page
    assert page.count('role="img"') == 3 and page.count("<details>") == 3  # no moves: no time chart
    assert 'aria-labelledby="chart-salary-title chart-salary-desc"' in page


def test_the_analytics_page_costs_the_same_queries_at_100_and_1000_applications(
    client, manager, live_ad, private_storage
):
    client.force_login(manager)
    url = f"/staff/pipelines/{live_ad.pk}/analytics/"
    create_applications(live_ad, 100, seed=1)
    with CaptureQueriesContext(connection) as at_100:
        assert client.get(url).status_code == 200

    create_applications(live_ad, 900, seed=2)
    with CaptureQueriesContext(connection) as at_1000:
        page = client.get(url).content.decode()

    assert len(at_100) == len(at_1000) <= 14  # session, user, permissions, ad; seven for the figures
    assert "1000 applications" in page


def test_the_owner_sees_the_page_another_manager_gets_a_404_and_a_visitor_signs_in(
    client, manager, other_manager, live_ad
):
    url = f"/staff/pipelines/{live_ad.pk}/analytics/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(other_manager)
    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200


def test_the_board_links_to_the_analytics_page(client, manager, live_ad):
    client.force_login(manager)

    page = client.get(f"/staff/pipelines/{live_ad.pk}/").content.decode()

    assert f'href="/staff/pipelines/{live_ad.pk}/analytics/"' in page


def test_chart_labels_and_titles_are_escaped():
    hostile = '<script>alert("x")</script>'

    svg = bar_chart(
        chart_id="c", title=hostile, description=hostile, bars=[Bar(label=hostile, value=1, caption=hostile)]
    )

    assert "<script>" not in svg
    assert svg.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 4


def test_a_tie_for_the_most_common_score_band_names_every_band():
    buckets = tuple(
        Bucket(label=f"{i * 10} to {i * 10 + 9}", count=2 if i in (4, 5, 6) else 0) for i in range(10)
    )

    sentence = ScoreDistribution(buckets=buckets, not_scored=0).sentence()

    assert "the most common bands are 40 to 49, 50 to 59 and 60 to 69 (2 each)" in sentence


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(seconds=20), "a minute"),
        (timedelta(minutes=12), "12 minutes"),
        (timedelta(minutes=70), "an hour"),
        (timedelta(hours=5), "5 hours"),
        (timedelta(days=3, hours=12), "3.5 days"),
    ],
)
def test_durations_read_after_within(span, words):
    assert duration(span) == words


def test_two_times_that_read_the_same_are_drawn_the_same(client, manager, make_ad):
    from hiring.dashboard.views.analytics import _time_bar

    assert (
        _time_bar("Applied", timedelta(minutes=10, seconds=10)).value
        == _time_bar("Screening", timedelta(minutes=9, seconds=50)).value
    )
