"""Interview scheduling: an interviewer offers times, the candidate books one from their status
link, both get an iCalendar invitation (the icalendar library), and the panel is reminded of the
scorecards it owes once the interview is over.

Times are stored in UTC and always shown with the zone the interviewer stated them in, and its
offset from UTC, so "10:00" never means two things. One interview per application is booked at a
time: booking another offered time reschedules it, and each change sends the same calendar event
(one UID per application) with a higher SEQUENCE, so calendars update it instead of adding one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import partial
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from core.mail import send_or_log
from core.text import one_line
from hiring.models import Application, InterviewSlot, Scorecard
from hiring.pipeline.emails import fill, values_for
from hiring.pipeline.stages import EmailDraft, queue_email

MAX_OFFERED = 3  # the offer form's three time fields
OFFER_STAGES = (Application.Stage.SCREENING, Application.Stage.TECHNICAL, Application.Stage.FINAL)
ZONES = sorted(available_timezones() - {"localtime", "Factory"})


class SchedulingError(ValueError):
    """A refused offer or booking, in words its reader can act on."""


def zone_problem(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "Choose a time zone from the list, for example Europe/Berlin."
    return None


def stated(slot: InterviewSlot) -> str:
    """ "Tuesday 9 June 2026, 10:00–10:45 Europe/Berlin (UTC+02:00)": the time as offered."""
    zone = ZoneInfo(slot.time_zone)
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    offset = start.strftime("%z")
    return (
        f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}–{end:%H:%M} {slot.time_zone} "
        f"(UTC{offset[:3]}:{offset[3:]})"
    )


def slots_text(slots: Iterable[InterviewSlot]) -> str:
    """The {slots} placeholder of a stage email: one offered time per line."""
    return "\n".join(f"- {stated(slot)}" for slot in slots)


def open_slots(application: Application) -> list[InterviewSlot]:
    """Offered times still ahead and not cancelled, booked or not."""
    return list(
        application.interview_slots.filter(cancelled_at__isnull=True, starts_at__gt=timezone.now()).order_by(
            "starts_at"
        )
    )


@dataclass(frozen=True)
class OfferedTime:
    slot: InterviewSlot
    text: str  # ``stated``


def offered_times(application: Application) -> list[OfferedTime]:
    """What the candidate page and the status page list: the open times, the booked one marked."""
    return [OfferedTime(slot=slot, text=stated(slot)) for slot in open_slots(application)]


def last_zone(user: User) -> str:
    """The zone this interviewer last offered times in; the site's zone before that."""
    used = (
        InterviewSlot.objects.filter(offered_by=user)
        .order_by("-created_at")
        .values_list("time_zone", flat=True)
    )
    return used.first() or settings.TIME_ZONE


def booked(application: Application) -> InterviewSlot | None:
    return application.interview_slots.filter(booked_at__isnull=False, cancelled_at__isnull=True).first()


def offer(
    *, application: Application, by: User, starts: list[datetime], time_zone: str, minutes: int, where: str
) -> list[InterviewSlot]:
    """Offer times, each given as a wall-clock time in ``time_zone``; refused if one has passed."""
    if application.stage not in OFFER_STAGES:
        raise SchedulingError("Offer times once the application is at screening, or at a discussion.")
    if problem := zone_problem(time_zone):
        raise SchedulingError(problem)
    zone = ZoneInfo(time_zone)
    aware = [start.replace(tzinfo=zone) for start in starts]
    if not aware:
        raise SchedulingError("Give at least one time.")
    if len(aware) > MAX_OFFERED:
        raise SchedulingError(f"Offer at most {MAX_OFFERED} times at once.")
    if any(start <= timezone.now() for start in aware):
        raise SchedulingError("One of the times has passed; offer times ahead.")
    return InterviewSlot.objects.bulk_create(
        InterviewSlot(
            application=application,
            offered_by=by,
            starts_at=start,
            minutes=minutes,
            time_zone=time_zone,
            where=where,
        )
        for start in sorted(aware)
    )


OFFER_SUBJECT = "Times for your conversation about {role}"
OFFER_BODY = (
    "Dear {name},\n\nHere are the times we can offer for a conversation about {role}:\n{slots}\n\n"
    "Choose the one that suits you on your status page, where you can also change it later: {status_link}\n\n"
    "Kind regards,\nThe hiring team at {organization}"
)


def times_draft(application: Application) -> EmailDraft | None:
    """The email that tells the candidate the times still open, with the link where they choose one:
    a draft the interviewer reads and may edit before it goes; None when no time is open."""
    times = [slot for slot in open_slots(application) if not slot.is_booked]
    if not times:
        return None
    values = values_for(application, slots=slots_text(times))
    return EmailDraft(
        template="interview:offered",
        subject=one_line(fill(OFFER_SUBJECT, values))[:200],
        body=fill(OFFER_BODY, values),
    )


def book(slot: InterviewSlot) -> InterviewSlot:
    """The candidate's choice: books ``slot`` (rescheduling an earlier booking) and sends the invitations."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("candidate", "job_ad")
            .get(pk=slot.application_id)
        )
        slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
        if slot.cancelled_at is not None or slot.starts_at <= timezone.now():
            raise SchedulingError("This time is no longer offered; choose another one.")
        if slot.is_booked:
            return slot
        earlier = booked(application)
        if earlier is not None:
            InterviewSlot.objects.filter(pk=earlier.pk).update(booked_at=None)
        slot.booked_at, slot.sequence = timezone.now(), _next_sequence(application)
        slot.save(update_fields=["booked_at", "sequence"])
        kind = "new-time" if earlier is not None else "booked"
        _send_invitations(application, slot, method="REQUEST", kind=kind)
    return slot


def cancel(*, application: Application, by: User) -> InterviewSlot | None:
    """Staff cancel the booked interview: both get the calendar's cancellation."""
    with transaction.atomic():
        slot = booked(application)
        if slot is None:
            return None
        slot.cancelled_at, slot.sequence = timezone.now(), _next_sequence(application)
        slot.save(update_fields=["cancelled_at", "sequence"])
        _send_invitations(application, slot, method="CANCEL", kind="cancelled", by=by)
    return slot


