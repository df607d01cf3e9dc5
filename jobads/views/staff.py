"""Staff pages that read ads: the list, one ad with its checklist and history, and the preview.

Every ad is fetched through ``JobAd.objects.visible_to(user)``: a hiring manager reaches only the
ads they own (404 for the rest), recruiters reach all.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.access import acting_user, any_permission_required
from jobads.forms import StaffAdFilterForm
from jobads.models import JobAd
from jobads.permissions import OWN_ADS, VIEW_ALL_ADS
from jobads.revisions import revisions


@require_safe
@any_permission_required(VIEW_ALL_ADS, OWN_ADS)
def ad_list(request: HttpRequest) -> HttpResponse:
    filters = StaffAdFilterForm(request.GET)
    ads = filters.apply(JobAd.objects.visible_to(acting_user(request)))
    ads = ads.newest_first().select_related("role_family", "owner")
    return render(request, "jobads/staff_list.html", {"ads": ads, "filters": filters})


@require_safe
@any_permission_required(VIEW_ALL_ADS, OWN_ADS)
def ad_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = JobAd.objects.visible_to(acting_user(request)).select_related("role_family", "owner")
    ad = get_object_or_404(visible, pk=pk)
    context = {"ad": ad, "problems": ad.publish_problems(), "revisions": revisions(ad)}
    return render(request, "jobads/staff_detail.html", context)


@require_safe
@any_permission_required(VIEW_ALL_ADS, OWN_ADS)
def ad_preview(request: HttpRequest, pk: int) -> HttpResponse:
    ad = get_object_or_404(
        JobAd.objects.visible_to(acting_user(request)).select_related("role_family"), pk=pk
    )
    return render(request, "jobads/preview.html", {"ad": ad})
