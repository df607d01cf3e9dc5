"""The one notification this layer sends upward: a review reached a final state.

``hiring`` listens to refresh the application's flags (role signals, copied repositories);
portfolios itself never imports hiring. Sent after the result is committed.
"""

from __future__ import annotations

from django.dispatch import Signal

review_finished = Signal()  # sender=PortfolioReview, review=<PortfolioReview>
