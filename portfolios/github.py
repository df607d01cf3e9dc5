"""GitHub's REST API through PyGithub: the only module that talks to GitHub; PyGithub objects stay here.

A typical review costs 2-4 calls: 1 for the user, 1 per 100 repositories (3 pages at most) and 1 per
fork whose parent GitHub's listing omits (`MAX_PARENT_LOOKUPS` at most); with a token, 1 GraphQL call
for the repositories pinned on the profile (GraphQL needs a token), and 1 per project the candidate
named outside their own account; `CallCounter` counts every request, retries included. No
conditional requests: PyGithub sends If-None-Match only from an object already fetched in this
process (`update()`), and a one-shot review has no earlier ETag to send.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from itertools import islice
from types import TracebackType
from typing import Any, Literal, Self, TypeVar, cast

import github
import requests
from django.conf import settings
from github import Auth, GithubException
from github.Repository import Repository
from pydantic import BaseModel, ConfigDict
from urllib3 import BaseHTTPResponse, Retry
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import MaxRetryError, ResponseError

logger = logging.getLogger(__name__)
PAGE_SIZE = 100
MAX_PINNED = 6  # what a GitHub profile can pin
PINNED_QUERY = (
    "query($login: String!) { user(login: $login) { "
    f"pinnedItems(first: {MAX_PINNED}, types: REPOSITORY) "
    "{ nodes { ... on Repository { nameWithOwner } } } } }"
)
MAX_LISTED_REPOSITORIES = 3 * PAGE_SIZE
MAX_PARENT_LOOKUPS = 10
RETRY_ATTEMPTS = 3  # after the first request, for 5xx, timeouts and short secondary limits
RETRY_BACKOFF_SECONDS = 1.0  # urllib3 doubles it: waits 0, 2, 4 s, capped by the max retry wait
SECONDARY_LIMIT_WAIT_SECONDS = 60  # GitHub: with no Retry-After, wait at least a minute
RATE_LIMIT_STATUSES = frozenset({403, 429})
ANALYZED_LANGUAGES = frozenset({"Python", "Jupyter Notebook"})
LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
FULL_NAME = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")
T = TypeVar("T")


class GitHubRepository(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    full_name: str
    owner: str
    is_fork: bool
    parent_full_name: str | None = None
    size_kb: int
    language: str | None
    pushed_at: datetime | None
    clone_url: str
    default_branch: str
    html_url: str
    description: str = ""
    archived: bool = False


class GitHubProfile(BaseModel):
    model_config = ConfigDict(frozen=True)

    login: str
    name: str
    html_url: str
    public_repos: int
    repositories: list[GitHubRepository]
    pinned: list[str] = []  # "owner/name" pinned on the profile, in order (read only with a token)


class SkippedRepository(BaseModel):
    model_config = ConfigDict(frozen=True)

    repo: GitHubRepository
    reason: Literal["too_large", "empty"]

    @property
    def repository(self) -> GitHubRepository:
        """The same as `repo`, for callers that spell it out."""
        return self.repo


Chosen = Literal["named", "pinned", "newest"]


class Selection(BaseModel):
    model_config = ConfigDict(frozen=True)

    analyze: list[GitHubRepository]
    forks: list[GitHubRepository]
    skipped: list[SkippedRepository]
    because: dict[str, Chosen] = {}  # full name -> why it was read


class CallCounter:
    """Every HTTP request made to the API: retries and requests that got no answer included."""

    def __init__(self) -> None:
        self.calls = 0


class GitHubError(Exception):
    """A GitHub failure a review records: `reason` for people, `detail` for staff."""

    reason = "GitHub refused the request."

    def __init__(self, detail: str, *, reason: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if reason is not None:
            self.reason = reason


class GitHubUserNotFound(GitHubError):  # noqa: N818 - the names the job matches on
    reason = "GitHub user not found."


class GitHubRateLimited(GitHubError):  # noqa: N818 - the names the job matches on
    reason = "GitHub's request limit is used up for now; the review continues after it resets."

    def __init__(self, detail: str, *, reset_at: datetime) -> None:
        super().__init__(detail)
        self.reset_at = reset_at


class GitHubUnavailable(GitHubError):  # noqa: N818 - the names the job matches on
    reason = "GitHub did not answer after several attempts (server errors or timeouts)."


class RepositoryBlocked(GitHubError):  # noqa: N818 - the names the job matches on
    reason = "GitHub blocks access to this repository (for example after a legal takedown)."


class RepositoryNotFound(GitHubError):  # noqa: N818 - the names the job matches on
    reason = "The repository no longer exists on GitHub."


def fetch_profile(username: str, *, counter: CallCounter | None = None) -> GitHubProfile:
    """The user and their own public repositories, forks with their parents (bounded, see above),
    and with a token the repositories pinned on the profile."""
    if not LOGIN.fullmatch(username):
        raise GitHubUserNotFound(f"{username!r} is not a valid GitHub login, so no such user exists.")
    with _client(counter or CallCounter()) as client:
        user = _call(lambda: client.get_user(username), f"user {username}", not_found=GitHubUserNotFound)
        listed = _call(
            lambda: [
                _repository(repo) for repo in islice(user.get_repos(type="owner"), MAX_LISTED_REPOSITORIES)
            ],
            f"repositories of {username}",
        )
        return GitHubProfile(
            login=user.login,
            name=user.name or user.login,
            html_url=user.html_url,
            public_repos=user.public_repos,
            repositories=_with_fork_parents(client, listed),
            pinned=_pinned(client, user.login) if settings.GITHUB_TOKEN else [],
        )


def _pinned(client: github.Github, login: str) -> list[str]:
    """The profile's pinned repositories, in one GraphQL call; none when GitHub will not say."""
    try:
        _, data = _call(
            lambda: client.requester.graphql_query(PINNED_QUERY, {"login": login}), f"pins of {login}"
        )
    except GitHubError as error:
        logger.info("pinned repositories of %s not read: %s", login, error.detail)
        return []
    user = (data.get("data") or {}).get("user") or {}
    nodes = (user.get("pinnedItems") or {}).get("nodes") or []
    names = [node.get("nameWithOwner") for node in nodes if isinstance(node, dict)]
    return [name for name in names if isinstance(name, str) and FULL_NAME.fullmatch(name)][:MAX_PINNED]


