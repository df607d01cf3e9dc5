"""A candidate, on a phone, finds a role, applies with bad input, then good, and checks the status.

What is checked is what a candidate meets: after a refused submit the summary of what to fix has
the focus and is on screen (not 1,350 px above it), every message is written for them, the
minimum above the range is confirmed next to its hint, and one more submit is enough.
"""

from __future__ import annotations

import re

import pytest

from hiring.models import Application
from tests.e2e.conftest import PHONE
from tests.resume_files import make_pdf
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_candidate_applies_from_a_phone_with_bad_input_then_good(
    live_server, phone, make_ad, private_storage, review_queue, tmp_path, shoot
):
    ad = make_ad(status="published")
    resume = tmp_path / "ada-cv.pdf"
    resume.write_bytes(make_pdf("Senior Data Scientist. Statistics, A/B testing, regression, pandas."))

    phone.goto(f"{live_server.url}/jobs/")
    phone.click(f"text={ad.title}")
    assert "$140,000 \u2013 $175,000 per year" in phone.locator("main").inner_text()
    shoot(phone, "candidate-1-ad")
    phone.click("text=Apply for this role")

    phone.fill("[name=email]", "ada.example.com")
    phone.fill("[name=years_experience]", "70")
    phone.fill("[name=salary_text]", "lots")
    phone.fill("[name=projects]", "churn-model")  # a name, with no GitHub profile to find it under
    phone.set_input_files("[name=resume]", str(resume))
    phone.click("form.apply-form button[type=submit]")

    summary = phone.locator("#error-summary")
    phone.wait_for_function("document.activeElement?.id === 'error-summary'")  # focused once loaded
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2, "the summary is on screen, near the top"
    assert "Full name: Enter your full name." in summary.inner_text()
    assert "Email: An email address needs an @, like name@example.com." in summary.inner_text()
    assert "Give your GitHub profile above to name churn-model, or give its github.com link." in (
        summary.inner_text()
    )
    assert library_wording(phone.content()) == []
    shoot(phone, "candidate-2-refused")

    phone.click("#error-summary >> text=Full name")
    assert phone.evaluate("document.activeElement.name") == "full_name"
    fields = {
        "full_name": "Ada Lovelace", "email": "ada@example.com", "location": "London",
        "current_title": "Senior Data Scientist", "years_experience": "7",
        "skills": "statistics, A/B testing, regression, pandas", "github_username": "", "projects": "",
    }  # fmt: skip
    for name, value in fields.items():
        phone.fill(f"[name={name}]", value)
    phone.fill("[name=salary_text]", "210,000")
    phone.keyboard.press("Tab")
    phone.wait_for_selector("text=You can still apply: tick the box below")
    phone.check("[name=confirm_salary]")
    phone.check("[name=consent]")
    assert phone.locator("text=Your résumé is attached already").is_visible()
    shoot(phone, "candidate-3-corrected")
    with phone.expect_navigation(url=re.compile(r"/received/(#.*)?$")):
        phone.click("form.apply-form button[type=submit]")

    shoot(phone, "candidate-4-received")
    phone.click("text=Your application's status")
    assert "Received" in phone.locator("main").inner_text()
    assert phone.locator("a[href^='mailto:']", has_text="write to us").count() == 1
    shoot(phone, "candidate-5-status")

    application = Application.objects.get()
    assert application.candidate.full_name == "Ada Lovelace"
    assert list(application.flags.values_list("kind", flat=True)) == ["no_portfolio", "salary_above_range"]
