"""The board as CSV for a spreadsheet: one row per application, in the words of the screen.

Headers, stages, flags and review states read as on the board ("Technical discussion", "Salary
above range"), times to the minute in the site's time zone, role fit as the board says it.
Streams: rows come from the database in chunks of plain values (the columns the board's filters
and sort use, the overall score and sub-scores copied onto the application), with one query of
flags per chunk, and each chunk is written as one piece, so memory stays flat whatever the size
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

from django.db.models import QuerySet
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
    values = applications.values_list(*COLUMNS).iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(islice(values, CHUNK_ROWS)):
        flags = _flags_of([row[0] for row in chunk])
        yield _written(_row(row, flags.get(row[0], ([], FITS)), zone) for row in chunk)


def _row(values: tuple[Any, ...], flags: tuple[list[str], str], zone: tzinfo) -> list[Any]:
    pk, blinded, name, email, github, stage, created, salary, currency, period, status, overall, scores = (
        values
    )
    labels, fit = flags
    if blinded:
        name, email, github = pseudonym_for(pk), "", ""
    return [
        pk, safe_cell(name), safe_cell(email), safe_cell(github), STAGES.get(stage, stage),
        created.astimezone(zone).strftime("%Y-%m-%d %H:%M"), salary, currency, period, "; ".join(labels),
        REVIEW_STATES.get(status, status), "" if overall is None else overall,
        *(_blank_if_none((scores or {}).get(key)) for key in SUBSCORE_LABELS), fit,
    ]  # fmt: skip


def _flags_of(ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[list[str], str]]:
    """Per application: its flags' labels in the board's order, and its role fit as the board says it."""
    found: dict[uuid.UUID, tuple[list[str], str]] = {}
    rows = (
        Flag.objects.filter(application_id__in=ids)
        .order_by("application_id", "kind")
        .values_list("application_id", "kind", KeyTextTransform("profile_family", "evidence"))
    )  # the one key of the evidence the export shows, as text: no flag's JSON is decoded
    for application_id, kind, family in rows:
        labels = found.setdefault(application_id, ([], FITS))[0]
        labels.append(FLAG_LABELS.get(kind, kind))
        if kind == FlagKind.TITLE_MISMATCH:
            found[application_id] = (labels, leans_to(family))
    return found


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
