"""Erasure on request and the retention purge leave nothing of the candidate behind (D8, D9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hiring.models import Application, AuditEvent, Candidate, CandidateEmail, Flag, Note
from hiring.privacy.erasure import erase_application
from jobads.models import JobAd
from portfolios.jobs import STUCK_AFTER, job_id_for
from portfolios.models import PortfolioReview, RepoAnalysis
from portfolios.review import run_review
from tests.factories import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(submit, live_ad, private_storage, review_queue, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(live_ad, form_data(salary_text="190k", confirm_salary="on"))
    application = Application.objects.get()
    Note.objects.create(application=application, author=manager, body="Ada shows real depth.")
    CandidateEmail.objects.create(
        application=application, template="received", subject="Hi Ada", body="Hello Ada"
    )
    RepoAnalysis.objects.create(full_name="ada-l/churn", head_sha="a" * 40, report={})
    return application


def everything_about(application_id, resume_path) -> dict[str, bool]:
    return {
        "application": Application.objects.filter(pk=application_id).exists(),
        "candidate": Candidate.objects.filter(email="ada@example.com").exists(),
        "flags": Flag.objects.exists(),
        "notes": Note.objects.exists(),
        "emails": CandidateEmail.objects.exists(),
        "review": PortfolioReview.objects.exists(),
        "analyses": RepoAnalysis.objects.filter(full_name__startswith="ada-l/").exists(),
        "resume file": resume_path.exists(),
    }


def test_an_erased_application_leaves_only_a_tombstone(
    application, private_storage, review_queue, django_capture_on_commit_callbacks
):
    resume = private_storage / application.resume.name
    review_job = job_id_for(application.portfolio_review_id)
    assert review_queue.fetch_job(review_job) is not None
    download = AuditEvent.objects.create(
        kind="resume_download",
        application_id=application.pk,
        path="/staff/x/resume/",
        detail={"file": "ada-cv.pdf"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        report = erase_application(application.pk, by="dpo@example.com", reason="candidate's request")

    assert report.applications == 1 and report.candidates == 1 and report.files == 1
    assert not any(everything_about(application.pk, resume).values())
    assert review_queue.fetch_job(review_job) is None
    tombstone = AuditEvent.objects.get(application_id=application.pk, kind="erased")
    assert tombstone.detail == {"erased_by": "dpo@example.com", "reason": "candidate's request"}
    download.refresh_from_db()
    assert (download.kind, download.detail, download.path) == ("resume_download", {}, "")  # who/when stay


def test_erasing_twice_is_a_no_op(application):
    erase_application(application.pk, by="dpo", reason="request")

    assert erase_application(application.pk, by="dpo", reason="request").applications == 0


def test_a_review_job_arriving_after_erasure_does_nothing(application):
    review_id = application.portfolio_review_id
    erase_application(application.pk, by="dpo", reason="request")

    run_review(review_id, job_id=job_id_for(review_id), stuck_after=STUCK_AFTER)

    assert not PortfolioReview.objects.exists()


def test_the_candidate_stays_while_another_of_their_applications_does(application, submit, make_ad):
    other = make_ad(status="published", title="Staff Data Scientist")
    submit(other, form_data())

    erase_application(application.pk, by="dpo", reason="request")

    assert Candidate.objects.count() == 1 and Application.objects.count() == 1


def test_the_command_refuses_an_unknown_id_clearly(application):
    call_command("erase_application", str(application.pk), reason="request")

    with pytest.raises(Exception, match="nothing to erase"):
        call_command("erase_application", str(application.pk), reason="request")


def test_the_retention_purge_takes_only_applications_to_roles_closed_over_a_year_ago(
    application, make_ad, submit, recruiter, capsys
):
    recent = make_ad(status="published", title="Open role")
    submit(recent, form_data(email="bo@example.com", github_username=""))
    JobAd.objects.filter(pk=application.job_ad_id).update(
        status="closed", closed_at=timezone.now() - timedelta(days=400)
    )

    call_command("purge_expired", dry_run=True)
    assert "1 application(s) are past retention; nothing was erased (dry run)." in capsys.readouterr().out
    assert Application.objects.count() == 2

    call_command("purge_expired")
    call_command("purge_expired")  # idempotent

    assert list(Application.objects.values_list("candidate__email", flat=True)) == ["bo@example.com"]
    assert AuditEvent.objects.filter(kind="erased").count() == 1
