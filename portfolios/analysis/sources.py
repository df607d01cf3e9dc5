"""Which files of a repository the analyzer reads, and reading them within the limits.

Two sources give the same entries: a working tree (lstat, never following a symlink) and a
no-checkout clone (HEAD's tree and blobs from the object database). Symlinks, submodules, special
files, over-size files and anything past the file, byte or time budget are skipped with a reason.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Literal, NamedTuple

from portfolios.analysis import gitobjects
from portfolios.analysis.report import AnalysisLimits, SkippedFile

Source = Literal["working_tree", "git_objects"]

# Directories that hold someone else's code or tool caches, never the candidate's work.
IGNORED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", "__pycache__", "node_modules", "site-packages", ".venv", "venv", ".tox", ".nox"}
    | {".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", ".eggs"}
)
_IGNORED_DIRECTORY_NAMES = frozenset(map(os.fsencode, IGNORED_DIRECTORIES))  # as scandir names them
META_NAMES = frozenset(
    {"pyproject.toml", "setup.cfg", "tox.ini", "pytest.ini", "mypy.ini", ".mypy.ini", "pyrightconfig.json"}
    | {".python-version", "runtime.txt", ".tool-versions", ".env"}
    | {"Pipfile", "environment.yml", "environment.yaml", "Chart.yaml", "MLproject", "dvc.yaml"}
)
META_PREFIXES = ("readme", "license", "licence", "copying")
LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/"
Kind = Literal["python", "notebook", "meta", "stub", "other"]


class Entry(NamedTuple):  # a tuple: one per listed file, and a frozen dataclass is made 3x slower
    """One regular file: its display path, what it is, and how to read it (fs path or blob id)."""

    path: str
    kind: Kind
    locator: bytes | str
    size: int | None = None


@dataclass
class Listing:
    source: Source
    root: Path
    entries: list[Entry] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    truncated_reason: str | None = None

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append(SkippedFile(path=path, reason=reason))


def display_path(raw: bytes) -> str:
    """A printable-as-JSON path: invalid UTF-8 shown as backslash escapes, never lost."""
    return raw.decode("utf-8", "backslashreplace")


def classify(path: str) -> Kind:
    name = path.rsplit("/", 1)[-1]
    lowered = name.lower()
    if lowered.endswith(".py"):
        return "python"
    if lowered.endswith(".ipynb"):
        return "notebook"
    if lowered.endswith(".pyi"):
        return "stub"
    if name in META_NAMES or lowered.startswith(META_PREFIXES) or lowered.endswith((".yml", ".yaml")):
        return "meta"
    if (
        lowered.startswith("requirements") and lowered.endswith(".txt")
    ) or "/requirements/" in f"/{path.lower()}":
        return "meta" if lowered.endswith((".txt", ".in")) else "other"
    return "other"


def detect_source(root: Path) -> Source:
    """A no-checkout clone (only `.git` on disk) or a bare repository is read from its objects."""
    names = {entry.name for entry in os.scandir(root)}
    if names == {".git"} or {"HEAD", "objects", "refs"} <= names:
        return "git_objects"
    return "working_tree"


def list_repository(root: Path, limits: AnalysisLimits) -> Listing:
    if detect_source(root) == "git_objects":
        return _list_git_objects(root, limits)
    return _list_working_tree(root, limits)


def _list_working_tree(root: Path, limits: AnalysisLimits) -> Listing:
    listing = Listing(source="working_tree", root=root)
    pending: list[bytes] = [os.fsencode(root)]
    prefix = len(pending[0]) + 1
    seen = 0
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as scan:
                children = sorted(scan, key=_name, reverse=True)
        except OSError:
            listing.skip(display_path(directory[prefix:]) or ".", "unreadable")
            continue
        if any(child.name == b"pyvenv.cfg" for child in children):
            continue  # a virtualenv: someone else's packages
        for child in children:
            seen += 1
            if seen > limits.max_listed_entries:
                listing.truncated_reason = "max_listed_entries"
                return listing
            _list_one(listing, child, child.path[prefix:], pending)
    return listing


def _list_one(listing: Listing, child: os.DirEntry[bytes], relative: bytes, pending: list[bytes]) -> None:
    if child.is_dir(follow_symlinks=False):
        if child.name not in _IGNORED_DIRECTORY_NAMES:
            pending.append(child.path)
        return
    path = display_path(relative)
    if child.is_symlink():
        listing.skip(path, "symlink")
    elif not child.is_file(follow_symlinks=False):
        listing.skip(path, "not_regular_file")
    else:
        kind = classify(path)
        try:
            size = child.stat(follow_symlinks=False).st_size if kind != "other" else None
        except OSError:
            size = None  # vanished or unreadable: skipped as unreadable if it mattered
        listing.entries.append(Entry(path=path, kind=kind, locator=child.path, size=size))


_name = attrgetter("name")


def _list_git_objects(root: Path, limits: AnalysisLimits) -> Listing:
    listing = Listing(source="git_objects", root=root)
    try:
        tree = gitobjects.head_tree(root)
    except gitobjects.GitReadError as error:
        listing.skip(".", f"unreadable repository: {error}")
        return listing
    if len(tree) > limits.max_listed_entries:
        tree = tree[: limits.max_listed_entries]
        listing.truncated_reason = "max_listed_entries"
    for item in tree:
        path = display_path(item.path)
        if any(part in IGNORED_DIRECTORIES for part in path.split("/")[:-1]):
            continue
        kind = classify(path)
        if item.mode == "120000":
            listing.skip(path, "symlink")
        elif item.mode == "160000":
            listing.skip(path, "submodule")
        elif kind == "other":
            listing.entries.append(Entry(path=path, kind="other", locator=item.oid))
        elif item.missing:
            listing.skip(path, "too_large")
        else:
            listing.entries.append(Entry(path=path, kind=kind, locator=item.oid, size=item.size))
    return listing


@dataclass
class Budget:
    """What is left of the repository's file count, byte and time budgets."""

    limits: AnalysisLimits
    deadline: float
    files: int = 0
    bytes: int = 0
    notebook_bytes: int = 0
    exhausted: str | None = None

    def admit(self, entry: Entry) -> str | None:
        """None if the file may be read, else the reason it is skipped."""
        if entry.size is None:
            return "unreadable"
        if entry.kind == "notebook":
            return self._admit_notebook(entry.size)
        if entry.size > self.limits.max_file_bytes:
            return "too_large"
        if self.exhausted is None and self.files >= self.limits.max_files:
            self.exhausted = "max_files"
        if self.exhausted is None and self.bytes + entry.size > self.limits.max_total_bytes:
            self.exhausted = "max_total_bytes"
        if self.exhausted:
            return self.exhausted
        self.files += 1
        self.bytes += entry.size
        return None

    def _admit_notebook(self, size: int) -> str | None:
        """Notebooks carry their outputs: their own size cap and byte budget, the file count shared.
        They are admitted last (READ_ORDER), so a budget they exhaust truncates nothing else."""
        if size > self.limits.max_notebook_bytes:
            return (
                f"too_large: {_megabytes(size)}, over the {_megabytes(self.limits.max_notebook_bytes)} limit"
            )
        if self.exhausted is None and self.files >= self.limits.max_files:
            self.exhausted = "max_files"
        if self.exhausted is None and self.notebook_bytes + size > self.limits.max_notebook_total_bytes:
            self.exhausted = "max_notebook_total_bytes"
        if self.exhausted:
            return self.exhausted
        self.files += 1
        self.notebook_bytes += size
        return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


