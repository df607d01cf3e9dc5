"""Who may do what with job ads, named once; and the view guard that checks it.

The role groups (``hiring.roles``) decide who holds these permissions; this app only names them,
so it never needs to know the groups.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

VIEW_ALL_ADS = "jobads.view_jobad"
OWN_ADS = "jobads.own_jobad"  # hiring managers: may own ads, and see the ones they own
ADD_ADS = "jobads.add_jobad"
EDIT_ADS = "jobads.change_jobad"
PUBLISH_ADS = "jobads.publish_jobad"
VIEW_FAMILIES = "jobads.view_rolefamily"
ADD_FAMILIES = "jobads.add_rolefamily"
EDIT_FAMILIES = "jobads.change_rolefamily"

View = Callable[..., HttpResponse]


def any_permission_required(*perms: str) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; signed-in users holding none of ``perms`` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(request.user.has_perm(perm) for perm in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorator


def acting_user(request: HttpRequest) -> User:
    """The signed-in user behind a guarded view, typed for the services that record who acted."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
