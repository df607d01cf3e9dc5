"""A recruiter rewrites the technical-discussion email and a hiring manager's move drafts from it.

On the demo reviewed by the real worker: Rita opens "Stage emails" from her workspace, writes the
invitation with placeholders, mistypes one (refused, her text kept), previews it filled for an
invented candidate and saves it. Nora then moves Mei Tanaka to the technical discussion and reads
Rita's text, filled for Mei, before confirming.
"""

from __future__ import annotations

import pytest

from hiring.demo.accounts import DEMO_PASSWORD
from hiring.models import CandidateEmail
from tests.e2e.test_manager_journey import application_of, demo  # noqa: F401 (the fixture)
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BODY = (
    "Hello {name},\n\nThe team behind {role} would like to hear how you built your projects.\n\n"
    "{organization}"
)


def test_a_recruiter_writes_a_stage_email_and_a_move_drafts_from_it(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    sign_in(page, base, "rita", DEMO_PASSWORD)
    page.click("text=Stage emails")
    page.locator("table.email-templates tr", has_text="Technical discussion").locator(
        "a", has_text="Edit"
    ).click()
    page.fill("[name=subject]", "A conversation about {role}")
    page.fill("[name=body]", BODY.replace("{name}", "{first_name}"))
    page.click("button:has-text('Save')")
    assert "Not a placeholder: {first_name}." in page.locator(".error-summary").inner_text()
    assert "{first_name}" in page.input_value("[name=body]"), "what she wrote is kept"
    page.fill("[name=body]", BODY)
    page.click("button:has-text('Preview')")
    preview = page.locator("#preview")
    assert "Hello Ada Lovelace," in preview.inner_text() and "Acme Analytics" in preview.inner_text()
    assert library_wording(page.content()) == []
    shoot(page, "stage-emails-1-preview")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=Saved the Technical discussion email.")
    shoot(page, "stage-emails-2-list")
    page.click("text=Sign out rita")

    mei = application_of("Mei Tanaka")
    sign_in(page, base, "nora", DEMO_PASSWORD)
    page.goto(f"{base}/staff/applications/{mei.pk}/")
    page.click("text=Next: reason and email")
    page.locator("#move-panel [name=subject]").wait_for()
    assert (
        page.input_value("#move-panel [name=subject]")
        == "A conversation about Machine Learning Engineer, Model Serving"
    )
    assert page.input_value("#move-panel [name=body]").startswith("Hello Mei Tanaka,")
    page.fill("#move-panel [name=reason]", "Clear serving work")
    page.click("text=Confirm the move")
    page.wait_for_selector("text=Moved Mei Tanaka to Technical discussion.")
    assert CandidateEmail.objects.get(application=mei, template="technical:stage").body.startswith(
        "Hello Mei"
    )
