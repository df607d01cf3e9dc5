"""What the dashboard does with a portfolio review: read its score for display, retry a failed one.

The review belongs to portfolios; retrying hands it back to portfolios' own queue.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from portfolios.jobs import enqueue_review_after_commit
from portfolios.models import PortfolioReview

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


def score_summary(review: PortfolioReview) -> dict[str, Any]:
    """Overall score and sub-scores (key, label, score) from a done review; empty values otherwise."""
    score = review.score or {}
    return {"overall": score.get("overall"), "subscores": score.get("subscores", [])}
