"""A hiring manager works an ad's pipeline as columns, on the demo reviewed by the real worker.

Nora opens her serving ad's columns from the list, drags Ravi Menon's card onto "Screening": the
move step opens in a dialog with the stage's email drafted; she confirms, and his card is in the
Screening column. A long column shows its first cards and fetches more in place. On a phone, where
nothing is dragged, a card's Move link takes her through the same step and back to the columns.
"""

from __future__ import annotations

import pytest

from hiring.dashboard.kanban import CARDS_PER_COLUMN
from hiring.demo.accounts import DEMO_PASSWORD
from hiring.demo.bulk import create_applications
from hiring.demo.portfolios import MLE_AD
from hiring.models import Application, CandidateEmail
from jobads.models import JobAd
from tests.e2e.test_manager_journey import application_of, demo  # noqa: F401 (the fixture)
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def names_in(page, stage: str) -> list[str]:
    names: list[str] = page.locator(f'.kanban-column[data-stage="{stage}"] .card-name').all_inner_texts()
    return names


def drag_to_the_bar(page, card: str, stage: str) -> None:
    """A drag as a hand makes it: press, move a little (the bar of stages appears), drop on it."""
    page.hover(card)
    page.mouse.down()
    box = page.locator(card).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 + 20, box["y"] + box["height"] / 2 + 20, steps=4)
    page.hover(f'.drop-bar [data-stage="{stage}"]')
    page.mouse.up()


def test_a_manager_drags_a_card_to_screening_and_confirms_the_email(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    ravi = application_of("Ravi Menon")
    assert ravi.stage == "applied"
    sign_in(page, base, "nora", DEMO_PASSWORD)
    page.goto(f"{base}/staff/pipelines/{ravi.job_ad_id}/")
    page.click("nav.view-switch >> text=Columns by stage")
    page.wait_for_url(f"**/staff/pipelines/{ravi.job_ad_id}/columns/")
    assert "Ravi Menon" in names_in(page, "applied")
    assert library_wording(page.content()) == []
    shoot(page, "kanban-1-columns")

    page.drag_and_drop(f"#card-{ravi.pk}", '.kanban-column[data-stage="screening"]')
    dialog = page.locator("#move-dialog")
    dialog.locator("[name=reason]").wait_for()
    assert dialog.locator("h2").inner_text() == "Move Ravi Menon to Screening"
    assert "We are reading your application" in dialog.locator("[name=subject]").input_value()
    assert application_of("Ravi Menon").stage == "applied", "nothing moves before the confirmation"
    shoot(page, "kanban-2-move-dialog")
    dialog.locator("text=Confirm the move").click()

    page.wait_for_selector("text=Moved Ravi Menon to Screening.")
    assert page.url.endswith(f"/staff/pipelines/{ravi.job_ad_id}/columns/")
    assert "Ravi Menon" in names_in(page, "screening") and "Ravi Menon" not in names_in(page, "applied")
    assert application_of("Ravi Menon").stage == "screening"
    assert CandidateEmail.objects.filter(application=ravi).count() == 1

    # Dropped on the bar of stages that shows while dragging, then closed: nothing moved.
    mei = application_of("Mei Tanaka")
    drag_to_the_bar(page, f"#card-{mei.pk}", "rejected")  # its column is out of sight
    dialog.locator("[name=reason]").wait_for()
    dialog.locator("[data-close]").click()
    assert not dialog.is_visible() and application_of("Mei Tanaka").stage == mei.stage


def test_a_long_column_fetches_more_cards_in_place(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
):
    ad = JobAd.objects.get(title=MLE_AD)
    create_applications(ad, 3 * CARDS_PER_COLUMN, seed=11)
    at_applied = Application.objects.filter(job_ad=ad, stage="applied").count()
    assert at_applied > CARDS_PER_COLUMN + 1
    sign_in(page, live_server.url, "nora", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/staff/pipelines/{ad.pk}/columns/")
    assert len(names_in(page, "applied")) == CARDS_PER_COLUMN

    page.click('.kanban-column[data-stage="applied"] .kanban-more a')

    page.locator('.kanban-column[data-stage="applied"] .card-name').nth(CARDS_PER_COLUMN).wait_for()
    assert len(names_in(page, "applied")) == min(at_applied, 2 * CARDS_PER_COLUMN)
    assert page.url.endswith(f"/staff/pipelines/{ad.pk}/columns/"), "fetched in place"


def test_on_a_phone_a_cards_move_link_takes_the_same_step_and_comes_back(
    live_server,
    phone,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    mei = application_of("Mei Tanaka")
    assert mei.stage == "screening"
    sign_in(phone, live_server.url, "nora", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/staff/pipelines/{mei.job_ad_id}/columns/")

    phone.locator(f"#card-{mei.pk} .card-move").click()
    assert phone.locator("#move-to").input_value() == "technical", "the next stage is preselected"
    phone.click("text=Next: reason and email")
    phone.fill("[name=reason]", "Clear on canary releases")
    assert "An invitation to talk about" in phone.input_value("[name=subject]")
    shoot(phone, "kanban-3-phone-move")
    phone.click("text=Confirm the move")

    phone.wait_for_selector("text=Moved Mei Tanaka to Technical discussion.")
    assert phone.url.endswith(f"/staff/pipelines/{mei.job_ad_id}/columns/")
    assert "Mei Tanaka" in names_in(phone, "technical")
