"""Configuration comes from the environment, with safe defaults and loud errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from hiring.platform.env import database_from_url, email_from_url, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3y-" + "x7Qp9ZrT2m" * 6
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": STRONG_KEY, "ORGANIZATION_NAME": "Northwind"}


def load_settings(env: dict[str, str], *names: str) -> subprocess.CompletedProcess[str]:
    """Import hiring.settings in a fresh interpreter with exactly ``env`` on top of PATH/REDIS_URL."""
    base = {key: os.environ[key] for key in ("PATH", "VAR_DIR") if key in os.environ}
    base["REDIS_URL"] = "redis://127.0.0.1:1/0"  # never contacted at import; no embedded server is started
    code = (
        "import json, hiring.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("YES", True), ("on", True), ("0", False), ("off", False)],
)
def test_booleans_accept_the_usual_spellings(raw, expected):
    assert env_bool("FLAG", not expected, environ_={"FLAG": raw}) is expected


def test_a_boolean_that_is_neither_true_nor_false_stops_start_up():
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False, environ_={"FLAG": "maybe"})


def test_unset_values_fall_back_to_their_defaults():
    assert env_bool("FLAG", True, environ_={}) is True
    assert env_int("N", 7, environ_={}) == 7
    assert env_list("HOSTS", ["a"], environ_={}) == ["a"]


def test_a_number_that_is_not_a_number_is_named_in_the_error():
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE='sixty' is not a whole number"):
        env_int("CONN_MAX_AGE", 60, environ_={"CONN_MAX_AGE": "sixty"})


def test_lists_are_comma_separated_and_trimmed():
    assert env_list("HOSTS", [], environ_={"HOSTS": " a.example , b.example,,"}) == ["a.example", "b.example"]


def test_postgres_url_becomes_a_database_entry():
    config = database_from_url("postgres://hiring:s3cret@db.internal:5433/hiring")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["HOST"], config["PORT"]) == (
        "hiring",
        "hiring",
        "db.internal",
        5433,
    )


@pytest.mark.parametrize("url", ["nonsense", "mysql://u@h/db", "foo://bar", "postgres://u@h:5432"])
def test_a_bad_database_url_gives_a_clear_error(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url)


def test_mail_settings_come_from_one_url():
    config = email_from_url("smtp+tls://mailer:pw@mail.example.com:587")

    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"], config["EMAIL_USE_TLS"]) == (
        "mail.example.com",
        587,
        True,
    )


def test_defaults_are_a_sqlite_file_under_var_and_the_console_mail_backend(tmp_path):
    result = load_settings({"DEBUG": "1", "VAR_DIR": str(tmp_path)}, "DATABASES", "EMAIL_BACKEND")

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["DATABASES"]["default"]["NAME"] == str(tmp_path / "db.sqlite3")
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_start_up_fails_with_a_message_for_a_malformed_database_url():
    result = load_settings({"DEBUG": "1", "DATABASE_URL": "mysql://root@localhost/hiring"}, "DATABASES")

    assert result.returncode != 0
    assert "DATABASE_URL must look like postgres://" in result.stderr


def test_debug_off_without_a_secret_key_is_a_clear_start_up_error():
    result = load_settings({"DEBUG": "0"}, "SECRET_KEY")

    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_debug_off_without_the_employers_name_is_a_clear_start_up_error():
    result = load_settings({"DEBUG": "0", "SECRET_KEY": STRONG_KEY}, "ORGANIZATION_NAME")

    assert result.returncode != 0
    assert "Set ORGANIZATION_NAME to the employer's name" in result.stderr


def test_the_employer_is_named_in_settings_and_its_logo_allowed_by_the_csp():
    env = {
        **PRODUCTION,
        "ORGANIZATION_NAME": "Northwind",
        "ORGANIZATION_LOGO_URL": "https://cdn.northwind.example/l.png",
    }
    result = load_settings(env, "ORGANIZATION_NAME", "CONTENT_SECURITY_POLICY")

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["ORGANIZATION_NAME"] == "Northwind"
    assert "https://cdn.northwind.example" in loaded["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_a_logo_that_is_not_a_web_address_stops_start_up():
    result = load_settings(
        {**PRODUCTION, "ORGANIZATION_LOGO_URL": "javascript:alert(1)"}, "ORGANIZATION_NAME"
    )

    assert result.returncode != 0 and "ORGANIZATION_LOGO_URL must be an absolute http(s) URL" in result.stderr


def test_debug_off_turns_the_secure_settings_on():
    names = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    result = load_settings({**PRODUCTION, "ALLOWED_HOSTS": "hire.example"}, *names)

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_a_proxy_set_up_can_turn_the_https_redirect_off():
    env = {**PRODUCTION, "SECURE_SSL_REDIRECT": "0", "TRUST_X_FORWARDED_PROTO": "1"}
    result = load_settings(env, "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_deploy_check_passes_with_debug_off_a_strong_key_and_allowed_hosts():
    base = {key: os.environ[key] for key in ("PATH", "REDIS_URL", "DATABASE_URL") if key in os.environ}
    env = {**base, **PRODUCTION, "ALLOWED_HOSTS": "hire.example"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
