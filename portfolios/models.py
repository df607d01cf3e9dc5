"""A portfolio review: one candidate's GitHub username on its way to a scored, explained report.

The row is the source of truth for the queue: its status says what is left to do, so nothing is
lost when Redis is down or a worker dies (``reconcile_reviews`` re-enqueues from here).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models


class ReviewQuerySet(models.QuerySet["PortfolioReview"]):
    def needing_enqueue(self, *, now: datetime, stuck_after: timedelta) -> ReviewQuerySet:
        """Pending reviews, and running ones not touched for ``stuck_after`` (their worker died)."""
        running = [status for status in PortfolioReview.Status if status.is_running]
        return self.filter(
            models.Q(status=PortfolioReview.Status.PENDING)
            | models.Q(status__in=running, updated_at__lt=now - stuck_after)
        )


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
        def is_running(self) -> bool:
            return self in (self.FETCHING, self.CLONING, self.ANALYZING)

        @property
        def is_final(self) -> bool:
            return self in (self.DONE, self.FAILED, self.SKIPPED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    github_username = models.CharField(max_length=39, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    failure_reason = models.CharField(max_length=300, blank=True, help_text="For people: what went wrong.")
    failure_detail = models.TextField(blank=True, help_text="For staff: the technical detail.")
    repos_total = models.PositiveSmallIntegerField(default=0)
    repos_done = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    api_calls = models.PositiveIntegerField(default=0)
    score = models.JSONField(null=True, blank=True, help_text="PortfolioScore as JSON, once done.")
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

    @property
    def progress_percent(self) -> int:
        if not self.repos_total:
            return 0
        return round(100 * self.repos_done / self.repos_total)
