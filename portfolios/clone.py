"""Safe clones of untrusted repositories: the only module that runs git against a remote.

A clone here is shallow (`--depth 1`), single-branch, tagless, has no checkout and no submodules,
and leaves blobs over the size limit on the server; then a second cheap step fetches the commit
history alone (`fetch --unshallow --filter=tree:0`: commits, no trees or blobs) so provenance
still sees the root commits and authors. Notebooks are the exception to the blob limit (they
carry their outputs and are routinely several MB): a third step fetches the filtered notebooks
by their blob ids, still under the clone's size cap and deadline. The remote is removed right
after, so nothing later can lazily fetch a filtered blob. git runs from an argument list with a
sanitized environment, only allow-listed protocols, hooks off, a wall-clock deadline and a size
cap; on either, its whole process group is killed and the destination removed. Failures raise
CloneError with a reason code.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field

from portfolios.analysis.gitobjects import git_environment

CloneFailureReason = Literal[
    "invalid_url",
    "transport_not_allowed",
    "clone_timeout",
    "too_large",
    "repo_rejected_integrity",
    "repository_unavailable",
    "clone_failed",
]
KNOWN_PROTOCOLS = frozenset({"https", "http", "ssh", "git", "file"})
POLL_SECONDS = 0.1
MAX_FETCHED_NOTEBOOKS = 500  # past the size cap anyway, unless they are tiny
INTEGRITY_MARKERS = (
    "fsck",
    "bad object",
    "corrupt",
    "invalid index-pack",
    "did not send all necessary objects",
)
UNAVAILABLE_MARKERS = (
    "not found",
    "does not exist",
    "does not appear to be a git repository",
    "could not read",
)


class CloneError(Exception):
    """An expected clone failure: `reason` is a stable code, `detail` says what happened."""

    def __init__(self, reason: CloneFailureReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class CloneLimits(BaseModel):
    model_config = ConfigDict(frozen=True)

    allowed_protocols: tuple[str, ...] = ("https",)
    timeout_seconds: float = Field(default=120.0, gt=0)
    max_bytes: int = Field(default=200 * 1024 * 1024, gt=0)
    max_blob_bytes: int = Field(default=1_000_000, gt=0)
    fetch_history: bool = True

    @classmethod
    def from_settings(cls) -> CloneLimits:
        return cls(
            allowed_protocols=tuple(settings.GIT_ALLOWED_PROTOCOLS),
            timeout_seconds=settings.CLONE_TIMEOUT_SECONDS,
            max_bytes=settings.CLONE_MAX_BYTES,
            max_blob_bytes=settings.ANALYSIS_MAX_FILE_BYTES,
        )


class ClonedRepository(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Path
    head_sha: str
    missing_blobs: tuple[str, ...]
    has_history: bool
    size_bytes: int


def validate_url(url: str, allowed_protocols: Sequence[str]) -> str:
    """The URL unchanged if git may fetch it under these protocols; CloneError otherwise."""
    if not url or url.startswith("-") or any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
        raise CloneError(
            "invalid_url", "a repository URL has no spaces or control characters and no leading dash"
        )
    scheme, separator, _ = url.partition("://")
    if not separator or "::" in scheme:
        raise CloneError("transport_not_allowed", f"only {', '.join(allowed_protocols)} URLs are cloned")
    scheme = scheme.lower()
    if scheme not in KNOWN_PROTOCOLS or scheme not in allowed_protocols:
        raise CloneError("transport_not_allowed", f"transport {scheme!r} is not allowed")
    parts = urlsplit(url)
    if scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            raise CloneError("invalid_url", "a file URL names an absolute local path")
    elif not parts.hostname or parts.username or parts.password:
        raise CloneError("invalid_url", "the URL needs a host and must carry no credentials")
    return url


@contextlib.contextmanager
def temporary_clone(
    url: str, limits: CloneLimits, *, expected_size_bytes: int | None = None
) -> Iterator[ClonedRepository]:
    """A clone in a fresh temporary directory that is removed on exit, whatever happens."""
    scratch = Path(tempfile.mkdtemp(prefix="portfolio-clone-"))
    try:
        yield shallow_clone(url, scratch / "repository", limits, expected_size_bytes=expected_size_bytes)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def shallow_clone(
    url: str, dest: Path, limits: CloneLimits, *, expected_size_bytes: int | None = None
) -> ClonedRepository:
    """Clone url into dest (which must not exist); dest is removed again if anything fails.

    `expected_size_bytes` (e.g. the size the GitHub API reports) over the cap is refused before
    any git process starts.
    """
    validate_url(url, limits.allowed_protocols)
    if expected_size_bytes is not None and expected_size_bytes > limits.max_bytes:
        raise CloneError("too_large", f"the repository reports {expected_size_bytes} bytes, over the cap")
    if dest.exists():
        raise FileExistsError(dest)
    deadline = time.monotonic() + limits.timeout_seconds
    with tempfile.TemporaryDirectory(prefix="portfolio-git-home-") as home:
        git = _Git(home=home, limits=limits, deadline=deadline, watch=dest)
        try:
            return _clone_steps(git, url, dest)
        except BaseException:
            shutil.rmtree(dest, ignore_errors=True)
            raise


def _clone_steps(git: _Git, url: str, dest: Path) -> ClonedRepository:
    git.run(clone_arguments(url, dest, git.limits), cwd=dest.parent)
    repo = ["-C", str(dest)]
    shallow = git.run([*repo, "rev-parse", "--is-shallow-repository"]).strip() == b"true"
    if git.limits.fetch_history and shallow:
        git.run([*repo, "fetch", "--quiet", "--unshallow", "--filter=tree:0", "--no-tags", "origin"])
    try:
        head = git.run([*repo, "rev-parse", "--verify", "HEAD^{commit}"]).decode().strip()
    except CloneError:
        raise CloneError("repository_unavailable", "the repository has no commits") from None
    missing = _missing_blobs(git, repo)
    notebooks = _notebook_blobs(git, repo, missing)
    if notebooks:
        # The same request git makes to fill a partial clone: these blobs, nothing else.
        git.run(
            [*repo, "-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags",
             "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin", "origin"],
            stdin="".join(f"{oid}\n" for oid in notebooks).encode("ascii"),
        )  # fmt: skip
        missing = _missing_blobs(git, repo)
    git.run([*repo, "remote", "remove", "origin"])
    size = directory_bytes(dest)
    if size > git.limits.max_bytes:
        raise CloneError("too_large", f"the clone takes {size} bytes, over the cap")
    has_history = git.limits.fetch_history or not shallow
    return ClonedRepository(
        path=dest, head_sha=head, missing_blobs=missing, has_history=has_history, size_bytes=size
    )


def _missing_blobs(git: _Git, repo: list[str]) -> tuple[str, ...]:
    """HEAD's blobs the filter left on the server (listed without fetching any)."""
    listed = git.run([*repo, "rev-list", "--objects", "--missing=print", "--no-walk", "HEAD"])
    return tuple(line[1:].decode() for line in listed.splitlines() if line.startswith(b"?"))


