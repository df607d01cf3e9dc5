"""Blind review: while an application to a blind ad has not passed screening, no response a reviewer
gets (board, candidate page, review fragment, move page, search, CSV, résumé URL) names the candidate."""

from __future__ import annotations

import uuid

import pytest

from hiring.dashboard.blind import Identity, is_blinded, pseudonym, with_blindness
from hiring.flags.rules import FlagKind, Severity
from hiring.models import Application, Candidate, CandidateEmail, Flag, StageChange
from jobads.models import JobAd
from jobads.revisions import FieldChange, revisions
from tests.hiring.dashboard_support import (  # noqa: F401
    application_fixture,
    finished_review_fixture,
    with_sample_score,
)

pytestmark = pytest.mark.django_db

# Ada's identity as the application form sent it (tests.factories.form_data), lower-cased.
IDENTITY = (
    "ada lovelace",
    "ada@example.com",
    "7946 0000",
    "ada.example.com",
    "ada-l",
    "cv.pdf",
    "enjoy experiments",
)


def board_url(app: Application) -> str:
    return f"/staff/pipelines/{app.job_ad_id}/"


def detail_url(app: Application) -> str:
    return f"/staff/applications/{app.pk}/"


def leaks(text: str) -> list[str]:
    return [value for value in IDENTITY if value in text.lower()]


def csv_text(client, app: Application) -> str:
    return b"".join(client.get(board_url(app) + "export.csv").streaming_content).decode()


def every_response(client, app: Application) -> dict[str, str]:
    pages = {
        "board": client.get(board_url(app)),
        "columns": client.get(board_url(app) + "columns/"),
        "column": client.get(board_url(app) + f"columns/{app.stage}/", {"page": 1}),
        "detail": client.get(detail_url(app)),
        "review": client.get(detail_url(app) + "review/"),
        "move": client.get(detail_url(app) + "move/", {"to": "rejected"}),
        "search": client.get("/staff/search/", {"q": app.current_title}),  # found by title, as a pseudonym
    }
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    return {**{name: page.content.decode() for name, page in pages.items()}, "csv": csv_text(client, app)}


def move(app: Application, to: str, by) -> None:
    StageChange.objects.create(application=app, from_stage=app.stage, to_stage=to, reason="test", by=by)
    Application.objects.filter(pk=app.pk).update(stage=to)


@pytest.fixture
def blind(finished_review: Application) -> Application:
    """Ada's reviewed application, her repositories under her own account, a copy flagged, the ad blind."""
    app = with_sample_score(finished_review, "modelling", owner="ada-l")
    JobAd.objects.filter(pk=app.job_ad_id).update(is_blind_review=True)
    Flag.objects.create(
        application=app,
        kind=FlagKind.COPIED_REPOSITORY,
        severity=Severity.MEDIUM,
        message="ada-l/churn is a copy of acme/churn-model. It does not count as the candidate's own work.",
        evidence={"copies": ["ada-l/churn is a copy of acme/churn-model"]},
    )
    return Application.objects.select_related("candidate", "job_ad", "portfolio_review").get(pk=app.pk)


# --- The rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "blinded"),
    [
        ([], True),
        (["screening"], True),
        (["screening", "rejected"], True),
        (["withdrawn"], True),
        (["screening", "technical"], False),
        (["screening", "technical", "rejected"], False),
        (["technical", "final", "offer", "hired"], False),
    ],
)
def test_blinded_until_technical_discussion_and_never_again_after(blind, manager, path, blinded):
    for stage in path:
        move(blind, stage, manager)
    blind.refresh_from_db()

    in_sql = with_blindness(Application.objects.filter(pk=blind.pk), blind.job_ad).get()
    assert is_blinded(blind) is blinded and in_sql.blinded is blinded  # type: ignore[attr-defined]


def test_an_ad_without_the_switch_blinds_nobody(application):
    assert not is_blinded(application)


