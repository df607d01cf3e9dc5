"""An ad's pipeline as columns: the page, and the next cards of one column ("Show more", htmx).

A card is moved with the candidate page's own stage-move step (``candidate.move``): dropping it on
a column opens that step for the column's stage, and every card has a "Move" link for those who do
not drag (keyboard, touch, no JavaScript). The list board stays the paginated no-JavaScript path.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.access import any_permission_required
from hiring.dashboard.access import VIEW_APPLICATIONS, ad_or_404
from hiring.dashboard.forms import BoardFilterForm
from hiring.dashboard.kanban import CARD_ORDERS, card_order, column_page, columns
from hiring.models import Application


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def kanban(request: HttpRequest, pk: int) -> HttpResponse:
    ad = ad_or_404(request, pk)
    form = BoardFilterForm(request.GET)
    filters = form.filters()
    context = {
        "ad": ad,
        "form": form,
        "filters": filters,
        "order": card_order(filters.sort),
        "orders": CARD_ORDERS,
        "columns": columns(ad, filters),
        "query": _filters_query(request),
    }
    return render(request, "hiring/dashboard/kanban.html", {**context, "back": _kanban_url(ad.pk, request)})


@require_safe
@any_permission_required(VIEW_APPLICATIONS)
def kanban_column(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """The cards of ``?page=`` of one column, and the link to the page after it."""
    ad = ad_or_404(request, pk)
    if stage not in Application.Stage.values:
        raise Http404("No such stage.")
    try:
        page = max(int(request.GET.get("page", "2")), 1)
    except ValueError:
        page = 2
    column = column_page(ad, BoardFilterForm(request.GET).filters(), stage, page)
    context = {
        "ad": ad,
        "column": column,
        "query": _filters_query(request),
        "back": _kanban_url(ad.pk, request),
    }
    return render(request, "hiring/dashboard/kanban.html#more-cards", context)


def _kanban_url(pk: int, request: HttpRequest) -> str:
    """Where a move started from a card comes back to: the columns, as they were filtered."""
    query = _filters_query(request)
    return reverse("hiring:kanban", args=[pk]) + (f"?{query}" if query else "")


def _filters_query(request: HttpRequest) -> str:
    """The filters as a query string, without the page and the stage (the columns are the stages)."""
    query = request.GET.copy()
    for name in ("page", "stage"):
        query.pop(name, None)
    return query.urlencode()
