"""The board as CSV for a spreadsheet: one row per application, in the words of the screen.

Headers, stages, flags and review states read as on the board ("Technical discussion", "Salary
above range"), times to the minute in the site's time zone, role fit as the board says it.
Streams in chunks so 10,000 rows never sit in memory; every text cell that a spreadsheet would
read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (RELIABILITY F8). A row
under blind review carries the pseudonym and blank email and GitHub columns (``hiring.dashboard.blind``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from hiring.dashboard.blind import row_identity
from hiring.dashboard.board import board_summary, role_fit
from hiring.models import Application
from portfolios.scoring import SUBSCORE_LABELS

CHUNK_ROWS = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "Application", "Name", "Email", "GitHub", "Stage", "Applied", "Desired minimum", "Currency", "Per",
    "Flags", "Portfolio review", "Overall score", *SUBSCORE_LABELS.values(), "Role fit",
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
        application.get_stage_display(),
        timezone.localtime(application.created_at).strftime("%Y-%m-%d %H:%M"),
        application.desired_salary,
        application.desired_currency,
        application.desired_period,
        "; ".join(flag.get_kind_display() for flag in application.flags.all()),
        application.portfolio_review.get_status_display(),
        _blank_if_none(summary.overall),
        *(_blank_if_none(subscores.get(key)) for key in SUBSCORE_LABELS),
        role_fit(application),
    ]


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _blank_if_none(value: Any) -> Any:
    return "" if value is None else value
