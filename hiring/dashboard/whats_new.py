"""What is new for one person since a moment (their last visit, or their last digest): across
every ad they triage, the applications that came in, the portfolio reviews that finished, the
notes that mention them (``@username``) and the scorecards colleagues submitted.

The home page shows it, and the daily digest (``hiring.dashboard.digest``) mails it. People are
named as the reader may see them (blind review), notes only if the reader may read them (a
private note is its author's own), scorecards only by who submitted them for whom, never by what
they say (a reviewer reads colleagues' ratings after submitting their own). A fixed number of queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet

from hiring.dashboard.blind import Identity, row_identity, with_blindness
from hiring.models import Application, Note, Scorecard

SHOWN = 8  # items listed per kind; the counts say how many in all
EXCERPT = 160  # characters of a mentioning note


def mentions(body: str) -> set[str]:
    """The usernames a note mentions, lower-cased: ``@rita`` (not an email address like a@b.c)."""
    return {name.lower().rstrip(".") for name in re.findall(r"(?<![\w@.])@([\w.+-]*\w)", body)}


@dataclass(frozen=True)
class Mention:
    who: Identity  # the application the note is on
    author: str
    excerpt: str  # the note's start, scrubbed of a blinded candidate's identity
    at: datetime


@dataclass(frozen=True)
class SubmittedScorecard:
    who: Identity
    interviewer: str
    at: datetime


@dataclass(frozen=True)
class WhatsNew:
    since: datetime
    applications: list[Identity]
    application_count: int
    reviews: list[Identity]
    review_count: int
    mentions: list[Mention]
    scorecards: list[SubmittedScorecard]

    @property
    def more_applications(self) -> int:
        return self.application_count - len(self.applications)

    @property
    def more_reviews(self) -> int:
        return self.review_count - len(self.reviews)

    @property
    def is_empty(self) -> bool:
        return not (self.application_count or self.review_count or self.mentions or self.scorecards)


def whats_new(user: User, *, since: datetime, limit: int = SHOWN) -> WhatsNew:
    visible = with_blindness(Application.objects.visible_to(user)).select_related(
        "candidate", "job_ad", "portfolio_review"
    )
    arrived = visible.filter(created_at__gt=since).order_by("-created_at", "-pk")
    finished = visible.filter(
        portfolio_review__status="done", portfolio_review__finished_at__gt=since
    ).order_by("-portfolio_review__finished_at", "-pk")
    return WhatsNew(
        since=since,
        applications=[row_identity(a) for a in arrived[:limit]],
        application_count=arrived.count(),
        reviews=[row_identity(a) for a in finished[:limit]],
        review_count=finished.count(),
        mentions=_mentions(user, visible, since=since)[:limit],
        scorecards=_scorecards(user, visible, since=since)[:limit],
    )


def _mentions(user: User, visible: QuerySet[Application], *, since: datetime) -> list[Mention]:
    """Notes written or edited since, by someone else, that name ``user``; newest first."""
    username = user.get_username()
    notes = (
        Note.objects.visible_to(user)
        .filter(application__in=visible.values("pk"), updated_at__gt=since, body__icontains=f"@{username}")
        .exclude(author=user)
        .select_related("author")
        .order_by("-updated_at", "-pk")
    )
    found = [note for note in notes[:200] if username.lower() in mentions(note.body)]
    applications = {a.pk: a for a in visible.filter(pk__in={note.application_id for note in found})}
    listed = []
    for note in found:
        if note.application_id not in applications:
            continue
        who = row_identity(applications[note.application_id])
        text = " ".join(who.scrub(note.body).split())
        listed.append(
            Mention(
                who=who,
                author=note.author.get_full_name() or note.author.get_username(),
                excerpt=text if len(text) <= EXCERPT else text[: EXCERPT - 1].rsplit(" ", 1)[0] + "…",
                at=note.updated_at,
            )
        )
    return listed


def _scorecards(user: User, visible: QuerySet[Application], *, since: datetime) -> list[SubmittedScorecard]:
    submitted = (
        Scorecard.objects.filter(
            application__in=visible.values("pk"), status=Scorecard.Status.SUBMITTED, submitted_at__gt=since
        )
        .exclude(interviewer=user)
        .select_related("interviewer")
        .order_by("-submitted_at", "-pk")[:200]
    )
    cards = list(submitted)
    applications = {a.pk: a for a in visible.filter(pk__in={card.application_id for card in cards})}
    return [
        SubmittedScorecard(
            who=row_identity(applications[card.application_id]),
            interviewer=card.interviewer.get_full_name() or card.interviewer.get_username(),
            at=card.submitted_at or since,
        )
        for card in cards
        if card.application_id in applications
    ]
