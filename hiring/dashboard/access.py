"""Fetching what a staff user may see: everything else is a 404, and the attempt is audited (D1).

Permission is the scoped queryset, so it cannot be forgotten: candidates are seen only through
the ads one triages (``JobAd.objects.triaged_by``); an ad's aggregate analytics through the ads
one may read (``JobAd.objects.visible_to``, every ad for recruiters).
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from core.access import acting_user
from hiring.models import Application, ApplicationQuerySet
from hiring.privacy import audit
from jobads.models import JobAd, JobAdQuerySet

VIEW_APPLICATIONS = "hiring.view_application"
MOVE_APPLICATIONS = "hiring.change_application"
DOWNLOAD_RESUMES = "hiring.download_resume"
ADD_NOTES = "hiring.add_note"
VIEW_ANALYTICS = "hiring.view_ad_analytics"


def ad_or_404(request: HttpRequest, pk: int) -> JobAd:
    """An ad whose pipeline (its candidates) the user triages."""
    return _ad_or_404(request, pk, JobAd.objects.triaged_by(acting_user(request)))


def readable_ad_or_404(request: HttpRequest, pk: int) -> JobAd:
    """An ad the user may read, for what shows no candidate (its analytics)."""
    return _ad_or_404(request, pk, JobAd.objects.visible_to(acting_user(request)))


def _ad_or_404(request: HttpRequest, pk: int, ads: JobAdQuerySet) -> JobAd:
    ad = ads.select_related("role_family").filter(pk=pk).first()
    if ad is None:
        if JobAd.objects.filter(pk=pk).exists():
            audit.record(
                audit.Kind.ACCESS_DENIED, actor=request.user, application_id=None, path=request.path, ad=pk
            )
        raise Http404("No such pipeline.")
    return ad


def application_or_404(
    request: HttpRequest, pk: uuid.UUID, queryset: ApplicationQuerySet | None = None
) -> Application:
    applications = queryset if queryset is not None else Application.objects.all()
    application = applications.visible_to(acting_user(request)).filter(pk=pk).first()
    if application is None:
        if Application.objects.filter(pk=pk).exists():
            audit.record(audit.Kind.ACCESS_DENIED, actor=request.user, application_id=pk, path=request.path)
        raise Http404("No such application.")
    return application
