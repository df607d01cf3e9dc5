"""A hiring manager finds a person across their ads, on the demo reviewed by the real worker.

Max owns the experimentation and forecasting ads; Lena Fischer applied to both. He searches from the
navigation for her surname, sees both applications, opens one, and follows "Also applied to" to the
other. A skill finds everyone who lists it; a name no candidate has says so in words.
"""

from __future__ import annotations

import pytest

from hiring.demo.accounts import DEMO_PASSWORD
from hiring.demo.portfolios import DS_AD, FORECAST_AD
from hiring.models import Application
from tests.e2e.test_manager_journey import demo  # noqa: F401 (the fixture)
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_manager_finds_a_person_across_ads_and_follows_their_other_application(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    lena = {app.job_ad.title: app for app in Application.objects.filter(candidate__full_name="Lena Fischer")}
    assert set(lena) == {DS_AD, FORECAST_AD}
    sign_in(page, base, "max", DEMO_PASSWORD)

    page.click("nav >> text=Find a candidate")
    page.fill("#search-text", "fischer")
    page.press("#search-text", "Enter")
    page.wait_for_url("**/staff/search/?q=fischer")
    rows = page.locator("table.search-results tbody tr")
    assert rows.count() == 2
    assert {rows.nth(i).locator("td").first.inner_text() for i in range(2)} == {DS_AD, FORECAST_AD}
    assert "2 applications matching “fischer”" in page.inner_text("main")
    assert library_wording(page.content()) == []
    shoot(page, "search-1-surname")

    page.locator("table.search-results tbody tr", has_text=DS_AD).locator("th a").click()
    page.wait_for_url(f"**/staff/applications/{lena[DS_AD].pk}/")
    also = page.locator("ul.other-applications li")
    assert also.count() == 1 and FORECAST_AD in also.inner_text()
    shoot(page, "search-2-also-applied")
    also.locator("a").click()
    page.wait_for_url(f"**/staff/applications/{lena[FORECAST_AD].pk}/")
    assert DS_AD in page.locator("ul.other-applications").inner_text()

    page.goto(f"{base}/staff/search/?q=regression")  # a skill: everyone of max's ads who lists it
    assert page.locator("table.search-results tbody tr").count() >= 2
    page.fill("#search-text", "nobody-has-this-name")
    page.press("#search-text", "Enter")
    page.wait_for_url("**/staff/search/?q=nobody-has-this-name")
    assert "0 applications matching" in page.inner_text("main")
    assert "Try a shorter part of the name" in page.inner_text("main")
    shoot(page, "search-3-nothing")
