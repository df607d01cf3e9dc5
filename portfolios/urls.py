"""URLs of the portfolio staff pages."""

from __future__ import annotations

from django.urls import path

from portfolios import views

app_name = "portfolios"

urlpatterns = [
    path("staff/known-repositories/", views.known_repositories, name="known_repositories"),
    path(
        "staff/known-repositories/<int:pk>/refresh/",
        views.refresh_known_repository,
        name="refresh_known_repository",
    ),
    path(
        "staff/known-repositories/<int:pk>/remove/",
        views.remove_known_repository,
        name="remove_known_repository",
    ),
]
