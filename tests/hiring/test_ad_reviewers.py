"""A hiring manager added to an ad as a reviewer triages it with its owner; removed, they lose it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hiring.models import Application
from tests.factories import form_data

pytestmark = pytest.mark.django_db


def test_a_manager_added_as_reviewer_sees_the_board_and_the_candidate(
    client, submit, live_ad, other_manager, private_storage, review_queue
):
    submit(live_ad, form_data(github_username=""))
    application = Application.objects.get()
    client.force_login(other_manager)
    assert client.get(reverse("hiring:board", args=[live_ad.pk])).status_code == 404

    live_ad.reviewers.add(other_manager)

    assert client.get(reverse("hiring:board", args=[live_ad.pk])).status_code == 200
    assert client.get(reverse("hiring:application", args=[application.pk])).status_code == 200
    pipelines = client.get(reverse("hiring:pipelines")).content.decode()
    assert live_ad.title in pipelines


def test_removing_a_reviewer_takes_the_ad_away_again(client, live_ad, other_manager):
    live_ad.reviewers.add(other_manager)
    live_ad.reviewers.remove(other_manager)
    client.force_login(other_manager)

    assert client.get(reverse("hiring:board", args=[live_ad.pk])).status_code == 404


def test_being_a_reviewer_does_not_double_the_application_counts(
    client, submit, live_ad, manager, other_manager, private_storage, review_queue
):
    live_ad.reviewers.add(other_manager, manager)
    submit(live_ad, form_data(github_username=""))
    client.force_login(manager)

    page = client.get(reverse("hiring:pipelines"))

    ads = list(page.context["ads"])
    assert [ad.pk for ad in ads] == [live_ad.pk] and ads[0].application_count == 1


def test_recruiters_choose_reviewers_on_the_ad_form(client, recruiter, live_ad, other_manager):
    client.force_login(recruiter)

    page = client.get(reverse("jobads:ad_edit", args=[live_ad.pk])).content.decode()

    assert 'name="reviewers"' in page and "olivia" in page
