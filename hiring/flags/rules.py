"""Intake rules that flag an application for a reviewer's attention.

Plain values in, plain values out: no models, no queries. A flag never rejects anyone; it asks a
person to look, and says why in words a non-statistician understands, with the evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from core.text import and_list, count
from hiring.flags.role_fit import FamilyMatch, match_families, title_family
from hiring.intake.salary import DesiredSalary
from jobads.pay import format_amount


class FlagKind(models.TextChoices):
    """Codes are part of the product's interface (CSV export, filters): never rename one."""

    SALARY_ABOVE_RANGE = "salary_above_range", "Salary above range"
    SALARY_UNKNOWN_CURRENCY = "salary_unknown_currency", "Salary in another currency"
    TITLE_MISMATCH = "title_mismatch", "Role mismatch"
    NO_PORTFOLIO = "no_portfolio", "No public portfolio"
    RESUME_UNREADABLE = "resume_unreadable", "Résumé unreadable"
    COPIED_REPOSITORY = "copied_repository", "Copied repository"
    SHARED_GITHUB_PROFILE = "shared_github_profile", "Same GitHub profile as another candidate"
    NEAR_COPY = "near_copy", "Code repeats other code"
    REPEATED_BY_LATER = "repeated_by_later", "A later applicant's code repeats theirs"


class Severity(models.TextChoices):
    INFO = "info", "For information"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


@dataclass(frozen=True)
class Finding:
    """A flag before it is stored: what, how serious, one sentence, and the evidence behind it."""

    kind: FlagKind
    severity: Severity
    message: str
    evidence: dict[str, Any]


@dataclass(frozen=True)
class PostedRange:
    minimum: int
    maximum: int
    currency: str
    period: str

    def display_max(self) -> str:
        return f"{format_amount(self.maximum, self.currency)} per {self.period}"


@dataclass(frozen=True)
class ProfileUse:
    """Another candidate's application that gave the same GitHub profile."""

    application_id: str
    ad_title: str
    applied_on: date


@dataclass(frozen=True)
class Profile:
    """What the candidate says about themselves, plus portfolio evidence once a review finished."""

    title: str = ""
    skills: str = ""
    resume_text: str = ""
    portfolio_evidence: dict[str, list[str]] = field(default_factory=dict)  # family name → findings


def salary_flag(desired: DesiredSalary, posted: PostedRange) -> Finding | None:
    if desired.currency != posted.currency:
        return Finding(
            kind=FlagKind.SALARY_UNKNOWN_CURRENCY,
            severity=Severity.LOW,
            message=(
                f"Asks at least {desired.display()}; the ad pays in {posted.currency}, "
                "so compare the two by hand (no exchange rate is guessed)."
            ),
            evidence={
                "desired": desired.amount,
                "desired_currency": desired.currency,
                "posted_currency": posted.currency,
            },
        )
    comparable = desired.in_period(posted.period)
    if comparable <= posted.maximum:
        return None
    over = (comparable - posted.maximum) / posted.maximum
    return Finding(
        kind=FlagKind.SALARY_ABOVE_RANGE,
        severity=Severity.HIGH if over > 0.25 else Severity.MEDIUM if over > 0.10 else Severity.LOW,
        message=(
            f"Asks at least {_desired_display(desired, posted)}, {over:.0%} above the posted maximum "
            f"of {posted.display_max()}."
        ),
        evidence={
            "desired": desired.amount,
            "desired_period": desired.period,
            "desired_in_ad_period": comparable,
            "posted_max": posted.maximum,
            "currency": posted.currency,
            "period": posted.period,
            "percent_over": round(over * 100, 1),
        },
    )


def title_mismatch_flag(
    profile: Profile,
    *,
    ad_family: str,
    ad_skills: Sequence[str],
    vocabularies: dict[str, dict[str, list[str]]],
) -> Finding | None:
    """Flag a profile that matches another role family's vocabulary clearly better than the ad's.

    Thin evidence raises nothing: false alarms cost the reviewers' trust.
    """
    if ad_family not in vocabularies or len(vocabularies) < 2:
        return None
    text = "\n".join([profile.title, profile.skills, profile.resume_text])
    matches = match_families(text, vocabularies, title=profile.title, portfolio=profile.portfolio_evidence)
    ours = matches[ad_family]
    other = max((m for name, m in matches.items() if name != ad_family), key=lambda m: m.score)
    if not _clearly_better(other, ours):
        return None
    asks = list(ad_skills)[:3] or list(vocabularies[ad_family])[:3]
    return Finding(
        kind=FlagKind.TITLE_MISMATCH,
        severity=Severity.HIGH if other.title_matches else Severity.MEDIUM,
        message=(
            f"Profile {_profile_words(other)} ({other.family}); "
            f"the ad asks for {', '.join(asks)} ({ad_family})."
        ),
        evidence={
            "profile_family": other.family,
            "ad_family": ad_family,
            "title": profile.title,
            "title_family": title_family(profile.title),
            "matched_terms": {name: m.terms for name, m in matches.items()},
            "portfolio": {name: m.portfolio for name, m in matches.items()},
            "scores": {name: m.score for name, m in matches.items()},
        },
    )


def no_portfolio_flag(github_username: str, named_projects: Sequence[str] = ()) -> Finding | None:
    """Neither a GitHub profile nor a project given by its link."""
    if github_username or named_projects:
        return None
    return Finding(
        kind=FlagKind.NO_PORTFOLIO,
        severity=Severity.INFO,
        message="No public GitHub profile was given. That is common and says nothing against the candidate.",
        evidence={},
    )


