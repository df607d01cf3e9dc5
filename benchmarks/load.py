"""Load on the whole stack, run the way production runs it: gunicorn (DEBUG off), rqworker processes,
PostgreSQL (or SQLite), Redis and a loopback GitHub, all started here on 127.0.0.1 and removed after.

Public side: visitors read the job board and an ad, open the form and apply with a PDF résumé, at
rising concurrency until errors appear or p95 climbs; a trivial view (/healthz) on the same server
is the baseline. Afterwards every accepted application is looked up in the database with its review.
Worker side: reviews/minute with 1, 2 and 4 workers on a queue of N reviews of realistic repositories,
each round bounded in time (the queue is not drained unless it is small).
Staff side: hiring managers, signed in, page and sort the pipeline board of an ad with 10,000
applications at rising concurrency, against /healthz measured in the same step.
Usage: python benchmarks/load.py [--levels 1,2,4,8,16] [--seconds 6] [--reviews 200] [--workers 1,2,4]
                                [--round-seconds 45] [--board-applications 10000]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _stack  # beside this script

from hiring.demo.resume_files import make_pdf
from hiring.platform.processes import stop_processes

ADS = ("Senior Data Scientist", "Machine Learning Engineer", "Analytics Lead")
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STOP_GRACE_SECONDS = 15
KNEE_P95_FACTOR = 3.0  # a level whose p95 is this many times the first level's is past the knee
RESUME = make_pdf("Senior Data Scientist. Statistics, A/B testing, regression, Jupyter notebooks.")
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", default="1,2,4,8,16", help="client threads per step (default 1,2,4,8,16)")
    parser.add_argument("--seconds", type=float, default=6.0, help="duration of each phase of a step")
    parser.add_argument("--reviews", type=int, default=200, help="reviews queued for each worker round")
    parser.add_argument("--workers", default="1,2,4", help="rqworker processes per round (default 1,2,4)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--round-seconds", type=float, default=45.0, help="time budget of each worker round")
    parser.add_argument(
        "--board-applications", type=int, default=10_000, help="applications on the staff board (0: skip)"
    )
    return parser.parse_args()


# --- HTTP --------------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    seconds: float
    ok: bool


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)  # emails of applications the site accepted

    def timed(
        self, kind: str, expected: int, call: Any
    ) -> tuple[int, http.client.HTTPResponse | None, bytes]:
        start = time.perf_counter()
        try:
            status, response, body = call()
        except (OSError, http.client.HTTPException):
            status, response, body = 0, None, b""
        self.samples.append(Sample(kind, time.perf_counter() - start, status == expected))
        return status, response, body


def fetch(
    port: int, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response, response.read()
    finally:
        connection.close()


def multipart(fields: dict[str, str], resume: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + resume
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def application_fields(number: str, csrf: str) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": csrf,
        "full_name": f"Load Candidate {number}",
        "email": f"load-{number}@example.com",
        "location": "London",
        "current_title": "Data Scientist",
        "years_experience": "6",
        "skills": "statistics, regression, pandas",
        "github_username": f"load-{number}",
        "salary_text": "$150,000",
        "salary_currency": "USD",
        "salary_period": "year",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
    }


def visit(port: int, slug: str, recorder: Recorder) -> None:
    """One candidate: the board, an ad, the form, and an application with a résumé."""
    recorder.timed("board", 200, lambda: fetch(port, "GET", "/jobs/"))
    recorder.timed("ad", 200, lambda: fetch(port, "GET", f"/jobs/{slug}/"))
    status, response, body = recorder.timed("form", 200, lambda: fetch(port, "GET", f"/jobs/{slug}/apply/"))
    found = CSRF_INPUT.search(body)
    cookie = response.getheader("Set-Cookie", "") if response else ""
    if status != 200 or not found or "csrftoken=" not in cookie:
        return
    number = uuid.uuid4().hex[:12]
    payload, content_type = multipart(application_fields(number, found[1].decode()), RESUME)
    headers = {"Content-Type": content_type, "Cookie": cookie.split(";", 1)[0]}
    status, _, _ = recorder.timed(
        "apply", 302, lambda: fetch(port, "POST", f"/jobs/{slug}/apply/", body=payload, headers=headers)
    )
    if status == 302:
        recorder.accepted.append(f"load-{number}@example.com")


def run_threads(threads: int, seconds: float, step: Any) -> float:
    """Call ``step()`` in a loop on ``threads`` threads for ``seconds``; returns the elapsed time."""
    deadline = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < deadline:
            step()

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.monotonic() - start


# --- Public side -------------------------------------------------------------------------------


@dataclass
class Figures:
    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float
    errors: int


def figures(samples: list[Sample], elapsed: float) -> Figures:
    times = sorted(s.seconds * 1000 for s in samples) or [0.0]
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    errors = sum(not s.ok for s in samples)
    return Figures(len(samples), len(samples) / elapsed, cuts[49], cuts[94], cuts[98], errors)


def print_row(level: int, label: str, f: Figures) -> None:
    print(
        f"{level:>5} {label:<8} {f.requests:>7} {f.per_second:>8.1f} {f.p50:>8.1f} {f.p95:>8.1f}"
        f" {f.p99:>8.1f} {f.errors:>6}"
    )


def public_step(
    port: int, slugs: list[str], level: int, seconds: float, accepted: list[str]
) -> tuple[Figures, Figures]:
    baseline = Recorder()
    elapsed = run_threads(
        level, seconds, lambda: baseline.timed("healthz", 200, lambda: fetch(port, "GET", "/healthz"))
    )
    health = figures(baseline.samples, elapsed)
    print_row(level, "healthz", health)
    public = Recorder()
    elapsed = run_threads(level, seconds, lambda: visit(port, random.choice(slugs), public))
    mixed = figures(public.samples, elapsed)
    print_row(level, "public", mixed)
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in public.samples:
        by_kind[sample.kind].append(sample)
    for kind in ("board", "ad", "form", "apply"):
        print_row(level, f"  {kind}", figures(by_kind[kind], elapsed))
    accepted.extend(public.accepted)
    return health, mixed


def run_public(port: int, slugs: list[str], levels: list[int], seconds: float) -> list[str]:
    """Rising concurrency until errors or p95 climb; returns the emails of accepted applications."""
    print("\n== Public side: req/s and latency (ms) per step; visitors read board, ad, form, then apply")
    print("level phase    requests    req/s      p50      p95      p99 errors")
    accepted: list[str] = []
    first_p95 = None
    for level in levels:
        health, mixed = public_step(port, slugs, level, seconds, accepted)
        print(
            f"      ratios at {level}: public/healthz p50 {mixed.p50 / health.p50:.1f}x,"
            f" p95 {mixed.p95 / health.p95:.1f}x, req/s {mixed.per_second / health.per_second:.2f}x"
        )
        first_p95 = first_p95 or mixed.p95
        if mixed.errors or mixed.p95 > KNEE_P95_FACTOR * first_p95:
            print(f"      stopping: {mixed.errors} errors, p95 {mixed.p95 / first_p95:.1f}x the first step's")
            break
    return accepted


def check_security_headers(port: int) -> None:
    """As behind the TLS proxy (X-Forwarded-Proto: https): production headers on a public page."""
    _, response, _ = fetch(port, "GET", "/jobs/", headers={"X-Forwarded-Proto": "https"})
    missing = [name for name in SECURITY_HEADERS if not response.getheader(name)]
    print(f"\nSecurity headers on /jobs/ under gunicorn, DEBUG=0: {missing or 'all present'}")
    if missing:
        raise SystemExit(f"missing security headers: {missing}")


# --- Staff side --------------------------------------------------------------------------------

BOARD_VIEWS = ("", "?sort=-score", "?flag=salary_above_range&page=2", "?q=bench")


def board_for_reviewers(applications: int) -> tuple[int, str]:
    """An ad with ``applications`` applications and a signed-in owner; returns (ad id, session cookie)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from hiring.demo.bulk import create_applications
    from jobads.models import JobAd, RoleFamily
    from jobads.services import change_status, save_ad

    manager = User.objects.get(username="bench-manager")
    recruiter = User.objects.get(username="bench-recruiter")
    family = RoleFamily.objects.get(slug="data-scientist")
    fields = _stack.AD_FIELDS | {"title": "Board under load"}
    ad = save_ad(ad=JobAd(**fields, role_family=family, owner=manager), by=recruiter)
    change_status(ad=ad, action="publish", by=recruiter, now=timezone.now())
    started = time.monotonic()
    create_applications(ad, applications)
    print(f"\n== Staff side: {applications} applications seeded in {time.monotonic() - started:.1f} s")
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = (
        str(manager.pk),
        "django.contrib.auth.backends.ModelBackend",
    )
    session[HASH_SESSION_KEY] = manager.get_session_auth_hash()
    session.create()
    return ad.pk, f"sessionid={session.session_key}"


