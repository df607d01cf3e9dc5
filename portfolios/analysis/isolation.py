"""analyze_repository: one repository's analysis in a child process with CPU, memory and
wall-clock limits, so a pathological file can cost that repository at most, never the worker.

The child (`python -m portfolios.analysis`) gets no secrets and its own process group. It reports
each file before parsing it; a file that hangs the parser or kills the child is recorded as a
parse error and the analysis restarts without it (a bounded number of times). What cannot be
recovered raises AnalysisError with a reason code.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from pydantic import BaseModel, ValidationError

from portfolios.analysis.report import Analysis, AnalysisLimits, AuthorIdentity, FileFacts

FailureReason = Literal["not_a_directory", "analysis_resource_limit", "analyzer_crashed"]
MAX_RESTARTS = 3
POLL_SECONDS = 0.05
PROGRESS_TAIL_BYTES = 8192
STARTUP_GRACE_SECONDS = 10.0
EXIT_OUT_OF_MEMORY = 3
RESOURCE_SIGNALS = {"SIGXCPU", "SIGKILL"}
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class AnalysisError(Exception):
    """The repository could not be analyzed; `reason` is a stable code, `detail` a sentence."""

    def __init__(self, reason: FailureReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class ChildRequest(BaseModel):
    root: str
    limits: AnalysisLimits
    identity: AuthorIdentity | None
    skip: dict[str, str]
    progress_path: str
    under: str = ""
    known: dict[str, FileFacts] = {}
    keep_facts: bool = False


@dataclass(frozen=True)
class Casualty:
    """A child that died or hung: why, and the file it was parsing if known."""

    reason: FailureReason
    detail: str
    culprit: str | None


def analyze_repository(
    path: str | Path,
    limits: AnalysisLimits | None = None,
    *,
    identity: AuthorIdentity | None = None,
    under: str = "",
    known: dict[str, FileFacts] | None = None,
    keep_facts: bool = False,
) -> Analysis:
    """Analyze a working tree or a no-checkout clone in an isolated, resource-limited child.

    ``under`` ("examples/") limits the analysis to one folder; ``known`` and ``keep_facts`` serve
    the analysis cache (see ``analyze_tree``): known facts are sent as given (the cache stores and
    sends them without their text), and the analysis returned lists the files whose text the
    caller fills in.
    """
    root = Path(path)
    if not root.is_dir():
        raise AnalysisError("not_a_directory", f"{path} is not a directory.")
    limits = limits or AnalysisLimits()
    deadline = time.monotonic() + limits.time_budget_seconds + STARTUP_GRACE_SECONDS
    skip: dict[str, str] = {}
    while True:
        remaining = max(deadline - time.monotonic() - STARTUP_GRACE_SECONDS, 0.1)
        request = ChildRequest(
            root=str(root.resolve()),
            limits=limits.model_copy(update={"time_budget_seconds": remaining}),
            identity=identity,
            skip=skip,
            progress_path="",
            under=under,
            known=known or {},
            keep_facts=keep_facts,
        )
        outcome = _run_child(request, deadline)
        if isinstance(outcome, Analysis):
            return outcome
        if outcome.culprit is None or outcome.culprit in skip or len(skip) == MAX_RESTARTS:
            raise AnalysisError(outcome.reason, outcome.detail)
        skip[outcome.culprit] = outcome.detail


def child_command(request_path: Path) -> list[str]:
    return [sys.executable, "-s", "-m", "portfolios.analysis", str(request_path)]


def child_environment(home: str) -> dict[str, str]:
    """Only what Python needs to start: no credentials, no settings module, no proxies."""
    return {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "PYTHONPATH": str(PROJECT_ROOT),
        "HOME": home,
        "LANG": "C.UTF-8",
    }


def _run_child(request: ChildRequest, deadline: float) -> Analysis | Casualty:
    with tempfile.TemporaryDirectory(prefix="analysis-child-") as scratch:
        folder = Path(scratch)
        progress = folder / "progress"
        progress.touch()
        request_path = folder / "request.json"
        request_path.write_text(request.model_copy(update={"progress_path": str(progress)}).model_dump_json())
        with (folder / "stdout").open("w+b") as stdout, (folder / "stderr").open("w+b") as stderr:
            process = subprocess.Popen(
                child_command(request_path),
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                cwd=scratch,
                env=child_environment(scratch),
                start_new_session=True,
            )
            hung = _watch(process, progress, request.limits, deadline)
            if hung is not None:
                return hung
            return _outcome(process.returncode, stdout, stderr, _last_parsed(progress))


def _watch(
    process: subprocess.Popen[bytes], progress: Path, limits: AnalysisLimits, deadline: float
) -> Casualty | None:
    """Wait for the child; kill its process group when a file or the repository runs out of time."""
    seen_size, seen_at = 0, time.monotonic()
    while True:
        try:
            process.wait(timeout=POLL_SECONDS)
            return None
        except subprocess.TimeoutExpired:
            pass
        now, size = time.monotonic(), progress.stat().st_size
        if size != seen_size:
            seen_size, seen_at = size, now
        culprit = _last_parsed(progress)
        if culprit is not None and now - seen_at > limits.max_file_seconds:
            _kill_group(process)
            return Casualty(
                "analysis_resource_limit", f"parse_timeout: over {limits.max_file_seconds:g}s", culprit
            )
        if now > deadline:
            _kill_group(process)
            return Casualty("analysis_resource_limit", "the repository's time budget ran out", None)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _last_parsed(progress: Path) -> str | None:
    """The file the child announced last, if it was parsing one (not listing or reading history)."""
    with progress.open("rb") as handle:
        handle.seek(max(handle.seek(0, os.SEEK_END) - PROGRESS_TAIL_BYTES, 0))
        lines = handle.read().splitlines()
    if not lines:
        return None
    step, _, payload = lines[-1].partition(b"\t")
    try:
        return str(json.loads(payload)) if step == b"parse" else None
    except ValueError:
        return None


def _outcome(
    returncode: int, stdout: IO[bytes], stderr: IO[bytes], culprit: str | None
) -> Analysis | Casualty:
    stdout.seek(0)
    stderr.seek(0)
    if returncode == 0:
        try:
            return Analysis.model_validate_json(stdout.read())
        except ValidationError:
            return Casualty("analyzer_crashed", "the child's report did not validate", None)
    if returncode == EXIT_OUT_OF_MEMORY:
        return Casualty("analysis_resource_limit", "out of memory outside any one file", None)
    name = _signal_name(-returncode) if returncode < 0 else None
    if name in RESOURCE_SIGNALS:
        return Casualty("analysis_resource_limit", f"CPU time limit reached ({name})", None)
    last_line = (stderr.read().decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
    cause = f"killed by {name}" if name else f"exit {returncode}: {last_line[:200]}"
    return Casualty("analyzer_crashed", f"analyzer_crashed: {cause}", culprit)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
