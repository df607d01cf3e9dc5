"""The client's address, the same way for rate limits (django-ratelimit) and login lockout (axes).

REMOTE_ADDR unless CLIENT_IP_HEADER names the header a trusted proxy sets; a header the client
sends itself (X-Forwarded-For) is never believed, so it cannot dodge a limit or lock out others.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    return str(value or request.META.get("REMOTE_ADDR", "")).split(",")[0].strip()