def resume_unreadable_flag(reason: str) -> Finding | None:
    if not reason:
        return None
    return Finding(
        kind=FlagKind.RESUME_UNREADABLE,
        severity=Severity.LOW,
        message=f"The résumé's text could not be read automatically ({reason}); open the file to read it.",
        evidence={"reason": reason},
    )


def copied_repository_flag(copies: Sequence[str]) -> Finding | None:
    """``copies`` are sentences like "ada/churn is a copy of acme/churn-model"."""
    if not copies:
        return None
    return Finding(
        kind=FlagKind.COPIED_REPOSITORY,
        severity=Severity.HIGH,
        message=f"{'; '.join(copies)}. It does not count as the candidate's own work; ask them about it.",
        evidence={"copies": list(copies)},
    )


@dataclass(frozen=True)
class CopiedCode:
    """A stretch of the candidate's repository that repeats another repository of the copy index."""

    kind: str  # ours | tutorial | candidate
    repository: str  # the candidate's repository
    source: str  # the other side in words ("the tutorial acme/ml-course"), an applicant never named
    share: float  # of the candidate's repository
    example: str  # the best matching file pair, with its lines


NAMED_COPIES = 3  # in the flag's sentence, the largest first; a flag's sentence holds 500 characters


def near_copy_flag(copies: Sequence[CopiedCode]) -> Finding | None:
    """Code repeating our repository, a tutorial or an earlier applicant's: a question, not a verdict."""
    if not copies:
        return None
    serious = any(copy.kind != "tutorial" and copy.share >= HIGH_COPIED_SHARE for copy in copies)
    largest = sorted(copies, key=lambda copy: copy.share, reverse=True)[:NAMED_COPIES]
    parts = [f"{copy.share:.0%} of {copy.repository} repeats {copy.source}" for copy in largest]
    if len(copies) > NAMED_COPIES:  # a popular project repeats many applicants: the evidence lists them all
        parts.append(f"{count(len(copies) - NAMED_COPIES, 'more copy', 'more copies')} listed below")
    return Finding(
        kind=FlagKind.NEAR_COPY,
        severity=Severity.HIGH if serious else Severity.MEDIUM,
        message=(
            f"{_sentence_start(and_list(parts))}, allowing for renamed variables and reformatting. "
            "Ask what they changed and why; the copied part does not count as their own work."
        ),
        evidence={
            "copies": [
                {
                    "kind": copy.kind,
                    "repository": copy.repository,
                    "source": copy.source,
                    "share": copy.share,
                    "example": copy.example,
                }
                for copy in copies
            ]
        },
    )


@dataclass(frozen=True)
class LaterCopy:
    """A later applicant's repository that repeats one of this candidate's."""

    repository: str  # this candidate's repository
    share: float  # of the later applicant's repository


def repeated_by_later_flag(later: Sequence[LaterCopy]) -> Finding | None:
    """The earlier of two applicants with the same project: told too, since both cannot be its author."""
    if not later:
        return None
    repositories = and_list(sorted({copy.repository for copy in later}))
    return Finding(
        kind=FlagKind.REPEATED_BY_LATER,
        severity=Severity.INFO,
        message=(
            f"A repository another applicant gave later repeats {repositories}. Theirs is flagged as the "
            "near-copy; you may still ask this candidate whether they worked on it with someone."
        ),
        evidence={"later": [{"repository": copy.repository, "share": copy.share} for copy in later]},
    )


def shared_profile_flag(github_username: str, others: Sequence[ProfileUse]) -> Finding | None:
    """Flag a GitHub profile that another person (another email address) also gave as their own.

    The portfolio then says nothing about whose work it is until someone asks; both are flagged.
    """
    if not github_username or not others:
        return None
    first = min(others, key=lambda use: use.applied_on)
    also = f" and {count(len(others) - 1, 'more application')}" if len(others) > 1 else ""
    return Finding(
        kind=FlagKind.SHARED_GITHUB_PROFILE,
        severity=Severity.HIGH,
        message=(
            f"Another candidate, with a different email address, gave the same GitHub profile "
            f"(@{github_username}) when applying to “{first.ad_title}” on {first.applied_on:%Y-%m-%d}{also}. "
            "Its code cannot be both people's own work: ask each of them about it."
        ),
        evidence={
            "github_username": github_username,
            "applications": [
                {"id": use.application_id, "ad": use.ad_title, "applied_on": use.applied_on.isoformat()}
                for use in sorted(others, key=lambda use: use.applied_on)
            ],
        },
    )


HIGH_COPIED_SHARE = 0.5  # half a repository repeating our code or an applicant's is serious


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


MIN_MISMATCH_SCORE = 3
MISMATCH_RATIO = 2


def _clearly_better(other: FamilyMatch, ours: FamilyMatch) -> bool:
    enough = other.score >= MIN_MISMATCH_SCORE and (len(other.terms) >= 2 or other.title_matches)
    return enough and other.score >= MISMATCH_RATIO * max(ours.score, 1) and not ours.title_matches


def _profile_words(match: FamilyMatch) -> str:
    parts = []
    if match.title_matches:
        parts.append("has a title of this family")
    if match.terms:
        parts.append("mentions " + ", ".join(match.terms[:4]))
    if match.portfolio:
        parts.append("shows " + ", ".join(match.portfolio[:2]) + " in public code")
    return " and ".join(parts)


def _desired_display(desired: DesiredSalary, posted: PostedRange) -> str:
    stated = f"{format_amount(desired.amount, desired.currency)} per {desired.period}"
    if desired.period == posted.period:
        return stated
    converted = format_amount(desired.in_period(posted.period), posted.currency)
    return f"{stated} (about {converted} per {posted.period})"
