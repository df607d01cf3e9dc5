"""The demo's candidates and their public code: real git repositories served by the loopback GitHub.

`seed_demo` writes the repositories under var/demo-github (built with portfolios.loopback, the same
loopback server the tests use) and submits applications through the real intake, so every review
on a demo page is computed by the real worker. DEBUG (demo mode) only.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from hiring.dashboard.notes import add_note
from hiring.dashboard.scorecards import RatingIn, competencies_for, save_scorecard, scale_for
from hiring.demo.resume_files import make_pdf
from hiring.intake.payload import ApplicationIn
from hiring.intake.resumes import PDF
from hiring.intake.submit import ResumeUpload, submit_application
from hiring.models import Application
from hiring.pipeline.stages import move_stage
from jobads.models import JobAd
from portfolios.jobs import enqueue_refresh_known_repository
from portfolios.loopback.store import GitHubStore, executed_notebook
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


# A lesson of an online course, registered as tutorial code: Jonas's project is a lightly edited copy.
LESSON = '''"""Lesson 3: predict which customers leave, with a random forest."""

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix
from sklearn.model_selection import train_test_split


def load_data(path):
    # Read the customers and keep the columns we use in this lesson
    data = pd.read_csv(path)
    data = data.dropna()
    data["tenure_years"] = data["tenure_days"] / 365
    return data


def split(data, target="churned"):
    features = data.drop(columns=[target])
    labels = data[target]
    return train_test_split(features, labels, test_size=0.2, random_state=42)


def train(x_train, y_train):
    model = RandomForestClassifier(n_estimators=100, random_state=42)
    model.fit(x_train, y_train)
    return model


def evaluate(model, x_test, y_test):
    predictions = model.predict(x_test)
    print("Accuracy:", accuracy_score(y_test, predictions))
    print(confusion_matrix(y_test, predictions))
    print(classification_report(y_test, predictions))
    return accuracy_score(y_test, predictions)


def plot_importances(model, columns):
    importances = pd.Series(model.feature_importances_, index=columns)
    importances = importances.sort_values(ascending=False)
    fig, ax = plt.subplots(figsize=(8, 4))
    importances.plot.bar(ax=ax)
    ax.set_title("Which features matter")
    ax.set_ylabel("Importance")
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    data = load_data("customers.csv")
    x_train, x_test, y_train, y_test = split(data)
    model = train(x_train, y_train)
    evaluate(model, x_test, y_test)
    plot_importances(model, x_train.columns).savefig("importances.png")
'''

COURSE_FILES: Files = {
    "README.md": "# Machine learning foundations\n\nThe lessons of our online course.\n",
    "lessons/03_random_forest.py": LESSON,
}

# Jonas's copy: names changed, comments rewritten, functions moved around, one helper added.
LESSON_COPY = '''"""Customer churn prediction project."""

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix
from sklearn.model_selection import train_test_split


def fit_forest(train_x, train_y):
    clf = RandomForestClassifier(n_estimators=100, random_state=42)
    clf.fit(train_x, train_y)
    return clf


def read_customers(csv_file):
    """Load my customer data set."""
    df = pd.read_csv(csv_file)
    df = df.dropna()
    df["tenure_years"] = df["tenure_days"] / 365
    return df


def make_split(df, label_column="churned"):
    X = df.drop(columns=[label_column])
    y = df[label_column]
    return train_test_split(X, y, test_size=0.2, random_state=42)


def report(clf, test_x, test_y):
    preds = clf.predict(test_x)
    print("Accuracy:", accuracy_score(test_y, preds))
    print(confusion_matrix(test_y, preds))
    print(classification_report(test_y, preds))
    return accuracy_score(test_y, preds)


def feature_chart(clf, names):
    scores = pd.Series(clf.feature_importances_, index=names)
    scores = scores.sort_values(ascending=False)
    fig, ax = plt.subplots(figsize=(8, 4))
    scores.plot.bar(ax=ax)
    ax.set_title("Feature importance")
    ax.set_ylabel("Importance")
    fig.tight_layout()
    return fig


def churn_rate(df):
    """Share of customers who left."""
    return df["churned"].mean()


if __name__ == "__main__":
    df = read_customers("data/customers.csv")
    print("Churn rate:", churn_rate(df))
    train_x, test_x, train_y, test_y = make_split(df)
    clf = fit_forest(train_x, train_y)
    report(clf, test_x, test_y)
    feature_chart(clf, train_x.columns).savefig("chart.png")
'''

# One project given by two applicants: Priya's, and Tom's later copy with other names and layout.
FORECAST = '''"""Weekly demand forecast per store: lag features and gradient boosting."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error

