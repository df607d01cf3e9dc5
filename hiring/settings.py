"""Settings for every environment, read from environment variables (see the README's table).

Insecure conveniences (a development SECRET_KEY, plain-HTTP cookies) exist only when DEBUG is on;
with DEBUG off the secure settings default on, so `check --deploy` passes out of the box.
"""

from __future__ import annotations

import os
from email.utils import parseaddr
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from hiring.platform.embedded_redis import ensure_embedded_redis
from hiring.platform.env import (
    database_from_url,
    email_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    env_url,
    origin_of,
)

# Local state lives where the project is run from (the checkout for `make run`, /app in compose).
VAR_DIR = Path(env_str("VAR_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("DEBUG", False)

_DEVELOPMENT_SECRET_KEY = "development-only-key-never-used-with-debug-off-4c7f0e1b9a2d6e3f8a1b5c7d9e0f2a4b"  # noqa: S105 (DEBUG only)
SECRET_KEY = env_str("SECRET_KEY", _DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is required when DEBUG is off. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "hiring.apps.HiringAdminConfig",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_rq",
    "simple_history",
    "template_partials",
    "django_countries",
    "hiring",
    "jobads",
    "portfolios",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hiring.platform.middleware.RequestSizeLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hiring.platform.middleware.ServiceUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # admin edits record who made them
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:  # gunicorn serves collected static files itself; runserver does it under DEBUG
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "hiring.urls"
WSGI_APPLICATION = "hiring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # every template lives in its app, so an installed copy has them all
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hiring.platform.context_processors.organization",
                "hiring.platform.context_processors.navigation",
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------------

DATABASES = {
    "default": {
        **database_from_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")),
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: compiling a query whose estimate passes its threshold (the search's count, with its
    # subqueries) took 60 ms, more than the query itself; a web request's queries never repay it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(connect_timeout=5, options="-c jit=off")
else:  # SQLite: writers wait for each other instead of failing with "database is locked"
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    # A file, not shared-cache memory, so concurrent tests see real locking semantics; one per
    # test process, so two test runs never share it (pytest-django deletes it at the end).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}

# EMBEDDED_REDIS_DB keeps test runs (pytest sets 1) apart from a running demo (0) on the embedded server.
REDIS_URL = env_str("REDIS_URL", "") or ensure_embedded_redis(
    VAR_DIR / "redis", db=env_int("EMBEDDED_REDIS_DB", 0)
)

RQ_QUEUES = {
    "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600, "SERIALIZER": "rq.serializers.JSONSerializer"}
}
# Enqueue immediately when called: portfolios.jobs wraps enqueues in its own *robust* on_commit,
# so a Redis outage at commit time never turns a saved application into a 500 page.
RQ = {"COMMIT_MODE": "auto", "WORKER_CLASS": "core.queue.HeartbeatWorker"}
# Wall clock (and CPU time) the worker's child may spend reading one résumé's text.
RESUME_READ_SECONDS = env_int("RESUME_READ_SECONDS", 20)
# How often a busy worker tells Redis it is alive (RQ's default): a job still reads as running
# this long plus 60 s after its worker died, and the reconciler restarts it then.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 30)
# How often a worker runs RQ's maintenance (RQ's default: 600): hands on a dead worker's jobs and
# takes over its scheduler, without which a crash retry waits up to ten minutes.
WORKER_MAINTENANCE_SECONDS = env_int("WORKER_MAINTENANCE_SECONDS", 60)
RQ_SHOW_ADMIN_LINK = True

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "hiring",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
# Rate limits count in the shared cache; the client address is REMOTE_ADDR unless a trusted proxy
# header is named (e.g. HTTP_X_REAL_IP set by nginx). A client-supplied header is never trusted.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = "hiring.platform.client_ip.client_ip"
RATELIMIT_FAIL_OPEN = True
# Valid applications per hour from one IP address and for one email address ("N/h", "N/m"…).
APPLY_RATE_LIMIT = env_str("APPLY_RATE_LIMIT", "5/h")
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 8 * 1024 * 1024)  # a 5 MB résumé plus the form

# Sessions live in the database so that nothing on the public path depends on Redis being up.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failures, refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for an hour (D5).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hiring.platform.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "home"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)

# --- Internationalisation and static files ---------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(Path.cwd() / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "private")))  # never served publicly

# --- Mail -------------------------------------------------------------------------------------

_email = email_from_url(env_str("EMAIL_URL", "consolemail://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hiring team <hiring@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where candidates ask for their application to be deleted (the status page links it).
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", parseaddr(DEFAULT_FROM_EMAIL)[1])

# --- The employer ------------------------------------------------------------------------------
# Shown wherever a page names who is hiring (titles, the header, job-search structured data).
# A deployment names itself; the demo is "Acme Analytics".
ORGANIZATION_NAME = env_str("ORGANIZATION_NAME", "Acme Analytics" if DEBUG else "")
if not ORGANIZATION_NAME.strip():
    raise ImproperlyConfigured("Set ORGANIZATION_NAME to the employer's name (shown on every page).")
ORGANIZATION_URL = env_url("ORGANIZATION_URL")  # the employer's website, e.g. https://acme.example
ORGANIZATION_LOGO_URL = env_url("ORGANIZATION_LOGO_URL")  # a square logo, allowed by the CSP below
# Where this site is served, e.g. https://jobs.acme.example: the links of mail sent outside a
# request (the daily digest). Empty: the digest names people without links.
SITE_URL = env_url("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")

# --- GitHub ------------------------------------------------------------------------------------

GITHUB_API_URL = env_str("GITHUB_API_URL", "https://api.github.com")
GITHUB_TOKEN = env_str("GITHUB_TOKEN", "")
# Compare pinned versions with the newest releases (the package index's JSON API; off by default:
# it sends the names of a candidate's dependencies to the index).
DEPENDENCY_FRESHNESS = env_bool("DEPENDENCY_FRESHNESS", False)
PACKAGE_INDEX_URL = env_str("PACKAGE_INDEX_URL", "https://pypi.org")
PACKAGE_INDEX_TIMEOUT_SECONDS = env_int("PACKAGE_INDEX_TIMEOUT_SECONDS", 5)

# --- Security: secure by default with DEBUG off; each overridable for a TLS-terminating proxy --

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# django-csp 4: everything from our own origin, no inline script, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *([origin_of(ORGANIZATION_LOGO_URL)] if ORGANIZATION_LOGO_URL else []),
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging: one line per event on stderr, for the container's log collector ---------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {  # no banner per command, no line per successful sign-in (lockouts are warnings)
        "rq.worker": {"level": "INFO"},
        "axes.apps": {"level": "WARNING"},
        "axes.handlers": {"level": "WARNING"},
    },
}

# --- Portfolio analysis ---
# Transports git may clone candidates' repositories over: https only in production. Tests and the
# offline demo add "file" for local repositories (GIT_ALLOWED_PROTOCOLS=https,file).
GIT_ALLOWED_PROTOCOLS = env_list("GIT_ALLOWED_PROTOCOLS", ["https"])
if not set(GIT_ALLOWED_PROTOCOLS) <= {"https", "http", "ssh", "git", "file"}:
    raise ImproperlyConfigured(f"GIT_ALLOWED_PROTOCOLS has an unknown transport: {GIT_ALLOWED_PROTOCOLS}.")
CLONE_TIMEOUT_SECONDS = env_int("CLONE_TIMEOUT_SECONDS", 120)
CLONE_MAX_BYTES = env_int("CLONE_MAX_BYTES", 200 * 1024 * 1024)
ANALYSIS_MAX_FILE_BYTES = env_int("ANALYSIS_MAX_FILE_BYTES", 1_000_000)
ANALYSIS_TIME_BUDGET_SECONDS = env_int("ANALYSIS_TIME_BUDGET_SECONDS", 120)
ANALYSIS_MAX_MEMORY_BYTES = env_int("ANALYSIS_MAX_MEMORY_BYTES", 1536 * 1024 * 1024)
# Each code file's analysis kept by content (git blob) and reused by every later repository holding
# it (portfolios/analysis_cache.py); off only to measure what it saves (benchmarks/throughput.py).
ANALYSIS_CACHE = env_bool("ANALYSIS_CACHE", True)

# --- Portfolio review (GitHub) ---
PORTFOLIO_MAX_REPOS = env_int("PORTFOLIO_MAX_REPOS", 6)  # repositories analyzed per candidate
PORTFOLIO_MAX_REPO_KB = env_int("PORTFOLIO_MAX_REPO_KB", 100_000)  # GitHub's reported `size`, in KB
GITHUB_TIMEOUT_SECONDS = env_int("GITHUB_TIMEOUT_SECONDS", 15)  # per HTTP request
# The longest a worker sleeps for a rate limit or between retries; a longer wait reschedules the job.
GITHUB_MAX_RETRY_WAIT_SECONDS = env_int("GITHUB_MAX_RETRY_WAIT_SECONDS", 60)
