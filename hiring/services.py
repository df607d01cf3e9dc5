"""Multi-model writes of the applicant pipeline, each one named for its use case.

``submit_application`` is the only way an application enters the system: candidate, application,
flags and a pending portfolio review are saved in one transaction, the résumé file is removed if
that transaction fails, and the review is enqueued only after commit.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from hiring.flags import (
    Finding,
    PostedRange,
    Profile,
    ProfileUse,
    copied_repository_flag,
    no_portfolio_flag,
    resume_unreadable_flag,
    salary_flag,
    shared_profile_flag,
    title_mismatch_flag,
)
from hiring.intake import ApplicationIn
from hiring.models import Application, Candidate, Flag
from hiring.resumes import ResumeText
from hiring.role_fit import SIGNAL_FAMILIES
from jobads.models import JobAd, RoleFamily
from portfolios.jobs import enqueue_review_after_commit
from portfolios.models import PortfolioReview
from portfolios.scoring import PortfolioScore

logger = logging.getLogger(__name__)
SUBMIT_ATTEMPTS = 2  # a concurrent first application by the same email wins the race once


@dataclass(frozen=True)
class ResumeUpload:
    data: bytes
    kind: str  # "pdf" or "docx", from the content
    original_name: str
    text: ResumeText


@dataclass(frozen=True)
class Submission:
    application: Application
    is_duplicate: bool


def submit_application(*, ad: JobAd, payload: ApplicationIn, resume: ResumeUpload) -> Submission:
    """Save a new application, or return the one this candidate already sent to this ad."""
    for attempt in range(SUBMIT_ATTEMPTS):
        existing = find_existing_application(ad=ad, payload=payload)
        if existing is not None:
            return Submission(application=existing, is_duplicate=True)
        stored_name = default_storage.save(f"resumes/{uuid.uuid4()}.{resume.kind}", ContentFile(resume.data))
        try:
            return Submission(
                application=_save(ad=ad, payload=payload, resume=resume, stored_name=stored_name),
                is_duplicate=False,
            )
        except IntegrityError:
            default_storage.delete(stored_name)
            if attempt + 1 == SUBMIT_ATTEMPTS:
                raise
        except BaseException:
            default_storage.delete(stored_name)  # no orphan file without its application
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def find_existing_application(*, ad: JobAd, payload: ApplicationIn) -> Application | None:
    """The same form sent twice, or the same email (any case) applying to this ad again.

    Another email with the same GitHub profile is another person until someone finds otherwise:
    their application is kept, and both are flagged (``shared_profile_flag``), never merged.
    """
    same_person = Q(job_ad=ad, candidate__email__iexact=payload.email_normalized)
    return (
        Application.objects.filter(Q(submission_token=payload.submission_token) | same_person)
        .select_related("job_ad")
        .first()
    )


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
    uses = profile_uses(applications)
    flags = [
        Flag(
            application=application, kind=f.kind, severity=f.severity, message=f.message, evidence=f.evidence
        )
        for application in applications
        for f in compute_findings(application, vocabularies=vocabularies, profile_uses=uses)
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


def compute_findings(
    application: Application,
    *,
    vocabularies: dict[str, dict[str, list[str]]],
    profile_uses: dict[str, list[tuple[int, ProfileUse]]] | None = None,
) -> list[Finding]:
    """Every flag of one application; ``profile_uses`` (from ``profile_uses``) for the shared-profile one."""
    ad = application.job_ad
    portfolio = application.portfolio_review.portfolio_score()
    others = [
        use
        for candidate_id, use in (profile_uses or {}).get(application.github_username.lower(), [])
        if candidate_id != application.candidate_id
    ]
    findings = [
        no_portfolio_flag(application.github_username),
        resume_unreadable_flag(application.resume_unreadable_reason),
        copied_repository_flag(portfolio.copies if portfolio else []),
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


def _save(*, ad: JobAd, payload: ApplicationIn, resume: ResumeUpload, stored_name: str) -> Application:
    with transaction.atomic():
        candidate = _candidate_for(payload)
        review = PortfolioReview.objects.create(
            github_username=payload.github_username,
            status=PortfolioReview.Status.PENDING
            if payload.github_username
            else PortfolioReview.Status.SKIPPED,
        )
        desired = payload.desired_salary()
        application = Application.objects.create(
            candidate=candidate,
            job_ad=ad,
            portfolio_review=review,
            submission_token=payload.submission_token,
            current_title=payload.current_title,
            years_experience=payload.years_experience,
            skills=payload.skills,
            github_username=payload.github_username,
            other_links=payload.other_links,
            note=payload.note,
            desired_salary=desired.amount,
            desired_currency=desired.currency,
            desired_period=desired.period,
            resume=stored_name,
            resume_name=resume.original_name,
            resume_text=resume.text.text,
            resume_unreadable_reason=resume.text.unreadable_reason,
            consent_at=timezone.now(),
        )
        refresh_flags(application)
        if review.status == PortfolioReview.Status.PENDING:
            enqueue_review_after_commit(review.id)
    return application


def _candidate_for(payload: ApplicationIn) -> Candidate:
    """The person behind this email (any case), updated with what they told us this time."""
    details = {
        "full_name": payload.full_name,
        "phone": payload.phone,
        "location": payload.location,
        "github_username": payload.github_username,
    }
    candidate = Candidate.objects.filter(email__iexact=payload.email_normalized).first()
    if candidate is None:
        return Candidate.objects.create(email=payload.email, **details)
    Candidate.objects.filter(pk=candidate.pk).update(**details, updated_at=timezone.now())
    return candidate


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
