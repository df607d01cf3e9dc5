"""The board as CSV for a spreadsheet: one row per application, in the words of the screen.

Headers, stages, flags and review states read as on the board ("Technical discussion", "Salary
above range"), times to the minute in the site's time zone, role fit as the board says it.
Streams: rows come from the database in chunks of plain values (the columns the board's filters
and sort use, the overall score and sub-scores copied onto the application, the flags' kinds
aggregated in SQL), and each chunk is written as one piece, so memory stays flat whatever the size
and the first byte (the header) leaves before the first query runs. Every text cell a
spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe
(RELIABILITY F8). A row under blind review carries the pseudonym and blank email and GitHub
columns (``hiring.dashboard.blind``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import tzinfo
from itertools import islice
from typing import Any

from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.text import slugify

from hiring.dashboard.blind import pseudonym_for
from hiring.dashboard.board import FITS, leans_to
from hiring.flags.rules import FlagKind
from hiring.models import Application, Flag
from portfolios.models import PortfolioReview
from portfolios.scoring import SUBSCORE_LABELS

CHUNK_ROWS = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "Application", "Name", "Email", "GitHub", "Stage", "Applied", "Desired minimum", "Currency", "Per",
    "Flags", "Portfolio review", "Overall score", *SUBSCORE_LABELS.values(), "Role fit",
]  # fmt: skip
COLUMNS = (
    "pk", "blinded", "candidate__full_name", "candidate__email", "github_username", "stage", "created_at",
    "desired_salary", "desired_currency", "desired_period", "portfolio_review__status", "overall_score",
    "subscore_values",
)  # fmt: skip
STAGES = dict(Application.Stage.choices)
REVIEW_STATES = dict(PortfolioReview.Status.choices)
FLAG_LABELS = dict(FlagKind.choices)


def csv_filename(ad: Any) -> str:
    return f"pipeline-{slugify(ad.title)[:60] or 'ad'}-{ad.pk}.csv"


def csv_rows(applications: QuerySet[Application]) -> Iterator[str]:
    """``applications`` as ``board.matching`` gives them (filtered, ordered, ``blinded`` annotated)."""
    yield _written([HEADER])
    zone = timezone.get_current_timezone()
    flags = Flag.objects.filter(application=OuterRef("pk")).order_by()
    values = (
        applications.annotate(
            flag_kinds=Subquery(flags.values("application").annotate(kinds=KindList("kind")).values("kinds")),
            leans=Subquery(  # the one key of a mismatch flag's evidence the export shows, as text
                flags.filter(kind=FlagKind.TITLE_MISMATCH).values(
                    family=KeyTextTransform("profile_family", "evidence")
                )[:1]
            ),
        )
        .values_list(*COLUMNS, "flag_kinds", "leans")
        .iterator(chunk_size=CHUNK_ROWS)
    )
    while chunk := list(islice(values, CHUNK_ROWS)):
        yield _written(_row(row, zone) for row in chunk)


def _row(values: tuple[Any, ...], zone: tzinfo) -> list[Any]:
    (pk, blinded, name, email, github, stage, created, salary, currency, period, status, overall, scores,
     kinds, family) = values  # fmt: skip
    if blinded:
        name, email, github = pseudonym_for(pk), "", ""
    found = sorted(kinds.split(",")) if kinds else []  # the board's order: by kind
    return [
        pk, safe_cell(name), safe_cell(email), safe_cell(github), STAGES.get(stage, stage),
        created.astimezone(zone).strftime("%Y-%m-%d %H:%M"), salary, currency, period,
        "; ".join(FLAG_LABELS.get(kind, kind) for kind in found),
        REVIEW_STATES.get(status, status), _blank_if_none(overall),
        *(_blank_if_none((scores or {}).get(key)) for key in SUBSCORE_LABELS),
        leans_to(family) if FlagKind.TITLE_MISMATCH in found else FITS,
    ]  # fmt: skip


class KindList(Aggregate):
    """The kinds of an application's flags, comma-separated (no kind holds a comma): STRING_AGG on
    PostgreSQL, GROUP_CONCAT on SQLite, so each row carries its flags without another query."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')"
        )


def _written(rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _blank_if_none(value: Any) -> Any:
    return "" if value is None else value
