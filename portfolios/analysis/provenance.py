"""Provenance: whose work this is. HEAD, root commits, commit count and the candidate's share of
authorship from git history, and copy detection against a list of known repositories.

History is read with git's plumbing and never through `.mailmap` (a repository cannot rename its
authors). A shallow repository has no trustworthy roots: it says so (`history="shallow"`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from portfolios.analysis import gitobjects
from portfolios.analysis.report import AuthorCommits, AuthorIdentity, Provenance

MAX_AUTHORS = 20
MAX_LOGGED_COMMITS = 20_000
# Below this size a file is too generic (an empty __init__.py) to say anything about copying.
MIN_FINGERPRINT_BYTES = 100
NOREPLY = re.compile(r"^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$")


@dataclass(frozen=True)
class History:
    provenance: Provenance
    last_commit_at: datetime | None


def read_history(root: Path, identity: AuthorIdentity | None) -> History:
    """What git says about the repository at root; an empty Provenance when it is not one."""
    try:
        head = gitobjects.run_git(root, ["rev-parse", "--verify", "-q", "HEAD^{commit}"]).decode().strip()
        shallow = gitobjects.run_git(root, ["rev-parse", "--is-shallow-repository"]).strip() == b"true"
        roots = gitobjects.run_git(root, ["rev-list", "--max-parents=0", "HEAD"]).decode().split()
        count = int(gitobjects.run_git(root, ["rev-list", "--count", "HEAD"]))
        log = gitobjects.run_git(
            root, ["log", "--no-mailmap", "-z", f"-n{MAX_LOGGED_COMMITS}", "--format=%ae%x1f%an%x1f%cI"]
        )
    except (gitobjects.GitReadError, ValueError, UnicodeDecodeError):
        return History(provenance=Provenance(), last_commit_at=None)
    commits = [record.decode("utf-8", "replace").split("\x1f") for record in log.split(b"\0") if record]
    authors = Counter((email.lower(), name) for email, name, _ in commits)
    provenance = Provenance(
        head_sha=head,
        root_commits=[] if shallow else sorted(roots),
        history="shallow" if shallow else "full",
        commit_count=count,
        authors=[AuthorCommits(email=e, name=n, commits=c) for (e, n), c in authors.most_common(MAX_AUTHORS)],
        author_share=author_share(authors, identity),
    )
    return History(provenance=provenance, last_commit_at=_timestamp(commits[0][2]) if commits else None)


def author_share(authors: Counter[tuple[str, str]], identity: AuthorIdentity | None) -> float | None:
    """Share (0-1) of the logged commits the candidate authored, matched by e-mail or GitHub login."""
    total = sum(authors.values())
    if identity is None or total == 0:
        return None
    emails = {email.lower() for email in identity.emails}
    logins = {login.lower() for login in identity.logins}
    mine = sum(
        count for (email, name), count in authors.items() if _is_candidate(email, name, emails, logins)
    )
    return round(mine / total, 3)


def _is_candidate(email: str, name: str, emails: set[str], logins: set[str]) -> bool:
    noreply = NOREPLY.match(email)
    return email in emails or name.lower() in logins or bool(noreply and noreply.group(1) in logins)


def _timestamp(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class KnownRepository:
    """A repository the candidate must not pass off as their own (e.g. the hiring manager's)."""

    name: str
    provenance: Provenance


@dataclass(frozen=True)
class CopyMatch:
    name: str
    reason: Literal["shared_root_commit", "identical_content"]
    shared_root_commits: tuple[str, ...]
    content_overlap: float


def find_copies(
    candidate: Provenance,
    known: list[KnownRepository],
    *,
    min_overlap: float = 0.8,
    min_shared_files: int = 3,
) -> list[CopyMatch]:
    """Known repositories this one shares a root commit with, or whose files it mostly repeats.

    Content overlap is the share of the smaller repository's source files (Python and notebooks of
    at least MIN_FINGERPRINT_BYTES) that are byte-identical in the other, so a copy is caught whether
    it was renamed, left unmarked as a fork, squashed into a fresh history or buried in a bigger tree.
    """
    matches = []
    mine = set(candidate.content_fingerprint)
    for other in known:
        shared_roots = tuple(sorted(set(candidate.root_commits) & set(other.provenance.root_commits)))
        theirs = set(other.provenance.content_fingerprint)
        shared = len(mine & theirs)
        overlap = round(shared / min(len(mine), len(theirs)), 3) if mine and theirs else 0.0
        if shared_roots:
            matches.append(CopyMatch(other.name, "shared_root_commit", shared_roots, overlap))
        elif shared >= min_shared_files and overlap >= min_overlap:
            matches.append(CopyMatch(other.name, "identical_content", (), overlap))
    return matches
