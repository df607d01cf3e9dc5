"""App configuration for the applicant pipeline, and the superuser-only admin site."""

from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class HiringConfig(AppConfig):
    default = True
    name = "hiring"
    verbose_name = "Hiring pipeline"

    def ready(self) -> None:
        from hiring.receivers import (
            refresh_flags_when_ad_terms_change,
            update_application_when_review_finishes,
        )
        from jobads.signals import ad_terms_changed
        from portfolios.signals import review_finished

        review_finished.connect(update_application_when_review_finishes, dispatch_uid="hiring.refresh_flags")
        ad_terms_changed.connect(refresh_flags_when_ad_terms_change, dispatch_uid="hiring.refresh_ad_flags")


class HiringAdminConfig(admin_apps.AdminConfig):
    default = False  # AdminConfig says True; the app "hiring" itself is HiringConfig
    default_site = "hiring.platform.admin_site.SuperuserAdminSite"
