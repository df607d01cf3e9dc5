"""A recruiter drafts an ad from a role family, is told why it may not be published yet, fixes it,
and publishes it; the public page and its job-search data follow."""

from __future__ import annotations

import json
import re

import pytest

from jobads.models import JobAd
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-strong-test-password"


def sign_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/$"))


def test_a_recruiter_drafts_an_ad_is_blocked_from_publishing_then_publishes(
    live_server, page, recruiter, manager, shoot
):
    base = live_server.url
    sign_in(page, base, "rachel")
    page.click("text=Write a new ad")
    page.click("main >> text=Data Scientist")  # the family's duties as a starting point
    assert page.input_value("[name=responsibilities]").count("\n") >= 2
    page.fill("[name=title]", "Data Scientist, Pricing")
    page.fill("[name=team]", "Revenue")
    page.select_option("[name=owner]", label="morgan")
    page.fill("[name=location]", "Denver, CO")
    page.select_option("[name=country]", "US")
    page.check("[name=jurisdictions][value=US-CO]")
    page.fill("[name=pay_min]", "130000")
    page.fill("[name=pay_max]", "120000")  # below the minimum: a typo people make
    page.click("form.ad-form button[type=submit]")

    page.wait_for_function("document.activeElement?.id === 'error-summary'")  # focused once loaded
    assert "The maximum pay must be at least the minimum pay." in page.locator("#error-summary").inner_text()
    assert library_wording(page.content()) == []
    shoot(page, "recruiter-1-draft-refused")
    page.fill("[name=pay_max]", "165000")
    page.click("form.ad-form button[type=submit]")
    page.wait_for_selector("text=Draft saved.")
    assert page.locator("text=starting list, word for word").first.is_visible()

    page.click("button:has-text('Publish')")
    problems = page.locator(".messages").inner_text()
    assert "Colorado: A description of benefits and other compensation." in problems
    assert "Colorado: An application deadline, or applications marked ongoing." in problems
    assert JobAd.objects.get().status == "draft"
    shoot(page, "recruiter-2-publish-blocked")

    page.click("main >> text=Edit")
    page.fill(
        "[name=responsibilities]",
        "Price 3,000 subscription plans with demand models\nRun and read price experiments\n"
        "Explain elasticity to the sales team",
    )
    page.fill("[name=benefits]", "Health cover, a pension and a yearly learning budget.")
    page.check("[name=is_ongoing]")
    page.click("form.ad-form button[type=submit]")
    page.wait_for_selector("text=Changes saved.")
    page.click("button:has-text('Publish')")
    page.wait_for_selector("text=Published: the ad is live on the job board.")
    assert page.locator("text=starting list, word for word").count() == 0
    shoot(page, "recruiter-3-published")

    ad = JobAd.objects.get()
    page.goto(f"{base}/jobs/{ad.slug}/")
    assert "$130,000 \u2013 $165,000 per year" in page.locator("main").inner_text()
    posting = json.loads(page.locator("script[type='application/ld+json']").inner_text())
    assert (
        posting["hiringOrganization"]["name"] == "Acme Analytics" and posting["employmentType"] == "FULL_TIME"
    )
    shoot(page, "recruiter-4-public-page")

    page.goto(f"{base}/staff/ads/{ad.pk}/")
    page.click("text=Close…")
    assert "Close “Data Scientist, Pricing”?" in page.locator("h1").inner_text()
    assert JobAd.objects.get().status == "published", "nothing closes before the confirmation"
    shoot(page, "recruiter-5-close-confirm")
    page.click("button:has-text('Close the ad')")
    page.wait_for_selector("text=Closed.")
    assert JobAd.objects.get().status == "closed"
