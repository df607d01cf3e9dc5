"""Liveness of the two stores the application cannot work without: PostgreSQL and Redis."""

from __future__ import annotations

import logging

import redis
from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)
PROBE_TIMEOUT_SECONDS = 2


def database_status(connection: BaseDatabaseWrapper) -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("health check: database unreachable: %s", error)
        return "down"
    return "ok"


def redis_status(url: str) -> str:
    client = redis.Redis.from_url(
        url, socket_connect_timeout=PROBE_TIMEOUT_SECONDS, socket_timeout=PROBE_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        logger.warning("health check: redis unreachable: %s", error)
        return "down"
    finally:
        client.close()
    return "ok"
