"""Moving an application through the stages: the rules, the email drafts, and the one write.

A person always decides: nothing here moves anyone on its own. Every move records who, when and
why, is written to the audit log, and may queue a templated email the reviewer has edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.text import one_line
from hiring.models import Application, CandidateEmail, StageChange
from hiring.pipeline.emails import fill, stage_text, values_for
from hiring.privacy import audit
from hiring.tasks import enqueue_email_after_commit

Stage = Application.Stage


class StageMoveError(ValueError):
    """A move refused, with the reason in words the reviewer can act on."""


@dataclass(frozen=True)
class EmailDraft:
    template: str
    subject: str
    body: str


def next_stage(current: str) -> str | None:
    """The step forward from ``current`` (what a move form offers first); None once it is over."""
    pipeline = Stage.pipeline()
    if current not in pipeline or current == Stage.HIRED:
        return None
    return pipeline[pipeline.index(Stage(current)) + 1]


def move_problem(current: str, to: str, reason: str) -> str | None:
    return target_problem(current, to) or reason_problem(to, reason)


def target_problem(current: str, to: str) -> str | None:
    if to not in Stage.values:
        return "Choose one of the stages."
    if to == current:
        return "The application is already at this stage."
    return None


def reason_problem(to: str, reason: str) -> str | None:
    """Rejecting (or recording a withdrawal) asks for a reason, which stays on record."""
    if to in Stage.need_a_reason() and not reason.strip():
        return f"Say why the application is {Stage(to).label.lower()}; the reason stays on record."
    return None


def email_draft(application: Application, to: str, *, slots: str = "") -> EmailDraft | None:
    """The stage's email for this application (``emails.stage_text``, its placeholders filled), for
    the reviewer to read and edit before it is queued; None when the stage has no text."""
    text = stage_text(to, application.job_ad)
    if text is None:
        return None
    values = values_for(application, slots=slots)
    return EmailDraft(
        template=text.kind,
        subject=one_line(fill(text.subject, values)),
        body=fill(text.body, values).strip() + "\n",
    )


def move_stage(
    *, application: Application, to: str, reason: str, by: User | None, email: EmailDraft | None = None
) -> StageChange:
    """Record the move (refused if someone moved it meanwhile) and queue the email after commit.

    ``by`` None: the candidate, from their status link (``withdraw``)."""
    current = application.stage
    problem = move_problem(current, to, reason)
    if problem:
        raise StageMoveError(problem)
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, stage=current).update(
            stage=to, updated_at=timezone.now()
        )
        if not moved:
            raise StageMoveError("Someone moved this application meanwhile; reload and look again.")
        change = StageChange.objects.create(
            application=application,
            from_stage=current,
            to_stage=to,
            reason=reason.strip(),
            by=by,
            by_candidate=by is None,
        )
        audit.record(
            audit.Kind.STAGE_CHANGE, actor=by, application_id=application.pk, to=to, **{"from": current}
        )
        if email is not None:
            queue_email(application=application, draft=email, by=by)
    application.stage = to
    return change


WITHDRAWN_BY_CANDIDATE = "Withdrawn by the candidate from their status link"


def may_withdraw(application: Application) -> bool:
    """Until the process is over for them (hired, rejected or already withdrawn)."""
    return application.stage not in Stage.closed()


def withdraw(application: Application, *, why: str = "") -> StageChange:
    """The candidate takes their application back; their words, if any, follow the standard reason."""
    if not may_withdraw(application):
        raise StageMoveError("This application is already closed.")
    reason = f"{WITHDRAWN_BY_CANDIDATE}: {why.strip()}" if why.strip() else WITHDRAWN_BY_CANDIDATE
    return move_stage(application=application, to=Stage.WITHDRAWN, reason=reason[:2000], by=None)


def move_many(
    *, applications: Iterable[Application], to: str, reason: str, by: User, send_email: bool
) -> int:
    """Bulk move, all or nothing; applications already at ``to`` are left alone. Returns how many moved."""
    moved = 0
    with transaction.atomic():
        for application in applications:
            if application.stage == to:
                continue
            draft = email_draft(application, to) if send_email else None
            move_stage(application=application, to=to, reason=reason, by=by, email=draft)
            moved += 1
    return moved


def queue_email(
    *, application: Application, draft: EmailDraft, by: User | None, calendar: str = ""
) -> CandidateEmail:
    """Put the email in the outbox (sent by the worker after commit); ``calendar``: an .ics to attach."""
    email = CandidateEmail.objects.create(
        application=application,
        template=draft.template,
        subject=one_line(draft.subject)[:200],
        body=draft.body,
        calendar=calendar,
        by=by,
    )
    enqueue_email_after_commit(email.pk)
    return email
