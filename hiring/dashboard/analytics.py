"""An ad's applicant pool in numbers: pay asked against the posted range, role fit, portfolio scores,
the funnel and the time spent in each stage.

Every figure is an aggregate computed by the database: a fixed number of queries whatever the
number of applications, and no Python loop over applications.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round, RowNumber

from core.text import and_list, count
from hiring.flags.rules import FlagKind
from hiring.intake.salary import HOURS_PER_YEAR
from hiring.models import Application, Flag, StageChange
from jobads.models import JobAd
from jobads.pay import format_amount

Stage = Application.Stage
PIPELINE = Stage.pipeline()
OTHER_CURRENCY = -1  # salary bucket of an application in another currency than the ad's
NOT_SCORED = -1  # score bucket of an application without an overall portfolio score
SCORE_BUCKETS = 10  # 0 to 9, 10 to 19, ... 90 to 100
HIGHER_RANGE_EVIDENCE = 0.25  # a quarter of the pool asking for more is worth raising with management
UNCLEAR_AD_SHARE = 0.25
NO_APPLICATIONS = "No applications yet."


@dataclass(frozen=True)
class Bucket:
    label: str
    count: int
    is_above_range: bool = False


@dataclass(frozen=True)
class SalaryDistribution:
    """Desired minimums in the ad's currency and period, against its posted range."""

    total: int
    comparable: int  # in the ad's currency (hourly and yearly converted)
    other_currency: int
    above_max: int
    posted_max: str  # e.g. "$175,000", empty when the ad has no complete range
    period: str
    buckets: tuple[Bucket, ...]

    @property
    def share_above(self) -> float:
        return self.above_max / self.comparable if self.comparable else 0.0

    def sentence(self) -> str:
        if not self.total:
            return NO_APPLICATIONS
        if not self.posted_max:
            return "The ad has no complete posted range, so desired pay cannot be compared with it."
        apart = (
            f" {count(self.other_currency, 'more applicant')} asked in another currency and "
            f"{'is' if self.other_currency == 1 else 'are'} counted apart (no exchange rate is guessed)."
            if self.other_currency
            else ""
        )
        if not self.comparable:
            return f"No applicant asked in the ad's currency.{apart}"
        maximum = f"{self.posted_max}{' per hour' if self.period == 'hour' else ''}"
        if not self.above_max:
            return f"No applicant asks for more than the posted maximum of {maximum}.{apart}"
        evidence = (
            " — evidence for asking for a higher range" if self.share_above >= HIGHER_RANGE_EVIDENCE else ""
        )
        return (
            f"{self.above_max} of {count(self.comparable, 'applicant')} ({self.share_above:.0%}) "
            f"ask for more than the posted maximum of {maximum}{evidence}.{apart}"
        )


@dataclass(frozen=True)
class RoleFit:
    total: int
    mismatched: int

    @property
    def share(self) -> float:
        return self.mismatched / self.total if self.total else 0.0

    def sentence(self) -> str:
        if not self.total:
            return NO_APPLICATIONS
        unclear = " — a sign the ad may be unclear about the role" if self.share >= UNCLEAR_AD_SHARE else ""
        return (
            f"{self.mismatched} of {count(self.total, 'applicant')} ({self.share:.0%}) describe a "
            f"different role than the ad's{unclear}."
        )


@dataclass(frozen=True)
class ScoreDistribution:
    buckets: tuple[Bucket, ...]  # 0 to 9 ... 90 to 100
    not_scored: int  # no portfolio, review not finished or failed, or no overall score

    @property
    def scored(self) -> int:
        return sum(b.count for b in self.buckets)

    def sentence(self) -> str:
        if not self.scored + self.not_scored:
            return NO_APPLICATIONS
        apart = (
            f"{self.not_scored} without a score (no portfolio, or its review is not finished) "
            "are counted apart."
        )
        if not self.scored:
            return f"No portfolio has a score yet; {apart}"
        most = max(bucket.count for bucket in self.buckets)
        common = [bucket.label for bucket in self.buckets if bucket.count == most]
        bands = (
            f"the most common band is {common[0]}"
            if len(common) == 1
            else f"the most common bands are {and_list(common)} ({most} each)"
        )
        return (
            f"{count(self.scored, 'portfolio')} {'has' if self.scored == 1 else 'have'} a score out of 100; "
            f"{bands}. {apart}"
        )


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    now_at: int  # applications currently at this stage
    reached: int  # applications that reached this stage or a later one


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    moves: int  # how many times an application left this stage
    mean: timedelta
    median: timedelta

    @property
    def mean_words(self) -> str:
        return duration(self.mean)

    @property
    def median_words(self) -> str:
        return duration(self.median)


@dataclass(frozen=True)
class AdAnalytics:
    total: int
    salary: SalaryDistribution
    role_fit: RoleFit
    scores: ScoreDistribution
    funnel: tuple[FunnelStep, ...]
    closed: dict[str, int]  # rejected and withdrawn: out of the funnel
    stage_times: tuple[StageTime, ...]


