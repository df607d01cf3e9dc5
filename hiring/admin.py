"""Admin registrations of the applicant pipeline (superusers only, see ``hiring.platform.admin_site``): the
reviewers' record: the audit log (read-only), stage changes, notes, stage emails and scorecards
(read-only: a submitted scorecard changes only by a new revision)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from hiring.models import (
    AuditEvent,
    CandidateEmail,
    Note,
    NoteRevision,
    Scorecard,
    ScorecardRating,
    StageChange,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A record to read, never to edit: the audit log and submitted scorecards."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit log, read-only: résumé downloads, stage changes and denied access."""

    list_display = ["created_at", "kind", "actor_name", "application_id", "path"]
    list_filter = ["kind"]
    search_fields = ["actor_name", "application_id", "path"]
    date_hierarchy = "created_at"


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "application", "from_stage", "to_stage", "by"]
    list_filter = ["to_stage"]
    list_select_related = ["application__candidate", "application__job_ad", "by"]
    raw_id_fields = ["application"]


class NoteRevisionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = NoteRevision
    extra = 0
    readonly_fields = ["body", "is_private", "created_at"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "application", "author", "is_private"]
    list_select_related = ["application__candidate", "application__job_ad", "author"]
    raw_id_fields = ["application"]
    inlines = [NoteRevisionInline]


@admin.register(CandidateEmail)
class CandidateEmailAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "application", "subject", "status", "sent_at"]
    list_filter = ["status", "template"]
    list_select_related = ["application__candidate", "application__job_ad"]
    raw_id_fields = ["application"]


class ScorecardRatingInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ScorecardRating
    extra = 0
    can_delete = False
    readonly_fields = ["competency_key", "competency_label", "score", "score_label", "reason"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "application", "interviewer", "revision", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["application__candidate", "application__job_ad", "interviewer"]
    inlines = [ScorecardRatingInline]