def _notebook_blobs(git: _Git, repo: list[str], missing: Sequence[str]) -> list[str]:
    """The missing blobs that are notebooks (`ls-tree` names them without reading any blob)."""
    if not missing:
        return []
    wanted = set(missing)
    found = []
    for record in git.run([*repo, "ls-tree", "-r", "-z", "HEAD"]).split(b"\0"):
        meta, _, path = record.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == b"blob" and path.lower().endswith(b".ipynb"):
            oid = parts[2].decode()
            if oid in wanted and oid not in found:
                found.append(oid)
    return found[:MAX_FETCHED_NOTEBOOKS]


def remote_head(url: str, limits: CloneLimits) -> str:
    """The commit the remote's HEAD points at, without cloning (keys the analysis cache)."""
    validate_url(url, limits.allowed_protocols)
    deadline = time.monotonic() + limits.timeout_seconds
    with tempfile.TemporaryDirectory(prefix="portfolio-git-home-") as home:
        git = _Git(home=home, limits=limits, deadline=deadline, watch=Path(home))
        listed = git.run(["ls-remote", "--", url, "HEAD"]).split()
    if not listed:
        raise CloneError("repository_unavailable", "the repository has no HEAD (is it empty?)")
    return listed[0].decode()


def clone_arguments(url: str, dest: Path, limits: CloneLimits) -> list[str]:
    """git's argv after the global options: `--` keeps a hostile URL from reading as an option."""
    return [
        "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--no-checkout",
        f"--filter=blob:limit={limits.max_blob_bytes + 1}", "--no-recurse-submodules", "--template=",
        "--", url, str(dest),
    ]  # fmt: skip


