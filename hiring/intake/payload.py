"""The intake payload: one pydantic model that parses and validates an application.

The public form and any future API go through ``ApplicationIn``, so the same rules apply to both.
Every message is written for the candidate; field names match the form's.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import ErrorDetails

from hiring.intake.salary import DesiredSalary, parse_desired_salary

GITHUB_USERNAME = re.compile(r"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$")
GITHUB_HOSTS = {"github.com", "www.github.com"}
INVALID_GITHUB = (
    "Enter a valid GitHub username (letters, digits and single hyphens, at most 39) or profile URL."
)
MAX_LINKS = 5
MAX_PROJECTS = 3
REPOSITORY_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def normalize_github(value: str) -> str:
    """ "alice", "@alice" or "https://github.com/alice" → "alice"; "" stays "" (a portfolio is optional)."""
    text = value.strip()
    if not text:
        return ""
    if "/" in text or text.lower().startswith(("github.com", "www.github.com")):
        text = _username_from_url(text)
    text = text.removeprefix("@")
    if not GITHUB_USERNAME.fullmatch(text):
        raise ValueError(INVALID_GITHUB)
    return text


def _username_from_url(text: str) -> str:
    path = _github_path(text, "Enter a github.com profile URL or just your GitHub username.")
    if len(path) != 1:
        raise ValueError("Enter your GitHub profile (github.com/username), not a repository or other page.")
    return path[0]


def _github_path(text: str, refusal: str) -> list[str]:
    """The path segments of a github.com link ("github.com/ada/churn" gives ["ada", "churn"])."""
    parts = urlsplit(text if "://" in text else f"https://{text}")
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in GITHUB_HOSTS:
        raise ValueError(refusal)
    return [segment for segment in parts.path.split("/") if segment]


def normalize_project(value: str, github_username: str) -> str:
    """One project to read first, as "owner/name": its name ("churn-model") or owner/name under the
    candidate's own account, or a github.com link to any public repository the review can open."""
    text = value.strip().removesuffix("/").removesuffix(".git")
    if "://" in text or text.lower().startswith(("github.com/", "www.github.com/")):
        path = _github_path(text, f"{value[:80]} is not a github.com link to a repository.")
        if len(path) < 2:
            raise ValueError(f"{value[:80]} links to a profile, not to one of its repositories.")
        owner, name = path[0], path[1].removesuffix(".git")
    elif "/" in text:
        owner, _, name = text.partition("/")
        if github_username and owner.lower() != github_username.lower():
            raise ValueError(
                f"{value[:80]} is under another account: give its full github.com link to have it read."
            )
    elif not github_username:
        raise ValueError(f"Give your GitHub profile above to name {value[:80]}, or give its github.com link.")
    else:
        owner, name = github_username, text
    if not GITHUB_USERNAME.fullmatch(owner) or not REPOSITORY_NAME.fullmatch(name) or name in (".", ".."):
        raise ValueError(f"{value[:80]} is not a GitHub repository name (letters, digits, . _ and -).")
    return f"{owner}/{name}"


def _printable(value: str) -> str:
    """Collapse runs of whitespace (CR/LF included) and refuse other control characters."""
    collapsed = " ".join(value.split())
    if any(unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200d" for char in collapsed):
        raise ValueError("Remove the invisible control characters from this field.")
    return collapsed


def _multiline(value: str) -> str:
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip()
    if any(unicodedata.category(char) == "Cc" and char != "\n" for char in text):
        raise ValueError("Remove the invisible control characters from this field.")
    return text


def _link(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value[:80]} is not a web link (it must start with https:// or http://).")
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_printable)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=120), AfterValidator(_printable)]
Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_multiline)]
Phone = Annotated[str, StringConstraints(max_length=40, pattern=r"^[0-9+()./\- ]*$")]


