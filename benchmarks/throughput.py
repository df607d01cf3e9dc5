"""Worker throughput with and without the analysis cache (issue 17): 1 and 2 `rqworker` processes
drain the same queue of N reviews in which a share of the repositories repeat across candidates.

Every candidate has 2 Python repositories. By default half of all repositories are byte-for-byte
copies of 5 popular projects (real packages from the virtualenv, pushed under each candidate's own
account, so no two share a full name and the per-repository cache cannot help: only the cache by
file content can); the other half are the candidate's own (one of `_stack`'s templates with a line
naming the candidate in every `.py` file, so their blobs are theirs alone).
Each round starts from an empty state (applications, reviews, analyses, copy index and cached file
facts deleted, the queue emptied), creates and enqueues the same N applications, starts the
workers with ANALYSIS_CACHE on or off and times them until every review is final. Printed per
round: wall time from the workers' start to the last review finished, reviews/minute, the analysis
time the reports record, and, with the cache on, files parsed against files reused; then cache
on/off ratios, 2/1-worker speed-ups, and whether every repository's report equals the cache-off one.

The stack comes from `_stack.py` (fresh database, private redis-server, loopback GitHub, real
`rqworker` processes); no web server is needed. Exits non-zero if a review did not end `done`.
Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/throughput.py
           [--reviews 200] [--workers 1,2] [--repeat-share 0.5]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _stack  # beside this script

from hiring.platform.processes import stop_processes
from portfolios.loopback import GitHubStore
from portfolios.loopback.store import build_bare_repository

# Popular projects many candidates push a copy of, unchanged: real packages from the virtualenv,
# about the size of `_stack`'s templates (8 to 41 files, 1,100 to 4,500 lines).
POOL = {
    "async-helpers": "asgiref",
    "gitignore-matcher": "pathspec",
    "login-lockout": "axes",
    "plugin-system": "pluggy",
    "dotenv-loader": "dotenv",
}
POOL_AUTHOR = ("Course Author", "course@example.com")
FINAL = ("done", "failed", "skipped")
STOP_GRACE_SECONDS = 15
POLL_SECONDS = 0.5
MESSAGE_CHARS = 200
ROUND_TIMEOUT_SECONDS = 300  # and 10 s more per review (about 2 s of one core each): then it is stuck
TIMEOUT_PER_REVIEW_SECONDS = 10


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reviews", type=int, default=200, help="reviews queued in each round (default 200)")
    parser.add_argument("--workers", default="1,2", help="rqworker processes per round (default 1,2)")
    parser.add_argument(
        "--repeat-share",
        type=float,
        default=0.5,
        help="share of all repositories copied from the shared pool (default 0.5)",
    )
    options = parser.parse_args()
    if not 0.0 <= options.repeat_share <= 1.0:
        parser.error("--repeat-share must be between 0 and 1")
    return options


# --- The candidates' repositories ----------------------------------------------------------------


@dataclass
class Portfolios:
    """What the loopback GitHub serves: counts of repositories and of their code files."""

    logins: list[str]
    repeated: int = 0
    own: int = 0
    code_files: int = 0  # .py files in all repositories
    contents: set[str] = field(default_factory=set)  # their distinct contents (sha-1 of the bytes)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # package: (.py files, lines)


def repeats(slot: int, share: float) -> bool:
    """Whether repository number ``slot`` (of all candidates') is a copy from the pool: spread
    evenly, ``share`` of them in all (every candidate's second one at 0.5)."""
    return math.floor((slot + 1) * share + 1e-9) > math.floor(slot * share + 1e-9)


def build_portfolios(store: GitHubStore, logins: list[str], share: float) -> Portfolios:
    """Two repositories per login: copies of the pool's projects (hard links to one bare repository
    each) or the login's own version of a template, every `.py` file carrying its name."""
    built = Portfolios(logins)
    pool = [_pool_project(store.root.parent / "pool", name, package) for name, package in POOL.items()]
    templates = list(_stack.TEMPLATES.items())
    for number, login in enumerate(logins):
        store.add_user(login)
        for offset in range(2):
            slot = 2 * number + offset
            pushed_at = f"2024-0{offset + 1}-01T00:00:00Z"
            if repeats(slot, share):
                name, bare, size_kb, files = pool[built.repeated % len(pool)]
                store.add_repository(login, name, None, size_kb=size_kb, pushed_at=pushed_at)
                shutil.copytree(bare, store.root / login / f"{name}.git", copy_function=os.link)
                built.repeated += 1
            else:
                name, package = templates[(number + offset) % len(templates)]
                files = own_version(_stack.project_files(name, package), login)
                store.add_repository(login, name, files, pushed_at=pushed_at)
                built.own += 1
            count_code(built, files)
    for name, package in [*POOL.items(), *_stack.TEMPLATES.items()]:
        files = _stack.project_files(name, package)
        python = [content for path, content in files.items() if path.endswith(".py")]
        built.sizes[package] = (len(python), sum(_as_bytes(text).count(b"\n") for text in python))
    return built


def _pool_project(folder: Path, name: str, package: str) -> tuple[str, Path, int, dict[str, str | bytes]]:
    """One bare repository of the project, which every copy hard-links to."""
    files = _stack.project_files(name, package)
    bare = folder / f"{name}.git"
    build_bare_repository(bare, [files], author=POOL_AUTHOR)
    size_kb = max(1, sum(p.stat().st_size for p in bare.rglob("*") if p.is_file()) // 1024)
    return name, bare, size_kb, files


def own_version(files: dict[str, str | bytes], login: str) -> dict[str, str | bytes]:
    """The template as this candidate's own: a line of theirs ends every `.py` file (empty ones too),
    so no blob is shared with another candidate's."""
    line = f"# {login}: my own version of this module\n".encode()
    return {
        path: (_ending_in_newline(_as_bytes(content)) + line if path.endswith(".py") else content)
        for path, content in files.items()
    }


def count_code(built: Portfolios, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        if path.endswith(".py"):
            built.code_files += 1
            built.contents.add(hashlib.sha1(_as_bytes(content), usedforsecurity=False).hexdigest())


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content


def _ending_in_newline(data: bytes) -> bytes:
    return data if not data or data.endswith(b"\n") else data + b"\n"


# --- One round ----------------------------------------------------------------------------------


@dataclass
class Round:
    workers: int
    cache: bool
    reviews: int
    wall_seconds: float  # the workers started to the last review finished
    startup_seconds: float  # the workers started to the first review claimed
    review_seconds: float  # median, one review claimed to finished
    outcomes: dict[str, int]
    analysis_seconds: float  # the reports' own analysis time, summed over every repository
    repositories: int  # RepoAnalysis rows
    files_read: int  # code files the reports counted, every repository
    parsed: int  # AnalyzedFile rows: distinct contents whose facts were computed and stored
    linked: int  # (repository, content) pairs served by the cache: parsed here or reused
    reports: dict[str, str] = field(repr=False, default_factory=dict)  # full name: digest
    problems: list[str] = field(default_factory=list)  # for people: reviews not done, logged errors

    @property
    def per_minute(self) -> float:
        return 60 * self.reviews / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def reused(self) -> int:
        return self.linked - self.parsed


def reset() -> None:
    """An empty state for the next round: no applications, reviews, analyses, copy index, cached
    facts or queued jobs. On PostgreSQL the emptied tables are vacuumed and analyzed, so every
    round starts with the same planner statistics."""
    import django_rq
    from django.db import connection

    from hiring.models import Application, Candidate
    from portfolios.models import AnalyzedFile, CodeSource, PortfolioReview, RepoAnalysis

    Application.objects.all().delete()
    Candidate.objects.all().delete()
    PortfolioReview.objects.all().delete()
    CodeSource.objects.all().delete()  # its files, fingerprints, matches and cache links with it
    RepoAnalysis.objects.all().delete()
    AnalyzedFile.objects.all().delete()
    django_rq.get_queue("default").empty()  # type: ignore[no-untyped-call]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def queue_applications(ad_id: int, logins: list[str], resume: str) -> None:
    """One application per login, each with its review, enqueued as the form does after commit."""
    from django.utils import timezone

    from hiring.models import Application, Candidate
    from portfolios.jobs import enqueue_review
    from portfolios.models import PortfolioReview

    candidates = Candidate.objects.bulk_create(
        Candidate(
            full_name=f"Bench {login}", email=f"{login}@example.com", location="London", github_username=login
        )
        for login in logins
    )
    reviews = PortfolioReview.objects.bulk_create(PortfolioReview(github_username=login) for login in logins)
    Application.objects.bulk_create(
        Application(
            candidate=candidate,
            job_ad_id=ad_id,
            portfolio_review=review,
            submission_token=uuid.uuid4(),
            current_title="Data Scientist",
            years_experience=5,
            skills="Python, statistics, A/B testing",
            github_username=login,
            desired_salary=120_000,
            desired_currency="USD",
            desired_period="year",
            resume=resume,
            resume_name="cv.pdf",
            resume_text="Data Scientist. Python, statistics, A/B testing.",
            resume_read=True,
            consent_at=timezone.now(),
        )
        for candidate, review, login in zip(candidates, reviews, logins, strict=True)
    )
    refused = sum(not enqueue_review(review.pk) for review in reviews)
    if refused:
        raise SystemExit(f"Redis refused {refused} review job(s)")


def worker_round(
    env: dict[str, str], count: int, *, cache: bool, ad_id: int, logins: list[str], resume: str, logs: Path
) -> Round:
    """From an empty state, ``count`` workers drain the queue of every login's review."""
    from django.utils import timezone

    reset()
    queue_applications(ad_id, logins, resume)
    folder = logs / f"{count}-workers-cache-{'on' if cache else 'off'}"
    started_at = timezone.now()
    workers = _stack.start_workers(env | {"ANALYSIS_CACHE": "1" if cache else "0"}, count, logs=folder)
    try:
        wait_until_final(
            workers,
            deadline=time.monotonic() + ROUND_TIMEOUT_SECONDS + TIMEOUT_PER_REVIEW_SECONDS * len(logins),
        )
    finally:
        stop_processes(workers, grace_seconds=STOP_GRACE_SECONDS)
    return measure(count, cache, len(logins), started_at, folder)


def wait_until_final(workers: list[subprocess.Popen[bytes]], *, deadline: float) -> None:
    """Poll until no review is pending or running, every worker has exited, or the deadline."""
    from portfolios.models import PortfolioReview

    unfinished = PortfolioReview.objects.exclude(status__in=FINAL)
    while unfinished.exists():
        if time.monotonic() > deadline or all(worker.poll() is not None for worker in workers):
            return
        time.sleep(POLL_SECONDS)


def measure(count: int, cache: bool, total: int, started_at: datetime, logs: Path) -> Round:
    """The round's figures, from the reviews' own timestamps and what the database holds."""
    from django.db.models import Count, Max, Min

    from portfolios.models import AnalyzedFile, CodeSource, PortfolioReview, RepoAnalysis

    reviews = PortfolioReview.objects.all()
    times = reviews.aggregate(first=Min("started_at"), last=Max("finished_at"))
    outcomes = dict(reviews.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    problems = logged_errors(logs)
    if outcomes.get("done") != total:
        reasons = Counter(reviews.exclude(status="done").values_list("status", "reason_code"))
        problems.insert(0, f"NOT EVERY REVIEW ENDED done: (status, reason) {dict(reasons)}\n{tails(logs)}")
    durations = [
        (end - start).total_seconds()
        for start, end in reviews.filter(status="done").values_list("started_at", "finished_at")
        if start and end
    ]
    last, first = times["last"] or started_at, times["first"] or started_at
    analysis_seconds, files_read, digests = 0.0, 0, {}
    for name, report in RepoAnalysis.objects.values_list("full_name", "report").iterator():
        analysis_seconds += report["seconds"]
        files_read += report["files"]["python"] + report["files"]["notebooks"]
        digests[name] = digest(report)
    return Round(
        workers=count,
        cache=cache,
        reviews=total,
        wall_seconds=(last - started_at).total_seconds(),
        startup_seconds=(first - started_at).total_seconds(),
        review_seconds=statistics.median(durations) if durations else 0.0,
        outcomes=outcomes,
        analysis_seconds=analysis_seconds,
        repositories=len(digests),
        files_read=files_read,
        parsed=AnalyzedFile.objects.count(),
        linked=CodeSource.analyzed_files.through.objects.count(),
        reports=digests,
        problems=problems,
    )


def logged_errors(logs: Path) -> list[str]:
    """The ERROR lines of the workers' logs (LOG_LEVEL=WARNING), counted by message."""
    messages = Counter(
        line.split(" ERROR ", 1)[1][:MESSAGE_CHARS]
        for path in sorted(logs.glob("*.log"))
        for line in path.read_text(errors="replace").splitlines()
        if " ERROR " in line
    )
    return [f"{n} ERROR line(s) in the workers' logs: {message}" for message, n in messages.most_common()]


def digest(report: dict[str, Any]) -> str:
    """The report but its timing, for comparing a cached analysis with a cold one."""
    text = json.dumps({key: value for key, value in report.items() if key != "seconds"}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


# --- Output ------------------------------------------------------------------------------------

HEADER = (
    "workers cache  wall s  start-up s  reviews/min  s/review  analysis s"
    "  files read  parsed  reused  outcomes"
)


def print_round(result: Round) -> None:
    parsed, reused = (f"{result.parsed:>6}", f"{result.reused:>7}") if result.cache else ("     -", "      -")
    outcomes = ", ".join(f"{status} {n}" for status, n in sorted(result.outcomes.items()))
    print(
        f"{result.workers:>7} {'on' if result.cache else 'off':<5} {result.wall_seconds:>7.1f}"
        f" {result.startup_seconds:>11.1f} {result.per_minute:>12.1f} {result.review_seconds:>9.2f}"
        f" {result.analysis_seconds:>11.1f} {result.files_read:>11} {parsed} {reused}  {outcomes}",
        flush=True,
    )
    for problem in result.problems:
        print(f"     !! {problem}", flush=True)


def summarize(rounds: list[Round], built: Portfolios) -> None:
    by = {(r.workers, r.cache): r for r in rounds}
    counts = sorted({r.workers for r in rounds})
    print("\nCache on vs off, same workers (reviews/min on ÷ off; wall time on ÷ off):")
    for count in counts:
        on, off = by[count, True], by[count, False]
        same = sum(on.reports.get(name) == value for name, value in off.reports.items())
        print(
            f"  {count} worker(s): {on.per_minute / off.per_minute:.2f}× throughput,"
            f" {on.wall_seconds / off.wall_seconds:.2f}× the time;"
            f" analysis time {on.analysis_seconds / off.analysis_seconds:.2f}× ;"
            f" reports equal to the cache-off run's (but `seconds`): {same}/{len(off.reports)}"
        )
        share = 100 * on.reused / on.linked if on.linked else 0.0
        print(
            f"      cache on: {on.parsed} contents parsed (distinct .py contents: {len(built.contents)}),"
            f" {on.reused} reused of {on.linked} repository files ({share:.0f}%)"
        )
    if len(counts) > 1:
        print(f"\n{counts[-1]} workers vs {counts[0]} (reviews/min):")
        for cache in (False, True):
            low, high = by[counts[0], cache], by[counts[-1], cache]
            label = "on " if cache else "off"
            print(f"  cache {label}: {high.per_minute / low.per_minute:.2f}×")
    busy = [
        f"{r.workers}/{'on' if r.cache else 'off'} {r.analysis_seconds / (r.wall_seconds * r.workers):.0%}"
        for r in rounds
    ]
    print(
        f"\nShare of worker time inside the analysis (reports' seconds ÷ wall × workers): {', '.join(busy)}"
    )


def describe(env: dict[str, str], built: Portfolios, options: argparse.Namespace) -> None:
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"Stack: {database}, own redis-server, loopback GitHub, rqworker processes on {os.cpu_count()} cores"
    )
    print(
        f"{len(built.logins)} candidates × 2 repositories: {built.repeated} copied from a pool of"
        f" {len(POOL)} projects ({sizes(built, POOL.values())} .py files/lines),"
        f" {built.own} the candidate's own ({sizes(built, _stack.TEMPLATES.values())}, a line of theirs in"
        " every .py)"
    )
    print(
        f".py files in all repositories: {built.code_files:,}, distinct contents: {len(built.contents):,}"
        f" (--repeat-share {options.repeat_share})"
    )


def sizes(built: Portfolios, packages: Iterable[str]) -> str:
    return ", ".join(
        f"{package} {built.sizes[package][0]}/{built.sizes[package][1]:,}" for package in packages
    )


# --- Setup and the run -------------------------------------------------------------------------


def start_stores(
    stack: contextlib.ExitStack, scratch: Path, logins: list[str], share: float
) -> tuple[dict[str, str], Portfolios]:
    """Database, Redis and the candidates' GitHub; migrations; Django in this process, on them."""
    built: list[Portfolios] = []
    env = _stack.start_services(
        stack, scratch, lambda store: built.append(build_portfolios(store, logins, share))
    )
    _stack.setup_django(env)
    stack.callback(close_connections)  # before the database is dropped
    return env, built[0]


def publish_ad() -> tuple[int, str]:
    """The ad every candidate applies to, and the résumé file their applications point to."""
    from django.contrib.auth.models import Group, User
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from hiring.demo.resume_files import make_pdf
    from hiring.roles import HIRING_MANAGERS, RECRUITERS
    from jobads.models import JobAd, RoleFamily
    from jobads.services import change_status, save_ad

    recruiter = User.objects.create_user("bench-recruiter", password=uuid.uuid4().hex)
    recruiter.groups.add(Group.objects.get(name=RECRUITERS))
    manager = User.objects.create_user("bench-manager", password=uuid.uuid4().hex)
    manager.groups.add(Group.objects.get(name=HIRING_MANAGERS))
    family = RoleFamily.objects.get(slug="data-scientist")
    ad = save_ad(ad=JobAd(**_stack.AD_FIELDS, role_family=family, owner=manager), by=recruiter)
    change_status(ad=ad, action="publish", by=recruiter, now=timezone.now())
    resume = default_storage.save("resumes/bench.pdf", ContentFile(make_pdf("Data Scientist. Python.")))
    return ad.pk, resume


def tails(logs: Path) -> str:
    """The end of every worker's log, for a failure's message."""
    return "\n".join(
        f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}" for path in sorted(logs.glob("*.log"))
    )


def close_connections() -> None:
    from django.db import connections

    connections.close_all()


def main() -> None:
    options = parse_args()
    counts = [int(n) for n in options.workers.split(",")]
    logins = [f"bench-{number:04d}" for number in range(options.reviews)]
    with tempfile.TemporaryDirectory(prefix="hiring-throughput-") as folder, contextlib.ExitStack() as stack:
        scratch = Path(folder)
        started = time.monotonic()
        env, built = start_stores(stack, scratch, logins, options.repeat_share)
        describe(env, built, options)
        ad_id, resume = publish_ad()
        print(
            f"Set up in {time.monotonic() - started:.0f} s; each round drains a queue of {len(logins)}"
            " reviews\n"
        )
        print(HEADER)
        rounds = []
        for count in counts:
            for cache in (False, True):
                result = worker_round(
                    env, count, cache=cache, ad_id=ad_id, logins=logins, resume=resume, logs=scratch / "logs"
                )
                print_round(result)
                rounds.append(result)
        summarize(rounds, built)
        print(f"\nWhole run, set-up included: {(time.monotonic() - started) / 60:.1f} min")
        reset()
        if any(r.outcomes.get("done") != r.reviews for r in rounds):
            raise SystemExit("not every review ended done: see the lines marked !!")


if __name__ == "__main__":
    main()
