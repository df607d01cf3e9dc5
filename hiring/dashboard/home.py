"""What waits for a staff user on their home page, per ad.

A hiring manager sees, for each ad they triage: applications still to screen, portfolio reviews
finished since their last visit, and the scorecards they owe after a technical discussion. A
recruiter sees their ads' state: drafts not ready to publish, ads closing soon, the funnel.
A fixed number of queries per ad; no candidate is shown to a recruiter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from hiring.dashboard.blind import Identity, row_identity, with_blindness
from hiring.models import Application, HomeVisit, Scorecard
from jobads.models import JobAd, Status

Stage = Application.Stage
NEWEST_SHOWN = 5
CLOSING_SOON = timedelta(days=14)
FIRST_VISIT_LOOKBACK = timedelta(days=7)  # "since your last visit" on a first visit


@dataclass(frozen=True)
class ManagerAd:
    ad: JobAd
    to_screen: int  # applications still at Applied
    newest: list[Identity]  # the newest of them, as the reader may see them (blind review)
    reviews_finished: list[Identity]  # portfolio reviews finished since the last visit
    scorecards_owed: list[Identity]  # after a technical discussion, none submitted by this user

    @property
    def has_work(self) -> bool:
        return bool(self.to_screen or self.reviews_finished or self.scorecards_owed)


@dataclass(frozen=True)
class RecruiterAd:
    ad: JobAd
    problems: list[str]  # why a draft may not be published yet
    by_stage: dict[str, int] = field(default_factory=dict)  # stage label → applications

    @property
    def total(self) -> int:
        return sum(self.by_stage.values())

    @property
    def is_closing_soon(self) -> bool:
        today = timezone.localdate()
        return (
            self.ad.is_published and self.ad.deadline is not None and self.ad.deadline - today <= CLOSING_SOON
        )


def last_visit(user: User, *, now: datetime) -> datetime:
    """When ``user`` last opened home, recording this visit; a week ago on a first visit."""
    previous = HomeVisit.objects.filter(user=user).values_list("seen_at", flat=True).first()
    HomeVisit.objects.update_or_create(user=user, defaults={"seen_at": now})
    return previous or now - FIRST_VISIT_LOOKBACK


def manager_ads(user: User, *, since: datetime) -> list[ManagerAd]:
    """Every live or closed ad ``user`` triages, with what waits there; the busiest first."""
    ads = list(JobAd.objects.triaged_by(user).exclude(status=Status.DRAFT).newest_first())
    applications = with_blindness(
        Application.objects.filter(job_ad__in=ads).select_related("candidate", "job_ad", "portfolio_review")
    )
    applied = dict(
        applications.filter(stage=Stage.APPLIED).order_by().values_list("job_ad").annotate(n=Count("pk"))
    )
    finished = _by_ad(
        applications.filter(portfolio_review__finished_at__gt=since, portfolio_review__status="done")
    )
    submitted = Scorecard.objects.filter(application=OuterRef("pk"), interviewer=user, status="submitted")
    owed = _by_ad(applications.filter(stage__in=Stage.after_discussion()).exclude(Exists(submitted)))
    digests = [
        ManagerAd(
            ad=ad,
            to_screen=applied.get(ad.pk, 0),
            newest=_identities(
                applications.filter(job_ad=ad, stage=Stage.APPLIED).order_by("-created_at")[:NEWEST_SHOWN]
            )
            if applied.get(ad.pk)
            else [],
            reviews_finished=finished.get(ad.pk, []),
            scorecards_owed=owed.get(ad.pk, []),
        )
        for ad in ads
    ]
    return sorted(digests, key=lambda digest: not digest.has_work)


def recruiter_ads(user: User) -> list[RecruiterAd]:
    """The ads a recruiter keeps: drafts and live ones (closed ones are on the ads list)."""
    ads = list(
        JobAd.objects.visible_to(user)
        .exclude(status=Status.CLOSED)
        .newest_first()
        .select_related("role_family")
    )
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Application.objects.filter(job_ad__in=ads)
        .order_by()
        .values_list("job_ad", "stage")
        .annotate(n=Count("pk"))
    )
    for ad_id, stage, n in rows:
        counts.setdefault(ad_id, {})[stage] = n
    return [
        RecruiterAd(
            ad=ad,
            problems=ad.publish_problems() if ad.status == Status.DRAFT else [],
            by_stage={label: counts.get(ad.pk, {}).get(stage, 0) for stage, label in Stage.choices},
        )
        for ad in ads
    ]


def _by_ad(applications: QuerySet[Application]) -> dict[int, list[Identity]]:
    grouped: dict[int, list[Identity]] = {}
    for who in _identities(applications.order_by("-created_at")):
        grouped.setdefault(who.application.job_ad_id, []).append(who)
    return grouped


def _identities(applications: QuerySet[Application]) -> list[Identity]:
    return [row_identity(application) for application in applications]
