"""Who reaches which recruiter page, and what the pages do (anonymous, recruiter, managers, others)."""

from __future__ import annotations

import pytest

from jobads.models import JobAd, RoleFamily, Status

pytestmark = pytest.mark.django_db


def pages(ad: JobAd) -> dict[str, str]:
    return {
        "list": "/staff/ads/",
        "detail": f"/staff/ads/{ad.pk}/",
        "preview": f"/staff/ads/{ad.pk}/preview/",
        "create": "/staff/ads/new/",
        "edit": f"/staff/ads/{ad.pk}/edit/",
        "families": "/staff/role-families/",
        "family_edit": f"/staff/role-families/{ad.role_family_id}/edit/",
    }


# (who, page) → status of a GET; "other" is a hiring manager who does not own the ad.
MATRIX = {
    "recruiter": {
        "list": 200, "detail": 200, "preview": 200, "create": 200, "edit": 200, "families": 200,
        "family_edit": 200,
    },
    "manager": {
        "list": 200, "detail": 200, "preview": 200, "create": 403, "edit": 403, "families": 200,
        "family_edit": 403,
    },
    "other_manager": {
        "list": 200, "detail": 404, "preview": 404, "create": 403, "edit": 403, "families": 200,
        "family_edit": 403,
    },
    "outsider": {
        "list": 403, "detail": 403, "preview": 403, "create": 403, "edit": 403, "families": 403,
        "family_edit": 403,
    },
}  # fmt: skip


@pytest.mark.parametrize("page", list(MATRIX["recruiter"]))
@pytest.mark.parametrize("who", list(MATRIX))
def test_the_permission_matrix_of_staff_pages(client, request, make_ad, who, page):
    ad = make_ad()  # a draft owned by the "manager" fixture
    client.force_login(request.getfixturevalue(who))

    assert client.get(pages(ad)[page]).status_code == MATRIX[who][page]


@pytest.mark.parametrize("page", list(MATRIX["recruiter"]))
def test_anonymous_visitors_are_sent_to_sign_in(client, make_ad, page):
    response = client.get(pages(make_ad())[page])

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("action", ["publish", "duplicate"])
@pytest.mark.parametrize("who", ["manager", "other_manager", "outsider"])
def test_only_recruiters_may_publish_or_duplicate(client, request, make_ad, who, action):
    ad = make_ad()
    client.force_login(request.getfixturevalue(who))

    response = client.post(f"/staff/ads/{ad.pk}/{action}/")

    assert response.status_code == 403
    assert JobAd.objects.count() == 1 and JobAd.objects.get().status == Status.DRAFT


def test_a_manager_lists_only_the_ads_they_own_drafts_included(client, make_ad, manager, other_manager):
    make_ad(title="Mine, draft")
    make_ad(title="Mine, live", status="published")
    make_ad(title="Someone else's", owner=other_manager)
    client.force_login(manager)

    page = client.get("/staff/ads/").content.decode()

    assert "Mine, draft" in page and "Mine, live" in page and "Someone else" not in page


def test_the_list_filters_by_status_family_and_owner(client, recruiter, make_ad, other_manager, ml_engineer):
    make_ad(title="Draft DS")
    make_ad(title="Live DS", status="published")
    make_ad(title="Draft MLE", role_family=ml_engineer, owner=other_manager)
    client.force_login(recruiter)

    def titles(query: str) -> list[str]:
        return [ad.title for ad in client.get(f"/staff/ads/?{query}").context["ads"]]

    assert titles("status=published") == ["Live DS"]
    assert titles(f"family={ml_engineer.pk}") == ["Draft MLE"]
    assert titles(f"owner={other_manager.pk}&status=draft") == ["Draft MLE"]
    assert len(titles("status=nonsense")) == 3  # an unusable filter is ignored, not a 500


def test_a_recruiter_creates_a_draft_through_the_form(client, recruiter, manager, data_scientist):
    client.force_login(recruiter)
    data = {
        "title": "Data Scientist, Pricing",
        "role_family": data_scientist.pk,
        "owner": manager.pk,
        "responsibilities": "Model demand\nRun price tests\nExplain results",
        "work_arrangement": "remote",
        "employment_type": "FULL_TIME",
        "jurisdictions": ["US-CO"],
        "pay_min": "100000",
        "pay_max": "250000",
        "currency": "USD",
        "pay_period": "year",
    }

    response = client.post("/staff/ads/new/", data, follow=True)

    ad = JobAd.objects.get()
    assert (ad.title, ad.status, ad.slug) == (
        "Data Scientist, Pricing",
        Status.DRAFT,
        "data-scientist-pricing",
    )
    assert ad.history.get().history_user == recruiter
    messages = [str(m) for m in response.context["messages"]]
    assert any("more than twice the minimum. Colorado asks for" in m for m in messages)


