"""Each staff role's home page (``hiring.dashboard.home`` decides what waits where)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core.access import acting_user, any_permission_required
from hiring.dashboard.access import VIEW_APPLICATIONS
from hiring.dashboard.digest import set_daily_digest, wants_daily_digest
from hiring.dashboard.home import last_visit, manager_ads, recruiter_ads
from hiring.dashboard.whats_new import whats_new
from jobads.permissions import STAFF, VIEW_ALL_ADS

SINCE_KEY = "home_since"


@require_safe
@any_permission_required(*STAFF)
def staff_home(request: HttpRequest) -> HttpResponse:
    """Each role's home: what waits for a hiring manager, the state of a recruiter's ads."""
    user = acting_user(request)
    since = _since_last_visit(request, user)
    triages = user.has_perm(VIEW_APPLICATIONS)
    context = {
        "since": since,
        "whats_new": whats_new(user, since=since) if triages else None,
        "daily_digest": wants_daily_digest(user) if triages else False,
        "manager_ads": manager_ads(user, since=since) if triages else [],
        "recruiter_ads": recruiter_ads(user) if user.has_perm(VIEW_ALL_ADS) else [],
    }
    return render(request, "hiring/staff_home.html", context)


@require_POST
@any_permission_required(VIEW_APPLICATIONS)
def daily_digest(request: HttpRequest) -> HttpResponse:
    """Turn the daily email of what is new on or off."""
    user = acting_user(request)
    enabled = request.POST.get("enabled") == "on"
    set_daily_digest(user, enabled=enabled)
    if enabled and not user.email:
        messages.warning(
            request,
            "The daily digest is on, but your account has no email address: ask an administrator to add one.",
        )
    else:
        messages.success(
            request, "You will get a daily email of what is new." if enabled else "The daily email is off."
        )
    return redirect("staff_home")


def _since_last_visit(request: HttpRequest, user: User) -> datetime:
    """The previous visit, kept for the whole session so that a reload does not empty "new since"."""
    kept = request.session.get(SINCE_KEY)
    if kept:
        return datetime.fromisoformat(kept)
    since = last_visit(user, now=timezone.now())
    request.session[SINCE_KEY] = since.isoformat()
    return since
