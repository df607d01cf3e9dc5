"""The board as CSV for a spreadsheet: one row per application, in the words of the screen.

Headers, stages, flags and review states read as on the board ("Technical discussion", "Salary
above range"), times to the minute in the site's time zone, role fit as the board says it.
Streams: rows come from the database in chunks of plain values (the columns the board's filters
and sort use, the overall score and sub-scores copied onto the application and read out in SQL,
the flags aggregated in SQL, the id and, on PostgreSQL, the time already as text), and each chunk
is written as one piece, so memory stays flat whatever the size
and the first byte (the header) leaves before the first query runs. Every text cell a
spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe
(RELIABILITY F8). A row under blind review carries the pseudonym and blank email and GitHub
columns (``hiring.dashboard.blind``).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Iterator
from datetime import tzinfo
from itertools import islice
from typing import Any

from django.db.models import Aggregate, CharField, F, Func, OuterRef, QuerySet, Subquery, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify

from hiring.dashboard.blind import pseudonym_for
from hiring.dashboard.board import FITS, leans_to
from hiring.flags.rules import FlagKind
from hiring.models import Application, Flag
from portfolios.models import PortfolioReview
from portfolios.scoring import SUBSCORE_LABELS

CHUNK_ROWS = 2000
UUID_HEX = 32
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "Application", "Name", "Email", "GitHub", "Stage", "Applied", "Desired minimum", "Currency", "Per",
    "Flags", "Portfolio review", "Overall score", *SUBSCORE_LABELS.values(), "Role fit",
]  # fmt: skip
COLUMNS = (
    "reference", "blinded", "candidate__full_name", "candidate__email", "github_username", "stage", "applied",
    "desired_salary", "desired_currency", "desired_period", "portfolio_review__status", "overall_score",
)  # fmt: skip
SUBSCORE_COLUMNS = tuple(f"subscore_{key}" for key in SUBSCORE_LABELS)
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
            reference=Cast("pk", CharField()),  # text from the database: no UUID object per row
            applied=LocalMinute("created_at", timezone.get_current_timezone_name()),
            # Each sub-score as a plain value read out of the JSON in SQL, not a dict decoded per row.
            **{f"subscore_{key}": KeyTextTransform(key, "subscore_values") for key in SUBSCORE_LABELS},
            flags_text=Subquery(flags.values("application").annotate(text=FlagsText()).values("text")),
        )
        .values_list(*COLUMNS, "flags_text", *SUBSCORE_COLUMNS)
        .iterator(chunk_size=CHUNK_ROWS)
    )
    while chunk := list(islice(values, CHUNK_ROWS)):
        yield _written(_row(row, zone) for row in chunk)


def _row(values: tuple[Any, ...], zone: tzinfo) -> list[Any]:
    (reference, blinded, name, email, github, stage, applied, salary, currency, period, status, overall,
     flags, *scores) = values  # fmt: skip
    if len(reference) == UUID_HEX:  # SQLite keeps a UUID as 32 hex digits; PostgreSQL writes it dashed
        reference = str(uuid.UUID(reference))
    if blinded:
        name, email, github = pseudonym_for(uuid.UUID(reference)), "", ""
    if not isinstance(applied, str):  # SQLite: the time itself (``LocalMinute``)
        applied = applied.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    kinds, mismatch, family = (flags or "").partition("|")
    found = sorted(kinds.split(",")) if kinds else []  # the board's order: by kind
    return [
        reference, safe_cell(name), safe_cell(email), safe_cell(github), STAGES.get(stage, stage), applied,
        salary, currency, period, "; ".join([FLAG_LABELS.get(kind, kind) for kind in found]),
        REVIEW_STATES.get(status, status), overall,
        *[None if score == "null" else score for score in scores],  # SQLite's ->> writes a JSON null so
        leans_to(family or None) if mismatch else FITS,
    ]  # fmt: skip


class FlagsText(Aggregate):
    """An application's flags as one text: their kinds, comma-separated (no kind holds a comma),
    then, for a role mismatch, "|" and the family the profile leans to (what the Role fit column
    says), so each row carries its flags in one subquery. STRING_AGG on PostgreSQL, GROUP_CONCAT
    on SQLite."""

    output_field = CharField()
    family = f"MAX(CASE WHEN kind = '{FlagKind.TITLE_MISMATCH.value}' THEN COALESCE({{family}}, '') END)"
    template = (
        "GROUP_CONCAT(%(expressions)s, ',') || COALESCE('|' || "
        + family.format(family="json_extract(evidence, '$.profile_family')")
        + ", '')"
    )

    def __init__(self) -> None:
        super().__init__(F("kind"))  # the evidence is named in the template, within the flags' subquery

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        family = self.family.format(family="evidence ->> 'profile_family'")
        template = f"STRING_AGG(%(expressions)s, ',') || COALESCE('|' || {family}, '')"
        return self.as_sql(compiler, connection, template=template)


class LocalMinute(Func):
    """A time as "YYYY-MM-DD HH:MM" in the zone named, written by PostgreSQL; SQLite, which knows no
    zone names, returns the time itself for Python to write (``_row``)."""

    output_field = CharField()

    def __init__(self, column: str, zone: str) -> None:
        super().__init__(F(column), Value(zone))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "to_char(%(expressions)s, 'YYYY-MM-DD HH24:MI')"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" AT TIME ZONE ")

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return compiler.compile(self.source_expressions[0])


def _written(rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
