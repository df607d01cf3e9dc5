"""The package index's JSON API (PyPI's, or any index serving it): the only module that talks to it.

One question: the newest release of a package (`GET /pypi/<name>/json`, its `info.version`).
Answers are kept one day per package in `PackageRelease`, so fifty reviews pinning pandas ask
once. An index that cannot be reached raises IndexUnavailable: the caller says "not checked" with
the reason and never fails a review over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import requests
from django.conf import settings

from portfolios.models import PackageRelease

MAX_PACKAGES = 40  # per repository: a review never sends the index more than this
NAME = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,198}[a-z0-9])?$")


class IndexUnavailable(Exception):  # noqa: N818 - named for what happened, like the GitHub errors
    """The index did not answer usably; `reason` is a sentence for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def newest_releases(names: Iterable[str], *, today: date) -> dict[str, str]:
    """Newest version by normalized name ("" when the index does not know the package)."""
    wanted = sorted({name for name in names if NAME.fullmatch(name)})[:MAX_PACKAGES]
    known = {row.name: row.newest for row in PackageRelease.objects.filter(name__in=wanted, checked_on=today)}
    with requests.Session() as session:
        for name in wanted:
            if name not in known:
                known[name] = _ask(session, name)
                PackageRelease.objects.update_or_create(
                    name=name, defaults={"newest": known[name], "checked_on": today}
                )
    return known


def _ask(session: requests.Session, name: str) -> str:
    url = f"{settings.PACKAGE_INDEX_URL.rstrip('/')}/pypi/{name}/json"
    try:
        response = session.get(url, timeout=settings.PACKAGE_INDEX_TIMEOUT_SECONDS, allow_redirects=True)
    except requests.RequestException as error:
        raise IndexUnavailable(f"the package index could not be reached ({type(error).__name__})") from error
    if response.status_code == 404:
        return ""
    if response.status_code != 200:
        raise IndexUnavailable(f"the package index answered HTTP {response.status_code}")
    try:
        version = response.json()["info"]["version"]
    except (ValueError, KeyError, TypeError):
        raise IndexUnavailable("the package index sent an answer that is not its JSON API") from None
    return str(version)[:60] if isinstance(version, str) else ""
