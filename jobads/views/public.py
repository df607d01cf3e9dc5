"""The public job board: live ads, one page per ad with its JSON-LD. No login, never a draft."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from jobads.forms import BoardFilterForm
from jobads.models import JobAd
from jobads.structured_data import job_posting, json_ld_script

ADS_PER_PAGE = 20


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    filters = BoardFilterForm(request.GET)
    ads = filters.apply(JobAd.objects.published().newest_first().select_related("role_family"))
    page = Paginator(ads, ADS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "filters": filters, "query": query.urlencode()}
    return render(request, "jobads/board.html", context)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    ad = get_object_or_404(JobAd.objects.public().select_related("role_family"), slug=slug)
    json_ld = None
    if ad.is_published:  # a closed ad stays readable but is no longer offered to search engines
        json_ld = json_ld_script(job_posting(ad, url=request.build_absolute_uri(ad.get_absolute_url())))
    return render(request, "jobads/detail.html", {"ad": ad, "json_ld": json_ld})
