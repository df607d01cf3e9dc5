"""Role families and job ads: what an ad says, where it stands, and what it must meet to go live."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from jobads.fields import PlainCharField, PlainTextField, PlainTextListField
from jobads.pay import (
    MAX_PAY_UNITS,
    UNSUPPORTED_CURRENCY,
    Currency,
    PayPeriod,
    format_partial_range,
    format_pay_range,
    has_complete_range,
    is_wide_range,
    pay_range_errors,
)
from jobads.permissions import OWN_ADS, VIEW_ALL_ADS
from jobads.transparency import AdTerms, Check, Jurisdiction, blocking_failures, checklist, wide_range_warning

MIN_RESPONSIBILITIES = 3
TEMPLATE_RESPONSIBILITIES = (
    "The responsibilities are the role family's starting list, word for word. Rewrite them as this "
    "role's own day-to-day duties: specific duties draw candidates who match them."
)
MAX_SEARCH_WORDS = 6
POSITIVE_PAY = "Pay must be a positive whole amount."
PAY_TOO_HIGH = f"Pay must be at most {MAX_PAY_UNITS:,}."
# Who may be named owner of an ad: active users granted "own_jobad" (the hiring managers' group).
OWNER_CHOICES = Q(is_active=True) & (
    Q(groups__permissions__codename="own_jobad", groups__permissions__content_type__app_label="jobads")
    | Q(user_permissions__codename="own_jobad", user_permissions__content_type__app_label="jobads")
)


def _normalized(lines: list[str]) -> list[str]:
    return [" ".join(str(line).split()).lower() for line in lines]


class RoleFamilyQuerySet(models.QuerySet["RoleFamily"]):
    def vocabularies(self) -> dict[str, dict[str, list[str]]]:
        """Family name → its skill vocabulary (term → synonyms)."""
        return {family.name: family.vocabulary() for family in self}


MIN_SCALE_POINTS = 2
MAX_SCALE_POINTS = 7


def default_scorecard_scale() -> list[str]:
    return ["No evidence", "Some evidence", "Solid", "Strong"]


class RoleFamily(models.Model):
    name = PlainCharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, editable=False)
    description = PlainTextField(max_length=2000, blank=True)
    default_responsibilities = PlainTextListField(default=list, blank=True)
    skill_vocabulary = models.JSONField(default=dict, blank=True, help_text="Skill term → its synonyms.")
    scorecard_competencies = models.JSONField(
        default=list,
        blank=True,
        help_text="What interviewers rate after a technical discussion: [{key, label, description}].",
    )
    scorecard_scale = models.JSONField(
        default=default_scorecard_scale,
        help_text="The rating scale's labels, lowest first; a rating is its position (1, 2, …).",
    )

    objects = RoleFamilyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "role families"

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("jobads:family_edit", args=[self.pk])

    def vocabulary(self) -> dict[str, list[str]]:
        """Skill term → synonyms, e.g. {"hypothesis testing": ["A/B testing"]}."""
        return {str(term): [str(s) for s in synonyms] for term, synonyms in self.skill_vocabulary.items()}


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class WorkArrangement(models.TextChoices):
    ON_SITE = "on_site", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class EmploymentType(models.TextChoices):
    """schema.org's employmentType values, which job search engines read."""

    FULL_TIME = "FULL_TIME", "Full-time"
    PART_TIME = "PART_TIME", "Part-time"
    CONTRACTOR = "CONTRACTOR", "Contract"
    TEMPORARY = "TEMPORARY", "Temporary"
    INTERN = "INTERN", "Internship"


