"""Résumés held between two submits of the same form, so a candidate never uploads twice.

When the form comes back with an error (or asks to confirm the salary), a résumé that was valid
is kept in private storage under a random name and named by a signed token in a hidden field.
``sweep_stashed_resumes`` deletes what was never submitted.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from hiring.intake.submit import ResumeUpload

STASH_DIR = "pending"
STASH_SALT = "hiring.resume.stash"
STASH_MAX_AGE = timedelta(hours=24)


def stash_resume(upload: ResumeUpload) -> str:
    """Keep ``upload`` for the next submit; returns the token for the form's hidden field."""
    name = default_storage.save(f"{STASH_DIR}/{uuid.uuid4()}.{upload.kind}", ContentFile(upload.data))
    return signing.dumps(
        {"name": name, "kind": upload.kind, "original": upload.original_name}, salt=STASH_SALT
    )


def load_stashed_resume(token: str) -> ResumeUpload | None:
    """The résumé behind ``token``, or None when the token is forged, expired or its file is gone."""
    try:
        stash = signing.loads(token, salt=STASH_SALT, max_age=STASH_MAX_AGE)
    except signing.BadSignature:
        return None
    name = stash["name"]
    if not name.startswith(f"{STASH_DIR}/") or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    return ResumeUpload(data=data, kind=stash["kind"], original_name=stash["original"])


def discard_stashed_resume(token: str) -> None:
    try:
        name = signing.loads(token, salt=STASH_SALT)["name"]
    except signing.BadSignature:
        return
    if name.startswith(f"{STASH_DIR}/"):
        default_storage.delete(name)


def sweep_stashed_resumes(*, now: datetime | None = None) -> int:
    """Delete stashed résumés older than the token's lifetime; returns how many."""
    cutoff = (now or timezone.now()) - STASH_MAX_AGE
    _, files = default_storage.listdir(STASH_DIR) if default_storage.exists(STASH_DIR) else ([], [])
    stale = [
        f"{STASH_DIR}/{name}"
        for name in files
        if default_storage.get_modified_time(f"{STASH_DIR}/{name}") < cutoff
    ]
    for name in stale:
        default_storage.delete(name)
    return len(stale)
