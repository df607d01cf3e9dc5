"""The pipeline board of one ad: filtering, sorting and the rows a hiring manager scans.

The page costs a fixed number of queries whatever the number of applications: the overall score
is a column of the application (indexed with its ad, best first), the sub-scores come out of the
review's JSON in SQL for the page's rows only (never the whole report), flags are prefetched for
the page only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce

from hiring.dashboard.blind import Identity, masked_draft, row_identity, with_blindness
from hiring.dashboard.portfolio import ScoreSummary
from hiring.flags.rules import FlagKind
from hiring.models import SCORE_SORT_KEY, Application, Candidate, Flag
from hiring.pipeline.stages import EmailDraft, email_draft
from jobads.models import JobAd
from portfolios.scoring import read_subscores

Stage = Application.Stage
PAGE_SIZE = 50
STAGE_ORDER = list(Stage.values)
SORT_COLUMNS = {
    "name": "candidate__full_name",
    "pseudonym": "id",  # the name column on a blind ad: pseudonyms come from the id
    "stage": "stage_rank",
    "score": "overall_score",
    "salary": "desired_salary",
    "applied": "created_at",
    "flags": "flag_count",
    "fit": "is_mismatch",
}
DEFAULT_SORT = "-applied"
FIT_CHOICES = [("fits", "Fits the ad"), ("mismatch", "Role mismatch")]
BOARD_FIELDS = (
    "id", "stage", "created_at", "github_username", "current_title", "years_experience",
    "desired_salary", "desired_currency", "desired_period", "job_ad_id", "overall_score",
    "other_links", "candidate__id", "candidate__full_name", "candidate__email", "candidate__phone",
    "portfolio_review__id", "portfolio_review__status", "portfolio_review__reason",
    "portfolio_review__repos_done", "portfolio_review__repos_total", "portfolio_review__restarted_at",
)  # fmt: skip


@dataclass(frozen=True)
class BoardFilters:
    search: str = ""
    stage: str = ""
    flag: str = ""
    score_min: int | None = None
    score_max: int | None = None
    fit: str = ""
    sort: str = DEFAULT_SORT


def annotated(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Score, sub-scores, role fit, stage rank and flag count as columns, for sorting and filtering."""
    flag_count = (
        Flag.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return filter_columns(applications).annotate(
        subscores=KeyTransform("subscores", "portfolio_review__score"),
        stage_rank=Case(
            *(When(stage=s, then=Value(i)) for i, s in enumerate(STAGE_ORDER)), output_field=IntegerField()
        ),
        flag_count=Coalesce(Subquery(flag_count, output_field=IntegerField()), 0),
    )


def filter_columns(applications: QuerySet[Application]) -> QuerySet[Application]:
    """The column ``filtered`` reads beside the application's own (role fit), and no join: what
    counting needs. The score is the application's ``overall_score``, indexed for the sort."""
    mismatch = Flag.objects.filter(application=OuterRef("pk"), kind=FlagKind.TITLE_MISMATCH)
    return applications.annotate(is_mismatch=Exists(mismatch))


def board_count(ad: JobAd, filters: BoardFilters) -> int:
    """How many applications match, counted without the page's joins and columns (the page's own
    query, counted, joined every review: 25 ms of a 10,000-application board on PostgreSQL)."""
    return filtered(
        with_blindness(filter_columns(Application.objects.filter(job_ad=ad)), ad), filters
    ).count()


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told its count (``board_count``) instead of counting its own query."""

    def __init__(self, object_list: QuerySet[Application], per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def board_applications(ad: JobAd, filters: BoardFilters) -> QuerySet[Application]:
    """The board's rows: ``matching``, with what a row shows (its candidate, review and flags)."""
    flags = Flag.objects.only("id", "application_id", "kind", "severity", "message", "evidence").order_by(
        "kind"
    )
    return (
        matching(ad, filters)
        .select_related("candidate", "portfolio_review")
        .only(*BOARD_FIELDS)
        .prefetch_related(Prefetch("flags", queryset=flags))
    )


def matching(ad: JobAd, filters: BoardFilters) -> QuerySet[Application]:
    """The ad's applications that match the filters, in the chosen order, with the board's columns
    (``annotated``) and ``blinded``: the board and the CSV export start here."""
    applications = filtered(with_blindness(annotated(Application.objects.filter(job_ad=ad)), ad), filters)
    sort = filters.sort
    if ad.is_blind_review and sort.removeprefix("-") == "name":
        sort = sort.replace("name", "pseudonym")  # alphabetical order by hidden names would leak them
    return applications.order_by(*ordering(sort))


def filtered(applications: QuerySet[Application], filters: BoardFilters) -> QuerySet[Application]:
    """``applications`` carry the ``blinded`` column: a blinded row never matches a search by identity."""
    if filters.search:
        text = filters.search
        # The people first, by name or email, then their applications: on PostgreSQL each part
        # is served by its trigram index (migration 0018), which an OR across the join cannot be.
        people = Candidate.objects.filter(Q(full_name__icontains=text) | Q(email__icontains=text))
        applications = applications.filter(
            Q(blinded=False) & (Q(candidate__in=people.values("pk")) | Q(github_username__icontains=text))
        )
    if filters.stage:
        applications = applications.filter(stage=filters.stage)
    if filters.flag:
        applications = applications.filter(
            Exists(Flag.objects.filter(application=OuterRef("pk"), kind=filters.flag))
        )
    if filters.score_min is not None:
        applications = applications.filter(overall_score__gte=filters.score_min)
    if filters.score_max is not None:
        applications = applications.filter(overall_score__lte=filters.score_max)
    if filters.fit:  # a column made by ``filter_columns``, so passed by name
        applications = applications.filter(**{"is_mismatch": filters.fit == "mismatch"})
    return applications


def ordering(sort: str) -> tuple[OrderBy, str]:
    """``score`` ascending, ``-score`` descending (unscored last either way); newest first by default."""
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    if key not in SORT_COLUMNS:
        key, descending = "applied", True
    if key == "score" and descending:
        return SCORE_SORT_KEY.desc(), "-pk"  # unscored last, served by the (ad, best score) index
    column = F(SORT_COLUMNS[key])
    nulls_last = True if key == "score" else None  # elsewhere: the index's own order, so it serves the sort
    return (column.desc(nulls_last=nulls_last) if descending else column.asc(nulls_last=nulls_last)), "-pk"


def stage_counts(ad: JobAd) -> list[tuple[str, str, int]]:
    """(stage, label, applications at it) for every stage, in pipeline order: one query."""
    counts = dict(
        Application.objects.filter(job_ad=ad).order_by().values_list("stage").annotate(n=Count("pk"))
    )
    return [(stage, label, counts.get(stage, 0)) for stage, label in Stage.choices]


FITS = "Fits the ad"


def role_fit(application: Application) -> str:
    """ "Fits the ad", or the family the profile leans to (from the role-mismatch flag's evidence)."""
    for flag in application.flags.all():
        if flag.kind == FlagKind.TITLE_MISMATCH:
            return leaning(flag.evidence)
    return FITS


def leaning(evidence: dict[str, Any] | None) -> str:
    """What a role-mismatch flag's evidence says the profile leans to."""
    return leans_to((evidence or {}).get("profile_family"))


def leans_to(family: str | None) -> str:
    """The rules always record the profile's family; without it the mismatch alone is said."""
    return f"Leans {family}" if family else "Role mismatch"


def board_summary(application: Application) -> ScoreSummary:
    """The score of a row from ``annotated``: only the overall and the sub-scores were fetched."""
    return ScoreSummary(
        overall=application.overall_score,
        subscores=read_subscores(getattr(application, "subscores", None)),
    )


BULK_PREVIEWS = 3  # emails shown in full before a bulk move sends them


@dataclass(frozen=True)
class EmailPreview:
    who: Identity
    draft: EmailDraft


@dataclass(frozen=True)
class BulkEmailPreview:
    moving: int  # applications that will change stage
    previews: list[EmailPreview]  # the first few emails, as the reviewer may read them
    more: int  # further emails not shown
    to_label: str
    blinded: bool  # some previews show pseudonyms


def bulk_email_preview(applications: QuerySet[Application], *, ad: JobAd, to: str) -> BulkEmailPreview:
    """What a bulk move with emails would send, shown before anything is sent."""
    moving = [a for a in with_blindness(applications, ad) if a.stage != to]
    previews = []
    for application in moving[:BULK_PREVIEWS]:
        who = row_identity(application)
        draft = masked_draft(email_draft(application, to), who)
        if draft is not None:
            previews.append(EmailPreview(who=who, draft=draft))
    return BulkEmailPreview(
        moving=len(moving),
        previews=previews,
        more=max(0, len(moving) - len(previews)) if previews else 0,
        to_label=Stage(to).label,
        blinded=any(preview.who.is_blinded for preview in previews),
    )


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    query: str  # the board's query string with this column's next sort
    state: str  # aria-sort: ascending, descending or none


COLUMNS = (
    ("name", "Candidate"),
    ("stage", "Stage"),
    ("flags", "Flags"),
    ("score", "Portfolio"),
    ("salary", "Desired pay"),
    ("fit", "Role fit"),
    ("applied", "Applied"),
)
DESCENDING_FIRST = {"score", "applied", "flags"}


def sort_links(current: str, base_query: str) -> list[SortLink]:
    """A header link per column: a second click on the sorted column reverses it."""
    links = []
    for key, label in COLUMNS:
        state = {key: "ascending", f"-{key}": "descending"}.get(current, "none")
        if state == "none":
            following = f"-{key}" if key in DESCENDING_FIRST else key
        else:
            following = key if state == "descending" else f"-{key}"
        query = f"{base_query}&sort={following}" if base_query else f"sort={following}"
        links.append(SortLink(key=key, label=label, query=query, state=state))
    return links
