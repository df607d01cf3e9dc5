"""The board as CSV: one row per application with flag kind codes and scores, formula-safe.

Streams in chunks so 10,000 rows never sit in memory; every text cell that a spreadsheet would
read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (RELIABILITY F8). A row
under blind review carries the pseudonym and blank email and GitHub columns (``hiring.blind``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify

from hiring.blind import row_identity
from hiring.board import board_summary, role_fit
from hiring.models import Application
from portfolios.scoring import SUBSCORE_KEYS

CHUNK_ROWS = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "application_id", "name", "email", "github_username", "stage", "applied_at",
    "desired_salary", "desired_currency", "desired_period", "flag_kinds",
    "review_status", "overall_score", *(f"score_{key}" for key in SUBSCORE_KEYS), "role_fit",
]  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_filename(ad: Any) -> str:
    return f"pipeline-{slugify(ad.title)[:60] or 'ad'}-{ad.pk}.csv"


def csv_rows(applications: QuerySet[Application]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    for application in applications.iterator(chunk_size=CHUNK_ROWS):
        yield writer.writerow([safe_cell(value) for value in row(application)])


def row(application: Application) -> list[Any]:
    """``application`` comes from ``board_applications``: a blinded one shows its pseudonym only."""
    who = row_identity(application)
    summary = board_summary(application)
    subscores = {s.key: s.score for s in summary.subscores}
    return [
        application.pk,
        who.name,
        who.email,
        who.github_username,
        application.stage,
        application.created_at.isoformat(),
        application.desired_salary,
        application.desired_currency,
        application.desired_period,
        ";".join(flag.kind for flag in application.flags.all()),
        application.portfolio_review.status,
        _blank_if_none(summary.overall),
        *(_blank_if_none(subscores.get(key)) for key in SUBSCORE_KEYS),
        role_fit(application),
    ]


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _blank_if_none(value: Any) -> Any:
    return "" if value is None else value
