"""The audit log: one function that writes what staff did or tried with an application.

Superusers read it in the admin. Rows keep the actor's name and the application's id as plain
values, so the record outlives a deleted account or an erased application.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from hiring.models import AuditEvent

Kind = AuditEvent.Kind


def record(
    kind: str,
    *,
    actor: User | AnonymousUser | None,
    application_id: uuid.UUID | str | None,
    path: str = "",
    **detail: Any,
) -> AuditEvent:
    user = actor if isinstance(actor, User) else None
    return AuditEvent.objects.create(
        kind=kind,
        actor=user,
        actor_name=user.get_username() if user else "",
        application_id=application_id,
        path=path[:300],
        detail=detail,
    )
