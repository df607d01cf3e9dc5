"""The copy index through the real worker and the loopback GitHub: a registered tutorial, our own
repositories and earlier applicants are searched for every analyzed repository; idioms,
boilerplate, unrelated code and the candidate's own other repositories are not copies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hiring.models import Application
from portfolios.models import CodeFile, CodeMatch, CodeSource, Fingerprint, KnownRepository, PortfolioReview
from portfolios.scoring import PortfolioScore
from tests.portfolios.copy_samples import BOILERPLATE, FORECAST, RENAMED, REORDERED, TRAINING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_settings")]
OWN_CODE = '''"""Segments by spend: the candidate's own analysis."""

import pandas as pd


def segment(frame):
    bins = [0, 50, 200, 1000]
    frame["segment"] = pd.cut(frame["monthly_spend"], bins=bins)
    counts = frame.groupby("segment").size()
    return counts / counts.sum()
'''


@pytest.fixture
def register(client, manager, work, django_capture_on_commit_callbacks):
    """Register reference code as a hiring manager does, and let the worker read it."""

    def add(repository: str, *, kind: str = "ours", under: str = "") -> KnownRepository:
        client.force_login(manager)
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(
                reverse("portfolios:known_repositories"),
                {"repository": repository, "kind": kind, "under": under},
            )
        assert answer.status_code == 302
        work()
        return KnownRepository.objects.get(full_name=repository)

    return add


def reviewed(applied, work, login: str):
    review = applied(login, email=f"{login}@example.com", full_name=f"{login.title()} Example")
    work()
    review.refresh_from_db()
    assert review.status == PortfolioReview.Status.DONE, review.detail
    score: PortfolioScore | None = review.portfolio_score()
    assert score is not None
    return score


def test_an_edited_copy_of_a_registered_tutorial_is_found_and_explained(
    github_server, register, applied, work
):
    github_server.store.add_repository(
        "course",
        "ml",
        {"lessons/train.py": TRAINING, "tools/forecast.py": FORECAST, "README.md": "# ML course\n"},
    )
    github_server.store.add_repository("ada", "churn", {"churn.py": RENAMED, "segments.py": OWN_CODE})
    tutorial = register("course/ml", kind="tutorial", under="lessons/")
    assert tutorial.refreshed_at and not tutorial.problem
    assert list(CodeFile.objects.filter(source__known=tutorial).values_list("path", flat=True)) == [
        "lessons/train.py"
    ]

    score = reviewed(applied, work, "ada")

    [copy] = score.repositories[0].near_copies
    assert (copy.kind, copy.repository) == ("tutorial", "course/ml (lessons/)")
    [file] = copy.files
    assert (file.path, file.other_path, file.share_of_other) == ("churn.py", "lessons/train.py", 1.0)
    assert 0.5 < copy.share < 1.0  # segments.py is the candidate's own
    own_work = next(s for s in score.subscores if s.key == "originality")
    assert "repeats the tutorial course/ml (lessons/)" in own_work.sentence
    assert own_work.score is not None and own_work.score < 100
    assert any("churn.py lines" in line and "lessons/train.py lines" in line for line in own_work.evidence)
    beyond = next(s for s in score.subscores if s.key == "beyond_tutorial")
    assert "repeats the tutorial course/ml (lessons/)" in beyond.sentence
    flag = Application.objects.get(github_username="ada").flags.get(kind="near_copy")
    assert "the tutorial course/ml (lessons/)" in flag.message and flag.severity == "medium"


def test_two_applicants_with_one_project_are_both_told_and_the_earlier_is_not_named(
    applied, work, github_server
):
    github_server.store.add_repository("ada", "churn", {"churn.py": TRAINING})
    github_server.store.add_repository("bob", "my-churn", {"model.py": REORDERED})

    reviewed(applied, work, "ada")
    later = reviewed(applied, work, "bob")

    [copy] = later.repositories[0].near_copies
    assert copy.kind == "candidate" and copy.repository == "" and copy.share == 1.0
    assert CodeSource.objects.get(pk=copy.source_id).full_name == "ada/churn"
    bob, ada = (Application.objects.get(github_username=login) for login in ("bob", "ada"))
    flag = bob.flags.get(kind="near_copy")
    assert "another applicant's repository, given earlier" in flag.message and "ada" not in flag.message
    assert flag.severity == "high"
    told = ada.flags.get(kind="repeated_by_later")
    assert "ada/churn" in told.message and not ada.flags.filter(kind="near_copy").exists()


def test_unrelated_projects_that_share_boilerplate_are_not_copies(applied, work, github_server):
    cli = BOILERPLATE.format(what="Run the project")
    github_server.store.add_repository("ada", "churn", {"churn.py": TRAINING, "cli.py": cli})
    github_server.store.add_repository("bob", "sales", {"forecast.py": FORECAST, "cli.py": cli})

    reviewed(applied, work, "ada")
    score = reviewed(applied, work, "bob")

    assert score.repositories[0].near_copies == [] and not CodeMatch.objects.exists()
    assert not Application.objects.filter(flags__kind__in=["near_copy", "repeated_by_later"]).exists()


def test_code_found_in_three_registered_repositories_is_an_idiom_not_a_copy(
    github_server, register, applied, work
):
    for owner in ("course-a", "course-b", "course-c"):
        github_server.store.add_repository(owner, "lessons", {"train.py": TRAINING})
        register(f"{owner}/lessons", kind="tutorial")
    github_server.store.add_repository("ada", "churn", {"churn.py": RENAMED})

    score = reviewed(applied, work, "ada")

    assert score.repositories[0].near_copies == []


def test_removing_a_reference_repository_removes_its_fingerprints(
    github_server, register, applied, work, client
):
    github_server.store.add_repository("acme", "starter", {"starter.py": TRAINING})
    github_server.store.add_repository("ada", "churn", {"churn.py": RENAMED})
    known = register("acme/starter")
    assert Fingerprint.objects.filter(file__source__known=known).count() > 0
    assert reviewed(applied, work, "ada").repositories[0].near_copies[0].kind == "ours"

    client.post(reverse("portfolios:remove_known_repository", args=[known.pk]))

    assert not Fingerprint.objects.filter(file__source__kind="ours").exists()
    assert not CodeMatch.objects.exists()
    github_server.store.add_repository("bob", "churn", {"churn.py": RENAMED})
    later = reviewed(applied, work, "bob")
    assert [copy.kind for copy in later.repositories[0].near_copies] == ["candidate"]  # only Ada's now


def test_a_reference_repository_that_cannot_be_read_says_why_on_the_page(register, client):
    known = register("nobody/missing-course", kind="tutorial")

    assert known.problem and known.refreshed_at is None and known.attempted_at is not None
    page = client.get(reverse("portfolios:known_repositories")).content.decode()
    assert f"Could not be read:</strong> {known.problem}" in page
    assert "Error" not in known.problem and "404" not in known.problem


def test_a_candidates_own_repositories_are_never_compared_with_each_other(applied, work, github_server):
    github_server.store.add_repository("ada", "churn", {"churn.py": TRAINING})
    github_server.store.add_repository("ada", "churn-v2", {"model.py": RENAMED})

    score = reviewed(applied, work, "ada")

    assert [outcome.near_copies for outcome in score.repositories] == [[], []]
