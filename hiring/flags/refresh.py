"""Recomputing and storing an application's flags: after it arrives, when its portfolio review
finishes, and for every application to an ad whose terms changed. The rules themselves are
``hiring.flags.rules`` (plain values); this module reads the rows they need and writes the flags.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Lower

from hiring.flags.role_fit import SIGNAL_FAMILIES
from hiring.flags.rules import (
    CopiedCode,
    Finding,
    LaterCopy,
    PostedRange,
    Profile,
    ProfileUse,
    copied_repository_flag,
    near_copy_flag,
    no_portfolio_flag,
    repeated_by_later_flag,
    resume_unreadable_flag,
    salary_flag,
    shared_profile_flag,
    title_mismatch_flag,
)
from hiring.models import Application, Flag
from jobads.models import RoleFamily
from portfolios.models import CodeMatch, CodeSource, PortfolioReview
from portfolios.scoring import PortfolioScore, copy_source, near_copy_evidence


def refresh_flags(application: Application) -> list[Flag]:
    """Recompute the flags of ``application``, and of the others that gave the same GitHub profile."""
    sharing = _sharing_the_profile(application)
    return _replace_flags([application, *sharing], vocabularies=RoleFamily.objects.vocabularies())


def _sharing_the_profile(application: Application) -> list[Application]:
    if not application.github_username:
        return []
    return list(
        Application.objects.annotate(login=Lower("github_username"))
        .filter(login=application.github_username.lower())
        .exclude(pk=application.pk)
        .select_related("job_ad__role_family", "portfolio_review")
    )


def refresh_earlier_applicants(review: PortfolioReview) -> int:
    """A finished review found a near-copy of earlier applicants' code: their flags say so too."""
    score = review.portfolio_score()
    analyzed = {(o.full_name, o.head_sha) for o in (score.repositories if score else []) if o.head_sha}
    if not analyzed:
        return 0
    rows = CodeMatch.objects.filter(
        source__full_name__in={name for name, _ in analyzed}, other__kind=CodeSource.Kind.CANDIDATE
    ).values_list("source__full_name", "source__head_sha", "other__owner")
    owners = {owner for name, sha, owner in rows if (name, sha) in analyzed}
    earlier = list(
        Application.objects.annotate(login=Lower("github_username"))
        .filter(login__in=owners)
        .select_related("job_ad__role_family", "portfolio_review")
    )
    if earlier:
        _replace_flags(earlier, vocabularies=RoleFamily.objects.vocabularies())
    return len(earlier)


FLAG_REFRESH_BATCH = 500


def refresh_flags_for_ad(ad_id: int) -> int:
    """Recompute the flags of every application to one ad (its terms changed); returns how many."""
    vocabularies = RoleFamily.objects.vocabularies()
    applications = Application.objects.filter(job_ad_id=ad_id).select_related(
        "job_ad__role_family", "portfolio_review"
    )
    done = 0
    for start in range(0, applications.count(), FLAG_REFRESH_BATCH):
        batch = list(applications.order_by("pk")[start : start + FLAG_REFRESH_BATCH])
        _replace_flags(batch, vocabularies=vocabularies)
        done += len(batch)
    return done


def _replace_flags(
    applications: list[Application], *, vocabularies: dict[str, dict[str, list[str]]]
) -> list[Flag]:
    uses, later = profile_uses(applications), later_copies(applications)
    flags = [
        Flag.from_finding(application, f)
        for application in applications
        for f in compute_findings(
            application, vocabularies=vocabularies, profile_uses=uses, later_copies=later.get(application.pk)
        )
    ]
    with transaction.atomic():
        Flag.objects.filter(application__in=applications).delete()
        return Flag.objects.bulk_create(flags)


