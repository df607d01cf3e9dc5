"""The intake payload applies one set of rules to every application (rows F1, F2, F7, F8, F9)."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from hiring.intake.payload import ApplicationIn, normalize_github


def payload(**changes):
    values = {
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "location": "London",
        "current_title": "Data Scientist",
        "years_experience": 6,
        "salary_currency": "USD",
        "salary_period": "year",
        "salary_text": "$150k",
        "consent": True,
        "submission_token": uuid.uuid4(),
    }
    return {**values, **changes}


def errors_of(**changes) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        ApplicationIn(**payload(**changes))
    return {".".join(map(str, e["loc"])): e["msg"] for e in caught.value.errors()}


def test_a_complete_application_parses():
    application = ApplicationIn(**payload(github_username="https://github.com/ada-l"))

    assert application.github_username == "ada-l"
    assert application.desired_salary().amount == 150_000


@pytest.mark.parametrize(
    ("raw", "username"),
    [
        ("alice", "alice"),
        ("@alice", "alice"),
        ("https://github.com/alice", "alice"),
        ("http://www.github.com/alice/", "alice"),
        ("github.com/Alice-B?tab=repositories", "Alice-B"),
        ("", ""),
    ],
)
def test_github_profiles_are_normalized_to_the_username(raw, username):
    assert normalize_github(raw) == username


@pytest.mark.parametrize(
    "raw",
    [
        "-foo",
        "foo-",
        "a b",
        "../etc",
        "user?x=1",
        "a" * 40,
        "fo--o",
        "\u057dam",
        "https://gitlab.com/alice",
        "github.com/alice/repo",
    ],
)
def test_invalid_github_usernames_are_refused(raw):
    with pytest.raises(ValueError, match="GitHub"):
        normalize_github(raw)


def test_the_github_error_reaches_the_field():
    assert "Enter a valid GitHub username" in errors_of(github_username="-foo")["github_username"]


@pytest.mark.parametrize("text", ["-1", "0", "NaN", "Infinity", "1e309", "10^30", "100.000,50", ""])
def test_unusable_salaries_are_errors_on_the_salary_field(text):
    assert "salary_text" in errors_of(salary_text=text)


def test_a_ten_thousand_character_name_is_a_length_error():
    assert "String should have at most 200 characters" in errors_of(full_name="x" * 10_000)["full_name"]


def test_line_breaks_in_a_name_are_collapsed_so_no_header_can_be_injected():
    application = ApplicationIn(**payload(full_name="Eve\r\nBcc: victim@example.com"))

    assert application.full_name == "Eve Bcc: victim@example.com"


def test_control_characters_are_refused():
    assert "control characters" in errors_of(full_name="Eve\x00\x07")["full_name"]
    assert "control characters" in errors_of(full_name="cv\u202efdp.exe")["full_name"]


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", '=HYPERLINK("http://x")', "Zoë 🚀 Ng"])
def test_markup_formulas_and_emoji_are_stored_as_text(name):
    assert ApplicationIn(**payload(full_name=name)).full_name == name


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "ada@", "ada@example.com\r\nBcc: x@y.z"])
def test_invalid_emails_are_refused(email):
    assert "email" in errors_of(email=email)


def test_email_case_is_normalized_for_duplicate_checks():
    assert ApplicationIn(**payload(email="Ada@Example.COM")).email_normalized == "ada@example.com"


def test_an_international_domain_is_accepted():
    assert ApplicationIn(**payload(email="ada@bücher.de")).email == "ada@bücher.de"


def test_links_must_be_web_links():
    errors = errors_of(other_links=["javascript:alert(1)"])

    assert "is not a web link" in errors["other_links.0"]


def test_consent_is_required():
    assert "consent" in errors_of(consent=False)["consent"]
