"""Candidates, their applications to job ads, the flags raised on each, and the reviewers' record:
stage changes, notes with their revisions, stage emails and the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.safestring import SafeString

from hiring.dashboard.markup import render_markdown
from hiring.flags.rules import Finding, FlagKind, Severity
from hiring.intake.salary import DesiredSalary
from jobads.models import MAX_SCALE_POINTS, JobAd
from portfolios.models import PortfolioReview

STATUS_LINK_SALT = "hiring.application.status"
# The board's "best score first" order, unscored last, as an expression an index can serve on
# PostgreSQL and SQLite alike (SQLite refuses NULLS LAST in an index).
SCORE_SORT_KEY = Coalesce(F("overall_score"), Value(-1))
NOTE_EDIT_GRACE = timedelta(seconds=1)  # created_at and updated_at differ by microseconds on create


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


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user: User | AnonymousUser) -> ApplicationQuerySet:
        """Applications to the ads ``user`` triages (``JobAd.objects.triaged_by``): 404 for the rest."""
        return self.filter(job_ad__in=JobAd.objects.triaged_by(user))


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

        # The groupings every rule reads (pipeline, blind review, status page, home, analytics).
        @classmethod
        def pipeline(cls) -> tuple[Application.Stage, ...]:
            """The way forward, in order; rejected and withdrawn leave it."""
            return (cls.APPLIED, cls.SCREENING, cls.TECHNICAL, cls.FINAL, cls.OFFER, cls.HIRED)

        @classmethod
        def in_review(cls) -> tuple[Application.Stage, ...]:
            return (cls.SCREENING, cls.TECHNICAL, cls.FINAL, cls.OFFER)

        @classmethod
        def closed(cls) -> tuple[Application.Stage, ...]:
            """The process is over for the candidate."""
            return (cls.HIRED, cls.REJECTED, cls.WITHDRAWN)

        @classmethod
        def passed_screening(cls) -> tuple[Application.Stage, ...]:
            """Reached the technical discussion or beyond (blind review ends here)."""
            return (cls.TECHNICAL, cls.FINAL, cls.OFFER, cls.HIRED)

        @classmethod
        def after_discussion(cls) -> tuple[Application.Stage, ...]:
            """Where the interviewers owe their scorecards."""
            return (cls.TECHNICAL, cls.FINAL)

        @classmethod
        def decisions(cls) -> tuple[Application.Stage, ...]:
            return (cls.OFFER, cls.HIRED, cls.REJECTED, cls.WITHDRAWN)

        @classmethod
        def need_a_reason(cls) -> tuple[Application.Stage, ...]:
            """Rejecting, or recording a withdrawal, keeps the reason on record."""
            return (cls.REJECTED, cls.WITHDRAWN)

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
    overall_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The portfolio review's overall score, copied when it finishes: the board sorts by it.",
    )
    subscore_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text='Sub-scores by key ({"testing": 70, ...}), copied with the overall: the export reads it.',
    )
    resume_read = models.BooleanField(
        default=False, help_text="Whether the worker has read the résumé's text (or found it unreadable)."
    )

    consent_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("download_resume", "Can download résumés"),
            ("view_ad_analytics", "Can read ads' applicant analytics (aggregates, no names)"),
        ]
        indexes = [
            models.Index(fields=["job_ad", "stage"], name="application_ad_stage"),
            models.Index(fields=["job_ad", "-created_at"], name="application_ad_newest"),
            models.Index(  # the board sorted by score: best first, unscored (-1) last
                F("job_ad"), SCORE_SORT_KEY.desc(), F("id").desc(), name="application_ad_best"
            ),
            models.Index(Lower("github_username"), name="application_github_login"),  # shared profiles
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "job_ad"], name="one_application_per_candidate_and_ad"
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


MESSAGE_LENGTH = 500  # a flag's sentence


class Flag(models.Model):
    """A reason for a person to look closer; never a verdict."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=32, choices=FlagKind.choices, db_index=True)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    message = models.CharField(max_length=MESSAGE_LENGTH)
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "kind"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="one_flag_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"

    @classmethod
    def from_finding(cls, application: Application, finding: Finding) -> Flag:
        """The row (not saved yet) that stores what a flag rule found.

        A sentence longer than the column (names of long repositories, say) is cut at a word and
        ends in "…": the evidence keeps everything, and a flag is never lost to its length."""
        limit, message = MESSAGE_LENGTH, finding.message
        if len(message) > limit:
            message = message[: limit - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"
        return cls(
            application=application,
            kind=finding.kind,
            severity=finding.severity,
            message=message,
            evidence=finding.evidence,
        )


class StageChange(models.Model):
    """A move of an application from one stage to another: who, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=12, choices=Application.Stage.choices)
    to_stage = models.CharField(max_length=12, choices=Application.Stage.choices)
    reason = models.TextField(max_length=2000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_candidate = models.BooleanField(
        default=False, help_text="Moved by the candidate from their status link."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["application", "created_at"], name="stagechange_app_time")]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"

    @property
    def mover(self) -> str:
        """Who made the move, as a page names them (a deleted account leaves ``by`` empty)."""
        if self.by_candidate:
            return "the candidate"
        if self.by is None:
            return "a former team member"
        return self.by.get_full_name() or self.by.get_username()


class NoteQuerySet(models.QuerySet["Note"]):
    def visible_to(self, user: User | AnonymousUser) -> NoteQuerySet:
        """A private note is its author's own: nobody else reads it, administrators included."""
        return self.filter(models.Q(is_private=False) | models.Q(author_id=user.pk))


class Note(models.Model):
    """A meeting summary or decision on an application, in markdown; every version is kept."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=20_000)
    is_private = models.BooleanField(default=False, help_text="Only its author can read it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["application", "created_at"], name="note_app_time")]

    def __str__(self) -> str:
        return f"note by {self.author} on {self.created_at:%Y-%m-%d}"

    @property
    def html(self) -> SafeString:
        return render_markdown(self.body)

    @property
    def is_edited(self) -> bool:
        return self.updated_at - self.created_at > NOTE_EDIT_GRACE


class NoteRevision(models.Model):
    """One saved version of a note (the first is the original)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=20_000)
    is_private = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"revision of {self.note_id} at {self.created_at:%Y-%m-%d %H:%M}"


