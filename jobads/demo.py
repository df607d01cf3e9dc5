"""Demo job ads for both role families, in every state. Called by `seed_demo` (DEBUG only).

Idempotent: an ad whose title already exists is left as it is, so running twice changes nothing
(and adds no revision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from jobads.models import EmploymentType, JobAd, RoleFamily, WorkArrangement
from jobads.pay import Currency, PayPeriod
from jobads.services import change_status, save_ad
from jobads.transparency import Jurisdiction

BENEFITS_US = (
    "Medical, dental and vision cover from day one; 401(k) with a 4% match; 25 days of paid leave; "
    "a yearly bonus target of 10% of base pay; USD 2,000 a year for conferences and books."
)


@dataclass(frozen=True)
class DemoAd:
    family: str
    content: dict[str, Any]
    published_days_ago: int | None = None  # None: stays a draft
    closed_days_ago: int | None = None
    owner: str = "max"  # a username from the demo accounts
    reviewers: tuple[str, ...] = ()


DEMO_ADS = (
    DemoAd(
        "data-scientist",
        {
            "title": "Senior Data Scientist, Experimentation",
            "team": "Growth Analytics",
            "summary": "Our product teams ship dozens of experiments a month. You will make sure each one "
            "answers the question it was meant to, and that people act on the answer.",
            "location": "New York, NY",
            "country": "US",
            "work_arrangement": WorkArrangement.HYBRID,
            "jurisdictions": [Jurisdiction.NEW_YORK_STATE, Jurisdiction.NEW_YORK_CITY],
            "pay_min": 140_000,
            "pay_max": 175_000,
            "benefits": BENEFITS_US,
            "responsibilities": [
                "Design A/B and multivariate tests with product managers: hypotheses, metrics, sample "
                "sizes and stopping rules.",
                "Analyse experiment results with regression adjustment (CUPED) and explain the "
                "uncertainty to the team that ran them.",
                "Maintain the experiment metrics library in Python and SQL, with tests.",
                "Review other analysts' experiment readouts before they reach leadership.",
            ],
            "required_skills": ["hypothesis testing", "regression", "SQL", "Python (pandas, scikit-learn)"],
            "nice_to_have_skills": ["Bayesian statistics", "causal inference"],
            "is_ongoing": True,
        },
        published_days_ago=3,
    ),
    DemoAd(
        "machine-learning-engineer",
        {
            "title": "Machine Learning Engineer, Model Serving",
            "team": "ML Platform",
            "summary": "Fourteen models answer 30 million requests a day. Help us keep them fast, cheap "
            "and observable, and make shipping the fifteenth a one-day job.",
            "location": "Denver, CO",
            "country": "US",
            "work_arrangement": WorkArrangement.REMOTE,
            "jurisdictions": [Jurisdiction.COLORADO, Jurisdiction.WASHINGTON, Jurisdiction.CALIFORNIA],
            "pay_min": 150_000,
            "pay_max": 190_000,
            "benefits": BENEFITS_US,
            "responsibilities": [
                "Run the fourteen production models behind our serving layer on Kubernetes, with "
                "autoscaling and canary releases.",
                "Build and keep up the CI/CD pipelines (GitHub Actions, Terraform) that take a trained "
                "model to production in a day.",
                "Add latency and drift monitoring, and join the ML platform on-call (one week in six).",
                "Cut serving cost with batching, quantisation and right-sized nodes.",
            ],
            "required_skills": ["Python", "Docker", "Kubernetes", "CI/CD"],
            "nice_to_have_skills": ["Terraform", "Triton or TorchServe"],
            "deadline_in_days": 30,
        },
        published_days_ago=1,
        owner="nora",
        reviewers=("max",),
    ),
    DemoAd(
        "data-scientist",
        {
            "title": "Data Scientist, Demand Forecasting",
            "team": "Supply Chain",
            "summary": "Forecast demand for 40,000 products across 12 countries, and explain to planners "
            "when to trust the forecast and when not to.",
            "location": "Berlin, Germany",
            "country": "DE",
            "work_arrangement": WorkArrangement.HYBRID,
            "jurisdictions": [Jurisdiction.EU],
            "pay_min": 72_000,
            "pay_max": 90_000,
            "currency": Currency.EUR,
            "benefits": "30 days of paid leave, public transport pass, company pension scheme.",
            "responsibilities": [
                "Build and improve weekly demand forecasts for 40,000 products in 12 countries "
                "(hierarchical time series).",
                "Measure forecast accuracy by product group and tell planners when to override the forecast.",
                "Explore how promotions, weather and holidays move demand; bring what helps into the models.",
            ],
            "required_skills": ["time-series forecasting", "statistics", "Python"],
            "nice_to_have_skills": ["German"],
            "is_ongoing": True,
        },
        published_days_ago=6,
    ),
    DemoAd(
        "machine-learning-engineer",
        {
            "title": "MLOps Engineer (six-month contract)",
            "employment_type": EmploymentType.CONTRACTOR,
            "team": "ML Platform",
            "summary": "Move our training pipelines from cron jobs to a proper orchestrator, with tests.",
            "location": "Seattle, WA",
            "country": "US",
            "work_arrangement": WorkArrangement.REMOTE,
            "jurisdictions": [Jurisdiction.WASHINGTON],
            "pay_min": 85,
            "pay_max": 110,
            "pay_period": PayPeriod.HOUR,
            "benefits": "Contract role: paid weekly; equipment provided; no other benefits.",
            "responsibilities": [
                "Move 30 nightly training jobs from cron to Dagster, with retries, alerts and lineage.",
                "Write the Terraform for the orchestration cluster and the CI/CD pipeline that deploys it.",
                "Document the new set-up and hand it over to the ML platform team in the last month.",
            ],
            "required_skills": ["Airflow or Dagster", "Docker", "Terraform"],
        },
        published_days_ago=10,
        owner="nora",
    ),
    DemoAd(
        "data-scientist",
        {
            "title": "Junior Data Scientist",
            "team": "Customer Insights",
            "summary": "A first data-science job with a mentor, real data and room to learn.",
            "location": "San Francisco, CA",
            "country": "US",
            "work_arrangement": WorkArrangement.ON_SITE,
            "jurisdictions": [Jurisdiction.CALIFORNIA],
            "pay_min": 95_000,
            "pay_max": 115_000,
            "benefits": BENEFITS_US,
            "responsibilities": [
                "Answer product questions with SQL and notebooks, with a mentor reviewing your work.",
                "Build the customer insights team's dashboards and keep their numbers right.",
                "Ship one small model end to end in your first six months.",
            ],
            "required_skills": ["statistics", "SQL", "notebooks"],
        },
        published_days_ago=40,
        closed_days_ago=5,
    ),
    DemoAd(
        "machine-learning-engineer",
        {
            "title": "Staff Machine Learning Engineer, Recommendations",
            "team": "Personalisation",
            "summary": "Lead the technical direction of the recommendation stack.",
            "location": "Boulder, CO",
            "country": "US",
            "work_arrangement": WorkArrangement.HYBRID,
            "jurisdictions": [Jurisdiction.COLORADO],
            "pay_min": 150_000,
            "pay_max": 320_000,  # a wide range: the edit page warns about it
            "required_skills": ["recommender systems", "model serving", "monitoring"],
            # no responsibilities of its own yet: the family's template, which the ad page warns about
        },
        owner="nora",
    ),
)


def seed_ads(*, users: dict[str, User], author: User) -> int:
    """Create the demo ads that do not exist yet; ``users`` by username. Returns how many there are."""
    now = timezone.now()
    for demo in DEMO_ADS:
        if not JobAd.objects.filter(title=demo.content["title"]).exists():
            _create(demo, users=users, author=author, now=now)
    return len(DEMO_ADS)


def _create(demo: DemoAd, *, users: dict[str, User], author: User, now: datetime) -> None:
    family = RoleFamily.objects.get(slug=demo.family)
    content = {"responsibilities": list(family.default_responsibilities), **demo.content}
    days = content.pop("deadline_in_days", None)
    ad = JobAd(**content, role_family=family, owner=users[demo.owner])
    ad.deadline = now.date() + timedelta(days=days) if days else None
    save_ad(ad=ad, by=author)
    ad.reviewers.set([users[name] for name in demo.reviewers])
    if demo.published_days_ago is not None:
        change_status(ad=ad, action="publish", by=author, now=now - timedelta(days=demo.published_days_ago))
    if demo.closed_days_ago is not None:
        change_status(ad=ad, action="close", by=author, now=now - timedelta(days=demo.closed_days_ago))