def profile_uses(applications: list[Application]) -> dict[str, list[tuple[int, ProfileUse]]]:
    """Every application giving one of these GitHub profiles, by lower-cased login, with its
    candidate's id: one query for a whole batch."""
    logins = {a.github_username.lower() for a in applications if a.github_username}
    found: dict[str, list[tuple[int, ProfileUse]]] = {}
    rows = (
        Application.objects.annotate(login=Lower("github_username"))
        .filter(login__in=logins)
        .values_list("login", "candidate_id", "pk", "job_ad__title", "created_at")
    )
    for login, candidate_id, pk, title, created_at in rows:
        use = ProfileUse(application_id=str(pk), ad_title=title, applied_on=created_at.date())
        found.setdefault(login, []).append((candidate_id, use))
    return found


def later_copies(applications: list[Application]) -> dict[object, list[LaterCopy]]:
    """By application: later applicants' repositories that repeat one of its analyzed repositories."""
    analyzed: dict[tuple[str, str], list[Application]] = {}
    for application in applications:
        score = application.portfolio_review.portfolio_score()
        for outcome in score.repositories if score else []:
            if outcome.head_sha:
                analyzed.setdefault((outcome.full_name, outcome.head_sha), []).append(application)
    found: dict[object, list[LaterCopy]] = {}
    if not analyzed:
        return found
    matches = CodeMatch.objects.filter(
        source__kind=CodeSource.Kind.CANDIDATE, other__full_name__in={name for name, _ in analyzed}
    ).values_list("other__full_name", "other__head_sha", "share")
    for full_name, head_sha, share in matches:
        for application in analyzed.get((full_name, head_sha), []):
            found.setdefault(application.pk, []).append(LaterCopy(repository=full_name, share=share))
    return found


def copied_code(portfolio: PortfolioScore | None) -> list[CopiedCode]:
    """The portfolio's near-copies as the flag rule reads them, best file pair as the example."""
    return [
        CopiedCode(
            kind=copy.kind,
            repository=outcome.full_name,
            source=copy_source(copy),
            share=copy.share,
            example=near_copy_evidence(outcome, copy, copy.files[0]) if copy.files else "",
        )
        for outcome in (portfolio.repositories if portfolio else [])
        for copy in outcome.near_copies
    ]


def compute_findings(
    application: Application,
    *,
    vocabularies: dict[str, dict[str, list[str]]],
    profile_uses: dict[str, list[tuple[int, ProfileUse]]] | None = None,
    later_copies: list[LaterCopy] | None = None,
) -> list[Finding]:
    """Every flag of one application; ``profile_uses`` (from ``profile_uses``) for the shared-profile
    one, ``later_copies`` (from ``later_copies``) for the earlier of two applicants with one project."""
    ad = application.job_ad
    portfolio = application.portfolio_review.portfolio_score()
    others = [
        use
        for candidate_id, use in (profile_uses or {}).get(application.github_username.lower(), [])
        if candidate_id != application.candidate_id
    ]
    findings = [
        no_portfolio_flag(application.github_username, application.portfolio_review.named_repositories),
        resume_unreadable_flag(application.resume_unreadable_reason),
        copied_repository_flag(portfolio.copies if portfolio else []),
        near_copy_flag(copied_code(portfolio)),
        repeated_by_later_flag(later_copies or []),
        shared_profile_flag(application.github_username, others),
    ]
    if ad.pay_min is not None and ad.pay_max is not None:
        posted = PostedRange(
            minimum=ad.pay_min, maximum=ad.pay_max, currency=ad.currency, period=ad.pay_period
        )
        findings.append(salary_flag(application.desired(), posted))
    if ad.role_family is not None:
        findings.append(
            title_mismatch_flag(
                _profile(application, portfolio),
                ad_family=ad.role_family.name,
                ad_skills=ad.required_skills,
                vocabularies=vocabularies,
            )
        )
    return [finding for finding in findings if finding is not None]


def _profile(application: Application, portfolio: PortfolioScore | None) -> Profile:
    evidence = portfolio.role_evidence if portfolio else {}
    return Profile(
        title=application.current_title,
        skills=application.skills,
        resume_text=application.resume_text,
        portfolio_evidence={
            SIGNAL_FAMILIES[role]: found for role, found in evidence.items() if role in SIGNAL_FAMILIES
        },
    )
