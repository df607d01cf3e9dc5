"""The loopback GitHub's data on disk: users, bare git repositories and their metadata JSON.

Layout: ``<root>/<owner>/user.json``, ``<root>/<owner>/<repo>.json`` and ``<root>/<owner>/<repo>.git``
(bare, ``uploadpack.allowFilter`` on so partial clones work). No pytest and no Django here: the demo
builds its seed portfolios, and the tests their repositories, with the same helpers.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Files = Mapping[str, str | bytes]
AUTHOR = ("Alice Example", "alice@example.com")
COMMIT_DATE = "2024-01-02T03:04:05+00:00"


def git(repo: Path, *args: str, date: str = COMMIT_DATE, author: tuple[str, str] = AUTHOR) -> str:
    """Run git in `repo` with a fixed identity and date and no user or system configuration."""
    env = os.environ | {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_COMMITTER_NAME": author[0],
        "GIT_COMMITTER_EMAIL": author[1],
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, check=True)
    return done.stdout.decode()


def write_tree(root: Path, files: Files) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


def executed_notebook(*cells: str | tuple[str, int | None] | tuple[str, int | None, int]) -> str:
    """A notebook as Jupyter saves it after a run: a string is a markdown cell, a tuple a code cell
    with the number it ran as (None: never run) and how many outputs it kept (one if it ran)."""
    built: list[dict[str, object]] = []
    for cell in cells:
        if isinstance(cell, str):
            built.append({"cell_type": "markdown", "metadata": {}, "source": cell})
            continue
        source, count, *kept = cell
        output = {
            "output_type": "execute_result",
            "execution_count": count,
            "metadata": {},
            "data": {"text/plain": "..."},
        }
        outputs = kept[0] if kept else int(count is not None)
        built.append(
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": count,
                "source": source,
                "outputs": [output] * outputs,
            }
        )
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": built}, indent=1)


def build_bare_repository(
    destination: Path, commits: Sequence[Files], *, author: tuple[str, str] = AUTHOR
) -> None:
    """A bare repository at `destination` with one commit per mapping of files (later ones overwrite)."""
    with tempfile.TemporaryDirectory(prefix="loopback-github-") as scratch:
        work = Path(scratch)
        git(work, "init", "--quiet", "--initial-branch=main")
        for number, files in enumerate(commits, start=1):
            write_tree(work, files)
            git(work, "add", "--all")
            git(work, "commit", "--quiet", "--allow-empty", "-m", f"change {number}", author=author)
        destination.parent.mkdir(parents=True, exist_ok=True)
        git(work, "clone", "--quiet", "--bare", str(work), str(destination))
    git(destination, "config", "uploadpack.allowFilter", "true")
    git(destination, "config", "uploadpack.allowAnySHA1InWant", "true")


def _disk_kb(path: Path) -> int:
    total = sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())
    return max(1, total // 1024)


def _iso(moment: datetime | str) -> str:
    if isinstance(moment, str):
        return moment
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class GitHubStore:
    """Builds and reads the users and repositories a `LoopbackGitHub` serves."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def add_user(self, login: str, *, name: str | None = None, pinned: Sequence[str] = ()) -> None:
        """`pinned`: "owner/name" of the repositories pinned on the profile (GraphQL's pinnedItems)."""
        folder = self.root / login
        folder.mkdir(parents=True, exist_ok=True)
        data = {"login": login, "name": name if name is not None else login.title(), "pinned": list(pinned)}
        (folder / "user.json").write_text(json.dumps(data), encoding="utf-8")

    def add_repository(
        self,
        login: str,
        name: str,
        files: Files | None,
        *,
        language: str | None = "Python",
        fork_of: str | None = None,
        pushed_at: datetime | str = "2024-01-02T03:04:05Z",
        size_kb: int | None = None,
        description: str = "",
        archived: bool = False,
        commits: Sequence[Files] = (),
    ) -> Path:
        """A public repository of `login`; `files=None` lists it without git data (cheap, for paging).

        `commits` are further changes committed after `files`. `size_kb` overrides the size GitHub
        would report (the bare repository's size on disk), e.g. to test the size cap.
        """
        if not (self.root / login / "user.json").exists():
            self.add_user(login)
        bare = self.root / login / f"{name}.git"
        if files is not None:
            # committed as the owner, through GitHub's no-reply address, as a real push would be
            owner = (login, f"{login}@users.noreply.github.com")
            build_bare_repository(bare, [files, *commits], author=owner)
        reported = size_kb if size_kb is not None else (_disk_kb(bare) if files is not None else 1)
        meta = {
            "name": name,
            "language": language,
            "fork_of": fork_of,
            "pushed_at": _iso(pushed_at),
            "size_kb": reported,
            "description": description,
            "archived": archived,
        }
        (self.root / login / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
        return bare

    def user(self, login: str) -> dict[str, Any] | None:
        return _read_json(self.root / login / "user.json")

    def repository(self, owner: str, name: str) -> dict[str, Any] | None:
        return _read_json(self.root / owner / f"{name}.json")

    def repositories(self, owner: str) -> list[dict[str, Any]]:
        folder = self.root / owner
        found = [_read_json(path) for path in sorted(folder.glob("*.json")) if path.name != "user.json"]
        return [meta for meta in found if meta is not None]

    def clone_url(self, owner: str, name: str) -> str:
        return f"file://{self.root / owner / name}.git"


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