LAGS = (1, 2, 4, 52)


def load_sales(path: str) -> pd.DataFrame:
    """Weekly unit sales per store, sorted by week."""
    sales = pd.read_csv(path, parse_dates=["week"])
    sales = sales.sort_values(["store", "week"])
    return sales.reset_index(drop=True)


def add_features(sales: pd.DataFrame) -> pd.DataFrame:
    """Lagged sales, a rolling mean and the week of the year, per store."""
    grouped = sales.groupby("store")["units"]
    for lag in LAGS:
        sales[f"lag_{lag}"] = grouped.shift(lag)
    sales["rolling_4"] = grouped.transform(lambda units: units.shift(1).rolling(4).mean())
    sales["week_of_year"] = sales["week"].dt.isocalendar().week.astype(int)
    return sales.dropna()


def split_by_date(sales: pd.DataFrame, cutoff: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on the past, test on the weeks after the cutoff: no look-ahead."""
    past = sales[sales["week"] < cutoff]
    future = sales[sales["week"] >= cutoff]
    return past, future


def fit(train: pd.DataFrame, columns: list[str]) -> GradientBoostingRegressor:
    """Gradient boosting with shallow trees; demand is noisy."""
    model = GradientBoostingRegressor(n_estimators=400, max_depth=3, learning_rate=0.05, subsample=0.8)
    model.fit(train[columns], train["units"])
    return model


def evaluate(model: GradientBoostingRegressor, test: pd.DataFrame, columns: list[str]) -> float:
    """Mean absolute percentage error on the held-out weeks."""
    predicted = model.predict(test[columns])
    predicted = np.clip(predicted, 0, None)
    return float(mean_absolute_percentage_error(test["units"], predicted))


def baseline(test: pd.DataFrame) -> float:
    """Last year's same week, the forecast to beat."""
    return float(mean_absolute_percentage_error(test["units"], test["lag_52"]))


if __name__ == "__main__":
    sales = add_features(load_sales("sales.csv"))
    columns = [f"lag_{lag}" for lag in LAGS] + ["rolling_4", "week_of_year"]
    train, test = split_by_date(sales, "2025-01-01")
    model = fit(train, columns)
    print(f"model MAPE {evaluate(model, test, columns):.1%}, baseline {baseline(test):.1%}")
'''

FORECAST_COPY = '''"""Store demand forecasting."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error

LAG_WEEKS = (1, 2, 4, 52)


def read(csv: str) -> pd.DataFrame:
    df = pd.read_csv(csv, parse_dates=["week"])
    df = df.sort_values(["store", "week"])
    return df.reset_index(drop=True)


def features(df: pd.DataFrame) -> pd.DataFrame:
    by_store = df.groupby("store")["units"]
    for n in LAG_WEEKS:
        df[f"lag_{n}"] = by_store.shift(n)
    df["rolling_4"] = by_store.transform(lambda u: u.shift(1).rolling(4).mean())
    df["week_of_year"] = df["week"].dt.isocalendar().week.astype(int)
    return df.dropna()


def train_test(df: pd.DataFrame, date: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    before = df[df["week"] < date]
    after = df[df["week"] >= date]
    return before, after


def train_model(tr: pd.DataFrame, cols: list[str]) -> GradientBoostingRegressor:
    gbr = GradientBoostingRegressor(n_estimators=400, max_depth=3, learning_rate=0.05, subsample=0.8)
    gbr.fit(tr[cols], tr["units"])
    return gbr


def score(gbr: GradientBoostingRegressor, te: pd.DataFrame, cols: list[str]) -> float:
    pred = gbr.predict(te[cols])
    pred = np.clip(pred, 0, None)
    return float(mean_absolute_percentage_error(te["units"], pred))


def naive(te: pd.DataFrame) -> float:
    return float(mean_absolute_percentage_error(te["units"], te["lag_52"]))


if __name__ == "__main__":
    df = features(read("data/sales.csv"))
    cols = [f"lag_{n}" for n in LAG_WEEKS] + ["rolling_4", "week_of_year"]
    tr, te = train_test(df, "2025-01-01")
    gbr = train_model(tr, cols)
    print(f"MAPE {score(gbr, te, cols):.1%} vs naive {naive(te):.1%}")
'''


# A notebook-first data scientist: narrated, run top to bottom, pinned requirements, data included.
BASKET_NOTEBOOKS = {
    "README.md": "# Basket analysis\n\nWhich products sell together in our grocery data, and what a "
    "bundle discount would do to the margin. Start with `01_explore.ipynb`.\n",
    "requirements.txt": "pandas==2.2.2\nmatplotlib==3.9.0\nmlxtend==0.23.1\n",
    ".python-version": "3.11.9\n",
    "data/baskets.csv": "basket,product\n1,bread\n1,butter\n2,bread\n",
    "01_explore.ipynb": executed_notebook(
        "# Exploring the baskets\n\nOne row per product bought; a basket is one checkout.",
        ("import pandas as pd\nimport matplotlib.pyplot as plt", 1),
        "We load the sample and count how many products a typical basket holds.",
        ("baskets = pd.read_csv('data/baskets.csv')\n"
         "sizes = baskets.groupby('basket').size()\nsizes.describe()", 2),
        "## Which products are bought most?\n\nThe top ten products make up most of the volume, so "
        "rules about them matter most.",
        ("baskets['product'].value_counts().head(10).plot(kind='barh')\nplt.show()", 3),
    ),
    "02_rules.ipynb": executed_notebook(
        "# Association rules\n\nApriori finds product pairs bought together more often than chance.",
        ("import pandas as pd\nfrom mlxtend.frequent_patterns import apriori, association_rules", 1),
        "Each basket becomes a row of true/false per product, the shape apriori expects.",
        ("baskets = pd.read_csv('data/baskets.csv')\n"
         "onehot = pd.crosstab(baskets['basket'], baskets['product']).astype(bool)", 2),
        "A support of 1% keeps pairs seen in at least one basket in a hundred; lift above 1.2 keeps "
        "only pairs clearly above chance.",
        ("frequent = apriori(onehot, min_support=0.01, use_colnames=True)\n"
         "rules = association_rules(frequent, metric='lift', min_threshold=1.2)\n"
         "rules.sort_values('lift', ascending=False).head()", 3),
    ),
}  # fmt: skip
# A quick project that would not run on anyone else's machine (the key is a made-up example).
QUICK_CHURN = {
    "README.md": "# Quick churn\n",
    "requirements.txt": "pandas\nscikit-learn\n",
    "settings.py": 'AWS_ACCESS_KEY_ID = "AKIAFAKEDEMO2QX7RT4W"\nBUCKET = "felix-churn-data"\n',
    "churn.ipynb": executed_notebook(
        ("import pandas as pd\nimport xgboost as xgb", 1),
        ("frame = pd.read_csv('/home/felix/Downloads/churn_final_v2.csv')", 4),
        ("model = xgb.XGBClassifier(n_estimators=300)\n"
         "model.fit(frame.drop(columns='churned'), frame['churned'])", 2),
        ("model.score(frame.drop(columns='churned'), frame['churned'])", None),
    ),
}  # fmt: skip


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
    projects: tuple[str, ...] = ()  # named on the apply form, to be read first
    pinned: tuple[str, ...] = ()  # of their repositories, pinned on their GitHub profile
    also_applies_to: tuple[str, ...] = ()  # further ads: one person's applications, linked on their pages


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
            "uplift-notebooks": {
                "README.md": "# Uplift modelling notes\n",
                "requirements.txt": "pandas==1.3.5\nscipy==1.7.3\nstatsmodels==0.13.2\n",
                "uplift.ipynb": AB_NOTEBOOK,
            }
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
        pinned=("ranking-service",),
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
        also_applies_to=(FORECAST_AD,),
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
    DemoCandidate(  # a course lesson, lightly edited: flagged as a near-copy of the tutorial
        "jonas",
        "Jonas Berg",
        "Junior Data Scientist",
        "Python, pandas, scikit-learn, machine learning",
        DS_AD,
        "$110,000",
        github="jonas-berg",
        resume="Junior data scientist: an online machine learning course and a churn project.",
        repositories={
            "churn-prediction": {
                "README.md": "# Churn prediction\n\nMy project predicting customer churn.\n",
                "churn.py": LESSON_COPY,
            }
        },
    ),
    DemoCandidate(  # the first of two applicants with one forecasting project
        "priya",
        "Priya Shah",
        "Data Scientist",
        "forecasting, time series, gradient boosting, pandas",
        FORECAST_AD,
        "€80,000",
        currency="EUR",
        github="priya-shah",
        resume="Data scientist: retail demand forecasting, time series and feature engineering.",
        repositories={
            "store-demand-forecast": {
                "README.md": "# Store demand forecast\n\nWeekly forecasts per store, tested against "
                "last year's sales.\n",
                "requirements.txt": "numpy==2.1.0\npandas==2.2.2\nscikit-learn==1.5.0\n",
                "forecast/__init__.py": '"""Demand forecasting."""\n',
                "forecast/model.py": FORECAST,
            }
        },
    ),
    DemoCandidate(  # applies later with Priya's project, renamed and reformatted
        "tom",
        "Tom Becker",
        "Data Scientist",
        "forecasting, Python, statistics",
        FORECAST_AD,
        "€78,000",
        currency="EUR",
        github="tom-becker",
        resume="Data scientist: sales forecasting and reporting.",
        repositories={
            "demand-forecasting": {"README.md": "# Demand forecasting\n", "model.py": FORECAST_COPY}
        },
    ),
    DemoCandidate(  # works in notebooks: well narrated, run in order, pinned requirements
        "hana",
        "Hana Sato",
        "Data Scientist",
        "pandas, statistics, market basket analysis, Jupyter",
        DS_AD,
        "$125,000",
        github="hana-sato",
        resume="Data scientist: retail analytics in Jupyter, association rules, pricing experiments.",
        repositories={
            "basket-analysis": BASKET_NOTEBOOKS,
            "course-exercises": {"README.md": "# Python course exercises\n", "week1.py": "print('hello')\n"},
        },
        projects=("basket-analysis",),
    ),
    DemoCandidate(  # unpinned, run out of order, a home-folder path and a (made-up) committed key
        "felix",
        "Felix Wagner",
        "Data Scientist",
        "Python, xgboost, churn models",
        DS_AD,
        "$115,000",
        github="felix-wagner",
        resume="Data scientist: churn and retention models with gradient boosting.",
        repositories={"quick-churn": QUICK_CHURN},
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
# The newest releases the demo's loopback package index reports (written to <root>/index.json).
DEMO_RELEASES = {
    "pandas": "2.2.3", "numpy": "2.1.3", "scikit-learn": "1.6.1", "matplotlib": "3.10.0",
    "mlxtend": "0.23.4", "fastapi": "0.115.6", "prometheus-client": "0.21.1", "scipy": "1.14.1",
}  # fmt: skip
KNOWN_REPOSITORY = ("acme-hiring", "churn-starter")
TUTORIAL_REPOSITORY = ("acme-academy", "ml-foundations")
TUTORIAL_FOLDER = "lessons/"


def build_github(root: Path) -> None:
    """Write (or rewrite) the demo's users and repositories under ``root``; idempotent."""
    store = GitHubStore(root)
    (root / "index.json").write_text(json.dumps(DEMO_RELEASES), encoding="utf-8")
    owner, name = KNOWN_REPOSITORY
    if not (root / owner / f"{name}.git").exists():
        store.add_repository(owner, name, STARTER_FILES, description="Our take-home exercise")
    owner, name = TUTORIAL_REPOSITORY
    if not (root / owner / f"{name}.git").exists():
        store.add_repository(owner, name, COURSE_FILES, description="An online machine learning course")
    registered: set[str] = set()
    for candidate in CANDIDATES:
        if not candidate.github or candidate.github.endswith("-404") or candidate.github in registered:
            continue  # -404: a profile that does not exist, to show a failed review
        registered.add(candidate.github)
        pinned = [f"{candidate.github}/{name}" for name in candidate.pinned]
        store.add_user(candidate.github, name=candidate.full_name, pinned=pinned)
        for repository, files in candidate.repositories.items():
            if not (root / candidate.github / f"{repository}.git").exists():
                store.add_repository(candidate.github, repository, files, pushed_at="2026-10-01T12:00:00Z")
        for upstream in candidate.forks:
            store.add_repository(candidate.github, upstream, None, fork_of=f"{upstream}/{upstream}")


def seed_applications() -> int:
    """Apply every demo candidate through the real intake (a second run finds them already received)."""
    KnownRepository.objects.get_or_create(full_name="/".join(KNOWN_REPOSITORY))
    KnownRepository.objects.get_or_create(
        full_name="/".join(TUTORIAL_REPOSITORY),
        defaults={"kind": KnownRepository.Kind.TUTORIAL, "under": TUTORIAL_FOLDER},
    )
    for known in KnownRepository.objects.filter(provenance__isnull=True):
        enqueue_refresh_known_repository(known.pk)  # before the reviews: the worker reads in order
    for candidate in CANDIDATES:
        for title in (candidate.ad_title, *candidate.also_applies_to):
            with transaction.atomic():
                ad = JobAd.objects.get(title=title)
                submit_application(ad=ad, payload=_payload(candidate, title), resume=_resume(candidate))
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
    """The candidate's application to their first ad (the one the demo's activity is about)."""
    ad_title = next(candidate.ad_title for candidate in CANDIDATES if candidate.key == key)
    return Application.objects.select_related("job_ad__role_family", "candidate").get(
        candidate__email=f"{key}@candidates.example.com", job_ad__title=ad_title
    )


def _payload(candidate: DemoCandidate, ad_title: str) -> ApplicationIn:
    return ApplicationIn(
        full_name=candidate.full_name,
        email=f"{candidate.key}@candidates.example.com",
        location="Remote",
        current_title=candidate.title,
        years_experience=6,
        skills=candidate.skills,
        github_username=candidate.github,
        projects=list(candidate.projects),
        salary_currency=candidate.currency,
        salary_period=candidate.period,
        salary_text=candidate.salary,
        note="Happy to talk about any of my projects.",
        consent=True,
        submission_token=uuid.uuid5(DEMO_NAMESPACE, _token_name(candidate, ad_title)),
    )


def _token_name(candidate: DemoCandidate, ad_title: str) -> str:
    """One form per ad: the first ad's keeps the name it always had, so a re-run finds it received."""
    return candidate.key if ad_title == candidate.ad_title else f"{candidate.key}/{ad_title}"


def _resume(candidate: DemoCandidate) -> ResumeUpload:
    data = make_pdf(candidate.resume)
    return ResumeUpload(data=data, kind=PDF, original_name=f"{candidate.key}-cv.pdf")
