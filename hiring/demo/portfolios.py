"""The demo's candidates and their public code: real git repositories served by the loopback GitHub.

`seed_demo` writes the repositories under var/demo-github (built with portfolios.loopback, the same
loopback server the tests use) and submits applications through the real intake, so every review
on a demo page is computed by the real worker. DEBUG (demo mode) only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from hiring.dashboard.notes import add_note
from hiring.dashboard.scorecards import RatingIn, competencies_for, save_scorecard, scale_for
from hiring.dashboard.stages import move_stage
from hiring.demo.resume_files import make_pdf
from hiring.intake.payload import ApplicationIn
from hiring.intake.resumes import PDF, extract_text
from hiring.intake.submit import ResumeUpload, submit_application
from hiring.models import Application
from jobads.models import JobAd
from portfolios.jobs import enqueue_refresh_known_repository
from portfolios.loopback.store import GitHubStore
from portfolios.models import KnownRepository

DEMO_NAMESPACE = uuid.UUID("6f1b7c1e-3d8a-4f3e-9a51-2c4d8e0b9f10")
Files = dict[str, str]

CHURN_MODEL = '''"""Train and evaluate the churn model used by the retention team."""

from __future__ import annotations

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold, cross_val_score


def load_customers(path: str) -> pd.DataFrame:
    """Read the customer snapshot and drop accounts younger than a month."""
    frame = pd.read_parquet(path)
    return frame[frame["tenure_days"] >= 30]


def tune(features: pd.DataFrame, churned: pd.Series) -> GradientBoostingClassifier:
    """Search depth and learning rate; five stratified folds keep the rare class in every fold."""
    search = RandomizedSearchCV(
        GradientBoostingClassifier(n_estimators=300, subsample=0.8, random_state=7),
        {"max_depth": [2, 3, 4], "learning_rate": [0.03, 0.1]},
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=7),
        scoring="roc_auc",
        n_iter=6,
    )
    search.fit(features, churned)
    return search.best_estimator_


def evaluate(model: GradientBoostingClassifier, features: pd.DataFrame, churned: pd.Series) -> float:
    """Mean cross-validated ROC AUC."""
    return float(cross_val_score(model, features, churned, cv=5, scoring="roc_auc").mean())
'''

CHURN_TESTS = '''"""Tests for the churn model helpers."""

import pandas as pd

from churn.model import load_customers


def test_new_accounts_are_dropped(tmp_path):
    path = tmp_path / "customers.parquet"
    pd.DataFrame({"tenure_days": [3, 45], "plan": ["a", "b"]}).to_parquet(path)
    assert list(load_customers(str(path))["plan"]) == ["b"]
'''

AB_NOTEBOOK = """{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Checkout button test: was the lift real?"]},
 {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
  "import pandas as pd\\n", "from scipy import stats\\n", "import statsmodels.api as sm\\n"]},
 {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
  "def lift(control: pd.Series, treatment: pd.Series) -> float:\\n",
  "    \\"\\"\\"Relative lift of the treatment's conversion rate.\\"\\"\\"\\n",
  "    return treatment.mean() / control.mean() - 1\\n"]},
 {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
  "result = stats.ttest_ind(control, treatment, equal_var=False)\\n", "result.pvalue"]}
]}"""

SERVING_APP = '''"""HTTP API that serves the ranking model with request validation and metrics."""

from __future__ import annotations

from fastapi import FastAPI
from prometheus_client import Counter
from pydantic import BaseModel

app = FastAPI()
PREDICTIONS = Counter("predictions_total", "Predictions served")


class Query(BaseModel):
    user_id: int
    candidates: list[int]


@app.post("/rank")
def rank(query: Query) -> list[int]:
    """Order the candidate items for one user."""
    PREDICTIONS.inc()
    return sorted(query.candidates)
'''

SERVING_TESTS = """from fastapi.testclient import TestClient

from serving.app import app


