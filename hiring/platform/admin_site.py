"""The Django admin site, open to superusers only (recruiters and managers work in the staff pages).

Its own module: ``hiring.admin`` registers models on this site, and must not be the module that
defines the default site (that import would run while the site is still being built).
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    site_header = "Hiring pipeline administration"
    site_title = "Hiring admin"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)
