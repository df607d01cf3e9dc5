"""Colleagues tell each other in notes, and see what is new on their home page and by email.

On the demo reviewed by the real worker, with Max reviewing Nora's serving ad: Max writes a note
on Mei Tanaka's application naming @nora. Nora's home lists it under "Notes that mention you",
the link opens Mei's notes, and she asks for the daily email, which the periodic process then
sends with the mention in it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail

from hiring.dashboard.digest import send_daily_digests
from hiring.demo.accounts import DEMO_PASSWORD
from hiring.demo.portfolios import MLE_AD
from hiring.models import HomeVisit
from jobads.models import JobAd
from tests.e2e.test_manager_journey import application_of, demo  # noqa: F401 (the fixture)
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_mention_in_a_note_reaches_the_colleagues_home_and_daily_email(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    nora, max_ = User.objects.get(username="nora"), User.objects.get(username="max")
    JobAd.objects.get(title=MLE_AD).reviewers.add(max_)
    HomeVisit.objects.filter(user=nora).delete()  # her first visit: the last week counts as new
    mei = application_of("Mei Tanaka")

    sign_in(page, base, "max", DEMO_PASSWORD)
    page.goto(f"{base}/staff/applications/{mei.pk}/")
    page.fill("[name=body]", "@nora the canary rollout story is worth a follow-up question.")
    page.click("text=Add note")
    page.wait_for_selector("text=Note added.")
    page.click("text=Sign out max")

    sign_in(page, base, "nora", DEMO_PASSWORD)
    news = page.locator("section.whats-new")
    assert "Max Manager on Mei Tanaka" in news.inner_text()
    assert "the canary rollout story" in news.inner_text()
    assert library_wording(page.content()) == []
    shoot(page, "whats-new-1-home")
    page.click("text=Send me a daily email")
    page.wait_for_selector("text=You will get a daily email of what is new.")
    page.click("section.whats-new >> text=Max Manager on Mei Tanaka")
    page.wait_for_url(f"**/staff/applications/{mei.pk}/#notes-heading")

    assert send_daily_digests() == 1
    digest = next(message for message in mail.outbox if message.to == [nora.email])
    assert "Max Manager on Mei Tanaka: “@nora the canary rollout story" in digest.body