def test_the_create_page_starts_from_a_role_familys_responsibilities(client, recruiter, ml_engineer):
    client.force_login(recruiter)

    form = client.get("/staff/ads/new/?family=machine-learning-engineer").context["form"]

    assert form.initial["role_family"] == ml_engineer
    assert form.initial["responsibilities"] == ml_engineer.default_responsibilities


def test_editing_a_published_ad_keeps_it_live_and_records_who(client, recruiter, make_ad):
    ad = make_ad(status="published")
    client.force_login(recruiter)
    form = client.get(f"/staff/ads/{ad.pk}/edit/").context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data["pay_max"] = "180000"

    client.post(f"/staff/ads/{ad.pk}/edit/", data)
    ad.refresh_from_db()

    assert ad.status == Status.PUBLISHED and ad.pay_max == 180_000
    assert ad.history.latest().history_user == recruiter


def test_publish_close_and_reopen_buttons_work_and_explain_refusals(client, recruiter, make_ad):
    ad, incomplete = make_ad(), make_ad(title="Incomplete", responsibilities=["Only one"])
    client.force_login(recruiter)

    client.post(f"/staff/ads/{ad.pk}/publish/")
    client.post(f"/staff/ads/{ad.pk}/close/")
    client.post(f"/staff/ads/{ad.pk}/reopen/")
    refused = client.post(f"/staff/ads/{incomplete.pk}/publish/", follow=True)

    assert JobAd.objects.get(pk=ad.pk).status == Status.PUBLISHED
    assert JobAd.objects.get(pk=incomplete.pk).status == Status.DRAFT
    messages = [str(m) for m in refused.context["messages"]]
    assert "List at least 3 responsibilities (this ad has 1)." in messages


def test_status_changes_need_post(client, recruiter, make_ad):
    ad = make_ad()
    client.force_login(recruiter)

    assert client.get(f"/staff/ads/{ad.pk}/publish/").status_code == 405


def test_duplicate_opens_the_new_draft_for_editing(client, recruiter, make_ad):
    ad = make_ad(status="published")
    client.force_login(recruiter)

    response = client.post(f"/staff/ads/{ad.pk}/duplicate/")

    copy = JobAd.objects.exclude(pk=ad.pk).get()
    assert response["Location"] == f"/staff/ads/{copy.pk}/edit/" and copy.status == Status.DRAFT


def test_the_preview_is_the_candidates_page_for_a_draft(client, manager, make_ad):
    ad = make_ad()
    client.force_login(manager)

    page = client.get(f"/staff/ads/{ad.pk}/preview/").content.decode()

    assert "Preview." in page and "$140,000 \u2013 $175,000 per year" in page and "Design experiments" in page


def test_the_ad_page_shows_the_checklist_and_what_blocks_publishing(client, recruiter, make_ad):
    ad = make_ad(jurisdictions=["US-CO"], is_ongoing=False, pay_max=400_000)
    client.force_login(recruiter)

    page = client.get(f"/staff/ads/{ad.pk}/").content.decode()

    assert "Pay-transparency checklist" in page
    assert "Colorado: An application deadline, or applications marked ongoing." in page
    assert "The maximum is more than twice the minimum" in page


def test_a_recruiter_edits_a_role_family_vocabulary(client, recruiter, data_scientist):
    client.force_login(recruiter)
    data = {
        "name": "Data Scientist",
        "description": "Decisions from data.",
        "default_responsibilities": "Analyse\nModel\nExplain",
        "skill_vocabulary": "statistics: inference, probability\nhypothesis testing: A/B testing\nSQL",
    }

    client.post(f"/staff/role-families/{data_scientist.pk}/edit/", data)

    assert RoleFamily.objects.get(pk=data_scientist.pk).vocabulary() == {
        "statistics": ["inference", "probability"],
        "hypothesis testing": ["A/B testing"],
        "SQL": [],
    }


def test_a_new_role_family_cannot_reuse_a_name(client, recruiter):
    client.force_login(recruiter)

    response = client.post("/staff/role-families/new/", {"name": "data scientist"})

    assert "A role family with this name already exists." in response.content.decode()
    assert RoleFamily.objects.count() == 2
