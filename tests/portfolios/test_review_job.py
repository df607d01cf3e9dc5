"""From an application to a scored portfolio through the real queue, Redis, PostgreSQL and a loopback
GitHub (rows W1-W7, W17, C1, C2, C4, C7, C8 of RELIABILITY.md)."""

from __future__ import annotations

import tempfile
from datetime import timedelta

import django_rq
import pytest
from django.utils import timezone
from rq.registry import ScheduledJobRegistry

from hiring.models import Application
from portfolios.jobs import STUCK_AFTER, job_id_for, reconcile_reviews, restart_abandoned_reviews
from portfolios.models import MAX_ATTEMPTS, WORKER_LOST_REASON, KnownRepository, PortfolioReview, RepoAnalysis
from portfolios.review import LostClaimError, Run, run_review
from tests.portfolios.repos import DOCUMENTED_TYPED, NOTEBOOK_HEAVY

pytestmark = pytest.mark.django_db
FEATURES = '''"""Feature engineering for the churn exercise."""


def tenure_buckets(days: int) -> str:
    """Coarse tenure bands used by the exercise."""
    return "new" if days < 90 else "settled"
'''
Status = PortfolioReview.Status


pytestmark = pytest.mark.usefixtures("worker_settings")


def test_an_application_ends_with_a_scored_explained_portfolio(github_server, applied, work):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED, pushed_at="2024-05-01T00:00:00Z")
    github_server.store.add_repository("ada", "eda", NOTEBOOK_HEAVY, language="Jupyter Notebook")
    github_server.store.add_repository("ada", "django", None, fork_of="django/django")
    review = applied("ada")

    work()

    review.refresh_from_db()
    assert review.status == Status.DONE, review.detail
    assert (review.repos_done, review.repos_total) == (2, 2)
    assert 2 <= review.api_calls <= 4
    score = review.score
    assert score["overall"] is not None
    assert {s["key"]: s["sentence"] for s in score["subscores"]}["testing"].startswith(
        "1 of 2 projects has tests"
    )
    statuses = {r["full_name"]: r["status"] for r in score["repositories"]}
    assert statuses == {"ada/churn": "analyzed", "ada/eda": "analyzed", "ada/django": "fork"}


def test_an_unknown_github_user_fails_with_a_plain_reason_and_is_not_retried(github_server, applied, work):
    review = applied("ghost-user")

    work()

    review.refresh_from_db()
    assert (review.status, review.reason, review.reason_code) == (
        Status.FAILED,
        "GitHub user not found.",
        "github_user_not_found",
    )
    assert review.attempts == 1
    assert django_rq.get_queue("default").failed_job_registry.count == 0


def test_a_user_without_repositories_is_skipped_as_no_public_portfolio(github_server, applied, work):
    github_server.store.add_user("newcomer")
    review = applied("newcomer")

    work()

    review.refresh_from_db()
    assert review.status == Status.SKIPPED and review.score is None
    assert review.reason.startswith("No public portfolio")


def test_an_exhausted_rate_limit_reschedules_the_review_for_after_the_reset(github_server, applied, work):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    reset = int((timezone.now() + timedelta(minutes=40)).timestamp())
    github_server.script(
        "/users/ada", [(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)}, {})]
    )
    review = applied("ada")

    work()

    review.refresh_from_db()
    assert review.status == Status.PENDING and review.claim is None
    assert abs(review.not_before.timestamp() - reset) < 2
    scheduled = ScheduledJobRegistry(queue=django_rq.get_queue("default"))
    assert scheduled.get_job_ids() == [f"{job_id_for(review.pk)}-at-{reset}"]
    assert reconcile_reviews() == 0  # not due yet: the reconciler leaves it to the scheduled job


def test_server_errors_then_success_are_retried_inside_the_job(github_server, applied, work):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    github_server.script("/users/ada", [(502, {}, {}), (503, {}, {})])
    review = applied("ada")

    work()

    review.refresh_from_db()
    assert review.status == Status.DONE
    assert review.api_calls >= 4  # the two failures count too


def test_github_down_hands_the_review_back_for_a_retry_then_fails_after_the_maximum(
    github_server, applied, work
):
    github_server.script("/users/ada", [(500, {}, {})] * 40)
    review = applied("ada")

    work()

    review.refresh_from_db()
    assert review.status == Status.PENDING and review.attempts == 1
    assert ScheduledJobRegistry(queue=django_rq.get_queue("default")).count == 1  # RQ's Retry, with backoff

    PortfolioReview.objects.filter(pk=review.pk).update(attempts=3)
    run_review(review.pk, job_id="retry", stuck_after=STUCK_AFTER)

    review.refresh_from_db()
    assert (review.status, review.reason_code) == (Status.FAILED, "github_unavailable")
    assert "try again later" in review.reason