class TransitionError(Exception):
    """A status change refused, with every reason in words the recruiter can act on."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class JobAdQuerySet(models.QuerySet["JobAd"]):
    def published(self) -> JobAdQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def public(self) -> JobAdQuerySet:
        """Ads a candidate may open: live ones and closed ones (marked closed); never drafts."""
        return self.exclude(status=Status.DRAFT)

    def visible_to(self, user: User | AnonymousUser) -> JobAdQuerySet:
        """Recruiters see every ad, drafts included; hiring managers the ads they own or review."""
        if user.has_perm(VIEW_ALL_ADS):
            return self.all()
        if user.has_perm(OWN_ADS):
            return self.triaged_by(user)
        return self.none()

    def triaged_by(self, user: User | AnonymousUser) -> JobAdQuerySet:
        """The ads whose candidates ``user`` may see: those they own or review (superusers: all).

        Writing or publishing an ad gives no sight of the people who apply to it.
        """
        if not user.is_active or user.pk is None:
            return self.none()
        if user.is_superuser:
            return self.all()
        reviewed = JobAd.reviewers.through.objects.filter(user_id=user.pk).values("jobad_id")
        return self.filter(Q(owner_id=user.pk) | Q(pk__in=reviewed))  # a subquery: no duplicate rows

    def newest_first(self) -> JobAdQuerySet:
        return self.order_by(F("published_at").desc(nulls_last=True), "-created_at", "-pk")

    def matching(self, text: str) -> JobAdQuerySet:
        """Ads in which every word of ``text`` appears somewhere a candidate would look."""
        ads = self
        for word in text.split()[:MAX_SEARCH_WORDS]:
            ads = ads.filter(
                Q(title__icontains=word)
                | Q(team__icontains=word)
                | Q(summary__icontains=word)
                | Q(location__icontains=word)
                | Q(role_family__name__icontains=word)
                | Q(responsibilities__icontains=word)
                | Q(required_skills__icontains=word)
                | Q(nice_to_have_skills__icontains=word)
            )
        return ads


class JobAd(models.Model):
    title = PlainCharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True, editable=False)
    role_family = models.ForeignKey(
        RoleFamily, on_delete=models.PROTECT, null=True, blank=True, related_name="ads"
    )
    team = PlainCharField(max_length=120, blank=True)
    summary = PlainTextField("introduction", max_length=4000, blank=True)
    location = PlainCharField(max_length=120, blank=True)
    country = CountryField(blank=True, help_text="Where the workplace is (job search engines ask for it).")
    work_arrangement = models.CharField(
        max_length=10, choices=WorkArrangement.choices, default=WorkArrangement.HYBRID
    )
    employment_type = models.CharField(
        max_length=10, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    jurisdictions = models.JSONField("posted for", default=list, blank=True)
    pay_min = models.PositiveIntegerField(
        "minimum pay",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, POSITIVE_PAY), MaxValueValidator(MAX_PAY_UNITS, PAY_TOO_HIGH)],
    )
    pay_max = models.PositiveIntegerField(
        "maximum pay",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, POSITIVE_PAY), MaxValueValidator(MAX_PAY_UNITS, PAY_TOO_HIGH)],
    )
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.USD,
        error_messages={"invalid_choice": UNSUPPORTED_CURRENCY},
    )
    pay_period = models.CharField(max_length=4, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    benefits = PlainTextField("benefits and other compensation", max_length=2000, blank=True)
    responsibilities = PlainTextListField(default=list, blank=True)
    required_skills = PlainTextListField(default=list, blank=True)
    nice_to_have_skills = PlainTextListField("nice-to-have skills", default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_ads",
        limit_choices_to=OWNER_CHOICES,
        help_text="The hiring manager responsible for this role.",
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="reviewed_ads",
        limit_choices_to=OWNER_CHOICES,
        help_text="Other hiring managers who triage this role's candidates with the owner.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateField("application deadline", null=True, blank=True)
    is_ongoing = models.BooleanField("applications are ongoing (no deadline)", default=False)
    is_blind_review = models.BooleanField(
        "blind review",
        default=False,
        help_text=(
            "Hide each candidate's name, email, phone, links, GitHub username and résumé from reviewers "
            "until the candidate passes screening."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Changed only by publish/close/reopen; editable so that revision diffs include them.
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = JobAdQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    if TYPE_CHECKING:
        _history_user: User  # read by django-simple-history: who made the change being saved

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("publish_jobad", "Can publish, close and reopen job ads"),
            ("own_jobad", "Can own job ads and view the ones they own"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True) | Q(pay_max__isnull=True) | Q(pay_min__lte=F("pay_max")),
                name="jobad_pay_min_at_most_max",
                violation_error_message="The maximum pay must be at least the minimum pay.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("jobads:detail", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, list[str]] = {
            field: [message]
            for field, message in pay_range_errors(pay_min=self.pay_min, pay_max=self.pay_max).items()
        }
        unknown = sorted(set(self.jurisdictions) - set(Jurisdiction.values))
        if unknown:
            errors["jurisdictions"] = [f"Unknown jurisdiction: {', '.join(map(str, unknown))}."]
        if not errors and self.status == Status.PUBLISHED and (problems := self.publish_problems()):
            errors["__all__"] = ["A published ad must stay complete.", *problems]
        if errors:
            raise ValidationError(errors)

    @property
    def pay_range_display(self) -> str:
        return format_pay_range(
            pay_min=self.pay_min, pay_max=self.pay_max, currency=self.currency, period=self.pay_period
        )

    @property
    def staff_pay_display(self) -> str:
        """The range as staff see it: a saved minimum without a maximum still shows."""
        partial = format_partial_range(
            pay_min=self.pay_min, pay_max=self.pay_max, currency=self.currency, period=self.pay_period
        )
        return self.pay_range_display or partial

    @property
    def has_wide_range(self) -> bool:
        return is_wide_range(self.pay_min, self.pay_max)

    @property
    def pay_range_warning(self) -> str:
        """Shown to staff, never blocking: the recruiter may have good reasons for a wide range."""
        return wide_range_warning(self.jurisdictions) if self.has_wide_range else ""

    @property
    def uses_template_responsibilities(self) -> bool:
        """The responsibilities are the role family's starting list, word for word."""
        if self.role_family is None or not self.responsibilities:
            return False
        return _normalized(self.responsibilities) == _normalized(self.role_family.default_responsibilities)

    def publish_warnings(self) -> list[str]:
        """What deserves a second look before (or after) publishing, without blocking it."""
        warnings = []
        if self.uses_template_responsibilities:
            warnings.append(TEMPLATE_RESPONSIBILITIES)
        if self.pay_range_warning:
            warnings.append(self.pay_range_warning)
        return warnings

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def accepts_applications(self) -> bool:
        """Live, and its application deadline (if any) has not passed."""
        today = timezone.localdate()
        return self.is_published and (self.deadline is None or self.deadline >= today)

    @property
    def jurisdiction_labels(self) -> list[str]:
        return [Jurisdiction(code).label for code in self.jurisdictions if code in Jurisdiction.values]

    def terms(self) -> AdTerms:
        return AdTerms(
            title=self.title,
            summary=self.summary,
            benefits=self.benefits,
            pay_min=self.pay_min,
            pay_max=self.pay_max,
            deadline=self.deadline,
            is_ongoing=self.is_ongoing,
        )

    def transparency_checklist(self) -> list[Check]:
        return checklist(self.terms(), self.jurisdictions)

    def publish_problems(self) -> list[str]:
        """Why this ad may not be live yet; empty when it may."""
        problems = []
        if self.role_family_id is None:
            problems.append("Choose a role family.")
        if not has_complete_range(self.pay_min, self.pay_max):
            problems.append("Enter a pay range: both a minimum and a maximum.")
        if len(self.responsibilities) < MIN_RESPONSIBILITIES:
            count = len(self.responsibilities)
            problems.append(f"List at least {MIN_RESPONSIBILITIES} responsibilities (this ad has {count}).")
        return problems + blocking_failures(self.terms(), self.jurisdictions)

    def publish(self, *, now: datetime) -> None:
        self._check_transition(Status.DRAFT, "published", self._go_live_problems(now.date()))
        self.status, self.published_at, self.closed_at = Status.PUBLISHED, now, None

    def close(self, *, now: datetime) -> None:
        self._check_transition(Status.PUBLISHED, "closed", [])
        self.status, self.closed_at = Status.CLOSED, now

    def reopen(self, *, now: datetime) -> None:
        self._check_transition(Status.CLOSED, "reopened", self._go_live_problems(now.date()))
        self.status, self.published_at, self.closed_at = Status.PUBLISHED, now, None

    def _go_live_problems(self, today: date) -> list[str]:
        problems = self.publish_problems()
        if self.deadline is not None and self.deadline < today:
            problems.append("The application deadline has passed: move it or clear it.")
        return problems

    def _check_transition(self, required: Status, done: str, problems: list[str]) -> None:
        if self.status != required:
            current = self.get_status_display().lower()
            raise TransitionError(
                [f"Only a {required.label.lower()} ad can be {done}; this one is {current}."]
            )
        if problems:
            raise TransitionError(problems)
