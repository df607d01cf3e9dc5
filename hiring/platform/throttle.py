"""Rate limits on the public form, shared across web processes through the Redis cache.

They fail open: when Redis is down a candidate is never turned away by the limiter itself.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def submission_throttled(request: HttpRequest, *, email: str) -> bool:
    """True past APPLY_RATE_LIMIT (default: from the sixth in an hour) for one IP address or email address."""
    rate = settings.APPLY_RATE_LIMIT
    try:
        by_ip = is_ratelimited(request, group="apply", key="ip", rate=rate, increment=True)
        by_email = is_ratelimited(
            request,
            group="apply-email",
            key=lambda _group, _request: email,
            rate=rate,
            increment=True,
        )
    except (RedisError, OSError) as error:
        logger.warning("rate limiter unavailable, letting the submission through: %s", error)
        return False
    return bool(by_ip or by_email)
