"""Navigation links for the base layout, chosen by the signed-in user's roles."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse

from hiring.roles import STAFF_ROLES, has_role


class NavLink(NamedTuple):
    label: str
    url: str


def navigation(request: HttpRequest) -> dict[str, list[NavLink]]:
    user = request.user
    links = [NavLink("Home", reverse("home")), NavLink("Jobs", reverse("jobads:board"))]
    if has_role(user, *STAFF_ROLES):
        links.append(NavLink("Workspace", reverse("staff_home")))
        links.append(NavLink("Job ads", reverse("jobads:staff_list")))
    if user.has_perm("hiring.view_application"):
        links.append(NavLink("Pipelines", reverse("hiring:pipelines")))
    if user.has_perm("portfolios.view_knownrepository"):
        links.append(NavLink("Our repositories", reverse("portfolios:known_repositories")))
    if isinstance(user, User) and user.is_active and user.is_superuser:
        links.append(NavLink("Admin", reverse("admin:index")))
        links.append(NavLink("Queues", reverse("admin:django_rq_home")))
    return {"nav_links": links}
