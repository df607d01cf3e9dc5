"""A portfolio review: one candidate's GitHub username on its way to a scored, explained report.

The row is the source of truth for the queue: its status says what is left to do, so nothing is
lost when Redis is down or a worker dies (``reconcile_reviews`` re-enqueues from here).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models

from portfolios.scoring import PortfolioScore, read_score

RUNNING = ("fetching", "cloning", "analyzing")


class ReviewQuerySet(models.QuerySet["PortfolioReview"]):
    def needing_enqueue(self, *, now: datetime, stuck_after: timedelta) -> ReviewQuerySet:
        """Pending reviews that may start now, and running ones whose worker went silent."""
        due = models.Q(not_before__isnull=True) | models.Q(not_before__lte=now)
        return self.filter((models.Q(status="pending") & due) | self._stale(now, stuck_after))

    def claim(
        self, review_id: uuid.UUID, *, job_id: str, now: datetime, stuck_after: timedelta
    ) -> uuid.UUID | None:
        """Atomically take the review for this job; the claim token, or None when another job holds it.

        Claimable: pending, stale (its worker died), or running under this very job id (RQ retrying
        it after a crash). Later writes are conditional on the token, so a worker that lost its
        claim can never overwrite the new owner's results.
        """
        claimable = (
            models.Q(status="pending")
            | self._stale(now, stuck_after)
            | models.Q(status__in=RUNNING, job_id=job_id)
        )
        token = uuid.uuid4()
        taken = self.filter(claimable, pk=review_id).update(
            status="fetching",
            claim=token,
            job_id=job_id,
            attempts=models.F("attempts") + 1,
            started_at=now,
            updated_at=now,
        )
        return token if taken else None

    def _stale(self, now: datetime, stuck_after: timedelta) -> models.Q:
        return models.Q(status__in=RUNNING, updated_at__lt=now - stuck_after)


class PortfolioReview(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        FETCHING = "fetching", "Listing repositories"
        CLONING = "cloning", "Downloading repositories"
        ANALYZING = "analyzing", "Reading the code"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "No public portfolio"

        @property
        def is_final(self) -> bool:
            return self in (self.DONE, self.FAILED, self.SKIPPED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    github_username = models.CharField(max_length=39, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reason_code = models.CharField(
        max_length=40, blank=True, help_text="Stable code, e.g. github_user_not_found."
    )
    reason = models.CharField(
        max_length=300, blank=True, help_text="For people: why it failed or was skipped."
    )
    detail = models.TextField(blank=True, help_text="For staff: the technical detail.")
    repos_total = models.PositiveSmallIntegerField(default=0)
    repos_done = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    api_calls = models.PositiveIntegerField(default=0)
    score = models.JSONField(null=True, blank=True, help_text="PortfolioScore as JSON, once done.")
    claim = models.UUIDField(null=True, blank=True, editable=False, help_text="The running job's token.")
    job_id = models.CharField(max_length=120, blank=True, editable=False)
    not_before = models.DateTimeField(null=True, blank=True, help_text="Rate-limited: wait until then.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"review of {self.github_username or '(no username)'}: {self.status}"

    @property
    def status_enum(self) -> Status:
        return self.Status(self.status)

    def portfolio_score(self) -> PortfolioScore | None:
        """The stored score as its pydantic model: pages, prompts and flags read this, never the JSON."""
        return read_score(self.score)


class RepoAnalysis(models.Model):
    """The analyzer's report for one repository at one commit: reviews share it (the cache)."""

    full_name = models.CharField(max_length=200)
    head_sha = models.CharField(max_length=64)
    report = models.JSONField(help_text="RepoReport as JSON.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["full_name", "head_sha"], name="one_analysis_per_commit")
        ]

    def __str__(self) -> str:
        return f"{self.full_name}@{self.head_sha[:10]}"


class KnownRepository(models.Model):
    """One of our own repositories: a candidate's copy of it is caught even when not marked a fork."""

    full_name = models.CharField(max_length=200, unique=True, help_text="owner/name on GitHub")
    clone_url = models.CharField(max_length=500)
    provenance = models.JSONField(null=True, blank=True, help_text="Root commits and file fingerprints.")
    refreshed_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(
        max_length=300, blank=True, help_text="Why the last refresh failed, if it did."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "known repositories"

    def __str__(self) -> str:
        return self.full_name
