"""Two guards around every request: oversized bodies get a friendly 413 before Django reads them
(a proxy in front should enforce the same limit), and outages of the database or file storage get
a 503 "try again" page rather than a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit_mb = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            body = render_to_string("413.html", {"limit_mb": limit_mb})  # before auth: no request context
            return HttpResponse(body, status=413)
        return self.get_response(request)


class ServiceUnavailableMiddleware:
    """Turn a database or storage outage into a calm 503 "try again" page instead of a crash.

    The failed request's transaction has rolled back by then, so nothing half-written remains.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, (OperationalError, InterfaceError, OSError)):
            return None
        logger.exception("service unavailable while handling %s", request.path, exc_info=exception)
        body = render_to_string("503.html", request=None)
        return HttpResponse(body, status=503, headers={"Retry-After": "60"})
