"""The writes staff make to ads and role families, each recording who made it.

Views call these; every save of an ad goes through ``save_ad`` so its revision names the person.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jobads.models import JobAd, RoleFamily, TransitionError
from jobads.signals import FLAGGED_TERMS, ad_terms_changed

RESERVED_SLUGS = frozenset({"feed"})  # would shadow /jobs/feed/
COPIED_FIELDS = (
    "title", "role_family", "team", "summary", "location", "country", "work_arrangement", "employment_type",
    "jurisdictions", "pay_min",
    "pay_max", "currency", "pay_period", "benefits", "responsibilities", "required_skills",
    "nice_to_have_skills", "owner", "deadline", "is_ongoing",
)  # fmt: skip


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:120] or "job"
    rows = JobAd.objects.filter(slug__startswith=base).values_list("pk", "slug")
    taken = {slug for pk, slug in rows if pk != exclude_pk} | RESERVED_SLUGS
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def save_ad(*, ad: JobAd, by: User) -> JobAd:
    """Create or update an ad; its address follows the title until it is first published.

    When terms that intake flags read change, ``ad_terms_changed`` is sent after commit.
    """
    before = JobAd.objects.filter(pk=ad.pk).values(*FLAGGED_TERMS).first() if ad.pk else None
    if ad.published_at is None:
        ad.slug = unique_slug(ad.title, exclude_pk=ad.pk)
    ad._history_user = by
    ad.save()
    if before is not None and any(before[term] != getattr(ad, term) for term in FLAGGED_TERMS):
        ad_id = ad.pk
        transaction.on_commit(lambda: ad_terms_changed.send(sender=JobAd, ad_id=ad_id), robust=True)
    return ad


def change_status(*, ad: JobAd, action: str, by: User, now: datetime | None = None) -> JobAd:
    """Publish, close or reopen; raises TransitionError with the reasons when not allowed."""
    transitions: dict[str, Callable[..., None]] = {
        "publish": ad.publish,
        "close": ad.close,
        "reopen": ad.reopen,
    }
    if action not in transitions:
        raise TransitionError([f"Unknown action {action!r}."])
    transitions[action](now=now or timezone.now())
    return save_ad(ad=ad, by=by)


def duplicate_ad(*, ad: JobAd, by: User) -> JobAd:
    """A new draft with the same content, and a history of its own."""
    copy = JobAd(**{field: getattr(ad, field) for field in COPIED_FIELDS})
    copy.jurisdictions = list(ad.jurisdictions)
    save_ad(ad=copy, by=by)
    copy.reviewers.set(ad.reviewers.all())
    return copy


def save_role_family(*, family: RoleFamily) -> RoleFamily:
    if not family.slug:
        family.slug = slugify(family.name)[:80] or "family"
    family.save()
    return family
