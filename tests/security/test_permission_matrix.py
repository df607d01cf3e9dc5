"""Every URL in the URL conf, requested by every kind of visitor, answers as the access rules say.

The walk fails when a URL is added without a row here, so no page can ship unreviewed. Roles:
anonymous, a candidate holding a status link, a recruiter, the hiring manager who owns the ad,
another hiring manager, and a superuser. GET for pages; POST for actions (with ids of the
owner's objects: another manager must get a 404, never the object).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hiring.models import Application, Note
from portfolios.models import KnownRepository
from tests.factories import form_data

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "candidate", "recruiter", "owner", "other_manager", "superuser")
LOGIN = "login"  # a redirect to the sign-in page

PUBLIC = dict.fromkeys(ROLES, 200)
STAFF_ONLY = {"anonymous": LOGIN, "candidate": LOGIN, "recruiter": 200, "owner": 200, "other_manager": 200}
OWNERS_OBJECT = {**STAFF_ONLY, "other_manager": 404}
RECRUITER_PAGE = {**STAFF_ONLY, "owner": 403, "other_manager": 403}
# name → (method, expected status per role; superuser always gets what the owner gets or 200)
MATRIX: dict[str, tuple[str, dict[str, Any]]] = {
    "home": ("GET", PUBLIC),
    "healthz": ("GET", PUBLIC),
    "login": ("GET", {**PUBLIC, "recruiter": 302, "owner": 302, "other_manager": 302, "superuser": 302}),
    "jobads:board": ("GET", PUBLIC),
    "jobads:feed": ("GET", PUBLIC),
    "jobads:detail": ("GET", PUBLIC),
    "hiring:apply": ("GET", PUBLIC),
    "hiring:salary_check": ("GET", PUBLIC),
    "hiring:applied": ("GET", PUBLIC),
    "hiring:status": ("GET", PUBLIC),
    "staff_home": ("GET", STAFF_ONLY),
    "jobads:staff_list": ("GET", STAFF_ONLY),
    "jobads:staff_detail": ("GET", OWNERS_OBJECT),
    "jobads:ad_preview": ("GET", OWNERS_OBJECT),
    "jobads:ad_create": ("GET", RECRUITER_PAGE),
    "jobads:ad_edit": ("GET", RECRUITER_PAGE),
    "jobads:ad_duplicate": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:ad_publish": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:ad_close": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:ad_reopen": ("POST", {**RECRUITER_PAGE, "recruiter": 302}),
    "jobads:family_list": ("GET", STAFF_ONLY),
    "jobads:family_create": ("GET", RECRUITER_PAGE),
    "jobads:family_edit": ("GET", RECRUITER_PAGE),
    "portfolios:known_repositories": ("GET", STAFF_ONLY),
    "portfolios:remove_known_repository": (
        "POST",
        {**STAFF_ONLY, "recruiter": 403, "owner": 302, "other_manager": 302},
    ),
    "hiring:pipelines": ("GET", STAFF_ONLY),
    "hiring:board": ("GET", OWNERS_OBJECT),
    "hiring:board_export": ("GET", OWNERS_OBJECT),
    "hiring:analytics": ("GET", OWNERS_OBJECT),
    "hiring:bulk_move": ("POST", {**OWNERS_OBJECT, "recruiter": 302, "owner": 302}),
    "hiring:application": ("GET", OWNERS_OBJECT),
    "hiring:resume": ("GET", OWNERS_OBJECT),
    "hiring:review_status": ("GET", OWNERS_OBJECT),
    "hiring:move": ("GET", OWNERS_OBJECT),
    "hiring:note_add": ("POST", {**OWNERS_OBJECT, "recruiter": 400, "owner": 400}),  # an empty note
    "hiring:review_retry": ("POST", {**OWNERS_OBJECT, "recruiter": 302, "owner": 302}),
    "hiring:scorecard": ("POST", {**OWNERS_OBJECT, "recruiter": 403, "owner": 400}),  # interviewers; empty
    "hiring:note_edit": ("GET", {**OWNERS_OBJECT, "recruiter": 404, "superuser": 404}),  # the author's only
    "logout": ("POST", {role: 302 for role in ROLES}),
}


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
    return {"ad": ad, "application": application, "note": note, "known": known}


def url_for(name: str, world: dict[str, Any]) -> str:
    ad, application = world["ad"], world["application"]
    args: dict[str, list[Any]] = {
        "jobads:detail": [ad.slug],
        "hiring:apply": [ad.slug],
        "hiring:salary_check": [ad.slug],
        "hiring:applied": [application.status_token],
        "hiring:status": [application.status_token],
        "hiring:note_edit": [world["note"].pk],
        "portfolios:remove_known_repository": [world["known"].pk],
    }
    if name in args:
        return reverse(name, args=args[name])
    if name.startswith(
        ("jobads:ad_", "jobads:staff_detail", "hiring:board", "hiring:bulk_move", "hiring:analytics")
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
        )
    ):
        return reverse(name, args=[application.pk])
    return reverse(name)


def superuser_expectation(method: str, owner: Any) -> Any:
    """Superusers pass every permission check; where the owner is refused, they are let through."""
    return (200 if method == "GET" else 302) if owner in (403, 404) else owner


def sign_in(client, role: str, request) -> None:
    users = {
        "recruiter": "recruiter",
        "owner": "manager",
        "other_manager": "other_manager",
        "superuser": "superuser",
    }
    if role in users:
        client.force_login(request.getfixturevalue(users[role]))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_visitor_gets_what_the_access_rules_allow(client, request, world, role, name):
    method, expected_by_role = MATRIX[name]
    expected = expected_by_role.get(role) or superuser_expectation(method, expected_by_role["owner"])
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
