"""Interview scheduling: an interviewer offers times, the candidate books one from the status link,
both get an iCalendar invitation that updates on a new time and on a cancellation, and after the
interview the panel is reminded of the scorecards it owes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hiring.models import Application, CandidateEmail, InterviewSlot, Scorecard
from hiring.pipeline.interviews import remind_panels
from hiring.tasks import send_candidate_email
from tests.factories import form_data
from tests.hiring.dashboard_support import application_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
OFFER = {
    "first": "2099-06-09T10:00",
    "second": "2099-06-11T15:30",
    "time_zone": "Europe/Berlin",
    "minutes": "45",
    "where": "https://meet.example/abc",
    "send_email": "on",
}


@pytest.fixture
def offered(client, manager, application, django_capture_on_commit_callbacks) -> Application:
    Application.objects.filter(pk=application.pk).update(stage="technical")
    client.force_login(manager)
    offered = client.post(f"/staff/applications/{application.pk}/interview/offer/", OFFER, follow=True)
    draft = offered.context["form"].initial
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/staff/applications/{application.pk}/interview/email/", draft, follow=True)
    assert offered.redirect_chain[-1][0] == f"/staff/applications/{application.pk}/interview/email/"
    assert (
        "Offered 2 times." in offered.content.decode()
        and "Read the email before it goes" in offered.content.decode()
    )
    assert "Emailed the times to the candidate." in sent.content.decode()
    client.logout()
    return Application.objects.get(pk=application.pk)


def book(client, application: Application, slot: InterviewSlot, capture) -> str:
    with capture(execute=True):
        response = client.post(f"/applications/{application.status_token}/interview/{slot.pk}/", follow=True)
    return str(response.content.decode())


def test_times_are_offered_in_the_stated_zone_and_emailed_with_the_status_link(offered):
    slots = list(InterviewSlot.objects.order_by("starts_at"))
    email = CandidateEmail.objects.get(template="interview:offered")

    assert [s.starts_at for s in slots] == [
        datetime(2099, 6, 9, 8, 0, tzinfo=UTC),  # 10:00 in Berlin's summer time
        datetime(2099, 6, 11, 13, 30, tzinfo=UTC),
    ]
    assert "Tuesday 9 June 2099, 10:00–10:45 Europe/Berlin (UTC+02:00)" in email.body
    assert f"/applications/{offered.status_token}/" in email.body


def test_a_time_that_has_passed_is_refused_and_the_form_keeps_what_was_entered(client, manager, application):
    Application.objects.filter(pk=application.pk).update(stage="screening")
    client.force_login(manager)

    response = client.post(
        f"/staff/applications/{application.pk}/interview/offer/", {**OFFER, "first": "2001-01-01T10:00"}
    )

    assert response.status_code == 400
    assert "One of the times has passed" in response.content.decode()
    assert 'value="2001-01-01T10:00"' in response.content.decode()
    assert not InterviewSlot.objects.exists()


def test_the_times_email_is_edited_before_it_goes_and_none_is_offered_without_open_times(
    client, manager, application
):
    Application.objects.filter(pk=application.pk).update(stage="screening")
    client.force_login(manager)
    nothing_open = client.get(f"/staff/applications/{application.pk}/interview/email/")
    client.post(f"/staff/applications/{application.pk}/interview/offer/", {**OFFER, "send_email": ""})

    edited = client.post(
        f"/staff/applications/{application.pk}/interview/email/",
        {"subject": "Our times", "body": "Dear Ada, pick one on your page."},
    )

    assert nothing_open.status_code == 302
    assert edited.status_code == 302
    email = CandidateEmail.objects.get()
    assert (email.subject, email.body, email.template) == (
        "Our times",
        "Dear Ada, pick one on your page.",
        "interview:offered",
    )


def test_times_wait_until_the_application_is_screened(client, manager, application):
    client.force_login(manager)

    response = client.post(f"/staff/applications/{application.pk}/interview/offer/", OFFER)

    assert response.status_code == 400 and "once the application is at screening" in response.content.decode()
    assert not InterviewSlot.objects.exists()


def test_the_candidate_books_a_time_and_both_get_the_calendar_invitation(
    client, manager, offered, django_capture_on_commit_callbacks
):
    first = InterviewSlot.objects.order_by("starts_at")[0]
    status = client.get(f"/applications/{offered.status_token}/").content.decode()

    page = book(client, offered, first, django_capture_on_commit_callbacks)

    assert "Choose this time" in status and "Europe/Berlin (UTC+02:00)" in status
    assert "Booked: Tuesday 9 June 2099, 10:00–10:45 Europe/Berlin" in page and "your choice" in page
    invitation = CandidateEmail.objects.get(template="interview:booked")
    assert "METHOD:REQUEST" in invitation.calendar and "SEQUENCE:1" in invitation.calendar
    assert "DTSTART;TZID=Europe/Berlin:20990609T100000" in invitation.calendar
    assert (
        "BEGIN:VTIMEZONE" in invitation.calendar
        and "LOCATION:https://meet.example/abc" in invitation.calendar
    )
    to_interviewer = [m for m in mail.outbox if m.to == [manager.email]]
    assert len(to_interviewer) == 1 and to_interviewer[0].attachments[0][0] == "invitation.ics"

    send_candidate_email(invitation.pk)  # the worker's job: the calendar goes as an attachment
    sent = [m for m in mail.outbox if m.to == ["ada@example.com"]][-1]
    assert sent.attachments[0][2] == "text/calendar" and "BEGIN:VCALENDAR" in sent.attachments[0][1]


def test_choosing_another_time_reschedules_the_same_event_and_a_cancellation_ends_it(
    client, manager, offered, django_capture_on_commit_callbacks
):
    first, second = InterviewSlot.objects.order_by("starts_at")
    book(client, offered, first, django_capture_on_commit_callbacks)
    book(client, offered, second, django_capture_on_commit_callbacks)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/applications/{offered.pk}/interview/cancel/")

    booked, moved, cancelled = (
        CandidateEmail.objects.get(template=f"interview:{kind}").calendar
        for kind in ("booked", "new-time", "cancelled")
    )
    uid = f"UID:interview-{offered.pk}@"
    assert uid in booked and uid in moved and uid in cancelled, "one event, updated"
    assert ("SEQUENCE:1" in booked, "SEQUENCE:2" in moved, "SEQUENCE:3" in cancelled) == (True, True, True)
    assert "DTSTART;TZID=Europe/Berlin:20990611T153000" in moved
    assert "METHOD:CANCEL" in cancelled and "STATUS:CANCELLED" in cancelled
    assert not InterviewSlot.objects.filter(booked_at__isnull=False, cancelled_at__isnull=True).exists()


def test_a_link_books_only_its_own_applications_times(
    client, offered, submit, live_ad, django_capture_on_commit_callbacks
):
    submit(live_ad, form_data(email="grace@example.com", full_name="Grace Hopper", github_username="ghopper"))
    grace = Application.objects.get(candidate__full_name="Grace Hopper")
    adas = InterviewSlot.objects.first()
    assert adas is not None

    response = client.post(f"/applications/{grace.status_token}/interview/{adas.pk}/")

    assert response.status_code == 404 and not InterviewSlot.objects.filter(booked_at__isnull=False).exists()


def test_the_booked_interview_downloads_as_a_calendar_file(
    client, offered, django_capture_on_commit_callbacks
):
    none_yet = client.get(f"/applications/{offered.status_token}/interview.ics")
    book(client, offered, InterviewSlot.objects.order_by("starts_at")[0], django_capture_on_commit_callbacks)

    download = client.get(f"/applications/{offered.status_token}/interview.ics")

    assert none_yet.status_code == 404
    assert download["Content-Type"].startswith("text/calendar") and b"METHOD:PUBLISH" in download.content


def test_after_the_interview_the_panel_is_reminded_once_of_the_scorecards_it_owes(
    client, manager, other_manager, offered, django_capture_on_commit_callbacks
):
    offered.job_ad.reviewers.add(other_manager)
    slot = InterviewSlot.objects.order_by("starts_at").first()
    assert slot is not None
    book(client, offered, slot, django_capture_on_commit_callbacks)
    Scorecard.objects.create(
        application=offered, interviewer=other_manager, status="submitted", submitted_at=timezone.now()
    )
    mail.outbox.clear()

    during = remind_panels(now=slot.starts_at + timedelta(minutes=10))
    after = remind_panels(now=slot.ends_at + timedelta(minutes=1))
    again = remind_panels(now=slot.ends_at + timedelta(hours=2))

    assert (during, after, again) == (0, 1, 0)
    assert [m.to for m in mail.outbox] == [[manager.email]], "who submitted is not reminded"
    assert "Please submit your scorecard" in mail.outbox[0].body
