"""Every URL in the URL conf, requested by every kind of visitor, answers as the access rules say.

The walk fails when a URL is added without a row in ``tests/access_matrix.py``, so no page can
ship unreviewed. GET for pages; POST for actions (with ids of the owner's objects: another
manager must get a 404, never the object). ``tests/test_crawl.py`` walks the same matrix over
every object of the demo.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hiring.models import Application, Note
from hiring.pipeline.interviews import book, offer
from hiring.privacy.requests import request_erasure
from portfolios.models import KnownRepository
from tests.access_matrix import LOGIN, MATRIX, ROLES, expected_for
from tests.factories import form_data

pytestmark = pytest.mark.django_db


def named_urls() -> list[str]:
    def walk(patterns: list[Any], namespace: str = "") -> list[str]:
        names = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # the Django admin: superusers only, checked in tests/test_access.py
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names += walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.append(namespace + pattern.name)
        return names

    return walk(get_resolver().url_patterns)


def test_every_url_has_a_row_in_the_access_matrix():
    assert sorted(set(named_urls()) - set(MATRIX)) == []


@pytest.fixture
def world(submit, make_ad, manager, other_manager, recruiter, private_storage, review_queue):
    ad = make_ad(status="published")
    submit(ad, form_data())
    application = Application.objects.get()
    note = Note.objects.create(application=application, author=manager, body="Strong on experiments.")
    known = KnownRepository.objects.create(full_name="acme/churn-model")
    asked = request_erasure(application)
    Application.objects.filter(pk=application.pk).update(stage="screening")
    application.refresh_from_db()
    offered = offer(
        application=application,
        by=manager,
        starts=[datetime(2099, 6, 9, 10), datetime(2099, 6, 11, 15)],
        time_zone="Europe/Berlin",
        minutes=45,
        where="",
    )
    book(offered[0])
    return {
        "ad": ad,
        "application": application,
        "note": note,
        "known": known,
        "erasure": asked,
        "slot": offered[0],
    }


def url_for(name: str, world: dict[str, Any]) -> str:
    ad, application = world["ad"], world["application"]
    args: dict[str, list[Any]] = {
        "jobads:detail": [ad.slug],
        "hiring:apply": [ad.slug],
        "hiring:salary_check": [ad.slug],
        "hiring:applied": [application.status_token],
        "hiring:status": [application.status_token],
        "hiring:withdraw": [application.status_token],
        "hiring:erase": [application.status_token],
        "hiring:erasure_confirm": [world["erasure"].pk],
        "hiring:book_interview": [application.status_token, world["slot"].pk],
        "hiring:interview_calendar": [application.status_token],
        "hiring:email_template": ["technical"],
        "hiring:email_template_ad": ["technical", ad.pk],
        "hiring:note_edit": [world["note"].pk],
        "portfolios:remove_known_repository": [world["known"].pk],
        "portfolios:refresh_known_repository": [world["known"].pk],
        "hiring:kanban_column": [ad.pk, "applied"],
    }
    if name in args:
        return reverse(name, args=args[name])
    if name.startswith(
        (
            "jobads:ad_",
            "jobads:staff_detail",
            "hiring:board",
            "hiring:kanban",
            "hiring:bulk_move",
            "hiring:analytics",
        )
    ) and name not in ("jobads:ad_create",):
        return reverse(name, args=[ad.pk])
    if name.startswith("jobads:family_edit"):
        return reverse(name, args=[ad.role_family_id])
    if name.startswith(
        (
            "hiring:application",
            "hiring:resume",
            "hiring:review",
            "hiring:move",
            "hiring:note_add",
            "hiring:scorecard",
            "hiring:offer_times",
            "hiring:cancel_interview",
            "hiring:email_times",
        )
    ):
        return reverse(name, args=[application.pk])
    return reverse(name)


def sign_in(client, role: str, request) -> None:
    users = {
        "recruiter": "recruiter",
        "owner": "manager",
        "other_manager": "other_manager",
        "superuser": "superuser",
    }
    if role in users:
        client.force_login(request.getfixturevalue(users[role]))


# Pages that exist only for a reviewed portfolio with a copy in it: this small world has none, so
# tests/test_crawl.py checks them over the demo after the real worker reviewed it.
NEEDS_A_REVIEWED_COPY = {"hiring:near_copy"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(set(MATRIX) - NEEDS_A_REVIEWED_COPY))
def test_each_visitor_gets_what_the_access_rules_allow(client, request, world, role, name):
    method, expected = MATRIX[name][0], expected_for(name, role)
    sign_in(client, role, request)
    url = url_for(name, world)

    response = client.get(url) if method == "GET" else client.post(url, {})

    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), response
    else:
        assert response.status_code == expected, (name, role, response.status_code)


def test_a_status_link_shows_only_its_own_application(client, world, submit, make_ad):
    other_ad = make_ad(status="published", title="Another role")
    submit(other_ad, form_data(email="someone@example.com", github_username=""))
    mine = client.get(reverse("hiring:status", args=[world["application"].status_token])).content.decode()

    assert world["ad"].title in mine and "Another role" not in mine
