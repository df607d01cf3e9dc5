"""Would it run today? Each signal read by the real analyzer from generated repositories, the
"Ready to run" sub-score and its sentence, and hostile manifests that cost a reason, not a crash."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

from hiring.dashboard.report import repository_report
from portfolios.analysis import AnalysisLimits, analyze_repository
from portfolios.scoring import RepositoryOutcome, age_in_words, score_portfolio

from .repos import analyze_files, executed_notebook, write_tree

AWS_KEY = "AKIAZ7QX4LMN2PQRS3TU"
DATABASE_PASSWORD = "Winter2024-db-pass"

PINNED = {
    "requirements.txt": "pandas==2.2.0\nscikit-learn==1.4.0\n",
    "pyproject.toml": '[project]\nname = "churn"\nrequires-python = ">=3.10"\n',
    "churn/__init__.py": "",
    "churn/train.py": (
        "import json\nimport pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
        "from churn import features\n\n"
        "def train(path):\n    frame = pd.read_csv(path)\n    return LogisticRegression().fit(frame, frame)\n"
    ),
    "churn/features.py": "def columns():\n    return ['tenure']\n",
}
CARELESS = {
    "requirements.txt": "pandas\nnumpy>=1.26\n",
    "train.py": (
        "import pandas as pd\nimport xgboost as xgb\nimport seaborn\n\n"
        "frame = pd.read_csv('data/train.csv')\n"
        "backup = pd.read_csv('/home/ada/Downloads/train_backup.csv')\n"
        "model = xgb.XGBClassifier().fit(frame, frame)\n"
    ),
    "config.py": f'AWS_ACCESS_KEY_ID = "{AWS_KEY}"\nDATABASE_URL = "postgres://ada:{DATABASE_PASSWORD}@db.internal/prod"\n',
}


def test_a_pinned_project_that_declares_its_imports_and_python_is_ready(tmp_path):
    ready = analyze_files(tmp_path, PINNED).readiness

    assert ready is not None
    assert ready.manifests == ["pyproject.toml", "requirements.txt"]
    assert ready.third_party_imports == ["pandas", "sklearn"]  # json is stdlib, churn is the project's own
    assert ready.undeclared_imports.count == 0  # sklearn is declared as scikit-learn
    assert ready.python_version is not None and ready.python_version.detail == ">=3.10"
    assert ready.credentials_checked and ready.credentials.count == 0
    assert ready.missing_data_files.count == 0  # a path from an argument is nothing to check


def test_undeclared_imports_machine_paths_missing_data_and_credentials_are_found_where_they_are(tmp_path):
    ready = analyze_files(tmp_path, CARELESS).readiness

    assert ready is not None
    assert [(item.detail, item.location) for item in ready.undeclared_imports.items] == [
        ("seaborn", "train.py:3"),
        ("xgboost", "train.py:2"),
    ]
    assert [(item.location, item.detail) for item in ready.machine_paths.items] == [
        ("train.py:6", "/home/ada/Downloads/train_backup.csv")
    ]
    assert [(item.location, item.detail) for item in ready.missing_data_files.items] == [
        ("train.py:5", "data/train.csv")
    ]
    kinds = sorted(item.detail.split(", ")[0] for item in ready.credentials.items)
    assert kinds == ["AWS Access Key", "Basic Auth Credentials"]
    assert {item.location for item in ready.credentials.items} == {"config.py:1", "config.py:2"}


def test_a_credential_is_never_kept_in_full(tmp_path):
    ready = analyze_files(tmp_path, CARELESS).readiness

    stored = ready.model_dump_json() if ready else ""
    assert AWS_KEY not in stored and DATABASE_PASSWORD not in stored
    assert "AWS Access Key, AKIA…, 20 characters long" in stored


def test_a_data_file_the_repository_holds_is_not_missing_wherever_the_notebook_sits(tmp_path):
    files = {
        "notebooks/eda.ipynb": executed_notebook(
            ("import pandas as pd\nframe = pd.read_csv('../data/sales.csv')", 1)
        ),
        "data/sales.csv": "day,amount\n",
    }

    ready = analyze_files(tmp_path, files).readiness

    assert ready is not None and ready.missing_data_files.count == 0


def test_notebooks_that_did_not_run_top_to_bottom_say_how(tmp_path):
    files = {
        "in_order.ipynb": executed_notebook("# Load", ("x = 1", 1), ("x + 1", 2)),
        "out_of_order.ipynb": executed_notebook(("x = 1", 3), ("y = 2", 1)),
        "gap.ipynb": executed_notebook(("x = 1", 1), ("y = 2", None), ("x + 1", 2)),
        "never_run.ipynb": executed_notebook(("x = 1", None), ("y = 2", None)),
        "no_outputs.ipynb": executed_notebook(("x = 1", 1, 0), ("y = 2", 2, 0)),
        "only_markdown.ipynb": executed_notebook("# Notes"),
    }

    ready = analyze_files(tmp_path, files).readiness

    assert ready is not None
    assert (ready.notebooks_checked, ready.notebooks_in_order) == (5, 1)
    problems = {item.location: item.detail for item in ready.notebook_problems.items}
    assert problems == {
        "gap.ipynb": "cell 2 was never run, between cells that were",
        "never_run.ipynb": "saved without having been run (or with its outputs cleared)",
        "no_outputs.ipynb": "saved with no outputs, so its results cannot be checked",
        "out_of_order.ipynb": "cell 2 ran before cell 1 above it (In [1] after In [3])",
    }


def test_a_python_version_file_states_the_version(tmp_path):
    ready = analyze_files(tmp_path, {".python-version": "3.11.7\n", "main.py": "print(1)\n"}).readiness

    assert ready is not None and ready.python_version is not None
    assert (ready.python_version.location, ready.python_version.detail) == (".python-version", "3.11.7")


def test_markdown_explains_notebook_code_and_counts_as_its_documentation(tmp_path):
    narrated = executed_notebook(
        "# Churn by region",
        ("import pandas as pd\nframe = pd.DataFrame()", 1),
        "We keep only active customers, since churned ones have no tenure left to predict.",
        ("active = frame", 2),
        ("active.describe()", 3),
    )

    report = analyze_files(tmp_path, {"churn.ipynb": narrated, "README.md": "# Churn\n"})

    assert (report.notebooks.markdown_cells, report.notebooks.headings) == (2, 1)
    assert report.notebooks.narrated_code_cells == 2  # the third code cell follows code, not prose
    documentation = score_portfolio([_analyzed("ada/churn", report)]).subscores[0]
    assert documentation.score is not None
    assert "67% of notebook code cells come with a written explanation" in documentation.sentence
    assert documentation.sentence.endswith("the project's README is only a line or two.")


def test_ready_to_run_says_what_was_found_in_plain_words(tmp_path):
    report = analyze_files(tmp_path / "careless", CARELESS)
    outcome = _analyzed("ada/churn", report)
    now = datetime(2026, 12, 1, tzinfo=UTC)

    [readiness] = [s for s in score_portfolio([outcome], now=now).subscores if s.key == "readiness"]

    assert readiness.label == "Ready to run" and readiness.score is not None
    assert readiness.sentence.startswith("The project has a dependency list (0% of the versions pinned)")
    assert "it uses 2 packages no list declares (seaborn and xgboost)" in readiness.sentence
    assert "1 path points at the author's own computer" in readiness.sentence
    assert "it reads 1 data file the repository does not include" in readiness.sentence
    assert any("committed credential: AWS Access Key, AKIA…" in line for line in readiness.evidence)
    ready_score = score_portfolio(
        [_analyzed("ada/ready", analyze_files(tmp_path / "ready", PINNED))], now=now
    )
    [better] = [s for s in ready_score.subscores if s.key == "readiness"]
    assert better.score is not None and better.score > readiness.score


def test_the_age_of_the_last_change_reads_as_people_say_it():
    now = datetime(2026, 12, 1, tzinfo=UTC)

    ages = [age_in_words(now - timedelta(days=days), now) for days in (0, 5, 95, 400, 3 * 365 + 20)]

    assert ages == ["today", "5 days ago", "3 months ago", "a year ago", "3 years ago"]


def test_hostile_manifests_cost_a_reason_not_a_crash(tmp_path):
    files: dict[str, str | bytes] = {
        "requirements.txt": b"numpy==1.0\n" * 5_000_000,  # 55 MB
        "environment.yml": os.urandom(200_000),
        ".python-version": b"\xff\xfe\x00garbage",
        "main.py": "import numpy\n",
    }

    analysis = analyze_repository(write_tree(tmp_path, files), AnalysisLimits())

    report = analysis.report
    assert ("requirements.txt", "too_large") in {(item.path, item.reason) for item in report.files.skipped}
    assert report.readiness is not None and report.readiness.python_version is None


def _analyzed(full_name: str, report) -> RepositoryOutcome:
    return RepositoryOutcome(full_name=full_name, status="analyzed", report=report)


def test_a_report_stored_before_the_check_reads_as_not_checked(tmp_path):
    report = analyze_files(tmp_path, PINNED)
    older = report.model_validate(json.loads(report.model_dump_json(exclude={"readiness"})))

    [readiness] = [
        s for s in score_portfolio([_analyzed("ada/churn", older)]).subscores if s.key == "readiness"
    ]

    assert readiness.score is None and readiness.sentence.startswith("Not checked")


def test_the_candidate_page_says_per_project_what_running_it_needs(tmp_path):
    files = {
        **PINNED,
        "eda.ipynb": executed_notebook("# Churn by region, one chart per region", ("x = 1", 1)),
    }
    outcome = _analyzed("ada/churn", analyze_files(tmp_path, files))

    findings = repository_report(outcome).findings

    assert "1 notebook with 1 code cell; markdown explains 1 of them." in findings
    assert "To run it: pyproject.toml, requirements.txt; Python >=3.10." in findings
    assert "1 of 1 notebook ran top to bottom as saved." in findings