def ad_analytics(ad: JobAd) -> AdAnalytics:
    """Everything the analytics page shows, in seven queries."""
    applications = Application.objects.filter(job_ad=ad).order_by()
    salary = salary_distribution(ad, applications)
    now_at = dict(applications.values_list("stage").annotate(n=Count("pk")))
    return AdAnalytics(
        total=salary.total,
        salary=salary,
        role_fit=role_fit(applications),
        scores=score_distribution(applications),
        funnel=funnel(applications, now_at),
        closed={label: now_at.get(stage, 0) for stage, label in Stage.choices if stage not in PIPELINE},
        stage_times=stage_times(ad),
    )


def salary_distribution(ad: JobAd, applications: QuerySet[Application]) -> SalaryDistribution:
    edges = _range_edges(ad)
    bucket = Case(
        When(~Q(desired_currency=ad.currency), then=Value(OTHER_CURRENCY)),
        *(
            When(Q(amount__lt=edge) if i == 0 else Q(amount__lte=edge), then=Value(i))
            for i, edge in enumerate(edges)
        ),
        default=Value(len(edges)),
        output_field=IntegerField(),
    )
    counts: dict[int, int] = dict(
        applications.annotate(amount=_in_ad_period(ad), bucket=bucket)
        .values_list("bucket")
        .annotate(n=Count("pk"))
    )
    first_above = len(edges) - 2  # edges: [min, (mid,) max, max +10%, max +25%]
    buckets = tuple(
        Bucket(label=label, count=counts.get(i, 0), is_above_range=i >= first_above)
        for i, label in enumerate(_range_labels(edges, ad.currency))
    )
    total = sum(counts.values())
    other = counts.get(OTHER_CURRENCY, 0)
    return SalaryDistribution(
        total=total,
        comparable=total - other,
        other_currency=other,
        above_max=sum(b.count for b in buckets if b.is_above_range),
        posted_max=format_amount(ad.pay_max, ad.currency) if edges and ad.pay_max else "",
        period=ad.pay_period,
        buckets=buckets,
    )


def _range_edges(ad: JobAd) -> list[float]:
    """Below the minimum, inside the range (halved when wide enough), then 10% and 25% above it."""
    if ad.pay_min is None or ad.pay_max is None or ad.pay_min > ad.pay_max:
        return []
    inside = [(ad.pay_min + ad.pay_max) / 2] if ad.pay_max - ad.pay_min > 1 else []
    return [ad.pay_min, *inside, ad.pay_max, ad.pay_max * 1.10, ad.pay_max * 1.25]


def _range_labels(edges: list[float], currency: str) -> list[str]:
    if not edges:
        return []
    money = [format_amount(round(edge), currency) for edge in edges]
    inside = (
        [f"{money[0]} to {money[1]}", f"{money[1]} to {money[2]}"]
        if len(edges) == 5
        else [f"{money[0]} to {money[1]} (the range)"]
    )
    return [
        f"Below {money[0]} (the minimum)",
        *inside,
        "Up to 10% above the maximum",
        "10% to 25% above the maximum",
        "More than 25% above the maximum",
    ]


def _in_ad_period(ad: JobAd) -> Combinable:
    """The desired amount in the ad's period (hourly x 2,080 = yearly), rounded as the salary flag does."""
    salary = Cast("desired_salary", FloatField())
    factor = HOURS_PER_YEAR if ad.pay_period == "year" else 1 / HOURS_PER_YEAR
    return Case(
        When(desired_period=ad.pay_period, then=salary),
        default=Round(ExpressionWrapper(salary * Value(factor), output_field=FloatField())),
        output_field=FloatField(),
    )


def role_fit(applications: QuerySet[Application]) -> RoleFit:
    mismatch = Flag.objects.filter(application=OuterRef("pk"), kind=FlagKind.TITLE_MISMATCH)
    counts = applications.aggregate(total=Count("pk"), mismatched=Count("pk", filter=Q(Exists(mismatch))))
    return RoleFit(total=counts["total"], mismatched=counts["mismatched"])


def score_distribution(applications: QuerySet[Application]) -> ScoreDistribution:
    bucket = Case(
        When(Q(overall_score__isnull=True) | ~Q(portfolio_review__status="done"), then=Value(NOT_SCORED)),
        default=Least(Greatest(F("overall_score") / 10, Value(0)), Value(SCORE_BUCKETS - 1)),
        output_field=IntegerField(),
    )
    counts: dict[int, int] = dict(
        applications.annotate(bucket=bucket).values_list("bucket").annotate(n=Count("pk"))
    )
    buckets = tuple(
        Bucket(label=f"{i * 10} to {i * 10 + (10 if i == SCORE_BUCKETS - 1 else 9)}", count=counts.get(i, 0))
        for i in range(SCORE_BUCKETS)
    )
    return ScoreDistribution(buckets=buckets, not_scored=counts.get(NOT_SCORED, 0))


