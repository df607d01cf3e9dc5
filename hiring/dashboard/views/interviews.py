"""The interviewer's side of scheduling, on the candidate page: offer times, email them (read first),
cancel the interview."""

from __future__ import annotations

import uuid
from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import acting_user, any_permission_required
from core.text import count
from hiring.dashboard.access import MOVE_APPLICATIONS, application_or_404
from hiring.dashboard.blind import identity, masked_draft, unmasked_draft
from hiring.dashboard.forms import EmailForm
from hiring.dashboard.views.candidate import DETAIL_RELATED, detail_context
from hiring.models import Application
from hiring.pipeline import interviews
from hiring.pipeline.forms import OfferTimesForm
from hiring.pipeline.stages import queue_email


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
            messages.success(request, f"Offered {count(len(slots), 'time')}.")
            if form.cleaned_data["send_email"]:
                return redirect("hiring:email_times", pk=application.pk)
            return redirect("hiring:application", pk=application.pk)
    context = detail_context(request, application, offer_form=form)
    return render(request, "hiring/dashboard/detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
@any_permission_required(MOVE_APPLICATIONS)
def email_times(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The email of the open times, read and edited before it goes (GET), then queued (POST)."""
    application = application_or_404(request, pk, Application.objects.select_related("candidate", "job_ad"))
    who = identity(application)
    draft = masked_draft(interviews.times_draft(application), who)
    if draft is None:
        messages.info(request, "No open time to tell the candidate about: offer times first.")
        return redirect("hiring:application", pk=application.pk)
    form = EmailForm(request.POST or None, initial={"subject": draft.subject, "body": draft.body})
    if request.method == "POST" and form.is_valid():
        written = replace(draft, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"])
        queue_email(
            application=application, draft=unmasked_draft(written, who) or written, by=acting_user(request)
        )
        messages.success(request, "Emailed the times to the candidate.")
        return redirect("hiring:application", pk=application.pk)
    context = {"application": application, "who": who, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "hiring/dashboard/email_times.html", context, status=status)


@require_POST
@any_permission_required(MOVE_APPLICATIONS)
def cancel_interview(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    application = application_or_404(request, pk, Application.objects.select_related("candidate", "job_ad"))
    if interviews.cancel(application=application, by=acting_user(request)) is None:
        messages.info(request, "No interview was booked; nothing to cancel.")
    else:
        messages.success(request, "Cancelled the interview; the candidate gets the calendar's cancellation.")
    return redirect("hiring:application", pk=application.pk)