READ_ORDER = {"meta": 0, "python": 1, "notebook": 2}


def read_entries(
    listing: Listing, budget: Budget, *, unread: Container[str] = ()
) -> Iterator[tuple[Entry, bytes | None]]:
    """Yield (entry, content) for readable files, config first; record the rest as skipped.

    A clone's files whose paths are in `unread` (code files whose facts are already known) are
    admitted as the others, in the same order, but yielded without their content."""
    admitted = _admit(listing, budget)
    contents: Iterator[tuple[Entry, bytes | None]]
    if listing.source == "git_objects":
        contents = _read_blobs(listing, admitted, unread)
    else:
        contents = _read_files(listing, admitted, budget.limits)
    done: set[str] = set()
    for entry, data in contents:
        if time.monotonic() > budget.deadline:
            for late in admitted:
                if late.path not in done:
                    listing.skip(late.path, "time_budget")
            listing.truncated_reason = listing.truncated_reason or "time_budget"
            return
        done.add(entry.path)
        yield entry, data


def _admit(listing: Listing, budget: Budget) -> list[Entry]:
    readable = sorted(
        (entry for entry in listing.entries if entry.kind in READ_ORDER),
        key=lambda entry: (READ_ORDER[entry.kind], entry.path),
    )
    admitted = []
    for entry in readable:
        reason = budget.admit(entry)
        if reason is None:
            admitted.append(entry)
        else:
            listing.skip(entry.path, reason)
    if budget.exhausted:
        listing.truncated_reason = listing.truncated_reason or budget.exhausted
    return admitted


def _read_files(
    listing: Listing, entries: list[Entry], limits: AnalysisLimits
) -> Iterator[tuple[Entry, bytes]]:
    for entry in entries:
        max_bytes = limits.max_notebook_bytes if entry.kind == "notebook" else limits.max_file_bytes
        try:
            descriptor = os.open(entry.locator, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(descriptor, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise OSError("not a regular file")
                data = handle.read(max_bytes + 1)
        except OSError:
            listing.skip(entry.path, "unreadable")
            continue
        if len(data) > max_bytes:
            listing.skip(entry.path, "too_large")
            continue
        yield from _unless_lfs_pointer(listing, entry, data)


def _read_blobs(
    listing: Listing, entries: list[Entry], unread: Container[str]
) -> Iterator[tuple[Entry, bytes | None]]:
    """Each blob once, in the order of its first path (every path of it then), through one
    `git cat-file --batch`; a blob none of whose paths is to be read is never requested."""
    by_oid: dict[str, list[Entry]] = {}
    for entry in entries:
        by_oid.setdefault(str(entry.locator), []).append(entry)
    wanted = [oid for oid, group in by_oid.items() if any(entry.path not in unread for entry in group)]
    blobs = gitobjects.read_blobs(listing.root, wanted)
    arrived = next(blobs, None)
    requested = set(wanted)
    for oid, group in by_oid.items():
        if oid not in requested:
            for entry in group:
                yield entry, None
            continue
        if arrived is None or arrived[0] != oid:
            continue  # missing from the clone after all: nothing to read
        data = arrived[1]
        arrived = next(blobs, None)
        for entry in group:
            yield from _unless_lfs_pointer(listing, entry, data)


def _unless_lfs_pointer(listing: Listing, entry: Entry, data: bytes) -> Iterator[tuple[Entry, bytes]]:
    if data.startswith(LFS_POINTER_PREFIX):
        listing.skip(entry.path, "lfs_pointer")
    else:
        yield entry, data


def blob_id(data: bytes) -> str:
    """The id git gives this content, so working trees and clones fingerprint alike."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
