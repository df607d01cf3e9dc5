"""Every page, with every demo object, as every kind of visitor, after the real worker reviewed the demo.

The demo is seeded as `make run` seeds it; the real worker reviews every portfolio through the
loopback GitHub (no hand-built report anywhere), and one more application waits with its review
pending. Then every named URL is opened with every object it takes (ad, application, note, known
repository, role family, status link) by each visitor of ``tests.access_matrix``. No answer may be
a server error, each must be the one the role matrix gives, no page may nest a form in a form
(a browser drops the inner one, so its button submits the outer form), and none may show a
library's wording instead of ours.

Each request runs in a transaction that is rolled back, so an action (a retry, a removal) leaves
the world as it was for the next one.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import django_rq
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.models import Application, ErasureRequest, Flag, InterviewSlot, Note
from hiring.pipeline.interviews import book, booked, offer, times_draft
from jobads.models import JobAd, RoleFamily, Status
from jobads.services import save_ad
from portfolios.loopback import LoopbackGitHub
from portfolios.models import CodeMatch, KnownRepository, PortfolioReview
from tests.access_matrix import LOGIN, MATRIX, ROLES, expected_for
from tests.factories import complete_ad_fields, form_data
from tests.security.test_permission_matrix import named_urls
from tests.wording import library_wording

pytestmark = pytest.mark.django_db

AD_URLS = {
    "jobads:staff_detail", "jobads:ad_edit", "jobads:ad_preview", "jobads:ad_duplicate", "jobads:ad_publish",
    "jobads:ad_close", "jobads:ad_reopen", "hiring:board", "hiring:board_export", "hiring:bulk_move",
    "hiring:analytics", "hiring:kanban",
}  # fmt: skip
SLUG_URLS = {"jobads:detail", "hiring:apply", "hiring:salary_check"}
TOKEN_URLS = {"hiring:applied", "hiring:status", "hiring:withdraw", "hiring:erase"}
APPLICATION_URLS = {
    "hiring:application", "hiring:resume", "hiring:move", "hiring:note_add", "hiring:review_status",
    "hiring:review_retry", "hiring:scorecard", "hiring:offer_times", "hiring:cancel_interview",
    "hiring:email_times",
}  # fmt: skip


@dataclass
class World:
    ads: list[JobAd]
    applications: list[Application]
    notes: list[Note]
    known: list[KnownRepository]
    families: list[RoleFamily]
    copies: list[tuple[Application, CodeMatch, int]]  # a copied file, from each side's application
    users: dict[str, User]  # demo usernames, and "olga": a manager of an ad of her own only
    erasure_requests: list[ErasureRequest]  # the late applicant asked for erasure from their link


@pytest.fixture
def demo(
    settings, tmp_path, review_queue, private_storage, django_capture_on_commit_callbacks
) -> Iterator[World]:
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
    with LoopbackGitHub(tmp_path / "demo-github") as github:
        settings.GITHUB_API_URL, settings.GITHUB_TOKEN = github.base_url, ""
        settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 0
        with django_capture_on_commit_callbacks(execute=True):  # enqueues when the block ends
            call_command("seed_demo", stdout=io.StringIO())
        worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
        with django_capture_on_commit_callbacks(execute=True):  # "review finished" refreshes flags
            worker.work(burst=True)
        yield _world()


def _world() -> World:
    olga = User.objects.create_user("olga", "olga@example.test", "a-strong-test-password")
    olga.groups.add(Group.objects.get(name="Hiring managers"))
    rita = User.objects.get(username="rita")
    save_ad(ad=JobAd(**{**complete_ad_fields(), "title": "Analytics Engineer"}, owner=olga), by=rita)
    published = JobAd.objects.filter(status=Status.PUBLISHED).first()
    assert published is not None
    late = form_data(email="late@example.com", github_username="late-comer")
    applied = Client().post(reverse("hiring:apply", args=[published.slug]), late)
    assert applied.status_code == 302, "a late application, whose review is still pending"
    asked = Client().post(applied["Location"].replace("/received/", "/erase/"), {"confirm": "on"})
    assert asked.status_code == 302, "the late applicant asked for erasure"
    mei = Application.objects.get(candidate__full_name="Mei Tanaka")  # at screening
    times = [datetime(2099, 6, 9, 10), datetime(2099, 6, 11, 15)]
    book(
        offer(
            application=mei,
            by=mei.job_ad.owner,
            starts=times,
            time_zone="Europe/Berlin",
            minutes=45,
            where="",
        )[0]
    )
    return World(
        ads=list(JobAd.objects.select_related("owner")),
        applications=list(Application.objects.select_related("job_ad", "portfolio_review")),
        notes=list(Note.objects.select_related("application__job_ad", "author")),
        known=list(KnownRepository.objects.all()),
        families=list(RoleFamily.objects.all()),
        copies=_copies(),
        users={user.username: user for user in User.objects.all()},
        erasure_requests=list(ErasureRequest.objects.all()),
    )


def _copies() -> list[tuple[Application, CodeMatch, int]]:
    """Each stored near-copy's file pairs, from the application on either side of it."""
    found = []
    for match in CodeMatch.objects.select_related("source", "other"):
        owners = {match.source.owner, match.other.owner}
        for application in Application.objects.select_related("job_ad"):
            if application.github_username.lower() in owners:
                found += [(application, match, index) for index in range(len(match.files))]
    return found