class ApplicationIn(BaseModel):
    """A validated application, ready for ``submit_application``."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    full_name: Name
    email: EmailStr = Field(max_length=254)
    phone: Phone = ""
    location: Name
    current_title: Title
    years_experience: int = Field(ge=0, le=60)
    skills: Text = ""
    github_username: Annotated[str, AfterValidator(normalize_github)] = ""
    other_links: list[Annotated[str, AfterValidator(_link)]] = Field(
        default_factory=list, max_length=MAX_LINKS
    )
    projects: list[str] = Field(default_factory=list, max_length=MAX_PROJECTS)  # after github_username
    salary_currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    salary_period: Literal["year", "hour"]
    salary_text: Annotated[str, StringConstraints(max_length=60)]  # after currency and period: it reads them
    note: Text = ""
    consent: bool
    submission_token: uuid.UUID

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if not value:
            raise ValueError("We need your consent to process your application.")
        return value

    @field_validator("projects")
    @classmethod
    def _projects_are_repositories(cls, value: list[str], info: ValidationInfo) -> list[str]:
        username = info.data.get("github_username", "")
        found = [normalize_project(item, username) for item in value if item.strip()]
        return list(dict.fromkeys(found))  # the same project named twice is read once

    @field_validator("salary_text")
    @classmethod
    def _salary_parses(cls, value: str, info: ValidationInfo) -> str:
        if "salary_currency" in info.data and "salary_period" in info.data:
            parse_desired_salary(
                value, currency=info.data["salary_currency"], period=info.data["salary_period"]
            )
        return value

    def desired_salary(self) -> DesiredSalary:
        return parse_desired_salary(
            self.salary_text, currency=self.salary_currency, period=self.salary_period
        )

    @property
    def email_normalized(self) -> str:
        return self.email.lower()


# What a candidate reads when a field is refused, by field and pydantic error type ("*": any other
# type). pydantic's own wording ("String should have at least 1 character") never reaches a page;
# our validators' ValueErrors are already written for people and pass through.
LONG_TEXT = "Keep this under 2,000 characters."
FIELD_MESSAGES: dict[str, dict[str, str]] = {
    "full_name": {
        "string_too_long": "Your name can be at most 200 characters.",
        "*": "Enter your full name.",
    },
    "email": {
        "string_too_long": "An email address can be at most 254 characters.",
        "*": "Enter your email address, like name@example.com.",
    },
    "phone": {
        "string_too_long": "A phone number can be at most 40 characters.",
        "*": "A phone number may hold digits, spaces and + ( ) - . / only.",
    },
    "location": {
        "string_too_long": "Keep where you are based under 200 characters.",
        "*": "Enter where you are based, such as a city or “Remote”.",
    },
    "current_title": {
        "string_too_long": "A job title can be at most 120 characters.",
        "*": "Enter your current or most recent job title.",
    },
    "years_experience": {
        "greater_than_equal": "Years of experience cannot be below 0.",
        "less_than_equal": "Enter at most 60 years of experience.",
        "*": "Enter your years of professional experience as a whole number, such as 6.",
    },
    "skills": {"*": LONG_TEXT},
    "note": {"*": LONG_TEXT},
    "github_username": {"*": INVALID_GITHUB},
    "other_links": {"too_long": f"Give at most {MAX_LINKS} links.", "*": "Give one web link per line."},
    "projects": {"too_long": "Name at most three projects.", "*": "Give one repository per line."},
    "salary_currency": {"*": "Choose the currency of your desired pay."},
    "salary_period": {"*": "Choose whether your desired pay is per year or per hour."},
    "salary_text": {
        "string_too_long": "Enter just the amount, such as 150,000.",
        "*": "Enter your desired minimum salary.",
    },
    "consent": {"*": "We need your consent to process your application."},
    "submission_token": {"*": "This form has expired: check your answers and send it again."},
}


def message_for(error: ErrorDetails) -> str:
    """The sentence a candidate reads for one refused field of ``ApplicationIn``."""
    field = str(error["loc"][0]) if error["loc"] else ""
    ours = (error.get("ctx") or {}).get("error")
    if error["type"] == "value_error" and isinstance(ours, ValueError):
        return str(ours)  # raised by our own validators, in our words
    if field == "email" and error["type"] == "value_error" and "@" not in str(error.get("input", "")):
        return "An email address needs an @, like name@example.com."
    messages = FIELD_MESSAGES.get(field, {})
    return messages.get(error["type"]) or messages.get("*") or "Check this answer."
