"""Stopping the child processes a command started: politely (SIGTERM), then firmly (SIGKILL).

Used by `runstack` (web, worker, periodic jobs) and by the load benchmark's private stack.
"""

from __future__ import annotations

import subprocess
import time
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
