"""Candidates' own erasure requests: asked from the status link, confirmed by a recruiter.

Asking writes an ``ErasureRequest`` and an audit event; confirming runs the one erasure
(``erasure.erase_application``), which deletes the request with the application. Afterwards the
status link says when the application was erased, from the audit log's tombstone, which names
nobody. A recruiter sees a request by its reference, ad and date, never who asked.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from hiring.models import Application, AuditEvent, ErasureRequest
from hiring.privacy import audit
from hiring.privacy.erasure import ErasureReport, erase_application


def request_erasure(application: Application) -> ErasureRequest:
    """Record the candidate's request; asking again keeps the first."""
    existing = ErasureRequest.objects.filter(application=application).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(application=application)
            audit.record(AuditEvent.Kind.ERASURE_REQUESTED, actor=None, application_id=application.pk)
    except IntegrityError:  # asked twice at once: the other request is the one
        return ErasureRequest.objects.get(application=application)
    return request


def pending_requests() -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.select_related("application__job_ad").order_by("requested_at", "pk")


def confirm_erasure(request: ErasureRequest, *, by: User) -> ErasureReport:
    """Erase the application the request names; the tombstone says who confirmed, and when it was asked."""
    asked = f"{request.requested_at:%Y-%m-%d}"
    return erase_application(
        request.application_id, by=by.get_username(), reason=f"asked by the candidate on {asked}"
    )


def erased_at(application_id: uuid.UUID) -> datetime | None:
    """When the application was erased, if it was: what its status link says instead of a 404."""
    tombstone = (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ERASED, application_id=application_id)
        .order_by("-created_at")
        .first()
    )
    return tombstone.created_at if tombstone else None
