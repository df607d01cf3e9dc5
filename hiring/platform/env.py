"""Typed readers for deployment settings that fail loudly on a malformed value.

django-environ parses the URLs; these wrappers add the strictness it lacks (it reads "maybe" as
False and an unknown database scheme as an empty config), so a typo stops start-up with a message
instead of running with a surprise.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
EMAIL_SCHEMES = {
    "smtp",
    "smtps",
    "smtp+tls",
    "smtp+ssl",
    "consolemail",
    "filemail",
    "memorymail",
    "dummymail",
}


def env_str(name: str, default: str | None = None, *, environ_: Mapping[str, str] = os.environ) -> str:
    value = environ_.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name: str, default: bool, *, environ_: Mapping[str, str] = os.environ) -> bool:
    raw = environ_.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, *, environ_: Mapping[str, str] = os.environ) -> int:
    raw = environ_.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str], *, environ_: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ_.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, Any]:
    """A Django DATABASES entry from DATABASE_URL, refusing anything but PostgreSQL or SQLite."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL must look like postgres://user:password@host:5432/name or "
            f"sqlite:////absolute/path.sqlite3 (got scheme {scheme or 'none'!r})."
        )
    config: dict[str, Any] = environ.Env.db_url_config(url)
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL names no database (add /name after the host).")
    return config


def email_from_url(url: str) -> dict[str, Any]:
    """Django EMAIL_* settings from EMAIL_URL, e.g. smtp+tls://user:pass@mail.example.com:587."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme must be one of {sorted(EMAIL_SCHEMES)} (got {scheme or 'none'!r})."
        )
    return {key: value for key, value in environ.Env.email_url_config(url).items() if value not in (None, "")}


def env_url(name: str, *, environ_: Mapping[str, str] = os.environ) -> str:
    """An optional absolute http(s) URL; empty when unset."""
    value = environ_.get(name, "").strip()
    if value and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc):
        raise ImproperlyConfigured(f"{name} must be an absolute http(s) URL, not {value!r}.")
    return value


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
