"""The analysis cache by file content: files any candidate's repository held before are neither
read nor parsed again, and the report is the one a cold run gives, to the last field."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from hiring.models import Application
from hiring.privacy.erasure import erase_application
from portfolios import analysis_cache
from portfolios.analysis import Analysis, AnalysisLimits, analyze_tree
from portfolios.clone import CloneLimits, temporary_clone
from portfolios.models import AnalyzedFile, CodeFile, RepoAnalysis
from portfolios.review import analysis_limits
from tests.portfolios.repos import DOCUMENTED_TYPED, NOTEBOOK_HEAVY, git_repo, notebook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_settings")]

# Every kind of file the cache must get right: documented and typed code, a test file, notebooks
# (one malformed), a file that does not parse, a setup.py (never cached: its facts name it), the
# same content twice, and evidence a report shows (a machine path, a credential, a tuning call).
PROJECT = {
    **DOCUMENTED_TYPED,
    **{f"notebooks/{path}": text for path, text in NOTEBOOK_HEAVY.items()},
    "notebooks/secrets.ipynb": notebook(
        "import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\n"
        "frame = pd.read_csv('data/train.csv')\nraw = open('/home/ada/Downloads/all.csv')",
        "aws_key = 'AKIAIOSFODNN7EXAMPLE'\nsearch = GridSearchCV(model, grid, cv=5)",
    ),
    "scripts/broken.py": "def broken(:\n    pass\n",
    "setup.py": "from setuptools import setup\nsetup(install_requires=['pandas==2.2.0', 'numpy'])\n",
    "churn/copy_of_init.py": DOCUMENTED_TYPED["churn/__init__.py"],
}


def cold_and_cached(settings, clone_url: str) -> tuple[Analysis, analysis_cache.CachedAnalysis]:
    """The same clone analyzed with the cache off, then through it."""
    with temporary_clone(clone_url, CloneLimits.from_settings()) as cloned:
        settings.ANALYSIS_CACHE = False
        cold = analysis_cache.analyze(cloned.path, analysis_limits()).analysis
        settings.ANALYSIS_CACHE = True
        cached = analysis_cache.analyze(cloned.path, analysis_limits())
    return cold, cached


def without_timing(analysis: Analysis) -> dict[str, Any]:
    data = analysis.model_dump(mode="json")
    data["report"].pop("seconds")
    return data


def test_a_project_another_candidate_submitted_is_reported_as_a_cold_run_without_parsing_a_file(
    github_server, applied, work, settings
):
    github_server.store.add_repository("ada", "churn", PROJECT)
    github_server.store.add_repository("bob", "churn-again", PROJECT)  # the same files, another repository
    applied("ada", email="ada@example.com")
    work()
    stored = AnalyzedFile.objects.count()

    applied("bob", email="bob@example.com")
    work()

    assert AnalyzedFile.objects.count() == stored  # every file bob's review read was known
    cold, cached = cold_and_cached(settings, github_server.store.clone_url("bob", "churn-again"))
    assert (cached.computed, cached.reused) == (0, stored)  # parsed again: only the setup.py, never cached
    assert without_timing(cached.analysis) == without_timing(cold)
    stored_report = RepoAnalysis.objects.get(full_name="bob/churn-again").report
    expected = without_timing(cold)["report"]
    for report in (stored_report, expected):  # the review also says which commits are bob's
        report.pop("seconds", None), report.pop("provenance")
    assert stored_report == expected
    texts = dict(CodeFile.objects.filter(source__full_name="bob/churn-again").values_list("path", "text"))
    assert texts == {file.path: file.text or "" for file in cold.code.files}
    assert cold.report.readiness is not None and cold.report.readiness.credentials.count == 1
    assert cold.report.parse_error_count == 2  # the broken .py file and the malformed notebook


def test_the_same_content_as_a_test_file_and_as_a_module_is_analyzed_once_for_each(
    github_server, applied, work
):
    test_file = DOCUMENTED_TYPED["tests/test_model.py"]
    github_server.store.add_repository("ada", "churn", {"tests/test_model.py": test_file})
    github_server.store.add_repository("bob", "churn", {"helpers/model_checks.py": test_file})
    applied("ada", email="ada@example.com")
    applied("bob", email="bob@example.com")

    work()

    variants = sorted(key.split(":")[1] for key in AnalyzedFile.objects.values_list("key", flat=True))
    assert variants == ["python", "test"]  # a test file counts its tests; a module counts its lines
    reports = {row.full_name: row.report for row in RepoAnalysis.objects.all()}
    assert reports["ada/churn"]["tests"]["test_files"] == 1
    assert reports["bob/churn"]["tests"]["test_files"] == 0


def test_erasing_a_candidate_removes_the_facts_only_their_repositories_held(github_server, applied, work):
    shared = {"churn/model.py": DOCUMENTED_TYPED["churn/model.py"]}
    ada_only = {"ada_only.py": "def ada():\n    return 1\n"}
    github_server.store.add_repository("ada", "churn", {**shared, **ada_only})
    github_server.store.add_repository("bob", "churn", shared)
    applied("ada", email="ada@example.com")
    applied("bob", email="bob@example.com")
    work()
    assert AnalyzedFile.objects.count() == 2

    erase_application(Application.objects.get(github_username="ada").pk, by="dpo", reason="request")

    [kept] = AnalyzedFile.objects.all()
    assert kept.sources.get().full_name == "bob/churn"


def test_the_periodic_sweep_spares_facts_a_review_has_not_indexed_yet(github_server, applied, work):
    github_server.store.add_repository("ada", "churn", {"churn/model.py": DOCUMENTED_TYPED["churn/model.py"]})
    applied("ada", email="ada@example.com")
    work()
    RepoAnalysis.objects.all().delete()  # the repository left the index: its facts are unused now

    assert analysis_cache.sweep() == 0  # stored a moment ago: a review may be about to link them
    assert analysis_cache.sweep(grace=timedelta(0)) == 1
    assert not AnalyzedFile.objects.exists()


def test_known_files_are_neither_read_nor_parsed_and_a_cold_run_is_repeated_exactly(tmp_path):
    repository = git_repo(tmp_path / "project", PROJECT)
    cold = analyze_tree(repository / ".git", AnalysisLimits(), keep_facts=True)
    known = {key: facts.model_copy(update={"text": None}) for key, facts in cold.facts.items()}
    parsed: list[str] = []

    warm = analyze_tree(repository / ".git", AnalysisLimits(), known=known, progress=parsed.append)

    assert parsed == ["setup.py"]
    texts = {key: facts.text for key, facts in cold.facts.items()}
    assert without_timing(warm.with_cached_text(texts)) == without_timing(
        cold.model_copy(update={"facts": {}})
    )
