"""Search across every ad the reviewer triages (``hiring.dashboard.search`` decides what matches)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.access import acting_user, any_permission_required
from hiring.dashboard.access import VIEW_APPLICATIONS
from hiring.dashboard.blind import row_identity
from hiring.dashboard.board import board_summary
from hiring.dashboard.search import MAX_QUERY_LENGTH, find
from hiring.models import Application


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def search(request: HttpRequest) -> HttpResponse:
    results = find(acting_user(request), request.GET.get("q", ""))
    rows = [_row(application) for application in results.applications]
    context = {"results": results, "rows": rows, "max_length": MAX_QUERY_LENGTH}
    return render(request, "hiring/dashboard/search.html", context)


def _row(application: Application) -> dict[str, object]:
    """A result as the board shows one: who applied as the reviewer may see it, its review state."""
    who = row_identity(application)
    review_reason = who.scrub(application.portfolio_review.reason)
    return {
        "application": application,
        "who": who,
        "review_reason": review_reason,
        "summary": board_summary(application),
    }
