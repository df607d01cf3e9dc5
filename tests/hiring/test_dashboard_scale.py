"""The board at scale: a constant number of queries at 100 and 1,000 applications, built quickly
by ``hiring.demo.bulk.create_applications`` (the builder seed_demo and the benchmark use)."""

from __future__ import annotations

import csv
import io
import time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hiring.dashboard.board import BoardFilters, board_applications, board_summary, role_fit
from hiring.demo.bulk import create_applications
from hiring.models import Application, Flag
from portfolios.models import PortfolioReview

pytestmark = pytest.mark.django_db


def board_queries(client, ad, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/staff/pipelines/{ad.pk}/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_board_costs_the_same_queries_at_100_and_1000_applications(
    client, manager, live_ad, private_storage
):
    client.force_login(manager)
    create_applications(live_ad, 100, seed=1)
    at_100, _ = board_queries(client, live_ad)
    at_100_sorted, _ = board_queries(client, live_ad, sort="-score", flag="salary_above_range", q="a")

    create_applications(live_ad, 900, seed=2)
    at_1000, page = board_queries(client, live_ad)
    at_1000_sorted, _ = board_queries(client, live_ad, sort="-score", flag="salary_above_range", q="a")

    assert at_100 == at_1000 <= 12
    assert at_100_sorted == at_1000_sorted
    assert "page 1 of 20" in page


def test_bulk_applications_are_realistic_reviews_flags_and_stages(live_ad, private_storage):
    started = time.perf_counter()

    assert create_applications(live_ad, 500, seed=3) == 500

    assert time.perf_counter() - started < 10
    statuses = set(PortfolioReview.objects.values_list("status", flat=True))
    assert {"done", "pending", "failed", "skipped"} <= statuses
    assert Flag.objects.filter(kind="salary_above_range").exists()
    assert Flag.objects.filter(kind="title_mismatch").exists()
    assert Application.objects.exclude(stage="applied").exists()
    assert Application.objects.dates("created_at", "day").count() > 10


def test_the_board_sorts_by_score_with_unscored_applications_last(client, manager, live_ad, private_storage):
    client.force_login(manager)
    create_applications(live_ad, 60, seed=4)

    response = client.get(f"/staff/pipelines/{live_ad.pk}/", {"sort": "-score"})

    scores = [a.overall_score for a in response.context["page"]]
    scored = [s for s in scores if s is not None]
    assert scored == sorted(scored, reverse=True)
    assert scores[: len(scored)] == scored


def test_the_csv_export_says_what_the_board_says_for_every_row_in_the_same_order(
    client, manager, live_ad, private_storage
):
    """The export reads plain values and SQL aggregates; the board reads its objects: they agree."""
    client.force_login(manager)
    create_applications(live_ad, 120, seed=5)  # flags of every kind, mismatches, unscored reviews
    filters = {"sort": "-score"}

    response = client.get(f"/staff/pipelines/{live_ad.pk}/export.csv", filters)
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    board = list(board_applications(live_ad, BoardFilters(sort="-score")))
    assert [row["Application"] for row in rows] == [str(application.pk) for application in board]
    for row, application in zip(rows, board, strict=True):
        summary = board_summary(application)
        assert row["Flags"] == "; ".join(flag.get_kind_display() for flag in application.flags.all())
        assert row["Role fit"] == role_fit(application)
        assert row["Overall score"] == ("" if summary.overall is None else str(summary.overall))
        subscores = {s.label: s.score for s in summary.subscores}
        for label, score in subscores.items():
            assert row[label] == ("" if score is None else str(score)), label
    assert any(row["Role fit"].startswith("Leans") for row in rows)
    assert any(";" in row["Flags"] for row in rows)


def test_the_csv_writes_each_time_in_the_sites_zone_to_the_minute(client, manager, live_ad, private_storage):
    """PostgreSQL writes the time itself (to_char … AT TIME ZONE); SQLite leaves it to Python: the same."""
    client.force_login(manager)
    create_applications(live_ad, 30, seed=6)
    berlin = ZoneInfo("Europe/Berlin")

    with timezone.override(berlin):
        response = client.get(f"/staff/pipelines/{live_ad.pk}/export.csv")
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    created = dict(Application.objects.values_list("pk", "created_at"))
    assert {row["Application"]: row["Applied"] for row in rows} == {
        str(pk): moment.astimezone(berlin).strftime("%Y-%m-%d %H:%M") for pk, moment in created.items()
    }
