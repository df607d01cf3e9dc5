"""The recruiters' page of candidates' erasure requests, and the confirmation that erases."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from core.access import acting_user, any_permission_required
from hiring.privacy.requests import confirm_erasure, pending_requests

CONFIRM_ERASURE = "hiring.confirm_erasure"


@require_safe
@any_permission_required(CONFIRM_ERASURE)
def erasure_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "hiring/privacy/erasure_requests.html", {"requests": pending_requests()})


@require_POST
@any_permission_required(CONFIRM_ERASURE)
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    asked = get_object_or_404(pending_requests(), pk=pk)
    reference, title = asked.application_id, asked.application.job_ad.title
    confirm_erasure(asked, by=acting_user(request))
    messages.success(request, f"Erased application {reference} to {title}, with everything kept with it.")
    return redirect("hiring:erasure_requests")
