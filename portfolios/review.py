"""The steps of one portfolio review: claim, list repositories, clone and analyze, score, record.

Called by the RQ job with a review id. Expected failures (unknown user, a repository too large)
are results stored on the row; only crashes and GitHub outages raise, for RQ to retry. A rate
limit hands the review back and returns when to run it again, for the job to schedule: this
module knows nothing of the queue. Every write after the claim is conditional on the claim token,
so a worker that lost its claim (it was presumed dead and the review re-queued) can never
overwrite the new owner's work.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portfolios import analysis_cache, github, package_index
from portfolios.analysis import AnalysisError, AnalysisLimits, AuthorIdentity, RepoReport
from portfolios.analysis import KnownRepository as KnownProvenance
from portfolios.clone import CloneError, CloneLimits, remote_head, temporary_clone
from portfolios.copies import copy_of, find_near_copies, index_code, known_repositories
from portfolios.freshness import Freshness, compare, not_checked
from portfolios.models import CodeSource, PortfolioReview, RepoAnalysis
from portfolios.scoring import RepositoryOutcome, score_portfolio
from portfolios.signals import review_finished

logger = logging.getLogger(__name__)
Status = PortfolioReview.Status
MAX_GITHUB_ATTEMPTS = 4  # the first run and RQ's three retries
NO_PROFILE = github.GitHubProfile(login="", name="", html_url="", public_repos=0, repositories=[])


class LostClaimError(Exception):
    """Another job now owns this review; stop quietly."""


class Run:
    """One job's hold on one review: every write goes through ``advance`` and checks the claim."""

    def __init__(self, review: PortfolioReview, claim: uuid.UUID) -> None:
        self.review = review
        self.claim = claim

    def advance(self, **fields: Any) -> None:
        fields["updated_at"] = timezone.now()
        if not PortfolioReview.objects.filter(pk=self.review.pk, claim=self.claim).update(**fields):
            raise LostClaimError(self.review.pk)
        for name, value in fields.items():
            setattr(self.review, name, value)


def run_review(review_id: uuid.UUID, *, job_id: str, stuck_after: timedelta) -> datetime | None:
    """Run the review's steps; returns when to run it again after a rate limit, else None."""
    now = timezone.now()
    claim = PortfolioReview.objects.claim(review_id, job_id=job_id, now=now, stuck_after=stuck_after)
    if claim is None:
        logger.info("review %s is finished, gone or held by another job: nothing to do", review_id)
        return None
    run = Run(PortfolioReview.objects.get(pk=review_id), claim)
    try:
        return _review(run)
    except LostClaimError:
        logger.warning("review %s was taken over by another job; this one stops", review_id)
        return None


def _review(run: Run) -> datetime | None:
    counter = github.CallCounter()
    try:
        profile = (
            github.fetch_profile(run.review.github_username, counter=counter)
            if run.review.github_username
            else NO_PROFILE  # only projects named by their links: those alone are read
        )
    except github.GitHubUserNotFound as error:
        _fail(run, "github_user_not_found", "GitHub user not found.", error, counter)
        return None
    except github.GitHubRateLimited as limited:
        return _postpone(run, limited.reset_at, counter)
    except github.GitHubUnavailable as error:
        if run.review.attempts >= MAX_GITHUB_ATTEMPTS:
            _fail(run, "github_unavailable", "GitHub did not answer; try again later.", error, counter)
            return None
        run.advance(status=Status.PENDING, claim=None, api_calls=run.review.api_calls + counter.calls)
        raise  # RQ retries with backoff
    named = list(run.review.named_repositories or [])
    try:
        elsewhere, unopened = _named_elsewhere(named, profile, counter)
    except github.GitHubRateLimited as limited:
        return _postpone(run, limited.reset_at, counter)
    selection = github.select_repositories(
        [*profile.repositories, *elsewhere],
        named=named,
        pinned=profile.pinned,
        limit=settings.PORTFOLIO_MAX_REPOS,
        max_size_kb=settings.PORTFOLIO_MAX_REPO_KB,
    )
    if not selection.analyze and not selection.forks and not unopened:
        run.review.reason_code = "no_public_repositories"
        _finish(
            run, Status.SKIPPED, None, counter, reason="No public portfolio: the profile has no repositories."
        )
        return None
    outcomes = [*unopened, *(_fork(repo) for repo in selection.forks)]
    outcomes += [
        RepositoryOutcome(
            full_name=s.repository.full_name, status="skipped", reason=SKIP_REASONS.get(s.reason, s.reason)
        )
        for s in selection.skipped
    ]
    run.advance(status=Status.CLONING, repos_total=len(selection.analyze), repos_done=0)
    identity, known = AuthorIdentity(logins=(profile.login,)), known_repositories()
    for done, repo in enumerate(selection.analyze, start=1):
        outcome = _outcome(run, repo, identity=identity, known=known)
        outcomes.append(outcome.model_copy(update={"chosen": selection.because.get(repo.full_name)}))
        run.advance(repos_done=done)
    score = score_portfolio(outcomes)
    _finish(run, Status.DONE, score.model_dump(mode="json"), counter)
    return None


