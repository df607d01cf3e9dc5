"""The reviewer dashboard at scale: seeds 10,000 applications to one ad and prints the board's
server time (median of repeated requests through Django's test client, so no network) next to a
trivial page's time measured in the same run, and the SQL queries each board request makes.

Runs on a throw-away database: SQLite under a temporary directory unless DATABASE_URL is set
(point it at an empty PostgreSQL database to measure that).
Usage: python benchmarks/dashboard.py [--applications N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def median_seconds(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    throwaway_site("dashboard-bench-")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    ad, manager = make_ad()
    from hiring.demo.bulk import create_applications

    started = time.perf_counter()
    create_applications(ad, args.applications, seed=0)
    seeded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk insert

    client = Client()
    client.force_login(manager)
    board = f"/staff/pipelines/{ad.pk}/"
    filtered = f"{board}?sort=-score&flag=salary_above_range&q=a&page=3"
    columns = f"{board}columns/"
    sorted_columns = f"{columns}?sort=-score&flag=salary_above_range"
    for url in (board, filtered, f"{board}?q=lovelace", "/jobs/", "/staff/search/?q=lovelace", columns):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(board)
    with CaptureQueriesContext(connection) as column_queries:
        client.get(columns)
    print(f"database: {connection.vendor}; {args.applications:,} applications seeded in {seeded:.1f} s")
    print(f"board queries per request: {len(queries)}; columns: {len(column_queries)}")
    by_name = f"{board}?q=lovelace"  # a surname, as a person searches (one of the bulk builder's)
    for label, url in (("trivial page (/jobs/, public board)", "/jobs/"), ("board, newest first", board),
                       ("board, sorted by score, flag filter, search, page 3", filtered),
                       ("board, search for a surname", by_name),
                       ("search across ads, a surname", "/staff/search/?q=lovelace"),
                       ("search across ads, two skills", "/staff/search/?q=kubernetes+mlflow"),
                       ("columns by stage, newest first", columns),
                       ("columns by stage, best score first, flag filter", sorted_columns),
                       ("a column's next cards (Show more)", f"{columns}applied/?page=2")):  # fmt: skip
        seconds = median_seconds(args.repeat, partial(_fetch, client, url))
        print(f"{label}: {seconds * 1000:.1f} ms (median of {args.repeat})")
    export = export_figures(client, f"{board}export.csv", repeat=3)
    print(
        f"CSV export of every application: {export['seconds']:.2f} s (median of 3), "
        f"{export['rows'] / export['seconds']:,.0f} rows/s, first byte {export['first_byte'] * 1000:.1f} ms, "
        f"peak memory {export['peak_mb']:.1f} MB over idle"
    )


def export_figures(client: Any, url: str, *, repeat: int) -> dict[str, float]:
    """The streamed export read to its end: seconds, rows, time to the first byte, and the largest
    growth of this process's resident memory over its size just before (sampled every 5 ms)."""
    runs = []
    for _ in range(repeat):
        gc.collect()
        idle = _resident_bytes()
        peak = [idle]
        sampling = threading.Event()

        def sample(peak: list[int] = peak, sampling: threading.Event = sampling) -> None:
            while not sampling.wait(0.005):
                peak[0] = max(peak[0], _resident_bytes())

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.perf_counter()
        response = client.get(url)
        chunks = iter(response.streaming_content)
        first = next(chunks)
        first_byte = time.perf_counter() - started
        rows = first.count(b"\n") + sum(chunk.count(b"\n") for chunk in chunks) - 1  # less the header
        seconds = time.perf_counter() - started
        sampling.set()
        sampler.join()
        runs.append(
            {"seconds": seconds, "rows": rows, "first_byte": first_byte, "peak_mb": (peak[0] - idle) / 2**20}
        )
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:  # noqa: PTH123
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _fetch(client: Any, url: str) -> bytes:
    return b"".join(_content(client.get(url)))


def _content(response: object) -> list[bytes]:
    if getattr(response, "streaming", False):
        return list(response.streaming_content)  # type: ignore[attr-defined]
    return [response.content]  # type: ignore[attr-defined]


def throwaway_site(prefix: str, **settings: str) -> Path:
    """Django set up in this process on a migrated throw-away database (a temporary SQLite file
    unless DATABASE_URL says otherwise), private files beside it and the embedded Redis's database
    2, for Django's test client; ``settings`` are environment values that win over the shell's."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ.setdefault("MEDIA_ROOT", str(scratch / "private"))
    os.environ.setdefault("EMBEDDED_REDIS_DB", "2")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring.settings")
    os.environ.update(settings)
    import django

    django.setup()
    from django.conf import settings as django_settings
    from django.core.management import call_command

    django_settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    return scratch


def make_ad() -> tuple[Any, Any]:
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from jobads.models import JobAd, RoleFamily
    from jobads.services import change_status, save_ad
    from jobads.transparency import Jurisdiction

    recruiter = User.objects.create_user("bench-recruiter")  # force_login: no password needed
    recruiter.groups.add(Group.objects.get(name="Recruiters"))
    manager = User.objects.create_user("bench-manager")
    manager.groups.add(Group.objects.get(name="Hiring managers"))
    ad = save_ad(
        ad=JobAd(
            title="Senior Data Scientist", team="Growth", summary="Make experiments trustworthy.",
            location="New York, NY", jurisdictions=[Jurisdiction.NEW_YORK_CITY], pay_min=140_000,
            pay_max=175_000, benefits="Health cover.", responsibilities=["Design", "Build", "Explain"],
            required_skills=["statistics", "SQL"], role_family=RoleFamily.objects.get(slug="data-scientist"),
            owner=manager, is_ongoing=True,
        ),
        by=recruiter,
    )  # fmt: skip
    change_status(ad=ad, action="publish", by=recruiter, now=timezone.now())
    return ad, manager


if __name__ == "__main__":
    main()
