"""The emails a stage move offers to send: recruiters' own texts per stage, optionally per ad, and
the built-in ones they start from.

A text names what it needs by placeholders in braces (``{name}``, ``{role}``, ...), filled from
the application when a move is drafted; nothing else in braces is allowed, so a template can never
reach a field it was not meant to. The draft is always shown, editable, before anything is sent
(one move, or the first three of a bulk move with the count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from hiring.models import Application, EmailTemplate
from jobads.models import JobAd

Stage = Application.Stage
PLACEHOLDERS = {
    "name": "the candidate's full name",
    "role": "the ad's title",
    "team": "the ad's team",
    "organization": "the employer's name",
    "status_link": "the link to the candidate's private status page",
    "slots": "the interview times offered, one per line (empty until times are offered)",
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
SIGNATURE = "\n\nKind regards,\nThe hiring team at {organization}"
# The texts a deployment starts with; a recruiter's own text for a stage (and ad) replaces them.
BUILT_IN: dict[str, tuple[str, str]] = {
    Stage.SCREENING: (
        "We are reading your application for {role}",
        "Dear {name},\n\nThank you for applying for {role}. A member of the hiring team is reading your "
        "application now, and we will write to you again with our next step.\n\nYou can see where it "
        "stands at any time: {status_link}" + SIGNATURE,
    ),
    Stage.TECHNICAL: (
        "An invitation to talk about {role}",
        "Dear {name},\n\nThank you for your application for {role}. We would like to invite you to a "
        "conversation with the team about your work: no coding test, just a discussion of projects you "
        "have built and how you approached them.\n\nPlease reply with a few times that suit you over the "
        "next two weeks." + SIGNATURE,
    ),
    Stage.REJECTED: (
        "Your application for {role}",
        "Dear {name},\n\nThank you for your interest in {role} and for the time you took to apply. After "
        "careful consideration we have decided not to take your application further for this role.\n\nWe "
        "appreciate the work you shared with us and wish you every success." + SIGNATURE,
    ),
}
BUILT_IN[Stage.FINAL] = BUILT_IN[Stage.TECHNICAL]


@dataclass(frozen=True)
class StageText:
    """The text a move to ``stage`` starts from, and where it comes from."""

    stage: str
    subject: str
    body: str
    source: str  # "ad" (written for this ad), "stage" (for every ad), "built-in"
    template: EmailTemplate | None = None

    @property
    def kind(self) -> str:
        """What a sent email records as its template (``CandidateEmail.template``)."""
        return f"{self.stage}:{self.source}"


def unknown_placeholders(text: str) -> list[str]:
    """Braces naming anything but a placeholder, as written: what a recruiter must correct."""
    return sorted({f"{{{name}}}" for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)


def stage_text(stage: str, ad: JobAd | None) -> StageText | None:
    """The ad's own text for the stage, else the stage's text for every ad, else the built-in one."""
    if stage not in Stage.values:
        return None
    for template in EmailTemplate.objects.for_stage(stage, ad):  # the ad's own first
        source = "stage" if template.job_ad_id is None else "ad"
        return StageText(
            stage=stage, subject=template.subject, body=template.body, source=source, template=template
        )
    if stage in BUILT_IN:
        subject, body = BUILT_IN[stage]
        return StageText(stage=stage, subject=subject, body=body, source="built-in")
    return None


def values_for(application: Application, *, slots: str = "") -> dict[str, str]:
    site = settings.SITE_URL.rstrip("/")
    status_path = reverse("hiring:status", args=[application.status_token])
    return {
        "name": application.candidate.full_name,
        "role": application.job_ad.title,
        "team": application.job_ad.team,
        "organization": settings.ORGANIZATION_NAME,
        "status_link": f"{site}{status_path}" if site else status_path,
        "slots": slots,
    }


def example_values(ad: JobAd | None) -> dict[str, str]:
    """What a recruiter's preview fills in: an invented candidate, the ad's own title."""
    return {
        "name": "Ada Lovelace",
        "role": ad.title if ad else "Senior Data Scientist",
        "team": (ad.team if ad else "") or "Data",
        "organization": settings.ORGANIZATION_NAME,
        "status_link": f"{settings.SITE_URL.rstrip('/')}/applications/…/",
        "slots": "Tuesday 9 June, 10:00–10:45 (Europe/Berlin)\nThursday 11 June, 15:00–15:45 (Europe/Berlin)",
    }