def fetch_repository(full_name: str, *, counter: CallCounter | None = None) -> GitHubRepository:
    """One repository, with its parent when it is a fork; RepositoryBlocked on 451 or an access block."""
    if not FULL_NAME.fullmatch(full_name):
        raise RepositoryNotFound(f"{full_name!r} is not a valid owner/repository name.")
    with _client(counter or CallCounter()) as client:
        return _fetch_repository(client, full_name)


def select_repositories(
    repositories: Sequence[GitHubRepository],
    *,
    named: Sequence[str] = (),
    pinned: Sequence[str] = (),
    limit: int | None = None,
    max_size_kb: int | None = None,
) -> Selection:
    """The projects the candidate named first, then those pinned on their profile, then Python and
    Jupyter work before other languages, newest push first; forks never analyzed.

    A repository over the size cap or empty is skipped with its reason and frees its place for the
    next one. `limit` and `max_size_kb` default to PORTFOLIO_MAX_REPOS and PORTFOLIO_MAX_REPO_KB.
    """
    limit = settings.PORTFOLIO_MAX_REPOS if limit is None else limit
    max_size_kb = settings.PORTFOLIO_MAX_REPO_KB if max_size_kb is None else max_size_kb
    ranks = {name.lower(): (0, i) for i, name in enumerate(named)}
    for i, name in enumerate(pinned):
        ranks.setdefault(name.lower(), (1, i))
    analyze: list[GitHubRepository] = []
    skipped: list[SkippedRepository] = []
    because: dict[str, Chosen] = {}
    own = (repo for repo in repositories if not repo.is_fork)
    for repo in sorted(own, key=lambda repo: (ranks.get(repo.full_name.lower(), (2, 0)), _priority(repo))):
        if len(analyze) >= limit:
            break
        if repo.size_kb > max_size_kb:
            skipped.append(SkippedRepository(repo=repo, reason="too_large"))
        elif repo.size_kb == 0:
            skipped.append(SkippedRepository(repo=repo, reason="empty"))
        else:
            analyze.append(repo)
            because[repo.full_name] = _CHOSEN[ranks.get(repo.full_name.lower(), (2, 0))[0]]
    forks = [repo for repo in repositories if repo.is_fork]
    return Selection(analyze=analyze, forks=forks, skipped=skipped, because=because)