def _named_elsewhere(
    named: list[str], profile: github.GitHubProfile, counter: github.CallCounter
) -> tuple[list[github.GitHubRepository], list[RepositoryOutcome]]:
    """The projects the candidate named that their own listing lacks (another account's, or gone):
    fetched one by one; one that cannot be opened is reported, never a failed review."""
    listed = {repo.full_name.lower() for repo in profile.repositories}
    found, unopened = [], []
    for full_name in named:
        if full_name.lower() in listed:
            continue
        try:
            found.append(github.fetch_repository(full_name, counter=counter))
        except github.GitHubRateLimited:
            raise  # the whole review waits for the reset
        except github.GitHubError as error:
            reason = f"Named by the candidate, but it could not be opened: {error.reason}"
            unopened.append(RepositoryOutcome(full_name=full_name, status="skipped", reason=reason))
    return found, unopened


def _outcome(
    run: Run, repo: github.GitHubRepository, *, identity: AuthorIdentity, known: list[KnownProvenance]
) -> RepositoryOutcome:
    base = {"full_name": repo.full_name, "html_url": repo.html_url}
    try:
        head_sha, report, indexed = _analysis(run, repo, identity)
    except (CloneError, AnalysisError) as error:
        logger.info("review %s: %s not analyzed: %s", run.review.pk, repo.full_name, error)
        return RepositoryOutcome(**base, status="skipped", reason=skip_reason(error))
    near_copies = find_near_copies(indexed)
    copied = copy_of(repo.full_name, report, known)
    status = "copy" if copied else "analyzed"
    return RepositoryOutcome(
        **base,
        status=status,
        copy_of=copied,
        head_sha=head_sha,
        report=report,
        near_copies=near_copies,
        freshness=dependency_freshness(report) if settings.DEPENDENCY_FRESHNESS else None,
    )


def dependency_freshness(report: RepoReport) -> Freshness | None:
    """Pinned versions against the newest releases; None when nothing is pinned."""
    pins = [pin for listed in report.organization.dependency_files for pin in listed.pins]
    if not pins:
        return None
    try:
        newest = package_index.newest_releases([name for name, _ in pins], today=timezone.localdate())
    except package_index.IndexUnavailable as error:
        return not_checked(error.reason)
    return compare(pins, newest)


