"""The candidate page and what staff do there: résumé, stage moves, notes, the live review status."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import acting_user, any_permission_required
from hiring.dashboard.access import ADD_NOTES, MOVE_APPLICATIONS, VIEW_APPLICATIONS, application_or_404
from hiring.dashboard.blind import identity, masked_draft, masked_events, masked_flags, unmasked_draft
from hiring.dashboard.copies import copied_code, side_by_side
from hiring.dashboard.forms import MoveForm, NoteForm
from hiring.dashboard.notes import add_note, edit_note
from hiring.dashboard.portfolio import retry_review, score_summary
from hiring.dashboard.prompts import discussion_prompts
from hiring.dashboard.report import repository_reports
from hiring.dashboard.scorecards import scorecard_panel
from hiring.dashboard.search import other_applications
from hiring.dashboard.timeline import timeline
from hiring.flags.evidence import flag_views
from hiring.models import Application, ErasureRequest, Flag, Note, NoteRevision
from hiring.pipeline.forms import OfferTimesForm
from hiring.pipeline.interviews import OFFER_STAGES, last_zone, offered_times
from hiring.pipeline.stages import StageMoveError, email_draft, move_stage, next_stage
from portfolios.models import CodeMatch
from portfolios.scoring import read_score

DETAIL_RELATED = ("candidate", "job_ad__role_family", "portfolio_review")


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    application = application_or_404(request, pk, Application.objects.select_related(*DETAIL_RELATED))
    return render(request, "hiring/dashboard/detail.html", detail_context(request, application))


def detail_context(request: HttpRequest, application: Application, **extra: object) -> dict[str, object]:
    """Everything the candidate page shows, each list fetched once."""
    review = application.portfolio_review
    changes = list(application.stage_changes.select_related("by"))
    revisions = Prefetch("revisions", queryset=NoteRevision.objects.order_by("-created_at", "-pk"))
    notes = list(
        Note.objects.visible_to(request.user)
        .filter(application=application)
        .select_related("author")
        .prefetch_related(revisions)
    )
    flags, emails = list(application.flags.all()), list(application.emails.select_related("by"))
    user, who = acting_user(request), identity(application)
    score = read_score(who.scrub_json(review.score))
    events = timeline(application=application, stage_changes=changes, notes=notes, flags=flags, emails=emails)
    return {
        "application": application,
        "who": who,
        "review": review,
        "review_reason": who.scrub(review.reason),
        "score": score,
        "summary": score_summary(score),
        "repositories": repository_reports(score),
        "copied": copied_code(application, review.portfolio_score(), user, who),
        "prompts": discussion_prompts(score),
        "flags": flag_views(masked_flags(flags, who), may_open=_openable(user, flags)),
        "changes": changes,
        "decision": next((c for c in reversed(changes) if c.to_stage in Application.Stage.decisions()), None),
        "notes": notes,
        "emails": emails,
        "events": masked_events(events, who),
        "note_form": NoteForm(),
        "stages": Application.Stage.choices,
        "next_stage": next_stage(application.stage),
        "scorecards": extra.get("scorecards") or scorecard_panel(application=application, user=user),
        "other_applications": other_applications(application, user, blinded=who.is_blinded),
        "erasure_request": ErasureRequest.objects.filter(application=application).first(),
        "offered_times": offered_times(application),
        "may_offer_times": application.stage in OFFER_STAGES,
        "offer_form": extra.get("offer_form") or OfferTimesForm(initial={"time_zone": last_zone(user)}),
        **extra,
    }


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def near_copy(request: HttpRequest, pk: uuid.UUID, match_id: int, index: int) -> HttpResponse:
    """One copied file beside what it repeats, the shared lines marked."""
    application = application_or_404(request, pk, Application.objects.select_related(*DETAIL_RELATED))
    match = get_object_or_404(CodeMatch.objects.select_related("source", "other__known"), pk=match_id)
    view = side_by_side(
        application, application.portfolio_review.portfolio_score(), match, index, acting_user(request)
    )
    if view is None:
        raise Http404("No such copied file for this application.")
    context = {"application": application, "who": identity(application), "view": view}
    return render(request, "hiring/dashboard/near_copy.html", context)


def _openable(user: User, flags: list[Flag]) -> Callable[[str], bool]:
    """Which other applications named in these flags' evidence ``user`` may open: one query."""
    named = {str(use.get("id")) for flag in flags for use in (flag.evidence or {}).get("applications", [])}
    visible = {
        str(pk)
        for pk in Application.objects.visible_to(user).filter(pk__in=named).values_list("pk", flat=True)
    }
    return lambda application_id: application_id in visible