_CHOSEN: dict[int, Chosen] = {0: "named", 1: "pinned", 2: "newest"}


def _priority(repo: GitHubRepository) -> tuple[bool, float, str]:
    pushed = repo.pushed_at.timestamp() if repo.pushed_at else float("-inf")
    return (repo.language not in ANALYZED_LANGUAGES, -pushed, repo.full_name)


def _with_fork_parents(client: github.Github, repositories: list[GitHubRepository]) -> list[GitHubRepository]:
    lookups = 0
    completed = []
    for repo in repositories:
        if repo.is_fork and repo.parent_full_name is None and lookups < MAX_PARENT_LOOKUPS:
            lookups += 1
            repo = repo.model_copy(update={"parent_full_name": _parent_of(client, repo.full_name)})
        completed.append(repo)
    return completed


def _parent_of(client: github.Github, full_name: str) -> str | None:
    try:
        return _fetch_repository(client, full_name).parent_full_name
    except (RepositoryBlocked, RepositoryNotFound):
        return None  # a fork is never analyzed; its parent is only context


def _fetch_repository(client: github.Github, full_name: str) -> GitHubRepository:
    return _call(lambda: _repository(client.get_repo(full_name)), full_name, not_found=RepositoryNotFound)


def _repository(repo: Repository) -> GitHubRepository:
    # The raw payload, not `repo.parent`: that property fetches the repository when the list omits it.
    parent = repo._rawData.get("parent")
    return GitHubRepository(
        name=repo.name,
        full_name=repo.full_name,
        owner=repo.owner.login,
        is_fork=repo.fork,
        parent_full_name=parent.get("full_name") if isinstance(parent, dict) else None,
        size_kb=repo.size or 0,
        language=repo.language,
        pushed_at=repo.pushed_at,
        clone_url=repo.clone_url,
        default_branch=repo.default_branch or "main",
        html_url=repo.html_url,
        description=repo.description or "",
        archived=bool(repo.archived),
    )


def _client(counter: CallCounter) -> github.Github:
    max_wait = settings.GITHUB_MAX_RETRY_WAIT_SECONDS
    retry = _GitHubRetry(
        counter=counter,
        max_wait_seconds=max_wait,
        total=RETRY_ATTEMPTS,
        backoff_factor=RETRY_BACKOFF_SECONDS,
        backoff_max=max_wait,
        respect_retry_after_header=False,  # `planned_wait` carries it, checked against the cap first
        raise_on_status=False,  # when retries run out PyGithub gets the last answer and raises on it
    )
    token = settings.GITHUB_TOKEN
    return github.Github(
        base_url=settings.GITHUB_API_URL.rstrip("/"),
        auth=Auth.Token(token) if token else None,
        timeout=settings.GITHUB_TIMEOUT_SECONDS,
        retry=retry,
        per_page=PAGE_SIZE,
        seconds_between_requests=None,  # one review's few calls are sequential already
    )


def _call(action: Callable[[], T], subject: str, *, not_found: type[GitHubError] = GitHubError) -> T:
    try:
        return action()
    except GithubException as error:
        raise _translate(error, subject, not_found) from error
    except requests.RequestException as error:
        raise GitHubUnavailable(f"{subject}: {type(error).__name__}: {error}") from error


