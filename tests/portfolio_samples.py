"""Portfolio scores made by the real analyzer and the real scoring, from small generated repositories.

Tests that need a finished review take its score from here, never from a hand-written dict: the
shapes the analyzer really writes (no functions outside tests, only notebooks, only forks, nothing
parsable) are the ones the pages, prompts and flags must survive. Each sample is analyzed once
per test run (``analyze_tree`` on a temporary tree), with the production weights.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hiring.demo.bulk import analyzed
from portfolios.scoring import PortfolioScore, RepositoryOutcome, score_portfolio
from tests.portfolios.repos import DOCUMENTED_TYPED, notebook

Files = dict[str, str]

TRAIN = '''"""Train the churn model."""

from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression


def train(rows, labels):
    model = RandomForestClassifier(n_estimators=300, max_depth=8)
    return model.fit(rows, labels)


def baseline():
    data = load_iris()
    return LogisticRegression().fit(data.data, data.target)
'''
PIPELINE = "def run(path):\n" + "".join(f"    step_{i} = {i}\n" for i in range(90)) + "    return path\n"

SAMPLES: dict[str, dict[str, Files | None]] = {
    # repository name → its files; None: a fork of someone else's project
    "modelling": {  # configured and default models, a toy data set, no tests, a long function
        "churn": {"churn/train.py": TRAIN, "churn/pipeline.py": PIPELINE},
        "eda": {"eda.ipynb": notebook("import pandas as pd\ndf = pd.read_csv('sales.csv')\ndf.describe()")},
    },
    "well_made": {"churn-model": DOCUMENTED_TYPED},  # docstrings, type hints, tests, CI
    "no_functions": {"report": {"report.py": "import pandas as pd\n\nprint(pd.read_csv('x.csv').mean())\n"}},
    "only_tests": {"kata": {"tests/test_kata.py": "def test_adds():\n    assert 1 + 1 == 2\n"}},
    "only_notebooks": {
        "uplift": {
            "uplift.ipynb": notebook(
                "import pandas as pd\nfrom scipy import stats",
                "def lift(control, treatment):\n    return treatment.mean() / control.mean() - 1",
            ),
            "second.ipynb": notebook("x = 1\nx"),
        }
    },
    "only_forks": {"scikit-learn": None, "pandas": None},
    "nothing_parsable": {
        "legacy": {"old.py": "print 'python 2'\n", "also_old.py": "exec 'x = 1'\n", "broken.ipynb": "{ nope"}
    },
}


@cache
def sample_score(name: str, owner: str = "candidate") -> dict[str, Any]:
    """The stored form (JSON) of sample ``name``'s PortfolioScore, repositories under ``owner``."""
    return portfolio_score(name, owner).model_dump(mode="json")


@cache
def portfolio_score(name: str, owner: str = "candidate") -> PortfolioScore:
    outcomes = [_outcome(owner, repository, files) for repository, files in SAMPLES[name].items()]
    return score_portfolio(outcomes)


def _outcome(owner: str, repository: str, files: Files | None) -> RepositoryOutcome:
    full_name = f"{owner}/{repository}"
    if files is None:
        return RepositoryOutcome(
            full_name=full_name, status="fork", fork_of=f"{repository}/{repository}", reason="A fork."
        )
    return analyzed(full_name, files)
