"""A hiring manager triages with the keyboard alone, on the demo reviewed by the real worker.

Nora signs in by typing, walks her board's rows with j and k (the chosen row visibly focused),
opens one with o, moves the candidate with m and the Tab key, searches with /, opens a result,
reads the list of shortcuts with ? and closes it with Escape. Typing j, o, / or ? into a field only
types them. No mouse event is sent anywhere in this test.
"""

from __future__ import annotations

import re

import pytest

from hiring.demo.accounts import DEMO_PASSWORD
from hiring.demo.portfolios import MLE_AD
from hiring.models import Application, StageChange
from jobads.models import JobAd
from tests.e2e.test_manager_journey import demo  # noqa: F401 (the fixture)
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def tab_to(page, selector: str, limit: int = 25) -> None:
    """Press Tab until the focus is on ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.locator(f"{selector}:focus").count():
            return
    raise AssertionError(f"{selector} was not reached with Tab")


def sign_in_by_keyboard(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("[name=username]:focus").wait_for()  # the sign-in page puts the cursor there
    page.keyboard.type("nora")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/")


def focused_row(page) -> str:
    """The open link of the focused row or card."""
    return page.locator("[data-shortcut-item]:focus").get_attribute("data-open-url") or ""


def test_a_manager_triages_without_a_mouse(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
    shoot,
):
    base = live_server.url
    ad = JobAd.objects.get(title=MLE_AD)
    sign_in_by_keyboard(page, base)

    page.goto(f"{base}/staff/pipelines/{ad.pk}/")
    rows = [
        row.get_attribute("data-open-url")
        for row in page.locator("table.board tbody tr[data-shortcut-item]").all()
    ]
    assert len(rows) >= 3
    page.keyboard.press("j")
    assert focused_row(page) == rows[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert focused_row(page) == rows[1]
    outline = page.locator("[data-shortcut-item]:focus").evaluate("row => getComputedStyle(row).outlineStyle")
    assert outline == "solid", "the chosen row is visibly focused"
    shoot(page, "keyboard-1-board-row")
    page.keyboard.press("o")
    page.wait_for_url(f"**{rows[1]}")

    application = Application.objects.get(pk=re.findall(r"[0-9a-f-]{36}", rows[1] or "")[0])
    page.keyboard.press("m")
    assert page.locator("#move-to:focus").count() == 1
    chosen = page.locator("#move-to").input_value()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Next: reason and email"
    page.locator("#move-panel [name=reason]").wait_for()
    tab_to(page, "#move-panel [name=reason]")
    page.keyboard.type("Read with the keyboard: clear serving work")
    tab_to(page, "#move-panel button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Moved")
    change = StageChange.objects.get(application=application, reason__startswith="Read with the keyboard")
    assert change.to_stage == chosen

    page.keyboard.press("/")  # no search field on a candidate's page: the search across ads
    page.wait_for_url("**/staff/search/")
    page.locator("#search-text:focus").wait_for()  # the search page puts the cursor in its field
    page.keyboard.type("jo/?")  # typed into the field (it has the focus), never taken as shortcuts
    assert page.locator("#search-text").input_value() == "jo/?"
    assert not page.locator("#shortcuts-help").is_visible() and page.url.endswith("/staff/search/")
    page.keyboard.press("Control+a")
    page.keyboard.type("menon")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/search/?q=menon")
    page.keyboard.press("j")
    ravi = Application.objects.get(candidate__full_name="Ravi Menon")
    assert focused_row(page) == f"/staff/applications/{ravi.pk}/"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/applications/{ravi.pk}/")

    page.keyboard.press("?")
    help_list = page.locator("#shortcuts-help")
    assert help_list.is_visible() and "Move the chosen candidate" in help_list.inner_text()
    assert library_wording(page.content()) == []
    shoot(page, "keyboard-2-shortcuts")
    page.keyboard.press("Escape")
    assert not help_list.is_visible()


def test_in_the_columns_j_chooses_a_card_and_m_opens_its_move(
    live_server,
    page,
    demo,  # noqa: F811 (the fixture imported above)
):
    ad = JobAd.objects.get(title=MLE_AD)
    sign_in_by_keyboard(page, live_server.url)
    columns = f"{live_server.url}/staff/pipelines/{ad.pk}/columns/"
    page.goto(columns)

    page.keyboard.press("/")  # the columns' own search field, in its folded filters
    assert page.locator("[name=q]:focus").count() == 1
    page.keyboard.type("k")
    assert page.locator("[name=q]").input_value() == "k" and page.locator(".kanban-card:focus").count() == 0

    page.goto(columns)
    page.keyboard.press("j")
    first = page.locator(".kanban-card[data-shortcut-item]").first
    assert page.locator(".kanban-card:focus").get_attribute("id") == first.get_attribute("id")
    page.keyboard.press("m")

    page.wait_for_url(re.compile(r"/move/\?next="))
    assert page.locator("#move-to").count() == 1, "the move asks the stage first"
    assert f"/staff/pipelines/{ad.pk}/columns/" in page.url
