"""Many realistic applications in a few statements, for the demo, the benchmark and scale tests.

``create_applications(ad, n)`` writes candidates, portfolio reviews in assorted states (done with
a score the real analyzer computed from the demo's repositories, pending, running, failed,
skipped), applications, flags from the real flag rules, and a stage history. Only ``bulk_create``
and a few updates: 10,000 rows take seconds.
Pending and running reviews are not enqueued (their usernames are fictional).
"""

from __future__ import annotations

import random
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hiring.demo.portfolios import CANDIDATES
from hiring.flags.refresh import compute_findings
from hiring.models import Application, Candidate, Flag, StageChange
from jobads.models import JobAd, RoleFamily
from portfolios.analysis import AnalysisLimits, analyze_tree
from portfolios.loopback.store import write_tree
from portfolios.models import PortfolioReview
from portfolios.scoring import RepositoryOutcome, score_portfolio

BATCH_ROWS = 1000
SPREAD_DAYS = 60
FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "John",
    "Radia",
    "Ken",
    "Hedy",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Backus",
    "Perlman",
    "Thompson",
    "Lamarr",
]
PROFILES = [  # (title, skills): most fit a data-science ad, some lean to ML engineering
    ("Data Scientist", "statistics, regression, A/B testing, pandas"),
    ("Senior Data Scientist", "causal inference, experimentation, SQL, statistics"),
    ("Data Analyst", "SQL, dashboards, statistics"),
    ("Machine Learning Engineer", "Kubernetes, Docker, MLOps, model serving, CI/CD"),
    ("MLOps Engineer", "Kubernetes, Helm, MLflow, feature store, Docker"),
]
# review status → share of applications (cumulative draw)
REVIEW_MIX = [("done", 0.70), ("pending", 0.05), ("analyzing", 0.05), ("failed", 0.10), ("skipped", 0.10)]
STAGE_MIX = [("applied", 0.45), ("screening", 0.2), ("technical", 0.1), ("final", 0.05), ("offer", 0.02),
             ("hired", 0.01), ("rejected", 0.14), ("withdrawn", 0.03)]  # fmt: skip
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def create_applications(ad: JobAd, n: int, *, seed: int = 0) -> int:
    """Bulk-create ``n`` applications to ``ad``; returns how many were created."""
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible by seed)
    batch = uuid.uuid4().hex[:6]  # keeps emails and usernames unique across calls
    resume = default_storage.save(f"resumes/bulk-{batch}.pdf", ContentFile(MINIMAL_PDF))
    scores = _score_variants()
    vocabularies = RoleFamily.objects.vocabularies()
    created = 0
    for start in range(0, n, BATCH_ROWS):
        size = min(BATCH_ROWS, n - start)
        with transaction.atomic():
            created += _create_batch(
                ad,
                rng,
                batch=f"{batch}-{start}",
                size=size,
                resume=resume,
                scores=scores,
                vocabularies=vocabularies,
            )
    return created


def _create_batch(
    ad: JobAd,
    rng: random.Random,
    *,
    batch: str,
    size: int,
    resume: str,
    scores: list[dict[str, Any]],
    vocabularies: dict[str, dict[str, list[str]]],
) -> int:
    people = [_person(rng, batch, i) for i in range(size)]
    candidates = Candidate.objects.bulk_create(
        Candidate(
            full_name=p["name"],
            email=p["email"],
            location=rng.choice(["London", "Berlin", "New York, NY", "Remote"]),
            github_username=p["github"],
        )
        for p in people
    )
    reviews = PortfolioReview.objects.bulk_create(_review(rng, p["github"], scores) for p in people)
    applications = [
        _application(rng, ad, candidate, review, person, resume)
        for candidate, review, person in zip(candidates, reviews, people, strict=True)
    ]
    Application.objects.bulk_create(applications)
    Flag.objects.bulk_create(
        Flag.from_finding(a, f) for a in applications for f in compute_findings(a, vocabularies=vocabularies)
    )
    StageChange.objects.bulk_create(
        StageChange(
            application=a, from_stage="applied", to_stage=a.stage, reason=_reason(a.stage), by=ad.owner
        )
        for a in applications
        if a.stage != "applied"
    )
    _spread_dates(rng, applications)
    return len(applications)


def _person(rng: random.Random, batch: str, i: int) -> dict[str, Any]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    title, skills = rng.choice(PROFILES)
    return {
        "name": f"{first} {last}",
        "email": f"{first}.{last}.{batch}.{i}@example.test".lower(),
        "github": "" if rng.random() < 0.1 else f"{first}-{last}-{batch}-{i}".lower()[:39],
        "title": title,
        "skills": skills,
    }


