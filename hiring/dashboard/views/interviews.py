"""The interviewer's side of scheduling, on the candidate page: offer times, cancel the interview."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import acting_user, any_permission_required
from core.text import count
from hiring.dashboard.access import MOVE_APPLICATIONS, application_or_404
from hiring.dashboard.views.candidate import DETAIL_RELATED, detail_context
from hiring.models import Application
from hiring.pipeline import interviews
from hiring.pipeline.forms import OfferTimesForm


@require_POST
@any_permission_required(MOVE_APPLICATIONS)
def offer_times(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    application = application_or_404(request, pk, Application.objects.select_related(*DETAIL_RELATED))
    form = OfferTimesForm(request.POST)
    if form.is_valid():
        try:
            slots = interviews.offer(
                application=application,
                by=acting_user(request),
                starts=form.starts(),
                time_zone=form.cleaned_data["time_zone"],
                minutes=form.cleaned_data["minutes"],
                where=form.cleaned_data["where"],
            )
        except interviews.SchedulingError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data["send_email"]:
                interviews.email_times(application=application, slots=slots, by=acting_user(request))
            said = " and emailed them to the candidate" if form.cleaned_data["send_email"] else ""
            messages.success(request, f"Offered {count(len(slots), 'time')}{said}.")
            return redirect("hiring:application", pk=application.pk)
    context = detail_context(request, application, offer_form=form)
    return render(request, "hiring/dashboard/detail.html", context, status=400)


@require_POST
@any_permission_required(MOVE_APPLICATIONS)
def cancel_interview(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    application = application_or_404(request, pk, Application.objects.select_related("candidate", "job_ad"))
    if interviews.cancel(application=application, by=acting_user(request)) is None:
        messages.info(request, "No interview was booked; nothing to cancel.")
    else:
        messages.success(request, "Cancelled the interview; the candidate gets the calendar's cancellation.")
    return redirect("hiring:application", pk=application.pk)
