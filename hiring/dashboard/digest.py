"""The daily digest: what is new for each person who asked for it, mailed by the periodic process.

At most one a day per person, telling what came since the previous one (the first: the last day);
a day with nothing new sends nothing. Each digest is claimed by moving ``sent_at`` forward first,
so two periodic processes never send the same one; a mail server that refuses puts it back, and
the next round tries again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.mail import send_or_log
from core.text import count
from hiring.dashboard.whats_new import WhatsNew, whats_new
from hiring.models import DailyDigest

EVERY = timedelta(days=1)


def set_daily_digest(user: User, *, enabled: bool) -> DailyDigest:
    digest, _ = DailyDigest.objects.update_or_create(user=user, defaults={"enabled": enabled})
    return digest


def wants_daily_digest(user: User) -> bool:
    return DailyDigest.objects.filter(user=user, enabled=True).exists()


def send_daily_digests(*, now: datetime | None = None) -> int:
    """Mail every digest that is due; how many were sent."""
    now = now or timezone.now()
    due = (
        DailyDigest.objects.filter(enabled=True, user__is_active=True)
        .exclude(user__email="")
        .filter(Q(sent_at__isnull=True) | Q(sent_at__lte=now - EVERY))
        .select_related("user")
    )
    sent = 0
    for digest in due:
        previous = digest.sent_at
        if not DailyDigest.objects.filter(pk=digest.pk, sent_at=previous).update(sent_at=now):
            continue  # another periodic process has it
        news = whats_new(digest.user, since=previous or now - EVERY)
        if news.is_empty:
            continue
        if send_or_log(
            subject=subject(news),
            body=render_to_string("hiring/email/daily_digest.txt", _context(digest.user, news)),
            to=digest.user.email,
            about=f"daily digest for user {digest.user.pk}",
        ):
            sent += 1
        else:  # refused: due again next round
            DailyDigest.objects.filter(pk=digest.pk, sent_at=now).update(sent_at=previous)
    return sent


def subject(news: WhatsNew) -> str:
    parts = []
    if news.application_count:
        parts.append(count(news.application_count, "new application"))
    if news.review_count:
        parts.append(count(news.review_count, "review finished", "reviews finished"))
    if news.mentions:
        parts.append(count(len(news.mentions), "mention"))
    if news.scorecards:
        parts.append(count(len(news.scorecards), "scorecard"))
    return "What's new: " + ", ".join(parts)


def _context(user: User, news: WhatsNew) -> dict[str, object]:
    site = settings.SITE_URL.rstrip("/")
    return {
        "user": user,
        "news": news,
        "organization_name": settings.ORGANIZATION_NAME,
        "workspace_url": f"{site}{reverse('staff_home')}" if site else "",
        "site": site,
    }
