"""Builders for the fixture repositories the analyzer and clone tests read: plain trees and local
git repositories (committed with fixed identities and dates, served to clones over file://)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from portfolios.analysis import AnalysisLimits, RepoReport, analyze_tree
from portfolios.clone import CloneLimits
from portfolios.loopback.store import AUTHOR as ALICE
from portfolios.loopback.store import executed_notebook as executed_notebook  # re-exported
from portfolios.loopback.store import git as git  # re-exported for the analyzer tests
from portfolios.loopback.store import write_tree as write_tree

LOCAL_CLONES = CloneLimits(allowed_protocols=("file",), timeout_seconds=30)


def git_repo(root: Path, files: Mapping[str, str | bytes], *, message: str = "initial") -> Path:
    """A repository whose first commit holds `files`; it serves filtered (partial) clones."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "uploadpack.allowFilter", "true")
    write_tree(root, files)
    commit_all(root, message)
    return root


def commit_all(repo: Path, message: str, *, author: tuple[str, str] = ALICE, date: str | None = None) -> str:
    git(repo, "add", "--all")
    dated = {"date": date} if date else {}
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message, author=author, **dated)
    return git(repo, "rev-parse", "HEAD").strip()


def file_url(path: Path) -> str:
    return f"file://{path}"


def notebook(*cells: str, kind: str = "code") -> str:
    """An nbformat-4 notebook whose cells hold the given sources."""
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True), "outputs": []}
                for source in cells
            ],
        }
    )


DOCUMENTED_TYPED = {
    "README.md": "# Churn model\n\nPredicts churn.\n\n## Usage\n\nRun it.\n",
    "LICENSE": "MIT License\n\nPermission is hereby granted, free of charge, to any person...\n",
    "requirements.txt": "pandas==2.2.0\nscikit-learn==1.4.0\nnumpy>=1.26\n",
    "churn/__init__.py": '"""Churn prediction."""\n',
    "churn/model.py": '''"""Train and score the churn model."""

from __future__ import annotations

from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, cross_val_score


class ChurnModel:
    """A tuned random forest."""

    def __init__(self, depth: int) -> None:
        """Remember the depth."""
        self.depth = depth

    def fit(self, rows: list[list[float]], labels: list[int]) -> ChurnModel:
        """Fit with a grid search over the number of trees."""
        forest = RandomForestClassifier(max_depth=self.depth, random_state=0)
        search = GridSearchCV(forest, {"n_estimators": [100, 300]})
        search.fit(rows, labels)
        return self

    @staticmethod
    def score(rows: list[list[float]], labels: list[int]) -> float:
        """Mean 5-fold cross-validated accuracy."""
        return float(cross_val_score(RandomForestClassifier(n_estimators=200), rows, labels).mean())
''',
    "tests/test_model.py": '''"""Tests for the churn model."""

from churn.model import ChurnModel


def test_depth_is_kept() -> None:
    """The model keeps its depth."""
    assert ChurnModel(3).depth == 3


class TestScore:
    """Scoring."""

    def test_score_is_a_float(self) -> None:
        """A float comes back."""
        assert isinstance(ChurnModel.score([[0.0]] * 10, [0, 1] * 5), float)
''',
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "pyproject.toml": '[project]\nname = "churn"\ndependencies = ["pandas==2.2.0"]\n\n'
    "[tool.mypy]\nstrict = true\n",
}

NO_TESTS = {
    "script.py": "import pandas as pd\nfrom sklearn.datasets import load_iris\n"
    "from sklearn.linear_model import LogisticRegression\n\n"
    "def main():\n    data = load_iris()\n    model = LogisticRegression()\n"
    "    model.fit(data.data, data.target)\n    return pd.DataFrame(data.data)\n",
    "utils.py": "def helper(x):\n    return x * 2\n",
}

NOTEBOOK_HEAVY = {
    "analysis.ipynb": notebook(
        "%matplotlib inline\nimport pandas as pd\nimport seaborn as sns\n!pip install xgboost",
        "df = sns.load_dataset('titanic')\ndf.head()",
        "def clean(frame: pd.DataFrame) -> pd.DataFrame:\n"
        '    """Drop empty rows."""\n    return frame.dropna()',
        "%%bash\necho not python",
        "from sklearn.tree import DecisionTreeClassifier\nmodel = DecisionTreeClassifier()\nmodel?",
    ),
    "exploration.ipynb": notebook("import numpy as np\nx = np.arange(3)\nx.mean()"),
    "broken.ipynb": "{ not json",
}


def analyze_files(
    root: Path, files: Mapping[str, str | bytes], limits: AnalysisLimits | None = None
) -> RepoReport:
    """The in-process analysis of a plain tree holding `files`."""
    return analyze_tree(write_tree(root, files), limits or AnalysisLimits()).report
