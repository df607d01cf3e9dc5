"""In a real browser: a hiring manager reads an ad's analytics (charts with tables beside them)."""

from __future__ import annotations

import pytest

from hiring.demo.bulk import create_applications
from tests.e2e.test_recruiter_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_manager_reads_the_analytics_of_an_ad_as_charts_and_tables(
    live_server, page, make_ad, manager, private_storage, shoot
):
    ad = make_ad(status="published")
    create_applications(ad, 120, seed=3)

    sign_in(page, live_server.url, "morgan")
    page.goto(f"{live_server.url}/staff/pipelines/{ad.pk}/")
    page.click("text=Analytics for this ad")

    assert page.locator("h1").inner_text().startswith("Analytics")
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 3
    assert "ask for more than the posted maximum" in page.locator("main").inner_text()
    page.locator("details summary").first.click()  # the table behind the first chart
    assert page.locator("details table").first.is_visible()
    shoot(page, "analytics")
