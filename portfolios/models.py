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
MAX_ATTEMPTS = 5  # a review that took its worker down this often is not tried again unasked
WORKER_LOST_REASON = "The review stopped its worker several times; retry it, or ask an administrator."


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

    def restart_abandoned(self, held: dict[uuid.UUID, uuid.UUID | None], *, now: datetime) -> int:
        """Hand back to pending the running reviews whose job no live worker runs (``held``: review
        id -> the claim the dead job had), unless a new job has claimed one since; a review whose
        worker died ``MAX_ATTEMPTS`` times fails instead, with the reason, for a person to retry."""
        restarted = 0
        for review_id, claim in held.items():
            mine = self.filter(pk=review_id, status__in=RUNNING, claim=claim)
            if mine.filter(attempts__gte=MAX_ATTEMPTS).update(
                status="failed",
                reason_code="worker_lost",
                reason=WORKER_LOST_REASON,
                claim=None,
                finished_at=now,
                updated_at=now,
            ):
                continue
            restarted += mine.update(status="pending", claim=None, restarted_at=now, updated_at=now)
        return restarted

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
    named_repositories = models.JSONField(
        default=list, blank=True, help_text='Up to three "owner/name" the candidate asked to be read first.'
    )
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
    restarted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the review last went back to the queue because its worker died.",
    )
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


REFRESH_EVERY = timedelta(days=7)  # tutorials and our repositories change slowly
RETRY_FAILED_AFTER = timedelta(days=1)


class KnownRepositoryQuerySet(models.QuerySet["KnownRepository"]):
    def due_for_refresh(self, *, now: datetime) -> KnownRepositoryQuerySet:
        """Never tried, read over a week ago, or failed over a day ago."""
        return self.filter(
            models.Q(attempted_at__isnull=True)
            | models.Q(problem="", refreshed_at__lt=now - REFRESH_EVERY)
            | (~models.Q(problem="") & models.Q(attempted_at__lt=now - RETRY_FAILED_AFTER))
        )


class KnownRepository(models.Model):
    """Code candidates must not pass off as their own: one of ours, or a tutorial or course.

    Each is cloned through the same GitHub module and safe clone as a candidate's, analyzed in
    the isolated child and fingerprinted into the copy index; ``under`` limits it to a folder
    (scikit-learn's ``examples/``).
    """

    class Kind(models.TextChoices):
        OURS = "ours", "Our repository"
        TUTORIAL = "tutorial", "Tutorial or course"

    full_name = models.CharField(max_length=200, unique=True, help_text="owner/name on GitHub")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OURS)
    under = models.CharField(
        max_length=200, blank=True, help_text="Only this folder of it, e.g. examples/ (empty: all of it)."
    )
    clone_url = models.CharField(max_length=500)
    provenance = models.JSONField(null=True, blank=True, help_text="Root commits and file fingerprints.")
    refreshed_at = models.DateTimeField(null=True, blank=True, help_text="Last read successfully.")
    attempted_at = models.DateTimeField(null=True, blank=True, help_text="Last tried to read.")
    problem = models.CharField(
        max_length=300, blank=True, help_text="Why the last refresh failed, if it did."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = KnownRepositoryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "full_name"]
        verbose_name_plural = "known repositories"

    def __str__(self) -> str:
        return f"{self.full_name}/{self.under}" if self.under else self.full_name

    @property
    def label(self) -> str:
        """How pages name it: "scikit-learn/scikit-learn (examples/)"."""
        return f"{self.full_name} ({self.under})" if self.under else self.full_name


class AnalyzedFileQuerySet(models.QuerySet["AnalyzedFile"]):
    def unused(self) -> AnalyzedFileQuerySet:
        """Facts no indexed repository holds any more (its analyses were erased or refreshed)."""
        return self.filter(sources__isnull=True)


