"""What the dashboard does with a portfolio review: sum up its score for display, retry a failed one.

The review belongs to portfolios; retrying hands it back to portfolios' own queue.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction

from portfolios.jobs import enqueue_review_after_commit
from portfolios.models import PortfolioReview
from portfolios.scoring import PortfolioScore, SubScore

Status = PortfolioReview.Status


def retry_review(review_id: uuid.UUID) -> bool:
    """Reset a failed review to pending and enqueue it after commit; False when it had not failed."""
    with transaction.atomic():
        reset = PortfolioReview.objects.filter(pk=review_id, status=Status.FAILED).update(
            status=Status.PENDING,
            reason="",
            reason_code="",
            detail="",
            claim=None,
            not_before=None,
            finished_at=None,
            attempts=0,
        )
        if reset:
            enqueue_review_after_commit(review_id)
    return bool(reset)


@dataclass(frozen=True)
class ScoreSummary:
    """What the review-status fragment shows of a finished review (board row or candidate page)."""

    overall: int | None = None  # None: not enough code to score, or nothing stored
    subscores: list[SubScore] = field(default_factory=list)


def score_summary(score: PortfolioScore | None) -> ScoreSummary:
    return ScoreSummary(overall=score.overall, subscores=list(score.subscores)) if score else ScoreSummary()
