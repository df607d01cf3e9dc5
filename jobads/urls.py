"""Job-ad URLs: the public board under /jobs/ and the recruiters' pages under /staff/ads/."""

from __future__ import annotations

from django.urls import path

from jobads.feeds import PublishedAdsFeed
from jobads.views import editing, families, public, staff

app_name = "jobads"

urlpatterns = [
    path("jobs/", public.board, name="board"),
    path("jobs/feed/", PublishedAdsFeed(), name="feed"),
    path("jobs/<slug:slug>/", public.detail, name="detail"),
    path("staff/ads/", staff.ad_list, name="staff_list"),
    path("staff/ads/new/", editing.ad_create, name="ad_create"),
    path("staff/ads/<int:pk>/", staff.ad_detail, name="staff_detail"),
    path("staff/ads/<int:pk>/edit/", editing.ad_edit, name="ad_edit"),
    path("staff/ads/<int:pk>/preview/", staff.ad_preview, name="ad_preview"),
    path("staff/ads/<int:pk>/duplicate/", editing.ad_duplicate, name="ad_duplicate"),
    path("staff/ads/<int:pk>/publish/", editing.ad_change_status, {"action": "publish"}, name="ad_publish"),
    path("staff/ads/<int:pk>/close/", editing.ad_close, name="ad_close"),
    path("staff/ads/<int:pk>/reopen/", editing.ad_change_status, {"action": "reopen"}, name="ad_reopen"),
    path("staff/role-families/", families.family_list, name="family_list"),
    path("staff/role-families/new/", families.family_create, name="family_create"),
    path("staff/role-families/<int:pk>/edit/", families.family_edit, name="family_edit"),
]