class AnalyzedFile(models.Model):
    """The analysis cache: one file content's facts (`FileFacts`), shared by every repository and
    candidate holding the same git blob, so a tutorial cloned by fifty candidates is parsed once.

    Kept while a repository in the copy index holds the file: erasing the last one removes it."""

    key = models.CharField(max_length=80, help_text="The git blob id and the file's variant: <blob>:python.")
    version = models.CharField(max_length=40, help_text="The facts' schema and the limits that shaped them.")
    facts = models.TextField(help_text="FileFacts as JSON, without the text.")
    text = models.TextField(blank=True, help_text="The code the side-by-side view shows (within its cap).")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnalyzedFileQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="analyzed_file_key_version")]

    def __str__(self) -> str:
        return self.key


class CodeSource(models.Model):
    """One repository at one commit in the copy index: one of ours, a tutorial, or a candidate's."""

    class Kind(models.TextChoices):
        OURS = "ours", "Our repository"
        TUTORIAL = "tutorial", "Tutorial or course"
        CANDIDATE = "candidate", "Another applicant's repository"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    full_name = models.CharField(max_length=200)
    head_sha = models.CharField(max_length=64, blank=True)
    owner = models.CharField(max_length=100, db_index=True, help_text="GitHub owner, lower case.")
    known = models.OneToOneField(
        KnownRepository, null=True, blank=True, on_delete=models.CASCADE, related_name="code_source"
    )
    analysis = models.OneToOneField(
        RepoAnalysis, null=True, blank=True, on_delete=models.CASCADE, related_name="code_source"
    )
    statements = models.PositiveIntegerField(default=0)
    text_truncated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    analyzed_files = models.ManyToManyField(
        AnalyzedFile, blank=True, related_name="sources", help_text="The cached facts of its code files."
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name}@{self.head_sha[:10]} ({self.kind})"


class CodeFile(models.Model):
    """One fingerprinted file of a source; its text (within a cap) serves the side-by-side view."""

    source = models.ForeignKey(CodeSource, on_delete=models.CASCADE, related_name="files")
    path = models.CharField(max_length=500)
    kind = models.CharField(max_length=10)  # python | notebook
    statements = models.PositiveIntegerField()
    distinct_fingerprints = models.PositiveIntegerField()
    text = models.TextField(blank=True, help_text="Empty when over the stored-text cap.")
    cells = models.JSONField(default=list, blank=True, help_text="A notebook's [first line, cell number].")

    class Meta:
        ordering = ["source", "path"]

    def __str__(self) -> str:
        return self.path


class Fingerprint(models.Model):
    """A winnowed k-gram of statement shapes: looked up by hash, so a search costs per fingerprint."""

    hash = models.BigIntegerField(db_index=True)
    file = models.ForeignKey(CodeFile, on_delete=models.CASCADE, related_name="fingerprints")
    first_line = models.PositiveIntegerField()
    last_line = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.hash:x} at lines {self.first_line}-{self.last_line}"


class CodeMatch(models.Model):
    """A candidate's repository near-copies another one of the index; written by the review."""

    source = models.ForeignKey(CodeSource, on_delete=models.CASCADE, related_name="matches")
    other = models.ForeignKey(CodeSource, on_delete=models.CASCADE, related_name="matched_by")
    share = models.FloatField(help_text="Share of the source's statements that repeat the other.")
    files = models.JSONField(help_text="FileMatch list: both sides' paths and lines.")
    found_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-share", "pk"]
        constraints = [models.UniqueConstraint(fields=["source", "other"], name="one_match_per_pair")]

    def __str__(self) -> str:
        return f"{self.source} repeats {self.other} ({self.share:.0%})"


class PackageRelease(models.Model):
    """The newest release of a package on the package index, as last asked (one row per package):
    asked at most once a day, however many reviews pin it."""

    name = models.CharField(max_length=200, primary_key=True, help_text="Normalized: scikit-learn.")
    newest = models.CharField(max_length=60, blank=True, help_text="Empty: the index does not know it.")
    checked_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.name} {self.newest or '(unknown)'}"
