"""An Atom feed of the live ads, newest first, for job aggregators and feed readers."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from jobads.models import JobAd

FEED_MAX_ITEMS = 200


class PublishedAdsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    link = reverse_lazy("jobads:board")
    subtitle = "Every role with its posted pay range."

    def title(self) -> str:
        return f"Open data-science and ML-engineering roles at {settings.ORGANIZATION_NAME}"

    def items(self) -> QuerySet[JobAd]:
        return JobAd.objects.published().newest_first().select_related("role_family")[:FEED_MAX_ITEMS]

    def item_title(self, item: JobAd) -> str:
        return f"{item.title} · {item.pay_range_display}"

    def item_description(self, item: JobAd) -> str:
        """Escaped: feed readers treat the summary as HTML, and ad text is plain."""
        parts = (item.location, item.pay_range_display, item.summary)
        return linebreaksbr("\n".join(part for part in parts if part), autoescape=True)

    def item_link(self, item: JobAd) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: JobAd) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: JobAd) -> datetime:
        return item.updated_at