def run_staff(port: int, levels: list[int], seconds: float, applications: int) -> None:
    """Reviewers page, sort, filter and search the board at rising concurrency."""
    ad_id, cookie = board_for_reviewers(applications)
    print("level phase    requests    req/s      p50      p95      p99 errors")
    for level in levels:
        health, board = staff_step(port, f"/staff/pipelines/{ad_id}/", cookie, level, seconds)
        p50, p95 = board.p50 / health.p50, board.p95 / health.p95
        print(f"      ratios at {level}: board/healthz p50 {p50:.1f}x, p95 {p95:.1f}x")
        if board.errors:
            print(f"      stopping: {board.errors} errors")
            break


def staff_step(port: int, path: str, cookie: str, level: int, seconds: float) -> tuple[Figures, Figures]:
    baseline = Recorder()
    elapsed = run_threads(
        level, seconds, lambda: baseline.timed("healthz", 200, lambda: fetch(port, "GET", "/healthz"))
    )
    health = figures(baseline.samples, elapsed)
    print_row(level, "healthz", health)
    reviewers = Recorder()

    def read_board() -> None:
        url = path + random.choice(BOARD_VIEWS)
        reviewers.timed("board", 200, lambda: fetch(port, "GET", url, headers={"Cookie": cookie}))

    elapsed = run_threads(level, seconds, read_board)
    board = figures(reviewers.samples, elapsed)
    print_row(level, "board", board)
    return health, board


