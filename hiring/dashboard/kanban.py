"""An ad's pipeline as columns, one per stage: the cards a hiring manager drags from stage to stage.

The columns take the board's filters (all but the stage, which the columns are) and its order. Each
column shows its first ``CARDS_PER_COLUMN`` cards and says how many more there are, so an ad of
10,000 applications stays one screen; "Show more" fetches the column's next cards. The rejected and
withdrawn columns, where most applications end, are counted and show their cards on demand. A page
costs the same few queries whatever the number of applications: the counts per stage, the first
cards' ids (a row number per stage in SQL), those cards, their flags.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from hiring.dashboard.blind import Identity, masked_flags, row_identity, with_blindness
from hiring.dashboard.board import (
    BoardFilters,
    board_applications,
    board_summary,
    filter_columns,
    filtered,
    ordering,
)
from hiring.dashboard.portfolio import ScoreSummary
from hiring.models import Application, Flag
from jobads.models import JobAd

Stage = Application.Stage
CARDS_PER_COLUMN = 12
# Where most applications end up and few are looked at again: counted, their cards shown on demand.
COLLAPSED = (Stage.REJECTED, Stage.WITHDRAWN)
# The orders a column may take (a subset of the board's sorts), the first one the default.
CARD_ORDERS = [("-applied", "Newest first"), ("-score", "Best score first"), ("applied", "Oldest first")]


@dataclass(frozen=True)
class Card:
    application: Application
    who: Identity
    flags: list[Flag]
    summary: ScoreSummary


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    count: int  # applications at this stage that match the filters
    cards: list[Card]
    next_page: int | None  # the page "Show more" asks for; None when every card is shown
    shown: int  # cards up to and including this page

    @property
    def remaining(self) -> int:
        return self.count - self.shown

    @property
    def next_count(self) -> int:
        """How many cards "Show more" adds."""
        return min(self.remaining, CARDS_PER_COLUMN)


def card_order(sort: str) -> str:
    """The board's sort if a column can take it, else newest first."""
    return sort if sort in dict(CARD_ORDERS) else CARD_ORDERS[0][0]


def columns(ad: JobAd, filters: BoardFilters) -> list[Column]:
    """Every stage's column, in pipeline order: the first page of cards of each open one."""
    counts = _counts(ad, filters)
    sort_keys = ordering(card_order(filters.sort))
    # The first cards' ids, numbered within their stage over the narrow rows of the ad only, then
    # the cards by id: a window over the joined rows sorted all of them (70 ms at 10,000 on PostgreSQL).
    first_ids = list(
        _matching(ad, filters)
        .exclude(stage__in=COLLAPSED)
        .annotate(position=Window(RowNumber(), partition_by=F("stage"), order_by=list(sort_keys)))
        .filter(position__lte=CARDS_PER_COLUMN)
        .values_list("pk", flat=True)
    )
    by_stage: dict[str, list[Card]] = {}
    first_cards = (
        board_applications(ad, _without_stage(filters)).filter(pk__in=first_ids).order_by(*sort_keys)
    )
    for application in first_cards:
        by_stage.setdefault(application.stage, []).append(_card(application))
    return [
        _column(
            stage, label, counts.get(stage, 0), by_stage.get(stage, []), page=0 if stage in COLLAPSED else 1
        )
        for stage, label in Stage.choices
    ]


def column_page(ad: JobAd, filters: BoardFilters, stage: str, page: int) -> Column:
    """One column's cards on ``page`` (1 is the first ``CARDS_PER_COLUMN``): what "Show more" adds."""
    at_stage = replace(filters, stage=stage, sort=card_order(filters.sort))
    start = (page - 1) * CARDS_PER_COLUMN
    cards = [_card(a) for a in board_applications(ad, at_stage)[start : start + CARDS_PER_COLUMN]]
    return _column(stage, Stage(stage).label, _counts(ad, filters).get(stage, 0), cards, page=page)


def _counts(ad: JobAd, filters: BoardFilters) -> dict[str, int]:
    """Applications matching the filters at each stage: one grouped query."""
    return dict(_matching(ad, filters).order_by().values_list("stage").annotate(n=Count("pk")))


def _matching(ad: JobAd, filters: BoardFilters) -> QuerySet[Application]:
    """The ad's applications matching the filters (the stage aside), without the cards' joins."""
    return filtered(
        with_blindness(filter_columns(Application.objects.filter(job_ad=ad)), ad), _without_stage(filters)
    )


def _without_stage(filters: BoardFilters) -> BoardFilters:
    return replace(filters, stage="")


def _card(application: Application) -> Card:
    who = row_identity(application)
    return Card(
        application=application,
        who=who,
        flags=masked_flags(application.flags.all(), who),
        summary=board_summary(application),
    )


def _column(stage: str, label: str, count: int, cards: list[Card], *, page: int) -> Column:
    """``page`` 0: a collapsed column, no card shown until asked for."""
    shown = min(count, max(page - 1, 0) * CARDS_PER_COLUMN + len(cards))
    return Column(
        stage=stage,
        label=label,
        count=count,
        cards=cards,
        next_page=page + 1 if shown < count else None,
        shown=shown,
    )
