"""What the applicant pipeline does when a lower layer reports news (connected in HiringConfig)."""

from __future__ import annotations

from typing import Any

from hiring.flags.refresh import refresh_earlier_applicants, refresh_flags
from hiring.models import Application
from hiring.tasks import enqueue_ad_flag_refresh
from portfolios.models import PortfolioReview


def update_application_when_review_finishes(sender: Any, review: PortfolioReview, **kwargs: Any) -> None:
    """The application keeps the overall score in a column of its own (the board sorts by it) and
    its sub-scores by key (the export reads them), and
    portfolio role signals and copies feed its flags, and those of earlier applicants whose code
    this portfolio repeats."""
    score = review.portfolio_score()
    Application.objects.filter(portfolio_review=review).update(
        overall_score=score.overall if score else None,
        subscore_values={s.key: s.score for s in score.subscores} if score else {},
    )
    application = (
        Application.objects.select_related("job_ad__role_family", "portfolio_review")
        .filter(portfolio_review=review)
        .first()
    )
    if application is not None:  # erased while its review ran: nothing to update
        refresh_flags(application)
    refresh_earlier_applicants(review)


def refresh_flags_when_ad_terms_change(sender: Any, ad_id: int, **kwargs: Any) -> None:
    """A new pay range or role family can turn salary and role-fit flags on or off."""
    enqueue_ad_flag_refresh(ad_id)