# --- Database checks and setup (Django in this process, on the benchmark's own database) ---------


def publish_ads() -> list[str]:
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from hiring.roles import HIRING_MANAGERS, RECRUITERS
    from jobads.models import JobAd, RoleFamily
    from jobads.services import change_status, save_ad

    recruiter = User.objects.create_user("bench-recruiter", password=uuid.uuid4().hex)
    recruiter.groups.add(Group.objects.get(name=RECRUITERS))
    manager = User.objects.create_user("bench-manager", password=uuid.uuid4().hex)
    manager.groups.add(Group.objects.get(name=HIRING_MANAGERS))
    family = RoleFamily.objects.get(slug="data-scientist")
    slugs = []
    for title in ADS:
        ad = save_ad(
            ad=JobAd(**_stack.AD_FIELDS | {"title": title}, role_family=family, owner=manager),
            by=recruiter,
        )
        change_status(ad=ad, action="publish", by=recruiter, now=timezone.now())
        slugs.append(ad.slug)
    return slugs


def check_accepted(emails: list[str]) -> None:
    """Every application the site accepted is in the database with its review, and queued in Redis."""
    import django_rq

    from hiring.models import Application

    saved = Application.objects.filter(candidate__email__in=emails, portfolio_review__isnull=False)
    found = saved.count()
    pending = saved.filter(portfolio_review__status="pending").count()
    queued = django_rq.get_queue("default").count
    print(f"\nAccepted applications: {len(emails)}; in the database with a review: {found}")
    print(f"  reviews pending: {pending}; jobs waiting in Redis: {queued}")
    if found != len(emails):
        raise SystemExit(f"LOST: {len(emails) - found} accepted application(s) are not in the database")


# --- Worker side -------------------------------------------------------------------------------


@dataclass
class Round:
    workers: int
    completed: int  # reviews finished inside the window
    outcomes: dict[str, int]
    busy_seconds: float  # first review claimed to the end of the window
    wall_seconds: float  # workers started to the end of the window, start-up included

    @property
    def per_minute(self) -> float:
        return 60 * self.completed / self.busy_seconds if self.busy_seconds else 0.0


def queue_reviews(logins: list[str]) -> None:
    import django_rq

    from portfolios.jobs import enqueue_review
    from portfolios.models import AnalyzedFile, PortfolioReview, RepoAnalysis

    RepoAnalysis.objects.all().delete()  # each round analyzes every repository afresh (no cache hits)
    AnalyzedFile.objects.all().delete()
    PortfolioReview.objects.filter(github_username__in=logins).delete()
    django_rq.get_queue("default").empty()  # type: ignore[no-untyped-call]
    reviews = PortfolioReview.objects.bulk_create(PortfolioReview(github_username=login) for login in logins)
    for review in reviews:
        enqueue_review(review.pk)