def _translate(error: GithubException, subject: str, not_found: type[GitHubError]) -> GitHubError:
    data = error.data if isinstance(error.data, dict) else {}
    message = str(data.get("message") or "")
    detail = f"{subject}: HTTP {error.status} {message}".strip()
    if error.status == 404:
        return not_found(detail)
    if error.status == 451 or (error.status == 403 and "access blocked" in message.lower()):
        block = data.get("block")
        why = block.get("reason", "unknown") if isinstance(block, dict) else "unknown"
        return RepositoryBlocked(f"{detail} (block reason: {why})")
    reset_at = _rate_limit_reset(error.status, error.headers or {}, message)
    if reset_at is not None:
        return GitHubRateLimited(f"{detail}; resets at {reset_at.isoformat()}", reset_at=reset_at)
    if error.status >= 500:
        return GitHubUnavailable(f"{detail} after {RETRY_ATTEMPTS + 1} attempts")
    return GitHubError(detail, reason=f"GitHub refused the request (HTTP {error.status}).")


def _rate_limit_reset(status: int, headers: Mapping[str, Any], message: str) -> datetime | None:
    """When a 403/429 is a rate limit, the moment to try again; None when it is not one."""
    if status not in RATE_LIMIT_STATUSES:
        return None
    now = datetime.now(UTC)
    wait = _secondary_wait(status, headers)
    lowered = {name.lower(): str(value) for name, value in headers.items()}
    reset = lowered.get("x-ratelimit-reset", "")
    if wait is None and lowered.get("x-ratelimit-remaining") == "0" and reset.isdigit():
        return datetime.fromtimestamp(int(reset), UTC)
    if wait is None and "rate limit" in message.lower():
        wait = SECONDARY_LIMIT_WAIT_SECONDS
    return now + timedelta(seconds=wait) if wait is not None else None


def _secondary_wait(status: int, headers: Mapping[str, Any]) -> float | None:
    """Seconds GitHub asks us to wait before retrying, or None (a primary limit or no limit at all)."""
    lowered = {name.lower(): str(value).strip() for name, value in headers.items()}
    if lowered.get("retry-after", "").isdigit():
        return float(lowered["retry-after"])
    if lowered.get("x-ratelimit-remaining") == "0":
        return None
    return float(SECONDARY_LIMIT_WAIT_SECONDS) if status == 429 else None


class _GitHubRetry(Retry):
    """urllib3 retries as GitHub documents them, counting every request and never sleeping past the cap.

    5xx and timeouts back off; a secondary limit waits its Retry-After (or a minute on a bare 429) when
    that fits under `max_wait_seconds`. Anything else, a primary limit included, goes back to PyGithub
    at once, which raises on it; `_translate` turns that into our errors.
    """

    def __init__(
        self,
        *,
        counter: CallCounter,
        max_wait_seconds: float,
        planned_wait: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.counter = counter
        self.max_wait_seconds = max_wait_seconds
        self.planned_wait = planned_wait

    def new(self, **kw: Any) -> Self:
        return super().new(counter=self.counter, max_wait_seconds=self.max_wait_seconds, **kw)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        self.counter.calls += 1  # urllib3 asks this once for every response it receives
        return status_code >= 500 or status_code in RATE_LIMIT_STATUSES

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if error is not None:
            self.counter.calls += 1  # a request that got no response
        wait = None
        if response is not None and response.status in RATE_LIMIT_STATUSES:
            wait = _secondary_wait(response.status, response.headers)
            if wait is None or wait > self.max_wait_seconds:
                reason = ResponseError(f"HTTP {response.status} is not retried here")
                raise MaxRetryError(cast(ConnectionPool, _pool), url or "", reason)
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        retry.planned_wait = wait
        return retry

    def get_backoff_time(self) -> float:
        return self.planned_wait if self.planned_wait is not None else super().get_backoff_time()