def test_the_demo_was_reviewed_by_the_real_worker_in_every_state(demo):
    statuses = {a.candidate.email: a.portfolio_review.status for a in demo.applications}

    assert set(statuses.values()) == {"done", "failed", "skipped", "pending"}
    done = PortfolioReview.objects.filter(status="done")
    assert done.count() >= 4 and all(review.score for review in done)
    assert demo.notes and demo.known and demo.known[0].provenance
    shared = Application.objects.filter(flags__kind="shared_github_profile")
    assert sorted(shared.values_list("candidate__full_name", flat=True)) == ["Ada Okafor", "Alex Kim"]
    copied = {f.application.candidate.full_name: f for f in Flag.objects.filter(kind="near_copy")}
    assert set(copied) == {"Jonas Berg", "Tom Becker"}, "the edited lesson and the later shared project"
    assert "the tutorial acme-academy/ml-foundations (lessons/)" in copied["Jonas Berg"].message
    assert "another applicant's repository" in copied["Tom Becker"].message
    earlier = Flag.objects.filter(kind="repeated_by_later").values_list("application__candidate__full_name")
    assert list(earlier) == [("Priya Shah",)]


def test_every_page_answers_each_visitor_as_the_role_matrix_says(demo):
    clients = {key: _client(user) for key, user in demo.users.items()}
    clients[""] = Client()
    wrong: list[str] = []
    for name in named_urls():
        for target in _targets(name, demo):
            for role in ROLES:
                user = _visitor(role, target, demo)
                expected = _expected(name, role, target, user)
                response = _request(clients[user.username if user else ""], MATRIX[name][0], target.url)
                where = f"{name} {target.label} as {role}"
                if not _matches(response, expected):
                    wrong.append(f"{where}: {response.status_code}, expected {expected}")
                wrong += [f"{where}: {problem}" for problem in page_problems(response)]
    assert wrong == []


def page_problems(response: Any) -> list[str]:
    """What is wrong on a page whatever its URL: a form nested in a form, a library's wording."""
    if response.status_code not in (200, 400) or "text/html" not in response.get("Content-Type", ""):
        return []
    markup = response.content.decode()
    depth = _form_nesting(markup)
    return ([f"forms nested {depth} deep"] if depth else []) + [
        f"library wording: {words!r}" for words in library_wording(markup)
    ]


@dataclass(frozen=True)
class Target:
    url: str
    label: str
    ad: JobAd | None = None
    note: Note | None = None
    application: Application | None = None


