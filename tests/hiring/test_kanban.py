"""An ad's pipeline as columns: a column per stage with its cards, the board's filters, "Show more"
for long columns, a fixed number of queries at any size, and a card moved through the same
stage-move step as the candidate page (reason, email), back to the columns."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hiring.dashboard import kanban
from hiring.demo.bulk import create_applications
from hiring.models import Application, StageChange
from tests.factories import form_data
from tests.hiring.dashboard_support import (  # noqa: F401
    application_fixture,
    finished_review_fixture,
    with_sample_score,
)

pytestmark = pytest.mark.django_db


def columns_url(ad_id: int, stage: str = "") -> str:
    return f"/staff/pipelines/{ad_id}/columns/" + (f"{stage}/" if stage else "")


def cards(page: str, stage: str) -> list[str]:
    """The names on the cards of ``stage``'s column, top to bottom."""
    column = re.search(rf'data-stage="{stage}".*?</section>', page, re.S)
    assert column, f"no {stage} column"
    return re.findall(r'class="card-name">([^<]+)</a>', column.group(0))


@pytest.fixture
def three(submit, live_ad, private_storage, review_queue):
    """Ada (scored, asking above the range), Grace at screening, Alan rejected."""
    submit(live_ad, form_data(salary_text="$200,000", confirm_salary="on"))
    submit(live_ad, form_data(full_name="Grace Hopper", email="grace@example.com", github_username="ghopper"))
    submit(live_ad, form_data(full_name="Alan Turing", email="alan@example.com", github_username="aturing"))
    by_name = {
        a.candidate.full_name: a for a in Application.objects.select_related("candidate", "portfolio_review")
    }
    with_sample_score(by_name["Ada Lovelace"], "modelling")
    Application.objects.filter(pk=by_name["Grace Hopper"].pk).update(stage="screening")
    Application.objects.filter(pk=by_name["Alan Turing"].pk).update(stage="rejected")
    return by_name


def test_each_stage_is_a_column_of_cards_with_flags_score_and_pay(client, manager, three):
    client.force_login(manager)
    ada = Application.objects.get(pk=three["Ada Lovelace"].pk)

    response = client.get(columns_url(ada.job_ad_id))

    page = response.content.decode()
    assert [c.label for c in response.context["columns"]] == [label for _, label in Application.Stage.choices]
    assert cards(page, "applied") == ["Ada Lovelace"]
    assert cards(page, "screening") == ["Grace Hopper"]
    assert cards(page, "rejected") == [] and "Show the first 1 of 1" in page  # collapsed: asked for
    assert cards(page, "technical") == [] and "No one here." in page
    found = re.search(rf'id="card-{ada.pk}".*?</li>\s*</ul>', page, re.S)
    assert found, "Ada's card and its flags"
    ada_card = found.group(0)
    assert f"{ada.overall_score}<span" in ada_card and "asks 200,000 USD per year" in ada_card
    assert "Salary above range" in ada_card
    assert 'aria-current="page">Columns by stage' in page


def test_the_rejected_column_is_counted_and_shows_its_cards_when_asked(client, manager, three):
    client.force_login(manager)
    ad_id = three["Alan Turing"].job_ad_id

    page = client.get(columns_url(ad_id)).content.decode()
    shown = client.get(columns_url(ad_id, "rejected"), {"page": 1}, HTTP_HX_REQUEST="true").content.decode()

    rejected = re.search(r'data-stage="rejected".*?</section>', page, re.S)
    assert rejected and '<span class="count" aria-label="1 application">1</span>' in rejected.group(0)
    assert f'hx-get="/staff/pipelines/{ad_id}/columns/rejected/?page=1"' in rejected.group(0)
    assert re.findall(r'class="card-name">([^<]+)</a>', shown) == ["Alan Turing"]
    assert "kanban-more" not in shown


def test_the_boards_filters_narrow_every_column(client, manager, three):
    client.force_login(manager)
    ad_id = three["Ada Lovelace"].job_ad_id

    flagged = client.get(columns_url(ad_id), {"flag": "salary_above_range"}).content.decode()
    searched = client.get(columns_url(ad_id), {"q": "hopper", "stage": "rejected"}).content.decode()

    assert cards(flagged, "applied") == ["Ada Lovelace"] and cards(flagged, "screening") == []
    assert cards(searched, "screening") == ["Grace Hopper"]  # the stage filter is the columns themselves
    assert cards(searched, "applied") == [] and "No one here who matches." in searched


