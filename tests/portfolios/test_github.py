"""portfolios.github against the loopback GitHub over real HTTP (RELIABILITY W1-W7)."""

from __future__ import annotations

import socket
import time
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from portfolios.clone import shallow_clone
from portfolios.github import (
    MAX_PARENT_LOOKUPS,
    RETRY_ATTEMPTS,
    CallCounter,
    GitHubRateLimited,
    GitHubRepository,
    GitHubUnavailable,
    GitHubUserNotFound,
    RepositoryBlocked,
    fetch_profile,
    fetch_repository,
    select_repositories,
)
from portfolios.loopback import Fault

from .repos import LOCAL_CLONES

PRIMARY = {
    "message": "API rate limit exceeded for 127.0.0.1.",
    "documentation_url": "https://docs.github.com",
}
SECONDARY = {
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
}
BLOCKED = {"message": "Repository access blocked", "block": {"reason": "dmca", "created_at": "2024-01-01"}}


def repo(name: str, *, language: str | None = "Python", days_ago: int = 0, size_kb: int = 10, **extra):
    pushed = datetime(2024, 6, 1, tzinfo=UTC) - timedelta(days=days_ago)
    fields = {
        "name": name,
        "full_name": f"alice/{name}",
        "owner": "alice",
        "is_fork": False,
        "size_kb": size_kb,
        "language": language,
        "pushed_at": pushed,
        "clone_url": f"file:///repos/alice/{name}.git",
        "default_branch": "main",
        "html_url": f"https://github.com/alice/{name}",
    }
    return GitHubRepository(**(fields | extra))


def names(repositories) -> list[str]:
    return [repository.name for repository in repositories]


def test_a_profile_lists_every_repository_across_pages_and_counts_each_call(github_server):
    github_server.store.add_user("alice", name="Alice Example")
    for number in range(120):
        github_server.store.add_repository("alice", f"project-{number:03}", None)
    counter = CallCounter()

    profile = fetch_profile("alice", counter=counter)

    assert (profile.login, profile.name, profile.public_repos) == ("alice", "Alice Example", 120)
    assert len({repository.full_name for repository in profile.repositories}) == 120
    assert counter.calls == len(github_server.requests) == 3
    assert "page=2" in github_server.paths()[2]


def test_listing_stops_after_three_pages(github_server):
    for number in range(350):
        github_server.store.add_repository("alice", f"project-{number:03}", None)

    profile = fetch_profile("alice")

    assert len(profile.repositories) == 300
    assert len(github_server.requests) == 4


def test_repository_fields_come_from_github_and_clone_from_the_local_bare_repository(github_server):
    bare = github_server.store.add_repository(
        "alice",
        "churn",
        {"model.py": "x = 1\n"},
        language="Jupyter Notebook",
        description="Churn",
        archived=True,
    )

    [churn] = fetch_profile("alice").repositories

    assert churn.clone_url == f"file://{bare}"
    assert (bare / "HEAD").is_file()
    assert (churn.language, churn.description, churn.archived, churn.is_fork) == (
        "Jupyter Notebook",
        "Churn",
        True,
        False,
    )
    assert churn.pushed_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert churn.size_kb > 0


def test_a_selected_repository_clones_through_the_real_clone_code(github_server, tmp_path):
    github_server.store.add_repository(
        "alice", "churn", {"churn.py": '"""Churn."""\n'}, commits=[{"b.py": "y = 2\n"}]
    )
    [churn] = select_repositories(fetch_profile("alice").repositories).analyze

    cloned = shallow_clone(churn.clone_url, tmp_path / "clone", LOCAL_CLONES)

    assert cloned.has_history
    assert len(cloned.head_sha) == 40


def test_a_fork_carries_its_parent_for_one_call_per_fork(github_server):
    github_server.store.add_repository("bob", "original", {"a.py": "x = 1\n"})
    github_server.store.add_repository("alice", "copy", None, fork_of="bob/original")
    github_server.store.add_repository("alice", "own", None)
    counter = CallCounter()

    profile = fetch_profile("alice", counter=counter)

    parents = {repository.name: repository.parent_full_name for repository in profile.repositories}
    assert parents == {"copy": "bob/original", "own": None}
    assert counter.calls == 3
    assert github_server.paths()[-1] == "/repos/alice/copy"