def _review(rng: random.Random, github: str, scores: list[dict[str, Any]]) -> PortfolioReview:
    if not github:
        return PortfolioReview(github_username="", status="skipped", reason="No public portfolio was given.")
    status = _draw(rng, REVIEW_MIX)
    if status == "done":
        return PortfolioReview(
            github_username=github,
            status="done",
            score=rng.choice(scores),
            repos_total=2,
            repos_done=2,
            finished_at=timezone.now(),
        )
    if status == "failed":
        return PortfolioReview(
            github_username=github,
            status="failed",
            reason_code="github_user_not_found",
            reason="GitHub user not found.",
            finished_at=timezone.now(),
        )
    if status == "skipped":
        return PortfolioReview(
            github_username=github,
            status="skipped",
            reason_code="no_public_repositories",
            reason="No public portfolio: the profile has no repositories.",
        )
    return PortfolioReview(
        github_username=github,
        status=status,
        repos_total=3 if status == "analyzing" else 0,
        repos_done=1 if status == "analyzing" else 0,
    )


def _application(
    rng: random.Random,
    ad: JobAd,
    candidate: Candidate,
    review: PortfolioReview,
    person: dict[str, Any],
    resume: str,
) -> Application:
    pay_max = ad.pay_max or 150_000
    application = Application(
        candidate=candidate,
        job_ad=ad,
        portfolio_review=review,
        submission_token=uuid.uuid4(),
        stage=_draw(rng, STAGE_MIX),
        current_title=person["title"],
        years_experience=rng.randint(1, 15),
        skills=person["skills"],
        github_username=person["github"],
        desired_salary=int(pay_max * rng.uniform(0.75, 1.4)) // 1000 * 1000,
        desired_currency=ad.currency or "USD",
        desired_period=ad.pay_period or "year",
        resume=resume,
        resume_name=f"{person['name']} CV.pdf",
        resume_text=f"{person['title']}. {person['skills']}.",
        resume_read=True,
        overall_score=review.score["overall"] if review.score else None,
        subscore_values={s["key"]: s["score"] for s in review.score["subscores"]} if review.score else {},
        consent_at=timezone.now(),
    )
    application.job_ad = ad
    return application


def _spread_dates(rng: random.Random, applications: list[Application]) -> None:
    """``created_at`` is set on insert; move rows back over the last weeks, one UPDATE per day."""
    by_day: dict[int, list[uuid.UUID]] = {}
    for application in applications:
        by_day.setdefault(rng.randrange(SPREAD_DAYS), []).append(application.pk)
    now = timezone.now()
    for days, ids in by_day.items():
        Application.objects.filter(pk__in=ids).update(
            created_at=now - timedelta(days=days, minutes=rng.randrange(1440))
        )


def _draw(rng: random.Random, mix: list[tuple[str, float]]) -> str:
    point, total = rng.random(), 0.0
    for value, share in mix:
        total += share
        if point < total:
            return value
    return mix[-1][0]


# Which demo repositories make up each portfolio the bulk rows reuse.
SCORED_PORTFOLIOS = (
    ("churn-model", "checkout-ab-test"),
    ("uplift-notebooks",),
    ("ranking-service", "feature-pipeline"),
    ("feature-pipeline",),
    ("churn-model",),
    ("churn-exercise", "checkout-ab-test"),
)


def _reason(stage: str) -> str:
    return {
        "rejected": "Experience does not match the role's focus.",
        "withdrawn": "Accepted another offer.",
    }.get(stage, "")


def _score_variants() -> list[dict[str, Any]]:
    """Real PortfolioScores, reused across rows: the demo candidates' repositories, read by the real
    analyzer in this process (our own files, not candidates') and scored with the production weights."""
    repositories = {name: files for candidate in CANDIDATES for name, files in candidate.repositories.items()}
    outcomes = {name: analyzed(f"candidate/{name}", files) for name, files in repositories.items()}
    return [
        score_portfolio([outcomes[name] for name in names]).model_dump(mode="json")
        for names in SCORED_PORTFOLIOS
    ]


def analyzed(full_name: str, files: dict[str, str]) -> RepositoryOutcome:
    """The outcome of a repository holding ``files``, read by the real analyzer in this process."""
    with tempfile.TemporaryDirectory() as tmp:
        report = analyze_tree(write_tree(Path(tmp), files), AnalysisLimits()).report
    return RepositoryOutcome(
        full_name=full_name,
        html_url=f"https://github.com/{full_name}",
        status="analyzed",
        head_sha="0" * 40,
        report=report,
    )
