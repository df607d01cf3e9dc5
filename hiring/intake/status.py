"""What a candidate may see of their application: received, in review or closed. Nothing more.

Internal stages, flags and scores never leave the staff pages; this is the only translation.
"""

from __future__ import annotations

from typing import NamedTuple

from hiring.models import Application

Stage = Application.Stage


class CandidateStatus(NamedTuple):
    label: str
    explanation: str


RECEIVED = CandidateStatus("Received", "Your application is in; a person will read it.")
REVIEWING = CandidateStatus("In review", "The hiring team is considering your application.")
FINISHED = CandidateStatus(
    "Closed", "The process for this application has ended; the hiring team will have written to you."
)
WITHDRAWN = CandidateStatus("Withdrawn", "You withdrew this application. Thank you for letting us know.")
ROLE_CLOSED = CandidateStatus("Closed", "This role is no longer open. Thank you for your interest.")


def candidate_status(application: Application) -> CandidateStatus:
    if application.stage == Stage.WITHDRAWN:
        return WITHDRAWN  # their own act: saying so is no internal detail
    if application.stage in Stage.closed():
        return FINISHED
    if application.stage in Stage.in_review():
        return REVIEWING
    if application.job_ad.status == "closed":
        return ROLE_CLOSED
    return RECEIVED
