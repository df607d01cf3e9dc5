"""Fetching what a staff user may see: everything else is a 404, and the attempt is audited (D1).

Permission is the scoped queryset (``JobAd.objects.visible_to``), so it cannot be forgotten.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from hiring import audit
from hiring.models import Application, ApplicationQuerySet
from jobads.models import JobAd
from jobads.permissions import acting_user

VIEW_APPLICATIONS = "hiring.view_application"
MOVE_APPLICATIONS = "hiring.change_application"
DOWNLOAD_RESUMES = "hiring.download_resume"
ADD_NOTES = "hiring.add_note"


def ad_or_404(request: HttpRequest, pk: int) -> JobAd:
    ad = JobAd.objects.visible_to(acting_user(request)).select_related("role_family").filter(pk=pk).first()
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
