"""A flag's stored evidence as lines a reviewer can read and check, one kind of flag at a time.

Plain values in, plain values out: no queries. The evidence JSON holds codes and numbers (it feeds
the CSV and filters); people read "Asks, in the ad's period: $210,000 per year", not
``desired_in_ad_period``. An evidence key this module does not know is left out, never shown raw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hiring.flags.rules import FlagKind
from hiring.models import Flag
from jobads.pay import format_amount


@dataclass(frozen=True)
class Evidence:
    label: str
    text: str
    application_id: str = ""  # another application this line points to; linked if the reader may open it


@dataclass(frozen=True)
class FlagView:
    """A flag as the candidate page shows it."""

    kind: str
    label: str
    severity: str
    severity_label: str
    message: str
    evidence: list[Evidence] = field(default_factory=list)


def flag_views(flags: Iterable[Flag], *, may_open: Callable[[str], bool]) -> list[FlagView]:
    """``may_open(application_id)`` tells whether the reader may follow a link to another application."""
    return [
        FlagView(
            kind=flag.kind,
            label=flag.get_kind_display(),
            severity=flag.severity,
            severity_label=flag.get_severity_display(),
            message=flag.message,
            evidence=[
                line if may_open(line.application_id) else _without_link(line)
                for line in evidence_lines(flag.kind, flag.evidence or {})
            ],
        )
        for flag in flags
    ]


def evidence_lines(kind: str, evidence: dict[str, Any]) -> list[Evidence]:
    reader = READERS.get(kind)
    return reader(evidence) if reader else []


def _salary_above_range(e: dict[str, Any]) -> list[Evidence]:
    currency, period = str(e.get("currency", "")), str(e.get("period", ""))
    lines = [
        Evidence("Asks at least", _money(e.get("desired"), currency, str(e.get("desired_period", period))))
    ]
    if e.get("desired_period") and e.get("desired_period") != period:
        lines.append(
            Evidence("The same, per " + period, _money(e.get("desired_in_ad_period"), currency, period))
        )
    lines.append(Evidence("Posted maximum", _money(e.get("posted_max"), currency, period)))
    lines.append(Evidence("Above the maximum by", f"{e.get('percent_over', 0):g}%"))
    return lines


def _salary_in_another_currency(e: dict[str, Any]) -> list[Evidence]:
    return [
        Evidence("Asks at least", f"{e.get('desired', 0):,} {e.get('desired_currency', '')}"),
        Evidence("The ad pays in", str(e.get("posted_currency", ""))),
    ]


def _role_mismatch(e: dict[str, Any]) -> list[Evidence]:
    profile, ad = str(e.get("profile_family", "")), str(e.get("ad_family", ""))
    lines = [Evidence("Current title", str(e.get("title") or "not given"))]
    lines.append(Evidence("The title points to", str(e.get("title_family") or "neither role family")))
    for family in (profile, ad):
        terms = (e.get("matched_terms") or {}).get(family) or []
        lines.append(Evidence(f"Words of the {family} vocabulary", ", ".join(map(str, terms)) or "none"))
        portfolio = (e.get("portfolio") or {}).get(family) or []
        if portfolio:
            lines.append(Evidence(f"Public code pointing to {family}", ", ".join(map(str, portfolio))))
    return lines


def _resume_unreadable(e: dict[str, Any]) -> list[Evidence]:
    return [Evidence("Why", str(e.get("reason", "")))]


def _copied_repository(e: dict[str, Any]) -> list[Evidence]:
    return [Evidence("Copy", str(copy)) for copy in e.get("copies") or []]


def _near_copy(e: dict[str, Any]) -> list[Evidence]:
    return [
        Evidence(f"{_share(copy)} of {copy.get('repository', '')}", str(copy.get("example", "")))
        for copy in e.get("copies") or []
    ]


def _repeated_by_later(e: dict[str, Any]) -> list[Evidence]:
    return [
        Evidence(
            str(copy.get("repository", "")),
            f"{_share(copy)} of a later applicant's repository repeats it",
        )
        for copy in e.get("later") or []
    ]


def _share(copy: dict[str, Any]) -> str:
    share = copy.get("share")
    return f"{share:.0%}" if isinstance(share, int | float) else "part"


def _shared_github_profile(e: dict[str, Any]) -> list[Evidence]:
    lines = [Evidence("GitHub profile", f"@{e.get('github_username', '')}")]
    lines += [
        Evidence(
            "Also given in",
            f"an application to “{use.get('ad', '')}” on {use.get('applied_on', '')}",
            application_id=str(use.get("id", "")),
        )
        for use in e.get("applications") or []
    ]
    return lines


READERS: dict[str, Callable[[dict[str, Any]], list[Evidence]]] = {
    FlagKind.SALARY_ABOVE_RANGE: _salary_above_range,
    FlagKind.SALARY_UNKNOWN_CURRENCY: _salary_in_another_currency,
    FlagKind.TITLE_MISMATCH: _role_mismatch,
    FlagKind.RESUME_UNREADABLE: _resume_unreadable,
    FlagKind.COPIED_REPOSITORY: _copied_repository,
    FlagKind.SHARED_GITHUB_PROFILE: _shared_github_profile,
    FlagKind.NEAR_COPY: _near_copy,
    FlagKind.REPEATED_BY_LATER: _repeated_by_later,
}


def _money(amount: Any, currency: str, period: str) -> str:
    return f"{format_amount(int(amount or 0), currency)} per {period}"


def _without_link(line: Evidence) -> Evidence:
    if not line.application_id:
        return line
    return Evidence(line.label, f"{line.text} (not one of the ads you review)")