def _targets(name: str, world: World) -> list[Target]:
    if name in AD_URLS:
        return [Target(reverse(name, args=[ad.pk]), f"ad {ad.pk} ({ad.status})", ad=ad) for ad in world.ads]
    if name in SLUG_URLS:
        return [Target(reverse(name, args=[ad.slug]), f"/{ad.slug} ({ad.status})", ad=ad) for ad in world.ads]
    if name in TOKEN_URLS:
        return [Target(reverse(name, args=[a.status_token]), f"token of {a.pk}") for a in world.applications]
    if name in APPLICATION_URLS:
        return [
            Target(
                reverse(name, args=[a.pk]),
                f"application {a.pk} ({a.portfolio_review.status})",
                ad=a.job_ad,
                application=a,
            )
            for a in world.applications
        ]
    if name == "hiring:note_edit":
        return [
            Target(reverse(name, args=[n.pk]), f"note {n.pk}", ad=n.application.job_ad, note=n)
            for n in world.notes
        ]
    if name in ("portfolios:remove_known_repository", "portfolios:refresh_known_repository"):
        return [Target(reverse(name, args=[k.pk]), f"known {k.full_name}") for k in world.known]
    if name == "hiring:near_copy":
        assert world.copies, "the demo has near-copies to open"
        return [
            Target(reverse(name, args=[a.pk, m.pk, i]), f"copy {m.pk}/{i} from {a.pk}", ad=a.job_ad)
            for a, m, i in world.copies
        ]
    if name == "hiring:search":  # empty, then each candidate's surname: found by its ad's managers only
        searches = [(f"q={quote(a.candidate.full_name.split()[-1])}", a) for a in world.applications]
        return [Target(reverse(name), "empty")] + [
            Target(f"{reverse(name)}?{query}", f"for {a.pk}", ad=a.job_ad) for query, a in searches
        ]
    if name == "hiring:kanban_column":  # every stage's next cards, of every ad
        return [
            Target(reverse(name, args=[ad.pk, stage]) + "?page=2", f"ad {ad.pk} {stage}", ad=ad)
            for ad in world.ads
            for stage in Application.Stage.values
        ]
    if name == "hiring:email_template":  # every stage, with a text or none
        return [Target(reverse(name, args=[stage]), stage) for stage in Application.Stage.values]
    if name == "hiring:email_template_ad":
        return [
            Target(reverse(name, args=[stage, ad.pk]), f"{stage} for ad {ad.pk}")
            for ad in world.ads
            for stage in ("screening", "offer")
        ]
    if name == "hiring:book_interview":  # each offered time, from its own application's link
        return [
            Target(reverse(name, args=[s.application.status_token, s.pk]), f"slot {s.pk}")
            for s in InterviewSlot.objects.select_related("application")
        ]
    if name == "hiring:interview_calendar":  # 404 where none is booked, for everybody
        return [
            Target(reverse(name, args=[a.status_token]), f"calendar of {a.pk}", application=a)
            for a in world.applications
        ]
    if name == "hiring:erasure_confirm":
        return [Target(reverse(name, args=[r.pk]), f"erasure request {r.pk}") for r in world.erasure_requests]
    if name == "jobads:family_edit":
        return [Target(reverse(name, args=[f.pk]), f"family {f.slug}") for f in world.families]
    return [Target(reverse(name), "")]


def _visitor(role: str, target: Target, world: World) -> User | None:
    """The account a visitor signs in with: for an ad's object, its owner and a manager not on it."""
    users = world.users
    if role in ("anonymous", "candidate"):
        return None
    if role == "recruiter":
        return users["rita"]
    if role == "superuser":
        return users["admin"]
    on_ad = {target.ad.owner_id, *target.ad.reviewers.values_list("pk", flat=True)} if target.ad else set()
    if role == "owner":
        return target.ad.owner if target.ad else users["max"]
    return next(users[name] for name in ("olga", "nora", "max") if users[name].pk not in on_ad)


def _expected(name: str, role: str, target: Target, user: User | None) -> Any:
    """The matrix's answer, adjusted for what the object's state means for everybody."""
    expected = expected_for(name, role)
    ad = target.ad
    if name in SLUG_URLS and ad is not None:
        if ad.status == Status.DRAFT or (name == "hiring:salary_check" and not ad.is_published):
            return 404
        if name == "hiring:apply" and not ad.accepts_applications:
            return 410
    if name == "hiring:note_edit" and expected == 200 and target.note and user != target.note.author:
        return 404  # only a note's author may edit it
    if name == "hiring:interview_calendar" and target.application and not booked(target.application):
        return 404  # no interview booked: no calendar
    if name == "hiring:email_times" and expected == 200 and target.application:
        return 200 if times_draft(target.application) else 302  # no open time: back to the candidate page
    return expected


def _request(client: Client, method: str, url: str) -> Any:
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return response


def _matches(response: Any, expected: Any) -> bool:
    status: int = response.status_code
    if expected == LOGIN:
        location: str = response.get("Location", "")
        return status == 302 and location.startswith("/accounts/login/")
    return bool(status == expected)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


class _FormNesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.depth -= 1


def _form_nesting(html: str) -> int:
    """How deep forms nest on the page; 0 when no form holds another."""
    parser = _FormNesting()
    parser.feed(html)
    return parser.deepest if parser.deepest > 1 else 0
