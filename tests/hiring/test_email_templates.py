"""Stage emails that recruiters write, for every ad or for one, with placeholders; a reviewer's move
drafts from them, and the draft is read (and editable) before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest

from hiring.models import Application, CandidateEmail, EmailTemplate
from tests.factories import form_data
from tests.hiring.dashboard_support import application_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
INVITATION = {
    "subject": "Let's talk about {role}",
    "body": (
        "Hi {name},\n\nPick a time that suits you:\n{slots}\nYour status: {status_link}\n\n{organization}"
    ),
}


def edit_url(stage: str, ad_id: int | None = None) -> str:
    return f"/staff/email-templates/{stage}/" + (f"ads/{ad_id}/" if ad_id else "")


def drafted(client, application: Application, to: str) -> dict[str, Any]:
    response = client.get(f"/staff/applications/{application.pk}/move/", {"to": to})
    assert response.status_code == 200
    initial: dict[str, Any] = response.context["form"].initial
    return initial


def test_a_recruiters_text_is_what_a_move_drafts_with_the_placeholders_filled(
    client, recruiter, manager, application, settings
):
    settings.SITE_URL = "https://jobs.acme.example"
    client.force_login(recruiter)
    saved = client.post(edit_url("technical"), {**INVITATION, "action": "save"}, follow=True)
    client.force_login(manager)

    draft = drafted(client, application, "technical")

    assert "Saved the Technical discussion email." in saved.content.decode()
    assert draft["subject"] == f"Let's talk about {application.job_ad.title}"
    assert draft["body"].startswith("Hi Ada Lovelace,")
    assert f"https://jobs.acme.example/applications/{application.status_token}/" in draft["body"]
    assert "{" not in draft["body"] and "Acme Analytics" in draft["body"]


def test_an_ads_own_text_wins_for_that_ad_only(client, recruiter, manager, application, make_ad, submit):
    other_ad = make_ad(status="published", title="ML Engineer, Serving")
    submit(
        other_ad, form_data(email="grace@example.com", full_name="Grace Hopper", github_username="ghopper")
    )
    grace = Application.objects.get(job_ad=other_ad)
    client.force_login(recruiter)
    client.post(edit_url("technical"), {**INVITATION, "action": "save"})
    own = {
        "subject": "Serving team chat: {role}",
        "body": "Dear {name}, the serving team would like to meet.",
    }
    client.post(edit_url("technical", application.job_ad_id), {**own, "action": "save"})
    client.force_login(manager)

    assert (
        drafted(client, application, "technical")["subject"]
        == f"Serving team chat: {application.job_ad.title}"
    )
    assert drafted(client, grace, "technical")["subject"] == "Let's talk about ML Engineer, Serving"
    assert EmailTemplate.objects.count() == 2


def test_an_unknown_placeholder_is_refused_and_nothing_is_saved(client, recruiter):
    client.force_login(recruiter)

    response = client.post(
        edit_url("screening"),
        {"subject": "Hi {name}", "body": "You asked {salary} and {candidate.email}", "action": "save"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Not a placeholder: {candidate.email}, {salary}." in page and "Use {name}, {role}" in page
    assert "You asked {salary}" in page, "what was written is kept"
    assert not EmailTemplate.objects.exists()


def test_the_preview_fills_an_invented_candidate_and_saves_nothing(client, recruiter):
    client.force_login(recruiter)

    response = client.post(edit_url("technical"), {**INVITATION, "action": "preview"})

    preview = response.context["preview"]
    assert preview["body"].startswith("Hi Ada Lovelace,") and "Tuesday 9 June" in preview["body"]
    assert not EmailTemplate.objects.exists()


def test_going_back_removes_the_teams_text_and_the_built_in_one_returns(
    client, recruiter, manager, application
):
    client.force_login(recruiter)
    client.post(edit_url("rejected"), {"subject": "Sorry, {name}", "body": "No.", "action": "save"})
    client.post(edit_url("rejected"), {"action": "reset"})
    client.force_login(manager)

    assert (
        drafted(client, application, "rejected")["subject"]
        == f"Your application for {application.job_ad.title}"
    )
    assert not EmailTemplate.objects.exists()


def test_a_stage_without_a_built_in_email_offers_one_once_written(client, recruiter, manager, application):
    client.force_login(manager)
    before = drafted(client, application, "offer")
    client.force_login(recruiter)
    client.post(
        edit_url("offer"),
        {
            "subject": "An offer for {role}",
            "body": "Dear {name}, we would like to offer you the role.",
            "action": "save",
        },
    )
    client.force_login(manager)

    assert before["subject"] == "" and before["send_email"] is False
    after = drafted(client, application, "offer")
    assert after["send_email"] is True and after["subject"] == f"An offer for {application.job_ad.title}"


def test_a_bulk_move_previews_and_sends_the_teams_text_and_the_timeline_shows_it(
    client, recruiter, manager, application, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    client.post(
        edit_url("screening"),
        {"subject": "Reading yours, {name}", "body": "Dear {name}, we are reading it.", "action": "save"},
    )
    client.force_login(manager)
    move = {"applications": [str(application.pk)], "to": "screening", "reason": "", "send_email": "on"}

    preview = client.post(f"/staff/pipelines/{application.job_ad_id}/move/", move)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/pipelines/{application.job_ad_id}/move/", {**move, "confirmed": "1"})
    page = client.get(f"/staff/applications/{application.pk}/").content.decode()

    assert "Reading yours, Ada Lovelace" in preview.content.decode()
    email = CandidateEmail.objects.get()
    assert (email.subject, email.template) == ("Reading yours, Ada Lovelace", "screening:stage")
    assert "Reading yours, Ada Lovelace" in page, "every email is on the candidate's timeline"
