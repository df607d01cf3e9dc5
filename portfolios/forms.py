"""Staff input for the reference-code list: "owner/name" or a github.com repository link, its
kind (ours, or a tutorial or course) and optionally the one folder of it that matters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms

from core.form_messages import PlainMessagesMixin
from portfolios.models import KnownRepository

FULL_NAME = re.compile(r"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}$")


def normalize_full_name(value: str) -> str:
    text = value.strip().removesuffix(".git")
    if "://" in text or text.lower().startswith("github.com/"):
        parts = urlsplit(text if "://" in text else f"https://{text}")
        text = parts.path.strip("/").removesuffix(".git")
    if not FULL_NAME.fullmatch(text) or text.split("/")[1] in {".", ".."}:
        raise forms.ValidationError("Enter a repository as owner/name or as its github.com link.")
    return text


FOLDER = re.compile(r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


def normalize_folder(value: str) -> str:
    """ "examples", "/examples/", "examples/" all read "examples/"; empty means the whole repository."""
    text = value.strip().strip("/")
    if not text:
        return ""
    if not FOLDER.fullmatch(text) or any(part in {".", ".."} for part in text.split("/")):
        raise forms.ValidationError("Enter a folder of the repository, such as examples or docs/tutorial.")
    return f"{text}/"


@dataclass(frozen=True)
class Suggestion:
    repository: str
    under: str
    why: str


# Tutorial and course code candidates of this field often reuse. Shown as suggestions: nothing is
# fetched until a person adds one.
SUGGESTIONS = (
    Suggestion("scikit-learn/scikit-learn", "examples/", "scikit-learn's example gallery"),
    Suggestion("karpathy/micrograd", "", "a tiny autograd engine from a popular lecture"),
    Suggestion("karpathy/nanoGPT", "", "a small GPT training codebase"),
    Suggestion("jakevdp/PythonDataScienceHandbook", "", "the Python Data Science Handbook's notebooks"),
    Suggestion("ageron/handson-ml3", "", "the Hands-On Machine Learning book's notebooks"),
)


class KnownRepositoryForm(PlainMessagesMixin, forms.Form):
    repository = forms.CharField(
        max_length=300,
        label="Repository",
        help_text="For example acme/churn-model or https://github.com/acme/churn-model",
        error_messages={
            "required": "Enter a repository as owner/name or as its github.com link.",
            "max_length": "A repository name is shorter than that: enter it as owner/name.",
        },
    )

    kind = forms.ChoiceField(
        label="What it is",
        choices=KnownRepository.Kind.choices,
        initial=KnownRepository.Kind.OURS,
        required=False,  # not chosen: one of ours, the list's first purpose
        widget=forms.RadioSelect,
    )
    under = forms.CharField(
        max_length=200,
        required=False,
        label="Only this folder (optional)",
        help_text="For example examples/ for scikit-learn's gallery; empty reads all of it.",
    )

    def clean_repository(self) -> str:
        return normalize_full_name(self.cleaned_data["repository"])

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or KnownRepository.Kind.OURS

    def clean_under(self) -> str:
        return normalize_folder(self.cleaned_data["under"])
