"""A candidate's timeline: stage changes, notes, flags, emails and review events merged by time.

Plain values out, newest first; callers pass rows they already fetched (and may see: private notes
are filtered before they get here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from hiring.models import Application, CandidateEmail, Flag, Note, StageChange
from portfolios.models import PortfolioReview


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # applied, stage, note, flag, email, review
    title: str
    detail: str = ""
    actor: str = ""


def timeline(
    *,
    application: Application,
    stage_changes: Iterable[StageChange],
    notes: Iterable[Note],
    flags: Iterable[Flag],
    emails: Iterable[CandidateEmail],
) -> list[Event]:
    events = [Event(application.created_at, "applied", "Applied", application.job_ad.title)]
    events += review_events(application.portfolio_review)
    events += [Event(f.created_at, "flag", f"Flag: {f.get_kind_display()}", f.message) for f in flags]
    events += [
        Event(c.created_at, "stage", f"Moved to {c.get_to_stage_display()}", c.reason, c.mover)
        for c in stage_changes
    ]
    for note in notes:
        events.append(
            Event(
                note.created_at, "note", "Private note" if note.is_private else "Note", "", _name(note.author)
            )
        )
        if note.is_edited:
            events.append(Event(note.updated_at, "note", "Note edited", "", _name(note.author)))
    events += [
        Event(e.created_at, "email", f"Email {e.get_status_display().lower()}", e.subject, _name(e.by))
        for e in emails
    ]
    return sorted(events, key=lambda event: event.at, reverse=True)


def review_events(review: PortfolioReview) -> list[Event]:
    if not review.github_username:
        return []
    events = [
        Event(review.created_at, "review", "Portfolio review requested", f"GitHub: {review.github_username}")
    ]
    if review.started_at:
        events.append(Event(review.started_at, "review", "Portfolio review started"))
    if review.finished_at:
        events.append(
            Event(
                review.finished_at,
                "review",
                f"Portfolio review: {review.get_status_display()}",
                review.reason,
            )
        )
    return events


def _name(user: object) -> str:
    if user is None:
        return "someone no longer here"
    return str(getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", ""))