def test_a_repository_over_the_size_cap_is_skipped_and_the_others_analyzed(
    github_server, applied, work, settings
):
    settings.PORTFOLIO_MAX_REPO_KB = 1_000
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    github_server.store.add_repository("ada", "monorepo", DOCUMENTED_TYPED, size_kb=5_000_000)
    review = applied("ada")

    work()

    review.refresh_from_db()
    outcomes = {r["full_name"]: r for r in review.score["repositories"]}
    assert outcomes["ada/churn"]["status"] == "analyzed"
    assert (
        outcomes["ada/monorepo"]["status"] == "skipped"
        and outcomes["ada/monorepo"]["reason"] == "Too large to read."
    )


def test_an_unchanged_repository_is_read_from_the_cache_without_cloning(
    github_server, applied, work, make_ad
):
    bare = github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    applied("ada")
    work()
    assert RepoAnalysis.objects.count() == 1
    for stored in [path for path in (bare / "objects").rglob("*") if path.is_file()]:
        stored.unlink()  # refs stay readable (ls-remote) but any clone would now fail

    second = make_ad(status="published", title="Staff Data Scientist")
    Application.objects.all().delete()
    PortfolioReview.objects.all().delete()
    from tests.factories import form_data as data

    review = _apply_to(second, data(github_username="ada"))
    work()

    review.refresh_from_db()
    assert review.status == Status.DONE
    assert [r["status"] for r in review.score["repositories"]] == ["analyzed"]
    assert RepoAnalysis.objects.count() == 1


def test_a_copy_of_one_of_our_repositories_is_flagged_even_when_not_a_fork(
    github_server, applied, work, client, manager, django_capture_on_commit_callbacks
):
    exercise = {**DOCUMENTED_TYPED, "churn/features.py": FEATURES}
    github_server.store.add_repository("acme", "churn-model", exercise)
    github_server.store.add_repository("ada", "my-churn", exercise)  # its own history, our files
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/known-repositories/", {"repository": "https://github.com/acme/churn-model"})
    work()
    known = KnownRepository.objects.get(full_name="acme/churn-model")
    assert known.provenance and not known.problem

    review = applied("ada")
    work()

    review.refresh_from_db()
    assert review.score["copies"] == ["ada/my-churn is a copy of acme/churn-model"]
    flag = review.application.flags.get(kind="copied_repository")
    assert "ada/my-churn is a copy of acme/churn-model" in flag.message


def test_a_second_job_on_a_running_review_does_nothing(github_server, applied):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    review = applied("ada")
    now = timezone.now()
    assert PortfolioReview.objects.claim(review.pk, job_id="first", now=now, stuck_after=STUCK_AFTER)

    run_review(review.pk, job_id="second", stuck_after=STUCK_AFTER)

    review.refresh_from_db()
    assert review.status == Status.FETCHING and review.job_id == "first"


def test_a_worker_that_lost_its_claim_cannot_write_results(github_server, applied):
    review = applied("ada")
    first = PortfolioReview.objects.claim(
        review.pk, job_id="first", now=timezone.now(), stuck_after=STUCK_AFTER
    )
    assert first is not None
    later = timezone.now() + STUCK_AFTER + timedelta(seconds=1)
    assert PortfolioReview.objects.claim(review.pk, job_id="second", now=later, stuck_after=STUCK_AFTER)

    with pytest.raises(LostClaimError):
        Run(PortfolioReview.objects.get(pk=review.pk), first).advance(status=Status.DONE)

    review.refresh_from_db()
    assert review.status == Status.FETCHING and review.job_id == "second"


def test_a_review_whose_worker_died_is_re_enqueued_by_the_reconciler_and_completes(
    github_server, applied, work, review_queue
):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    review = applied("ada")
    review_queue.empty()  # the job vanished with its worker (or Redis was flushed: C4)
    stale = timezone.now() - STUCK_AFTER - timedelta(minutes=1)
    PortfolioReview.objects.filter(pk=review.pk).update(
        status=Status.CLONING, job_id="dead", updated_at=stale
    )

    assert reconcile_reviews() == 1
    work()

    review.refresh_from_db()
    assert review.status == Status.DONE and review.attempts == 1


