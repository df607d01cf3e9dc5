"""The reviewer dashboard's pipeline pages: the ads one may triage, an ad's board, its CSV, bulk moves."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core.access import acting_user, any_permission_required
from core.text import count
from hiring.dashboard.access import MOVE_APPLICATIONS, VIEW_APPLICATIONS, ad_or_404
from hiring.dashboard.blind import masked_flags, row_identity
from hiring.dashboard.board import (
    PAGE_SIZE,
    CountedPaginator,
    board_applications,
    board_count,
    board_summary,
    bulk_email_preview,
    matching,
    role_fit,
    sort_links,
    stage_counts,
)
from hiring.dashboard.export import csv_filename, csv_rows
from hiring.dashboard.forms import BoardFilterForm, BulkMoveForm
from hiring.models import Application
from hiring.pipeline.stages import StageMoveError, move_many
from jobads.models import JobAd


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def pipelines(request: HttpRequest) -> HttpResponse:
    ads = (
        JobAd.objects.triaged_by(acting_user(request))
        .annotate(application_count=Count("applications"))
        .newest_first()
        .select_related("owner")
    )
    return render(request, "hiring/dashboard/pipelines.html", {"ads": ads})


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def board(request: HttpRequest, pk: int) -> HttpResponse:
    ad = ad_or_404(request, pk)
    form = BoardFilterForm(request.GET)
    filters = form.filters()
    paginator = CountedPaginator(board_applications(ad, filters), PAGE_SIZE, count=board_count(ad, filters))
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "ad": ad,
        "form": form,
        "filters": filters,
        "page": page,
        "rows": [_row(application) for application in page],
        "counts": stage_counts(ad),
        "stages": Application.Stage.choices,
        "query": _query_without(request, "page"),
        "columns": sort_links(filters.sort, _query_without(request, "page", "sort")),
    }
    return render(request, "hiring/dashboard/board.html", context)


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    ad = ad_or_404(request, pk)
    applications = matching(ad, BoardFilterForm(request.GET).filters())
    response = StreamingHttpResponse(csv_rows(applications), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename(ad)}"'
    return response


@require_POST
@any_permission_required(MOVE_APPLICATIONS)
def bulk_move(request: HttpRequest, pk: int) -> HttpResponse:
    ad = ad_or_404(request, pk)
    form = BulkMoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(_back_to_board(request, ad))
    chosen = Application.objects.filter(job_ad=ad, pk__in=form.cleaned_data["applications"])
    chosen = chosen.select_related("candidate", "job_ad")
    if form.cleaned_data["send_email"] and not request.POST.get("confirmed"):
        preview = bulk_email_preview(chosen, ad=ad, to=form.cleaned_data["to"])
        context = {"ad": ad, "form": form, "preview_set": preview, "back": _back_to_board(request, ad)}
        return render(request, "hiring/dashboard/bulk_preview.html", context)
    try:
        moved = move_many(
            applications=chosen,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            by=acting_user(request),
            send_email=form.cleaned_data["send_email"],
        )
    except StageMoveError as error:
        messages.error(request, str(error))
        return redirect(_back_to_board(request, ad))
    messages.success(request, f"Moved {count(moved, 'application')}.")
    return redirect(_back_to_board(request, ad))


def _row(application: Application) -> dict[str, object]:
    """One board row: the application, who applied as the reviewer may see it, its flags."""
    who = row_identity(application)
    return {
        "application": application,
        "who": who,
        "flags": masked_flags(application.flags.all(), who),
        "review_reason": who.scrub(application.portfolio_review.reason),
        "summary": board_summary(application),
        "role_fit": role_fit(application),  # the CSV says the same
    }


def _back_to_board(request: HttpRequest, ad: JobAd) -> str:
    return _back_to_board_url(ad, request.POST.get("next", ""))


def _back_to_board_url(ad: JobAd, back: str) -> str:
    """The board as it was filtered (``next``), never another site or page."""
    board_url = reverse("hiring:board", args=[ad.pk])
    return back if back.startswith(board_url + "?") else board_url


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