def test_fork_parent_lookups_are_bounded(github_server):
    for number in range(MAX_PARENT_LOOKUPS + 2):
        github_server.store.add_repository("alice", f"fork-{number:02}", None, fork_of=f"bob/p{number}")

    profile = fetch_profile("alice")

    assert (
        sum(repository.parent_full_name is not None for repository in profile.repositories)
        == MAX_PARENT_LOOKUPS
    )
    assert len(github_server.requests) == 2 + MAX_PARENT_LOOKUPS


def test_selection_puts_python_and_notebooks_first_then_the_newest_push():
    repositories = [
        repo("old-python", days_ago=300),
        repo("new-js", language="JavaScript", days_ago=1),
        repo("notebooks", language="Jupyter Notebook", days_ago=5),
        repo("new-python", days_ago=2),
        repo("no-language", language=None, days_ago=3),
    ]

    selection = select_repositories(repositories, limit=4, max_size_kb=1000)

    assert names(selection.analyze) == ["new-python", "notebooks", "old-python", "new-js"]


def test_w7_repositories_over_the_size_cap_or_empty_are_skipped_and_free_their_place():
    repositories = [
        repo("huge", size_kb=5000, days_ago=1),
        repo("empty", size_kb=0, days_ago=2),
        repo("small", days_ago=9),
        repo("other", days_ago=10),
        repo("unreached", size_kb=0, days_ago=11),
    ]

    selection = select_repositories(repositories, limit=2, max_size_kb=1000)

    assert names(selection.analyze) == ["small", "other"]
    assert [(skip.repo.name, skip.reason) for skip in selection.skipped] == [
        ("huge", "too_large"),
        ("empty", "empty"),
    ]


def test_forks_are_listed_apart_and_never_analyzed_while_archived_work_is():
    fork = repo("fork", is_fork=True, parent_full_name="bob/original")
    selection = select_repositories([fork, repo("archived", archived=True)], limit=6, max_size_kb=1000)

    assert (names(selection.analyze), names(selection.forks)) == (["archived"], ["fork"])


def test_selection_limits_default_to_the_settings(settings):
    settings.PORTFOLIO_MAX_REPOS = 2
    settings.PORTFOLIO_MAX_REPO_KB = 50
    repositories = [
        repo("a", size_kb=60),
        repo("b", days_ago=1),
        repo("c", days_ago=2),
        repo("d", days_ago=3),
    ]

    selection = select_repositories(repositories)

    assert (names(selection.analyze), names(skip.repo for skip in selection.skipped)) == (["b", "c"], ["a"])


def test_w1_an_unknown_user_is_not_found_after_exactly_one_request(github_server):
    counter = CallCounter()

    with pytest.raises(GitHubUserNotFound) as failure:
        fetch_profile("nobody", counter=counter)

    assert failure.value.reason == "GitHub user not found."
    assert counter.calls == len(github_server.requests) == 1


def test_an_impossible_login_is_not_found_without_asking_github(github_server):
    with pytest.raises(GitHubUserNotFound):
        fetch_profile("../etc")

    assert github_server.requests == []


@pytest.mark.parametrize("status", [403, 429])
def test_w4_an_exhausted_primary_limit_raises_with_the_reset_time_without_sleeping(github_server, status):
    github_server.store.add_user("alice")
    reset = int(time.time()) + 40 * 60
    github_server.script(
        "/users/alice", [(status, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)}, PRIMARY)]
    )

    started = time.monotonic()
    with pytest.raises(GitHubRateLimited) as failure:
        fetch_profile("alice")

    assert time.monotonic() - started < 2
    assert failure.value.reset_at == datetime.fromtimestamp(reset, UTC)
    assert len(github_server.requests) == 1


def test_w5_a_secondary_limit_waits_its_retry_after_and_retries(github_server, settings):
    settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 5
    github_server.store.add_repository("alice", "churn", None)
    github_server.script("/users/alice", [(403, {"Retry-After": "1"}, SECONDARY)])
    counter = CallCounter()

    started = time.monotonic()
    profile = fetch_profile("alice", counter=counter)

    assert time.monotonic() - started >= 1
    assert names(profile.repositories) == ["churn"]
    assert github_server.paths()[:2] == ["/users/alice", "/users/alice"]
    assert counter.calls == len(github_server.requests) == 3


def test_w5_a_retry_after_beyond_the_cap_raises_at_once_with_that_reset(github_server, settings):
    settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 60
    github_server.script("/users/alice", [(429, {"Retry-After": "90"}, SECONDARY)])

    started = time.monotonic()
    with pytest.raises(GitHubRateLimited) as failure:
        fetch_profile("alice")

    assert time.monotonic() - started < 2
    assert timedelta(seconds=85) < failure.value.reset_at - datetime.now(UTC) <= timedelta(seconds=90)
    assert len(github_server.requests) == 1


