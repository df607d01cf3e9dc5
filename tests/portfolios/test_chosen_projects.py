"""The projects that represent the candidate: the ones they name are read first, then those pinned
on their profile (GraphQL, with a token, one counted call), then the newest; the page says why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hiring.intake.payload import normalize_project
from portfolios import github
from tests.factories import form_data
from tests.portfolios.repos import DOCUMENTED_TYPED, NOTEBOOK_HEAVY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_settings")]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("churn-model", "ada/churn-model"),
        ("ada/churn-model", "ada/churn-model"),
        ("https://github.com/ada/churn-model", "ada/churn-model"),
        ("github.com/ada/churn-model/tree/main", "ada/churn-model"),
        ("https://github.com/acme-labs/forecasting.git", "acme-labs/forecasting"),
    ],
)
def test_a_project_is_named_by_name_owner_and_name_or_link(given, expected):
    assert normalize_project(given, "ada") == expected


@pytest.mark.parametrize(
    ("given", "username", "message"),
    [
        ("bob/churn", "ada", "is under another account: give its full github.com link"),
        ("churn", "", "Give your GitHub profile above"),
        ("https://gitlab.com/ada/churn", "ada", "is not a github.com link to a repository"),
        ("https://github.com/ada", "ada", "links to a profile, not to one of its repositories"),
        ("churn model!", "ada", "is not a GitHub repository name"),
    ],
)
def test_a_project_that_is_not_a_repository_is_refused_in_words(given, username, message):
    with pytest.raises(ValueError, match=message):
        normalize_project(given, username)


def test_the_apply_form_keeps_the_answers_and_says_what_is_wrong(submit, live_ad, private_storage):
    response = submit(live_ad, form_data(github_username="ada", projects="churn\nbob/other\n"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "bob/other is under another account" in page
    assert "churn\nbob/other" in page  # nothing typed is lost


def test_four_projects_are_too_many(submit, live_ad, private_storage):
    response = submit(live_ad, form_data(github_username="ada", projects="a\nb\nc\nd"))

    assert "Name at most three projects." in response.content.decode()


def test_selection_reads_named_then_pinned_then_the_newest():
    repositories = [
        _repo("new", days_ago=1),
        _repo("pinned", days_ago=200),
        _repo("named", days_ago=900, language="R"),
        _repo("older", days_ago=50),
    ]

    selection = github.select_repositories(
        repositories, named=["ada/named"], pinned=["ada/pinned"], limit=3, max_size_kb=1000
    )

    assert [repo.name for repo in selection.analyze] == ["named", "pinned", "new"]
    assert selection.because == {"ada/named": "named", "ada/pinned": "pinned", "ada/new": "newest"}


def test_pinned_repositories_are_read_with_a_token_in_one_counted_graphql_call(github_server, settings):
    github_server.store.add_user("ada", pinned=["ada/churn", "acme/shared"])
    github_server.store.add_repository("ada", "churn", None)
    counter = github.CallCounter()

    without = github.fetch_profile("ada", counter=counter)
    settings.GITHUB_TOKEN = "a-token"  # the loopback takes any
    calls_before = counter.calls
    profile = github.fetch_profile("ada", counter=counter)

    assert without.pinned == [] and profile.pinned == ["ada/churn", "acme/shared"]
    assert counter.calls - calls_before == calls_before + 1  # the same REST calls, plus one
    assert [request.path for request in github_server.requests if request.method == "POST"] == ["/graphql"]


def test_a_graphql_failure_costs_the_pins_only(github_server, settings):
    github_server.store.add_user("ada")
    github_server.store.add_repository("ada", "churn", None)
    github_server.script("/graphql", [(502, {}, {"message": "Bad gateway"})] * 4)
    settings.GITHUB_TOKEN = "a-token"

    profile = github.fetch_profile("ada")

    assert profile.pinned == [] and [repo.name for repo in profile.repositories] == ["churn"]


def test_a_named_old_project_is_read_first_and_the_page_says_why(
    github_server, applied, work, client, manager
):
    store = github_server.store
    store.add_repository("ada", "thesis", DOCUMENTED_TYPED, pushed_at="2019-05-01T00:00:00Z")
    for number in range(6):
        store.add_repository("ada", f"exercise-{number}", NOTEBOOK_HEAVY, pushed_at="2026-10-01T00:00:00Z")
    store.add_repository("acme-labs", "shared-forecast", DOCUMENTED_TYPED)
    named = "thesis\nhttps://github.com/acme-labs/shared-forecast\nhttps://github.com/ada/gone"
    review = applied("ada", projects=named)

    work()

    review.refresh_from_db()
    chosen = {r["full_name"]: (r["status"], r["chosen"]) for r in review.score["repositories"]}
    assert chosen["ada/thesis"] == ("analyzed", "named")
    assert chosen["acme-labs/shared-forecast"] == ("analyzed", "named")
    assert chosen["ada/gone"] == ("skipped", None)
    assert sum(1 for status, why in chosen.values() if why == "newest") == 4  # six read in all
    client.force_login(manager)
    page = client.get(f"/staff/applications/{review.application.pk}/").content.decode()
    assert "Named by the candidate as a project to read first." in page
    gone = "Named by the candidate, but it could not be opened: The repository no longer exists on GitHub."
    assert gone in page


def _repo(name: str, *, days_ago: int, language: str | None = "Python") -> github.GitHubRepository:
    return github.GitHubRepository(
        name=name,
        full_name=f"ada/{name}",
        owner="ada",
        is_fork=False,
        size_kb=10,
        language=language,
        pushed_at=datetime.now(UTC) - timedelta(days=days_ago),
        clone_url=f"https://github.com/ada/{name}.git",
        default_branch="main",
        html_url=f"https://github.com/ada/{name}",
    )


def test_projects_given_by_link_alone_are_read_without_a_profile(
    github_server, applied, work, client, manager
):
    github_server.store.add_repository("acme-labs", "shared-forecast", DOCUMENTED_TYPED)
    review = applied("", projects="https://github.com/acme-labs/shared-forecast")

    work()

    review.refresh_from_db()
    assert review.status == "done", review.detail
    chosen = {r["full_name"]: (r["status"], r["chosen"]) for r in review.score["repositories"]}
    assert chosen == {"acme-labs/shared-forecast": ("analyzed", "named")}
    assert not review.application.flags.filter(kind="no_portfolio").exists()
    client.force_login(manager)
    assert client.get(f"/staff/applications/{review.application.pk}/").status_code == 200
