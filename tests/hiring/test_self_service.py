"""What a candidate may do from their status link: withdraw (after confirming), and ask for their
application to be erased, which a recruiter confirms; afterwards the link says it was erased."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from hiring.models import Application, AuditEvent, Candidate, ErasureRequest, StageChange
from hiring.pipeline.stages import WITHDRAWN_BY_CANDIDATE
from tests.factories import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(submit, make_ad, private_storage, review_queue) -> Application:
    submit(make_ad(status="published"), form_data())
    return Application.objects.select_related("job_ad").get()


def link(application: Application, action: str = "") -> str:
    return f"/applications/{application.status_token}/" + (f"{action}/" if action else "")


# --- Withdrawing -----------------------------------------------------------------------------------


def test_a_candidate_withdraws_after_confirming_and_the_team_sees_their_words(client, application):
    status = client.get(link(application)).content.decode()
    unconfirmed = client.post(link(application, "withdraw"), {"why": "I took another offer."})
    stage_before = Application.objects.get().stage
    withdrawn = client.post(
        link(application, "withdraw"), {"why": "I took another offer.", "confirm": "on"}, follow=True
    )

    assert link(application, "withdraw") in status
    assert unconfirmed.status_code == 400 and "Tick the box to confirm" in unconfirmed.content.decode()
    assert stage_before == "applied", "nothing happens before the confirmation"
    page = withdrawn.content.decode()
    assert "You withdrew your application. Thank you for letting us know." in page
    assert "<strong>Withdrawn</strong>" in page and link(application, "withdraw") not in page
    change = StageChange.objects.get()
    assert (change.to_stage, change.by) == ("withdrawn", None)
    assert change.reason == f"{WITHDRAWN_BY_CANDIDATE}: I took another offer."
    assert AuditEvent.objects.filter(kind="stage_change", actor=None, application_id=application.pk).exists()


def test_the_hiring_team_reads_the_withdrawal_on_the_candidate_page(client, manager, application):
    client.post(link(application, "withdraw"), {"confirm": "on"})
    client.force_login(manager)

    page = client.get(f"/staff/applications/{application.pk}/").content.decode()

    assert "Moved to Withdrawn" in page and WITHDRAWN_BY_CANDIDATE in page


@pytest.mark.parametrize("stage", ["hired", "rejected", "withdrawn"])
def test_a_closed_application_cannot_be_withdrawn(client, application, stage):
    Application.objects.filter(pk=application.pk).update(stage=stage)

    page = client.get(link(application, "withdraw")).content.decode()
    posted = client.post(link(application, "withdraw"), {"confirm": "on"})

    assert "already closed, so there is nothing to withdraw" in page
    assert posted.status_code == 400 and not StageChange.objects.exists()
    assert link(application, "withdraw") not in client.get(link(application)).content.decode()


def test_a_forged_link_withdraws_nothing(client, application):
    forged = link(application, "withdraw").replace(
        application.status_token, application.status_token[:-2] + "xx"
    )

    assert client.post(forged, {"confirm": "on"}).status_code == 404
    assert Application.objects.get().stage == "applied"


# --- Asking for erasure, and a recruiter confirming it -------------------------------------------


def test_asking_for_erasure_is_recorded_once_and_said_on_the_status_page(client, application):
    unconfirmed = client.post(link(application, "erase"), {})
    asked_before = ErasureRequest.objects.exists()
    first = client.post(link(application, "erase"), {"confirm": "on"}, follow=True)
    client.post(link(application, "erase"), {"confirm": "on"})

    assert unconfirmed.status_code == 400 and not asked_before
    assert "We have your request." in first.content.decode()
    assert (
        "You asked on" in first.content.decode() and link(application, "erase") not in first.content.decode()
    )
    assert ErasureRequest.objects.count() == 1
    assert AuditEvent.objects.filter(kind="erasure_requested", application_id=application.pk).count() == 1


def test_a_recruiter_sees_the_request_by_reference_and_erases_it(client, recruiter, application):
    resume = Application.objects.get().resume.name
    assert resume and default_storage.exists(resume)
    client.post(link(application, "erase"), {"confirm": "on"})
    client.force_login(recruiter)

    listed = client.get("/staff/erasure-requests/").content.decode()
    asked = ErasureRequest.objects.get()
    with_erasure = client.post(f"/staff/erasure-requests/{asked.pk}/erase/", follow=True)

    assert str(application.pk) in listed and application.job_ad.title in listed
    assert "Ada" not in listed and "ada@example.com" not in listed, "a request names nobody"
    assert f"Erased application {application.pk}" in with_erasure.content.decode()
    assert not Application.objects.exists() and not Candidate.objects.exists()
    assert not ErasureRequest.objects.exists()
    tombstone = AuditEvent.objects.get(kind="erased", application_id=application.pk)
    assert tombstone.detail["erased_by"] == recruiter.username
    assert tombstone.detail["reason"].startswith("asked by the candidate on ")


def test_after_erasure_the_status_link_says_so_and_a_forged_one_is_still_a_404(
    client, recruiter, application
):
    client.post(link(application, "erase"), {"confirm": "on"})
    client.force_login(recruiter)
    client.post(f"/staff/erasure-requests/{ErasureRequest.objects.get().pk}/erase/")
    client.logout()

    erased = client.get(link(application))
    forged = client.get(link(application).replace(application.status_token, "not-a-token"))

    assert erased.status_code == 410 and "This application was erased" in erased.content.decode()
    assert "Ada" not in erased.content.decode()
    assert forged.status_code == 404


def test_hiring_managers_neither_see_nor_confirm_erasure_requests(client, manager, application):
    client.post(link(application, "erase"), {"confirm": "on"})
    client.force_login(manager)

    assert client.get("/staff/erasure-requests/").status_code == 403
    assert client.post(f"/staff/erasure-requests/{ErasureRequest.objects.get().pk}/erase/").status_code == 403
    assert Application.objects.exists()
    page = client.get(f"/staff/applications/{application.pk}/").content.decode()
    assert "Erasure asked for." in page, "the manager knows not to carry on with it"
