"""Run the project's own commands as real processes against this test run's database and Redis."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The URL of the database the tests are using right now (the test database, not the main one)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def project_env(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env |= {
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "GITHUB_API_URL": settings.GITHUB_API_URL,
        "GIT_ALLOWED_PROTOCOLS": ",".join(settings.GIT_ALLOWED_PROTOCOLS),
        "PYTHONUNBUFFERED": "1",
    }
    return env | overrides


def start_manage(*args: str, **popen: Any) -> subprocess.Popen[str]:
    """A manage.py command in its own process group, so `stop_group` also reaches its children."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        **popen,
    )


def stop_group(process: subprocess.Popen[str]) -> None:
    """Kill the process and everything it started (an RQ worker's work horse included)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
