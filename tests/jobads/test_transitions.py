"""Draft → published → closed → published again, and what stops each step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jobads.models import JobAd, Status, TransitionError
from jobads.services import change_status, duplicate_ad, save_ad
from jobads.transparency import Jurisdiction

pytestmark = pytest.mark.django_db


def test_publishing_a_complete_draft_makes_it_live_and_stamps_the_time(make_ad, recruiter):
    ad = make_ad()
    now = timezone.now()

    change_status(ad=ad, action="publish", by=recruiter, now=now)
    ad.refresh_from_db()

    assert ad.status == Status.PUBLISHED and ad.published_at == now and ad.closed_at is None


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"role_family": None}, "Choose a role family."),
        ({"pay_min": None}, "Enter a pay range: both a minimum and a maximum."),
        ({"pay_max": None}, "Enter a pay range: both a minimum and a maximum."),
        ({"responsibilities": ["One", "Two"]}, "List at least 3 responsibilities (this ad has 2)."),
        (
            {"jurisdictions": [Jurisdiction.COLORADO], "is_ongoing": False},
            "Colorado: An application deadline, or applications marked ongoing.",
        ),
    ],
)
def test_an_incomplete_draft_is_not_published_and_says_why(make_ad, recruiter, overrides, problem):
    ad = make_ad(**overrides)

    with pytest.raises(TransitionError) as refused:
        change_status(ad=ad, action="publish", by=recruiter)

    assert problem in refused.value.problems
    assert JobAd.objects.get(pk=ad.pk).status == Status.DRAFT


def test_three_responsibilities_is_enough_to_publish(make_ad, recruiter):
    ad = make_ad(responsibilities=["One", "Two", "Three"])

    change_status(ad=ad, action="publish", by=recruiter)

    assert ad.status == Status.PUBLISHED


def test_a_deadline_in_the_past_blocks_publishing_but_today_does_not(make_ad, recruiter):
    today = timezone.localdate()
    late = make_ad(deadline=today - timedelta(days=1))
    on_time = make_ad(title="Another", deadline=today)

    with pytest.raises(TransitionError, match="deadline has passed"):
        change_status(ad=late, action="publish", by=recruiter)
    change_status(ad=on_time, action="publish", by=recruiter)

    assert on_time.status == Status.PUBLISHED


def test_closing_keeps_the_ad_public_but_marked_closed(make_ad, recruiter):
    ad = make_ad(status="published")

    change_status(ad=ad, action="close", by=recruiter)

    assert ad.status == Status.CLOSED and ad.closed_at is not None
    assert JobAd.objects.public().filter(pk=ad.pk).exists()
    assert not JobAd.objects.published().filter(pk=ad.pk).exists()


def test_reopening_a_closed_ad_puts_it_back_on_the_board(make_ad, recruiter):
    ad = make_ad(status="closed")

    change_status(ad=ad, action="reopen", by=recruiter)

    assert ad.status == Status.PUBLISHED and ad.closed_at is None


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("draft", "close", "Only a published ad can be closed; this one is draft."),
        ("draft", "reopen", "Only a closed ad can be reopened; this one is draft."),
        ("published", "publish", "Only a draft ad can be published; this one is published."),
        ("published", "reopen", "Only a closed ad can be reopened; this one is published."),
        ("closed", "publish", "Only a draft ad can be published; this one is closed."),
        ("closed", "close", "Only a published ad can be closed; this one is closed."),
        ("draft", "delete", "Unknown action 'delete'."),
    ],
)
def test_transitions_out_of_order_are_refused(make_ad, recruiter, status, action, message):
    ad = make_ad(status=status)

    with pytest.raises(TransitionError) as refused:
        change_status(ad=ad, action=action, by=recruiter)

    assert refused.value.problems == [message]


def test_editing_a_published_ad_keeps_it_live_and_its_address(make_ad, recruiter):
    ad = make_ad(status="published")
    slug = ad.slug

    ad.title = "Principal Data Scientist"
    save_ad(ad=ad, by=recruiter)
    ad.refresh_from_db()

    assert ad.status == Status.PUBLISHED and ad.slug == slug


def test_a_draft_address_follows_its_title_and_never_clashes(make_ad, recruiter):
    first, second = make_ad(title="ML Engineer"), make_ad(title="ML Engineer")

    first.title = "MLOps Engineer"
    save_ad(ad=first, by=recruiter)

    assert (first.slug, second.slug) == ("mlops-engineer", "ml-engineer-2")


def test_an_ad_titled_feed_does_not_shadow_the_feed_url(make_ad):
    assert make_ad(title="Feed").slug == "feed-2"


def test_duplicating_gives_a_new_draft_with_the_same_content(make_ad, recruiter):
    original = make_ad(status="published", jurisdictions=[Jurisdiction.EU])

    copy = duplicate_ad(ad=original, by=recruiter)

    assert copy.pk != original.pk and copy.slug != original.slug
    assert copy.status == Status.DRAFT and copy.published_at is None
    assert (copy.title, copy.responsibilities, copy.jurisdictions, copy.owner) == (
        original.title,
        original.responsibilities,
        original.jurisdictions,
        original.owner,
    )
    assert copy.history.count() == 1
