"""An application's server time, whatever its résumé holds: the apply POST (Django's test client,
so no network) with a normal one-page PDF against hostile résumés, measured in the same run, and
what reading the worst one costs where it now happens (the worker's limited child) and where it
used to happen (in the request, in-process).

Runs on a throw-away database (SQLite under a temporary directory unless DATABASE_URL is set) and
the embedded Redis's database 2 (emptied after), unless REDIS_URL is set.
Usage: python benchmarks/intake.py [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import make_ad, throwaway_site  # beside this script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    throwaway_site("intake-bench-", APPLY_RATE_LIMIT="100000/h")  # one address sends every request
    import django_rq
    from django.conf import settings
    from django.test import Client

    from hiring.demo.resume_files import make_inflating_pdf, make_pdf
    from hiring.intake.resume_reader import read_text_isolated
    from hiring.intake.resumes import extract_text

    ad, _ = make_ad()
    client = Client()
    normal = make_pdf("Senior Data Scientist. Statistics, experiments, SQL, Python.")
    inflating = make_inflating_pdf()
    resumes = {
        f"normal one-page PDF ({len(normal) / 1024:.1f} KB)": normal,
        f"PDF inflating to 10 MB of text operators ({len(inflating) / 1024:.0f} KB)": inflating,
        "5 MB PDF of filler (at the size limit)": make_pdf("x " * 40) + b"%" * (5 * 1024 * 1024 - 2048),
    }
    timings = {label: _median_post(client, ad, data, args.repeat) for label, data in resumes.items()}
    baseline = timings[next(iter(timings))]
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; median of {args.repeat}")
    for label, seconds in timings.items():
        print(f"apply POST, {label}: {seconds * 1000:7.1f} ms   {seconds / baseline:4.2f}x normal")
    started = time.perf_counter()
    found = read_text_isolated(inflating, "pdf", seconds=settings.RESUME_READ_SECONDS)
    spent = time.perf_counter() - started
    outcome = found.unreadable_reason or "read"
    limit = settings.RESUME_READ_SECONDS
    print(f"worker, the inflating PDF in its child: {spent:.2f} s ({outcome}; limit {limit} s)")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    extract_text(inflating, "pdf")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, before) / 1024
    print(f"before (in the request, in-process): {time.perf_counter() - started:.2f} s, peak {peak:.0f} MB")
    django_rq.get_queue("default").connection.flushdb()


def _median_post(client: Any, ad: Any, data: bytes, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        form = _form(data)
        started = time.perf_counter()
        response = client.post(f"/jobs/{ad.slug}/apply/", form)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302, _errors(response)
    return statistics.median(timings)


def _errors(response: Any) -> str:
    """The form's messages, from the page a person would read."""
    page = response.content.decode()
    return " | ".join(re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', page)) or page[:300]


def _form(resume: bytes) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = uuid.uuid4().hex[:12]
    return {
        "full_name": "Ada Lovelace", "email": f"{person}@example.com", "location": "London",
        "current_title": "Data Scientist",
        "years_experience": "6", "skills": "statistics, regression, pandas", "github_username": person,
        "salary_text": "$150,000", "salary_currency": "USD", "salary_period": "year", "consent": "on",
        "submission_token": str(uuid.uuid4()),
        "resume": SimpleUploadedFile("cv.pdf", resume, content_type="application/pdf"),
    }  # fmt: skip


if __name__ == "__main__":
    main()
