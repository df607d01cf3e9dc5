"""An application comes in: candidate, application, flags and a pending portfolio review saved in
one transaction, the résumé file removed if that transaction fails, the review and the reading of
the résumé's text enqueued only after commit (the request never parses the file). The intake form
and the demo's candidates come this way; ``demo.bulk`` writes synthetic rows for scale directly.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from hiring.flags.refresh import refresh_flags
from hiring.intake.payload import ApplicationIn
from hiring.models import Application, Candidate
from hiring.tasks import enqueue_resume_reading_after_commit
from jobads.models import JobAd
from portfolios.jobs import enqueue_review_after_commit
from portfolios.models import PortfolioReview

logger = logging.getLogger(__name__)
SUBMIT_ATTEMPTS = 2  # a concurrent first application by the same email wins the race once


@dataclass(frozen=True)
class ResumeUpload:
    data: bytes
    kind: str  # "pdf" or "docx", from the content
    original_name: str


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


def _save(*, ad: JobAd, payload: ApplicationIn, resume: ResumeUpload, stored_name: str) -> Application:
    with transaction.atomic():
        candidate = _candidate_for(payload)
        review = PortfolioReview.objects.create(
            github_username=payload.github_username,
            named_repositories=payload.projects,
            status=PortfolioReview.Status.PENDING
            if payload.github_username or payload.projects
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
            consent_at=timezone.now(),
        )
        refresh_flags(application)  # again once the résumé's text is read
        enqueue_resume_reading_after_commit(application.pk)
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
    for name, value in details.items():
        setattr(candidate, name, value)  # the returned row says what was saved: emails greet the new name
    candidate.save(update_fields=[*details, "updated_at"])
    return candidate
