"""Forms of the reviewer dashboard: board filters, stage moves (single and bulk) and notes."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.form_messages import PlainMessagesMixin
from hiring.dashboard.board import DEFAULT_SORT, FIT_CHOICES, SORT_COLUMNS, BoardFilters
from hiring.flags.rules import FlagKind
from hiring.models import Application, Note
from hiring.pipeline.stages import EmailDraft, reason_problem, target_problem

Stage = Application.Stage
ANY = [("", "Any")]


class BoardFilterForm(PlainMessagesMixin, forms.Form):
    q = forms.CharField(
        label="Search name, email or GitHub",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"data-shortcut-search": ""}),  # where "/" puts the cursor
    )
    stage = forms.ChoiceField(choices=ANY + Stage.choices, required=False)
    flag = forms.ChoiceField(label="Flag", choices=ANY + FlagKind.choices, required=False)
    score_min = forms.IntegerField(label="Score from", min_value=0, max_value=100, required=False)
    score_max = forms.IntegerField(label="Score to", min_value=0, max_value=100, required=False)
    fit = forms.ChoiceField(label="Role fit", choices=ANY + FIT_CHOICES, required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> BoardFilters:
        """The valid filters; an invalid value is ignored rather than failing the whole board."""
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        sort = data.get("sort") or DEFAULT_SORT
        return BoardFilters(
            search=(data.get("q") or "").strip(),
            stage=data.get("stage") or "",
            flag=data.get("flag") or "",
            score_min=data.get("score_min"),
            score_max=data.get("score_max"),
            fit=data.get("fit") or "",
            sort=sort if sort.removeprefix("-") in SORT_COLUMNS else DEFAULT_SORT,
        )


class MoveForm(PlainMessagesMixin, forms.Form):
    """A stage move; the email fields start as the stage's template and may be edited or dropped."""

    to = forms.ChoiceField(label="Move to", choices=Stage.choices)
    reason = forms.CharField(
        label="Why", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    send_email = forms.BooleanField(label="Email the candidate", required=False)
    subject = forms.CharField(max_length=200, required=False)
    body = forms.CharField(
        label="Message", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 10})
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        to = data.get("to", "")
        if problem := target_problem(self.application.stage, to):
            self.add_error("to", problem)
        elif problem := reason_problem(to, data.get("reason", "")):
            self.add_error("reason", problem)
        if data.get("send_email") and not (data.get("subject", "").strip() and data.get("body", "").strip()):
            self.add_error("body", "Write a subject and a message, or untick the email.")
        return data

    def email(self, template: str) -> EmailDraft | None:
        if not self.cleaned_data.get("send_email"):
            return None
        return EmailDraft(
            template=template, subject=self.cleaned_data["subject"], body=self.cleaned_data["body"]
        )


class ApplicationIdsField(forms.Field):
    """The ticked rows' ids; the view looks them up within the ad the user may see."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[uuid.UUID]:
        try:
            return [uuid.UUID(str(item)) for item in value or []]
        except ValueError as error:
            raise forms.ValidationError("Tick applications from this board.") from error


class BulkMoveForm(PlainMessagesMixin, forms.Form):
    applications = ApplicationIdsField(error_messages={"required": "Tick at least one application."})
    to = forms.ChoiceField(label="Move the ticked applications to", choices=Stage.choices)
    reason = forms.CharField(label="Why", required=False, max_length=2000)
    send_email = forms.BooleanField(
        label="Send each candidate the new stage's standard email", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if problem := reason_problem(data.get("to", ""), data.get("reason", "")):
            self.add_error("reason", problem)
        return data


class SignInForm(PlainMessagesMixin, AuthenticationForm):
    """The staff sign-in form, with its refusals in plain words."""

    error_messages = {
        "invalid_login": "That username and password do not match an account. Both are case-sensitive.",
        "inactive": "This account is switched off. Ask an administrator to switch it on.",
    }


class NoteForm(PlainMessagesMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Note
        fields = ["body", "is_private"]
        labels = {"body": "Note (markdown)", "is_private": "Private: only you can read it"}
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"body": {"required": "Write the note first."}}


class EmailForm(PlainMessagesMixin, forms.Form):
    """An email to a candidate as the reviewer edits it before it goes (the offered times)."""

    subject = forms.CharField(max_length=200)
    body = forms.CharField(label="Message", max_length=10_000, widget=forms.Textarea(attrs={"rows": 12}))