def worker_round(env: dict[str, str], count: int, logins: list[str], *, logs: Path, seconds: float) -> Round:
    """Start ``count`` workers on a full queue; count what they finish until it drains or time is up."""
    from django.db.models import Count, Min
    from django.utils import timezone

    from portfolios.models import RUNNING, PortfolioReview

    queue_reviews(logins)
    reviews = PortfolioReview.objects.filter(github_username__in=logins)
    start, started_at = time.monotonic(), timezone.now()
    # Every review analyzed in full: the 200 share 4 projects, which the analysis cache would read
    # once (benchmarks/throughput.py measures what it saves).
    workers = _stack.start_workers({**env, "ANALYSIS_CACHE": "false"}, count, logs=logs)
    try:
        while (
            time.monotonic() - start < seconds and reviews.filter(status__in=("pending", *RUNNING)).exists()
        ):
            time.sleep(0.5)
        wall, window_end = time.monotonic() - start, timezone.now()
    finally:
        stop_processes(workers, grace_seconds=STOP_GRACE_SECONDS)
    done = reviews.filter(finished_at__lte=window_end)
    outcomes = dict(done.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    first = reviews.aggregate(first=Min("started_at"))["first"] or started_at
    return Round(count, done.count(), outcomes, (window_end - first).total_seconds(), wall)


def run_workers(
    env: dict[str, str], logins: list[str], counts: list[int], *, logs: Path, seconds: float
) -> None:
    print(
        f"\n== Worker side: a queue of {len(logins)} reviews (2 repositories each), {seconds:.0f} s a round"
    )
    print("workers finished reviews/min   vs 1  busy s  wall s  outcomes")
    base = None
    for count in counts:
        result = worker_round(env, count, logins, logs=logs, seconds=seconds)
        base = base or result.per_minute
        print(
            f"{count:>7} {result.completed:>8} {result.per_minute:>11.1f} {result.per_minute / base:>5.2f}x"
            f" {result.busy_seconds:>7.1f} {result.wall_seconds:>7.1f}  {result.outcomes}"
        )


# --- The run -----------------------------------------------------------------------------------


def main() -> None:
    options = parse_args()
    levels = [int(n) for n in options.levels.split(",")]
    counts = [int(n) for n in options.workers.split(",")]
    logins = [f"bench-{number:04d}" for number in range(options.reviews)]
    with tempfile.TemporaryDirectory(prefix="hiring-load-") as folder, contextlib.ExitStack() as stack:
        scratch = Path(folder)
        env = start_stores(stack, scratch, logins)
        port = _stack.free_port()
        web = _stack.start_gunicorn(env, port=port, workers=options.web_workers, log=scratch / "gunicorn.log")
        stack.callback(stop_processes, [web], grace_seconds=STOP_GRACE_SECONDS)
        describe(env, options)
        slugs = publish_ads()
        check_security_headers(port)
        check_accepted(run_public(port, slugs, levels, options.seconds))
        if options.board_applications:
            run_staff(port, levels, options.seconds, options.board_applications)
        run_workers(env, logins, counts, logs=scratch / "logs", seconds=options.round_seconds)
        close_connections()


def start_stores(stack: contextlib.ExitStack, scratch: Path, logins: list[str]) -> dict[str, str]:
    """Database, Redis and GitHub; then static files, migrations and Django in this process."""
    env = _stack.start_services(stack, scratch, lambda store: _stack.build_portfolios(store, logins))
    _stack.manage(env, "collectstatic", "--noinput")
    _stack.setup_django(env)
    return env


def describe(env: dict[str, str], options: argparse.Namespace) -> None:
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"Stack: gunicorn -w {options.web_workers} (DEBUG=0), {database}, own redis-server, loopback GitHub"
    )
    print(f"Steps of {options.seconds:.0f} s per phase; client threads in this process (same machine)")


def close_connections() -> None:
    from django.db import connections

    connections.close_all()  # before the database is dropped


if __name__ == "__main__":
    main()