def calendar(application: Application, slot: InterviewSlot, *, method: str) -> str:
    """The iCalendar text of the interview: one event per application, its SEQUENCE the slot's."""
    cal = Calendar()
    cal.add("prodid", f"-//{settings.ORGANIZATION_NAME}//Hiring//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", f"interview-{application.pk}@{_domain()}")
    event.add("sequence", slot.sequence)
    event.add("dtstamp", timezone.now())
    zone = ZoneInfo(slot.time_zone)
    event.add("dtstart", slot.starts_at.astimezone(zone))
    event.add("dtend", slot.ends_at.astimezone(zone))
    event.add("summary", one_line(f"Technical discussion: {application.job_ad.title}"))
    event.add("description", f"A conversation about the projects you have built. Times in {slot.time_zone}.")
    if slot.where:
        event.add("location", slot.where)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = f"Hiring team at {settings.ORGANIZATION_NAME}"
    event.add("organizer", organizer)
    for name, email in _attendees(application, slot):
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = name
        event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    cal.add_missing_timezones()
    text: bytes = cal.to_ical()
    return text.decode()


def remind_panels(*, now: datetime | None = None) -> int:
    """After each interview, once: mail every panel member (the ad's owner and reviewers, and the
    interviewer) who has not submitted a scorecard for it. Returns how many mails were sent."""
    now = now or timezone.now()
    ended = InterviewSlot.objects.filter(
        booked_at__isnull=False, cancelled_at__isnull=True, reminded_at__isnull=True, starts_at__lt=now
    ).select_related("application__job_ad__owner", "application__candidate", "offered_by")
    sent = 0
    for slot in ended:
        if slot.ends_at > now:
            continue
        if not InterviewSlot.objects.filter(pk=slot.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue  # another periodic process has it
        for member in panel_owing(slot.application, slot):
            sent += _remind(member, slot)
    return sent


def panel_owing(application: Application, slot: InterviewSlot) -> list[User]:
    ad = application.job_ad
    panel = {user.pk: user for user in [ad.owner, *ad.reviewers.all(), slot.offered_by] if user is not None}
    submitted = set(
        Scorecard.objects.filter(application=application, status=Scorecard.Status.SUBMITTED).values_list(
            "interviewer_id", flat=True
        )
    )
    return [
        user for pk, user in sorted(panel.items()) if pk not in submitted and user.is_active and user.email
    ]


def _remind(member: User, slot: InterviewSlot) -> bool:
    application = slot.application
    site = settings.SITE_URL.rstrip("/")
    link = f"{site}{reverse('hiring:application', args=[application.pk])}#scorecards" if site else ""
    return send_or_log(
        subject=f"Your scorecard for the interview on {application.job_ad.title}",
        body=render_to_string(
            "hiring/email/scorecard_reminder.txt",
            {"member": member, "when": stated(slot), "ad": application.job_ad, "link": link},
        ),
        to=member.email,
        about=f"scorecard reminder for user {member.pk}",
    )


SUBJECTS = {
    "booked": "Your conversation about {role}: {when}",
    "new-time": "New time for your conversation about {role}: {when}",
    "cancelled": "Cancelled: your conversation about {role} on {when}",
}


def _send_invitations(
    application: Application, slot: InterviewSlot, *, method: str, kind: str, by: User | None = None
) -> None:
    """The candidate's through the email outbox (it is on their timeline), the interviewer's after commit."""
    text = calendar(application, slot, method=method)
    when = stated(slot)
    subject = SUBJECTS[kind].format(role=application.job_ad.title, when=when)
    context = {"application": application, "slot": slot, "when": when, "kind": kind}
    body = render_to_string(
        "hiring/email/interview.txt", {**context, "organization": settings.ORGANIZATION_NAME}
    )
    draft = EmailDraft(template=f"interview:{kind}", subject=subject, body=body)
    queue_email(application=application, draft=draft, by=by or slot.offered_by, calendar=text)
    if slot.offered_by is not None and slot.offered_by.email:
        copy = partial(
            send_or_log,
            subject=subject,
            body="The calendar invitation is attached.",
            to=slot.offered_by.email,
            about="interview invitation to the interviewer",  # the candidate's is in the outbox either way
            calendar=text,
        )
        transaction.on_commit(copy, robust=True)


def _attendees(application: Application, slot: InterviewSlot) -> list[tuple[str, str]]:
    people = [(application.candidate.full_name, application.candidate.email)]
    if slot.offered_by is not None and slot.offered_by.email:
        people.append(
            (slot.offered_by.get_full_name() or slot.offered_by.get_username(), slot.offered_by.email)
        )
    return people


def _next_sequence(application: Application) -> int:
    highest = application.interview_slots.aggregate(highest=Max("sequence"))["highest"]
    return (highest or 0) + 1


def _address(from_email: str) -> str:
    return parseaddr(from_email)[1] or "hiring@localhost"


def _domain() -> str:
    return _address(settings.DEFAULT_FROM_EMAIL).rsplit("@", 1)[-1]
