"""The production-like path (docker compose) is well-formed and runs what production runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_defines_web_worker_postgres_and_redis_with_health_checks():
    services = COMPOSE["services"]

    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name


def test_the_worker_runs_rq_with_its_scheduler_for_retries_and_periodic_jobs():
    command = COMPOSE["services"]["worker"]["command"]

    assert command[:5] == ["python", "manage.py", "rqworker", "default", "--with-scheduler"]
    assert command[5:] == ["--serializer", "rq.serializers.JSONSerializer"]  # jobs carry JSON, not pickles


def test_a_reconciler_process_re_enqueues_what_redis_missed():
    command = COMPOSE["services"]["reconciler"]["command"]

    assert command == ["python", "manage.py", "periodic", "--every", "60"]


def test_the_web_image_serves_with_gunicorn():
    assert 'CMD ["gunicorn", "hiring.wsgi:application"' in (ROOT / "Dockerfile").read_text()


def test_app_services_get_their_stores_from_the_environment():
    env = COMPOSE["services"]["web"]["environment"]

    assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
    assert env["DEBUG"] == "0"


def test_a_compose_client_accepts_the_file_where_one_is_installed():
    """`docker compose config` is the authority; machines without a client still get the checks above."""
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0
    ):
        command = ["docker", "compose", "config", "-q"]
    elif shutil.which("docker-compose"):
        command = ["docker-compose", "config", "-q"]
    else:
        pytest.skip("no docker compose client on this machine: the file was checked structurally above")
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={"SECRET_KEY": "x", "ORGANIZATION_NAME": "x", "PATH": "/usr/bin:/bin"},
        capture_output=True,
    )

    assert result.returncode == 0, result.stderr
