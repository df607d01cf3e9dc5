"""The production-shaped stack the load and recovery benchmarks drive, built from scratch and removed
at the end.

A fresh database (a dedicated ``hiring_bench`` on the PostgreSQL of DATABASE_URL, else a temporary
SQLite file), a private redis-server, a loopback GitHub serving realistic repositories, gunicorn
with DEBUG off and ``rqworker`` processes: all on 127.0.0.1, on free ports.

Run on its own it does nothing (`make bench` runs every file here).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also when run alone, by `make bench`

from hiring.platform.embedded_redis import ensure_embedded_redis, stop_embedded_redis
from portfolios.loopback import GitHubStore, LoopbackGitHub
from portfolios.loopback.store import build_bare_repository

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATABASE = "hiring_bench"
WORKER = ["rqworker", "default", "--with-scheduler", "--serializer", "rq.serializers.JSONSerializer"]
# Candidates' repositories: real Python projects from the virtualenv (source, tests, packaging).
TEMPLATES = {
    "job-queue": "django_rq",
    "static-server": "whitenoise",
    "csp-policy": "csp",
    "env-config": "environ",
}
START_TIMEOUT_SECONDS = 60


def __getattr__(name: str) -> dict[str, Any]:
    """``AD_FIELDS``: a complete, publishable ad (the demo's first), for every benchmark that needs
    one. Read on first use, since the demo's module needs Django set up, which a benchmark does only
    once this module has given it a database."""
    if name == "AD_FIELDS":
        from jobads.demo import DEMO_ADS

        return dict(DEMO_ADS[0].content)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def bench_database(scratch: Path) -> tuple[str, Callable[[], None]]:
    """A URL to an empty database and the function that drops it."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://", "pgsql://")):
        return f"sqlite:///{scratch / 'bench.sqlite3'}", lambda: None
    parts = urlsplit(base)
    url = urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))
    drop = f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"
    _postgres_admin(base, drop)
    _postgres_admin(base, f"CREATE DATABASE {BENCH_DATABASE}")
    return url, lambda: _postgres_admin(base, drop)


def _postgres_admin(url: str, statement: str) -> None:
    import psycopg2  # type: ignore[import-untyped]

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or "",
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


def stack_env(*, database_url: str, redis_url: str, github_url: str, scratch: Path) -> dict[str, str]:
    """Production settings (DEBUG off, a generated key), loosened only for plain HTTP on 127.0.0.1."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ORGANIZATION_NAME": "Bench Employer",  # required with DEBUG off
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "TRUST_X_FORWARDED_PROTO": "1",  # as behind a TLS proxy: lets one probe see HSTS
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "GITHUB_API_URL": github_url,
        "GIT_ALLOWED_PROTOCOLS": "https,file",
        "VAR_DIR": str(scratch / "var"),
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "private"),
        "APPLY_RATE_LIMIT": "1000000/h",  # every request comes from 127.0.0.1
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def start_services(
    stack: contextlib.ExitStack, scratch: Path, fill: Callable[[GitHubStore], None]
) -> dict[str, str]:
    """The stack's database, its own Redis and a loopback GitHub (``fill`` adds the repositories),
    each removed by ``stack`` at the end; returns the environment the stack's processes get."""
    database_url, drop = bench_database(scratch)
    stack.callback(drop)
    redis_url = ensure_embedded_redis(scratch / "redis")  # its own server: the machine's is untouched
    stack.callback(stop_embedded_redis, scratch / "redis")
    github = LoopbackGitHub(scratch / "github")
    github.start()
    stack.callback(github.stop)
    fill(github.store)
    return stack_env(
        database_url=database_url, redis_url=redis_url, github_url=github.base_url, scratch=scratch
    )


def setup_django(env: dict[str, str]) -> None:
    """Migrate the stack's database, then set Django up in this process on the stack's settings."""
    import django

    manage(env, "migrate", "--noinput")
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "hiring.settings"
    django.setup()


def manage(env: dict[str, str], *args: str) -> None:
    """Run a ``manage.py`` command to its end; its output is shown only when it fails."""
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True)
    if done.returncode:
        output = (done.stdout + done.stderr).decode(errors="replace")[-3000:]
        raise RuntimeError(f"manage.py {' '.join(args)} exited with {done.returncode}:\n{output}")


def start_gunicorn(env: dict[str, str], *, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "hiring.wsgi:application", "-w", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    wait_for_http(f"http://127.0.0.1:{port}/healthz", process)
    return process


def wait_for_http(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (127.0.0.1 only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT_SECONDS} s")


def start_workers(env: dict[str, str], count: int, *, logs: Path) -> list[subprocess.Popen[bytes]]:
    logs.mkdir(parents=True, exist_ok=True)
    return [start_worker(env, log=logs / f"worker-{count}-{number}.log") for number in range(count)]


def start_worker(env: dict[str, str], *, log: Path) -> subprocess.Popen[bytes]:
    """One more ``rqworker``, e.g. the one that comes up after a machine died."""
    return start_manage(env, *WORKER, log=log)


def start_manage(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    """A long-running ``manage.py`` command (a worker, ``periodic --every 60``), its output in ``log``."""
    command = [sys.executable, "manage.py", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def build_portfolios(store: GitHubStore, logins: list[str], *, repos_each: int = 2) -> None:
    """Give every login ``repos_each`` real projects (hard links to one bare repository per template)."""
    templates = [
        _template(store.root.parent / "templates", name, package) for name, package in TEMPLATES.items()
    ]
    for number, login in enumerate(logins):
        store.add_user(login)
        for offset in range(repos_each):
            name, bare, size_kb = templates[(number + offset) % len(templates)]
            store.add_repository(
                login, name, None, size_kb=size_kb, pushed_at=f"2024-0{offset + 1}-01T00:00:00Z"
            )
            shutil.copytree(bare, store.root / login / f"{name}.git", copy_function=os.link)


def project_files(name: str, package: str) -> dict[str, str | bytes]:
    """A candidate's project ``name``: the source of ``package`` from the virtualenv, a README and
    requirements."""
    source = _site_packages() / package
    files: dict[str, str | bytes] = {
        f"{package}/{path.relative_to(source)}": path.read_bytes()
        for path in source.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    files["README.md"] = f"# {name}\n\nA project of mine, vendored from `{package}` for the benchmark.\n"
    files["requirements.txt"] = "Django>=5.2\n"
    return files


def _template(folder: Path, name: str, package: str) -> tuple[str, Path, int]:
    files = project_files(name, package)
    bare = folder / f"{name}.git"
    build_bare_repository(bare, [files], author=("Bench Candidate", "bench@users.noreply.github.com"))
    size_kb = max(1, sum(p.stat().st_size for p in bare.rglob("*") if p.is_file()) // 1024)
    return name, bare, size_kb


def _site_packages() -> Path:
    import django

    return Path(django.__file__).resolve().parents[1]
