"""The loopback GitHub on its own, over real HTTP: what it answers, how it pages, counts and fails,
and that `python -m portfolios.loopback` serves a folder the way `make run` starts it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from typing import Any

import pytest

from portfolios.loopback import Fault, LoopbackGitHub
from portfolios.loopback.store import git


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            body = response.read()
            return response.status, dict(response.headers), json.loads(body) if body else None
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


@pytest.fixture
def github(tmp_path):
    with LoopbackGitHub(tmp_path / "github") as server:
        yield server


def test_a_user_and_their_repositories_answer_as_github_does(github):
    github.store.add_user("ada", name="Ada Lovelace")
    github.store.add_repository("ada", "churn", {"churn.py": "x = 1\n"}, pushed_at="2026-10-01T00:00:00Z")

    status, _, user = get(f"{github.base_url}/users/ada")
    _, _, [repository] = get(f"{github.base_url}/users/ada/repos")

    assert status == 200 and user["login"] == "ada" and user["name"] == "Ada Lovelace"
    assert user["public_repos"] == 1
    assert repository["full_name"] == "ada/churn" and repository["clone_url"].startswith("file://")
    assert repository["fork"] is False and repository["pushed_at"] == "2026-10-01T00:00:00Z"


def test_an_unknown_user_is_a_github_shaped_404(github):
    status, _, body = get(f"{github.base_url}/users/nobody")

    assert status == 404 and body["message"] == "Not Found"


def test_repositories_page_with_link_headers_and_every_answer_spends_the_rate_limit(github):
    for number in range(5):
        github.store.add_repository("ada", f"p{number}", None)

    status, headers, first = get(f"{github.base_url}/users/ada/repos?per_page=2")
    _, later, _ = get(f"{github.base_url}/users/ada/repos?per_page=2&page=3")

    assert status == 200 and len(first) == 2
    assert 'rel="next"' in headers["Link"] and "page=3" in headers["Link"]
    assert int(later["X-RateLimit-Remaining"]) == int(headers["X-RateLimit-Remaining"]) - 1


def test_a_fork_names_its_parent_only_on_its_own_page(github):
    github.store.add_repository("bob", "original", {"a.py": "x = 1\n"})
    github.store.add_repository("ada", "copy", None, fork_of="bob/original")

    _, _, detail = get(f"{github.base_url}/repos/ada/copy")
    _, _, [listed] = get(f"{github.base_url}/users/ada/repos")

    assert detail["fork"] is True and detail["parent"]["full_name"] == "bob/original"
    assert "parent" not in listed


def test_scripted_faults_answer_in_order_then_the_server_answers_normally(github):
    github.store.add_user("ada")
    github.script(
        "/users/ada", [Fault(status=502, body={"message": "bad gateway"}), (403, {"Retry-After": "1"}, {})]
    )

    answers = [get(f"{github.base_url}/users/ada")[0] for _ in range(3)]

    assert answers == [502, 403, 200]
    assert github.paths() == ["/users/ada"] * 3


def test_the_served_repositories_clone_and_hold_their_files(github, tmp_path):
    github.store.add_repository("ada", "churn", {"churn/model.py": "def fit():\n    return 1\n"})
    _, _, repository = get(f"{github.base_url}/repos/ada/churn")

    subprocess.run(["git", "clone", "--quiet", repository["clone_url"], str(tmp_path / "clone")], check=True)

    assert (tmp_path / "clone" / "churn" / "model.py").read_text() == "def fit():\n    return 1\n"
    assert git(tmp_path / "clone", "log", "--format=%an").strip() == "ada"


def test_python_dash_m_serves_a_folder_and_prints_its_address(tmp_path):
    from portfolios.loopback.store import GitHubStore

    GitHubStore(tmp_path / "github").add_user("ada")
    process = subprocess.Popen(
        [sys.executable, "-m", "portfolios.loopback", "--root", str(tmp_path / "github")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = process.stdout.readline().strip() if process.stdout else ""
        status, _, user = get(f"{base_url}/users/ada")
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert base_url.startswith("http://127.0.0.1:") and status == 200 and user["login"] == "ada"
