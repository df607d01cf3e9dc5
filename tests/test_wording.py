"""Every form, given the bad input people really type, answers in words written for them.

No Django or pydantic default message ("This field is required.", "Input should be a valid
integer") may reach a page: each form says what to do, in the reader's terms. The catalogue of
library wording comes from the libraries themselves (``tests.wording``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hiring.intake.payload import FIELD_MESSAGES, ApplicationIn
from hiring.models import Application, Note
from tests.factories import form_data
from tests.hiring.dashboard_support import application_fixture  # noqa: F401
from tests.wording import library_fragments, library_wording

pytestmark = pytest.mark.django_db

BAD_APPLICATIONS: dict[str, dict[str, Any]] = {
    "everything empty": {key: "" for key in form_data() if key != "resume"} | {"resume": None},
    "typed wrong": {
        "full_name": "\x07",
        "email": "ada.example.com",
        "phone": "call me!",
        "years_experience": "six",
        "github_username": "-bad-",
        "other_links": "my site\nftp://files.example",
        "salary_text": "lots",
        "salary_currency": "XXX",
        "salary_period": "week",
        "submission_token": "nope",
        "consent": "",
        "resume": SimpleUploadedFile("cv.pdf", b"", content_type="application/pdf"),
    },
    "too long or out of range": {
        "full_name": "A" * 300,
        "email": "a@" + "b" * 300 + ".com",
        "location": "L" * 300,
        "current_title": "T" * 200,
        "years_experience": "-3",
        "skills": "s" * 3000,
        "other_links": "\n".join(f"https://example.com/{i}" for i in range(9)),
        "salary_text": "150k" * 30,
        "note": "n" * 3000,
        "resume": SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
    },
    "many years": {"years_experience": "99", "email": "ada@", "salary_text": "-5"},
}


def test_the_catalogue_holds_the_library_messages_it_guards_against():
    fragments = library_fragments()

    assert {
        "This field is required",
        "String should have at least",
        "Input should be a valid integer",
    } <= set(fragments)
    assert library_wording("<p>This field is required.</p>") == ["This field is required"]
    assert library_wording("<p>Enter your full name.</p>") == []


def test_every_field_of_the_intake_payload_has_messages_of_its_own():
    assert set(ApplicationIn.model_fields) - set(FIELD_MESSAGES) == set()
    assert all("*" in messages for messages in FIELD_MESSAGES.values())


@pytest.mark.parametrize("case", sorted(BAD_APPLICATIONS))
def test_the_application_form_answers_bad_input_in_the_candidates_words(
    client, live_ad, private_storage, case
):
    data = form_data(**BAD_APPLICATIONS[case])

    response = client.post(f"/jobs/{live_ad.slug}/apply/", data)

    assert response.status_code == 200 and not Application.objects.exists()
    assert library_wording(response.content.decode()) == []


def test_the_live_salary_hint_answers_in_words(client, live_ad):
    response = client.get(f"/jobs/{live_ad.slug}/apply/salary-check/", {"salary_text": "lots"})

    assert "Enter an amount like" in response.content.decode()
    assert library_wording(response.content.decode()) == []


def test_a_wrong_password_is_answered_in_words(client, recruiter):
    response = client.post("/accounts/login/", {"username": "rachel", "password": "wrong"})

    assert response.status_code == 200
    assert library_wording(response.content.decode()) == []


STAFF_POSTS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "recruiter": [
        ("/staff/ads/new/", {}),
        (
            "/staff/ads/new/",
            {
                "title": "T" * 500,
                "role_family": "999",
                "owner": "999",
                "pay_min": "lots",
                "pay_max": "-5",
                "currency": "XYZ",
                "pay_period": "week",
                "work_arrangement": "moon",
                "jurisdictions": ["XX"],
                "deadline": "tomorrow",
                "responsibilities": "\n".join(f"duty {i}" for i in range(30)),
                "reviewers": ["abc"],
            },
        ),
        ("/staff/role-families/new/", {}),
        (
            "/staff/role-families/new/",
            {"name": "N" * 200, "scorecard_scale": "only one", "scorecard_competencies": "A\nA"},
        ),
    ],
    "manager": [
        ("/staff/known-repositories/", {}),
        ("/staff/known-repositories/", {"repository": "not a repository"}),
    ],
}


@pytest.mark.parametrize("role", sorted(STAFF_POSTS))
def test_staff_forms_answer_bad_input_in_words(client, request, role, make_ad):
    client.force_login(request.getfixturevalue(role))
    found = {}
    for url, data in STAFF_POSTS[role]:
        response = client.post(url, data, follow=True)
        found[url + str(sorted(data))[:40]] = library_wording(response.content.decode())

    assert {url: words for url, words in found.items() if words} == {}


def test_candidate_page_forms_answer_bad_input_in_words(client, manager, application):
    client.force_login(manager)
    base = f"/staff/applications/{application.pk}/"
    board = f"/staff/pipelines/{application.job_ad_id}/"
    note = Note.objects.create(application=application, author=manager, body="First")
    posts: list[tuple[str, dict[str, Any]]] = [
        (base + "notes/", {}),
        (base + "notes/", {"body": "x" * 25_000}),
        (f"/staff/notes/{note.pk}/edit/", {"body": ""}),
        (base + "move/", {"to": "moon"}),
        (
            base + "move/",
            {"to": "screening", "send_email": "on", "subject": "", "body": "", "reason": "r" * 3000},
        ),
        (base + "scorecard/", {}),
        (base + "scorecard/", {"action": "submit", "score_statistics": "9"}),
        (board + "move/", {}),
        (board + "move/", {"applications": ["not-an-id"], "to": "moon"}),
    ]
    gets = [(board, {"score_min": "abc", "score_max": "500", "stage": "moon", "flag": "zzz", "fit": "x"})]
    found = {}
    for url, data in posts:
        found[f"POST {url} {sorted(data)}"] = library_wording(
            client.post(url, data, follow=True).content.decode()
        )
    for url, data in gets:
        found[f"GET {url}"] = library_wording(client.get(url, data).content.decode())

    assert {where: words for where, words in found.items() if words} == {}


def test_list_filters_answer_bad_input_in_words(client, recruiter, live_ad):
    public = client.get("/jobs/", {"family": "zzz", "arrangement": "moon", "q": "x" * 300})
    client.force_login(recruiter)
    staff = client.get("/staff/ads/", {"status": "moon", "owner": "abc", "family": "zzz"})

    assert library_wording(public.content.decode()) == []
    assert library_wording(staff.content.decode()) == []
