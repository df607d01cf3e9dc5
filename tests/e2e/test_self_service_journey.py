"""Candidates act on their own application from the status link; a recruiter confirms an erasure.

On the demo reviewed by the real worker: Ravi Menon, on his phone, withdraws after confirming,
and his status says so. Noor Aziz asks for her application to be erased; Rita, a recruiter,
finds the request under "Erasure requests" (a reference and an ad, no name) and erases it; Noor's
link then says the application was erased.
"""

from __future__ import annotations

import pytest

from hiring.demo.accounts import DEMO_PASSWORD
from hiring.models import Application, StageChange
from tests.e2e.test_manager_journey import application_of, demo  # noqa: F401 (the fixture)
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_candidate_withdraws_from_a_phone(
    live_server,
    phone,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    ravi = application_of("Ravi Menon")
    phone.goto(f"{live_server.url}/applications/{ravi.status_token}/")
    phone.click("text=withdraw your application")
    phone.fill("[name=why]", "I accepted another offer.")
    phone.click("button:has-text('Withdraw my application')")  # not confirmed yet
    assert "Tick the box to confirm" in phone.locator("main").inner_text()
    assert application_of("Ravi Menon").stage == ravi.stage
    shoot(phone, "self-service-1-withdraw-confirm")
    phone.check("[name=confirm]")
    phone.click("button:has-text('Withdraw my application')")

    phone.wait_for_selector("text=You withdrew your application. Thank you for letting us know.")
    assert "Withdrawn" in phone.locator(".status-badge").inner_text()
    assert library_wording(phone.content()) == []
    shoot(phone, "self-service-2-withdrawn")
    change = StageChange.objects.get(application=ravi, to_stage="withdrawn")
    assert change.by_candidate and change.reason.endswith("I accepted another offer.")


def test_a_candidate_asks_for_erasure_and_a_recruiter_confirms_it(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    noor = application_of("Noor Aziz")
    page.goto(f"{base}/applications/{noor.status_token}/")
    page.click("text=ask for erasure here")
    page.check("[name=confirm]")
    page.click("button:has-text('Ask for erasure')")
    page.wait_for_selector("text=We have your request.")
    assert "You asked on" in page.locator("main").inner_text()

    sign_in(page, base, "rita", DEMO_PASSWORD)
    page.click("nav >> text=Erasure requests")
    row = page.locator("table.erasure-requests tbody tr", has_text=str(noor.pk))
    assert "Noor" not in page.locator("main").inner_text(), "a request names nobody"
    shoot(page, "self-service-3-erasure-requests")
    row.locator("button:has-text('Erase now')").click()
    page.wait_for_selector(f"text=Erased application {noor.pk}")
    assert not Application.objects.filter(pk=noor.pk).exists()
    assert "No request is waiting." in page.locator("main").inner_text()

    page.goto(f"{base}/applications/{noor.status_token}/")
    assert "This application was erased" in page.locator("h1").inner_text()
    shoot(page, "self-service-4-erased")