def test_a_running_review_whose_job_no_worker_runs_is_restarted_at_once_not_after_twenty_minutes(
    github_server, applied, work, review_queue
):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    review = applied("ada")
    review_queue.empty()
    PortfolioReview.objects.filter(pk=review.pk).update(
        status=Status.ANALYZING, job_id=job_id_for(review.pk), attempts=1, updated_at=timezone.now()
    )  # a moment ago, but its job is in no worker's hands (the worker died; RQ dropped it)

    assert reconcile_reviews() == 1
    review.refresh_from_db()
    assert review.status == Status.PENDING and review.restarted_at is not None and review.claim is None
    work()

    review.refresh_from_db()
    assert review.status == Status.DONE and review.attempts == 2


def test_a_review_that_lost_its_worker_five_times_fails_with_a_reason_a_person_can_retry(
    applied, review_queue
):
    review = applied("ada")
    review_queue.empty()
    PortfolioReview.objects.filter(pk=review.pk).update(
        status=Status.ANALYZING, job_id=job_id_for(review.pk), attempts=MAX_ATTEMPTS
    )

    assert restart_abandoned_reviews() == 0
    review.refresh_from_db()
    assert review.status == Status.FAILED and review.reason_code == "worker_lost"
    assert review.reason == WORKER_LOST_REASON and reconcile_reviews() == 0


def test_a_running_review_is_not_restarted_blindly_when_redis_cannot_say_whether_its_worker_lives(
    applied, review_queue, settings
):
    """(A live worker's review is left alone: the real-time test in tests/faults shows it.)"""
    review = applied("ada")
    PortfolioReview.objects.filter(pk=review.pk).update(status=Status.CLONING, job_id="in-a-worker")
    settings.RQ_QUEUES = {"default": {**settings.RQ_QUEUES["default"], "URL": "redis://127.0.0.1:9/0"}}

    assert restart_abandoned_reviews() == 0
    review.refresh_from_db()
    assert review.status == Status.CLONING and review.restarted_at is None


def test_a_full_temporary_disk_crashes_the_job_for_a_retry_and_loses_nothing(
    github_server, applied, monkeypatch
):
    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    review = applied("ada")
    monkeypatch.setattr(tempfile, "tempdir", "/nonexistent-full-disk")  # every temporary directory fails

    with pytest.raises(OSError):
        run_review(review.pk, job_id=job_id_for(review.pk), stuck_after=STUCK_AFTER)

    review.refresh_from_db()
    assert review.status == Status.CLONING  # held for the retry, not lost
    monkeypatch.undo()
    run_review(review.pk, job_id=job_id_for(review.pk), stuck_after=STUCK_AFTER)  # RQ's retry: same job id
    review.refresh_from_db()
    assert review.status == Status.DONE and review.attempts == 2


def test_an_application_erased_while_queued_makes_the_job_a_no_op(github_server, applied, work):
    review = applied("ada")
    Application.objects.all().delete()
    PortfolioReview.objects.filter(pk=review.pk).delete()

    work()

    assert not PortfolioReview.objects.exists()


def _apply_to(ad, data):
    from django.test import Client

    Client().post(f"/jobs/{ad.slug}/apply/", data)
    application = Application.objects.get(job_ad=ad)
    from portfolios.jobs import enqueue_review

    enqueue_review(application.portfolio_review_id)
    return application.portfolio_review


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_outage_while_saving_results_leaves_nothing_partial_and_the_retry_completes(github_server):
    """C5: the final write fails; no result is stored, the review stays claimable by RQ's retry."""
    from django.db import OperationalError, connection

    github_server.store.add_repository("ada", "churn", DOCUMENTED_TYPED)
    review = PortfolioReview.objects.create(github_username="ada")

    def fail_when_saving_the_result(execute, sql, params, many, context):
        if sql.startswith('UPDATE "portfolios_portfolioreview"') and "done" in (params or ()):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_when_saving_the_result), pytest.raises(OperationalError):
        run_review(review.pk, job_id=job_id_for(review.pk), stuck_after=STUCK_AFTER)

    review.refresh_from_db()
    assert review.status == Status.ANALYZING and review.score is None  # still held for the retry
    run_review(review.pk, job_id=job_id_for(review.pk), stuck_after=STUCK_AFTER)
    review.refresh_from_db()
    assert review.status == Status.DONE and review.score is not None
