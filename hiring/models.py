"""Candidates, their applications to job ads, and the flags raised on each application."""

from __future__ import annotations

import uuid

from django.core import signing
from django.db import models
from django.db.models.functions import Lower

from hiring.flags import FlagKind, Severity
from hiring.salary import DesiredSalary
from jobads.models import JobAd
from portfolios.models import PortfolioReview

STATUS_LINK_SALT = "hiring.application.status"


class Candidate(models.Model):
    """A person; reused when the same email (any case) applies to another ad."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    location = models.CharField(max_length=200)
    github_username = models.CharField(max_length=39, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="candidate_email_unique_any_case")]

    def __str__(self) -> str:
        return self.full_name


class Application(models.Model):
    """One candidate's application to one ad. The UUID key keeps URLs unguessable."""

    class Stage(models.TextChoices):
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        TECHNICAL = "technical", "Technical discussion"
        FINAL = "final", "Final"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    job_ad = models.ForeignKey(JobAd, on_delete=models.PROTECT, related_name="applications")
    portfolio_review = models.OneToOneField(
        PortfolioReview, on_delete=models.PROTECT, related_name="application"
    )
    submission_token = models.UUIDField(
        unique=True, help_text="From the form: a double submit is one application."
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.APPLIED, db_index=True)

    current_title = models.CharField(max_length=120)
    years_experience = models.PositiveSmallIntegerField()
    skills = models.TextField(max_length=2000, blank=True)
    github_username = models.CharField(max_length=39, blank=True)
    other_links = models.JSONField(default=list, blank=True)
    note = models.TextField(max_length=2000, blank=True)

    desired_salary = models.PositiveIntegerField(help_text="As stated, in the currency and period beside it.")
    desired_currency = models.CharField(max_length=3)
    desired_period = models.CharField(max_length=4)

    resume = models.FileField(upload_to="resumes/%Y/%m/", max_length=200)
    resume_name = models.CharField(
        max_length=255, help_text="The name the candidate's file had; display only."
    )
    resume_text = models.TextField(blank=True)
    resume_unreadable_reason = models.CharField(max_length=200, blank=True)

    consent_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "job_ad"], name="one_application_per_candidate_and_ad"
            ),
            models.UniqueConstraint(
                Lower("github_username"),
                "job_ad",
                condition=~models.Q(github_username=""),
                name="one_application_per_github_user_and_ad",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job_ad}"

    def desired(self) -> DesiredSalary:
        return DesiredSalary(
            amount=self.desired_salary, currency=self.desired_currency, period=self.desired_period
        )

    @property
    def status_token(self) -> str:
        """A signed, unguessable and stable token for the candidate's private status link."""
        return signing.Signer(salt=STATUS_LINK_SALT).sign(str(self.id))

    @classmethod
    def id_from_status_token(cls, token: str) -> uuid.UUID | None:
        try:
            return uuid.UUID(signing.Signer(salt=STATUS_LINK_SALT).unsign(token))
        except (signing.BadSignature, ValueError, TypeError):
            return None


class Flag(models.Model):
    """A reason for a person to look closer; never a verdict."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=32, choices=FlagKind.choices, db_index=True)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    message = models.CharField(max_length=500)
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "kind"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="one_flag_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"
