"""Dependency freshness (a setting, off by default): pinned versions against the newest releases from
a loopback package index, asked once per package and day; an unreachable index is "not checked"."""

from __future__ import annotations

import socket

import pytest

from portfolios.freshness import compare
from portfolios.loopback.index import LoopbackIndex
from portfolios.models import PackageRelease

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_settings")]
OLD_PINS = {
    "requirements.txt": "pandas==1.3.5\nscikit-learn==1.5.0\nrequests>=2\n",
    "model.py": "import pandas as pd\nimport sklearn\n\ndef load(path):\n    return pd.read_csv(path)\n",
}
RELEASES = {"pandas": "2.2.3", "scikit-learn": "1.6.1", "requests": "2.32.3"}


@pytest.fixture
def package_index(settings):
    with LoopbackIndex(RELEASES) as index:
        settings.DEPENDENCY_FRESHNESS = True
        settings.PACKAGE_INDEX_URL = index.base_url
        yield index


def test_pinned_versions_are_compared_with_the_newest_releases():
    freshness = compare(
        [("pandas", "1.3.5"), ("scikit-learn", "1.5.0"), ("numpy", "2.1.3"), ("local", "file:///x")],
        {"pandas": "2.2.3", "scikit-learn": "1.6.1", "numpy": "2.1.3"},
    )

    assert freshness.checked and freshness.compared == 3  # the URL pin is left out, not guessed at
    assert [(lag.name, lag.majors_behind) for lag in freshness.behind] == [("pandas", 1), ("scikit-learn", 0)]


def test_a_review_says_which_pins_are_a_major_release_behind(github_server, package_index, applied, work):
    github_server.store.add_repository("ada", "churn", OLD_PINS)
    review = applied("ada")

    work()

    review.refresh_from_db()
    readiness = {s["key"]: s for s in review.score["subscores"]}["readiness"]
    assert (
        "1 of 2 pinned versions is a major release or more behind (pandas 1.3.5, newest 2.2.3)"
        in (readiness["sentence"])
    )
    assert "ada/churn: pins pandas 1.3.5; the newest is 2.2.3" in readiness["evidence"]
    assert sorted(package_index.requests) == ["/pypi/pandas/json", "/pypi/scikit-learn/json"]


def test_the_index_is_asked_once_per_package_and_day(github_server, package_index, applied, work):
    github_server.store.add_repository("ada", "churn", OLD_PINS)
    github_server.store.add_repository("bob", "churn-too", OLD_PINS)
    applied("ada", email="ada@example.com")
    applied("bob", email="bob@example.com")

    work()

    assert len(package_index.requests) == 2
    assert set(PackageRelease.objects.values_list("name", "newest")) == {
        ("pandas", "2.2.3"),
        ("scikit-learn", "1.6.1"),
    }


def test_an_unreachable_index_is_not_checked_and_the_review_finishes(github_server, settings, applied, work):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.DEPENDENCY_FRESHNESS = True
    settings.PACKAGE_INDEX_URL = f"http://127.0.0.1:{port}"
    github_server.store.add_repository("ada", "churn", OLD_PINS)
    review = applied("ada")

    work()

    review.refresh_from_db()
    assert review.status == "done"
    readiness = {s["key"]: s for s in review.score["subscores"]}["readiness"]
    assert (
        "pinned versions not compared with the newest releases: the package index could not be reached"
        in readiness["sentence"]
    )


def test_with_the_setting_off_nothing_is_sent_to_the_index(
    github_server, package_index, settings, applied, work
):
    settings.DEPENDENCY_FRESHNESS = False
    github_server.store.add_repository("ada", "churn", OLD_PINS)
    review = applied("ada")

    work()

    review.refresh_from_db()
    assert package_index.requests == []
    assert all(repository["freshness"] is None for repository in review.score["repositories"])
