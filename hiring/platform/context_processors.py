"""What every page's layout shows: the employer, and navigation links chosen by the user's roles."""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse

from core.access import holds_any
from jobads.permissions import STAFF


class NavLink(NamedTuple):
    label: str
    url: str


def organization(request: HttpRequest) -> dict[str, dict[str, str]]:
    """The deployment's employer (settings), for titles and the header."""
    return {
        "organization": {
            "name": settings.ORGANIZATION_NAME,
            "url": settings.ORGANIZATION_URL,
            "logo": settings.ORGANIZATION_LOGO_URL,
        }
    }


def navigation(request: HttpRequest) -> dict[str, list[NavLink]]:
    user = request.user
    links = [NavLink("Home", reverse("home")), NavLink("Jobs", reverse("jobads:board"))]
    if holds_any(user, *STAFF):
        links.append(NavLink("Workspace", reverse("staff_home")))
        links.append(NavLink("Job ads", reverse("jobads:staff_list")))
    if user.has_perm("hiring.view_application"):
        links.append(NavLink("Pipelines", reverse("hiring:pipelines")))
        links.append(NavLink("Find a candidate", reverse("hiring:search")))
    if user.has_perm("hiring.confirm_erasure"):
        links.append(NavLink("Erasure requests", reverse("hiring:erasure_requests")))
    if user.has_perm("portfolios.view_knownrepository"):
        links.append(NavLink("Reference code", reverse("portfolios:known_repositories")))
    if isinstance(user, User) and user.is_active and user.is_superuser:
        links.append(NavLink("Admin", reverse("admin:index")))
        links.append(NavLink("Queues", reverse("admin:django_rq_home")))
    return {"nav_links": links}
