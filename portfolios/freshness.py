"""Are the pinned versions current? Pinned (name, version) pairs against the newest releases.

Pure: no I/O (the review asks `package_index` first). A version either side that does not parse
(a URL, a local build) is left out rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict

MAX_LISTED = 20


class PackageLag(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    pinned: str
    newest: str
    majors_behind: int  # 0: only minor or patch releases behind


class Freshness(BaseModel):
    """The outcome for one repository; `checked` False says why in `reason`."""

    model_config = ConfigDict(frozen=True)

    checked: bool
    reason: str = ""
    compared: int = 0  # pinned packages compared with the index
    behind: list[PackageLag] = []  # those with a newer release, most behind first (capped)
    behind_count: int = 0


def compare(pins: Sequence[tuple[str, str]], newest: Mapping[str, str]) -> Freshness:
    behind: list[PackageLag] = []
    compared = 0
    for name, pinned in dict(pins).items():
        try:
            current, latest = Version(pinned), Version(newest.get(name, ""))
        except InvalidVersion:
            continue
        compared += 1
        if latest > current:
            behind.append(
                PackageLag(
                    name=name, pinned=pinned, newest=str(latest), majors_behind=latest.major - current.major
                )
            )
    behind.sort(key=lambda lag: (-lag.majors_behind, lag.name))
    return Freshness(checked=True, compared=compared, behind=behind[:MAX_LISTED], behind_count=len(behind))


def not_checked(reason: str) -> Freshness:
    return Freshness(checked=False, reason=reason)
