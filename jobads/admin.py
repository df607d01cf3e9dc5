"""Admin registrations (superusers only): ads with their history, and role families."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jobads.models import JobAd, RoleFamily


@admin.register(JobAd)
class JobAdAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "status", "role_family", "owner", "published_at"]
    list_filter = ["status", "role_family", "work_arrangement"]
    search_fields = ["title", "team", "location"]
    readonly_fields = ["slug", "status", "published_at", "closed_at"]


@admin.register(RoleFamily)
class RoleFamilyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug"]
    readonly_fields = ["slug"]
