"""Stopping the child processes a command started: politely (SIGTERM), then firmly (SIGKILL);
or all at once with everything they started, as when a machine dies (the fault tests, the
recovery benchmark).

Used by `runstack` (web, worker, periodic jobs) and by the benchmarks' private stack.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any


def stop_processes(processes: list[subprocess.Popen[Any]], *, grace_seconds: float) -> None:
    """Ask every still-running process to stop, then kill those not gone within ``grace_seconds``."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace_seconds
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def kill_with_descendants(process: subprocess.Popen[Any]) -> None:
    """SIGKILL a process and everything it started. RQ's work horse runs in a process group of its
    own and the analyzer child in a session of its own, so a signal to the worker's group would
    miss them; their pids are read from /proc (Linux) instead."""
    family = [process.pid]
    for pid in family:  # grows as each one's children are found
        family += _children(pid)
    for pid in family:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait()


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in listed.split()]
