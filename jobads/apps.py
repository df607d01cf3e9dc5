"""App configuration for job ads, role families and the public job board."""

from __future__ import annotations

from django.apps import AppConfig


class JobAdsConfig(AppConfig):
    name = "jobads"
    verbose_name = "Job ads"
