"""Security headers on public and staff pages with production settings (DEBUG off, HTTPS): HSTS, a
Content-Security-Policy that forbids framing, nosniff, a referrer policy and X-Frame-Options DENY.

Production settings are fixed at start-up, so the pages are fetched by a subprocess
(tests/security/header_probe.py) on this test's database; `check --deploy` is in tests/test_settings.py.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from typing import Any

import pytest

from tests.processes import ROOT, project_env

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="session")
def production_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """DEBUG off with its secure defaults; static files collected, as the Docker image does."""
    static_root = tmp_path_factory.mktemp("static")
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "ORGANIZATION_NAME": "Northwind",
    }
    env |= {"STATIC_ROOT": str(static_root), "LOG_LEVEL": "ERROR"}
    command = [sys.executable, "manage.py", "collectstatic", "--noinput"]
    subprocess.run(command, cwd=ROOT, env=project_env() | env, check=True, capture_output=True)
    return env


def fetch_in_production(env: dict[str, str], *arguments: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.security.header_probe", *arguments]
    done = subprocess.run(
        command, cwd=ROOT, env=project_env() | env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    pages: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return pages


def assert_secure_headers(page: str, answer: dict[str, Any]) -> None:
    headers = answer["headers"]
    assert answer["status"] == 200, (page, answer["status"])
    assert headers["X-Content-Type-Options"] == "nosniff", page
    assert headers["Referrer-Policy"] == "same-origin", page
    assert headers["X-Frame-Options"] == "DENY", page
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", page
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, page
    assert "unsafe-inline" not in policy, page
    assert headers["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains; preload", page


def test_public_pages_send_hsts_csp_nosniff_referrer_policy_and_frame_denial(production_env, live_ad):
    paths = ["/", "/jobs/", f"/jobs/{live_ad.slug}/", f"/jobs/{live_ad.slug}/apply/", "/accounts/login/"]

    pages = fetch_in_production(production_env, *paths)

    for path in paths:
        assert_secure_headers(path, pages[path])


def test_staff_pages_send_the_same_security_headers(production_env, recruiter, manager, live_ad):
    recruiter_paths = ["/staff/", "/staff/ads/", f"/staff/ads/{live_ad.pk}/"]
    manager_paths = ["/staff/pipelines/", f"/staff/pipelines/{live_ad.pk}/"]

    pages = fetch_in_production(
        production_env,
        f"--login={recruiter.username}",
        *recruiter_paths,
        f"--login={manager.username}",
        *manager_paths,
    )

    for path in recruiter_paths + manager_paths:
        assert_secure_headers(path, pages[path])


def test_a_page_over_plain_http_is_redirected_to_https_in_production(production_env):
    pages = fetch_in_production(production_env, "--plain-http", "/jobs/")

    assert pages["http:/jobs/"]["status"] == 301
    assert pages["http:/jobs/"]["headers"]["Location"] == "https://testserver/jobs/"
