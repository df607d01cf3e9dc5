"""App configuration for portfolio reviews: GitHub and git adapters, RQ jobs, scoring."""

from __future__ import annotations

from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "portfolios"
    verbose_name = "Portfolio reviews"
