"""Candidate-facing pages: the application form, its confirmation, and the private status page with
what a candidate may do from it (withdraw, ask for erasure)."""

from __future__ import annotations

import uuid
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hiring.intake.forms import (
    RETENTION_MONTHS,
    ApplicationForm,
    ErasureRequestForm,
    SalaryHint,
    WithdrawForm,
    salary_hint,
)
from hiring.intake.mail import send_confirmation_after_commit
from hiring.intake.status import candidate_status
from hiring.intake.submit import submit_application
from hiring.intake.uploads import discard_stashed_resume
from hiring.models import Application, ErasureRequest, InterviewSlot
from hiring.pipeline import interviews
from hiring.pipeline.stages import StageMoveError, may_withdraw
from hiring.pipeline.stages import withdraw as withdraw_application
from hiring.platform.throttle import submission_throttled
from hiring.privacy.requests import erased_at, request_erasure
from jobads.models import JobAd


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    ad = get_object_or_404(JobAd.objects.public().select_related("role_family"), slug=slug)
    if not ad.accepts_applications:
        return render(request, "hiring/apply_closed.html", {"ad": ad}, status=410)
    form = ApplicationForm(request.POST or None, request.FILES or None, ad=ad)
    if request.method == "POST" and form.is_valid():
        if submission_throttled(request, email=form.payload().email_normalized):
            return render(request, "429.html", status=429)
        submission = submit_application(ad=ad, payload=form.payload(), resume=form.resume_upload())
        discard_stashed_resume(form.cleaned_data.get("resume_token", ""))
        if not submission.is_duplicate:
            send_confirmation_after_commit(submission.application, request=request)
        request.session["already_received"] = submission.is_duplicate
        return redirect("hiring:applied", token=submission.application.status_token)
    hint = salary_hint(ad, request.POST) if request.method == "POST" else SalaryHint()
    context = {"ad": ad, "form": form, "salary_hint": hint.text, "above_range": hint.above_range}
    return render(request, "hiring/apply.html", context)


@require_safe
def salary_check(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx fragment: warns, before the final submit, that a minimum is above the posted range."""
    ad = get_object_or_404(JobAd.objects.published(), slug=slug)
    hint = salary_hint(ad, request.GET)
    form = ApplicationForm(ad=ad)  # unbound: only the confirmation box is shown, ticked as it was
    form.fields["confirm_salary"].initial = bool(request.GET.get("confirm_salary"))
    context = {"ad": ad, "form": form, "salary_hint": hint.text, "above_range": hint.above_range}
    return render(request, "hiring/apply.html#salary-hint", context)


@require_safe
def applied(request: HttpRequest, token: str) -> HttpResponse:
    application = _application_for(token)
    duplicate = request.session.pop("already_received", False)
    return render(request, "hiring/applied.html", {"application": application, "duplicate": duplicate})


@require_safe
def status(request: HttpRequest, token: str) -> HttpResponse:
    application_id = Application.id_from_status_token(token)
    application = _application_or_none(application_id)
    if application is None:
        erased = erased_at(application_id) if application_id else None
        if erased is None:
            raise Http404("No application behind this link.")
        return render(request, "hiring/erased.html", {"erased_at": erased}, status=410)
    context = {
        "application": application,
        "status": candidate_status(application),
        "may_withdraw": may_withdraw(application),
        "offered_times": interviews.offered_times(application) if may_withdraw(application) else [],
        "erasure_request": ErasureRequest.objects.filter(application=application).first(),
        "deletion_mailto": deletion_request_link(application),
        "privacy_email": settings.PRIVACY_CONTACT_EMAIL,
        "retention_months": RETENTION_MONTHS,
    }
    return render(request, "hiring/status.html", context)


@require_POST
def book_interview(request: HttpRequest, token: str, slot_id: int) -> HttpResponse:
    """The candidate chooses one of the times offered to them (or another one, to reschedule)."""
    application = _application_for(token)
    slot = get_object_or_404(InterviewSlot, pk=slot_id, application=application)
    try:
        interviews.book(slot)
    except interviews.SchedulingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Booked: {interviews.stated(slot)}. The invitation for your calendar is on its way by email.",
        )
    return redirect("hiring:status", token=token)


@require_safe
def interview_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The booked interview as an .ics file, for a calendar the email did not reach."""
    application = _application_for(token)
    slot = interviews.booked(application)
    if slot is None:
        raise Http404("No interview is booked.")
    response = HttpResponse(
        interviews.calendar(application, slot, method="PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Asks to confirm, then withdraws: the hiring team sees it on the application's timeline."""
    application = _application_for(token)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and may_withdraw(application) and form.is_valid():
        try:
            withdraw_application(application, why=form.cleaned_data["why"])
        except StageMoveError:
            messages.error(
                request, "Your application changed while this page was open; here is where it stands."
            )
        else:
            messages.success(request, "You withdrew your application. Thank you for letting us know.")
        return redirect("hiring:status", token=token)
    context = {"application": application, "form": form, "may_withdraw": may_withdraw(application)}
    return render(request, "hiring/withdraw.html", context, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, token: str) -> HttpResponse:
    """Asks to confirm, then records the request for a recruiter to confirm (``privacy.requests``)."""
    application = _application_for(token)
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_erasure(application)
        messages.success(
            request,
            "We have your request. A person will erase this application and everything kept with it, "
            "and this page will then say so.",
        )
        return redirect("hiring:status", token=token)
    context = {
        "application": application,
        "form": form,
        "erasure_request": ErasureRequest.objects.filter(application=application).first(),
    }
    return render(request, "hiring/erase.html", context, status=400 if request.method == "POST" else 200)


def deletion_request_link(application: Application) -> str:
    """A mailto link that asks the privacy contact to delete this application, naming it exactly."""
    subject = f"Please delete my application to {application.job_ad.title}"
    body = (
        f"Please delete my application to “{application.job_ad.title}” and everything kept with it.\n"
        f"Application reference: {application.pk}\n"
    )
    query = urlencode({"subject": subject, "body": body}, quote_via=quote)
    return f"mailto:{settings.PRIVACY_CONTACT_EMAIL}?{query}"


def _application_for(token: str) -> Application:
    application = _application_or_none(Application.id_from_status_token(token))
    if application is None:
        raise Http404("No application behind this link.")
    return application


def _application_or_none(application_id: uuid.UUID | None) -> Application | None:
    if application_id is None:
        return None
    return Application.objects.select_related("job_ad", "candidate").filter(pk=application_id).first()
