"""Who reaches which staff page: anonymous → login, no role → 403, the right role → the page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/staff/"]
SUPERUSER_PAGES = ["/admin/", "/admin/django_rq/dashboard/"]


def test_the_role_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Recruiters", "Hiring managers"}


@pytest.mark.parametrize("url", STAFF_PAGES + SUPERUSER_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(("/accounts/login/", "/admin/login/"))


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_a_signed_in_user_without_a_staff_role_gets_403(client, outsider, url):
    client.force_login(outsider)

    response = client.get(url)

    assert response.status_code == 403
    assert "Your account does not have access to this page" in response.content.decode()


@pytest.mark.parametrize("role_user", ["recruiter", "manager", "superuser"])
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_recruiters_managers_and_superusers_reach_the_workspace(client, request, role_user, url):
    user = request.getfixturevalue(role_user)
    client.force_login(user)

    response = client.get(url)

    assert response.status_code == 200
    assert f"Signed in as <strong>{user.get_username()}</strong>" in response.content.decode()


@pytest.mark.parametrize("role_user", ["recruiter", "manager", "outsider"])
@pytest.mark.parametrize("url", SUPERUSER_PAGES)
def test_admin_and_queue_dashboard_are_closed_to_everyone_but_superusers(client, request, role_user, url):
    client.force_login(request.getfixturevalue(role_user))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", SUPERUSER_PAGES)
def test_superusers_reach_the_admin_and_the_queue_dashboard(client, superuser, url):
    client.force_login(superuser)

    response = client.get(url)

    assert response.status_code == 200
    assert ("Site administration" if url == "/admin/" else "default") in response.content.decode()


def test_navigation_shows_each_role_only_its_own_links(client, recruiter, superuser):
    client.force_login(recruiter)
    recruiter_page = client.get("/staff/").content.decode()
    client.force_login(superuser)
    superuser_page = client.get("/staff/").content.decode()

    assert "Workspace" in recruiter_page and "/admin/" not in recruiter_page
    assert "/admin/django_rq/dashboard/" in superuser_page


def test_staff_sign_in_and_sign_out(client, recruiter):
    response = client.post("/accounts/login/", {"username": "rachel", "password": "a-strong-test-password"})
    assert response.status_code == 302 and response["Location"] == "/staff/"

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_a_wrong_password_re_renders_the_form_with_a_message(client, recruiter):
    response = client.post("/accounts/login/", {"username": "rachel", "password": "wrong"})

    assert response.status_code == 200
    assert "That username and password do not match an account" in response.content.decode()


def test_unknown_pages_use_the_site_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "pico.min.css" in response.content.decode()


def test_an_expired_staff_session_is_sent_back_to_sign_in(client, recruiter):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(recruiter)
    assert client.get("/staff/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/staff/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_signing_out_ends_the_session_on_the_server(client, recruiter):
    from django.contrib.sessions.models import Session

    client.force_login(recruiter)
    client.post("/accounts/logout/")

    assert not Session.objects.exists()


def test_the_server_error_page_renders_without_a_request_or_database():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/anything/"))

    assert response.status_code == 500
    assert "Nothing you submitted was lost" in response.content.decode()
