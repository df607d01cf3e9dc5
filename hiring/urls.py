"""Root URL configuration: public pages, staff pages (job ads, the reviewer dashboard), accounts, admin
and the health probe."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from hiring.dashboard.forms import SignInForm
from hiring.dashboard.views import analytics, candidate, home, interviews, kanban, resume, scorecards, search
from hiring.dashboard.views import board as dashboard
from hiring.intake import views as intake
from hiring.pipeline import views as pipeline
from hiring.platform import views as site
from hiring.privacy import views as privacy

intake_patterns = [
    path("jobs/<slug:slug>/apply/", intake.apply, name="apply"),
    path("jobs/<slug:slug>/apply/salary-check/", intake.salary_check, name="salary_check"),
    path("applications/<str:token>/received/", intake.applied, name="applied"),
    path("applications/<str:token>/", intake.status, name="status"),
    path("applications/<str:token>/withdraw/", intake.withdraw, name="withdraw"),
    path("applications/<str:token>/interview/<int:slot_id>/", intake.book_interview, name="book_interview"),
    path("applications/<str:token>/interview.ics", intake.interview_calendar, name="interview_calendar"),
    path("applications/<str:token>/erase/", intake.erase, name="erase"),
]

dashboard_patterns = [
    path("staff/pipelines/", dashboard.pipelines, name="pipelines"),
    path("staff/search/", search.search, name="search"),
    path("staff/pipelines/<int:pk>/", dashboard.board, name="board"),
    path("staff/pipelines/<int:pk>/columns/", kanban.kanban, name="kanban"),
    path("staff/pipelines/<int:pk>/columns/<str:stage>/", kanban.kanban_column, name="kanban_column"),
    path("staff/pipelines/<int:pk>/export.csv", dashboard.export, name="board_export"),
    path("staff/pipelines/<int:pk>/move/", dashboard.bulk_move, name="bulk_move"),
    path("staff/pipelines/<int:pk>/analytics/", analytics.analytics, name="analytics"),
    path("staff/applications/<uuid:pk>/", candidate.detail, name="application"),
    path("staff/applications/<uuid:pk>/resume/", resume.resume, name="resume"),
    path("staff/applications/<uuid:pk>/move/", candidate.move, name="move"),
    path("staff/applications/<uuid:pk>/notes/", candidate.note_add, name="note_add"),
    path("staff/applications/<uuid:pk>/review/", candidate.review_status, name="review_status"),
    path("staff/applications/<uuid:pk>/review/retry/", candidate.review_retry, name="review_retry"),
    path("staff/applications/<uuid:pk>/scorecard/", scorecards.scorecard, name="scorecard"),
    path("staff/applications/<uuid:pk>/interview/offer/", interviews.offer_times, name="offer_times"),
    path("staff/applications/<uuid:pk>/interview/email/", interviews.email_times, name="email_times"),
    path(
        "staff/applications/<uuid:pk>/interview/cancel/", interviews.cancel_interview, name="cancel_interview"
    ),
    path(
        "staff/applications/<uuid:pk>/copies/<int:match_id>/<int:index>/",
        candidate.near_copy,
        name="near_copy",
    ),
    path("staff/notes/<int:pk>/edit/", candidate.note_edit, name="note_edit"),
    path("staff/erasure-requests/", privacy.erasure_requests, name="erasure_requests"),
    path("staff/email-templates/", pipeline.email_templates, name="email_templates"),
    path("staff/email-templates/<str:stage>/", pipeline.email_template, name="email_template"),
    path(
        "staff/email-templates/<str:stage>/ads/<int:ad_pk>/",
        pipeline.email_template,
        name="email_template_ad",
    ),
    path("staff/erasure-requests/<int:pk>/erase/", privacy.confirm, name="erasure_confirm"),
]

urlpatterns = [
    path("", site.home, name="home"),
    path("staff/", home.staff_home, name="staff_home"),
    path("staff/daily-digest/", home.daily_digest, name="daily_digest"),
    path("", include((intake_patterns + dashboard_patterns, "hiring"))),
    path("", include("jobads.urls")),
    path("", include("portfolios.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", site.healthz, name="healthz"),
    # Browsers ask for /favicon.ico where a page names no icon (JSON, downloads): answer it.
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True), name="favicon"),
]