def test_rank_orders_candidates():
    response = TestClient(app).post("/rank", json={"user_id": 1, "candidates": [3, 1, 2]})
    assert response.json() == [1, 2, 3]
"""

PIPELINE_DAG = '''"""Nightly feature pipeline: extract, validate, publish to the feature store."""

from airflow import DAG
from airflow.operators.python import PythonOperator


def extract(**context):
    return context["ds"]


with DAG("features_nightly", schedule="@daily", catchup=False) as dag:
    PythonOperator(task_id="extract", python_callable=extract)
'''

STARTER = '''"""Churn starter kit: the take-home exercise we give candidates."""

import pandas as pd
from sklearn.linear_model import LogisticRegression


def train(frame: pd.DataFrame) -> LogisticRegression:
    """Fit the baseline logistic regression on the two starter features."""
    model = LogisticRegression(C=0.5, max_iter=500)
    model.fit(frame[["tenure_days", "monthly_spend"]], frame["churned"])
    return model


def score(model: LogisticRegression, frame: pd.DataFrame) -> pd.Series:
    """Churn probability for every customer in the frame."""
    return pd.Series(model.predict_proba(frame[["tenure_days", "monthly_spend"]])[:, 1], index=frame.index)
'''

STARTER_FILES: Files = {
    "README.md": "# Churn starter\n\nA small exercise.\n\n## Run\n\n`python -m starter`\n",
    "starter/__init__.py": '"""Churn starter kit."""\n',
    "starter/model.py": STARTER,
    "starter/data.py": '"""Load the exercise data."""\n\nimport pandas as pd\n\n\n'
    "def load(path: str) -> pd.DataFrame:\n"
    '    """Read the CSV of customers shipped with the exercise."""\n    return pd.read_csv(path)\n',
    "starter/report.py": '"""Summaries for the write-up."""\n\n\n'
    "def summary(rates: dict[str, float]) -> str:\n"
    '    """One line per segment, highest churn first."""\n'
    '    return "\\n".join(f"{k}: {v:.1%}" for k, v in sorted(rates.items(), key=lambda kv: -kv[1]))\n',
}


@dataclass(frozen=True)
class DemoCandidate:
    key: str
    full_name: str
    title: str
    skills: str
    ad_title: str
    salary: str
    currency: str = "USD"
    period: str = "year"
    github: str = ""
    resume: str = ""  # empty: a scanned PDF without text
    repositories: dict[str, Files] = field(default_factory=dict)
    forks: tuple[str, ...] = ()


DS_AD = "Senior Data Scientist, Experimentation"
MLE_AD = "Machine Learning Engineer, Model Serving"
FORECAST_AD = "Data Scientist, Demand Forecasting"

CANDIDATES = (
    DemoCandidate(
        "ada",
        "Ada Okafor",
        "Senior Data Scientist",
        "statistics, A/B testing, regression, pandas, scikit-learn",
        DS_AD,
        "$190,000",
        github="ada-okafor",
        resume="Senior Data Scientist: seven years of experimentation, Bayesian statistics and churn models.",
        repositories={
            "churn-model": {
                "README.md": "# Churn model\n\nPredicts which customers will leave next month, with a tuned "
                "gradient-boosting model and cross-validated AUC.\n\n## Usage\n\nSee `churn/model.py`.\n",
                "LICENSE": "MIT License\n",
                "requirements.txt": "pandas==2.2.2\nscikit-learn==1.5.0\n",
                "churn/__init__.py": '"""Churn prediction."""\n',
                "churn/model.py": CHURN_MODEL,
                "tests/test_model.py": CHURN_TESTS,
                ".github/workflows/tests.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
            },
            "checkout-ab-test": {
                "README.md": "# Checkout A/B test analysis\n",
                "analysis.ipynb": AB_NOTEBOOK,
            },
        },
        forks=("scikit-learn",),
    ),
    DemoCandidate(
        "ravi",
        "Ravi Menon",
        "Sr. Data Scientist",
        "hypothesis testing, Jupyter notebooks, statistics, causal inference",
        MLE_AD,
        "165k",
        github="ravi-menon",
        resume="Data scientist: experiment design, statistics, notebooks and dashboards for product teams.",
        repositories={
            "uplift-notebooks": {"README.md": "# Uplift modelling notes\n", "uplift.ipynb": AB_NOTEBOOK}
        },
    ),
    DemoCandidate(
        "mei",
        "Mei Tanaka",
        "MLOps Engineer",
        "Docker, Kubernetes, Terraform, CI/CD, model serving",
        MLE_AD,
        "$170,000",
        github="mei-tanaka",
        resume="MLOps engineer: Kubernetes, Terraform, GitHub Actions, model serving and monitoring.",
        repositories={
            "ranking-service": {
                "README.md": "# Ranking service\n\nServes the ranking model.\n\n## Deploy\n\nTerraform.\n",
                "serving/__init__.py": "",
                "serving/app.py": SERVING_APP,
                "tests/test_app.py": SERVING_TESTS,
                "Dockerfile": "FROM python:3.11-slim\nCOPY . /app\nCMD uvicorn serving.app:app\n",
                "infra/main.tf": 'resource "aws_ecs_service" "ranking" {\n  name = "ranking"\n}\n',
                ".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n",
                "requirements.txt": "fastapi==0.111.0\nprometheus-client==0.20.0\n",
            },
            "feature-pipeline": {"README.md": "# Nightly features\n", "dags/features.py": PIPELINE_DAG},
        },
    ),
    DemoCandidate(
        "sam",
        "Sam Rivera",
        "Data Scientist",
        "statistics, SQL",
        DS_AD,
        "€120k",
        currency="EUR",
        github="sam-rivera",
        resume="",
        repositories={"churn-exercise": STARTER_FILES},
    ),
    DemoCandidate(
        "lena",
        "Lena Fischer",
        "Data Analyst",
        "SQL, regression, dashboards",
        DS_AD,
        "150k",
        resume="Analyst moving into data science: SQL, regression, experiment readouts.",
    ),
    DemoCandidate(
        "omar",
        "Omar Haddad",
        "ML Engineer",
        "Docker, pipelines",
        MLE_AD,
        "175000",
        github="omar-haddad-404",
        resume="ML engineer building data pipelines.",
    ),
    DemoCandidate(
        "noor",
        "Noor Aziz",
        "Machine Learning Engineer",
        "Kubernetes, monitoring",
        MLE_AD,
        "180k",
        github="noor-aziz",
        resume="Engineer for ML platforms: Kubernetes, monitoring, on-call.",
    ),
    DemoCandidate(  # gives Ada's GitHub profile as their own: both applications are flagged
        "alex",
        "Alex Kim",
        "Data Scientist",
        "forecasting, statistics, pandas",
        FORECAST_AD,
        "€85,000",
        currency="EUR",
        github="ada-okafor",
        resume="Data scientist: demand forecasting, time series, statistics.",
    ),
)
KNOWN_REPOSITORY = ("acme-hiring", "churn-starter")


def build_github(root: Path) -> None:
    """Write (or rewrite) the demo's users and repositories under ``root``; idempotent."""
    store = GitHubStore(root)
    owner, name = KNOWN_REPOSITORY
    if not (root / owner / f"{name}.git").exists():
        store.add_repository(owner, name, STARTER_FILES, description="Our take-home exercise")
    registered: set[str] = set()
    for candidate in CANDIDATES:
        if not candidate.github or candidate.github.endswith("-404") or candidate.github in registered:
            continue  # -404: a profile that does not exist, to show a failed review
        registered.add(candidate.github)
        store.add_user(candidate.github, name=candidate.full_name)
        for repository, files in candidate.repositories.items():
            if not (root / candidate.github / f"{repository}.git").exists():
                store.add_repository(candidate.github, repository, files, pushed_at="2026-10-01T12:00:00Z")
        for upstream in candidate.forks:
            store.add_repository(candidate.github, upstream, None, fork_of=f"{upstream}/{upstream}")


