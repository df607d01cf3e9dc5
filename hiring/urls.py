"""Root URL configuration: public pages, staff pages, job ads, accounts, admin and the health probe."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hiring.views import intake, site

intake_patterns = [
    path("jobs/<slug:slug>/apply/", intake.apply, name="apply"),
    path("jobs/<slug:slug>/apply/salary-check/", intake.salary_check, name="salary_check"),
    path("applications/<str:token>/received/", intake.applied, name="applied"),
    path("applications/<str:token>/", intake.status, name="status"),
]

urlpatterns = [
    path("", site.home, name="home"),
    path("staff/", site.staff_home, name="staff_home"),
    path("", include((intake_patterns, "hiring"))),
    path("", include("jobads.urls")),
    path("", include("portfolios.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", site.healthz, name="healthz"),
]