def test_a_long_column_shows_its_first_cards_and_the_rest_on_demand(
    client, manager, live_ad, private_storage, monkeypatch
):
    monkeypatch.setattr(kanban, "CARDS_PER_COLUMN", 4)
    create_applications(live_ad, 60, seed=5)
    client.force_login(manager)
    applied = Application.objects.filter(job_ad=live_ad, stage="applied").count()
    assert applied > 9, "the builder puts most applications at the first stage"

    page = client.get(columns_url(live_ad.pk)).content.decode()
    second = client.get(columns_url(live_ad.pk, "applied"), {"page": 2}, HTTP_HX_REQUEST="true")
    last_page = (applied + 3) // 4
    last = client.get(columns_url(live_ad.pk, "applied"), {"page": last_page}).content.decode()

    newest = list(
        Application.objects.filter(job_ad=live_ad, stage="applied")
        .order_by("-created_at", "-pk")
        .values_list("candidate__full_name", flat=True)
    )
    assert cards(page, "applied") == newest[:4]
    assert f"Show 4 more of {applied - 4}" in page
    assert f'href="/staff/pipelines/{live_ad.pk}/?stage=applied"' in page  # the list: the no-JavaScript path
    fragment = second.content.decode()
    assert re.findall(r'class="card-name">([^<]+)</a>', fragment) == newest[4:8]
    assert "<html" not in fragment and f"more of {applied - 8}" in fragment
    assert "Show" not in last.split("kanban-card")[-1] and len(
        re.findall("card-name", last)
    ) == applied - 4 * (last_page - 1)


def test_cards_in_a_column_follow_the_chosen_order(client, manager, live_ad, private_storage):
    create_applications(live_ad, 40, seed=6)
    client.force_login(manager)

    response = client.get(columns_url(live_ad.pk), {"sort": "-score"})

    scored = [
        card.summary.overall
        for card in response.context["columns"][0].cards
        if card.summary.overall is not None
    ]
    assert scored == sorted(scored, reverse=True) and len(scored) > 2
    assert 'value="-score" selected' in response.content.decode()


def test_the_columns_cost_the_same_queries_at_100_and_1000_applications(
    client, manager, live_ad, private_storage
):
    client.force_login(manager)
    create_applications(live_ad, 100, seed=7)

    def queries(**params: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(columns_url(live_ad.pk), params).status_code == 200
        return len(captured)

    at_100, at_100_filtered = queries(), queries(sort="-score", flag="salary_above_range", q="a")
    create_applications(live_ad, 900, seed=8)

    assert queries() == at_100 <= 11
    assert queries(sort="-score", flag="salary_above_range", q="a") == at_100_filtered


def test_a_cards_move_link_asks_the_stage_then_the_reason_and_email_and_comes_back(
    client, manager, finished_review, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    ada = finished_review
    back = columns_url(ada.job_ad_id) + "?flag=salary_above_range"
    move_url = f"/staff/applications/{ada.pk}/move/"

    chooser = client.get(move_url, {"next": back}).content.decode()
    step = client.get(move_url, {"to": "rejected", "next": back}, HTTP_HX_REQUEST="true")
    refused = client.post(move_url, {"to": "rejected", "reason": "", "next": back})
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(
            move_url, {"to": "rejected", "reason": "Not this time", "next": back, **_email(step)}, follow=True
        )

    assert 'name="to"' in chooser and "Next: reason and email" in chooser and 'name="reason"' not in chooser
    assert f'name="next" value="{back.replace("&", "&amp;")}"' in step.content.decode()
    assert "Your application for" in step.context["form"].initial["subject"]
    assert refused.status_code == 200 and "Nothing moved yet" in refused.content.decode()
    assert moved.redirect_chain == [(back, 302)]
    assert "Moved Ada Lovelace to Rejected." in moved.content.decode()
    assert cards(moved.content.decode(), "applied") == []
    assert [(c.stage, c.count) for c in moved.context["columns"] if c.count] == [("rejected", 1)]
    assert StageChange.objects.get().reason == "Not this time" and ada.emails.count() == 1


def test_a_move_never_returns_to_another_site(client, manager, application):
    client.force_login(manager)
    move_url = f"/staff/applications/{application.pk}/move/"

    response = client.post(move_url, {"to": "screening", "next": "https://evil.example/staff/"})

    assert response["Location"] == f"/staff/applications/{application.pk}/"


def test_an_unknown_stage_has_no_column(client, manager, application):
    client.force_login(manager)

    assert client.get(columns_url(application.job_ad_id, "interviewing")).status_code == 404


def _email(step) -> dict[str, str]:
    initial = step.context["form"].initial
    return {"send_email": "on", "subject": initial["subject"], "body": initial["body"]}
