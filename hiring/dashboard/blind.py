"""Blind review: what a reviewer may see of who applied while the ad reviews blind.

The one place that decides. An application to a blind ad stays blinded until it passes screening
(reaches technical discussion, now or ever): rejected or withdrawn before that stays blinded, and a
candidate once shown is never hidden again. Blind means blind: recruiters and superusers see the
same pseudonym. Only screens are masked; emails still go to the candidate's real address.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value

from hiring.dashboard.timeline import Event
from hiring.models import Application, Flag, StageChange
from hiring.pipeline.stages import EmailDraft
from jobads.models import JobAd

Stage = Application.Stage
PSEUDONYM_HEX_DIGITS = 6  # 16 million values: distinct enough on one board, never the real name


def pseudonym(application: Application) -> str:
    """ "Candidate 7F3A2C": stable, from the application's random id (already in its URL)."""
    return pseudonym_for(application.pk)


def pseudonym_for(application_id: uuid.UUID) -> str:
    return f"Candidate {application_id.hex[:PSEUDONYM_HEX_DIGITS].upper()}"


def is_blinded(application: Application) -> bool:
    """The rule in Python, for one application; ``with_blindness`` is the same rule in SQL."""
    if not application.job_ad.is_blind_review or application.stage in Stage.passed_screening():
        return False
    return not application.stage_changes.filter(to_stage__in=Stage.passed_screening()).exists()


def with_blindness(applications: QuerySet[Application], ad: JobAd | None = None) -> QuerySet[Application]:
    """Annotate ``blinded``: a column, so the board and CSV add no query. ``ad`` when all rows
    are applications to that ad; without it each row's own ad decides (the home page)."""
    if ad is not None and not ad.is_blind_review:
        return applications.annotate(blinded=Value(False))
    passed = Stage.passed_screening()
    reached = StageChange.objects.filter(application=OuterRef("pk"), to_stage__in=passed)
    hidden = ~(Q(stage__in=passed) | Q(Exists(reached)))
    if ad is None:
        hidden &= Q(job_ad__is_blind_review=True)
    return applications.annotate(blinded=ExpressionWrapper(hidden, output_field=BooleanField()))


class Identity:
    """Who applied, as a reviewer may see it: the real values, or a pseudonym and blanks.

    Values are read lazily, so a board row touches only the fields it shows.
    """

    def __init__(self, application: Application, *, blinded: bool) -> None:
        self.application = application
        self.is_blinded = blinded

    @cached_property
    def name(self) -> str:
        return pseudonym(self.application) if self.is_blinded else self.application.candidate.full_name

    @property
    def email(self) -> str:
        return "" if self.is_blinded else self.application.candidate.email

    @property
    def phone(self) -> str:
        return "" if self.is_blinded else self.application.candidate.phone

    @property
    def github_username(self) -> str:
        return "" if self.is_blinded else self.application.github_username

    @property
    def other_links(self) -> list[str]:
        return [] if self.is_blinded else [str(link) for link in self.application.other_links]

    @property
    def resume_name(self) -> str:
        return "" if self.is_blinded else self.application.resume_name

    @property
    def note(self) -> str:
        """The candidate's own words: free text that may be signed or carry links, so hidden too."""
        return "" if self.is_blinded else self.application.note

    def scrub(self, text: str) -> str:
        """``text`` without name, email, phone, links or GitHub owner; unchanged when not blinded."""
        if not self.is_blinded or not text:
            return text
        for pattern, replacement in self._patterns:
            text = pattern.sub(replacement, text)
        return text

    def scrub_json(self, value: Any) -> Any:
        """Every string in a stored JSON value scrubbed; repository links dropped (they name the owner)."""
        if not self.is_blinded:
            return value
        if isinstance(value, dict):
            return {k: "" if k == "html_url" else self.scrub_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub_json(item) for item in value]
        return self.scrub(value) if isinstance(value, str) else value

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], str]]:
        application, candidate = self.application, self.application.candidate
        patterns = [(_literal(str(link)), "[link hidden]") for link in application.other_links if link]
        if candidate.email:
            patterns.append((_literal(candidate.email), "[email hidden]"))
        if candidate.full_name.strip():  # before the username, which may be part of the name
            name = re.escape(candidate.full_name.strip())
            patterns.append((re.compile(rf"(?<!\w){name}(?!\w)", re.I), self.name))
        if user := re.escape(application.github_username):
            patterns += [
                (re.compile(rf"https?://(?:www\.)?github\.com/{user}(?![\w-])\S*", re.I), "[link hidden]"),
                (re.compile(rf"(?<![\w.-]){user}/", re.I), ""),  # ada-l/churn → churn
                (re.compile(rf"(?<![\w.-]){user}(?![\w-])", re.I), "[GitHub user]"),
            ]
        if candidate.phone:
            patterns.append((_literal(candidate.phone), "[phone hidden]"))
        return patterns


def identity(application: Application) -> Identity:
    """For one application fetched alone (detail, résumé, move); the board uses its ``blinded`` column."""
    return Identity(application, blinded=is_blinded(application))


def row_identity(application: Application) -> Identity:
    """For a row annotated by ``with_blindness``; a row without the column is treated as blinded."""
    return Identity(application, blinded=bool(getattr(application, "blinded", True)))


def masked_flags(flags: Iterable[Flag], who: Identity) -> list[Flag]:
    """Unsaved copies whose sentence and evidence are scrubbed (a copied-repository flag names the repo)."""
    if not who.is_blinded:
        return list(flags)
    masked = []
    for flag in flags:
        shown = copy.copy(flag)
        shown.message, shown.evidence = who.scrub(flag.message), who.scrub_json(flag.evidence)
        masked.append(shown)
    return masked


def masked_events(events: Iterable[Event], who: Identity) -> list[Event]:
    return [replace(e, title=who.scrub(e.title), detail=who.scrub(e.detail)) for e in events]


def masked_draft(draft: EmailDraft | None, who: Identity) -> EmailDraft | None:
    """The stage email as the reviewer edits it: the pseudonym stands for the name."""
    if draft is None or not who.is_blinded:
        return draft
    return replace(draft, subject=who.scrub(draft.subject), body=who.scrub(draft.body))


def unmasked_draft(draft: EmailDraft | None, who: Identity) -> EmailDraft | None:
    """The email as sent: the pseudonym the reviewer saw becomes the candidate's real name again."""
    if draft is None or not who.is_blinded:
        return draft
    real = who.application.candidate.full_name
    return replace(
        draft, subject=draft.subject.replace(who.name, real), body=draft.body.replace(who.name, real)
    )


def _literal(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text), re.I)