def test_scrubbing_strips_the_repository_owner_the_profile_link_and_the_name():
    candidate = Candidate(full_name="Ada Lovelace", email="ada@example.com", phone="+44 1", location="London")
    app = Application(id=uuid.UUID(int=0xABCDEF << 104), candidate=candidate, github_username="Ada-L")
    who = Identity(app, blinded=True)

    text = who.scrub("ada-l/churn by ADA LOVELACE, see https://github.com/ada-l and ada-l; ada-lx/x stays")

    assert text == "churn by Candidate ABCDEF, see [link hidden] and [GitHub user]; ada-lx/x stays"
    assert pseudonym(app) == "Candidate ABCDEF" == who.name
    assert who.scrub_json({"html_url": "https://github.com/ada-l/churn", "n": 3}) == {"html_url": "", "n": 3}


# --- Every response -----------------------------------------------------------------------------


def test_a_blinded_candidate_is_named_in_no_response_and_the_resume_is_a_404(client, manager, blind):
    client.force_login(manager)

    responses = every_response(client, blind)

    assert {name: leaks(text) for name, text in responses.items()} == {name: [] for name in responses}
    assert pseudonym(blind) in responses["board"] and pseudonym(blind) in responses["detail"]
    assert pseudonym(blind) in responses["csv"] and pseudonym(blind) in responses["columns"]
    assert client.get(detail_url(blind) + "resume/").status_code == 404


def test_the_portfolio_is_shown_by_its_analysis_without_its_owner(client, manager, blind):
    client.force_login(manager)

    page = client.get(detail_url(blind)).content.decode()

    assert "No tests found." in page and "churn/train.py:9" in page  # the analysis and the prompts stay
    assert "churn is a copy of acme/churn-model" in page  # the flag, with the owner masked
    assert "github.com/ada" not in page.lower()


def test_the_board_search_does_not_match_hidden_fields(client, manager, blind):
    client.force_login(manager)

    for text in ("Lovelace", "ada@example", "ada-l"):
        page = client.get(board_url(blind), {"q": text}).content.decode()
        assert "No application matches" in page


def test_superusers_are_blinded_too(client, superuser, blind):
    client.force_login(superuser)

    assert leaks(client.get(detail_url(blind)).content.decode()) == []
    assert client.get(detail_url(blind) + "resume/").status_code == 404


def test_a_stage_email_drafted_blind_reaches_the_candidate_under_her_real_name(
    client, manager, blind, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = detail_url(blind) + "move/"
    draft = client.get(url, {"to": "screening"}).context["form"].initial

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"to": "screening", "reason": "", "send_email": "on", **draft})

    email = CandidateEmail.objects.get()
    assert pseudonym(blind) in draft["body"] and "Dear Ada Lovelace" in email.body
    assert pseudonym(blind) not in email.body


# --- After screening, and without the switch ----------------------------------------------------


def test_after_moving_to_technical_discussion_everything_is_shown(client, manager, blind):
    move(blind, "technical", manager)
    client.force_login(manager)

    responses = every_response(client, blind)

    for name in ("board", "detail", "csv"):
        assert {"ada lovelace", "ada-l"} <= set(leaks(responses[name])), name
    assert "ada lovelace" in leaks(responses["columns"])  # a card shows the name, never the GitHub login
    assert {"ada@example.com", "7946 0000", "ada.example.com", "cv.pdf"} <= set(leaks(responses["detail"]))
    assert "ada-l/churn" in responses["detail"]
    assert client.get(detail_url(blind) + "resume/").status_code == 200


def test_an_ad_without_the_switch_shows_everything(client, manager, finished_review):
    client.force_login(manager)

    detail = client.get(detail_url(finished_review)).content.decode()

    assert set(leaks(detail)) == set(IDENTITY)
    assert "Ada Lovelace" in client.get(board_url(finished_review), {"q": "lovelace"}).content.decode()
    assert "ada@example.com" in csv_text(client, finished_review)
    assert client.get(detail_url(finished_review) + "resume/").status_code == 200


# --- The switch ---------------------------------------------------------------------------------


def test_recruiters_switch_blind_review_on_and_the_revision_records_it(client, recruiter, live_ad):
    client.force_login(recruiter)
    url = f"/staff/ads/{live_ad.pk}/edit/"
    form = client.get(url).context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data["is_blind_review"] = "on"

    client.post(url, data)
    live_ad.refresh_from_db()

    assert live_ad.is_blind_review
    assert FieldChange("Blind review", "no", "yes") in revisions(live_ad)[0].changes
    assert "Blind review" in client.get(f"/staff/ads/{live_ad.pk}/").content.decode()