def _analysis(
    run: Run, repo: github.GitHubRepository, identity: AuthorIdentity
) -> tuple[str, RepoReport, CodeSource]:
    """The report for the repository's current HEAD, and its place in the copy index: from the
    cache when this commit was read before (and indexed: analyses older than the index are read again)."""
    limits = CloneLimits.from_settings()
    head_sha = remote_head(repo.clone_url, limits)
    cached = (
        RepoAnalysis.objects.filter(full_name=repo.full_name, head_sha=head_sha, code_source__isnull=False)
        .select_related("code_source")
        .first()
    )
    if cached is not None:
        return head_sha, RepoReport.model_validate(cached.report), cached.code_source
    run.advance(status=Status.CLONING)
    with temporary_clone(repo.clone_url, limits, expected_size_bytes=repo.size_kb * 1024) as cloned:
        run.advance(status=Status.ANALYZING)
        analyzed = analysis_cache.analyze(cloned.path, analysis_limits(), identity=identity)
    analysis = analyzed.analysis
    row, _ = RepoAnalysis.objects.update_or_create(
        full_name=repo.full_name,
        head_sha=cloned.head_sha,
        defaults={"report": analysis.report.model_dump(mode="json")},
    )
    source = index_code(
        analysis.code,
        kind=CodeSource.Kind.CANDIDATE,
        full_name=repo.full_name,
        head_sha=cloned.head_sha,
        analysis=row,
    )
    analysis_cache.link(source, analyzed.keys, analysis_limits())
    return cloned.head_sha, analysis.report, source


def analysis_limits() -> AnalysisLimits:
    return AnalysisLimits(
        max_file_bytes=settings.ANALYSIS_MAX_FILE_BYTES,
        time_budget_seconds=settings.ANALYSIS_TIME_BUDGET_SECONDS,
        max_memory_bytes=settings.ANALYSIS_MAX_MEMORY_BYTES,
    )


def _fork(repo: github.GitHubRepository) -> RepositoryOutcome:
    reason = (
        f"A fork of {repo.parent_full_name}: other people's work, not counted."
        if repo.parent_full_name
        else ""
    )
    return RepositoryOutcome(
        full_name=repo.full_name,
        html_url=repo.html_url,
        status="fork",
        fork_of=repo.parent_full_name,
        reason=reason,
    )


SKIP_REASONS = {  # reason codes of github.select_repositories, clone.py and the analyzer, for people
    "too_large": "Too large to read.",
    "empty": "Empty: nothing to read.",
    "clone_timeout": "Took too long to download.",
    "repo_rejected_integrity": "The repository's data failed git's integrity check.",
    "repository_unavailable": "Could not be downloaded (removed, blocked or empty).",
    "analysis_resource_limit": "Reading it needed more memory or time than allowed.",
    "analyzer_crashed": "The code reader stopped on a file in it.",
    "invalid_url": "Its download address is not one we accept.",
    "transport_not_allowed": "Its download address is not one we accept.",
    "clone_failed": "Could not be downloaded.",
    "not_a_directory": "Could not be read.",
}


def skip_reason(error: CloneError | AnalysisError) -> str:
    return SKIP_REASONS.get(error.reason, "Could not be read.")


def _fail(run: Run, code: str, reason: str, error: Exception, counter: github.CallCounter) -> None:
    run.review.reason_code = code
    _finish(run, Status.FAILED, None, counter, reason=reason, detail=f"{type(error).__name__}: {error}")


def _postpone(run: Run, reset_at: datetime, counter: github.CallCounter) -> datetime:
    """The API quota is spent: hand the review back until the reset, which the job schedules."""
    run.advance(
        status=Status.PENDING, claim=None, not_before=reset_at, api_calls=run.review.api_calls + counter.calls
    )
    return reset_at


def _finish(
    run: Run,
    status: str,
    score: dict[str, Any] | None,
    counter: github.CallCounter,
    *,
    reason: str = "",
    detail: str = "",
) -> None:
    with transaction.atomic():
        run.advance(
            status=status,
            score=score,
            claim=None,
            reason_code=run.review.reason_code,
            reason=reason,
            detail=detail,
            api_calls=run.review.api_calls + counter.calls,
            finished_at=timezone.now(),
            not_before=None,
        )
        transaction.on_commit(
            lambda: review_finished.send(sender=PortfolioReview, review=run.review), robust=True
        )
