"""Recruiter pages that change ads: create, edit, publish / close / reopen, duplicate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import acting_user, any_permission_required
from jobads.forms import JobAdForm, initial_for
from jobads.models import TEMPLATE_RESPONSIBILITIES, JobAd, RoleFamily, TransitionError
from jobads.permissions import ADD_ADS, EDIT_ADS, PUBLISH_ADS
from jobads.services import change_status, duplicate_ad, save_ad

DONE = {"publish": "Published: the ad is live on the job board.", "close": "Closed.", "reopen": "Reopened."}


@require_http_methods(["GET", "POST"])
@any_permission_required(ADD_ADS)
def ad_create(request: HttpRequest) -> HttpResponse:
    family = RoleFamily.objects.filter(slug=request.GET.get("family", "")).first()
    form = JobAdForm(request.POST or None, initial=initial_for(family))
    if request.method == "POST" and form.is_valid():
        ad = save_ad(ad=form.save(commit=False), by=acting_user(request))
        _warn_about(request, ad)
        messages.success(request, "Draft saved.")
        return redirect("jobads:staff_detail", pk=ad.pk)
    families = RoleFamily.objects.all()
    return render(request, "jobads/ad_form.html", {"form": form, "families": families, "family": family})


@require_http_methods(["GET", "POST"])
@any_permission_required(EDIT_ADS)
def ad_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ad = get_object_or_404(JobAd.objects.visible_to(acting_user(request)), pk=pk)
    form = JobAdForm(request.POST or None, instance=ad)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            save_ad(ad=form.save(commit=False), by=acting_user(request))
        _warn_about(request, ad)
        messages.success(request, "Changes saved." if form.has_changed() else "Nothing changed.")
        return redirect("jobads:staff_detail", pk=ad.pk)
    context = {"form": form, "ad": ad, "template_warning": TEMPLATE_RESPONSIBILITIES}
    return render(request, "jobads/ad_form.html", context)


@require_POST
@any_permission_required(PUBLISH_ADS)
def ad_change_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return _transition(request, pk, action)


@require_http_methods(["GET", "POST"])
@any_permission_required(PUBLISH_ADS)
def ad_close(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (closing takes the ad off the board); POST closes."""
    if request.method == "POST":
        return _transition(request, pk, "close")
    ad = get_object_or_404(JobAd.objects.visible_to(acting_user(request)), pk=pk)
    return render(request, "jobads/close_confirm.html", {"ad": ad})


def _transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    ad = get_object_or_404(JobAd.objects.visible_to(acting_user(request)), pk=pk)
    try:
        change_status(ad=ad, action=action, by=acting_user(request))
    except TransitionError as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        messages.success(request, DONE[action])
        if action != "close":
            _warn_about(request, ad)
    return redirect("jobads:staff_detail", pk=ad.pk)


@require_POST
@any_permission_required(ADD_ADS)
def ad_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    original = get_object_or_404(JobAd.objects.visible_to(acting_user(request)), pk=pk)
    copy = duplicate_ad(ad=original, by=acting_user(request))
    messages.success(request, "This is a new draft copied from the original: review it before publishing.")
    return redirect("jobads:ad_edit", pk=copy.pk)


def _warn_about(request: HttpRequest, ad: JobAd) -> None:
    """What deserves a second look, said after every save and publish; it never blocks either."""
    for warning in ad.publish_warnings():
        messages.warning(request, warning)
