"""Staff input for the known-repositories list: "owner/name" or a github.com repository link."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import forms

FULL_NAME = re.compile(r"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}$")


def normalize_full_name(value: str) -> str:
    text = value.strip().removesuffix(".git")
    if "://" in text or text.lower().startswith("github.com/"):
        parts = urlsplit(text if "://" in text else f"https://{text}")
        text = parts.path.strip("/").removesuffix(".git")
    if not FULL_NAME.fullmatch(text) or text.split("/")[1] in {".", ".."}:
        raise forms.ValidationError("Enter a repository as owner/name or as its github.com link.")
    return text


class KnownRepositoryForm(forms.Form):
    repository = forms.CharField(
        max_length=300,
        label="Repository",
        help_text="For example acme/churn-model or https://github.com/acme/churn-model",
        error_messages={
            "required": "Enter a repository as owner/name or as its github.com link.",
            "max_length": "A repository name is shorter than that: enter it as owner/name.",
        },
    )

    def clean_repository(self) -> str:
        return normalize_full_name(self.cleaned_data["repository"])
