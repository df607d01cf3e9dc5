"""Who may open a staff page: the one guard every staff view uses, and the user it acts for.

Anonymous visitors go to the sign-in page; a signed-in user holding none of the permissions gets a
403. What a user then sees inside the page is the scoped querysets' job (``visible_to``,
``triaged_by`` on the models), so a check cannot be forgotten in a view body.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


def holds_any(user: AbstractBaseUser | AnonymousUser, *perms: str) -> bool:
    """True when ``user`` holds one of ``perms`` (superusers hold them all)."""
    return isinstance(user, User | AnonymousUser) and any(user.has_perm(perm) for perm in perms)


def any_permission_required(*perms: str) -> Callable[[View], View]:
    """The staff guard: sign in first, then hold at least one of ``perms``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not holds_any(request.user, *perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(guarded)

    return decorator


def acting_user(request: HttpRequest) -> User:
    """The signed-in user behind a guarded view, typed for the services that record who acted."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