def seed_applications() -> int:
    """Apply every demo candidate through the real intake (a second run finds them already received)."""
    KnownRepository.objects.get_or_create(full_name="/".join(KNOWN_REPOSITORY))
    for known in KnownRepository.objects.filter(provenance__isnull=True):
        enqueue_refresh_known_repository(known.pk)
    for candidate in CANDIDATES:
        ad = JobAd.objects.get(title=candidate.ad_title)
        with transaction.atomic():
            submit_application(ad=ad, payload=_payload(candidate), resume=_resume(candidate))
    return Application.objects.count()


@dataclass(frozen=True)
class DemoActivity:
    """What a hiring manager did with one demo application: moves (stage, reason) and notes."""

    candidate: str
    manager: str
    moves: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()


ACTIVITY = (
    DemoActivity(
        "ada",
        "max",
        (
            ("screening", "Strong experimentation background; phone screen booked."),
            ("technical", "Phone screen went well: clear on CUPED and when to stop a test."),
        ),
        (
            "**Phone screen.** Explained CUPED without notes and asked good questions about our "
            "metrics. Wants to grow into mentoring.",
            "Salary ask is above the range: discuss the bonus and the senior band before the final.",
        ),
    ),
    DemoActivity("lena", "max", (("screening", "Analyst moving into data science: worth a call."),)),
    DemoActivity(
        "mei",
        "nora",
        (("screening", "Exactly the serving and Terraform experience we need."),),
        ("Ask about the ranking service's canary releases in the technical discussion.",),
    ),
    DemoActivity(
        "noor",
        "nora",
        (("rejected", "The résumé shows platform work but no model serving; no public code to discuss."),),
    ),
)
SCORECARD_REASON = (
    "Walked through the churn model's tuning and validation clearly; see the phone-screen note."
)