def test_w5_a_429_without_retry_after_means_a_minute_and_is_not_slept_past_the_cap(github_server):
    github_server.script("/users/alice", [(429, {}, SECONDARY)])

    with pytest.raises(GitHubRateLimited) as failure:
        fetch_profile("alice")

    assert timedelta(seconds=55) < failure.value.reset_at - datetime.now(UTC) <= timedelta(seconds=60)
    assert len(github_server.requests) == 1


def test_w5_secondary_limits_are_retried_a_bounded_number_of_times(github_server, settings):
    settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 5
    github_server.script("/users/alice", [(429, {"Retry-After": "0"}, SECONDARY)] * 10)
    counter = CallCounter()

    with pytest.raises(GitHubRateLimited):
        fetch_profile("alice", counter=counter)

    assert counter.calls == len(github_server.requests) == RETRY_ATTEMPTS + 1


def test_w6_server_errors_then_success_are_retried_and_every_attempt_counted(github_server):
    github_server.store.add_user("alice")
    github_server.script("/users/alice", [(500, {}, {"message": "boom"}), (502, {}, "Bad gateway")])
    counter = CallCounter()

    profile = fetch_profile("alice", counter=counter)

    assert profile.login == "alice"
    assert github_server.paths() == ["/users/alice"] * 3 + ["/users/alice/repos?per_page=100&type=owner"]
    assert counter.calls == 4


def test_w6_persistent_server_errors_end_unavailable_after_bounded_attempts(github_server):
    github_server.script("/users/alice", [(503, {}, {"message": "unavailable"})] * 10)

    with pytest.raises(GitHubUnavailable) as failure:
        fetch_profile("alice")

    assert "503" in failure.value.detail
    assert len(github_server.requests) == RETRY_ATTEMPTS + 1


def test_w6_a_timeout_is_retried(github_server, settings):
    settings.GITHUB_TIMEOUT_SECONDS = 1  # PyGithub takes whole seconds only
    github_server.store.add_user("alice")
    github_server.script("/users/alice", [Fault(delay_seconds=1.5)])
    counter = CallCounter()

    assert fetch_profile("alice", counter=counter).login == "alice"
    assert github_server.paths()[:2] == ["/users/alice", "/users/alice"]
    assert counter.calls == len(github_server.requests) == 3


def test_w6_an_unreachable_api_is_unavailable_and_each_attempt_counted(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.GITHUB_API_URL = f"http://127.0.0.1:{probe.getsockname()[1]}"  # bound, not listening
        settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 0
        counter = CallCounter()
        with pytest.raises(GitHubUnavailable):
            fetch_profile("alice", counter=counter)

    assert counter.calls == RETRY_ATTEMPTS + 1


@pytest.mark.parametrize(("status", "body"), [(451, BLOCKED), (403, BLOCKED)])
def test_w3_a_blocked_repository_raises_blocked_without_retrying(github_server, status, body):
    github_server.store.add_repository("alice", "takedown", None)
    github_server.script("/repos/alice/takedown", [(status, {}, body)])

    with pytest.raises(RepositoryBlocked) as failure:
        fetch_repository("alice/takedown")

    assert "dmca" in failure.value.detail
    assert len(github_server.requests) == 1


def test_w3_a_fork_whose_repository_is_blocked_keeps_no_parent_and_the_profile_loads(github_server):
    github_server.store.add_repository("alice", "fork", None, fork_of="bob/original")
    github_server.script("/repos/alice/fork", [(451, {}, BLOCKED)])

    [fork] = fetch_profile("alice").repositories

    assert (fork.is_fork, fork.parent_full_name) == (True, None)


def test_the_loopback_server_answers_if_none_match_with_304_and_counts_down_its_limit(github_server):
    github_server.store.add_user("alice")
    url = f"{github_server.base_url}/users/alice"
    with urllib.request.urlopen(url) as first:  # noqa: S310 - a loopback http URL
        etag, remaining = first.headers["ETag"], int(first.headers["X-RateLimit-Remaining"])

    conditional = urllib.request.Request(url, headers={"If-None-Match": etag})  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(conditional)  # noqa: S310
    with urllib.request.urlopen(url) as third:  # noqa: S310
        after = int(third.headers["X-RateLimit-Remaining"])

    assert not_modified.value.code == 304
    assert after == remaining - 1  # a 304 costs nothing, as on GitHub
