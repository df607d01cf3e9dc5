"""Site-wide pages: the landing page and the health probe."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hiring.platform.health import database_status, redis_status


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "hiring/home.html")


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_status(connection), "redis": redis_status(settings.REDIS_URL)}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
