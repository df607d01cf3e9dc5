"""Read-only git plumbing on a local repository: list HEAD's tree, read blobs, read history.

Never talks to a remote (protocol.allow=never, no lazy fetch) and never checks anything out; it is
the analyzer's only use of git. Cloning, the network side, lives in portfolios/clone.py.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

GIT_TIMEOUT_SECONDS = 60.0

# Options that keep git from running anything or reaching any network, whatever the repository says.
SAFE_GIT_OPTIONS = (
    "-c", "protocol.allow=never",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.fsmonitor=false",
    "-c", "log.mailmap=false",
    "-c", "core.quotePath=false",
)  # fmt: skip


class GitReadError(Exception):
    """A git plumbing command failed on the local repository."""


@dataclass(frozen=True, slots=True)
class TreeEntry:
    mode: str
    oid: str
    path: bytes
    size: int | None = None  # a blob's size; None for a blob absent from a partial clone, or not a blob

    @property
    def missing(self) -> bool:
        return self.size is None and self.mode not in NOT_BLOBS


NOT_BLOBS = ("160000", "040000")  # a submodule's commit, a tree


def git_environment(home: str, *, inherited: Mapping[str, str] = os.environ) -> dict[str, str]:
    """An environment with no user or system config, no prompts, no LFS, no secrets."""
    return {
        "PATH": inherited.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "/bin/false",
        "GIT_LFS_SKIP_SMUDGE": "1",
        "GIT_NO_LAZY_FETCH": "1",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_NO_REPLACE_OBJECTS": "1",
    }


def run_git(repo: Path, args: Iterable[str], *, stdin: bytes = b"") -> bytes:
    """Run one read-only git command in repo and return its stdout; raise GitReadError on failure."""
    argv = ["git", *SAFE_GIT_OPTIONS, "-C", str(repo), *args]
    with tempfile.TemporaryDirectory(prefix="analysis-git-home-") as home:
        try:
            done = subprocess.run(
                argv,
                input=stdin,
                capture_output=True,
                env=git_environment(home),
                timeout=GIT_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise GitReadError(f"git {next(iter(args), '')}: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitReadError(message[-1] if message else f"git exited with {done.returncode}")
    return done.stdout


def head_tree(repo: Path) -> list[TreeEntry]:
    """Every entry of HEAD's tree, recursively, with each blob's size; reads trees and object
    headers only, never blob contents. A blob the partial clone left out has no size: the clone's
    remote is gone (and with it the promisor setting), so nothing is fetched to learn it."""
    raw = run_git(repo, ["ls-tree", "-r", "-l", "-z", "--full-tree", "HEAD"])
    entries = []
    for record in raw.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, _kind, oid, size = meta.decode("ascii").split()
        entries.append(TreeEntry(mode=mode, oid=oid, path=path, size=int(size) if size.isdigit() else None))
    return entries


def read_blobs(repo: Path, oids: list[str]) -> Iterator[tuple[str, bytes]]:
    """Stream (oid, content) for present blobs through one `git cat-file --batch` process."""
    if not oids:
        return
    with tempfile.TemporaryFile() as request, tempfile.TemporaryDirectory(prefix="analysis-git-") as home:
        request.write("".join(f"{oid}\n" for oid in oids).encode("ascii"))
        request.seek(0)
        argv = ["git", *SAFE_GIT_OPTIONS, "-C", str(repo), "cat-file", "--batch", "--buffer"]
        with subprocess.Popen(
            argv, stdin=request, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment(home)
        ) as process:
            assert process.stdout is not None
            try:
                yield from _batch_records(process.stdout)
            finally:
                process.kill()


def _batch_records(stream: IO[bytes]) -> Iterator[tuple[str, bytes]]:
    while header := stream.readline():
        parts = header.decode("ascii").split()
        if len(parts) != 3:
            continue  # "<oid> missing": nothing follows
        data = stream.read(int(parts[2]))
        stream.read(1)
        yield parts[0], data