def _rank(field: str) -> Case:
    """A stage's place in the pipeline; 0 for rejected and withdrawn (they moved no further)."""
    return Case(
        *(When(**{field: stage}, then=Value(i)) for i, stage in enumerate(PIPELINE)),
        default=Value(0),
        output_field=IntegerField(),
    )


def funnel(applications: QuerySet[Application], now_at: dict[str, int]) -> tuple[FunnelStep, ...]:
    """Reached = the furthest pipeline stage in the current stage or any move to or from it."""
    furthest_move = (
        StageChange.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(m=Max(Greatest(_rank("from_stage"), _rank("to_stage"))))
        .values("m")
    )
    furthest = Greatest(_rank("stage"), Coalesce(Subquery(furthest_move, output_field=IntegerField()), 0))
    by_rank: dict[int, int] = dict(
        applications.annotate(furthest=furthest).values_list("furthest").annotate(n=Count("pk"))
    )
    return tuple(
        FunnelStep(
            stage=stage,
            label=stage.label,
            now_at=now_at.get(stage, 0),
            reached=sum(n for rank, n in by_rank.items() if rank >= i),
        )
        for i, stage in enumerate(PIPELINE)
    )


def stage_times(ad: JobAd) -> tuple[StageTime, ...]:
    """How long applications stayed in a stage before each move out of it (mean and median).

    A stage is entered at the previous move of the same application, or when it applied.
    """
    previous = (
        StageChange.objects.filter(application=OuterRef("application"))
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    spent = ExpressionWrapper(
        F("created_at") - Coalesce(Subquery(previous), F("application__created_at")),
        output_field=DurationField(),
    )
    moves = StageChange.objects.filter(application__job_ad=ad).order_by().annotate(spent=spent)
    summary = moves.values("from_stage").annotate(moves=Count("pk"), mean=Avg("spent"))
    medians = _medians(moves)
    labels = dict(Stage.choices)
    rows = {row["from_stage"]: row for row in summary}
    return tuple(
        StageTime(
            stage=stage,
            label=labels[stage],
            moves=rows[stage]["moves"],
            mean=rows[stage]["mean"],
            median=medians.get(stage, rows[stage]["mean"]),
        )
        for stage in Stage.values
        if stage in rows
    )


def _medians(moves: QuerySet[StageChange]) -> dict[str, timedelta]:
    """The middle one or two durations per stage, picked by the database with window functions."""
    ranked = moves.annotate(
        position=Window(
            RowNumber(), partition_by=F("from_stage"), order_by=[F("spent").asc(), F("pk").asc()]
        ),
        size=Window(Count("pk"), partition_by=F("from_stage")),
    )
    middle = ranked.filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
    found: dict[str, list[Any]] = {}
    for stage, spent in middle.values_list("from_stage", "spent"):  # at most two rows per stage
        found.setdefault(stage, []).append(spent)
    return {stage: sum(values, timedelta()) / len(values) for stage, values in found.items()}


def funnel_sentence(total: int, steps: tuple[FunnelStep, ...], closed: dict[str, int]) -> str:
    if not total:
        return NO_APPLICATIONS
    reached = [
        f"{step.reached} ({step.reached / total:.0%}) "
        + ("were hired" if step.stage == Stage.HIRED else f"got at least to {step.label.lower()}")
        for step in steps[1:]
    ]
    out = ", ".join(f"{n} {label.lower()}" for label, n in closed.items())
    return f"Of {count(total, 'applicant')}, {', '.join(reached)}. Out of the pipeline: {out}."


def stage_time_sentence(times: tuple[StageTime, ...]) -> str:
    if not times:
        return "No application has moved between stages yet, so there is no time in stage to show."
    busiest = max(times, key=lambda time: time.moves)
    return (
        f"Half of the moves out of {busiest.label.lower()} came within {duration(busiest.median)} "
        f"(average {duration(busiest.mean)}, {count(busiest.moves, 'move')})."
    )


def duration(span: timedelta) -> str:
    """Plain words that read after "within": "a minute", "12 minutes", "5 hours", "3.5 days"."""
    return duration_in_units(span)[0]


def duration_in_units(span: timedelta) -> tuple[str, float]:
    """The words, and the span rounded to the unit the words use (in seconds): a chart drawn
    from the rounded value never shows two spans that read the same as two different bars."""
    seconds = span.total_seconds()
    if seconds < 90:
        return "a minute", 60.0
    if seconds < 3600:
        minutes = round(seconds / 60)
        return count(minutes, "minute"), minutes * 60.0
    if seconds < 48 * 3600:
        hours = round(seconds / 3600)
        return ("an hour" if hours == 1 else count(hours, "hour")), hours * 3600.0
    days = round(seconds / 86400, 1)
    return f"{days:.1f} days", days * 86400
