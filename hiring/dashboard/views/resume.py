"""Résumé download for staff who may see the application: an attachment, never rendered inline.

Every download is audited; the file's type comes from what intake verified (PDF or DOCX), the
name shown to the browser is sanitized (RELIABILITY F6, D1-D3). Under blind review the résumé is
a 404 until the candidate passes screening.
"""

from __future__ import annotations

import unicodedata
import uuid
from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from core.access import any_permission_required
from hiring.dashboard.access import DOWNLOAD_RESUMES, application_or_404
from hiring.dashboard.blind import is_blinded
from hiring.intake.resumes import CONTENT_TYPES
from hiring.models import Application
from hiring.privacy import audit

MAX_NAME_CHARS = 80


def download_name(original: str, stored: str) -> str:
    """An ASCII name from the candidate's file name, with the extension of what was really stored."""
    kind = PurePosixPath(stored).suffix.lstrip(".").lower()
    stem = PurePosixPath(original.replace("\\", "/")).name.rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return f"{slugify(ascii_stem)[:MAX_NAME_CHARS] or 'resume'}.{kind if kind in CONTENT_TYPES else 'bin'}"


@require_safe
@any_permission_required(DOWNLOAD_RESUMES)
def resume(request: HttpRequest, pk: uuid.UUID) -> FileResponse:
    application = application_or_404(request, pk, Application.objects.select_related("job_ad"))
    if is_blinded(application):  # blind review: the file names and describes the person
        raise Http404("The résumé is hidden until the candidate passes screening.")
    try:
        handle = application.resume.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The résumé file is missing.") from error
    name = download_name(application.resume_name, application.resume.name or "")
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Content-Type"] = CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    audit.record(
        audit.Kind.RESUME_DOWNLOAD, actor=request.user, application_id=application.pk, path=request.path
    )
    return response