def seed_pipeline_activity(users: dict[str, User]) -> None:
    """Stage moves, notes and a submitted scorecard, as the demo's hiring managers left them; once."""
    for activity in ACTIVITY:
        application = _demo_application(activity.candidate)
        if application.stage_changes.exists():
            continue  # seeded by an earlier run
        manager = users[activity.manager]
        for stage, reason in activity.moves:
            move_stage(application=application, to=stage, reason=reason, by=manager)
        for body in activity.notes:
            add_note(application=application, author=manager, body=body, is_private=False)
    ada = _demo_application("ada")
    competencies = competencies_for(ada.job_ad.role_family)
    if competencies and not ada.scorecards.exists():
        solid = scale_for(ada.job_ad.role_family)[-2]  # one below the top of the scale
        ratings = [
            RatingIn(competency=c, score=solid[0], reason=SCORECARD_REASON, score_label=solid[1])
            for c in competencies
        ]
        save_scorecard(application=ada, interviewer=users["max"], ratings=ratings, submit=True)


def _demo_application(key: str) -> Application:
    return Application.objects.select_related("job_ad__role_family", "candidate").get(
        candidate__email=f"{key}@candidates.example.com"
    )


def _payload(candidate: DemoCandidate) -> ApplicationIn:
    return ApplicationIn(
        full_name=candidate.full_name,
        email=f"{candidate.key}@candidates.example.com",
        location="Remote",
        current_title=candidate.title,
        years_experience=6,
        skills=candidate.skills,
        github_username=candidate.github,
        salary_currency=candidate.currency,
        salary_period=candidate.period,
        salary_text=candidate.salary,
        note="Happy to talk about any of my projects.",
        consent=True,
        submission_token=uuid.uuid5(DEMO_NAMESPACE, candidate.key),
    )


def _resume(candidate: DemoCandidate) -> ResumeUpload:
    data = make_pdf(candidate.resume)
    return ResumeUpload(
        data=data, kind=PDF, original_name=f"{candidate.key}-cv.pdf", text=extract_text(data, PDF)
    )