@require_http_methods(["GET", "POST"])
@any_permission_required(MOVE_APPLICATIONS)
def move(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """GET ?to=…: the move form with the stage's email drafted (without ``to``, the stage to choose
    first); POST: record the move. ``next``: the staff page to return to (the columns of the ad)."""
    application = application_or_404(request, pk, Application.objects.select_related("candidate", "job_ad"))
    to = request.POST.get("to") or request.GET.get("to", "")
    back = staff_page(request.POST.get("next") or request.GET.get("next", ""))
    who = identity(application)
    draft = masked_draft(email_draft(application, to), who)
    initial = {
        "to": to,
        "send_email": draft is not None,
        "subject": draft.subject if draft else "",
        "body": draft.body if draft else "",
    }
    form = MoveForm(request.POST or None, initial=initial, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            move_stage(
                application=application,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                by=acting_user(request),
                email=unmasked_draft(form.email(draft.template if draft else "custom"), who),
            )
        except StageMoveError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Moved {who.name} to {application.get_stage_display()}.")
        return redirect(back or reverse("hiring:application", args=[application.pk]))
    template = (
        "hiring/dashboard/move.html#move-form"
        if request.headers.get("HX-Request")
        else "hiring/dashboard/move.html"
    )
    context = {
        "application": application,
        "who": who,
        "form": form,
        "draft": draft,
        "back": back,
        "choose_stage": request.method == "GET" and not to,
        "stages": [
            (value, label) for value, label in Application.Stage.choices if value != application.stage
        ],
        "next_stage": next_stage(application.stage),
    }
    return render(request, template, context)


@require_POST
@any_permission_required(ADD_NOTES)
def note_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    application = application_or_404(request, pk, Application.objects.select_related(*DETAIL_RELATED))
    user = acting_user(request)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "hiring/dashboard/detail.html",
            detail_context(request, application, note_form=form),
            status=400,
        )
    add_note(
        application=application,
        author=user,
        body=form.cleaned_data["body"],
        is_private=form.cleaned_data["is_private"],
    )
    messages.success(request, "Note added.")
    return redirect("hiring:application", pk=application.pk)


@require_http_methods(["GET", "POST"])
@any_permission_required(ADD_NOTES)
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the author reaches their note's form; everyone else gets a 404."""
    user = acting_user(request)
    note = get_object_or_404(
        Note.objects.filter(author=user, application__in=Application.objects.visible_to(user)), pk=pk
    )
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        edit_note(
            note=note,
            by=user,
            body=form.cleaned_data["body"],
            is_private=form.cleaned_data["is_private"],
        )
        messages.success(request, "Note saved; the earlier version stays in its history.")
        return redirect("hiring:application", pk=note.application_id)
    return render(request, "hiring/dashboard/note_edit.html", {"note": note, "form": form})


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def review_status(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """htmx fragment polled while a review runs; once final it renders without the poll."""
    application = application_or_404(
        request, pk, Application.objects.select_related("candidate", "job_ad", "portfolio_review")
    )
    review = application.portfolio_review
    context = {
        "application": application,
        "review": review,
        "review_reason": identity(application).scrub(review.reason),
        "summary": score_summary(review.portfolio_score()),
        "detailed": request.GET.get("detailed") == "1",  # polled from the candidate page, not the board
    }
    return render(request, "hiring/dashboard/_partials.html#review-status", context)


@require_POST
@any_permission_required(MOVE_APPLICATIONS)
def review_retry(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Retry this one review, then go back where the button was (the board or the candidate page)."""
    application = application_or_404(request, pk)
    if retry_review(application.portfolio_review_id):
        messages.success(request, "The portfolio review is queued again.")
    else:
        messages.info(request, "The review had not failed; nothing to retry.")
    return redirect(
        staff_page(request.POST.get("next", "")) or reverse("hiring:application", args=[application.pk])
    )


def staff_page(back: str) -> str | None:
    """``back`` if it is a page of this site's staff area (a form's ``next``), never another site."""
    if back.startswith("/staff/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return None
