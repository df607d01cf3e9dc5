"""JSON bodies shaped like GitHub's REST v3 answers, built from a `GitHubStore` for one base URL."""

from __future__ import annotations

import zlib
from typing import Any

from portfolios.loopback.store import GitHubStore

CREATED_AT = "2020-01-01T00:00:00Z"
SORT_KEYS = {"pushed": "pushed_at", "updated": "pushed_at", "created": "pushed_at"}


def _id(text: str) -> int:
    return zlib.crc32(text.encode()) + 1


class Payloads:
    def __init__(self, store: GitHubStore, base_url: str) -> None:
        self.store = store
        self.base_url = base_url

    def user(self, login: str) -> dict[str, Any] | None:
        data = self.store.user(login)
        if data is None:
            return None
        return self._owner(login) | {
            "name": data["name"],
            "public_repos": len(self.store.repositories(login)),
            "public_gists": 0,
            "followers": 0,
            "following": 0,
            "created_at": CREATED_AT,
            "updated_at": CREATED_AT,
        }

    def repositories(self, login: str, *, sort: str = "full_name") -> list[dict[str, Any]] | None:
        """The list payload (no `parent`, as on GitHub), or None for an unknown user."""
        if self.store.user(login) is None:
            return None
        listed = [self._repository(login, meta) for meta in self.store.repositories(login)]
        if sort in SORT_KEYS:
            return sorted(listed, key=lambda repo: repo[SORT_KEYS[sort]], reverse=True)
        return sorted(listed, key=lambda repo: repo["full_name"].lower())

    def repository(self, owner: str, name: str, *, detailed: bool = False) -> dict[str, Any] | None:
        meta = self.store.repository(owner, name)
        if meta is None:
            return None
        body = self._repository(owner, meta)
        if detailed and meta.get("fork_of"):
            parent = self._parent(meta["fork_of"])
            body |= {"parent": parent, "source": parent}
        return body

    def _parent(self, full_name: str) -> dict[str, Any]:
        owner, _, name = full_name.partition("/")
        known = self.repository(owner, name)
        if known is not None:
            return known
        stub = {"name": name, "language": None, "pushed_at": CREATED_AT, "size_kb": 0}
        return self._repository(owner, stub)

    def _owner(self, login: str) -> dict[str, Any]:
        return {
            "login": login,
            "id": _id(login),
            "node_id": f"U_{_id(login)}",
            "type": "User",
            "site_admin": False,
            "url": f"{self.base_url}/users/{login}",
            "html_url": f"{self.base_url}/{login}",
            "repos_url": f"{self.base_url}/users/{login}/repos",
        }

    def _repository(self, owner: str, meta: dict[str, Any]) -> dict[str, Any]:
        name = meta["name"]
        full_name = f"{owner}/{name}"
        return {
            "id": _id(full_name),
            "node_id": f"R_{_id(full_name)}",
            "name": name,
            "full_name": full_name,
            "private": False,
            "visibility": "public",
            "owner": self._owner(owner),
            "html_url": f"{self.base_url}/{full_name}",
            "url": f"{self.base_url}/repos/{full_name}",
            "description": meta.get("description") or None,
            "fork": bool(meta.get("fork_of")),
            "clone_url": self.store.clone_url(owner, name),
            "git_url": self.store.clone_url(owner, name),
            "size": meta["size_kb"],
            "language": meta["language"],
            "default_branch": "main",
            "archived": bool(meta.get("archived")),
            "disabled": False,
            "created_at": CREATED_AT,
            "updated_at": meta["pushed_at"],
            "pushed_at": meta["pushed_at"],
            "stargazers_count": 0,
            "watchers_count": 0,
            "forks_count": 0,
            "open_issues_count": 0,
            "topics": [],
        }