def git_options(allowed_protocols: Sequence[str]) -> list[str]:
    options = ["-c", "protocol.allow=never"]
    for protocol in allowed_protocols:
        options += ["-c", f"protocol.{protocol}.allow=always"]
    for setting in (
        "core.hooksPath=/dev/null", "core.fsmonitor=false", "core.symlinks=false", "submodule.recurse=false",
        "transfer.fsckObjects=true", "fetch.fsckObjects=true", "credential.helper=", "init.templateDir=",
    ):  # fmt: skip
        options += ["-c", setting]
    return options


def directory_bytes(path: Path) -> int:
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += Path(folder, name).lstat().st_size
    return total


class _Git:
    """Runs git commands against one deadline and one size cap, killing the process group on either."""

    def __init__(self, *, home: str, limits: CloneLimits, deadline: float, watch: Path) -> None:
        self.limits = limits
        self.deadline = deadline
        self.watch = watch
        self.environment = git_environment(home) | {"GIT_ALLOW_PROTOCOL": ":".join(limits.allowed_protocols)}

    def run(self, arguments: list[str], *, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
        argv = ["git", *git_options(self.limits.allowed_protocols), *arguments]
        with (
            tempfile.TemporaryFile() as request,
            tempfile.TemporaryFile() as stdout,
            tempfile.TemporaryFile() as stderr,
        ):
            request.write(stdin or b"")
            request.seek(0)
            process = subprocess.Popen(
                argv, stdin=request, stdout=stdout, stderr=stderr, cwd=cwd, env=self.environment,
                start_new_session=True,
            )  # fmt: skip
            try:
                self._wait(process)
            finally:
                _kill_group(process)
            stdout.seek(0)
            stderr.seek(0)
            if process.returncode != 0:
                raise _failure(stderr.read().decode("utf-8", "replace"))
            return stdout.read()

    def _wait(self, process: subprocess.Popen[bytes]) -> None:
        while True:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=POLL_SECONDS)
                return
            if time.monotonic() > self.deadline:
                raise CloneError("clone_timeout", f"git took longer than {self.limits.timeout_seconds:g}s")
            if directory_bytes(self.watch) > self.limits.max_bytes:
                raise CloneError("too_large", f"the clone grew past {self.limits.max_bytes} bytes")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill git and every helper it started (remote-https, index-pack...): none outlives its step."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _failure(stderr: str) -> CloneError:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    detail = lines[-1][:300] if lines else "git failed without a message"
    lowered = stderr.lower()
    if "not allowed" in lowered and "transport" in lowered:
        return CloneError("transport_not_allowed", detail)
    if any(marker in lowered for marker in INTEGRITY_MARKERS):
        return CloneError("repo_rejected_integrity", detail)
    if any(marker in lowered for marker in UNAVAILABLE_MARKERS):
        return CloneError("repository_unavailable", detail)
    return CloneError("clone_failed", detail)
