"""An ad's revision history for staff: who changed what, when, old value → new value.

django-simple-history stores a full snapshot per save; this module turns consecutive snapshots into
field-by-field differences in the words of the edit form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from jobads.models import JobAd
from jobads.transparency import Jurisdiction

SHOWN_FIELDS = (
    "title", "role_family", "team", "summary", "location", "work_arrangement", "jurisdictions", "pay_min",
    "pay_max", "currency", "pay_period", "benefits", "responsibilities", "required_skills",
    "nice_to_have_skills", "owner", "status", "deadline", "is_ongoing", "is_blind_review", "published_at",
    "closed_at",
)  # fmt: skip
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Revision:
    at: datetime
    by: str
    is_creation: bool
    changes: list[FieldChange]


def revisions(ad: JobAd) -> list[Revision]:
    """Newest first; the oldest is the ad's creation, later ones list only what changed."""
    records = list(ad.history.select_related("history_user").order_by("history_date", "history_id"))
    result = []
    for previous, record in zip([None, *records], records, strict=False):
        changes = [] if previous is None else _changes(record, previous)
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user else "system"
        result.append(Revision(at=record.history_date, by=who, is_creation=previous is None, changes=changes))
    return result[::-1]


def _changes(record: Any, previous: Any) -> list[FieldChange]:
    delta = record.diff_against(previous, included_fields=SHOWN_FIELDS, foreign_keys_are_objs=True)
    by_field = {change.field: change for change in delta.changes}
    return [
        FieldChange(
            label=_label(name), old=_display(name, by_field[name].old), new=_display(name, by_field[name].new)
        )
        for name in SHOWN_FIELDS
        if name in by_field
    ]


def _label(name: str) -> str:
    return str(getattr(JobAd._meta.get_field(name), "verbose_name", name)).capitalize()


def _display(name: str, value: Any) -> str:
    field = JobAd._meta.get_field(name)
    if value is None or value in ("", [], {}):
        return EMPTY
    if name == "jurisdictions":
        return "; ".join(
            Jurisdiction(code).label if code in Jurisdiction.values else str(code) for code in value
        )
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, User):
        return value.get_full_name() or value.get_username()
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(field, models.Field) and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
