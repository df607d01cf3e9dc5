"""Fixtures for the fault tests: a private Redis they may stop, a loopback GitHub, real worker processes.

Every fixture restores what a test stopped: Redis is started again, worker process groups are
killed, the GitHub server is shut down.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import django_rq
import pytest
from rq import Queue
from rq.registry import ScheduledJobRegistry, StartedJobRegistry

from portfolios.loopback import LoopbackGitHub
from tests.faults.redis_server import RedisServer
from tests.processes import ROOT, project_env

WORKER = ["rqworker", "default", "--with-scheduler", "--serializer", "rq.serializers.JSONSerializer"]
WORKER_ENV = {
    "GITHUB_TIMEOUT_SECONDS": "1",
    "GITHUB_MAX_RETRY_WAIT_SECONDS": "0",  # backoff is instant; a longer wait reschedules the job
    "CLONE_TIMEOUT_SECONDS": "30",
    "LOG_LEVEL": "WARNING",
}
StartWorker = Callable[..., subprocess.Popen[bytes]]


def wait_for(condition: Callable[[], bool], *, seconds: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def advance_rq_clock(queue: Queue, seconds: float) -> None:
    """Do to RQ's keys what ``seconds`` passing would: dead workers' scheduler locks expire, their jobs'
    heartbeats too (so those are handled as abandoned: retried or failed, as the job says), and
    scheduled jobs come due."""
    redis: Any = queue.connection  # redis-py's sync/async union type
    for lock in redis.scan_iter(match="rq:scheduler-lock:*"):
        if redis.ttl(lock) < seconds:
            redis.delete(lock)
    StartedJobRegistry(queue=queue).cleanup(timestamp=time.time() + seconds)
    scheduled = ScheduledJobRegistry(queue=queue)
    for job_id, score in redis.zrange(scheduled.key, 0, -1, withscores=True):
        redis.zadd(scheduled.key, {job_id: score - seconds})


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def own_redis(redis_server: RedisServer, settings: Any) -> Iterator[RedisServer]:
    """Queue, cache and worker processes on the private Redis, running and empty; restarted after."""
    if not redis_server.is_running:
        redis_server.start()
    settings.REDIS_URL = redis_server.url
    settings.RQ_QUEUES = {"default": {**settings.RQ_QUEUES["default"], "URL": redis_server.url}}
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": redis_server.url}}
    django_rq.get_queue("default").connection.flushdb()
    yield redis_server
    if not redis_server.is_running:
        redis_server.start()
    django_rq.get_queue("default").connection.flushdb()


@pytest.fixture
def github(tmp_path: Path, settings: Any) -> Iterator[LoopbackGitHub]:
    with LoopbackGitHub(tmp_path / "github") as server:
        settings.GITHUB_API_URL = server.base_url
        settings.GITHUB_TOKEN = ""
        settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
        yield server


@pytest.fixture
def start_worker(own_redis: RedisServer, tmp_path: Path) -> Iterator[StartWorker]:
    """``start_worker("--burst")``: a real rqworker (own process group) on this test's database and Redis."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*options: str, **env: str) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), *WORKER, *options],
            cwd=ROOT,
            env=project_env(**WORKER_ENV, **env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the worker and its work horse can be killed together
        )
        started.append(process)
        return process

    yield start
    for process in started:
        with contextlib.suppress(ProcessLookupError):  # the group may be gone already
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def worker_log(tmp_path: Path) -> str:
    return "\n".join(
        path.read_text(errors="replace")[-3000:] for path in sorted(tmp_path.glob("worker-*.log"))
    )
