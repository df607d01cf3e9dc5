"""An interviewer offers times, the candidate books one on a phone, and both see it.

On the demo reviewed by the real worker: Nora offers Mei Tanaka (at screening) two times in
Europe/Berlin, with a video link, reads the email that tells her, and sends it. Mei opens her
status link on her phone, sees the times with their zone and offset from UTC, and chooses the
second; the page says it is booked and offers the calendar file. Nora's candidate page shows the
booking.
"""

from __future__ import annotations

import pytest

from hiring.demo.accounts import DEMO_PASSWORD
from hiring.models import CandidateEmail, InterviewSlot
from tests.e2e.test_manager_journey import application_of, demo  # noqa: F401 (the fixture)
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_times_offered_by_the_interviewer_are_booked_by_the_candidate(
    live_server,
    page,
    phone,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    mei = application_of("Mei Tanaka")
    sign_in(page, base, "nora", DEMO_PASSWORD)
    page.goto(f"{base}/staff/applications/{mei.pk}/")
    page.click("text=Offer times for the technical discussion")
    page.fill("#interview [name=first]", "2099-06-09T10:00")
    page.fill("#interview [name=second]", "2099-06-11T15:30")
    page.select_option("#interview [name=time_zone]", "Europe/Berlin")
    page.fill("#interview [name=where]", "https://meet.example/mei")
    shoot(page, "interview-1-offer")
    page.click("text=Offer these times")
    page.wait_for_selector("text=Offered 2 times.")
    body = page.input_value("[name=body]")  # the email, read before it goes
    assert "Thursday 11 June 2099, 15:30–16:15 Europe/Berlin (UTC+02:00)" in body
    assert f"/applications/{mei.status_token}/" in body
    shoot(page, "interview-1b-email")
    page.click("text=Send the email")
    page.wait_for_selector("text=Emailed the times to the candidate.")
    assert (
        "Thursday 11 June 2099, 15:30–16:15 Europe/Berlin (UTC+02:00)"
        in page.locator("#interview").inner_text()
    )
    assert CandidateEmail.objects.filter(application=mei, template="interview:offered").exists()

    phone.goto(f"{base}/applications/{mei.status_token}/")
    times = phone.locator(".interview-times li")
    assert times.count() == 2 and "Europe/Berlin (UTC+02:00)" in times.nth(0).inner_text()
    shoot(phone, "interview-2-choose")
    times.nth(1).locator("button:has-text('Choose this time')").click()
    phone.wait_for_selector("text=Booked: Thursday 11 June 2099, 15:30–16:15 Europe/Berlin")
    assert phone.locator("text=Add it to your calendar (.ics)").count() == 1
    assert library_wording(phone.content()) == []
    shoot(phone, "interview-3-booked")
    booked = InterviewSlot.objects.get(application=mei, booked_at__isnull=False)
    assert booked.where == "https://meet.example/mei"
    assert (
        "METHOD:REQUEST" in CandidateEmail.objects.get(application=mei, template="interview:booked").calendar
    )

    page.reload()
    assert "Booked by the candidate: Thursday 11 June 2099" in page.locator("#interview").inner_text()
    shoot(page, "interview-4-booked-staff")