class CandidateEmail(models.Model):
    """A mail to a candidate written (or edited) by staff, sent by the worker; the row is the outbox."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="emails")
    template = models.CharField(max_length=20)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=10_000)
    calendar = models.TextField(blank=True, help_text="An iCalendar invitation sent as its attachment.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"


class AuditEvent(models.Model):
    """Who did or tried what to which application. Kept when the application is erased."""

    class Kind(models.TextChoices):
        RESUME_DOWNLOAD = "resume_download", "Résumé downloaded"
        STAGE_CHANGE = "stage_change", "Stage changed"
        ACCESS_DENIED = "access_denied", "Access denied"
        ERASED = "erased", "Application erased"
        ERASURE_REQUESTED = "erasure_requested", "Erasure asked for by the candidate"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True, help_text="Kept if the account is deleted.")
    application_id = models.UUIDField(null=True, blank=True, db_index=True)
    path = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.actor_name or 'someone'}"


class Scorecard(models.Model):
    """One interviewer's ratings of an application after a technical discussion.

    A submitted scorecard is never changed: a correction is the next revision (``dashboard.scorecards``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "interviewer", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "interviewer", "revision"], name="one_scorecard_per_revision"
            ),
            models.UniqueConstraint(
                fields=["application", "interviewer"],
                condition=models.Q(status="draft"),
                name="one_draft_scorecard_per_interviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"scorecard by {self.interviewer} (revision {self.revision}, {self.get_status_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ScorecardRating(models.Model):
    """One competency rated on a scorecard; the label is kept as it read when rated."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    competency_key = models.CharField(max_length=40)
    competency_label = models.CharField(max_length=300)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Position on the family's scale, 1 = lowest."
    )
    score_label = models.CharField(max_length=80, blank=True, help_text="The scale's label when rated.")
    reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["scorecard", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "competency_key"], name="one_rating_per_competency"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=MAX_SCALE_POINTS),
                name="rating_score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_label}: {self.score_label or 'not rated'}"


class HomeVisit(models.Model):
    """When a staff user last opened their home page: "new since your last visit" counts from it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} last home visit {self.seen_at:%Y-%m-%d %H:%M}"


class ErasureRequest(models.Model):
    """A candidate asked, from their status link, for their application to be erased.

    A recruiter confirms it (``hiring.privacy.requests``); the erasure deletes this row with the
    application, and the audit log keeps that it was asked and done, naming nobody."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="erasure_request")
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        permissions = [("confirm_erasure", "Can confirm candidates' erasure requests")]

    def __str__(self) -> str:
        return f"Erasure asked for {self.application_id} on {self.requested_at:%Y-%m-%d}"


class DailyDigest(models.Model):
    """A staff member's choice of a daily email of what is new (``hiring.dashboard.digest``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    enabled = models.BooleanField(default=False)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="The last digest; the next tells what came since."
    )

    def __str__(self) -> str:
        return f"daily digest for {self.user} ({'on' if self.enabled else 'off'})"


class EmailTemplateQuerySet(models.QuerySet["EmailTemplate"]):
    def for_stage(self, stage: str, ad: JobAd | None) -> EmailTemplateQuerySet:
        """The texts that apply to a move to ``stage`` on ``ad``: the ad's own first, then the general one."""
        applies = models.Q(job_ad__isnull=True) | (
            models.Q(job_ad=ad) if ad is not None else models.Q(pk__in=[])
        )
        return self.filter(applies, stage=stage).order_by(models.F("job_ad").asc(nulls_last=True))


class EmailTemplate(models.Model):
    """A recruiter's text for the email a move to ``stage`` offers, for every ad or for one
    (``hiring.pipeline.emails`` fills its placeholders and falls back to the built-in text)."""

    stage = models.CharField(max_length=12, choices=Application.Stage.choices)
    job_ad = models.ForeignKey(JobAd, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=10_000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmailTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "job_ad_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage"], condition=models.Q(job_ad__isnull=True), name="one_general_email_per_stage"
            ),
            models.UniqueConstraint(
                fields=["stage", "job_ad"],
                condition=models.Q(job_ad__isnull=False),
                name="one_email_per_stage_and_ad",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} email" + (f" for ad {self.job_ad_id}" if self.job_ad_id else "")


class InterviewSlot(models.Model):
    """A time an interviewer offers for the technical discussion; the candidate books one from their
    status link (``hiring.pipeline.interviews``). Times are stored in UTC and stated in ``time_zone``."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interview_slots")
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=45)
    time_zone = models.CharField(
        max_length=64, help_text="The IANA zone the time is stated in, e.g. Europe/Berlin."
    )
    where = models.CharField(max_length=300, blank=True, help_text="A video link or a room.")
    booked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveSmallIntegerField(
        default=0, help_text="iCalendar SEQUENCE: each change sends a higher one."
    )
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the panel was reminded of scorecards."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(booked_at__isnull=False, cancelled_at__isnull=True),
                name="one_booked_interview_per_application",
            ),
        ]

    def __str__(self) -> str:
        return f"interview slot {self.starts_at:%Y-%m-%d %H:%M} UTC for {self.application_id}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_booked(self) -> bool:
        return self.booked_at is not None and self.cancelled_at is None
