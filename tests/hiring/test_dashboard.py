"""The reviewer dashboard over HTTP: who reaches what (D1, D2), the board, the candidate page,
stage moves with their emails and audit trail, notes, résumé downloads and the live review status."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.html import escape

from hiring.models import Application, AuditEvent, CandidateEmail, Note, StageChange
from portfolios.models import PortfolioReview
from tests.hiring.dashboard_support import (  # noqa: F401
    application_fixture,
    finished_review_fixture,
    with_sample_score,
)
from tests.portfolio_samples import SAMPLES, portfolio_score

pytestmark = pytest.mark.django_db


def board_url(app: Application) -> str:
    return f"/staff/pipelines/{app.job_ad_id}/"


def detail_url(app: Application) -> str:
    return f"/staff/applications/{app.pk}/"


# --- Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "resume/", "review/"])
def test_anonymous_visitors_are_sent_to_login_from_every_candidate_url(client, application, suffix):
    response = client.get(detail_url(application) + suffix)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_signed_in_user_without_a_role_gets_403_on_the_board(client, outsider, application):
    client.force_login(outsider)

    assert client.get(board_url(application)).status_code == 403


@pytest.mark.parametrize("suffix", ["", "resume/", "review/"])
def test_another_managers_application_is_a_404_and_the_attempt_is_audited(
    client, other_manager, application, suffix
):
    client.force_login(other_manager)

    response = client.get(detail_url(application) + suffix)

    assert response.status_code == 404
    denied = AuditEvent.objects.get(kind="access_denied")
    assert (denied.actor, denied.application_id) == (other_manager, application.pk)


def test_another_managers_board_is_a_404(client, other_manager, application):
    client.force_login(other_manager)

    assert client.get(board_url(application)).status_code == 404
    assert AuditEvent.objects.filter(kind="access_denied", detail__ad=application.job_ad_id).exists()


def test_the_owner_reaches_the_board_and_the_nav_names_pipelines(client, manager, application):
    client.force_login(manager)

    page = client.get(board_url(application)).content.decode()

    assert "Ada Lovelace" in page and "Pipelines" in page


def test_recruiters_see_no_candidate_but_read_the_ads_analytics(client, recruiter, application):
    client.force_login(recruiter)

    refused = [client.get(url).status_code for url in (board_url(application), detail_url(application))]
    analytics = client.get(board_url(application) + "analytics/").content.decode()

    assert refused == [403, 403]
    assert "Ada Lovelace" not in analytics and "1 application" in analytics
    assert "Pipelines" not in client.get("/staff/").content.decode()


# --- Board --------------------------------------------------------------------------------------


def test_the_board_shows_flags_scores_salary_and_role_fit(client, manager, finished_review):
    client.force_login(manager)

    page = client.get(board_url(finished_review)).content.decode()

    assert "Salary above range" in page
    assert "200,000 USD per year" in page
    overall = finished_review.portfolio_review.score["overall"]
    assert f'title="Overall portfolio score">{overall}</strong>' in page
    assert "Testing:" in page and "Fits the ad" in page


def test_the_board_filters_by_stage_flag_and_search(client, manager, application):
    client.force_login(manager)
    url = board_url(application)

    assert "Ada Lovelace" in client.get(url, {"flag": "salary_above_range", "q": "ADA@"}).content.decode()
    assert "Ada Lovelace" not in client.get(url, {"stage": "screening"}).content.decode()
    assert "Ada Lovelace" not in client.get(url, {"flag": "copied_repository"}).content.decode()


def test_a_pending_review_polls_its_status_fragment_until_it_is_final(client, manager, application):
    client.force_login(manager)

    pending = client.get(detail_url(application) + "review/").content.decode()
    review = application.portfolio_review
    review.status = "done"
    review.save()
    done = client.get(detail_url(application) + "review/").content.decode()

    assert 'hx-trigger="every 3s"' in pending and "Waiting for a worker" in pending
    assert "hx-trigger" not in done


def test_a_review_restarted_after_its_worker_died_says_so_while_it_runs_again(client, manager, application):
    client.force_login(manager)
    review = application.portfolio_review
    review.restarted_at = timezone.now()
    review.save()

    on_the_board = client.get(detail_url(application) + "review/").content.decode()
    on_its_page = client.get(detail_url(application) + "review/", {"detailed": "1"}).content.decode()

    assert "Waiting for a worker" in on_the_board and "Review restarted" in on_the_board
    assert "took it over" not in on_the_board  # a board cell is narrow
    assert "the worker reading it stopped, so another one took it over" in on_its_page
    assert "review/?detailed=1" in on_its_page  # it keeps polling as the candidate page's fragment


def test_the_csv_export_carries_flag_codes_and_scores_and_defuses_formulas(client, manager, finished_review):
    candidate = finished_review.candidate
    candidate.full_name = '=HYPERLINK("http://evil.example")'
    candidate.save()
    client.force_login(manager)

    response = client.get(board_url(finished_review) + "export.csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"].startswith("attachment;")
    assert rows[0]["Flags"] == "Salary above range"
    assert rows[0]["Overall score"] == str(finished_review.portfolio_review.score["overall"])
    assert rows[0]["Name"].startswith("'=")
    assert [rows[0][key] for key in ("Stage", "Portfolio review", "Role fit")] == [
        "Applied",
        "Done",
        "Fits the ad",
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows[0]["Applied"])


def test_a_bulk_move_records_each_change_and_asks_a_reason_to_reject(client, manager, application):
    client.force_login(manager)
    url = board_url(application) + "move/"

    refused = client.post(
        url, {"applications": [application.pk], "to": "rejected", "reason": ""}, follow=True
    )
    client.post(url, {"applications": [application.pk], "to": "screening", "reason": "Looks promising"})

    assert "Say why" in refused.content.decode()
    application.refresh_from_db()
    assert application.stage == "screening"
    assert StageChange.objects.get().reason == "Looks promising"


# --- Candidate page -----------------------------------------------------------------------------


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_page_of_an_application_renders_whatever_the_analyzer_found(
    client, manager, application, sample
):
    with_sample_score(application, sample)
    client.force_login(manager)
    urls = [detail_url(application), detail_url(application) + "review/", board_url(application)]

    pages = {url: client.get(url) for url in [*urls, board_url(application) + "export.csv"]}

    assert {url: page.status_code for url, page in pages.items()} == dict.fromkeys(pages, 200)
    for subscore in portfolio_score(sample).subscores:
        assert escape(subscore.sentence) in pages[detail_url(application)].content.decode()


def test_a_portfolio_with_too_little_code_says_so_instead_of_a_score(client, manager, application):
    with_sample_score(application, "nothing_parsable")
    client.force_login(manager)

    page = client.get(detail_url(application)).content.decode()
    board = client.get(board_url(application)).content.decode()

    assert "Not enough code to score: only Testing and Own work could be judged" in page
    assert 'class="score"' not in page and "Not enough code to score" in board
    assert "not a ranking of candidates" in page


def test_the_candidate_page_says_how_the_overall_score_is_formed(client, manager, finished_review):
    client.force_login(manager)

    page = client.get(detail_url(finished_review)).content.decode()

    expected = "the average of the aspects that could be judged, where Testing and Own work count 1.5 times"
    assert expected in page


def test_the_candidate_page_explains_flags_the_portfolio_and_prompts(client, manager, finished_review):
    client.force_login(manager)

    page = client.get(detail_url(finished_review)).content.decode()

    assert "Asks at least" in page  # the salary flag's sentence
    assert "candidate/churn" in page and "No tests found." in page
    assert "Ask how the hyperparameters in candidate/churn: churn/train.py:9 were chosen" in page


def test_moving_to_technical_drafts_an_invitation_that_staff_edit_before_it_is_queued(
    client, manager, application, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = detail_url(application) + "move/"

    draft = client.get(url, {"to": "technical"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"to": "technical", "reason": "Strong portfolio", "send_email": "on", "subject": "Let us talk",
             "body": "Dear Ada, edited by hand."},
        )  # fmt: skip

    assert "An invitation to talk about" in draft
    email = CandidateEmail.objects.get()
    assert (email.subject, email.body, email.status) == ("Let us talk", "Dear Ada, edited by hand.", "queued")
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.by) == ("applied", "technical", manager)
    assert AuditEvent.objects.filter(kind="stage_change", application_id=application.pk).count() == 1


def test_rejecting_without_a_reason_is_refused_and_nothing_moves(client, manager, application):
    client.force_login(manager)

    response = client.post(detail_url(application) + "move/", {"to": "rejected", "reason": " "})

    assert response.status_code == 200 and "Say why" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == "applied" and not StageChange.objects.exists()


def test_retry_review_on_the_board_retries_that_review_and_returns_to_the_board(client, manager, application):
    PortfolioReview.objects.filter(pk=application.portfolio_review_id).update(status="failed", reason="x")
    client.force_login(manager)
    board = board_url(application) + "?stage=applied"

    back = client.post(detail_url(application) + "review/retry/", {"next": board})
    away = client.post(detail_url(application) + "review/retry/", {"next": "https://evil.example/staff/"})

    assert back.status_code == 302 and back["Location"] == board
    assert away["Location"] == detail_url(application)
    application.refresh_from_db()
    assert application.portfolio_review.status == "pending" and application.stage == "applied"
    assert not StageChange.objects.exists() and not CandidateEmail.objects.exists()


def test_the_decision_and_its_reason_show_on_the_candidate_page(client, manager, application):
    client.force_login(manager)
    client.post(detail_url(application) + "move/", {"to": "rejected", "reason": "Chose a closer match"})

    page = client.get(detail_url(application)).content.decode()

    assert "Decision: Rejected" in page and "Chose a closer match" in page


# --- Notes --------------------------------------------------------------------------------------


def test_notes_render_markdown_safely(client, manager, application):
    client.force_login(manager)
    body = (
        "**Strong** on stats <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )

    client.post(detail_url(application) + "notes/", {"body": body})
    page = client.get(detail_url(application)).content.decode()

    assert "<strong>Strong</strong>" in page
    assert "<script>alert" not in page and "javascript:" not in page and "onerror" not in page


def test_a_private_note_is_read_by_its_author_only(client, manager, other_manager, superuser, application):
    application.job_ad.reviewers.add(other_manager)  # a colleague who triages the same ad
    client.force_login(manager)
    client.post(detail_url(application) + "notes/", {"body": "Salary talk went well", "is_private": "on"})
    client.post(detail_url(application) + "notes/", {"body": "Shared summary"})
    own = client.get(detail_url(application)).content.decode()

    for reader in (other_manager, superuser):
        client.force_login(reader)
        page = client.get(detail_url(application)).content.decode()
        assert "Shared summary" in page and "Salary talk went well" not in page
    assert "Salary talk went well" in own


def test_only_the_author_edits_a_note_and_every_version_is_kept(client, manager, other_manager, application):
    application.job_ad.reviewers.add(other_manager)
    client.force_login(manager)
    client.post(detail_url(application) + "notes/", {"body": "First take"})
    note = Note.objects.get()
    client.post(f"/staff/notes/{note.pk}/edit/", {"body": "Second take"})
    client.force_login(other_manager)

    assert client.post(f"/staff/notes/{note.pk}/edit/", {"body": "Hijack"}).status_code == 404
    note.refresh_from_db()
    assert note.body == "Second take"
    assert [r.body for r in note.revisions.all()] == ["Second take", "First take"]


# --- Résumé -------------------------------------------------------------------------------------


def test_a_resume_downloads_as_a_sandboxed_attachment_and_is_audited(client, manager, application):
    Application.objects.filter(pk=application.pk).update(resume_name="../../cv\u202efdp.exe")
    client.force_login(manager)

    response = client.get(detail_url(application) + "resume/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cvfdp.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.get(kind="resume_download").actor == manager


def test_superusers_read_the_audit_log_in_the_admin(client, superuser, manager, application):
    client.force_login(manager)
    client.get(detail_url(application) + "resume/")
    client.force_login(superuser)

    page = client.get("/admin/hiring/auditevent/").content.decode()

    assert "Résumé downloaded" in page and "morgan" in page


# --- Live review status -------------------------------------------------------------------------


def test_a_failed_review_shows_its_reason_and_a_retry_puts_it_back_in_the_queue(
    client, manager, application, review_queue, django_capture_on_commit_callbacks
):
    review = application.portfolio_review
    review.status, review.reason = "failed", "GitHub did not answer; try again later."
    review.save()
    client.force_login(manager)

    page = client.get(detail_url(application)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail_url(application) + "review/retry/")

    assert "GitHub did not answer" in page and "Retry review" in page
    review.refresh_from_db()
    assert review.status == "pending" and review.reason == ""
    assert review_queue.fetch_job(f"portfolio-review-{review.pk}") is not None


def test_recruiters_see_stages_but_cannot_read_private_notes_even_by_count(client, recruiter, application):
    Note.objects.create(
        application=application, author=User.objects.get(username="morgan"), body="x", is_private=True
    )
    client.force_login(recruiter)

    assert "Private note" not in client.get(detail_url(application)).content.decode()


def test_a_bulk_move_with_emails_shows_them_first_and_sends_only_when_confirmed(
    client, manager, application, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = board_url(application) + "move/"
    data = {"applications": [application.pk], "to": "rejected", "reason": "Closer", "send_email": "on"}

    preview = client.post(url, data).content.decode()
    assert "Check the emails before they go" in preview and "Dear Ada Lovelace" in preview
    assert not StageChange.objects.exists() and not CandidateEmail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "confirmed": "1"})

    assert StageChange.objects.get().to_stage == "rejected"
    assert CandidateEmail.objects.get().subject.startswith("Your application for")
